// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/message/SipUri.h"

#include <QTest>

#include <string>

using namespace Sip;

namespace {

QByteArray qb(std::string_view s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

std::string str(const QByteArray &b)
{
    return std::string(b.constData(), static_cast<size_t>(b.size()));
}

} // namespace

class TestSipUri : public QObject
{
    Q_OBJECT

private slots:
    // ---- schemes -------------------------------------------------------------------

    void schemes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("scheme");
        QTest::addColumn<QByteArray>("schemeText");
        QTest::addColumn<QByteArray>("opaque");

        const int sip = int(SipUri::Scheme::Sip), sips = int(SipUri::Scheme::Sips),
                  tel = int(SipUri::Scheme::Tel), other = int(SipUri::Scheme::Other),
                  none = int(SipUri::Scheme::None);
        QTest::newRow("sip") << QByteArray("sip:alice@atlanta.com") << true << sip
                             << QByteArray("sip") << QByteArray("alice@atlanta.com");
        QTest::newRow("sips") << QByteArray("sips:bob@biloxi.com:5061") << true << sips
                              << QByteArray("sips") << QByteArray("bob@biloxi.com:5061");
        QTest::newRow("SIP upper case") << QByteArray("SIP:alice@atlanta.com") << true << sip
                                        << QByteArray("SIP") << QByteArray("alice@atlanta.com");
        QTest::newRow("SiPs mixed case") << QByteArray("SiPs:alice@atlanta.com") << true << sips
                                         << QByteArray("SiPs") << QByteArray("alice@atlanta.com");
        QTest::newRow("tel") << QByteArray("tel:+1-201-555-0123") << true << tel
                             << QByteArray("tel") << QByteArray("+1-201-555-0123");
        QTest::newRow("urn") << QByteArray("urn:service:sos") << true << other << QByteArray("urn")
                             << QByteArray("service:sos");
        QTest::newRow("http") << QByteArray("http://www.example.com/a?b=c") << true << other
                              << QByteArray("http") << QByteArray("//www.example.com/a?b=c");
        QTest::newRow("mailto") << QByteArray("mailto:alice@atlanta.com") << true << other
                                << QByteArray("mailto") << QByteArray("alice@atlanta.com");
        QTest::newRow("scheme with +-.") << QByteArray("x-a.b+c:foo") << true << other
                                         << QByteArray("x-a.b+c") << QByteArray("foo");

        QTest::newRow("no scheme")
                << QByteArray("alice@atlanta.com") << false << none << QByteArray() << QByteArray();
        QTest::newRow("empty scheme") << QByteArray(":alice@atlanta.com") << false << none
                                      << QByteArray() << QByteArray();
        QTest::newRow("scheme starts with digit") << QByteArray("1sip:alice@atlanta.com") << false
                                                  << none << QByteArray() << QByteArray();
        QTest::newRow("bad scheme char") << QByteArray("s_p:alice@atlanta.com") << false << none
                                         << QByteArray() << QByteArray();
        QTest::newRow("sip without host")
                << QByteArray("sip:") << false << none << QByteArray() << QByteArray();
        QTest::newRow("tel without number")
                << QByteArray("tel:") << false << none << QByteArray() << QByteArray();
        QTest::newRow("tel only params") << QByteArray("tel:;phone-context=x") << false << none
                                         << QByteArray() << QByteArray();
        QTest::newRow("tel bad char")
                << QByteArray("tel:+1_555") << false << none << QByteArray() << QByteArray();
        QTest::newRow("tel space")
                << QByteArray("tel:+1 555") << false << none << QByteArray() << QByteArray();
        QTest::newRow("other space")
                << QByteArray("urn:a b") << false << none << QByteArray() << QByteArray();
        QTest::newRow("other empty")
                << QByteArray("urn:") << false << none << QByteArray() << QByteArray();
    }

    void schemes()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(int, scheme);
        QFETCH(QByteArray, schemeText);
        QFETCH(QByteArray, opaque);

