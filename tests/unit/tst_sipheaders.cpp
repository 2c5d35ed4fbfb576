// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/message/SipMessage.h"
#include "sip/message/TextUtil.h"

#include <QTest>

#include <string>

using namespace Sip;

namespace {

QByteArray qb(std::string_view s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

QByteArray qb(const std::string &s)
{
    return QByteArray::fromStdString(s);
}

std::string str(const QByteArray &b)
{
    return std::string(b.constData(), static_cast<size_t>(b.size()));
}

// The header fields every request needs; a test replaces one of them (by name) or adds
// its own after them.
const char *const defaultHeaders[] = {
    "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n",
    "From: <sip:alice@atlanta.com>;tag=1928301774\r\n",
    "To: <sip:bob@biloxi.com>\r\n",
    "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n",
    "CSeq: 314159 OPTIONS\r\n",
    "Content-Length: 0\r\n",
};

// An OPTIONS request with the default headers, minus the one named `replace`, followed by
// `extra` (whole CRLF-terminated header lines).
std::string request(std::string_view replace, std::string_view extra)
{
    std::string out = "OPTIONS sip:bob@biloxi.com SIP/2.0\r\n";
    for (const char *line : defaultHeaders) {
        const std::string_view l(line);
        if (!replace.empty() && l.substr(0, replace.size()) == replace && l[replace.size()] == ':')
            continue;
        out += l;
    }
    out += extra;
    out += "\r\n";
    return out;
}

std::string request(std::string_view extra)
{
    return request({}, extra);
}

} // namespace

#define PARSE_OK(msg, text) \
    ParseError msg##Error; \
    const SipMessage msg = SipMessage::parse((text), &msg##Error); \
    QVERIFY2(!msg.isNull(), msg##Error.reason.c_str())

class TestSipHeaders : public QObject
{
    Q_OBJECT

private slots:
    void baseRequestParses()
    {
        PARSE_OK(m, request({}));
        QCOMPARE(m.headers().size(), size_t(6));
        QCOMPARE(m.vias().size(), size_t(1));
        QVERIFY(m.from());
        QVERIFY(m.to());
        QCOMPARE(qb(m.callId()), QByteArray("a84b4c76e66710@pc33.atlanta.com"));
        QCOMPARE(m.contentLength(), int64_t(0));
        // Absent typed headers.
        QCOMPARE(m.maxForwards(), -1);
        QCOMPARE(m.expires(), int64_t(-1));
        QCOMPARE(m.minExpires(), int64_t(-1));
        QVERIFY(m.contacts().empty());
        QVERIFY(m.routes().empty());
        QVERIFY(!m.contentType());
        QVERIFY(!m.event());
        QVERIFY(!m.subscriptionState());
        QVERIFY(!m.hasAccept());
        QVERIFY(!m.replaces());
        QVERIFY(!m.date());
        QVERIFY(!m.referTo());
        QVERIFY(!m.referredBy());
        QVERIFY(m.sipETag().empty());
        QVERIFY(m.allow().empty());
    }

    // ---- Via -----------------------------------------------------------------------

    void viaLwsAroundSlashAndParams()
    {
        PARSE_OK(m,
                 request("Via",
                         "Via: SIP / 2.0 / UDP pc33.atlanta.com : 5060 ; branch = z9hG4bK776asdhds "
                         "; maddr=239.255.255.1;ttl=0\r\n"));
        QCOMPARE(m.vias().size(), size_t(1));
        const Via &v = m.vias()[0];
        QCOMPARE(qb(v.protocolName()), QByteArray("SIP"));
        QCOMPARE(qb(v.protocolVersion()), QByteArray("2.0"));
        QCOMPARE(qb(v.transport()), QByteArray("UDP"));
        QCOMPARE(qb(v.host()), QByteArray("pc33.atlanta.com"));
        QCOMPARE(v.port(), 5060);
        QCOMPARE(qb(v.branch()), QByteArray("z9hG4bK776asdhds"));
        QVERIFY(v.hasRfc3261Branch());
        QCOMPARE(qb(v.maddr()), QByteArray("239.255.255.1"));
        QCOMPARE(v.ttl(), 0);
        QVERIFY(!v.hasRport());
        QCOMPARE(v.rport(), -1);
        QVERIFY(v.received().empty());
        QCOMPARE(v.params().count(), 3);
    }

    void viaFoldedAcrossLines()
    {
        PARSE_OK(m,
                 request("Via",
                         "Via  : SIP  /   2.0\r\n  /UDP\r\n    192.0.2.2;branch=390skdjuw\r\n"));
        const Via &v = m.vias()[0];
        QCOMPARE(qb(v.transport()), QByteArray("UDP"));
        QCOMPARE(qb(v.host()), QByteArray("192.0.2.2"));
        QCOMPARE(qb(v.branch()), QByteArray("390skdjuw"));
        QVERIFY(!v.hasRfc3261Branch());
    }

    void viaParams_data()
    {
        QTest::addColumn<QByteArray>("params");
        QTest::addColumn<QByteArray>("received");
        QTest::addColumn<int>("rport");
        QTest::addColumn<QByteArray>("maddr");
        QTest::addColumn<int>("ttl");

        QTest::newRow("received ipv4") << QByteArray(";received=192.0.2.1")
                                       << QByteArray("192.0.2.1") << -1 << QByteArray() << -1;
        QTest::newRow("received ipv6 brackets")
                << QByteArray(";received=[2001:db8::9:1]") << QByteArray("[2001:db8::9:1]") << -1
                << QByteArray() << -1;
        QTest::newRow("received ipv6 bare")
                << QByteArray(";received=2001:db8::9:1") << QByteArray("2001:db8::9:1") << -1
                << QByteArray() << -1;
        QTest::newRow("rport without value")
                << QByteArray(";rport") << QByteArray() << 0 << QByteArray() << -1;
        QTest::newRow("rport with value") << QByteArray(";received=192.0.2.1;rport=5061")
                                          << QByteArray("192.0.2.1") << 5061 << QByteArray() << -1;
        QTest::newRow("rport 65535")
                << QByteArray(";rport=65535") << QByteArray() << 65535 << QByteArray() << -1;
        QTest::newRow("maddr ipv4") << QByteArray(";maddr=239.255.255.1") << QByteArray() << -1
                                    << QByteArray("239.255.255.1") << -1;
        QTest::newRow("maddr host") << QByteArray(";maddr=mcast.example.com") << QByteArray() << -1
                                    << QByteArray("mcast.example.com") << -1;
        QTest::newRow("ttl 0") << QByteArray(";ttl=0") << QByteArray() << -1 << QByteArray() << 0;
        QTest::newRow("ttl 255") << QByteArray(";ttl=255") << QByteArray() << -1 << QByteArray()
                                 << 255;
        QTest::newRow("ttl leading zeros")
                << QByteArray(";ttl=016") << QByteArray() << -1 << QByteArray() << 16;
        QTest::newRow("param names case-insensitive")
                << QByteArray(";RECEIVED=192.0.2.9;RPort;TTL=5") << QByteArray("192.0.2.9") << 0
                << QByteArray() << 5;
    }

    void viaParams()
    {
        QFETCH(QByteArray, params);
        QFETCH(QByteArray, received);
        QFETCH(int, rport);
        QFETCH(QByteArray, maddr);
        QFETCH(int, ttl);
        const std::string line
                = "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1" + str(params) + "\r\n";
        PARSE_OK(m, request("Via", line));
        const Via &v = m.vias()[0];
        QCOMPARE(qb(v.branch()), QByteArray("z9hG4bK1"));
        QCOMPARE(qb(v.received()), received);
        QCOMPARE(v.rport(), rport);
        QCOMPARE(v.hasRport(), rport >= 0);
        QCOMPARE(qb(v.maddr()), maddr);
        QCOMPARE(v.ttl(), ttl);
    }

    void viaSeveralValuesAndLines()
    {
        PARSE_OK(m,
                 request("Via",
                         "Via: SIP/2.0/UDP first.example.com;branch=z9hG4bK1 , "
                         "SIP/2.0/TCP second.example.com:5070;branch=z9hG4bK2\r\n"
                         "v: SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bK3,SIP/2.0/WSS "
                         "192.0.2.7\r\n"));
        QCOMPARE(m.vias().size(), size_t(4));
        QCOMPARE(m.headerCount("Via"), 2);
        QCOMPARE(m.headerCount("v"), 2);
        QCOMPARE(qb(m.vias()[0].host()), QByteArray("first.example.com"));
        QCOMPARE(qb(m.vias()[1].transport()), QByteArray("TCP"));
        QCOMPARE(m.vias()[1].port(), 5070);
        QCOMPARE(qb(m.vias()[1].branch()), QByteArray("z9hG4bK2"));
        QCOMPARE(qb(m.vias()[2].transport()), QByteArray("TLS"));
        QCOMPARE(qb(m.vias()[2].host()), QByteArray("[2001:db8::1]"));
        QCOMPARE(m.vias()[2].port(), 5061);
        QCOMPARE(qb(m.vias()[3].host()), QByteArray("192.0.2.7"));
        QCOMPARE(m.vias()[3].port(), -1);
        QVERIFY(m.vias()[3].branch().empty());
    }

    void viaFormat()
    {
        const std::string v = Via::format("UDP", "2001:db8::1", 5060, "z9hG4bKabc", true);
        QCOMPARE(qb(v), QByteArray("SIP/2.0/UDP [2001:db8::1]:5060;rport;branch=z9hG4bKabc"));
        PARSE_OK(m, request("Via", "Via: " + v + "\r\n"));
        QCOMPARE(qb(m.vias()[0].host()), QByteArray("[2001:db8::1]"));
        QCOMPARE(m.vias()[0].rport(), 0);
        QCOMPARE(qb(m.vias()[0].branch()), QByteArray("z9hG4bKabc"));
    }

    // RFC 3261 §20.42: via-received = "received" EQUAL (IPv4address / IPv6address).
    void viaReceivedMustBeAnAddress()
    {
        ParseError e1;
        const SipMessage m1 = SipMessage::parse(
                request("Via",
                        "Via: SIP/2.0/UDP "
                        "pc33.atlanta.com;branch=z9hG4bK1;received=atlanta.com\r\n"),
                &e1);
        QVERIFY(m1.isNull());
        ParseError e2;
        const SipMessage m2 = SipMessage::parse(
                request("Via",
                        "Via: SIP/2.0/UDP "
                        "pc33.atlanta.com;branch=z9hG4bK1;received=192.0.2.256\r\n"),
                &e2);
        QVERIFY(m2.isNull());
    }

    // ---- From / To -----------------------------------------------------------------

    void fromTo_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("displayName");
        QTest::addColumn<QByteArray>("displayNameText");
        QTest::addColumn<QByteArray>("uri");
        QTest::addColumn<QByteArray>("tag");
        QTest::addColumn<bool>("angle");
        QTest::addColumn<int>("paramCount");

        QTest::newRow("quoted with escaped quotes") << QByteArray(
                "From: \"Alice \\\"Al\\\" Smith\" <sip:alice@atlanta.com>;tag=1928301774")
                                                    << QByteArray("\"Alice \\\"Al\\\" Smith\"")
                                                    << QByteArray("Alice \"Al\" Smith")
                                                    << QByteArray("sip:alice@atlanta.com")
                                                    << QByteArray("1928301774") << true << 1;
        QTest::newRow("quoted with escaped backslash")
                << QByteArray("From: \"a\\\\b\" <sip:alice@atlanta.com>;tag=1")
                << QByteArray("\"a\\\\b\"") << QByteArray("a\\b")
                << QByteArray("sip:alice@atlanta.com") << QByteArray("1") << true << 1;
        QTest::newRow("quoted with comma")
                << QByteArray("From: \"Doe, John\" <sip:jd@atlanta.com>;tag=x")
                << QByteArray("\"Doe, John\"") << QByteArray("Doe, John")
                << QByteArray("sip:jd@atlanta.com") << QByteArray("x") << true << 1;
        QTest::newRow("quoted, no space before <")
                << QByteArray("From: \"Bob\"<sip:bob@biloxi.com>;tag=2") << QByteArray("\"Bob\"")
                << QByteArray("Bob") << QByteArray("sip:bob@biloxi.com") << QByteArray("2") << true
                << 1;
        QTest::newRow("token display name")
                << QByteArray("From: Bob Smith <sip:bob@biloxi.com>;tag=3")
                << QByteArray("Bob Smith") << QByteArray("Bob Smith")
                << QByteArray("sip:bob@biloxi.com") << QByteArray("3") << true << 1;
        QTest::newRow("token, no space before <")
                << QByteArray("From: caller<sip:caller@example.com>;tag=3413415")
                << QByteArray("caller") << QByteArray("caller")
                << QByteArray("sip:caller@example.com") << QByteArray("3413415") << true << 1;
        QTest::newRow("no display name")
                << QByteArray("From: <sip:alice@atlanta.com>;tag=9") << QByteArray() << QByteArray()
                << QByteArray("sip:alice@atlanta.com") << QByteArray("9") << true << 1;
        QTest::newRow("addr-spec with tag")
                << QByteArray("From: sip:alice@atlanta.com;tag=a6c85cf") << QByteArray()
                << QByteArray() << QByteArray("sip:alice@atlanta.com") << QByteArray("a6c85cf")
                << false << 1;
        QTest::newRow("addr-spec with params")
                << QByteArray("f: sip:alice@atlanta.com ; tag = 88 ;x-p=\"q v\"") << QByteArray()
                << QByteArray() << QByteArray("sip:alice@atlanta.com") << QByteArray("88") << false
                << 2;
        QTest::newRow("uri params stay in uri")
                << QByteArray("From: <sip:alice@atlanta.com;transport=tcp>;tag=7") << QByteArray()
                << QByteArray() << QByteArray("sip:alice@atlanta.com;transport=tcp")
                << QByteArray("7") << true << 1;
        QTest::newRow("tel uri") << QByteArray("From: \"+1 555\" <tel:+1-555-0100>;tag=t")
                                 << QByteArray("\"+1 555\"") << QByteArray("+1 555")
                                 << QByteArray("tel:+1-555-0100") << QByteArray("t") << true << 1;
        QTest::newRow("folded") << QByteArray(
                "From:\r\n \"Alice\"\r\n\t<sip:alice@atlanta.com>\r\n ;tag=f")
                                << QByteArray("\"Alice\"") << QByteArray("Alice")
                                << QByteArray("sip:alice@atlanta.com") << QByteArray("f") << true
                                << 1;
    }

    void fromTo()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, displayName);
        QFETCH(QByteArray, displayNameText);
        QFETCH(QByteArray, uri);
        QFETCH(QByteArray, tag);
        QFETCH(bool, angle);
        QFETCH(int, paramCount);

        PARSE_OK(m, request("From", str(line) + "\r\n"));
        const NameAddr *from = m.from();
        QVERIFY(from);
        QCOMPARE(qb(from->displayName()), displayName);
        QCOMPARE(qb(from->displayNameText()), displayNameText);
        QCOMPARE(qb(from->uri().text()), uri);
        QCOMPARE(qb(from->tag()), tag);
        QCOMPARE(from->hasAngleBrackets(), angle);
        QCOMPARE(from->params().count(), paramCount);

        // The same value works for To (with the "To" name).
        QByteArray toLine = line;
        const qsizetype colon = toLine.indexOf(':');
        toLine = "To" + toLine.mid(colon);
        PARSE_OK(m2, request("To", str(toLine) + "\r\n"));
        QVERIFY(m2.to());
        QCOMPARE(qb(m2.to()->uri().text()), uri);
        QCOMPARE(qb(m2.to()->tag()), tag);
        QCOMPARE(qb(m2.to()->displayNameText()), displayNameText);
    }

