// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// CallHistoryRecorder (app/calls): two SipEngines on 127.0.0.1, each with its own database
// and recorder, call each other; every call is recorded on both sides with direction,
// peer, times and result, and a cancelled incoming call is a missed one.
#include "calls/CallHistoryRecorder.h"
#include "storage/StorageContext.h"
#include "storage/StorageThread.h"

#include "sip/SipEngine.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace App;

namespace {

struct Party
{
    std::unique_ptr<Sip::SipEngine> engine;
    std::unique_ptr<StorageThread> storage;
    std::unique_ptr<CallHistoryRecorder> recorder;
    quint16 port = 0;
};

} // namespace

class TestCallHistoryRecorder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Party m_alice;
    Party m_bob;

    bool makeParty(Party &party, const QString &name)
    {
        party.engine = std::make_unique<Sip::SipEngine>();
        party.storage
                = std::make_unique<StorageThread>(m_dir.filePath(name + QStringLiteral(".sqlite")));
        party.recorder = std::make_unique<CallHistoryRecorder>(*party.engine, *party.storage);
        QSignalSpy opened(party.storage.get(), &StorageThread::opened);
        party.storage->start();
        if (!opened.wait(10000) || !opened.at(0).at(0).toBool())
            return false;
        Sip::EngineConfig config;
        config.listen = { { Sip::TransportType::Udp, QHostAddress::LocalHost, 0 } };
        config.t1Milliseconds = 50;
        QSignalSpy started(party.engine.get(), &Sip::SipEngine::started);
        party.engine->start(config);
        if (!started.wait(10000))
            return false;
        party.port = quint16(
                started.at(0).at(0).toStringList().value(0).section(QLatin1Char(':'), -1).toUInt());
        return party.port != 0;
    }

    QString bobUri() const { return QStringLiteral("sip:bob@127.0.0.1:%1").arg(m_bob.port); }

    // Alice calls Bob; returns Bob's id for the call once it rings there.
    QString call(const QString &aliceCallId)
    {
        QSignalSpy incoming(m_bob.engine.get(), &Sip::SipEngine::incomingCall);
        m_alice.engine->makeCall(aliceCallId, bobUri());
        m_alice.recorder->recordOutgoing(aliceCallId, bobUri(), QStringLiteral("Bob"));
        if (!incoming.wait(5000))
            return {};
        return incoming.at(0).at(0).toString();
    }

    static bool waitRecorded(QSignalSpy &spy, int count)
    {
        QElapsedTimer clock;
        clock.start();
        while (spy.size() < count && clock.elapsed() < 10000)
            QTest::qWait(20);
        return spy.size() >= count;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A call a killed run left open: closed as "Interrupted" when the recorder starts.
        {
            StorageContext context(m_dir.filePath(QStringLiteral("bob.sqlite")));
            QVERIFY(context.database().open());
            CallRecord open;
            open.direction = CallDirection::Incoming;
            open.peerUri = QStringLiteral("sip:carol@127.0.0.1");
            open.startMs = 1000;
            QVERIFY(context.calls().add(open));
        }
        QVERIFY(makeParty(m_alice, QStringLiteral("alice")));
        QVERIFY(makeParty(m_bob, QStringLiteral("bob")));
    }

    void interruptedCallClosedAtStart()
    {
        QTRY_COMPARE_WITH_TIMEOUT(
                [this] {
                    StorageContext context(m_bob.storage->path());
                    context.database().open();
                    const auto calls = context.calls().calls();
                    return calls.isEmpty() ? QString() : calls.first().reason;
                }(),
                QStringLiteral("Interrupted"), 5000);
    }

    void rejectedCall()
    {
        QSignalSpy aliceRecorded(m_alice.recorder.get(), &CallHistoryRecorder::recorded);
        QSignalSpy bobRecorded(m_bob.recorder.get(), &CallHistoryRecorder::recorded);
        const QString bobCall = call(QStringLiteral("a1"));
        QVERIFY(!bobCall.isEmpty());
        m_bob.engine->rejectCall(bobCall, 486);
        QVERIFY(waitRecorded(aliceRecorded, 1));
        QVERIFY(waitRecorded(bobRecorded, 1));
        const auto outgoing = aliceRecorded.at(0).at(0).value<CallRecord>();
        QCOMPARE(outgoing.direction, CallDirection::Outgoing);
        QCOMPARE(outgoing.peerUri, bobUri());
        QCOMPARE(outgoing.peerName, QStringLiteral("Bob"));
        QCOMPARE(outgoing.resultCode, 486);
        QCOMPARE(outgoing.answerMs, 0);
        QVERIFY(outgoing.endMs >= outgoing.startMs && outgoing.startMs > 0);
        QVERIFY(!outgoing.isMissed());
        const auto incoming = bobRecorded.at(0).at(0).value<CallRecord>();
        QCOMPARE(incoming.direction, CallDirection::Incoming);
        QVERIFY(incoming.peerUri.startsWith(QLatin1String("sip:parlo@127.0.0.1")));
        QCOMPARE(incoming.resultCode, 486);
        QVERIFY(incoming.id > 0);
    }

    void cancelledIncomingCallIsMissed()
    {
        QSignalSpy aliceRecorded(m_alice.recorder.get(), &CallHistoryRecorder::recorded);
        QSignalSpy bobRecorded(m_bob.recorder.get(), &CallHistoryRecorder::recorded);
        QSignalSpy aliceState(m_alice.engine.get(), &Sip::SipEngine::callStateChanged);
        QVERIFY(!call(QStringLiteral("a2")).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(aliceState.begin(), aliceState.end(),
                                             [](const QList<QVariant> &args) {
                                                 return args.at(1).value<Sip::CallStatus>().state
                                                         == Sip::CallState::Ringing;
                                             }),
                                 5000);
        m_alice.engine->hangupCall(QStringLiteral("a2"));
        QVERIFY(waitRecorded(bobRecorded, 1));
        QVERIFY(waitRecorded(aliceRecorded, 1));
        const auto missed = bobRecorded.at(0).at(0).value<CallRecord>();
        QVERIFY(missed.isMissed());
        QCOMPARE(missed.resultCode, 487);
        QCOMPARE(missed.seen, false); // the missed-call badge counts it
        // Missed for the history and its badge: the interrupted call, the 486 and this one.
        StorageContext context(m_bob.storage->path());
        QVERIFY(context.database().open());
        QCOMPARE(context.calls().unseenMissedCount().value_or(-1), 3);
        const auto missedCalls = context.calls().calls(CallFilter::Missed);
        QCOMPARE(missedCalls.size(), 3);
        QCOMPARE(missedCalls.first().resultCode, 487); // newest first
    }

    void answeredCall()
    {
        QSignalSpy aliceRecorded(m_alice.recorder.get(), &CallHistoryRecorder::recorded);
        QSignalSpy bobRecorded(m_bob.recorder.get(), &CallHistoryRecorder::recorded);
        QSignalSpy aliceState(m_alice.engine.get(), &Sip::SipEngine::callStateChanged);
        const QString bobCall = call(QStringLiteral("a3"));
        QVERIFY(!bobCall.isEmpty());
        m_bob.engine->answerCall(bobCall);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(aliceState.begin(), aliceState.end(),
                                             [](const QList<QVariant> &args) {
                                                 return args.at(1).value<Sip::CallStatus>().state
                                                         == Sip::CallState::Confirmed;
                                             }),
                                 5000);
        QTest::qWait(300);
        m_bob.engine->hangupCall(bobCall);
        QVERIFY(waitRecorded(aliceRecorded, 1));
        QVERIFY(waitRecorded(bobRecorded, 1));
        for (const QSignalSpy *spy : { &aliceRecorded, &bobRecorded }) {
            const auto record = spy->at(0).at(0).value<CallRecord>();
            QCOMPARE(record.resultCode, 200);
            QVERIFY(record.answerMs >= record.startMs);
            QVERIFY(record.endMs - record.answerMs >= 250);
            QVERIFY(!record.isMissed());
            QVERIFY(record.seen);
        }
        StorageContext context(m_alice.storage->path());
        QVERIFY(context.database().open());
        const auto calls = context.calls().calls();
        QCOMPARE(calls.size(), 3);
        QCOMPARE(calls.at(0).resultCode, 200); // newest first
        QVERIFY(calls.at(0).answerMs != 0 && calls.at(0).endMs != 0);
    }
};

QTEST_GUILESS_MAIN(TestCallHistoryRecorder)
#include "tst_call_history_recorder.moc"
