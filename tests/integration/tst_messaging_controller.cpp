// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// MessagingController (app/messaging) over a real SipEngine on 127.0.0.1 and a real
// database, against a scripted SIP peer on a UDP socket (the peer's answers and timing
// are what the tests need to control: a 486, a registrar that is down, a retransmitted
// MESSAGE with the same Call-ID and CSeq, ...).
#include "messaging/MessagingController.h"
#include "storage/Database.h"
#include "storage/StorageContext.h"
#include "storage/StorageThread.h"

#include "sip/SipEngine.h"

#include <QHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <functional>
#include <memory>

using namespace App;

namespace {

struct PeerRequest
{
    QByteArray method;
    QByteArray startLine;
    QList<QPair<QByteArray, QByteArray>> headers; // in order, names lower-case
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
};

// A SIP peer on one UDP socket: answers requests as `policy` says (0: stay silent) and
// records what came, and sends raw requests as a client, collecting the responses.
class ScriptedPeer : public QObject
{
public:
    ScriptedPeer()
    {
        m_socket.bind(QHostAddress::LocalHost, 0);
        connect(&m_socket, &QUdpSocket::readyRead, this, [this] { readAll(); });
    }

    quint16 port() const { return m_socket.localPort(); }
    QString uri(const QString &user) const
    {
        return QStringLiteral("sip:%1@127.0.0.1:%2").arg(user).arg(port());
    }

    std::function<int(const PeerRequest &)> policy = [](const PeerRequest &) { return 200; };
    QList<PeerRequest> requests;
    QList<PeerRequest> responses;

    int count(const QByteArray &method) const
    {
        int n = 0;
        for (const PeerRequest &r : requests)
            n += r.method == method;
        return n;
    }
    QList<PeerRequest> withMethod(const QByteArray &method) const
    {
        QList<PeerRequest> list;
        for (const PeerRequest &r : requests) {
            if (r.method == method)
                list.append(r);
        }
        return list;
    }

    void send(const QByteArray &datagram, quint16 toPort)
    {
        m_socket.writeDatagram(datagram, QHostAddress::LocalHost, toPort);
    }

    QByteArray message(quint16 toPort, const QByteArray &callId, int cseq, const QByteArray &branch,
                       const QByteArray &contentType, const QByteArray &body,
                       const QByteArray &extraHeaders = {},
                       const QByteArray &fromTag = "carol1") const
    {
        const QByteArray target = "sip:parlo@127.0.0.1:" + QByteArray::number(toPort);
        return "MESSAGE " + target
                + " SIP/2.0\r\n"
                  "Via: SIP/2.0/UDP 127.0.0.1:"
                + QByteArray::number(port()) + ";branch=z9hG4bK" + branch
                + ";rport\r\n"
                  "Max-Forwards: 70\r\n"
                  "From: <sip:carol@127.0.0.1>;tag="
                + fromTag
                + "\r\n"
                  "To: <"
                + target
                + ">\r\n"
                  "Call-ID: "
                + callId
                + "\r\n"
                  "CSeq: "
                + QByteArray::number(cseq) + " MESSAGE\r\n" + extraHeaders
                + "Content-Type: " + contentType
                + "\r\n"
                  "Content-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

private:
    static PeerRequest parse(const QByteArray &datagram)
    {
        PeerRequest r;
        const qsizetype split = datagram.indexOf("\r\n\r\n");
        const QByteArray head = datagram.left(split);
        r.body = split < 0 ? QByteArray() : datagram.mid(split + 4);
        const QList<QByteArray> lines = head.split('\n');
        r.startLine = lines.value(0).trimmed();
        r.method = r.startLine.startsWith("SIP/2.0") ? QByteArray()
                                                     : r.startLine.split(' ').value(0);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.append(
                        { line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
        }
        return r;
    }

    void readAll()
    {
        while (m_socket.hasPendingDatagrams()) {
            QHostAddress from;
            quint16 fromPort = 0;
            QByteArray datagram(int(m_socket.pendingDatagramSize()), Qt::Uninitialized);
            m_socket.readDatagram(datagram.data(), datagram.size(), &from, &fromPort);
            if (datagram.trimmed().isEmpty())
                continue; // keep-alive
            const PeerRequest r = parse(datagram);
            if (r.method.isEmpty()) {
                responses.append(r);
                continue;
            }
            requests.append(r);
            if (r.method == "ACK")
                continue;
            const int code = policy(r);
            if (code != 0)
                m_socket.writeDatagram(response(r, code), from, fromPort);
        }
    }

    static QByteArray response(const PeerRequest &r, int code)
    {
        const QByteArray reason = code == 200 ? "OK" : code == 486 ? "Busy Here" : "Refused";
        QByteArray out = "SIP/2.0 " + QByteArray::number(code) + ' ' + reason + "\r\n";
        for (const auto &[name, value] : r.headers) {
            if (name == "via" || name == "v")
                out += "Via: " + value + "\r\n";
        }
        QByteArray to = r.header("to");
        if (!to.contains(";tag="))
            to += ";tag=peer1";
        out += "From: " + r.header("from") + "\r\nTo: " + to + "\r\nCall-ID: " + r.header("call-id")
                + "\r\nCSeq: " + r.header("cseq") + "\r\n";
        if (r.method == "REGISTER" && code == 200)
            out += "Contact: " + r.header("contact") + ";expires=600\r\n";
        return out + "Content-Length: 0\r\n\r\n";
    }

    QUdpSocket m_socket;
};

} // namespace

class TestMessagingController : public QObject
{
    Q_OBJECT