    void fromOtherParams()
    {
        PARSE_OK(
                m,
                request("From",
                        "From: <sip:alice@atlanta.com;transport=tcp>;tag=7;x-foo=\"bar baz\"\r\n"));
        QCOMPARE(qb(m.from()->params().valueOf("x-foo")), QByteArray("bar baz"));
        QCOMPARE(qb(m.from()->uri().transport()), QByteArray("tcp"));
        QVERIFY(!m.from()->params().contains("transport"));
        QVERIFY(m.to()->tag().empty());
    }

    void nameAddrFormat()
    {
        const std::string v = NameAddr::format("Bob \"B\" Smith", "sip:bob@biloxi.com", "tag=x1");
        QCOMPARE(qb(v), QByteArray("\"Bob \\\"B\\\" Smith\" <sip:bob@biloxi.com>;tag=x1"));
        PARSE_OK(m, request("To", "To: " + v + "\r\n"));
        QCOMPARE(qb(m.to()->displayNameText()), QByteArray("Bob \"B\" Smith"));
        QCOMPARE(qb(m.to()->tag()), QByteArray("x1"));
    }

    // ---- Call-ID, CSeq, Max-Forwards ----------------------------------------------

    void callId_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("callId");
        QTest::newRow("with host")
                << QByteArray("Call-ID: f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com")
                << QByteArray("f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com");
        QTest::newRow("compact") << QByteArray("i:abc") << QByteArray("abc");
        QTest::newRow("word chars") << QByteArray("Call-ID:   a-.!%*_+`'~()<>:\\\"/[]?{}@x  ")
                                    << QByteArray("a-.!%*_+`'~()<>:\\\"/[]?{}@x");
    }

    void callId()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, callId);
        PARSE_OK(m, request("Call-ID", str(line) + "\r\n"));
        QCOMPARE(qb(m.callId()), callId);
        QCOMPARE(qb(m.header("Call-ID")), callId);
        QCOMPARE(qb(m.header("i")), callId);
    }

    void cseq_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<quint32>("number");
        QTest::newRow("plain") << QByteArray("CSeq: 1 OPTIONS") << quint32(1);
        QTest::newRow("leading zeros") << QByteArray("CSeq: 0009 OPTIONS") << quint32(9);
        QTest::newRow("zero") << QByteArray("CSeq: 0 OPTIONS") << quint32(0);
        QTest::newRow("max") << QByteArray("CSeq: 4294967295 OPTIONS") << quint32(4294967295u);
        QTest::newRow("lws") << QByteArray("CSeq :   17  \t OPTIONS  ") << quint32(17);
        QTest::newRow("folded") << QByteArray("CSeq: 0009\r\n  OPTIONS") << quint32(9);
    }

    void cseq()
    {
        QFETCH(QByteArray, line);
        QFETCH(quint32, number);
        PARSE_OK(m, request("CSeq", str(line) + "\r\n"));
        QVERIFY(m.cseq());
        QCOMPARE(m.cseq()->number(), number);
        QCOMPARE(qb(m.cseq()->method()), QByteArray("OPTIONS"));
    }

    void maxForwards_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("expected");
        QTest::newRow("70") << QByteArray("70") << 70;
        QTest::newRow("0") << QByteArray("0") << 0;
        QTest::newRow("255") << QByteArray("255") << 255;
        QTest::newRow("leading zeros") << QByteArray("0068") << 68;
    }

    void maxForwards()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, expected);
        PARSE_OK(m, request("Max-Forwards: " + str(value) + "\r\n"));
        QCOMPARE(m.maxForwards(), expected);
    }

    // ---- Contact -------------------------------------------------------------------

    void contactStar()
    {
        PARSE_OK(m, request("Contact: *\r\nExpires: 0\r\n"));
        QCOMPARE(m.contacts().size(), size_t(1));
        QVERIFY(m.contacts()[0].isStar());
        QCOMPARE(m.contacts()[0].expires(), int64_t(-1));
        QCOMPARE(m.contacts()[0].q(), -1);
        QCOMPARE(m.expires(), int64_t(0));
    }

    void contactQ_data()
    {
        QTest::addColumn<QByteArray>("q");
        QTest::addColumn<int>("expected"); // thousandths; -1 = invalid
        QTest::newRow("0") << QByteArray("0") << 0;
        QTest::newRow("0.5") << QByteArray("0.5") << 500;
        QTest::newRow("0.123") << QByteArray("0.123") << 123;
        QTest::newRow("0.") << QByteArray("0.") << 0;
        QTest::newRow("1") << QByteArray("1") << 1000;
        QTest::newRow("1.0") << QByteArray("1.0") << 1000;
        QTest::newRow("1.000") << QByteArray("1.000") << 1000;
        QTest::newRow("1.5") << QByteArray("1.5") << -1;
        QTest::newRow("1.001") << QByteArray("1.001") << -1;
        QTest::newRow("2") << QByteArray("2") << -1;
        QTest::newRow("0.1234") << QByteArray("0.1234") << -1;
        QTest::newRow(".5") << QByteArray(".5") << -1;
        QTest::newRow("-0.5") << QByteArray("-0.5") << -1;
        QTest::newRow("0x5") << QByteArray("0x5") << -1;
    }

    void contactQ()
    {
        QFETCH(QByteArray, q);
        QFETCH(int, expected);
        ParseError error;
        const SipMessage m = SipMessage::parse(
                request("Contact: <sip:alice@pc33.atlanta.com>;q=" + str(q) + "\r\n"), &error);
        if (expected < 0) {
            QVERIFY(m.isNull());
            QCOMPARE(error.statusCode, 400);
            QVERIFY2(QByteArray::fromStdString(error.reason).contains("Contact"),
                     error.reason.c_str());
            return;
        }
        QVERIFY2(!m.isNull(), error.reason.c_str());
        QCOMPARE(m.contacts()[0].q(), expected);
    }

    void contactSeveralValues()
    {
        PARSE_OK(m,
                 request("Contact: \"Mr. Watson\" "
                         "<sip:watson@worcester.bell-telephone.com>;q=0.7;expires=3600,"
                         " \"Mr. Watson\" <mailto:watson@bell-telephone.com> ;q=0.1\r\n"
                         "m: sip:a@x.example.com;expires=30, <sip:b,c@y.example.com>\r\n"));
        QCOMPARE(m.contacts().size(), size_t(4));
        const Contact &c0 = m.contacts()[0];
        QVERIFY(!c0.isStar());
        QCOMPARE(qb(c0.address().displayNameText()), QByteArray("Mr. Watson"));
        QCOMPARE(qb(c0.uri().text()), QByteArray("sip:watson@worcester.bell-telephone.com"));
        QCOMPARE(c0.q(), 700);
        QCOMPARE(c0.expires(), int64_t(3600));
        const Contact &c1 = m.contacts()[1];
        QCOMPARE(int(c1.uri().scheme()), int(SipUri::Scheme::Other));
        QCOMPARE(c1.q(), 100);
        QCOMPARE(c1.expires(), int64_t(-1));
        const Contact &c2 = m.contacts()[2];
        QVERIFY(!c2.address().hasAngleBrackets());
        QCOMPARE(qb(c2.uri().text()), QByteArray("sip:a@x.example.com"));
        QCOMPARE(c2.expires(), int64_t(30));
        QVERIFY(c2.uri().params().isEmpty());
        // A comma inside <> belongs to the URI (user part).
        QCOMPARE(qb(m.contacts()[3].uri().user()), QByteArray("b,c"));
    }

    void contactParamsVsUriParams()
    {
        PARSE_OK(m,
                 request("Contact: "
                         "<sip:a@x.example.com;expires=10;q=0.2;transport=tcp>;expires=20\r\n"));
        const Contact &c = m.contacts()[0];
        QCOMPARE(c.expires(), int64_t(20));
        QCOMPARE(c.q(), -1);
        QCOMPARE(qb(c.uri().params().valueOf("expires")), QByteArray("10"));
        QCOMPARE(qb(c.uri().transport()), QByteArray("tcp"));
        QCOMPARE(c.params().count(), 1);
        QCOMPARE(qb(c.params().valueOf("expires")), QByteArray("20"));
    }

    void contactExpires_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("0") << QByteArray("0") << qint64(0);
        QTest::newRow("3600") << QByteArray("3600") << qint64(3600);
        QTest::newRow("max") << QByteArray("4294967295") << qint64(4294967295LL);
        QTest::newRow("saturates") << QByteArray("4294967296") << qint64(4294967295LL);
        QTest::newRow("saturates huge")
                << QByteArray("123456789012345678901234567890") << qint64(4294967295LL);
    }

    void contactExpires()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        PARSE_OK(m, request("Contact: <sip:a@x.example.com>;expires=" + str(value) + "\r\n"));
        QCOMPARE(m.contacts()[0].expires(), expected);
    }

    // ---- Route / Record-Route ------------------------------------------------------

    void routes()
    {
        PARSE_OK(m,
                 request("Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
                         "Route: <sip:p3.example.com:5070;transport=tcp;lr>\r\n"
                         "Record-Route: <sip:rr1.example.com;lr>\r\n"
                         "Record-Route: \"proxy\" <sip:rr2.example.com;lr>;foo=bar , "
                         "<sip:[2001:db8::2];lr>\r\n"));
        QCOMPARE(m.routes().size(), size_t(3));
        QCOMPARE(qb(m.routes()[0].uri().host()), QByteArray("p1.example.com"));
        QVERIFY(m.routes()[0].uri().hasLooseRoute());
        QCOMPARE(qb(m.routes()[1].uri().host()), QByteArray("p2.example.com"));
        QCOMPARE(m.routes()[2].uri().port(), 5070);
        QCOMPARE(qb(m.routes()[2].uri().transport()), QByteArray("tcp"));
        QCOMPARE(m.recordRoutes().size(), size_t(3));
        QCOMPARE(qb(m.recordRoutes()[1].displayNameText()), QByteArray("proxy"));
        QCOMPARE(qb(m.recordRoutes()[1].params().valueOf("foo")), QByteArray("bar"));
        QCOMPARE(int(m.recordRoutes()[2].uri().hostType()), int(SipUri::HostType::IPv6));
        QCOMPARE(m.headerCount("Route"), 2);
        QCOMPARE(m.headerCount("Record-Route"), 2);
    }

    // ---- Content-Type, Content-Length ---------------------------------------------

    void contentType_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("subtype");
        QTest::addColumn<QByteArray>("charset");
        QTest::newRow("sdp") << QByteArray("Content-Type: application/sdp")
                             << QByteArray("application") << QByteArray("sdp") << QByteArray();
        QTest::newRow("compact, lws, quoted param")
                << QByteArray("c: text / plain ; charset = \"UTF-8\"") << QByteArray("text")
                << QByteArray("plain") << QByteArray("UTF-8");
        QTest::newRow("token param")
                << QByteArray("Content-Type: multipart/mixed;boundary=unique-boundary-1")
                << QByteArray("multipart") << QByteArray("mixed") << QByteArray();
        QTest::newRow("case kept")
                << QByteArray("CONTENT-TYPE: Application/SDP;CharSet=utf-8")
                << QByteArray("Application") << QByteArray("SDP") << QByteArray("utf-8");
    }

    void contentType()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, subtype);
        QFETCH(QByteArray, charset);
        PARSE_OK(m, request(str(line) + "\r\n"));
        QVERIFY(m.contentType());
        QCOMPARE(qb(m.contentType()->type()), type);
        QCOMPARE(qb(m.contentType()->subtype()), subtype);
        QCOMPARE(qb(m.contentType()->params().valueOf("charset")), charset);
        QVERIFY(m.contentType()->matches(str(type.toUpper()), str(subtype.toLower())));
        QVERIFY(!m.contentType()->matches("image", "png"));
    }

    void contentLength()
    {
        const std::string text
                = "OPTIONS sip:bob@biloxi.com SIP/2.0\r\n"
                  "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1\r\n"
                  "From: <sip:alice@atlanta.com>;tag=1\r\nTo: <sip:bob@biloxi.com>\r\n"
                  "Call-ID: x\r\nCSeq: 1 OPTIONS\r\nl:   0005  \r\n\r\nhello";
        PARSE_OK(m, text);
        QCOMPARE(m.contentLength(), int64_t(5));
        QCOMPARE(qb(m.body()), QByteArray("hello"));
    }

    // ---- Expires / Min-Expires -----------------------------------------------------

    void expires_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("Expires 0") << QByteArray("Expires") << QByteArray("0") << qint64(0);
        QTest::newRow("Expires 3600")
                << QByteArray("Expires") << QByteArray("3600") << qint64(3600);
        QTest::newRow("Expires max")
                << QByteArray("Expires") << QByteArray("4294967295") << qint64(4294967295LL);
        QTest::newRow("Expires saturates")
                << QByteArray("Expires") << QByteArray("4294967296") << qint64(4294967295LL);
        QTest::newRow("Expires saturates huge")
                << QByteArray("expires") << QByteArray("99999999999999999999999999")
                << qint64(4294967295LL);
        QTest::newRow("Min-Expires 60")
                << QByteArray("Min-Expires") << QByteArray("60") << qint64(60);
        QTest::newRow("Min-Expires saturates")
                << QByteArray("Min-Expires") << QByteArray("4294967296") << qint64(4294967295LL);
    }

    void expires()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        PARSE_OK(m, request(str(name) + ":  " + str(value) + " \r\n"));
        if (name.toLower() == "min-expires") {
            QCOMPARE(m.minExpires(), expected);
            QCOMPARE(m.expires(), int64_t(-1));
        } else {
            QCOMPARE(m.expires(), expected);
            QCOMPARE(m.minExpires(), int64_t(-1));
        }
    }

    // ---- Authentication ------------------------------------------------------------

    void wwwAuthenticate()
    {
        PARSE_OK(m,
                 request("WWW-Authenticate: Digest realm=\"atlanta.com\",\r\n"
                         "  domain=\"sip:ss1.carrier.com\", qop=\"auth,auth-int\",\r\n"
                         "  nonce=\"f84f1cec41e6cbe5aea9c8e88d359\",\r\n"
                         "  opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", stale=FALSE, "
                         "algorithm=MD5\r\n"
                         "WWW-Authenticate: Newauth realm=\"apps\", type=1, title=\"Login to "
                         "\\\"apps\\\"\"\r\n"));
        QCOMPARE(m.wwwAuthenticate().size(), size_t(2));
        const AuthHeader &a = m.wwwAuthenticate()[0];
        QCOMPARE(qb(a.scheme()), QByteArray("Digest"));
        QVERIFY(a.isDigest());
        QCOMPARE(qb(a.realm()), QByteArray("\"atlanta.com\""));
        QCOMPARE(qb(TextUtil::unquote(a.realm())), QByteArray("atlanta.com"));
        QCOMPARE(qb(a.param("realm")), QByteArray("atlanta.com"));
        QCOMPARE(qb(a.param("domain")), QByteArray("sip:ss1.carrier.com"));
        QCOMPARE(qb(a.qop()), QByteArray("\"auth,auth-int\""));
        QCOMPARE(qb(a.param("qop")), QByteArray("auth,auth-int"));
        QCOMPARE(qb(a.nonce()), QByteArray("\"f84f1cec41e6cbe5aea9c8e88d359\""));
        QCOMPARE(qb(a.opaque()), QByteArray("\"5ccc069c403ebaf9f0171e9517f40e41\""));
        QCOMPARE(qb(a.stale()), QByteArray("FALSE"));
        QCOMPARE(qb(a.algorithm()), QByteArray("MD5"));
        QVERIFY(a.username().empty());
        QVERIFY(a.param("absent").empty());

        const AuthHeader &b = m.wwwAuthenticate()[1];
        QCOMPARE(qb(b.scheme()), QByteArray("Newauth"));
        QVERIFY(!b.isDigest());
        QCOMPARE(qb(b.param("type")), QByteArray("1"));
        QCOMPARE(qb(b.param("TITLE")), QByteArray("Login to \"apps\""));
        QCOMPARE(qb(b.realm()), QByteArray("\"apps\""));
        QVERIFY(m.proxyAuthenticate().empty());
        QVERIFY(m.authorization().empty());
    }

    void authorization()
    {
        PARSE_OK(m,
                 request("Authorization: Digest username=\"bob\", realm=\"biloxi.com\",\r\n"
                         " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                         "uri=\"sip:bob@biloxi.com\",\r\n"
                         " qop=auth, nc=00000001, cnonce=\"0a4f113b\",\r\n"
                         " response=\"6629fae49393a05397450978507c4ef1\",\r\n"
                         " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", algorithm=MD5\r\n"
                         "Proxy-Authenticate: DIGEST REALM=\"proxy.example\" , NONCE=\"n1\"\r\n"
                         "Proxy-Authorization: Digest "
                         "username=\"alice\",realm=\"proxy.example\",nonce=\"n1\","
                         "uri=\"sip:bob@biloxi.com\",response=\"00\"\r\n"));
        QCOMPARE(m.authorization().size(), size_t(1));
        const AuthHeader &a = m.authorization()[0];
        QVERIFY(a.isDigest());
        QCOMPARE(qb(a.username()), QByteArray("\"bob\""));
        QCOMPARE(qb(a.realm()), QByteArray("\"biloxi.com\""));
        QCOMPARE(qb(a.nonce()), QByteArray("\"dcd98b7102dd2f0e8b11d0f600bfb0c093\""));
        QCOMPARE(qb(a.uri()), QByteArray("\"sip:bob@biloxi.com\""));
        QCOMPARE(qb(a.qop()), QByteArray("auth"));
        QCOMPARE(qb(a.nonceCount()), QByteArray("00000001"));
        QCOMPARE(qb(a.cnonce()), QByteArray("\"0a4f113b\""));
        QCOMPARE(qb(a.response()), QByteArray("\"6629fae49393a05397450978507c4ef1\""));
        QCOMPARE(qb(a.opaque()), QByteArray("\"5ccc069c403ebaf9f0171e9517f40e41\""));
        QCOMPARE(qb(a.algorithm()), QByteArray("MD5"));
        QCOMPARE(qb(a.param("response")), QByteArray("6629fae49393a05397450978507c4ef1"));

        QCOMPARE(m.proxyAuthenticate().size(), size_t(1));
        QVERIFY(m.proxyAuthenticate()[0].isDigest()); // scheme is case-insensitive
        QCOMPARE(qb(m.proxyAuthenticate()[0].realm()), QByteArray("\"proxy.example\""));
        QCOMPARE(qb(m.proxyAuthenticate()[0].nonce()), QByteArray("\"n1\""));
        QCOMPARE(m.proxyAuthorization().size(), size_t(1));
        QCOMPARE(qb(m.proxyAuthorization()[0].username()), QByteArray("\"alice\""));
        QCOMPARE(qb(m.proxyAuthorization()[0].response()), QByteArray("\"00\""));
    }

    // ---- Event / Subscription-State ------------------------------------------------

    void event_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("package");
        QTest::addColumn<QByteArray>("id");
        QTest::newRow("plain") << QByteArray("Event: presence") << QByteArray("presence")
                               << QByteArray();
        QTest::newRow("with id") << QByteArray("Event: refer;id=93809824") << QByteArray("refer")
                                 << QByteArray("93809824");
        QTest::newRow("compact, lws") << QByteArray("o: dialog ; id = a1 ; other=x")
                                      << QByteArray("dialog") << QByteArray("a1");
        QTest::newRow("template") << QByteArray("Event: presence.winfo")
                                  << QByteArray("presence.winfo") << QByteArray();
    }

    void event()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, package);
        QFETCH(QByteArray, id);
        PARSE_OK(m, request(str(line) + "\r\n"));
        QVERIFY(m.event());
        QCOMPARE(qb(m.event()->package()), package);
        QCOMPARE(qb(m.event()->id()), id);
    }

    void subscriptionState_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<qint64>("expires");
        QTest::addColumn<QByteArray>("reason");
        QTest::addColumn<qint64>("retryAfter");
        QTest::newRow("active") << QByteArray("active;expires=600") << QByteArray("active")
                                << qint64(600) << QByteArray() << qint64(-1);
        QTest::newRow("pending") << QByteArray("pending") << QByteArray("pending") << qint64(-1)
                                 << QByteArray() << qint64(-1);
        QTest::newRow("terminated")
                << QByteArray("terminated;reason=timeout") << QByteArray("terminated") << qint64(-1)
                << QByteArray("timeout") << qint64(-1);
        QTest::newRow("terminated retry")
                << QByteArray("terminated ; reason=probation ; retry-after=30")
                << QByteArray("terminated") << qint64(-1) << QByteArray("probation") << qint64(30);
        QTest::newRow("expires saturates")
                << QByteArray("active;expires=4294967296") << QByteArray("active")
                << qint64(4294967295LL) << QByteArray() << qint64(-1);
    }

    void subscriptionState()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, state);
        QFETCH(qint64, expires);
        QFETCH(QByteArray, reason);
        QFETCH(qint64, retryAfter);
        PARSE_OK(m, request("Subscription-State: " + str(value) + "\r\n"));
        const SubscriptionState *s = m.subscriptionState();
        QVERIFY(s);
        QCOMPARE(qb(s->state()), state);
        QCOMPARE(s->expires(), expires);
        QCOMPARE(qb(s->reason()), reason);
        QCOMPARE(s->retryAfter(), retryAfter);
    }

    // ---- token lists ---------------------------------------------------------------

    void tokenLists()
    {
        PARSE_OK(m,
                 request("Allow: INVITE, ACK,OPTIONS , CANCEL,\r\n BYE\r\n"
                         "Supported: replaces, 100rel\r\n"
                         "k: timer\r\n"
                         "Require: 100rel\r\n"
                         "Proxy-Require: sec-agree\r\n"
                         "Unsupported: foo, bar\r\n"));
        const auto allow = m.allow();
        QCOMPARE(allow.size(), size_t(5));
        QCOMPARE(qb(allow[0]), QByteArray("INVITE"));
        QCOMPARE(qb(allow[2]), QByteArray("OPTIONS"));
        QCOMPARE(qb(allow[4]), QByteArray("BYE"));
        QCOMPARE(m.supported().size(), size_t(3));
        QCOMPARE(qb(m.supported()[2]), QByteArray("timer"));
        QCOMPARE(m.require().size(), size_t(1));
        QCOMPARE(qb(m.require()[0]), QByteArray("100rel"));
        QCOMPARE(m.proxyRequire().size(), size_t(1));
        QCOMPARE(qb(m.proxyRequire()[0]), QByteArray("sec-agree"));
        QCOMPARE(m.unsupported().size(), size_t(2));
        QCOMPARE(qb(m.unsupported()[1]), QByteArray("bar"));
    }

    void emptyAllowAndSupported()
    {
        PARSE_OK(m, request("Allow:\r\nSupported: \r\n"));
        QVERIFY(m.allow().empty());
        QVERIFY(m.supported().empty());
        QCOMPARE(m.headerCount("Allow"), 1);
        QCOMPARE(m.headerCount("Supported"), 1);
    }

    // ---- Accept --------------------------------------------------------------------

    void accept()
    {
        PARSE_OK(m,
                 request("Accept: application/sdp;level=1, application/x-private, text/html\r\n"
                         "Accept: */*;q=0.1\r\n"));
        QVERIFY(m.hasAccept());
        QCOMPARE(m.accept().size(), size_t(4));
        QCOMPARE(qb(m.accept()[0].subtype()), QByteArray("sdp"));
        QCOMPARE(qb(m.accept()[0].params().valueOf("level")), QByteArray("1"));
        QCOMPARE(qb(m.accept()[1].subtype()), QByteArray("x-private"));
        QCOMPARE(qb(m.accept()[2].type()), QByteArray("text"));
        QVERIFY(m.accept()[3].matches("image", "png"));
        QVERIFY(!m.accept()[0].matches("text", "html"));
    }

    void emptyAccept()
    {
        // RFC 3261 §20.1: an empty Accept means no body is acceptable; not the same as none.
        PARSE_OK(m, request("Accept:\r\n"));
        QVERIFY(m.hasAccept());
        QVERIFY(m.accept().empty());
        PARSE_OK(none, request({}));
        QVERIFY(!none.hasAccept());
    }

    // ---- SIP-ETag / SIP-If-Match ---------------------------------------------------

    void entityTags()
    {
        PARSE_OK(m, request("SIP-ETag: dx200xyz\r\nSIP-If-Match: kwj449x\r\n"));
        QCOMPARE(qb(m.sipETag()), QByteArray("dx200xyz"));
        QCOMPARE(qb(m.sipIfMatch()), QByteArray("kwj449x"));
        PARSE_OK(m2, request("sip-etag:   a.b-c!   \r\n"));
        QCOMPARE(qb(m2.sipETag()), QByteArray("a.b-c!"));
        QVERIFY(m2.sipIfMatch().empty());
    }

    // ---- Refer-To / Referred-By / Replaces -----------------------------------------

    void referTo()
    {
        PARSE_OK(m,
                 request("Refer-To: "
                         "<sip:bob@biloxi.com?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345"
                         "%3Bfrom-tag%3D5FFE-3994>\r\n"
                         "Referred-By: "
                         "<sip:referrer@referrer.example>;cid=\"20398823.2UWQFN309shb3@referrer."
                         "example\"\r\n"));
        QVERIFY(m.referTo());
        QCOMPARE(qb(m.referTo()->uri().host()), QByteArray("biloxi.com"));
        QCOMPARE(qb(m.referTo()->uri().headers()),
                 QByteArray(
                         "Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994"));
        QVERIFY(m.referredBy());
        QCOMPARE(qb(m.referredBy()->uri().user()), QByteArray("referrer"));
        QCOMPARE(qb(m.referredBy()->params().valueOf("cid")),
                 QByteArray("20398823.2UWQFN309shb3@referrer.example"));

        PARSE_OK(c,
                 request("r: sip:carol@cleveland.example.org\r\nb: \"Alice\" "
                         "<sip:alice@atlanta.com>\r\n"));
        QCOMPARE(qb(c.referTo()->uri().text()), QByteArray("sip:carol@cleveland.example.org"));
        QVERIFY(!c.referTo()->hasAngleBrackets());
        QCOMPARE(qb(c.referredBy()->displayNameText()), QByteArray("Alice"));
    }

    void replaces_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("callId");
        QTest::addColumn<QByteArray>("toTag");
        QTest::addColumn<QByteArray>("fromTag");
        QTest::addColumn<bool>("earlyOnly");
        QTest::newRow("rfc 3891") << QByteArray(
                "98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff")
                                  << QByteArray("98732@sip.example.com") << QByteArray("ff87ff")
                                  << QByteArray("r33th4x0r") << false;
        QTest::newRow("early-only")
                << QByteArray("425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only")
                << QByteArray("425928@bobster.example.org") << QByteArray("7743")
                << QByteArray("6472") << true;
        QTest::newRow("lws, no host")
                << QByteArray("abc ; to-tag = 1 ; from-tag = 2") << QByteArray("abc")
                << QByteArray("1") << QByteArray("2") << false;
    }

    void replaces()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, callId);
        QFETCH(QByteArray, toTag);
        QFETCH(QByteArray, fromTag);
        QFETCH(bool, earlyOnly);
        PARSE_OK(m, request("Replaces: " + str(value) + "\r\n"));
        const Replaces *r = m.replaces();
        QVERIFY(r);
        QCOMPARE(qb(r->callId()), callId);
        QCOMPARE(qb(r->toTag()), toTag);
        QCOMPARE(qb(r->fromTag()), fromTag);
        QCOMPARE(r->earlyOnly(), earlyOnly);
    }

    // ---- Date ----------------------------------------------------------------------

    void date_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("rfc example")
                << QByteArray("Sat, 13 Nov 2010 23:29:00 GMT") << qint64(1289690940);
        QTest::newRow("epoch") << QByteArray("Thu, 01 Jan 1970 00:00:00 GMT") << qint64(0);
        QTest::newRow("leap day") << QByteArray("Tue, 29 Feb 2000 12:00:00 GMT")
                                  << qint64(951825600);
        QTest::newRow("2^31") << QByteArray("Tue, 19 Jan 2038 03:14:08 GMT")
                              << qint64(2147483648LL);
    }

    void date()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, seconds);
        PARSE_OK(m, request("Date: " + str(value) + "\r\n"));
        QVERIFY(m.date());
        QCOMPARE(m.date()->secondsSinceEpoch(), seconds);
        QCOMPARE(qb(SipDate::format(seconds)), value);
    }

    // ---- names ---------------------------------------------------------------------

    void headerNameLookup_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("id");
        const auto row = [](const char *name, HeaderId id) {
            QTest::newRow(name) << QByteArray(name) << int(id);
        };
        row("i", HeaderId::CallId);
        row("m", HeaderId::Contact);
        row("e", HeaderId::ContentEncoding);
        row("l", HeaderId::ContentLength);
        row("f", HeaderId::From);
        row("s", HeaderId::Subject);
        row("k", HeaderId::Supported);
        row("t", HeaderId::To);
        row("v", HeaderId::Via);
        row("c", HeaderId::ContentType);
        row("o", HeaderId::Event);
        row("u", HeaderId::AllowEvents);
        row("r", HeaderId::ReferTo);
        row("b", HeaderId::ReferredBy);
        row("x", HeaderId::SessionExpires);
        row("y", HeaderId::Identity);
        row("I", HeaderId::CallId);
        row("V", HeaderId::Via);
        row("Call-ID", HeaderId::CallId);
        row("call-id", HeaderId::CallId);
        row("CALL-ID", HeaderId::CallId);
        row("cseq", HeaderId::CSeq);
        row("Max-Forwards", HeaderId::MaxForwards);
        row("record-route", HeaderId::RecordRoute);
        row("Route", HeaderId::Route);
        row("www-authenticate", HeaderId::WwwAuthenticate);
        row("Proxy-Authorization", HeaderId::ProxyAuthorization);
        row("Subscription-State", HeaderId::SubscriptionState);
        row("sip-if-match", HeaderId::SipIfMatch);
        row("SIP-ETag", HeaderId::SipETag);
        row("Referred-By", HeaderId::ReferredBy);
        row("Replaces", HeaderId::Replaces);
        row("Refer-To", HeaderId::ReferTo);
        row("Min-Expires", HeaderId::MinExpires);
        row("Unsupported", HeaderId::Unsupported);
        row("Proxy-Require", HeaderId::ProxyRequire);
        row("Date", HeaderId::Date);
        row("Accept", HeaderId::Accept);
        row("Allow-Events", HeaderId::AllowEvents);
        row("X-Custom", HeaderId::Unknown);
        row("a", HeaderId::Unknown);
        row("Viaa", HeaderId::Unknown);
        row("Vi", HeaderId::Unknown);
        row("Content-Lengthy", HeaderId::Unknown);
        row("A-Very-Long-Unknown-Header-Name-Indeed", HeaderId::Unknown);
    }

    void headerNameLookup()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, id);
        QCOMPARE(int(HeaderName::lookup(str(name))), id);
    }

    void headerNameCanonical()
    {
        QCOMPARE(qb(HeaderName::canonical(HeaderId::CallId)), QByteArray("Call-ID"));
        QCOMPARE(qb(HeaderName::canonical(HeaderId::WwwAuthenticate)),
                 QByteArray("WWW-Authenticate"));
        QCOMPARE(qb(HeaderName::canonical(HeaderId::SipETag)), QByteArray("SIP-ETag"));
        QCOMPARE(qb(HeaderName::canonical(HeaderId::Via)), QByteArray("Via"));
        QVERIFY(HeaderName::canonical(HeaderId::Unknown).empty());
        QVERIFY(HeaderName::lookup("") == HeaderId::Unknown);
        // Every id's canonical name looks up to itself.
        for (int i = 1; i < int(HeaderId::Count); ++i) {
            const auto id = HeaderId(i);
            QVERIFY2(!HeaderName::canonical(id).empty(), qPrintable(QString::number(i)));
            QCOMPARE(int(HeaderName::lookup(HeaderName::canonical(id))), i);
        }
    }

    void compactFormsMapToTypedHeaders()
    {
        const std::string text = "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
                                 "v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1\r\n"
                                 "f: \"Alice\" <sip:alice@atlanta.com>;tag=1\r\n"
                                 "t: <sip:bob@biloxi.com>\r\n"
                                 "i: compact@pc33\r\n"
                                 "CSeq: 1 INVITE\r\n"
                                 "m: <sip:alice@pc33.atlanta.com>\r\n"
                                 "k: 100rel\r\n"
                                 "s: lunch\r\n"
                                 "e: gzip\r\n"
                                 "o: presence;id=7\r\n"
                                 "u: presence\r\n"
                                 "r: <sip:carol@chicago.com>\r\n"
                                 "b: <sip:dave@x.example.com>\r\n"
                                 "c: application/sdp\r\n"
                                 "l: 4\r\n\r\nv=0\n";
        PARSE_OK(m, text);
        QCOMPARE(m.vias().size(), size_t(1));
        QCOMPARE(qb(m.from()->displayNameText()), QByteArray("Alice"));
        QCOMPARE(qb(m.to()->uri().user()), QByteArray("bob"));
        QCOMPARE(qb(m.callId()), QByteArray("compact@pc33"));
        QCOMPARE(m.contacts().size(), size_t(1));
        QCOMPARE(qb(m.supported()[0]), QByteArray("100rel"));
        QCOMPARE(qb(m.event()->id()), QByteArray("7"));
        QCOMPARE(qb(m.referTo()->uri().user()), QByteArray("carol"));
        QCOMPARE(qb(m.referredBy()->uri().user()), QByteArray("dave"));
        QCOMPARE(qb(m.contentType()->subtype()), QByteArray("sdp"));
        QCOMPARE(m.contentLength(), int64_t(4));
        QCOMPARE(qb(m.body()), QByteArray("v=0\n"));
        // Lookup by either name finds the compact field; names are kept as received.
        QCOMPARE(qb(m.header("Subject")), QByteArray("lunch"));
        QCOMPARE(qb(m.header("Content-Encoding")), QByteArray("gzip"));
        QCOMPARE(qb(m.header("Allow-Events")), QByteArray("presence"));
        QCOMPARE(qb(m.header("call-id")), QByteArray("compact@pc33"));
        QCOMPARE(qb(m.headers()[0].name), QByteArray("v"));
        QCOMPARE(int(m.headers()[0].id), int(HeaderId::Via));
    }

    void headerNamesCaseInsensitive()
    {
        const std::string text = "OPTIONS sip:bob@biloxi.com SIP/2.0\r\n"
                                 "VIA: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1\r\n"
                                 "fRoM: <sip:alice@atlanta.com>;tag=1\r\n"
                                 "tO: <sip:bob@biloxi.com>\r\n"
                                 "cAlL-iD: mixed\r\n"
                                 "cseq: 1 OPTIONS\r\n"
                                 "MAX-FORWARDS: 70\r\n"
                                 "x-CUSTOM: one\r\n"
                                 "X-Custom: two\r\n"
                                 "CONTENT-LENGTH: 0\r\n\r\n";
        PARSE_OK(m, text);
        QCOMPARE(qb(m.callId()), QByteArray("mixed"));
        QCOMPARE(m.maxForwards(), 70);
        QCOMPARE(qb(m.header("Max-Forwards")), QByteArray("70"));
        QCOMPARE(m.headerCount("x-custom"), 2);
        QCOMPARE(qb(m.header("X-CUSTOM")), QByteArray("one"));
        QCOMPARE(qb(m.headers()[1].name), QByteArray("fRoM"));
        QVERIFY(m.header("X-Absent").empty());
        QCOMPARE(m.headerCount("X-Absent"), 0);
    }

    void unknownHeadersVerbatim()
    {
        const std::string text
                = "OPTIONS sip:bob@biloxi.com SIP/2.0\r\n"
                  "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1\r\n"
                  "From: <sip:alice@atlanta.com>;tag=1\r\n"
                  "To: <sip:bob@biloxi.com>\r\n"
                  "Call-ID: verbatim\r\n"
                  "CSeq: 1 OPTIONS\r\n"
                  "NewFangledHeader:   newfangled value\r\n continued newfangled value\r\n"
                  "UnknownHeaderWithUnusualValue: ;;,,;;,;\r\n"
                  "Subject: I know you're there,\r\n\tpick up the phone  \r\n"
                  "Content-Length: 0\r\n\r\n";
        PARSE_OK(m, text);
        QCOMPARE(qb(m.header("newfangledheader")),
                 QByteArray("newfangled value\r\n continued newfangled value"));
        QCOMPARE(qb(m.header("UnknownHeaderWithUnusualValue")), QByteArray(";;,,;;,;"));
        QCOMPARE(qb(m.header("s")), QByteArray("I know you're there,\r\n\tpick up the phone"));
        const HeaderField &f = m.headers()[5];
        QCOMPARE(qb(f.name), QByteArray("NewFangledHeader"));
        QCOMPARE(int(f.id), int(HeaderId::Unknown));
        const QByteArray out = qb(m.toString());
        QVERIFY2(out.contains("\r\nNewFangledHeader: newfangled value\r\n continued newfangled "
                              "value\r\n"),
                 out.constData());
        QVERIFY2(out.contains("\r\nUnknownHeaderWithUnusualValue: ;;,,;;,;\r\n"), out.constData());
        QVERIFY2(out.contains("\r\nSubject: I know you're there,\r\n\tpick up the phone\r\n"),
                 out.constData());
    }

    // ---- invalid values ------------------------------------------------------------

    void invalidValues_data()
    {
        QTest::addColumn<QByteArray>("replace"); // default header to drop
        QTest::addColumn<QByteArray>("lines");
        QTest::addColumn<QByteArray>("named"); // what the reason must mention

        const auto row = [](const char *tag, const char *replace, const char *lines,
                            const char *named) {
            QTest::newRow(tag) << QByteArray(replace) << QByteArray(lines) << QByteArray(named);
        };
        // Via
        row("via: no transport", "Via", "Via: SIP/2.0 pc33.atlanta.com\r\n", "Via");
        row("via: no host", "Via", "Via: SIP/2.0/UDP\r\n", "Via");
        row("via: no space before host", "Via", "Via: SIP/2.0/UDPpc33.atlanta.com\r\n", "Via");
        row("via: port 65536", "Via", "Via: SIP/2.0/UDP pc33.atlanta.com:65536\r\n", "Via");
        row("via: empty port", "Via", "Via: SIP/2.0/UDP pc33.atlanta.com:;branch=z9hG4bK1\r\n",
            "Via");
        row("via: quoted branch", "Via", "Via: SIP/2.0/UDP h.example.com;branch=\"z9hG4bK1\"\r\n",
            "Via");
        row("via: branch without value", "Via", "Via: SIP/2.0/UDP h.example.com;branch\r\n", "Via");
        row("via: received without value", "Via", "Via: SIP/2.0/UDP h.example.com;received\r\n",
            "Via");
        row("via: received bad ipv6", "Via",
            "Via: SIP/2.0/UDP h.example.com;received=[2001:db8:::1]\r\n", "Via");
        row("via: ttl 256", "Via", "Via: SIP/2.0/UDP h.example.com;ttl=256\r\n", "Via");
        row("via: ttl empty", "Via", "Via: SIP/2.0/UDP h.example.com;ttl\r\n", "Via");
        row("via: ttl negative", "Via", "Via: SIP/2.0/UDP h.example.com;ttl=-1\r\n", "Via");
        row("via: rport not a number", "Via", "Via: SIP/2.0/UDP h.example.com;rport=abc\r\n",
            "Via");
        row("via: rport 65536", "Via", "Via: SIP/2.0/UDP h.example.com;rport=65536\r\n", "Via");
        row("via: maddr empty", "Via", "Via: SIP/2.0/UDP h.example.com;maddr\r\n", "Via");
        row("via: unterminated ipv6", "Via", "Via: SIP/2.0/UDP [2001:db8::1;branch=z9hG4bK1\r\n",
            "Via");
        row("via: bare ipv6", "Via", "Via: SIP/2.0/UDP 2001:db8::1;branch=z9hG4bK1\r\n", "Via");
        row("via: empty", "Via", "Via:\r\n", "Via");
        row("via: trailing comma", "Via", "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1,\r\n",
            "Via");
        row("via: empty param", "Via", "Via: SIP/2.0/UDP h.example.com;;branch=z9hG4bK1\r\n",
            "Via");
        // From / To
        row("from: unterminated quote", "From", "From: \"Alice <sip:alice@atlanta.com>;tag=1\r\n",
            "From");
        row("from: quoted name without <>", "From",
            "From: \"Alice\" sip:alice@atlanta.com;tag=1\r\n", "From");
        row("from: missing >", "From", "From: <sip:alice@atlanta.com;tag=1\r\n", "From");
        row("from: space inside <>", "From", "From: < sip:alice@atlanta.com >;tag=1\r\n", "From");
        row("from: empty tag", "From", "From: <sip:alice@atlanta.com>;tag=\r\n", "From");
        row("from: quoted tag", "From", "From: <sip:alice@atlanta.com>;tag=\"1\"\r\n", "From");
        row("from: addr-spec with headers", "From", "From: sip:alice@atlanta.com?subject=hi\r\n",
            "From");
        row("from: two values", "From", "From: <sip:a@atlanta.com>, <sip:b@atlanta.com>\r\n",
            "From");
        row("from: bad uri", "From", "From: <alice at atlanta>\r\n", "From");
        row("from: empty", "From", "From:\r\n", "From");
        row("to: comma in token name", "To", "To: Bob, Smith <sip:bob@biloxi.com>\r\n", "To");
        row("to: bad host", "To", "To: <sip:bob@bil$oxi.com>\r\n", "To");
        // Call-ID
        row("call-id: space", "Call-ID", "Call-ID: abc def\r\n", "Call-ID");
        row("call-id: two @", "Call-ID", "Call-ID: a@b@c\r\n", "Call-ID");
        row("call-id: empty word before @", "Call-ID", "Call-ID: @host\r\n", "Call-ID");
        row("call-id: empty", "Call-ID", "Call-ID:\r\n", "Call-ID");
        row("call-id: list", "Call-ID", "Call-ID: a, b\r\n", "Call-ID");
        // CSeq
        row("cseq: 2^32", "CSeq", "CSeq: 4294967296 OPTIONS\r\n", "CSeq");
        row("cseq: no number", "CSeq", "CSeq: OPTIONS\r\n", "CSeq");
        row("cseq: no method", "CSeq", "CSeq: 1\r\n", "CSeq");
        row("cseq: no space", "CSeq", "CSeq: 1OPTIONS\r\n", "CSeq");
        row("cseq: extra", "CSeq", "CSeq: 1 OPTIONS extra\r\n", "CSeq");
        row("cseq: negative", "CSeq", "CSeq: -1 OPTIONS\r\n", "CSeq");
        // Max-Forwards
        row("max-forwards: 256", "", "Max-Forwards: 256\r\n", "Max-Forwards");
        row("max-forwards: negative", "", "Max-Forwards: -1\r\n", "Max-Forwards");
        row("max-forwards: text", "", "Max-Forwards: seventy\r\n", "Max-Forwards");
        row("max-forwards: empty", "", "Max-Forwards:\r\n", "Max-Forwards");
        row("max-forwards: two numbers", "", "Max-Forwards: 70 80\r\n", "Max-Forwards");
        // Contact
        row("contact: star with others", "", "Contact: *, <sip:a@atlanta.com>\r\n", "Contact");
        row("contact: star with params", "", "Contact: *;expires=0\r\n", "Contact");
        row("contact: bad expires", "", "Contact: <sip:a@atlanta.com>;expires=soon\r\n", "Contact");
        row("contact: expires without value", "", "Contact: <sip:a@atlanta.com>;expires\r\n",
            "Contact");
        row("contact: q without value", "", "Contact: <sip:a@atlanta.com>;q\r\n", "Contact");
        row("contact: trailing comma", "", "Contact: <sip:a@atlanta.com>,\r\n", "Contact");
        row("contact: empty", "", "Contact:\r\n", "Contact");
        row("contact: unquoted comma in name", "", "Contact: Doe, John <sip:a@atlanta.com>\r\n",
            "Contact");
        // Route / Record-Route
        row("route: addr-spec", "", "Route: sip:p1.example.com;lr\r\n", "Route");
        row("route: second is addr-spec", "",
            "Route: <sip:p1.example.com;lr>, sip:p2.example.com\r\n", "Route");
        row("record-route: addr-spec", "", "Record-Route: sip:p1.example.com;lr\r\n",
            "Record-Route");
        row("route: empty", "", "Route:\r\n", "Route");
        // Content-Type / Content-Length
        row("content-type: no subtype", "", "Content-Type: application\r\n", "Content-Type");
        row("content-type: empty subtype", "", "Content-Type: application/\r\n", "Content-Type");
        row("content-type: no type", "", "Content-Type: /sdp\r\n", "Content-Type");
        row("content-type: two values", "", "Content-Type: application/sdp, text/plain\r\n",
            "Content-Type");
        row("content-type: empty param", "", "Content-Type: text/plain;\r\n", "Content-Type");
        row("content-length: negative", "Content-Length", "Content-Length: -1\r\n",
            "Content-Length");
        row("content-length: text", "Content-Length", "Content-Length: ten\r\n", "Content-Length");
        row("content-length: 2^32", "Content-Length", "Content-Length: 4294967296\r\n",
            "Content-Length");
        // Expires
        row("expires: negative", "", "Expires: -1\r\n", "Expires");
        row("expires: unit", "", "Expires: 1h\r\n", "Expires");
        row("expires: date form", "", "Expires: Thu, 01 Dec 1994 16:00:00 GMT\r\n", "Expires");
        row("expires: empty", "", "Expires:\r\n", "Expires");
        row("min-expires: text", "", "Min-Expires: soon\r\n", "Min-Expires");
        // Authentication
        row("www-authenticate: digest without params", "", "WWW-Authenticate: Digest\r\n",
            "WWW-Authenticate");
        row("www-authenticate: param without =", "", "WWW-Authenticate: Digest realm\r\n",
            "WWW-Authenticate");
        row("www-authenticate: missing comma", "",
            "WWW-Authenticate: Digest realm=\"a\" nonce=\"b\"\r\n", "WWW-Authenticate");
        row("www-authenticate: unterminated", "", "WWW-Authenticate: Digest realm=\"a\r\n",
            "WWW-Authenticate");
        row("www-authenticate: empty value", "", "WWW-Authenticate: Digest realm=, nonce=\"b\"\r\n",
            "WWW-Authenticate");
        row("proxy-authenticate: empty", "", "Proxy-Authenticate:\r\n", "Proxy-Authenticate");
        row("authorization: empty", "", "Authorization:\r\n", "Authorization");
        row("proxy-authorization: bad", "", "Proxy-Authorization: Digest =x\r\n",
            "Proxy-Authorization");
        // Event / Subscription-State
        row("event: empty", "", "Event:\r\n", "Event");
        row("event: only params", "", "Event: ;id=1\r\n", "Event");
        row("event: empty id", "", "Event: presence;id=\r\n", "Event");
        row("event: two values", "", "Event: presence, dialog\r\n", "Event");
        row("subscription-state: empty", "", "Subscription-State:\r\n", "Subscription-State");
        row("subscription-state: bad expires", "", "Subscription-State: active;expires=soon\r\n",
            "Subscription-State");
        row("subscription-state: expires no value", "", "Subscription-State: active;expires\r\n",
            "Subscription-State");
        row("subscription-state: bad retry-after", "",
            "Subscription-State: terminated;retry-after=x\r\n", "Subscription-State");
        // Token lists
        row("require: empty", "", "Require:\r\n", "Require");
        row("proxy-require: empty", "", "Proxy-Require: \r\n", "Proxy-Require");
        row("unsupported: empty", "", "Unsupported:\r\n", "Unsupported");
        row("allow: double comma", "", "Allow: INVITE,,ACK\r\n", "Allow");
        row("allow: missing comma", "", "Allow: INVITE ACK\r\n", "Allow");
        row("allow: trailing comma", "", "Allow: INVITE,\r\n", "Allow");
        row("supported: not a token", "", "Supported: a/b\r\n", "Supported");
        // Accept
        row("accept: no subtype", "", "Accept: application\r\n", "Accept");
        row("accept: trailing comma", "", "Accept: application/sdp,\r\n", "Accept");
        row("accept: only comma", "", "Accept: ,\r\n", "Accept");
        // Entity tags
        row("sip-etag: space", "", "SIP-ETag: a b\r\n", "SIP-ETag");
        row("sip-etag: empty", "", "SIP-ETag:\r\n", "SIP-ETag");
        row("sip-etag: quoted", "", "SIP-ETag: \"abc\"\r\n", "SIP-ETag");
        row("sip-if-match: list", "", "SIP-If-Match: a, b\r\n", "SIP-If-Match");
        // Refer-To / Referred-By
        row("refer-to: headers without <>", "", "Refer-To: sip:bob@biloxi.com?Replaces=abc\r\n",
            "Refer-To");
        row("refer-to: empty", "", "Refer-To:\r\n", "Refer-To");
        row("refer-to: two values", "", "Refer-To: <sip:a@x.com>, <sip:b@x.com>\r\n", "Refer-To");
        row("referred-by: bad uri", "", "Referred-By: <nonsense>\r\n", "Referred-By");
        // Replaces
        row("replaces: no from-tag", "", "Replaces: abc@x;to-tag=1\r\n", "Replaces");
        row("replaces: no to-tag", "", "Replaces: abc@x;from-tag=1\r\n", "Replaces");
        row("replaces: no tags", "", "Replaces: abc@x\r\n", "Replaces");
        row("replaces: no call-id", "", "Replaces: ;to-tag=1;from-tag=2\r\n", "Replaces");
        row("replaces: empty to-tag", "", "Replaces: abc;to-tag=;from-tag=2\r\n", "Replaces");
        // Date
        row("date: EST", "", "Date: Sat, 13 Nov 2010 23:29:00 EST\r\n", "Date");
        row("date: no zone", "", "Date: Sat, 13 Nov 2010 23:29:00\r\n", "Date");
        row("date: no comma", "", "Date: Sat 13 Nov 2010 23:29:00 GMT\r\n", "Date");
        row("date: bad weekday", "", "Date: Xyz, 13 Nov 2010 23:29:00 GMT\r\n", "Date");
        row("date: bad month", "", "Date: Sat, 13 Foo 2010 23:29:00 GMT\r\n", "Date");
        row("date: one-digit day", "", "Date: Sat, 1 Nov 2010 23:29:00 GMT\r\n", "Date");
        row("date: day 32", "", "Date: Sat, 32 Nov 2010 23:29:00 GMT\r\n", "Date");
        row("date: hour 24", "", "Date: Sat, 13 Nov 2010 24:00:00 GMT\r\n", "Date");
        row("date: two-digit year", "", "Date: Sat, 13 Nov 10 23:29:00 GMT\r\n", "Date");
        row("date: trailing junk", "", "Date: Sat, 13 Nov 2010 23:29:00 GMT x\r\n", "Date");
    }

    void invalidValues()
    {
        QFETCH(QByteArray, replace);
        QFETCH(QByteArray, lines);
        QFETCH(QByteArray, named);
        ParseError error;
        const SipMessage m = SipMessage::parse(request(str(replace), str(lines)), &error);
        QVERIFY(m.isNull());
        QCOMPARE(error.statusCode, 400);
        QVERIFY(error.isError());
        QVERIFY2(QByteArray::fromStdString(error.reason).contains(named),
                 ("reason does not name the header: " + error.reason).c_str());
    }

    // Typed headers parse the same through the editing API.
    void editingValidatesTypedValues()
    {
        PARSE_OK(m0, request({}));
        SipMessage m = m0;
        std::string error;
        QVERIFY(!m.addHeader("Max-Forwards", "256", &error));
        QVERIFY2(QByteArray::fromStdString(error).contains("Max-Forwards"), error.c_str());
        QVERIFY(m.addHeader("Max-Forwards", "70", &error));
        QCOMPARE(m.maxForwards(), 70);
        QVERIFY(!m.addHeader("Date", "Sat, 13 Nov 2010 23:29:00 EST", &error));
        QVERIFY2(QByteArray::fromStdString(error).contains("Date"), error.c_str());
        QVERIFY(!m.date());
        QVERIFY(m.addHeader("Replaces", "a@b;to-tag=1;from-tag=2", &error));
        QCOMPARE(qb(m.replaces()->toTag()), QByteArray("1"));
    }
};

QTEST_APPLESS_MAIN(TestSipHeaders)
#include "tst_sipheaders.moc"
