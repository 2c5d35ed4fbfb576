// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Serverless presence through App::PresenceController, with real SipEngines on 127.0.0.1
// (UDP) and real databases in a temporary folder:
//   allow     A watches B; B is asked (watcherRequest), allows; A sees B open, then B's
//             status changes (away with a note, idle -> away, on the phone during a call
//             from A, dnd, invisible -> closed); the decision is in B's database
//   deny      B denies: A's subscription ends rejected and B shows closed
//   restart   B quits (A sees it closed), B restarts on the same database: A watching it
//             again is accepted at once, nobody is asked
//   malformed a hand-made notifier (a UDP socket) sends a good PIDF, then a malformed
//             one: both NOTIFYs are answered 200 and the last good state stays
//   contacts  a contact in B's address book is let in without asking; a blocked one is
//             refused without asking
//   489       a SUBSCRIBE for another event package (message-summary) gets 489 with
//             Allow-Events: presence; OPTIONS lists SUBSCRIBE and Allow-Events: presence

#include "presence/PresenceController.h"
#include "storage/ContactStore.h"
#include "storage/StorageContext.h"
#include "storage/StorageThread.h"
#include "storage/WatcherDecisionStore.h"

#include "sip/SipEngine.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace App;

namespace {

struct Seen
{
    QString uri, basic, activity, note;
};

// One Parlo: engine, storage, presence controller, and what it reported.
struct Peer
{
    std::unique_ptr<Sip::SipEngine> engine;
    std::unique_ptr<StorageThread> storage;
    std::unique_ptr<PresenceController> presence;
    QString uri; // sip:parlo@127.0.0.1:PORT
    QList<Seen> seen;
    QStringList requests; // watcher URIs asked about
    QStringList states; // "uri state reason" of our subscriptions
    QStringList rejected; // presenceDocumentRejected reasons
    QStringList stored; // "uri allowed stored"
    bool loaded = false;

    Peer(const QString &databasePath, quint16 port = 0)
    {
        engine = std::make_unique<Sip::SipEngine>();
        storage = std::make_unique<StorageThread>(databasePath);
        storage->start();
        presence = std::make_unique<PresenceController>(*engine, *storage);
        QObject::connect(
                presence.get(), &PresenceController::contactPresenceChanged, presence.get(),
                [this](const QString &u, const QString &b, const QString &a, const QString &n) {
                    seen.append({ u, b, a, n });
                });
        QObject::connect(presence.get(), &PresenceController::watcherRequest, presence.get(),
                         [this](const QString &u, const QString &) { requests.append(u); });
        QObject::connect(presence.get(), &PresenceController::subscriptionStateChanged,
                         presence.get(),
                         [this](const QString &u, const QString &s, const QString &r) {
                             states.append(u + QLatin1Char(' ') + s + QLatin1Char(' ') + r);
                         });
        QObject::connect(presence.get(), &PresenceController::presenceDocumentRejected,
                         presence.get(),
                         [this](const QString &, const QString &r) { rejected.append(r); });
        QObject::connect(presence.get(), &PresenceController::watcherDecisionStored, presence.get(),
                         [this](const QString &u, bool allowed, bool ok) {
                             stored.append(QStringLiteral("%1 %2 %3").arg(u).arg(allowed).arg(ok));
                         });
        QObject::connect(presence.get(), &PresenceController::loaded, presence.get(),
                         [this] { loaded = true; });
        QObject::connect(engine.get(), &Sip::SipEngine::started, engine.get(),
                         [this](const QStringList &listening) {
                             const QRegularExpression udp(
                                     QStringLiteral("^udp:127\\.0\\.0\\.1:(\\d+)$"));
                             for (const QString &l : listening) {
                                 if (const auto m = udp.match(l); m.hasMatch())
                                     uri = QStringLiteral("sip:parlo@127.0.0.1:") + m.captured(1);
                             }
                         });
        Sip::EngineConfig config;
        config.listen.append(
                { Sip::TransportType::Udp, QHostAddress(QHostAddress::LocalHost), port });
        config.t1Milliseconds = 100;
        config.autoAnswerSeconds = 0;
        engine->start(config);
    }

