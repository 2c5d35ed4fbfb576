// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Destroying a SipEngine with a great deal of work in flight is bounded and never aborts
// ("QThread: Destroyed while thread is still running" used to end the process when the
// engine thread did not stop within 3 s):
//   queuedFlood    10,000 costly calls queued to the engine thread, then the destructor
//   subscriptions  10,000 presence subscriptions to an unreachable loopback port, some
//                  sent, most still queued to the engine thread, then the engine destroyed
//   silentPeer     10,000 subscriptions to a socket that never answers, 2 s in flight
//   messages       the same with 5,000 MESSAGEs and 2,000 OPTIONS
//   afterShutdown  shutdown() then at once the destructor, without waiting for
//                  shutdownComplete
// Each destruction must return within the engine's bound and leave no thread running.

#include "sip/SipEngine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUdpSocket>

#include <memory>

namespace {

// What a test allows the destructor: the engine's own bound is well below it, and the
// slack absorbs a loaded machine; the old failure was an abort, not a slow return.
constexpr qint64 destroyBoundMs = 8000;

// A loopback port nobody listens on: bound then released, so datagrams to it are refused.
quint16 unreachablePort()
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0))
        return 9;
    return socket.localPort();
}

std::unique_ptr<Sip::SipEngine> startedEngine()
{
    auto engine = std::make_unique<Sip::SipEngine>();
    QSignalSpy started(engine.get(), &Sip::SipEngine::started);
    Sip::EngineConfig config;
    config.listen.append({ Sip::TransportType::Udp, QHostAddress(QHostAddress::LocalHost), 0 });
    engine->start(config);
    if (!started.wait(10000))
        return nullptr;
    return engine;
}

int engineThreads()
{
    // Threads named after the engine's ("sip-engine", Qt names the OS thread after the
    // QThread's object name on Linux): none may be left once the engine is gone.
    int count = 0;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "sip-engine")
            ++count;
    }
    return count;
}

} // namespace

class TestEngineShutdown : public QObject
{
    Q_OBJECT
private slots:
    void queuedFlood();
    void subscriptions();
    void subscriptionsToSilentPeer();
    void messages();
    void afterShutdown();

private:
    void destroyBounded(std::unique_ptr<Sip::SipEngine> engine);
};

void TestEngineShutdown::destroyBounded(std::unique_ptr<Sip::SipEngine> engine)
{
    QCOMPARE(engineThreads(), 1);
    QElapsedTimer timer;
    timer.start();
    engine.reset();
    const qint64 elapsed = timer.elapsed();
    qInfo("engine destroyed in %lld ms", elapsed);
    QVERIFY2(elapsed < destroyBoundMs, qPrintable(QStringLiteral("took %1 ms").arg(elapsed)));
    // The destructor returned once the thread had finished; the OS thread ends right after
    // (QThread::wait() returns before the last few instructions of the thread).
    QTRY_COMPARE_WITH_TIMEOUT(engineThreads(), 0, 1000);
}

void TestEngineShutdown::queuedFlood()
{
    // What 10,000 contacts did to the engine when the app pushed the allowed watchers once
    // per contact: 10,000 calls queued to the engine thread, each costly (a 10,000-address
    // list). The thread used to work through all of them before it could stop.
    auto engine = startedEngine();
    QVERIFY(engine);
    QStringList watchers;
    for (int i = 0; i < 10000; ++i)
        watchers.append(QStringLiteral("sip:user%1@127.0.0.1:9").arg(i));
    for (int i = 0; i < 10000; ++i)
        engine->setAllowedWatchers(watchers);
    // The engine thread is now inside the batch of queued calls: Qt delivers a batch
    // without looking at quit(), so it used to run all of them (tens of seconds) first.
    QTest::qWait(100);
    destroyBounded(std::move(engine));
}

void TestEngineShutdown::subscriptions()
{
    auto engine = startedEngine();
    QVERIFY(engine);
    const quint16 port = unreachablePort();
    for (int i = 0; i < 10000; ++i)
        engine->subscribePresence(QStringLiteral("sip:user%1@127.0.0.1:%2").arg(i).arg(port));
    // Some are on the wire (and being refused) when the engine goes.
    QTest::qWait(300);
    destroyBounded(std::move(engine));
}

void TestEngineShutdown::subscriptionsToSilentPeer()
{
    // Bound and never read: nothing answers, nothing is refused; every transaction stays.
    QUdpSocket silent;
    QVERIFY(silent.bind(QHostAddress::LocalHost, 0));
    auto engine = startedEngine();
    QVERIFY(engine);
    for (int i = 0; i < 10000; ++i)
        engine->subscribePresence(
                QStringLiteral("sip:user%1@127.0.0.1:%2").arg(i).arg(silent.localPort()));
    QTest::qWait(2000);
    destroyBounded(std::move(engine));
}

void TestEngineShutdown::messages()
{
    auto engine = startedEngine();
    QVERIFY(engine);
    const quint16 port = unreachablePort();
    for (int i = 0; i < 5000; ++i)
        engine->sendMessage(QStringLiteral("m%1").arg(i),
                            QStringLiteral("sip:user%1@127.0.0.1:%2").arg(i).arg(port),
                            QStringLiteral("text/plain"), QByteArray("hello"));
    for (int i = 0; i < 2000; ++i)
        engine->sendOptions(QStringLiteral("o%1").arg(i),
                            QStringLiteral("sip:user%1@127.0.0.1:%2").arg(i).arg(port));
    QTest::qWait(300);
    destroyBounded(std::move(engine));
}

void TestEngineShutdown::afterShutdown()
{
    auto engine = startedEngine();
    QVERIFY(engine);
    const quint16 port = unreachablePort();
    for (int i = 0; i < 10000; ++i)
        engine->subscribePresence(QStringLiteral("sip:user%1@127.0.0.1:%2").arg(i).arg(port));
    engine->shutdown();
    destroyBounded(std::move(engine));
}

QTEST_GUILESS_MAIN(TestEngineShutdown)
#include "tst_engine_shutdown.moc"