    struct Rig
    {
        std::unique_ptr<Sip::SipEngine> engine;
        std::unique_ptr<StorageThread> storage;
        std::unique_ptr<MessagingController> messaging;
        quint16 port = 0;
    };

    std::unique_ptr<QTemporaryDir> m_dir;
    QString dbPath() const { return m_dir->filePath(QStringLiteral("parlo.sqlite")); }

    // The engine with its controller; `account` (empty: serverless) registers at start.
    bool makeRig(Rig &rig, const Sip::AccountConfig &account = {})
    {
        rig.engine = std::make_unique<Sip::SipEngine>();
        rig.storage = std::make_unique<StorageThread>(dbPath());
        QSignalSpy opened(rig.storage.get(), &StorageThread::opened);
        rig.storage->start();
        if (!opened.wait(10000) || !opened.at(0).at(0).toBool())
            return false;
        rig.messaging = std::make_unique<MessagingController>(*rig.engine, *rig.storage);
        Sip::EngineConfig config;
        config.listen = { { Sip::TransportType::Udp, QHostAddress::LocalHost, 0 } };
        config.t1Milliseconds = 50;
        if (!account.aor.isEmpty()) {
            rig.engine->addAccount(QStringLiteral("1"), account);
            rig.messaging->setAccountOnline(false);
        }
        QSignalSpy started(rig.engine.get(), &Sip::SipEngine::started);
        rig.engine->start(config);
        if (!started.wait(10000))
            return false;
        rig.port = quint16(
                started.at(0).at(0).toStringList().value(0).section(QLatin1Char(':'), -1).toUInt());
        if (!account.aor.isEmpty())
            rig.engine->registerAccount(QStringLiteral("1"));
        return rig.port != 0;
    }

    // A second connection, in the test thread, to look at what is on disk.
    QVariant scalar(const QString &sql, const QVariantList &binds = {})
    {
        Database db(dbPath());
        if (!db.open())
            return {};
        return db.scalar(sql, binds);
    }