    bool ready() const { return !uri.isEmpty() && loaded; }
    const Seen *last(const QString &who) const
    {
        for (auto it = seen.crbegin(); it != seen.crend(); ++it) {
            if (it->uri == who)
                return &*it;
        }
        return nullptr;
    }
    bool shows(const QString &who, const QString &basic, const QString &activity = {},
               const QString &note = {}) const
    {
        const Seen *s = last(who);
        return s && s->basic == basic && s->activity == activity && s->note == note;
    }
    void quit()
    {
        QSignalSpy done(engine.get(), &Sip::SipEngine::shutdownComplete);
        engine->shutdown();
        QVERIFY(done.wait(10000));
        presence.reset();
        storage.reset();
        engine.reset();
    }
};

QString stateOf(const QStringList &states, const QString &uri)
{
    for (auto it = states.crbegin(); it != states.crend(); ++it) {
        if (it->startsWith(uri + QLatin1Char(' ')))
            return it->mid(uri.size() + 1);
    }
    return {};
}

} // namespace

class TestPresenceServerless : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void allowThenStatusChanges();
    void denied();
    void decisionSurvivesRestart();
    void malformedDocumentKeepsLastGoodState();
    void contactsAcceptedOrBlockedAtOnce();
    void otherEventPackageGets489();

private:
    QString path(const char *name) const { return m_dir->filePath(QString::fromLatin1(name)); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestPresenceServerless::allowThenStatusChanges()
{
    Peer a(path("a.sqlite")), b(path("b.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(a.ready() && b.ready(), 10000);
    a.presence->watch(b.uri);
    QTRY_COMPARE_WITH_TIMEOUT(b.requests, QStringList({ a.uri }), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(a.states, b.uri).startsWith(QLatin1String("pending")), 5000);
    QVERIFY(a.seen.isEmpty()); // nothing about B before it allows

    b.presence->decideWatcher(a.uri, true);
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(b.uri, QStringLiteral("open")), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(stateOf(a.states, b.uri).startsWith(QLatin1String("active")), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(b.stored, QStringList({ a.uri + QStringLiteral(" 1 1") }), 5000);

    b.presence->setOwnStatus(PresenceStatus::Away, QStringLiteral("à midi"));
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(b.uri, QStringLiteral("open"), QStringLiteral("away"),
                                     QStringLiteral("à midi")),
                             5000);
    b.presence->setOwnStatus(PresenceStatus::Available, QStringLiteral("here"));
    QTRY_VERIFY_WITH_TIMEOUT(
            a.shows(b.uri, QStringLiteral("open"), QString(), QStringLiteral("here")), 5000);
    // Idle: away, and back.
    b.presence->setUserIdle(true);
    QCOMPARE(b.presence->effectiveStatus(), QStringLiteral("away"));
    QTRY_VERIFY_WITH_TIMEOUT(
            a.shows(b.uri, QStringLiteral("open"), QStringLiteral("away"), QStringLiteral("here")),
            5000);
    b.presence->setUserIdle(false);
    QTRY_VERIFY_WITH_TIMEOUT(
            a.shows(b.uri, QStringLiteral("open"), QString(), QStringLiteral("here")), 5000);
    // A call: B is on the phone while it is established, then back to what it chose.
    QSignalSpy aCalls(a.engine.get(), &Sip::SipEngine::callStateChanged);
    a.engine->makeCall(QStringLiteral("c1"), b.uri);
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(b.uri, QStringLiteral("open"), QStringLiteral("on-the-phone"),
                                     QStringLiteral("here")),
                             5000);
    QCOMPARE(b.presence->effectiveStatus(), QStringLiteral("on-the-phone"));
    QCOMPARE(b.presence->ownStatus(), PresenceStatus::Available);
    a.engine->hangupCall(QStringLiteral("c1"));
    QTRY_VERIFY_WITH_TIMEOUT(
            a.shows(b.uri, QStringLiteral("open"), QString(), QStringLiteral("here")), 5000);
    QVERIFY(!aCalls.isEmpty());
    b.presence->setOwnStatus(PresenceStatus::DoNotDisturb, {});
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(b.uri, QStringLiteral("open"), QStringLiteral("dnd")), 5000);
    b.presence->setOwnStatus(PresenceStatus::Invisible, QStringLiteral("hidden"));
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(b.uri, QStringLiteral("closed")), 5000);
    QCOMPARE(b.requests.size(), 1);

    // B quits: A's subscription ends (noresource) and B shows closed.
    b.presence->setOwnStatus(PresenceStatus::Busy, {});
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(b.uri, QStringLiteral("open"), QStringLiteral("busy")), 5000);
    const QString bUri = b.uri;
    b.quit();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(a.states, bUri), QStringLiteral("terminated noresource"),
                              5000);
    QVERIFY(a.shows(bUri, QStringLiteral("closed")));
    a.quit();
}

