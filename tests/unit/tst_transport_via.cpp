// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The socket-free parts of the transport layer: Via rewriting (RFC 3261 §18, RFC 3581),
// response routing, the learned public address and the error response to a malformed
// request.
#include "sip/message/SipMessage.h"
#include "sip/transport/TlsOptions.h"
#include "sip/transport/ViaRouting.h"

#include <QTest>

using namespace Sip;

namespace {

SipMessage parse(const std::string &text)
{
    ParseError error;
    SipMessage m = SipMessage::parse(text, &error);
    if (m.isNull())
        qWarning("parse failed: %s", error.reason.c_str());
    return m;
}

std::string request(const std::string &via)
{
    return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
           "Via: " + via + "\r\n"
           "Max-Forwards: 70\r\n"
           "From: <sip:alice@example.com>;tag=1\r\n"
           "To: <sip:bob@example.com>\r\n"
           "Call-ID: abc@host\r\n"
           "CSeq: 1 OPTIONS\r\n"
           "Content-Length: 0\r\n\r\n";
}

QString topVia(const SipMessage &m)
{
    for (const HeaderField &f : m.headers()) {
        if (f.id == HeaderId::Via)
            return QString::fromStdString(std::string(f.value));
    }
    return {};
}

} // namespace

class TestTransportVia : public QObject
{
    Q_OBJECT

private slots:
    void setSentBy()
    {
        SipMessage m = parse(request("SIP/2.0/UDP placeholder.invalid;branch=z9hG4bKabc;x=1"));
        QVERIFY(!m.isNull());
        QVERIFY(ViaRouting::setTopViaSentBy(m, TransportType::Tcp, QHostAddress("192.0.2.7"), 40000));
        QCOMPARE(topVia(m), QStringLiteral("SIP/2.0/TCP 192.0.2.7:40000;rport;branch=z9hG4bKabc;x=1"));
        QCOMPARE(m.vias().front().branch(), std::string_view("z9hG4bKabc"));
        QVERIFY(m.vias().front().hasRport());
    }

    void setSentByKeepsOtherVias()
    {
        // Two values in the first field, a third in its own field.
        std::string text = request("SIP/2.0/UDP a.invalid;rport;branch=z9hG4bK1, SIP/2.0/UDP proxy.example.com;branch=z9hG4bK2");
        text.insert(text.find("Max-Forwards"), "v: SIP/2.0/TCP other.example.com;branch=z9hG4bK3\r\n");
        SipMessage m = parse(text);
        QVERIFY(!m.isNull());
        QCOMPARE(m.vias().size(), size_t(3));
        QVERIFY(ViaRouting::setTopViaSentBy(m, TransportType::Udp, QHostAddress("::1"), 5062));
        QCOMPARE(m.vias().size(), size_t(3));
        QCOMPARE(m.vias()[0].host(), std::string_view("[::1]"));
        QCOMPARE(m.vias()[0].port(), 5062);
        QCOMPARE(m.vias()[0].rport(), 0); // kept once, not doubled
        QCOMPARE(m.vias()[1].branch(), std::string_view("z9hG4bK2"));
        QCOMPARE(m.vias()[2].branch(), std::string_view("z9hG4bK3"));
        QVERIFY(topVia(m).count(QStringLiteral("rport")) == 1);
    }

    void setSentByWithoutVia()
    {
        SipMessage m = SipMessage::createRequest("OPTIONS", "sip:x@example.com");
        QVERIFY(!ViaRouting::setTopViaSentBy(m, TransportType::Udp, QHostAddress("127.0.0.1"), 5060));
    }

    void receivedAndRport_data()
    {
        QTest::addColumn<QString>("via");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("same address, rport") << "SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bK1" << "127.0.0.1"
                                             << "SIP/2.0/UDP 127.0.0.1:5070;rport=40000;branch=z9hG4bK1";
        QTest::newRow("nat, rport") << "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport" << "192.0.2.1"
                                    << "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport=40000;received=192.0.2.1";
        QTest::newRow("host name, no rport") << "SIP/2.0/UDP pc.example.com;branch=z9hG4bK1" << "192.0.2.1"
                                             << "SIP/2.0/UDP pc.example.com;branch=z9hG4bK1;received=192.0.2.1";
        QTest::newRow("ipv6") << "SIP/2.0/TCP [2001:db8::1]:5060;rport;branch=z9hG4bK1" << "2001:db8::2"
                              << "SIP/2.0/TCP [2001:db8::1]:5060;rport=40000;branch=z9hG4bK1;received=2001:db8::2";
        QTest::newRow("ipv6 same") << "SIP/2.0/UDP [::1]:5060;branch=z9hG4bK1" << "::1" << "";
        QTest::newRow("v4-mapped source") << "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1" << "::ffff:127.0.0.1" << "";
    }

    void receivedAndRport()
    {
        QFETCH(QString, via);
        QFETCH(QString, source);
        QFETCH(QString, expected);
        SipMessage m = parse(request(via.toStdString()));
        QVERIFY(!m.isNull());
        const bool changed = ViaRouting::addReceivedAndRport(m, QHostAddress(source), 40000);
        QCOMPARE(changed, !expected.isEmpty());
        QCOMPARE(topVia(m), expected.isEmpty() ? via : expected);
        // The edited message still parses as a whole.
        QVERIFY(!parse(m.toString()).isNull());
    }