        const std::string t = str(text);
        SipUri uri;
        std::string error;
        const bool ok = SipUri::parse(t, uri, &error);
        QCOMPARE(ok, valid);
        if (!valid) {
            QVERIFY2(!error.empty(), "a rejected URI must come with a reason");
            return;
        }
        QVERIFY2(error.empty(), error.c_str());
        QCOMPARE(int(uri.scheme()), scheme);
        QCOMPARE(qb(uri.schemeText()), schemeText);
        QCOMPARE(qb(uri.opaque()), opaque);
        QCOMPARE(qb(uri.text()), text);
        QCOMPARE(uri.toString(), t);
        QCOMPARE(uri.isSipOrSips(),
                 scheme == int(SipUri::Scheme::Sip) || scheme == int(SipUri::Scheme::Sips));
        QVERIFY(!uri.isNull());
    }

    void defaultIsNull()
    {
        SipUri uri;
        QVERIFY(uri.isNull());
        QCOMPARE(int(uri.scheme()), int(SipUri::Scheme::None));
        QCOMPARE(uri.port(), -1);
    }

    void telUri()
    {
        const std::string t = "tel:+1-201-555-0123;phone-context=example.com;ext=22";
        SipUri uri;
        std::string error;
        QVERIFY2(SipUri::parse(t, uri, &error), error.c_str());
        QCOMPARE(int(uri.scheme()), int(SipUri::Scheme::Tel));
        QCOMPARE(qb(uri.user()), QByteArray("+1-201-555-0123"));
        QCOMPARE(uri.params().count(), 2);
        QCOMPARE(QByteArray::fromStdString(uri.params().valueOf("phone-context")),
                 QByteArray("example.com"));
        QCOMPARE(QByteArray::fromStdString(uri.params().valueOf("ext")), QByteArray("22"));
        QCOMPARE(int(uri.hostType()), int(SipUri::HostType::None));
        QVERIFY(uri.host().empty());
    }

    // ---- userinfo ------------------------------------------------------------------

    void userInfo_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("hasUserInfo");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("host");

        QTest::newRow("user") << QByteArray("sip:alice@atlanta.com") << true << true
                              << QByteArray("alice") << QByteArray() << QByteArray("atlanta.com");
        QTest::newRow("user:password")
                << QByteArray("sip:alice:secretword@atlanta.com;transport=tcp") << true << true
                << QByteArray("alice") << QByteArray("secretword") << QByteArray("atlanta.com");
        QTest::newRow("empty password")
                << QByteArray("sip:alice:@atlanta.com") << true << true << QByteArray("alice")
                << QByteArray() << QByteArray("atlanta.com");
        QTest::newRow("password chars")
                << QByteArray("sip:alice:a&=+$,%41b@atlanta.com") << true << true
                << QByteArray("alice") << QByteArray("a&=+$,%41b") << QByteArray("atlanta.com");
        QTest::newRow("no userinfo") << QByteArray("sip:atlanta.com") << true << false
                                     << QByteArray() << QByteArray() << QByteArray("atlanta.com");
        QTest::newRow("telephone user")
                << QByteArray("sip:+1-212-555-1212:1234@gateway.com;user=phone") << true << true
                << QByteArray("+1-212-555-1212") << QByteArray("1234") << QByteArray("gateway.com");
        QTest::newRow("user with ; and ?")
                << QByteArray("sip:alice;day=tuesday?x@atlanta.com") << true << true
                << QByteArray("alice;day=tuesday?x") << QByteArray() << QByteArray("atlanta.com");
        QTest::newRow("escaped user")
                << QByteArray("sip:%61lice%20b@atlanta.com") << true << true
                << QByteArray("%61lice%20b") << QByteArray() << QByteArray("atlanta.com");
        QTest::newRow("user mark chars")
                << QByteArray("sip:a-_.!~*'()b@atlanta.com") << true << true
                << QByteArray("a-_.!~*'()b") << QByteArray() << QByteArray("atlanta.com");

        const QByteArray none;
        QTest::newRow("empty user")
                << QByteArray("sip:@atlanta.com") << false << false << none << none << none;
        QTest::newRow("empty user with password")
                << QByteArray("sip::pw@atlanta.com") << false << false << none << none << none;
        QTest::newRow("colon in password")
                << QByteArray("sip:a:b:c@atlanta.com") << false << false << none << none << none;
        QTest::newRow("space in user")
                << QByteArray("sip:a b@atlanta.com") << false << false << none << none << none;
        QTest::newRow("short escape")
                << QByteArray("sip:a%2@atlanta.com") << false << false << none << none << none;
        QTest::newRow("escape at end")
                << QByteArray("sip:ab%@atlanta.com") << false << false << none << none << none;
        QTest::newRow("bad hex escape")
                << QByteArray("sip:a%zz@atlanta.com") << false << false << none << none << none;
        QTest::newRow("two @") << QByteArray("sip:a@b@atlanta.com") << false << false << none
                               << none << none;
        QTest::newRow("quote in user")
                << QByteArray("sip:a\"b@atlanta.com") << false << false << none << none << none;
    }

    void userInfo()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(bool, hasUserInfo);
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, host);

        const std::string t = str(text);
        SipUri uri;
        std::string error;
        QCOMPARE(SipUri::parse(t, uri, &error), valid);
        if (!valid) {
            QVERIFY(!error.empty());
            return;
        }
        QCOMPARE(uri.hasUserInfo(), hasUserInfo);
        QCOMPARE(qb(uri.user()), user);
        QCOMPARE(qb(uri.password()), password);
        QCOMPARE(qb(uri.host()), host);
    }

    // ---- hosts ---------------------------------------------------------------------

    void hosts_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("hostType");
        QTest::addColumn<int>("port");

        const int name = int(SipUri::HostType::Name), v4 = int(SipUri::HostType::IPv4),
                  v6 = int(SipUri::HostType::IPv6);
        QTest::newRow("name") << QByteArray("sip:x@atlanta.com") << true
                              << QByteArray("atlanta.com") << name << -1;
        QTest::newRow("single label")
                << QByteArray("sip:x@localhost") << true << QByteArray("localhost") << name << -1;
        QTest::newRow("name with dash, trailing dot")
                << QByteArray("sip:x@a-b.example.com.") << true << QByteArray("a-b.example.com.")
                << name << -1;
        QTest::newRow("label starting with digit")
                << QByteArray("sip:x@1und1.de") << true << QByteArray("1und1.de") << name << -1;
        QTest::newRow("ipv4") << QByteArray("sip:x@192.0.2.4") << true << QByteArray("192.0.2.4")
                              << v4 << -1;
        QTest::newRow("ipv4 port") << QByteArray("sip:x@192.0.2.4:5060") << true
                                   << QByteArray("192.0.2.4") << v4 << 5060;
        QTest::newRow("ipv6 loopback")
                << QByteArray("sip:x@[::1]") << true << QByteArray("[::1]") << v6 << -1;
        QTest::newRow("ipv6 v4-mapped") << QByteArray("sip:x@[::ffff:192.0.2.1]") << true
                                        << QByteArray("[::ffff:192.0.2.1]") << v6 << -1;
        QTest::newRow("ipv6 port") << QByteArray("sip:x@[2001:db8::10]:5070") << true
                                   << QByteArray("[2001:db8::10]") << v6 << 5070;
        QTest::newRow("ipv6 full") << QByteArray("sip:[2001:db8:0:0:0:0:0:1];transport=tcp") << true
                                   << QByteArray("[2001:db8:0:0:0:0:0:1]") << v6 << -1;
        QTest::newRow("ipv6 v4 tail") << QByteArray("sip:[2001:db8::192.0.2.1]") << true
                                      << QByteArray("[2001:db8::192.0.2.1]") << v6 << -1;

        const QByteArray none;
        QTest::newRow("ipv6 ::: with v4 tail")
                << QByteArray("sip:x@[2001:db8:::192.0.2.1]") << false << none << 0 << 0;
        QTest::newRow("ipv6 nine groups")
                << QByteArray("sip:x@[1:2:3:4:5:6:7:8:9]") << false << none << 0 << 0;
        QTest::newRow("ipv6 seven groups")
                << QByteArray("sip:x@[1:2:3:4:5:6:7]") << false << none << 0 << 0;
        QTest::newRow("ipv6 two ::") << QByteArray("sip:x@[1::2::3]") << false << none << 0 << 0;
        QTest::newRow("ipv6 bad hex")
                << QByteArray("sip:x@[2001:db8::g]") << false << none << 0 << 0;
        QTest::newRow("ipv6 5-digit group")
                << QByteArray("sip:x@[12345::1]") << false << none << 0 << 0;
        QTest::newRow("ipv6 unterminated")
                << QByteArray("sip:x@[2001:db8::1") << false << none << 0 << 0;
        QTest::newRow("ipv6 empty brackets") << QByteArray("sip:x@[]") << false << none << 0 << 0;
        QTest::newRow("ipv4 in brackets")
                << QByteArray("sip:x@[192.0.2.1]") << false << none << 0 << 0;
        QTest::newRow("bare ipv6") << QByteArray("sip:x@2001:db8::1") << false << none << 0 << 0;
        QTest::newRow("bare ipv6 with port")
                << QByteArray("sip:x@::1:5060") << false << none << 0 << 0;
        QTest::newRow("label starts with -")
                << QByteArray("sip:x@-bad.com") << false << none << 0 << 0;
        QTest::newRow("label ends with -")
                << QByteArray("sip:x@bad-.com") << false << none << 0 << 0;
        QTest::newRow("empty label") << QByteArray("sip:x@a..com") << false << none << 0 << 0;
        QTest::newRow("no host after @") << QByteArray("sip:x@") << false << none << 0 << 0;
        QTest::newRow("no host before port")
                << QByteArray("sip:x@:5060") << false << none << 0 << 0;
        QTest::newRow("bad host char")
                << QByteArray("sip:x@exa$mple.com") << false << none << 0 << 0;
        QTest::newRow("space in host")
                << QByteArray("sip:x@exa mple.com") << false << none << 0 << 0;
    }

    void hosts()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(QByteArray, host);
        QFETCH(int, hostType);
        QFETCH(int, port);

        const std::string t = str(text);
        SipUri uri;
        std::string error;
        QCOMPARE(SipUri::parse(t, uri, &error), valid);
        if (!valid) {
            QVERIFY(!error.empty());
            return;
        }
        QCOMPARE(qb(uri.host()), host);
        QCOMPARE(int(uri.hostType()), hostType);
        QCOMPARE(uri.port(), port);
    }

    // RFC 3261 §25.1: toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum. A dotted
    // quad with an octet above 255 is neither an IPv4address nor a hostname.
    void hostNumericTopLabelIsInvalid()
    {
        const std::string t = "sip:bob@192.0.2.256";
        SipUri uri;
        std::string error;
        const bool ok = SipUri::parse(t, uri, &error);
        QVERIFY(!ok);
        QVERIFY(!SipUri::isHostName("192.0.2.256"));
        QVERIFY(!SipUri::isHostName("example.123"));
    }

    void isIPv4Address_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("expected");
        QTest::newRow("plain") << QByteArray("192.0.2.1") << true;
        QTest::newRow("zeros") << QByteArray("0.0.0.0") << true;
        QTest::newRow("max") << QByteArray("255.255.255.255") << true;
        QTest::newRow("octet 256") << QByteArray("256.1.1.1") << false;
        QTest::newRow("last octet 256") << QByteArray("1.1.1.256") << false;
        QTest::newRow("three parts") << QByteArray("1.2.3") << false;
        QTest::newRow("five parts") << QByteArray("1.2.3.4.5") << false;
        QTest::newRow("trailing dot") << QByteArray("1.2.3.4.") << false;
        QTest::newRow("empty part") << QByteArray("1..2.3") << false;
        QTest::newRow("four digits") << QByteArray("1234.1.1.1") << false;
        QTest::newRow("letters") << QByteArray("a.b.c.d") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("trailing junk") << QByteArray("1.2.3.4x") << false;
    }

    void isIPv4Address()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, expected);
        QCOMPARE(SipUri::isIPv4Address(str(text)), expected);
    }

    void isIPv6Address_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("expected");
        QTest::newRow("::1") << QByteArray("::1") << true;
        QTest::newRow("::") << QByteArray("::") << true;
        QTest::newRow("compressed") << QByteArray("2001:db8::1") << true;
        QTest::newRow("trailing ::") << QByteArray("2001:db8::") << true;
        QTest::newRow("full") << QByteArray("2001:db8:0:0:0:0:2:1") << true;
        QTest::newRow("upper hex") << QByteArray("2001:DB8::ABCD") << true;
        QTest::newRow("v4-mapped") << QByteArray("::ffff:192.0.2.1") << true;
        QTest::newRow("six groups + v4") << QByteArray("1:2:3:4:5:6:192.0.2.1") << true;
        QTest::newRow("seven groups + v4") << QByteArray("1:2:3:4:5:6:7:192.0.2.1") << false;
        QTest::newRow("::: + v4") << QByteArray("2001:db8:::192.0.2.1") << false;
        QTest::newRow("nine groups") << QByteArray("1:2:3:4:5:6:7:8:9") << false;
        QTest::newRow("seven groups") << QByteArray("1:2:3:4:5:6:7") << false;
        QTest::newRow("eight groups + ::") << QByteArray("1:2:3:4:5:6:7:8::") << false;
        QTest::newRow("two ::") << QByteArray("1::2::3") << false;
        QTest::newRow("leading single colon") << QByteArray(":1::2") << false;
        QTest::newRow("trailing single colon") << QByteArray("1::2:") << false;
        QTest::newRow("5 hex digits") << QByteArray("12345::1") << false;
        QTest::newRow("non-hex") << QByteArray("g::1") << false;
        QTest::newRow("bad v4 tail") << QByteArray("::192.0.2.256") << false;
        QTest::newRow("brackets") << QByteArray("[::1]") << false;
        QTest::newRow("zone id") << QByteArray("fe80::1%eth0") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("ipv4 only") << QByteArray("192.0.2.1") << false;
    }

    void isIPv6Address()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, expected);
        QCOMPARE(SipUri::isIPv6Address(str(text)), expected);
    }

    void isHostName_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("expected");
        QTest::newRow("two labels") << QByteArray("example.com") << true;
        QTest::newRow("one label") << QByteArray("a") << true;
        QTest::newRow("trailing dot") << QByteArray("example.com.") << true;
        QTest::newRow("dash inside") << QByteArray("a-b.example.com") << true;
        QTest::newRow("digit first domainlabel") << QByteArray("1und1.de") << true;
        QTest::newRow("alnum toplabel") << QByteArray("example.c0m") << true;
        QTest::newRow("leading dash") << QByteArray("-a.com") << false;
        QTest::newRow("trailing dash") << QByteArray("a-.com") << false;
        QTest::newRow("empty label") << QByteArray("a..b") << false;
        QTest::newRow("leading dot") << QByteArray(".a.b") << false;
        QTest::newRow("only dot") << QByteArray(".") << false;
        QTest::newRow("empty") << QByteArray("") << false;
        QTest::newRow("space") << QByteArray("a b") << false;
        QTest::newRow("dollar") << QByteArray("exa$mple.com") << false;
        QTest::newRow("colon") << QByteArray("a:b") << false;
    }

    void isHostName()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, expected);
        QCOMPARE(SipUri::isHostName(str(text)), expected);
    }

    // ---- ports ---------------------------------------------------------------------

    void ports_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("port");
        QTest::newRow("none") << QByteArray("sip:a@host") << true << -1;
        QTest::newRow("5060") << QByteArray("sip:a@host:5060") << true << 5060;
        QTest::newRow("0") << QByteArray("sip:a@host:0") << true << 0;
        QTest::newRow("leading zeros") << QByteArray("sip:a@host:05060") << true << 5060;
        QTest::newRow("65535") << QByteArray("sip:a@host:65535") << true << 65535;
        QTest::newRow("65535 with params")
                << QByteArray("sip:a@host:65535;transport=udp") << true << 65535;
        QTest::newRow("65536") << QByteArray("sip:a@host:65536") << false << 0;
        QTest::newRow("huge") << QByteArray("sip:a@host:99999999999999999999999") << false << 0;
        QTest::newRow("empty") << QByteArray("sip:a@host:") << false << 0;
        QTest::newRow("letters") << QByteArray("sip:a@host:abc") << false << 0;
        QTest::newRow("digits then letters") << QByteArray("sip:a@host:5060x") << false << 0;
        QTest::newRow("negative") << QByteArray("sip:a@host:-1") << false << 0;
    }

    void ports()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QFETCH(int, port);
        const std::string t = str(text);
        SipUri uri;
        std::string error;
        QCOMPARE(SipUri::parse(t, uri, &error), valid);
        if (valid)
            QCOMPARE(uri.port(), port);
        else
            QVERIFY(!error.empty());
    }

    // ---- parameters and headers ----------------------------------------------------

    void paramsAndHeaders()
    {
        const std::string t = "sip:alice@atlanta.com;transport=TCP;lr;maddr=239.255.255.1;ttl=15;"
                              "x%20y=a%20b?subject=project%20x&priority=urgent";
        SipUri uri;
        std::string error;
        QVERIFY2(SipUri::parse(t, uri, &error), error.c_str());
        QCOMPARE(uri.params().count(), 5);
        QCOMPARE(qb(uri.params().text()),
                 QByteArray(";transport=TCP;lr;maddr=239.255.255.1;ttl=15;x%20y=a%20b"));
        QCOMPARE(QByteArray::fromStdString(uri.transport()), QByteArray("TCP"));
        QVERIFY(uri.hasLooseRoute());
        QCOMPARE(QByteArray::fromStdString(uri.maddr()), QByteArray("239.255.255.1"));
        QCOMPARE(QByteArray::fromStdString(uri.params().valueOf("ttl")), QByteArray("15"));
        // Parameter names are case-insensitive; URI parameter values are %-decoded.
        QVERIFY(uri.params().contains("TRANSPORT"));
        QCOMPARE(QByteArray::fromStdString(uri.params().valueOf("x%20y")), QByteArray("a b"));
        const auto lr = uri.params().find("lr");
        QVERIFY(lr.has_value());
        QVERIFY(!lr->hasValue);
        QVERIFY(!uri.params().contains("user"));
        QVERIFY(uri.params().valueOf("user").empty());
        QCOMPARE(qb(uri.headers()), QByteArray("subject=project%20x&priority=urgent"));
        QCOMPARE(uri.port(), -1);
        QCOMPARE(qb(uri.host()), QByteArray("atlanta.com"));

        // forEach visits in order and stops when asked.
        QList<QByteArray> names;
        uri.params().forEach([&](const Param &p) {
            names << qb(p.name);
            return names.size() < 3;
        });
        QCOMPARE(names, (QList<QByteArray> { "transport", "lr", "maddr" }));
    }

    void invalidParamsAndHeaders_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("empty param") << QByteArray("sip:a@host;");
        QTest::newRow("empty param name") << QByteArray("sip:a@host;=1");
        QTest::newRow("empty param value") << QByteArray("sip:a@host;foo=");
        QTest::newRow("bad escape in param") << QByteArray("sip:a@host;f%zz=1");
        QTest::newRow("space in param") << QByteArray("sip:a@host;foo=a b");
        QTest::newRow("empty headers") << QByteArray("sip:a@host?");
        QTest::newRow("header without =") << QByteArray("sip:a@host?subject");
        QTest::newRow("header without name") << QByteArray("sip:a@host?=x");
        QTest::newRow("trailing &") << QByteArray("sip:a@host?a=b&");
        QTest::newRow("space in header") << QByteArray("sip:a@host?a=b c");
        QTest::newRow("bad escape in header") << QByteArray("sip:a@host?a=%g1");
        QTest::newRow("junk after host") << QByteArray("sip:a@host>");
    }

    void invalidParamsAndHeaders()
    {
        QFETCH(QByteArray, text);
        const std::string t = str(text);
        SipUri uri;
        std::string error;
        QVERIFY(!SipUri::parse(t, uri, &error));
        QVERIFY(!error.empty());
    }

    void emptyHeaderValueAllowed()
    {
        // hvalue = *( hnv-unreserved / unreserved / escaped ): may be empty.
        const std::string t = "sip:a@host?subject=&priority=urgent";
        SipUri uri;
        std::string error;
        QVERIFY2(SipUri::parse(t, uri, &error), error.c_str());
        QCOMPARE(qb(uri.headers()), QByteArray("subject=&priority=urgent"));
    }

    void requestUriRejectsHeaders()
    {
        const std::string t = "sip:alice@atlanta.com;transport=tcp?subject=hi";
        SipUri uri;
        std::string error;
        QVERIFY(!SipUri::parse(t, uri, &error, false));
        QVERIFY2(QByteArray::fromStdString(error).contains("header"), error.c_str());
        // The same URI is fine where headers are allowed.
        error.clear();
        QVERIFY2(SipUri::parse(t, uri, &error, true), error.c_str());
        QCOMPARE(qb(uri.headers()), QByteArray("subject=hi"));
        // Without headers the Request-URI mode accepts it.
        const std::string plain = "sip:alice@atlanta.com;transport=tcp";
        QVERIFY(SipUri::parse(plain, uri, &error, false));
    }

    // ---- escaping ------------------------------------------------------------------

    void decodedUser_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("decoded");
        QTest::newRow("plain") << QByteArray("sip:alice@a.com") << QByteArray("alice")
                               << QByteArray("alice");
        QTest::newRow("escaped letter")
                << QByteArray("sip:%61lice@a.com") << QByteArray("%61lice") << QByteArray("alice");
        QTest::newRow("space @ colon") << QByteArray("sip:a%20b%40c%3Ad@a.com")
                                       << QByteArray("a%20b%40c%3Ad") << QByteArray("a b@c:d");
        QTest::newRow("lower-case hex")
                << QByteArray("sip:a%3ab@a.com") << QByteArray("a%3ab") << QByteArray("a:b");
        QTest::newRow("utf-8") << QByteArray("sip:Jos%C3%A9@a.com") << QByteArray("Jos%C3%A9")
                               << QByteArray("Jos\xC3\xA9");
    }

    void decodedUser()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, decoded);
        const std::string t = str(text);
        SipUri uri;
        std::string error;
        QVERIFY2(SipUri::parse(t, uri, &error), error.c_str());
        QCOMPARE(qb(uri.user()), user);
        QCOMPARE(QByteArray::fromStdString(uri.decodedUser()), decoded);
    }

    void escapeUser_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("escaped");
        QTest::newRow("plain") << QByteArray("alice") << QByteArray("alice");
        QTest::newRow("unreserved and user-unreserved kept")
                << QByteArray("a-_.!~*'()&=+$,;?/b") << QByteArray("a-_.!~*'()&=+$,;?/b");
        QTest::newRow("space @ colon")
                << QByteArray("John Doe@home:1") << QByteArray("John%20Doe%40home%3A1");
        QTest::newRow("percent") << QByteArray("100%") << QByteArray("100%25");
        QTest::newRow("quote and angle") << QByteArray("a\"<b>") << QByteArray("a%22%3Cb%3E");
        QTest::newRow("utf-8") << QByteArray("Jos\xC3\xA9") << QByteArray("Jos%C3%A9");
    }

    void escapeUser()
    {
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, escaped);
        const std::string u = str(user);
        QCOMPARE(QByteArray::fromStdString(SipUri::escapeUser(u)), escaped);

        // Round trip: format() escapes, parse() accepts it, decodedUser() restores it.
        const std::string text
                = SipUri::format(SipUri::Scheme::Sip, u, "example.com", 5070, "transport=tcp");
        SipUri uri;
        std::string error;
        QVERIFY2(SipUri::parse(text, uri, &error), (text + ": " + error).c_str());
        QCOMPARE(QByteArray::fromStdString(uri.decodedUser()), user);
        QCOMPARE(qb(uri.user()), escaped);
        QCOMPARE(qb(uri.host()), QByteArray("example.com"));
        QCOMPARE(uri.port(), 5070);
        QCOMPARE(QByteArray::fromStdString(uri.transport()), QByteArray("tcp"));
    }

    void format_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QByteArray>("params");
        QTest::addColumn<QByteArray>("expected");
        const int sip = int(SipUri::Scheme::Sip), sips = int(SipUri::Scheme::Sips);
        QTest::newRow("host only") << sip << QByteArray() << QByteArray("example.com") << -1
                                   << QByteArray() << QByteArray("sip:example.com");
        QTest::newRow("sips user port")
                << sips << QByteArray("bob") << QByteArray("biloxi.com") << 5061 << QByteArray()
                << QByteArray("sips:bob@biloxi.com:5061");
        QTest::newRow("bare ipv6 bracketed")
                << sip << QByteArray("a") << QByteArray("2001:db8::1") << 5060 << QByteArray(";lr")
                << QByteArray("sip:a@[2001:db8::1]:5060;lr");
        QTest::newRow("ipv6 already bracketed")
                << sip << QByteArray() << QByteArray("[::1]") << -1 << QByteArray("transport=tcp")
                << QByteArray("sip:[::1];transport=tcp");
    }

    void format()
    {
        QFETCH(int, scheme);
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, host);
        QFETCH(int, port);
        QFETCH(QByteArray, params);
        QFETCH(QByteArray, expected);
        const std::string text
                = SipUri::format(SipUri::Scheme(scheme), str(user), str(host), port, str(params));
        QCOMPARE(QByteArray::fromStdString(text), expected);
        SipUri uri;
        std::string error;
        QVERIFY2(SipUri::parse(text, uri, &error), error.c_str());
    }

    // ---- equivalence (RFC 3261 §19.1.4) --------------------------------------------

    void equivalence_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");

        // The RFC's own examples of equivalent URIs.
        QTest::newRow("rfc: escaped user, host and param case")
                << QByteArray("sip:%61lice@atlanta.com;transport=TCP")
                << QByteArray("sip:alice@AtLanTa.CoM;Transport=tcp") << true;
        QTest::newRow("rfc: carol vs newparam")
                << QByteArray("sip:carol@chicago.com")
                << QByteArray("sip:carol@chicago.com;newparam=5") << true;
        QTest::newRow("rfc: carol vs security=on")
                << QByteArray("sip:carol@chicago.com")
                << QByteArray("sip:carol@chicago.com;security=on") << true;
        QTest::newRow("rfc: newparam vs security=on")
                << QByteArray("sip:carol@chicago.com;newparam=5")
                << QByteArray("sip:carol@chicago.com;security=on") << true;
        QTest::newRow("rfc: param order with headers")
                << QByteArray(
                           "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com")
                << QByteArray(
                           "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")
                << true;
        QTest::newRow("rfc: header order")
                << QByteArray("sip:alice@atlanta.com?subject=project%20x&priority=urgent")
                << QByteArray("sip:alice@atlanta.com?priority=urgent&subject=project%20x") << true;

        // The RFC's own examples of URIs that are not equivalent.
        QTest::newRow("rfc: user case differs")
                << QByteArray("SIP:ALICE@AtLanTa.CoM;Transport=udp")
                << QByteArray("sip:alice@AtLanTa.CoM;Transport=UDP") << false;
        QTest::newRow("rfc: explicit port") << QByteArray("sip:bob@biloxi.com")
                                            << QByteArray("sip:bob@biloxi.com:5060") << false;
        QTest::newRow("rfc: transport only in one")
                << QByteArray("sip:bob@biloxi.com")
                << QByteArray("sip:bob@biloxi.com;transport=udp") << false;
        QTest::newRow("rfc: port and transport")
                << QByteArray("sip:bob@biloxi.com")
                << QByteArray("sip:bob@biloxi.com:6000;transport=tcp") << false;
        QTest::newRow("rfc: header only in one")
                << QByteArray("sip:carol@chicago.com")
                << QByteArray("sip:carol@chicago.com?Subject=next%20meeting") << false;
        QTest::newRow("rfc: name vs address") << QByteArray("sip:bob@phone21.boxesbybob.com")
                                              << QByteArray("sip:bob@192.0.2.4") << false;
        QTest::newRow("rfc: security on vs off")
                << QByteArray("sip:carol@chicago.com;security=on")
                << QByteArray("sip:carol@chicago.com;security=off") << false;

        // More of the §19.1.4 rules.
        QTest::newRow("identical") << QByteArray("sip:alice@atlanta.com")
                                   << QByteArray("sip:alice@atlanta.com") << true;
        QTest::newRow("scheme case") << QByteArray("SIP:alice@atlanta.com")
                                     << QByteArray("sip:alice@atlanta.com") << true;
        QTest::newRow("sip vs sips") << QByteArray("sip:alice@atlanta.com")
                                     << QByteArray("sips:alice@atlanta.com") << false;
        QTest::newRow("password case") << QByteArray("sip:alice:pw@atlanta.com")
                                       << QByteArray("sip:alice:PW@atlanta.com") << false;
        QTest::newRow("password escaped") << QByteArray("sip:alice:%70w@atlanta.com")
                                          << QByteArray("sip:alice:pw@atlanta.com") << true;
        QTest::newRow("password only in one") << QByteArray("sip:alice:pw@atlanta.com")
                                              << QByteArray("sip:alice@atlanta.com") << false;
        QTest::newRow("userinfo only in one")
                << QByteArray("sip:alice@atlanta.com") << QByteArray("sip:atlanta.com") << false;
        QTest::newRow("different ports")
                << QByteArray("sip:a@x.com:5060") << QByteArray("sip:a@x.com:5070") << false;
        QTest::newRow("same port")
                << QByteArray("sip:a@x.com:5060") << QByteArray("sip:a@X.COM:5060") << true;
        QTest::newRow("user param only in one") << QByteArray("sip:+1234@x.com;user=phone")
                                                << QByteArray("sip:+1234@x.com") << false;
        QTest::newRow("ttl only in one")
                << QByteArray("sip:a@x.com;ttl=1") << QByteArray("sip:a@x.com") << false;
        QTest::newRow("method only in one")
                << QByteArray("sip:a@x.com;method=INVITE") << QByteArray("sip:a@x.com") << false;
        QTest::newRow("maddr only in one")
                << QByteArray("sip:a@x.com;maddr=192.0.2.1") << QByteArray("sip:a@x.com") << false;
        QTest::newRow("maddr differs") << QByteArray("sip:a@x.com;maddr=192.0.2.1")
                                       << QByteArray("sip:a@x.com;maddr=192.0.2.2") << false;
        QTest::newRow("transport differs") << QByteArray("sip:a@x.com;transport=tcp")
                                           << QByteArray("sip:a@x.com;transport=udp") << false;
        QTest::newRow("lr in one only")
                << QByteArray("sip:a@x.com;lr") << QByteArray("sip:a@x.com") << true;
        QTest::newRow("param value escaped")
                << QByteArray("sip:a@x.com;foo=%62ar") << QByteArray("sip:a@x.com;foo=BAR") << true;
        QTest::newRow("header value differs") << QByteArray("sip:a@x.com?subject=a")
                                              << QByteArray("sip:a@x.com?subject=b") << false;
        QTest::newRow("header name case") << QByteArray("sip:a@x.com?Subject=hi")
                                          << QByteArray("sip:a@x.com?subject=hi") << true;
        QTest::newRow("extra header")
                << QByteArray("sip:a@x.com?a=1") << QByteArray("sip:a@x.com?a=1&b=2") << false;
        QTest::newRow("ipv6 same")
                << QByteArray("sip:a@[2001:DB8::1]") << QByteArray("sip:a@[2001:db8::1]") << true;
        QTest::newRow("tel same") << QByteArray("tel:+1-201-555-0123")
                                  << QByteArray("TEL:+1-201-555-0123") << true;
        QTest::newRow("tel differs")
                << QByteArray("tel:+1-201-555-0123") << QByteArray("tel:+1-201-555-0124") << false;
        QTest::newRow("sip vs tel")
                << QByteArray("sip:+12015550123@x.com") << QByteArray("tel:+12015550123") << false;
    }

    void equivalence()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        const std::string ta = str(a), tb = str(b);
        SipUri ua, ub;
        std::string error;
        QVERIFY2(SipUri::parse(ta, ua, &error), error.c_str());
        QVERIFY2(SipUri::parse(tb, ub, &error), error.c_str());
        QCOMPARE(ua.equivalentTo(ub), equal);
        QCOMPARE(ub.equivalentTo(ua), equal); // symmetric
        QVERIFY(ua.equivalentTo(ua)); // reflexive
        // operator== is text equality, stricter than equivalence.
        QCOMPARE(ua == ub, ta == tb);
    }
};

QTEST_APPLESS_MAIN(TestSipUri)
#include "tst_sipuri.moc"