void TestPresenceServerless::denied()
{
    Peer a(path("a.sqlite")), b(path("b.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(a.ready() && b.ready(), 10000);
    a.presence->watch(b.uri);
    QTRY_COMPARE_WITH_TIMEOUT(b.requests, QStringList({ a.uri }), 10000);
    b.presence->decideWatcher(a.uri, false);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(a.states, b.uri), QStringLiteral("terminated rejected"),
                              5000);
    QVERIFY(a.shows(b.uri, QStringLiteral("closed")));
    QVERIFY(!a.shows(b.uri, QStringLiteral("open")));
    QTRY_COMPARE_WITH_TIMEOUT(b.stored, QStringList({ a.uri + QStringLiteral(" 0 1") }), 5000);
    // Watching again is refused at once, and B is not asked again.
    a.presence->watch(b.uri);
    QTRY_COMPARE_WITH_TIMEOUT(
            a.states.filter(b.uri + QStringLiteral(" terminated rejected")).size(), 2, 5000);
    QCOMPARE(b.requests.size(), 1);
    a.quit();
    b.quit();
}

void TestPresenceServerless::decisionSurvivesRestart()
{
    auto a = std::make_unique<Peer>(path("a.sqlite"));
    auto b = std::make_unique<Peer>(path("b.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(a->ready() && b->ready(), 10000);
    a->presence->watch(b->uri);
    QTRY_COMPARE_WITH_TIMEOUT(b->requests.size(), 1, 10000);
    b->presence->decideWatcher(a->uri, true);
    QTRY_COMPARE_WITH_TIMEOUT(b->stored.size(), 1, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(a->shows(b->uri, QStringLiteral("open")), 5000);
    b->quit();
    b.reset();
    {
        StorageContext check(path("b.sqlite"));
        QVERIFY(check.database().open());
        QCOMPARE(WatcherDecisionStore(check.database()).all().size(), 1);
    }

    b = std::make_unique<Peer>(path("b.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(b->ready(), 10000);
    b->presence->setOwnStatus(PresenceStatus::Away, QStringLiteral("back again"));
    a->presence->watch(b->uri);
    QTRY_VERIFY_WITH_TIMEOUT(a->shows(b->uri, QStringLiteral("open"), QStringLiteral("away"),
                                      QStringLiteral("back again")),
                             10000);
    QVERIFY(b->requests.isEmpty());
    a->quit();
    b->quit();
}

void TestPresenceServerless::malformedDocumentKeepsLastGoodState()
{
    Peer a(path("a.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(a.ready(), 10000);
    QUdpSocket notifier;
    QVERIFY(notifier.bind(QHostAddress::LocalHost, 0));
    const QString target = QStringLiteral("sip:bob@127.0.0.1:%1").arg(notifier.localPort());
    a.presence->watch(target);

    const auto receive = [&notifier](QHostAddress *from, quint16 *port) -> QByteArray {
        if (!notifier.hasPendingDatagrams() && !notifier.waitForReadyRead(5000))
            return {};
        QByteArray data(int(notifier.pendingDatagramSize()), Qt::Uninitialized);
        notifier.readDatagram(data.data(), data.size(), from, port);
        return data;
    };
    const auto header = [](const QByteArray &message, const char *name) -> QByteArray {
        for (const QByteArray &line : message.split('\n')) {
            if (line.toLower().startsWith(QByteArray(name).toLower() + ':'))
                return line.mid(qsizetype(qstrlen(name)) + 1).trimmed();
        }
        return {};
    };
    QHostAddress from;
    quint16 port = 0;
    // The engine thread answers while this one blocks in waitForReadyRead: fine.
    const QByteArray subscribe = receive(&from, &port);
    QVERIFY2(subscribe.startsWith("SUBSCRIBE "), subscribe.constData());
    const QByteArray fromHeader = header(subscribe, "From");
    const QByteArray callId = header(subscribe, "Call-ID");
    const QByteArray contact = header(subscribe, "Contact");
    const QByteArray contactUri = contact.mid(contact.indexOf('<') + 1,
                                              contact.indexOf('>') - contact.indexOf('<') - 1);
    const QByteArray ok = "SIP/2.0 200 OK\r\nVia: " + header(subscribe, "Via") + "\r\nFrom: "
            + fromHeader + "\r\nTo: " + header(subscribe, "To") + ";tag=notifier1\r\nCall-ID: "
            + callId + "\r\nCSeq: " + header(subscribe, "CSeq") + "\r\nContact: <"
            + target.toLatin1() + ">\r\nExpires: 600\r\nContent-Length: 0\r\n\r\n";
    notifier.writeDatagram(ok, from, port);

    const auto notify = [&](int cseq, const QByteArray &body) {
        const QByteArray request = "NOTIFY " + contactUri
                + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                + QByteArray::number(notifier.localPort()) + ";branch=z9hG4bKnotify"
                + QByteArray::number(cseq) + "\r\nMax-Forwards: 70\r\nFrom: <" + target.toLatin1()
                + ">;tag=notifier1\r\nTo: " + fromHeader + "\r\nCall-ID: " + callId + "\r\nCSeq: "
                + QByteArray::number(cseq) + " NOTIFY\r\nContact: <" + target.toLatin1()
                + ">\r\nEvent: presence\r\nSubscription-State: active;expires=600\r\n"
                + "Content-Type: application/pidf+xml\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        notifier.writeDatagram(request, from, port);
        QHostAddress f;
        quint16 p = 0;
        for (int i = 0; i < 5; ++i) {
            const QByteArray answer = receive(&f, &p);
            if (answer.startsWith("SIP/2.0 ")
                && header(answer, "CSeq").startsWith(QByteArray::number(cseq)))
                return answer.mid(8, 3).toInt();
        }
        return 0;
    };
    const QByteArray good
            = "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" "
              "xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" "
              "xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\""
            + target.toLatin1()
            + "\"><tuple id=\"t1\"><status><basic>open</basic></status><note>gone "
              "fishing</note></tuple>"
              "<dm:person "
              "id=\"p1\"><rpid:activities><rpid:away/></rpid:activities></dm:person></presence>";
    QCOMPARE(notify(1, good), 200);
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(target, QStringLiteral("open"), QStringLiteral("away"),
                                     QStringLiteral("gone fishing")),
                             5000);
    const int seenBefore = int(a.seen.size());
    // Unclosed elements: not well-formed XML. RFC 6665 §4.1.3 has the subscriber answer
    // a NOTIFY of its subscription 200; a 4xx would end the subscription (§4.2.2).
    const QByteArray malformed
            = "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\""
            + target.toLatin1() + "\"><tuple id=\"t1\"><status><basic>closed</basic></status>";
    QCOMPARE(notify(2, malformed), 200);
    QTRY_COMPARE_WITH_TIMEOUT(a.rejected.size(), 1, 5000);
    QVERIFY2(a.rejected[0].contains(QLatin1String("malformed PIDF")), qPrintable(a.rejected[0]));
    QTest::qWait(200);
    QCOMPARE(int(a.seen.size()), seenBefore);
    QVERIFY(a.shows(target, QStringLiteral("open"), QStringLiteral("away"),
                    QStringLiteral("gone fishing")));
    QVERIFY(stateOf(a.states, target).startsWith(QLatin1String("active")));
    // A good one after it is taken again.
    const QByteArray busy = QByteArray(good).replace("<rpid:away/>", "<rpid:busy/>");
    QCOMPARE(notify(3, busy), 200);
    QTRY_VERIFY_WITH_TIMEOUT(a.shows(target, QStringLiteral("open"), QStringLiteral("busy"),
                                     QStringLiteral("gone fishing")),
                             5000);
}

void TestPresenceServerless::contactsAcceptedOrBlockedAtOnce()
{
    Peer a(path("a.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(a.ready(), 10000);
    const auto addContact = [&a](const QString &file, PresenceAuthorization authorization) {
        StorageContext context(file);
        QVERIFY(context.database().open());
        Contact contact;
        contact.displayName = QStringLiteral("A");
        contact.sipUri = a.uri;
        contact.presenceAuthorization = authorization;
        QVERIFY2(context.contacts().add(contact), qPrintable(context.database().lastError()));
    };
    // In B's address book (not blocked): let in without asking.
    addContact(path("b.sqlite"), PresenceAuthorization::Pending);
    {
        Peer b(path("b.sqlite"));
        QTRY_VERIFY_WITH_TIMEOUT(b.ready(), 10000);
        a.presence->watch(b.uri);
        QTRY_VERIFY_WITH_TIMEOUT(a.shows(b.uri, QStringLiteral("open")), 10000);
        QVERIFY(b.requests.isEmpty());
        a.presence->unwatch(b.uri);
        QTRY_VERIFY_WITH_TIMEOUT(stateOf(a.states, b.uri).startsWith(QLatin1String("terminated")),
                                 5000);
        b.quit();
    }
    // Blocked in C's address book: refused without asking.
    addContact(path("c.sqlite"), PresenceAuthorization::Blocked);
    Peer c(path("c.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(c.ready(), 10000);
    a.presence->watch(c.uri);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(a.states, c.uri), QStringLiteral("terminated rejected"),
                              10000);
    QVERIFY(!a.shows(c.uri, QStringLiteral("open")));
    QVERIFY(c.requests.isEmpty());
    a.quit();
    c.quit();
}

void TestPresenceServerless::otherEventPackageGets489()
{
    Peer b(path("b.sqlite"));
    QTRY_VERIFY_WITH_TIMEOUT(b.ready(), 10000);
    const quint16 port = quint16(b.uri.section(QLatin1Char(':'), -1).toUInt());
    QUdpSocket watcher;
    QVERIFY(watcher.bind(QHostAddress::LocalHost, 0));
    const QByteArray me = "sip:mwi@127.0.0.1:" + QByteArray::number(watcher.localPort());
    const QByteArray subscribe = "SUBSCRIBE " + b.uri.toLatin1()
            + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + QByteArray::number(watcher.localPort())
            + ";branch=z9hG4bKmwi1\r\nMax-Forwards: 70\r\nFrom: <" + me + ">;tag=w1\r\nTo: <"
            + b.uri.toLatin1() + ">\r\nCall-ID: mwi-1@127.0.0.1\r\nCSeq: 1 SUBSCRIBE\r\n"
            + "Contact: <" + me
            + ">\r\nEvent: message-summary\r\nExpires: 600\r\nContent-Length: 0\r\n\r\n";
    watcher.writeDatagram(subscribe, QHostAddress::LocalHost, port);
    QVERIFY(watcher.waitForReadyRead(5000));
    QByteArray answer(int(watcher.pendingDatagramSize()), Qt::Uninitialized);
    watcher.readDatagram(answer.data(), answer.size());
    // RFC 6665 §8.3.2 / §4.2.1.1: a package we do not serve, and the ones we do.
    QVERIFY2(answer.startsWith("SIP/2.0 489 "), answer.constData());
    QVERIFY2(answer.contains("\r\nAllow-Events: presence\r\n"), answer.constData());
    QVERIFY(b.requests.isEmpty());

    // OPTIONS says what we take: SUBSCRIBE, for the presence package.
    const QByteArray options = "OPTIONS " + b.uri.toLatin1()
            + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + QByteArray::number(watcher.localPort())
            + ";branch=z9hG4bKopt1\r\nMax-Forwards: 70\r\nFrom: <" + me + ">;tag=w2\r\nTo: <"
            + b.uri.toLatin1()
            + ">\r\nCall-ID: opt-1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    watcher.writeDatagram(options, QHostAddress::LocalHost, port);
    QVERIFY(watcher.waitForReadyRead(5000));
    answer.resize(int(watcher.pendingDatagramSize()));
    watcher.readDatagram(answer.data(), answer.size());
    QVERIFY2(answer.startsWith("SIP/2.0 200 "), answer.constData());
    QVERIFY2(answer.contains("\r\nAllow-Events: presence\r\n"), answer.constData());
    QVERIFY2(answer.contains("SUBSCRIBE"), answer.constData());
    b.quit();
}

QTEST_GUILESS_MAIN(TestPresenceServerless)
#include "tst_presence_serverless.moc"