    static QList<MessageState> states(const QSignalSpy &spy, qint64 id)
    {
        QList<MessageState> list;
        for (const QList<QVariant> &args : spy) {
            if (args.at(0).toLongLong() == id)
                list.append(args.at(1).value<MessageState>());
        }
        return list;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void queuedSendingSent()
    {
        ScriptedPeer peer;
        Rig rig;
        QVERIFY(makeRig(rig));
        QVariant rowWhenSent;
        peer.policy = [&](const PeerRequest &r) {
            // The message is on disk (Sending) before a byte of it reaches the peer.
            if (r.method == "MESSAGE")
                rowWhenSent = scalar(QStringLiteral("SELECT state FROM messages"));
            return 200;
        };
        QSignalSpy added(rig.messaging.get(), &MessagingController::messageAdded);
        QSignalSpy status(rig.messaging.get(), &MessagingController::messageStatusChanged);
        const QString text = QStringLiteral("héllo 你好 😀");
        rig.messaging->sendText(peer.uri(QStringLiteral("bob")), text);
        QVERIFY(added.wait(5000));
        const auto message = added.at(0).at(0).value<StoredMessage>();
        QCOMPARE(message.state, MessageState::Queued);
        QCOMPARE(message.direction, MessageDirection::Outgoing);
        QCOMPARE(message.body, text);
        QVERIFY(message.id > 0);
        QTRY_COMPARE_WITH_TIMEOUT(states(status, message.id).size(), 2, 5000);
        QCOMPARE(states(status, message.id),
                 (QList<MessageState> { MessageState::Sending, MessageState::Sent }));
        QCOMPARE(status.last().at(2).toInt(), 200);
        QCOMPARE(rowWhenSent.toInt(), int(MessageState::Sending));
        QCOMPARE(peer.count("MESSAGE"), 1);
        const PeerRequest sent = peer.withMethod("MESSAGE").first();
        QCOMPARE(QString::fromUtf8(sent.body), text);
        QVERIFY(sent.header("content-type").startsWith("text/plain"));
        QCOMPARE(scalar(QStringLiteral("SELECT state FROM messages WHERE id = ?"), { message.id })
                         .toInt(),
                 int(MessageState::Sent));
    }

    void failedWithCodeThenResend()
    {
        ScriptedPeer peer;
        Rig rig;
        QVERIFY(makeRig(rig));
        int answer = 486;
        peer.policy = [&](const PeerRequest &) { return answer; };
        QSignalSpy added(rig.messaging.get(), &MessagingController::messageAdded);
        QSignalSpy status(rig.messaging.get(), &MessagingController::messageStatusChanged);
        QSignalSpy failed(rig.messaging.get(), &MessagingController::operationFailed);
        rig.messaging->sendText(peer.uri(QStringLiteral("bob")), QStringLiteral("are you there?"));
        QVERIFY(added.wait(5000));
        const qint64 id = added.at(0).at(0).value<StoredMessage>().id;
        QTRY_COMPARE_WITH_TIMEOUT(states(status, id).size(), 2, 5000);
        QCOMPARE(states(status, id).last(), MessageState::Failed);
        QCOMPARE(status.last().at(2).toInt(), 486);
        QVERIFY2(status.last().at(3).toString().contains(QLatin1String("Busy")),
                 qPrintable(status.last().at(3).toString()));
        QCOMPARE(scalar(QStringLiteral("SELECT failure_code FROM messages WHERE id = ?"), { id })
                         .toInt(),
                 486);

        answer = 200;
        status.clear();
        rig.messaging->resend(id);
        QTRY_COMPARE_WITH_TIMEOUT(states(status, id).size(), 3, 5000);
        QCOMPARE(states(status, id),
                 (QList<MessageState> { MessageState::Queued, MessageState::Sending,
                                        MessageState::Sent }));
        QCOMPARE(peer.count("MESSAGE"), 2);
        QCOMPARE(scalar(QStringLiteral("SELECT state FROM messages WHERE id = ?"), { id }).toInt(),
                 int(MessageState::Sent));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);

        // Only a failed message can be sent again.
        rig.messaging->resend(id);
        QVERIFY(failed.wait(5000));
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("resend"));
        QCOMPARE(peer.count("MESSAGE"), 2);
    }

    void timeoutFailsWithCode()
    {
        ScriptedPeer peer;
        Rig rig;
        QVERIFY(makeRig(rig));
        peer.policy = [](const PeerRequest &) { return 0; }; // never answers: Timer F
        QSignalSpy status(rig.messaging.get(), &MessagingController::messageStatusChanged);
        rig.messaging->sendText(peer.uri(QStringLiteral("bob")), QStringLiteral("hello?"));
        QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty()
                                         && status.last().at(1).value<MessageState>()
                                                 == MessageState::Failed,
                                 15000);
        QCOMPARE(status.last().at(2).toInt(), 408);
    }

    void offlineQueueFlushedOnRegistration()
    {
        // What a previous run left: one queued and one interrupted while sending.
        {
            StorageContext context(dbPath());
            QVERIFY(context.database().open());
            const auto queued = context.messages().addOutgoing(
                    QStringLiteral("sip:bob@127.0.0.1"), QStringLiteral("left queued"), {}, 1000);
            const auto sending = context.messages().addOutgoing(
                    QStringLiteral("sip:bob@127.0.0.1"), QStringLiteral("left sending"), {}, 2000);
            QVERIFY(queued && sending);
            QVERIFY(context.messages().setSending(*sending, QStringLiteral("old@x"), 1));
        }
        ScriptedPeer registrar;
        bool registrarUp = false;
        registrar.policy = [&](const PeerRequest &r) {
            if (r.method == "REGISTER")
                return registrarUp ? 200 : 0;
            return 200;
        };
        Sip::AccountConfig account;
        account.aor = QStringLiteral("sip:alice@127.0.0.1");
        account.proxy = QStringLiteral("sip:127.0.0.1:%1").arg(registrar.port());
        account.password = QStringLiteral("unused");
        Rig rig;
        QVERIFY(makeRig(rig, account));
        QSignalSpy added(rig.messaging.get(), &MessagingController::messageAdded);
        QSignalSpy status(rig.messaging.get(), &MessagingController::messageStatusChanged);
        QVERIFY(!rig.messaging->isAccountOnline());
        rig.messaging->sendText(QStringLiteral("sip:bob@127.0.0.1"),
                                QStringLiteral("typed offline"));
        QVERIFY(added.wait(5000));
        QCOMPARE(added.at(0).at(0).value<StoredMessage>().state, MessageState::Queued);
        QTest::qWait(700);
        QCOMPARE(registrar.count("MESSAGE"), 0); // held while unregistered
        QVERIFY(status.isEmpty());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE state IN (0, 1)"))
                         .toInt(),
                 3);