    void responseDestination_data()
    {
        QTest::addColumn<QString>("via");
        QTest::addColumn<int>("transport");
        QTest::addColumn<QString>("expected");
        QTest::newRow("udp rport") << "SIP/2.0/UDP 10.0.0.2:5060;rport=40000;received=192.0.2.1;branch=z9hG4bK1"
                                   << int(TransportType::Udp) << "udp:192.0.2.1:40000";
        QTest::newRow("udp received") << "SIP/2.0/UDP 10.0.0.2:5070;received=192.0.2.1;branch=z9hG4bK1"
                                      << int(TransportType::Udp) << "udp:192.0.2.1:5070";
        QTest::newRow("udp sent-by") << "SIP/2.0/UDP 192.0.2.9;branch=z9hG4bK1" << int(TransportType::Udp)
                                     << "udp:192.0.2.9:5060";
        QTest::newRow("tcp connection") << "SIP/2.0/TCP 10.0.0.2:5060;rport=40000;branch=z9hG4bK1"
                                        << int(TransportType::Tcp) << "tcp:192.0.2.1:33333";
    }

    void responseDestination()
    {
        QFETCH(QString, via);
        QFETCH(int, transport);
        QFETCH(QString, expected);
        IncomingMessage in;
        in.message = parse(request(via.toStdString()));
        QVERIFY(!in.message.isNull());
        in.source.transport = TransportType(transport);
        in.source.address = QHostAddress("192.0.2.1");
        in.source.port = 33333;
        QCOMPARE(ViaRouting::responseDestination(in).toString(), expected);
    }

    void publicAddress()
    {
        auto response = [](const std::string &via) {
            return parse("SIP/2.0 200 OK\r\nVia: " + via
                         + "\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@x>;tag=2\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\n"
                           "Content-Length: 0\r\n\r\n");
        };
        auto a = ViaRouting::publicAddress(response("SIP/2.0/UDP 10.0.0.2:5060;rport=40000;received=192.0.2.1;branch=z9hG4bK1"));
        QVERIFY(a);
        QCOMPARE(a->toString(), QStringLiteral("udp:192.0.2.1:40000"));
        a = ViaRouting::publicAddress(response("SIP/2.0/TCP 10.0.0.2:5060;received=192.0.2.1;branch=z9hG4bK1"));
        QVERIFY(a);
        QCOMPARE(a->toString(), QStringLiteral("tcp:192.0.2.1:5060"));
        a = ViaRouting::publicAddress(response("SIP/2.0/UDP 10.0.0.2:5060;rport=4000;branch=z9hG4bK1"));
        QVERIFY(a);
        QCOMPARE(a->toString(), QStringLiteral("udp:10.0.0.2:4000"));
        QVERIFY(!ViaRouting::publicAddress(response("SIP/2.0/UDP 10.0.0.2:5060;rport;branch=z9hG4bK1")));
    }

    void errorResponse()
    {
        const std::string raw = "INVITE sip:bob@example.com SIP/2.0\r\n"
                                "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77\r\n"
                                "f: <sip:alice@example.com>;tag=9\r\n"
                                "t: <sip:bob@example.com>\r\n"
                                "i: call-1\r\n"
                                "CSeq: 4 INVITE\r\n"
                                "Max-Forwards: many\r\n"
                                "Content-Length: 0\r\n\r\n";
        ParseError error;
        QVERIFY(SipMessage::parse(raw, &error).isNull());
        QVERIFY(error.statusCode >= 400);
        const SipMessage r = ViaRouting::buildErrorResponse(raw, error.statusCode, error.reason);
        QVERIFY(!r.isNull());
        QCOMPARE(r.statusCode(), error.statusCode);
        QCOMPARE(std::string(r.reasonPhrase()), error.reason);
        QCOMPARE(r.vias().size(), size_t(1));
        QCOMPARE(r.vias()[0].branch(), std::string_view("z9hG4bK77"));
        QCOMPARE(r.callId(), std::string_view("call-1"));
        QVERIFY(!r.to()->tag().empty());
        QCOMPARE(r.cseq()->method(), std::string_view("INVITE"));
        // What goes on the wire parses back.
        QVERIFY(!parse(r.toString()).isNull());

        // An ACK is never answered; a response is never answered; no Call-ID: nothing.
        std::string ack = raw;
        ack.replace(0, 6, "ACK");
        ack.replace(ack.find("4 INVITE"), 8, "4 ACK");
        QVERIFY(ViaRouting::buildErrorResponse(ack, 400, "x").isNull());
        QVERIFY(ViaRouting::buildErrorResponse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n", 400, "x").isNull());
        std::string noCallId = raw;
        noCallId.erase(noCallId.find("i: call-1\r\n"), 11);
        QVERIFY(ViaRouting::buildErrorResponse(noCallId, 400, "x").isNull());
        // Binary junk does not crash.
        QVERIFY(ViaRouting::buildErrorResponse(std::string("\x00\x01\xff\r\n\r\n", 7), 400, "x").isNull());
        // Control characters do not reach the status line.
        const SipMessage r2 = ViaRouting::buildErrorResponse(raw, 400, "bad\r\nInjected: yes");
        QVERIFY(!r2.isNull());
        QVERIFY(r2.header("Injected").empty());
    }

    void fingerprints()
    {
        const QByteArray raw(32, '\xab');
        const QString text = Tls::formatFingerprint(raw);
        QVERIFY(text.startsWith(QStringLiteral("AB:AB:")));
        QCOMPARE(Tls::parseFingerprint(text.toLatin1()), raw);
        QCOMPARE(Tls::parseFingerprint(raw.toHex()), raw);
        QVERIFY(Tls::parseFingerprint("12:34").isEmpty());
        TlsOptions options;
        QVERIFY(options.pin(QStringLiteral("Sip.Example.com"), text.toLatin1()));
        QVERIFY(!options.pin(QStringLiteral("x"), "nothex"));
        QCOMPARE(options.pinnedFingerprints.value(QStringLiteral("sip.example.com")).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransportVia)
#include "tst_transport_via.moc"
