// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The transport layer over real sockets, loopback only (127.0.0.1 and ::1): two
// TransportManagers in one process, plus raw Qt sockets playing odd peers.
#include "sip/core/SystemClock.h"
#include "sip/message/SipMessage.h"
#include "sip/transport/TransportManager.h"
#include "sip/transport/ViaRouting.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <memory>

using namespace Sip;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(Sip::Endpoint)
Q_DECLARE_METATYPE(Sip::TlsVerificationFailure)

namespace {

constexpr int kTimeout = 10000; // ms, generous: real sockets on a busy CI machine

const QHostAddress lo4(QHostAddress::LocalHost);
const QHostAddress lo6(QHostAddress::LocalHostIPv6);

TransportSettings testSettings()
{
    TransportSettings s;
    s.keepAliveInterval = 0ms; // off unless a test wants it
    s.connectTimeout = 5000ms;
    return s;
}

// One side: a clock, a TransportManager and what it received / reported.
struct Peer
{
    explicit Peer(const TransportSettings &settings = testSettings(), const TlsOptions &tls = TlsOptions())
    {
        tm.setSettings(settings);
        tm.setTlsOptions(tls);
        tm.setReceiveHandler([this](const IncomingMessage &m) { received.append(m); });
        tm.setErrorHandler([this](const Endpoint &d, const QString &r) { errors.append({ d, r }); });
    }

    Endpoint listen(TransportType type, const QHostAddress &address, quint16 port = 0)
    {
        QString error;
        if (!tm.addListener(type, address, port, &error)) {
            qWarning() << "listen failed:" << error;
            return {};
        }
        for (const Endpoint &e : tm.listeners()) {
            if (e.transport == type && e.address == address && (port == 0 || e.port == port))
                return e;
        }
        return {};
    }

    SystemClock clock; // declared first: destroyed after the manager
    TransportManager tm { clock };
    QList<IncomingMessage> received;
    QList<QPair<Endpoint, QString>> errors;
};

SipMessage makeRequest(const std::string &method, const std::string &callId, int cseq = 1, size_t bodySize = 0)
{
    const std::string text = method + " sip:bob@parlo.test SIP/2.0\r\n"
        "Via: SIP/2.0/UDP placeholder.invalid;branch=z9hG4bK" + callId + std::to_string(cseq) + "\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:alice@parlo.test>;tag=a1\r\n"
        "To: <sip:bob@parlo.test>\r\n"
        "Call-ID: " + callId + "\r\n"
        "CSeq: " + std::to_string(cseq) + " " + method + "\r\n"
        "Content-Length: 0\r\n\r\n";
    SipMessage m = SipMessage::parse(text);
    if (bodySize > 0)
        m.setBody("text/plain", std::string(bodySize, 'x'));
    return m;
}

// A response with the request's Vias (as delivered, with received/rport), From, To, Call-ID, CSeq.
SipMessage makeResponse(const SipMessage &request, int code = 200)
{
    SipMessage r = SipMessage::createResponse(code, code == 200 ? "OK" : "Whatever");
    for (const HeaderField &f : request.headers()) {
        switch (f.id) {
        case HeaderId::Via:
        case HeaderId::From:
        case HeaderId::CallId:
        case HeaderId::CSeq:
            r.addHeader(HeaderName::canonical(f.id), f.value);
            break;
        case HeaderId::To:
            r.addHeader("To", std::string(f.value) + ";tag=b1");
            break;
        default:
            break;
        }
    }
    r.addHeader("Content-Length", "0");
    return r;
}

QByteArray rawRequest(const std::string &callId, const std::string &via, const std::string &extra = {})
{
    const std::string text = "OPTIONS sip:bob@parlo.test SIP/2.0\r\n"
        "Via: " + via + "\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:alice@parlo.test>;tag=r1\r\n"
        "To: <sip:bob@parlo.test>\r\n"
        "Call-ID: " + callId + "\r\n"
        "CSeq: 1 OPTIONS\r\n" + extra +
        "Content-Length: 0\r\n\r\n";
    return QByteArray::fromStdString(text);
}

bool ipv6Available()
{
    QUdpSocket s;
    return s.bind(lo6, 0);
}

QByteArray readDatagram(QUdpSocket &socket)
{
    if (!socket.hasPendingDatagrams())
        return {};
    QByteArray data(static_cast<qsizetype>(socket.pendingDatagramSize()), '\0');
    socket.readDatagram(data.data(), data.size());
    return data;
}

} // namespace