        registrarUp = true; // a REGISTER retransmission or retry now gets its 200
        QTRY_VERIFY_WITH_TIMEOUT(rig.messaging->isAccountOnline(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(
                scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE state = 2")).toInt(), 3,
                10000);
        QStringList bodies;
        for (const PeerRequest &r : registrar.withMethod("MESSAGE"))
            bodies.append(QString::fromUtf8(r.body));
        QCOMPARE(bodies,
                 (QStringList { QStringLiteral("left queued"), QStringLiteral("left sending"),
                                QStringLiteral("typed offline") }));
    }

    void incomingStoredBefore200AndDuplicatesOnce()
    {
        ScriptedPeer carol;
        Rig rig;
        QVERIFY(makeRig(rig));
        QSignalSpy added(rig.messaging.get(), &MessagingController::messageAdded);
        QSignalSpy unread(rig.messaging.get(), &MessagingController::unreadChanged);
        QSignalSpy reachedApp(rig.engine.get(), &Sip::SipEngine::messageReceived);
        QVariant rowsAt200;
        // The 200 is looked at the moment it arrives: the row must already be on disk.
        const QByteArray first
                = carol.message(rig.port, "dup-1@127.0.0.1", 7, "a1", "text/plain;charset=UTF-8",
                                QStringLiteral("première 😀").toUtf8());
        carol.send(first, rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(carol.responses.size(), 1, 5000);
        rowsAt200 = scalar(
                QStringLiteral("SELECT COUNT(*) FROM messages WHERE call_id = 'dup-1@127.0.0.1'"));
        QVERIFY(carol.responses.at(0).startLine.startsWith("SIP/2.0 200"));
        QCOMPARE(rowsAt200.toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 5000);
        const auto message = added.at(0).at(0).value<StoredMessage>();
        QCOMPARE(message.body, QStringLiteral("première 😀"));
        QCOMPARE(message.peerUri, QStringLiteral("sip:carol@127.0.0.1"));
        QCOMPARE(message.direction, MessageDirection::Incoming);
        QTRY_VERIFY_WITH_TIMEOUT(!unread.isEmpty(), 5000);
        QCOMPARE(unread.last().at(0).toInt(), 1);

        // A plain retransmission: the server transaction answers it again.
        carol.send(first, rig.port);
        // The same Call-ID, CSeq and sender from a restarted client (new branch, new From
        // tag, so no merged request for the engine): the store finds the duplicate.
        carol.send(carol.message(rig.port, "dup-1@127.0.0.1", 7, "a2", "text/plain;charset=UTF-8",
                                 QStringLiteral("première 😀").toUtf8(), {}, "carol2"),
                   rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(carol.responses.size(), 3, 5000);
        // A late retransmission, after the transaction is gone (Timer J, 64*T1 = 3.2 s).
        QTest::qWait(3500);
        carol.send(first, rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(carol.responses.size(), 4, 5000);
        for (const PeerRequest &r : carol.responses)
            QVERIFY2(r.startLine.startsWith("SIP/2.0 200"), r.startLine.constData());
        QTest::qWait(300);
        // Three copies reached the controller (the in-transaction retransmission did not),
        // one was reported.
        QCOMPARE(reachedApp.size(), 3);
        QCOMPARE(added.size(), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);

        // Unknown content: stored with its type, raw bytes kept (base64), reported.
        const QByteArray binary("\x00\x01\xfe\xffparlo", 9);
        carol.send(carol.message(rig.port, "bin-1@127.0.0.1", 1, "b1", "application/x-parlo-test",
                                 binary),
                   rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 2, 5000);
        const auto unsupported = added.at(1).at(0).value<StoredMessage>();
        QCOMPARE(unsupported.contentType, QStringLiteral("application/x-parlo-test"));
        QVERIFY(!MessagingController::isPlainText(unsupported.contentType));
        QCOMPARE(QByteArray::fromBase64(unsupported.body.toLatin1()), binary);
        QTRY_COMPARE_WITH_TIMEOUT(carol.responses.size(), 5, 5000);
        QVERIFY(carol.responses.last().startLine.startsWith("SIP/2.0 200"));

        // text/plain in another charset is stored as the text it is.
        carol.send(carol.message(rig.port, "latin-1@127.0.0.1", 1, "e1",
                                 "text/plain; charset=\"ISO-8859-1\"",
                                 QByteArray("gr\xfc\xdf Gott")),
                   rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 3, 5000);
        QCOMPARE(added.at(2).at(0).value<StoredMessage>().body, QStringLiteral("grüß Gott"));

        // A message a server kept for us (msilo) keeps the sender's Date.
        carol.send(carol.message(rig.port, "old-1@127.0.0.1", 1, "c1", "text/plain",
                                 "from yesterday", "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"),
                   rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 4, 5000);
        QCOMPARE(added.at(3).at(0).value<StoredMessage>().sentMs, qint64(1289690940) * 1000);

        rig.messaging->markRead(message.conversationId);
        QTRY_COMPARE_WITH_TIMEOUT(unread.last().at(0).toInt(), 0, 5000);
    }

    void storageFailureAnswers500()
    {
        ScriptedPeer carol;
        Rig rig;
        QVERIFY(makeRig(rig));
        QSignalSpy added(rig.messaging.get(), &MessagingController::messageAdded);
        {
            Database db(dbPath());
            QVERIFY(db.open());
            QVERIFY(db.execute(QStringLiteral("DROP TABLE messages"), "break the store"));
        }
        carol.send(
                carol.message(rig.port, "lost-1@127.0.0.1", 1, "d1", "text/plain", "not storable"),
                rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(carol.responses.size(), 1, 5000);
        QVERIFY2(carol.responses.at(0).startLine.startsWith("SIP/2.0 500"),
                 carol.responses.at(0).startLine.constData());
        QTest::qWait(200);
        QCOMPARE(added.size(), 0);
    }

    void typingIndications()
    {
        ScriptedPeer peer;
        Rig rig;
        QVERIFY(makeRig(rig));
        QSignalSpy typing(rig.messaging.get(), &MessagingController::typingChanged);
        QSignalSpy added(rig.messaging.get(), &MessagingController::messageAdded);
        const QByteArray active
                = "<?xml version=\"1.0\"?><isComposing "
                  "xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">"
                  "<state>active</state><contenttype>text/plain</contenttype></isComposing>";
        peer.send(peer.message(rig.port, "t-1@127.0.0.1", 1, "t1", "application/im-iscomposing+xml",
                               active),
                  rig.port);
        QVERIFY(typing.wait(5000));
        QCOMPARE(typing.at(0).at(0).toString(), QStringLiteral("sip:carol@127.0.0.1"));
        QCOMPARE(typing.at(0).at(1).toBool(), true);
        // RFC 3994 §3.3: the message itself ends "is typing".
        peer.send(peer.message(rig.port, "t-2@127.0.0.1", 1, "t2", "text/plain", "done"), rig.port);
        QTRY_COMPARE_WITH_TIMEOUT(typing.size(), 2, 5000);
        QCOMPARE(typing.at(1).at(1).toBool(), false);
        QCOMPARE(added.size(), 1); // the indication was never stored
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);

        // Ours: "active" once (not per key press), "idle" when we stop.
        const QString bob = peer.uri(QStringLiteral("bob"));
        rig.messaging->sendTyping(bob, true);
        rig.messaging->sendTyping(bob, true);
        rig.messaging->sendTyping(bob, true);
        QTRY_COMPARE_WITH_TIMEOUT(peer.count("MESSAGE"), 1, 5000);
        rig.messaging->sendTyping(bob, false);
        QTRY_COMPARE_WITH_TIMEOUT(peer.count("MESSAGE"), 2, 5000);
        const auto sent = peer.withMethod("MESSAGE");
        QVERIFY(sent.at(0).body.contains("<state>active</state>"));
        QVERIFY(sent.at(1).body.contains("<state>idle</state>"));
        QCOMPARE(sent.at(1).header("content-type"), QByteArray("application/im-iscomposing+xml"));
        QTest::qWait(200);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMessagingController)
#include "tst_messaging_controller.moc"