class TestTransportLoopback : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    bool m_haveTls = false;
    QSslCertificate m_ca;
    QSslCertificate m_serverCert;
    QSslKey m_serverKey;

    TlsOptions serverTls() const
    {
        TlsOptions o;
        o.localCertificate = m_serverCert;
        o.privateKey = m_serverKey;
        return o;
    }
    TlsOptions clientTls(bool withCa) const
    {
        TlsOptions o;
        if (withCa)
            o.caCertificates = { m_ca };
        return o;
    }

    bool runOpenssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning() << "openssl" << args << "failed:" << p.readAllStandardError();
            return false;
        }
        return true;
    }

    // A test CA and a server certificate for parlo.test, 127.0.0.1 and ::1, made with the
    // openssl command line tool (not shipped: made fresh for each run).
    bool makeCertificates()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty() || !QSslSocket::supportsSsl())
            return false;
        QFile ext(m_dir.filePath(QStringLiteral("server.ext")));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write("basicConstraints=CA:FALSE\n"
                  "keyUsage=digitalSignature,keyEncipherment\n"
                  "extendedKeyUsage=serverAuth\n"
                  "subjectAltName=DNS:parlo.test,IP:127.0.0.1,IP:::1\n");
        ext.close();
        const QStringList ec { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                               QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes") };
        if (!runOpenssl(QStringList { "req", "-x509" } + ec
                        + QStringList { "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Parlo Test CA" }))
            return false;
        if (!runOpenssl(QStringList { "req" } + ec
                        + QStringList { "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=parlo.test" }))
            return false;
        if (!runOpenssl({ "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                          "-out", "server.pem", "-days", "2", "-extfile", "server.ext" }))
            return false;
        const auto ca = TlsOptions::loadCertificates(m_dir.filePath(QStringLiteral("ca.pem")));
        const auto server = TlsOptions::loadCertificates(m_dir.filePath(QStringLiteral("server.pem")));
        QFile key(m_dir.filePath(QStringLiteral("server.key")));
        if (ca.isEmpty() || server.isEmpty() || !key.open(QIODevice::ReadOnly))
            return false;
        m_ca = ca.first();
        m_serverCert = server.first();
        m_serverKey = QSslKey(key.readAll(), QSsl::Ec);
        return !m_serverKey.isNull();
    }

    void addFamilyRows(const char *prefix, TransportType type)
    {
        QTest::newRow(QByteArray(prefix).append("/ipv4").constData()) << int(type) << lo4;
        QTest::newRow(QByteArray(prefix).append("/ipv6").constData()) << int(type) << lo6;
    }

    bool skipRow(TransportType type, const QHostAddress &lo)
    {
        if (type == TransportType::Tls && !m_haveTls)
            return true;
        return lo == lo6 && !ipv6Available();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<Sip::Endpoint>();
        qRegisterMetaType<Sip::TlsVerificationFailure>();
        QVERIFY(m_dir.isValid());
        m_haveTls = makeCertificates();
        if (!m_haveTls)
            qWarning("openssl or a TLS backend is missing: the TLS cases are skipped");
    }

    // A request is delivered with the Via reflecting the socket and rport filled in; the
    // response goes back (UDP: to rport; TCP/TLS: over the connection) and tells the
    // client its public address.
    void requestAndResponse_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QHostAddress>("lo");
        addFamilyRows("udp", TransportType::Udp);
        addFamilyRows("tcp", TransportType::Tcp);
        addFamilyRows("tls", TransportType::Tls);
    }

    void requestAndResponse()
    {
        QFETCH(int, type);
        QFETCH(QHostAddress, lo);
        const auto t = TransportType(type);
        if (skipRow(t, lo))
            QFAIL("TLS or IPv6 loopback not available (scripts/deps installs openssl)");

        Peer a(testSettings(), clientTls(true));
        Peer b(testSettings(), serverTls());
        Endpoint bEp = b.listen(t, lo);
        QVERIFY(!bEp.isNull());
        bEp.serverName = QStringLiteral("parlo.test");
        Endpoint aListener;
        if (t == TransportType::Tls)
            QVERIFY(a.tm.addClientTransport(TransportType::Tls, lo));
        else
            aListener = a.listen(t, lo);

        QSignalSpy publicSpy(&a.tm, &TransportManager::publicAddressChanged);
        QVERIFY(a.tm.send(makeRequest("OPTIONS", "rr1"), bEp));
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 1, kTimeout);
        const IncomingMessage in = b.received.first();
        QCOMPARE(in.source.transport, t);
        QCOMPARE(in.source.address, lo);
        QCOMPARE(in.local.port, bEp.port);
        QVERIFY(in.message.isRequest());

        const Via &via = in.message.vias().front();
        QCOMPARE(QString::fromLatin1(via.transport().data(), qsizetype(via.transport().size())),
                 QString::fromLatin1(transportName(t).data()));
        QCOMPARE(ViaRouting::parseHostLiteral(via.host()), lo);
        QCOMPARE(via.port(), int(in.source.port)); // sent-by: the socket actually used
        QCOMPARE(via.rport(), int(in.source.port)); // RFC 3581: filled in by the server
        QVERIFY(via.received().empty()); // sent-by matches the source: no 'received'
        QCOMPARE(via.branch(), std::string_view("z9hG4bKrr11"));
        if (t == TransportType::Udp)
            QCOMPARE(in.source.port, aListener.port);
        else
            QCOMPARE(a.tm.connectionLocalEndpoint(bEp).port, in.source.port);

        QVERIFY(b.tm.sendResponse(makeResponse(in.message), in));
        QTRY_COMPARE_WITH_TIMEOUT(a.received.size(), 1, kTimeout);
        const IncomingMessage out = a.received.first();
        QCOMPARE(out.message.statusCode(), 200);
        QCOMPARE(out.source, bEp);

        QCOMPARE(publicSpy.size(), 1);
        const auto learned = qvariant_cast<Endpoint>(publicSpy.first().at(1));
        QCOMPARE(learned.address, lo);
        QCOMPARE(learned.port, in.source.port);
        QCOMPARE(learned.transport, t);
        QCOMPARE(a.tm.publicAddress(out.local).value_or(Endpoint()), learned);

        if (isReliable(t)) {
            QCOMPARE(a.tm.connectionCount(t), 1);
            QCOMPARE(b.tm.connectionCount(t), 1);
        }
        QVERIFY2(a.errors.isEmpty(), qPrintable(a.errors.value(0).second));
        QVERIFY(b.errors.isEmpty());
    }

    // RFC 3581 behind a "NAT": the Via says 192.0.2.1:5060 (never contacted, just text),
    // the datagram comes from a loopback port; the response goes to received:rport.
    void udpReceivedAndRport()
    {
        Peer b;
        const Endpoint bEp = b.listen(TransportType::Udp, lo4);
        QVERIFY(!bEp.isNull());
        QUdpSocket raw;
        QVERIFY(raw.bind(lo4, 0));
        raw.writeDatagram(rawRequest("nat1", "SIP/2.0/UDP 192.0.2.1:5060;rport;branch=z9hG4bKnat1"), lo4, bEp.port);
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 1, kTimeout);
        const IncomingMessage in = b.received.first();
        const Via &via = in.message.vias().front();
        QCOMPARE(via.received(), std::string_view("127.0.0.1"));
        QCOMPARE(via.rport(), int(raw.localPort()));
        QCOMPARE(via.host(), std::string_view("192.0.2.1"));
        QCOMPARE(TransportManager::responseDestination(in).toString(),
                 QStringLiteral("udp:127.0.0.1:%1").arg(raw.localPort()));

        // Both ways of answering reach the client: §18.2.2 routing, and plain send() to
        // the source as the transaction layer does it.
        QVERIFY(b.tm.sendResponse(makeResponse(in.message), in));
        QTRY_VERIFY_WITH_TIMEOUT(raw.hasPendingDatagrams(), kTimeout);
        SipMessage r = SipMessage::parse(readDatagram(raw).toStdString());
        QVERIFY(!r.isNull());
        QCOMPARE(r.statusCode(), 200);
        QCOMPARE(r.vias().front().received(), std::string_view("127.0.0.1"));
        QVERIFY(b.tm.send(makeResponse(in.message, 486), in.source));
        QTRY_VERIFY_WITH_TIMEOUT(raw.hasPendingDatagrams(), kTimeout);
        r = SipMessage::parse(readDatagram(raw).toStdString());
        QCOMPARE(r.statusCode(), 486);
    }

    // One connection carries several requests and responses, in both directions.
    void connectionReuse_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QHostAddress>("lo");
        addFamilyRows("tcp", TransportType::Tcp);
        addFamilyRows("tls", TransportType::Tls);
    }

    void connectionReuse()
    {
        QFETCH(int, type);
        QFETCH(QHostAddress, lo);
        const auto t = TransportType(type);
        if (skipRow(t, lo))
            QFAIL("TLS or IPv6 loopback not available (scripts/deps installs openssl)");
        TlsOptions both = serverTls();
        both.caCertificates = { m_ca };
        Peer a(testSettings(), both);
        Peer b(testSettings(), both);
        Endpoint bEp = b.listen(t, lo);
        QVERIFY(!bEp.isNull());
        bEp.serverName = QStringLiteral("parlo.test");
        QVERIFY(!a.listen(t, lo).isNull());

        for (int i = 1; i <= 3; ++i)
            QVERIFY(a.tm.send(makeRequest("MESSAGE", "reuse", i), bEp));
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 3, kTimeout);
        for (const IncomingMessage &in : std::as_const(b.received)) {
            QCOMPARE(in.source, b.received.first().source);
            QVERIFY(b.tm.send(makeResponse(in.message), in.source)); // the transaction layer's way
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.received.size(), 3, kTimeout);

        // Now the other way: a request from b to where a's requests came from.
        const Endpoint aSeenByB = b.received.first().source;
        QVERIFY(b.tm.send(makeRequest("OPTIONS", "back"), aSeenByB));
        QTRY_COMPARE_WITH_TIMEOUT(a.received.size(), 4, kTimeout);
        const IncomingMessage back = a.received.last();
        QVERIFY(back.message.isRequest());
        QCOMPARE(back.source, bEp);
        QVERIFY(a.tm.send(makeResponse(back.message), back.source));
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 4, kTimeout);
        QCOMPARE(b.received.last().message.statusCode(), 200);
        QCOMPARE(b.received.last().source, aSeenByB);

        QCOMPARE(a.tm.connectionCount(t), 1);
        QCOMPARE(b.tm.connectionCount(t), 1);
        QVERIFY(a.errors.isEmpty());
        QVERIFY(b.errors.isEmpty());
    }

    // RFC 3261 §18.1.1: a request over 1300 bytes for a UDP destination goes over TCP.
    void largeRequestUsesTcp()
    {
        Peer a;
        Peer b;
        QVERIFY(!a.listen(TransportType::Udp, lo4).isNull());
        QVERIFY(!a.listen(TransportType::Tcp, lo4).isNull());
        Endpoint udp;
        // UDP and TCP on the same port number; retry a few ephemeral ports if TCP's is taken.
        for (int attempt = 0; attempt < 20 && udp.isNull(); ++attempt) {
            QUdpSocket probe;
            QVERIFY(probe.bind(lo4, 0));
            const quint16 port = probe.localPort();
            probe.close();
            QTcpServer tcpProbe;
            if (!tcpProbe.listen(lo4, port))
                continue;
            tcpProbe.close();
            if (!b.listen(TransportType::Udp, lo4, port).isNull() && !b.listen(TransportType::Tcp, lo4, port).isNull())
                udp = Endpoint { TransportType::Udp, lo4, port, {} };
        }
        QVERIFY(!udp.isNull());

        // The sender learns which transport was used: the transaction layer stops
        // retransmitting a request that went over TCP.
        TransportType used = TransportType::Tls;
        QVERIFY(a.tm.send(makeRequest("MESSAGE", "small", 1, 100), udp, &used));
        QCOMPARE(used, TransportType::Udp);
        QVERIFY(a.tm.send(makeRequest("MESSAGE", "large", 2, 2000), udp, &used));
        QCOMPARE(used, TransportType::Tcp);
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 2, kTimeout);
        for (const IncomingMessage &in : std::as_const(b.received)) {
            const bool large = in.message.callId() == "large";
            QCOMPARE(in.source.transport, large ? TransportType::Tcp : TransportType::Udp);
            QCOMPARE(in.message.vias().front().transport(), large ? std::string_view("TCP") : std::string_view("UDP"));
            QVERIFY(b.tm.sendResponse(makeResponse(in.message), in));
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.received.size(), 2, kTimeout);
        QCOMPARE(a.tm.connectionCount(TransportType::Tcp), 1);

        // No TCP at the destination: the failure is reported for the UDP destination, and
        // nothing is sent truncated over UDP.
        QUdpSocket udpOnly;
        QVERIFY(udpOnly.bind(lo4, 0));
        const Endpoint noTcp { TransportType::Udp, lo4, udpOnly.localPort(), {} };
        {
            QTcpServer check; // make sure nothing listens on TCP there
            if (!check.listen(lo4, noTcp.port))
                QFAIL("the port happens to be taken on TCP");
        }
        a.tm.send(makeRequest("MESSAGE", "nowhere", 1, 2000), noTcp);
        QTRY_COMPARE_WITH_TIMEOUT(a.errors.size(), 1, kTimeout);
        QCOMPARE(a.errors.first().first, noTcp);
        QVERIFY(!udpOnly.hasPendingDatagrams());
    }

    // Stream framing: a message cut into many writes, then two messages in one write.
    void tcpFraming()
    {
        Peer b;
        const Endpoint bEp = b.listen(TransportType::Tcp, lo4);
        QTcpSocket raw;
        raw.connectToHost(lo4, bEp.port);
        QVERIFY(raw.waitForConnected(kTimeout));
        const QByteArray first = rawRequest("f1", "SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bKf1");
        for (qsizetype i = 0; i < first.size(); i += 7) {
            raw.write(first.mid(i, 7));
            raw.flush();
            QCoreApplication::processEvents();
        }
        raw.write(rawRequest("f2", "SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bKf2")
                  + rawRequest("f3", "SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bKf3"));
        raw.flush();
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 3, kTimeout);
        QCOMPARE(b.received[0].message.callId(), std::string_view("f1"));
        QCOMPARE(b.received[1].message.callId(), std::string_view("f2"));
        QCOMPARE(b.received[2].message.callId(), std::string_view("f3"));
        QCOMPARE(b.received[0].source.port, raw.localPort());
        // Sent-by port 5099 is not the connection's, but the response uses the connection.
        QVERIFY(b.tm.sendResponse(makeResponse(b.received[1].message), b.received[1]));
        QTRY_VERIFY_WITH_TIMEOUT(raw.bytesAvailable() > 0, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(raw.peek(4096).contains("\r\n\r\n"), kTimeout);
        QVERIFY(raw.readAll().startsWith("SIP/2.0 200 OK\r\n"));
        QCOMPARE(b.tm.connectionCount(TransportType::Tcp), 1);
    }

    // Garbage on a TCP connection closes it; a message larger than the limit too; a
    // well-framed but malformed request gets a 400 and the connection stays.
    void tcpGarbage()
    {
        TransportSettings settings = testSettings();
        settings.limits.maxMessageBytes = 4096;
        Peer b(settings);
        const Endpoint bEp = b.listen(TransportType::Tcp, lo4);

        QTcpSocket garbage;
        garbage.connectToHost(lo4, bEp.port);
        QVERIFY(garbage.waitForConnected(kTimeout));
        garbage.write("NOT SIP AT ALL\r\nContent-Length: zz\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(garbage.state(), QAbstractSocket::UnconnectedState, kTimeout);

        QTcpSocket huge;
        huge.connectToHost(lo4, bEp.port);
        QVERIFY(huge.waitForConnected(kTimeout));
        huge.write(QByteArray(20000, 'A'));
        QTRY_COMPARE_WITH_TIMEOUT(huge.state(), QAbstractSocket::UnconnectedState, kTimeout);

        QTcpSocket bad;
        bad.connectToHost(lo4, bEp.port);
        QVERIFY(bad.waitForConnected(kTimeout));
        bad.write(rawRequest("bad1", "SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bKbad1", "Expires: soon\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(bad.peek(4096).contains("\r\n\r\n"), kTimeout);
        const QByteArray reply = bad.readAll();
        QVERIFY2(reply.startsWith("SIP/2.0 400 "), reply.constData());
        QVERIFY(reply.contains("Call-ID: bad1"));
        QCOMPARE(bad.state(), QAbstractSocket::ConnectedState);
        QVERIFY(b.received.isEmpty());

        // Still serving: a good message on the same connection is delivered.
        bad.write(rawRequest("good1", "SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bKgood1"));
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 1, kTimeout);
        QCOMPARE(b.received.first().message.callId(), std::string_view("good1"));
    }

    // A malformed request over UDP gets a 400 with the parser's reason; a malformed
    // response, junk and keep-alives are dropped without an answer.
    void udpMalformed()
    {
        Peer b;
        const Endpoint bEp = b.listen(TransportType::Udp, lo4);
        QSignalSpy dropped(&b.tm, &TransportManager::messageDropped);
        QUdpSocket raw;
        QVERIFY(raw.bind(lo4, 0));
        raw.writeDatagram(rawRequest("m1", "SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKm1", "Expires: soon\r\n"),
                          lo4, bEp.port);
        QTRY_VERIFY_WITH_TIMEOUT(raw.hasPendingDatagrams(), kTimeout);
        const QByteArray reply = readDatagram(raw);
        const SipMessage r = SipMessage::parse(reply.toStdString());
        QVERIFY2(!r.isNull(), reply.constData());
        QCOMPARE(r.statusCode(), 400);
        QVERIFY2(QByteArray(r.reasonPhrase().data(), qsizetype(r.reasonPhrase().size())).contains("Expires"),
                 reply.constData());
        QCOMPARE(r.callId(), std::string_view("m1"));
        QCOMPARE(dropped.size(), 1);

        raw.writeDatagram("\r\n\r\n", lo4, bEp.port); // a keep-alive: ignored silently
        raw.writeDatagram("SIP/2.0 2000 OK\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKx\r\n\r\n", lo4, bEp.port);
        raw.writeDatagram(QByteArray("\x00\x01\x00\x08\x21\x12\xa4\x42garbage", 16), lo4, bEp.port);
        QTRY_COMPARE_WITH_TIMEOUT(dropped.size(), 3, kTimeout);
        QVERIFY(!raw.hasPendingDatagrams());
        QVERIFY(b.received.isEmpty());
    }

    // RFC 5626 CRLF keep-alive between two managers: pings answered by pongs.
    void keepAlivePingPong()
    {
        TransportSettings fast = testSettings();
        fast.keepAliveInterval = 100ms;
        fast.keepAliveTimeout = 3000ms;
        Peer a(fast);
        Peer b(fast);
        const Endpoint bEp = b.listen(TransportType::Tcp, lo4);
        QVERIFY(!a.listen(TransportType::Tcp, lo4).isNull());
        QSignalSpy lost(&a.tm, &TransportManager::connectionLost);
        QVERIFY(a.tm.send(makeRequest("OPTIONS", "ka"), bEp));
        QTRY_VERIFY_WITH_TIMEOUT(a.tm.keepAlivePongsReceived(bEp) >= 3, kTimeout);
        QVERIFY(a.tm.keepAlivePingsSent(bEp) >= 3);
        QCOMPARE(lost.size(), 0);
        QCOMPARE(b.received.size(), 1); // keep-alives are not messages
    }

    // A peer that never answers pings: the connection is declared dead.
    void keepAliveTimeout()
    {
        TransportSettings fast = testSettings();
        fast.keepAliveInterval = 100ms;
        fast.keepAliveTimeout = 300ms;
        Peer a(fast);
        QVERIFY(!a.listen(TransportType::Tcp, lo4).isNull());
        QTcpServer mute;
        QVERIFY(mute.listen(lo4, 0));
        QByteArray seen;
        QTcpSocket *accepted = nullptr;
        connect(&mute, &QTcpServer::newConnection, this, [&] {
            accepted = mute.nextPendingConnection();
            connect(accepted, &QTcpSocket::readyRead, this, [&] { seen += accepted->readAll(); });
        });
        const Endpoint muteEp { TransportType::Tcp, lo4, mute.serverPort(), {} };
        QSignalSpy lost(&a.tm, &TransportManager::connectionLost);
        QVERIFY(a.tm.send(makeRequest("OPTIONS", "mute"), muteEp));
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, kTimeout);
        QCOMPARE(qvariant_cast<Endpoint>(lost.first().at(0)), muteEp);
        QVERIFY2(lost.first().at(1).toString().contains(QStringLiteral("keep-alive")),
                 qPrintable(lost.first().at(1).toString()));
        QVERIFY(seen.endsWith("\r\n\r\n\r\n\r\n") || seen.endsWith("\r\n\r\n")); // message, then a ping
        QVERIFY(seen.startsWith("OPTIONS "));
        QTRY_COMPARE_WITH_TIMEOUT(a.errors.size(), 1, kTimeout);
        QCOMPARE(a.errors.first().first, muteEp);
        QCOMPARE(a.tm.connectionCount(TransportType::Tcp), 0);
    }

    // The server answers a client's ping with a pong.
    void answersPing()
    {
        Peer b;
        const Endpoint bEp = b.listen(TransportType::Tcp, lo4);
        QTcpSocket raw;
        raw.connectToHost(lo4, bEp.port);
        QVERIFY(raw.waitForConnected(kTimeout));
        raw.write("\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(raw.bytesAvailable(), qint64(2), kTimeout);
        QCOMPARE(raw.readAll(), QByteArray("\r\n"));
    }

    void udpKeepAlive()
    {
        Peer a;
        QVERIFY(!a.listen(TransportType::Udp, lo4).isNull());
        QUdpSocket nat;
        QVERIFY(nat.bind(lo4, 0));
        const Endpoint dest { TransportType::Udp, lo4, nat.localPort(), {} };
        QVERIFY(a.tm.startUdpKeepAlive(dest, 50ms));
        int count = 0;
        QTRY_VERIFY_WITH_TIMEOUT((count += nat.hasPendingDatagrams() && readDatagram(nat) == "\r\n\r\n") >= 3, kTimeout);
        a.tm.stopUdpKeepAlive(dest);
    }

    // The peer closing the connection is signalled; the next send reconnects.
    void connectionLostAndReconnect()
    {
        Peer a;
        Peer b;
        const Endpoint bEp = b.listen(TransportType::Tcp, lo4);
        QVERIFY(!a.listen(TransportType::Tcp, lo4).isNull());
        QSignalSpy aLost(&a.tm, &TransportManager::connectionLost);
        QSignalSpy bLost(&b.tm, &TransportManager::connectionLost);
        QVERIFY(a.tm.send(makeRequest("REGISTER", "reg", 1), bEp));
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 1, kTimeout);
        const Endpoint first = b.received.first().source;

        b.tm.closeConnection(first);
        QTRY_COMPARE_WITH_TIMEOUT(aLost.size(), 1, kTimeout);
        QCOMPARE(qvariant_cast<Endpoint>(aLost.first().at(0)), bEp);
        QCOMPARE(a.tm.connectionCount(TransportType::Tcp), 0);
        QVERIFY(!a.tm.hasConnection(bEp));

        QVERIFY(a.tm.send(makeRequest("REGISTER", "reg", 2), bEp));
        QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 2, kTimeout);
        QVERIFY(b.received.last().source.port != first.port);
        QCOMPARE(a.tm.connectionCount(TransportType::Tcp), 1);
        QCOMPARE(bLost.size(), 0); // b closed it itself
    }

    // Idle connections are closed (the other side sees it as lost); persistent ones stay.
    void idleTimeout()
    {
        TransportSettings idle = testSettings();
        idle.idleTimeout = 300ms;
        Peer a;
        Peer b(idle);
        const Endpoint bEp = b.listen(TransportType::Tcp, lo4);
        QVERIFY(!a.listen(TransportType::Tcp, lo4).isNull());
        QSignalSpy aLost(&a.tm, &TransportManager::connectionLost);
        QVERIFY(a.tm.send(makeRequest("OPTIONS", "idle"), bEp));
        QTRY_COMPARE_WITH_TIMEOUT(aLost.size(), 1, kTimeout);
        QCOMPARE(b.tm.connectionCount(TransportType::Tcp), 0);

        // A persistent flow with keep-alives outlives the idle timeout many times over.
        TransportSettings keep = idle;
        keep.keepAliveInterval = 100ms;
        keep.keepAliveTimeout = 3000ms;
        Peer c(keep);
        c.tm.setPersistent(bEp, true);
        QVERIFY(!c.listen(TransportType::Tcp, lo4).isNull());
        QSignalSpy cLost(&c.tm, &TransportManager::connectionLost);
        QVERIFY(c.tm.send(makeRequest("OPTIONS", "persist"), bEp));
        QTRY_VERIFY_WITH_TIMEOUT(c.tm.keepAlivePongsReceived(bEp) >= 8, kTimeout); // > 800 ms
        QCOMPARE(cLost.size(), 0);
        QVERIFY(c.tm.hasConnection(bEp));
    }

    // TLS verification: fails without the CA (the error carries the fingerprint),
    // succeeds with a pinned fingerprint, fails on a name mismatch.
    void tlsVerification()
    {
        if (!m_haveTls)
            QFAIL("openssl or TLS not available (scripts/deps installs openssl)");
        Peer b(testSettings(), serverTls());
        Endpoint bEp = b.listen(TransportType::Tls, lo4);
        QVERIFY(!bEp.isNull());
        bEp.serverName = QStringLiteral("parlo.test");
        const QByteArray digest = Tls::fingerprint(m_serverCert);
        const QString hex = Tls::formatFingerprint(digest);

        {
            Peer a(testSettings(), clientTls(false));
            QVERIFY(a.tm.addClientTransport(TransportType::Tls));
            QSignalSpy failed(&a.tm, &TransportManager::tlsVerificationFailed);
            QSignalSpy lost(&a.tm, &TransportManager::connectionLost);
            QVERIFY(a.tm.send(makeRequest("OPTIONS", "untrusted"), bEp));
            QTRY_COMPARE_WITH_TIMEOUT(a.errors.size(), 1, kTimeout);
            QCOMPARE(a.errors.first().first, bEp);
            QVERIFY2(a.errors.first().second.contains(hex), qPrintable(a.errors.first().second));
            QCOMPARE(failed.size(), 1);
            const auto failure = qvariant_cast<TlsVerificationFailure>(failed.first().at(1));
            QCOMPARE(failure.fingerprint, digest);
            QCOMPARE(failure.serverName, QStringLiteral("parlo.test"));
            QVERIFY(!failure.errors.isEmpty());
            QCOMPARE(lost.size(), 0); // never established
        }
        {
            Peer a(testSettings(), clientTls(false));
            QVERIFY(a.tm.addClientTransport(TransportType::Tls));
            QVERIFY(a.tm.pinCertificate(QStringLiteral("parlo.test"), hex.toLatin1()));
            QVERIFY(a.tm.send(makeRequest("OPTIONS", "pinned"), bEp));
            QTRY_VERIFY_WITH_TIMEOUT(std::any_of(b.received.cbegin(), b.received.cend(),
                                                 [](const IncomingMessage &m) { return m.message.callId() == "pinned"; }),
                                     kTimeout);
            QVERIFY(a.errors.isEmpty());
        }
        {
            Peer a(testSettings(), clientTls(true));
            QVERIFY(a.tm.addClientTransport(TransportType::Tls));
            Endpoint wrongName = bEp;
            wrongName.serverName = QStringLiteral("other.test");
            QVERIFY(a.tm.send(makeRequest("OPTIONS", "wrongname"), wrongName));
            QTRY_COMPARE_WITH_TIMEOUT(a.errors.size(), 1, kTimeout);
            QVERIFY2(a.errors.first().second.contains(hex), qPrintable(a.errors.first().second));
            QVERIFY(a.errors.first().second.contains(QStringLiteral("other.test")));
        }
    }

    // Sending to an address family without a transport fails at once; nothing crashes.
    void noTransport()
    {
        Peer a;
        QVERIFY(!a.listen(TransportType::Udp, lo4).isNull());
        QVERIFY(!a.tm.send(makeRequest("OPTIONS", "v6"), Endpoint { TransportType::Udp, lo6, 5060, {} }));
        QVERIFY(!a.tm.send(makeRequest("OPTIONS", "tcp"), Endpoint { TransportType::Tcp, lo4, 5060, {} }));
        QVERIFY(!a.tm.send(SipMessage(), Endpoint { TransportType::Udp, lo4, 5060, {} }));
    }
};

QTEST_GUILESS_MAIN(TestTransportLoopback)
#include "tst_transport_loopback.moc"
