// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sdp/SdpParser.h"
#include "sip/sdp/SessionDescription.h"

#include <QRandomGenerator>
#include <QTest>

#include <string>

using namespace Sip;

namespace {

// Test bodies are written with LF; crlf() turns them into what a phone sends.
std::string crlf(std::string_view lf)
{
    std::string out;
    for (char c : lf) {
        if (c == '\n')
            out += "\r\n";
        else
            out += c;
    }
    return out;
}

QByteArray qb(std::string_view s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

// A Linphone 5.x offer: Opus first, static types without rtpmap, three telephone-event
// rates, rtcp-fb and rtcp-xr attributes we do not interpret.
const char *const LinphoneOffer = R"(v=0
o=alice 2950 1470 IN IP4 192.168.1.20
s=Talk
c=IN IP4 192.168.1.20
t=0 0
a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
a=record:off
m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
a=rtpmap:96 opus/48000/2
a=fmtp:96 useinbandfec=1
a=rtpmap:97 speex/16000
a=fmtp:97 vbr=on
a=rtpmap:98 speex/8000
a=fmtp:98 vbr=on
a=fmtp:18 annexb=yes
a=rtpmap:101 telephone-event/48000
a=rtpmap:99 telephone-event/16000
a=rtpmap:100 telephone-event/8000
a=rtcp-fb:* trr-int 1000
a=rtcp-fb:* ccm tmmbr
)";

// An Asterisk 18 (chan_pjsip) G.711 offer.
const char *const AsteriskOffer = R"(v=0
o=- 1843017564 1843017564 IN IP4 203.0.113.5
s=Asterisk
c=IN IP4 203.0.113.5
t=0 0
m=audio 14822 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=maxptime:150
a=sendrecv
)";

// RTP/SAVP with two crypto lines (RFC 4568 §8.1 style, with lifetime and MKI).
const char *const SrtpOffer = R"(v=0
o=- 25678 753849 IN IP4 192.0.2.1
s=SRTP call
c=IN IP4 192.0.2.1
t=0 0
m=audio 49170 RTP/SAVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4
a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32
a=sendrecv
)";

const char *const Ipv6Offer = R"(v=0
o=- 3745 3745 IN IP6 2001:db8::10
s=-
c=IN IP6 2001:db8::10
t=0 0
m=audio 30000 RTP/AVP 9 0 101
a=rtpmap:9 G722/8000
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=rtcp:30001 IN IP6 2001:db8::11
)";

// Asterisk putting the call on hold (RFC 3264 §8.4 style).
const char *const HoldSendonly = R"(v=0
o=- 1843017564 1843017565 IN IP4 203.0.113.5
s=Asterisk
c=IN IP4 203.0.113.5
t=0 0
m=audio 14822 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=sendonly
)";

// An old phone's RFC 2543 hold.
const char *const HoldNullAddress = R"(v=0
o=Sipura 4711 4712 IN IP4 10.0.0.7
s=-
c=IN IP4 0.0.0.0
t=0 0
m=audio 16384 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
)";

// RFC 4566 §5 example, with the r= and z= examples of §5.10 and §5.11.
const char *const Rfc4566Example = R"(v=0
o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5
s=SDP Seminar
i=A Seminar on the session description protocol
u=http://www.example.com/seminars/sdp.pdf
e=j.doe@example.com (Jane Doe)
c=IN IP4 224.2.17.12/127
t=2873397496 2873404696
r=604800 3600 0 90000
z=2882844526 -1h 2898848070 0
a=recvonly
m=audio 49170 RTP/AVP 0
m=video 51372 RTP/AVP 99
a=rtpmap:99 h263-1998/90000
)";

SessionDescription parseOk(std::string_view text)
{
    const auto r = SdpParser::parse(text);
    if (!r.ok())
        qWarning("unexpected parse error: %s", r.error.toString().c_str());
    return r.description;
}

} // namespace

class TestSdp : public QObject
{
    Q_OBJECT

private slots:
    // ---- real-world offers ---------------------------------------------------------

    void linphoneOffer()
    {
        const auto r = SdpParser::parse(crlf(LinphoneOffer));
        QVERIFY2(r.ok(), r.error.toString().c_str());
        QVERIFY(r.warnings.empty());
        const SessionDescription &d = r.description;
        QCOMPARE(d.origin.username, std::string("alice"));
        QCOMPARE(d.origin.sessionId, std::string("2950"));
        QCOMPARE(d.origin.sessionVersion, uint64_t(1470));
        QCOMPARE(d.origin.address, std::string("192.168.1.20"));
        QCOMPARE(d.sessionName, std::string("Talk"));
        QVERIFY(d.connection);
        QCOMPARE(d.connection->address, std::string("192.168.1.20"));
        QCOMPARE(d.attributes.size(), size_t(2));
        QCOMPARE(d.attribute("record"), std::optional<std::string>("off"));
        QCOMPARE(d.media.size(), size_t(1));
        const MediaDescription &m = d.media[0];
        QCOMPARE(m.media, std::string("audio"));
        QCOMPARE(m.port, 7078);
        QVERIFY(!m.portCount);
        QCOMPARE(m.proto, std::string("RTP/AVP"));
        QCOMPARE(m.payloadTypes(), (std::vector<int>{96, 97, 98, 0, 8, 18, 101, 99, 100}));
        const auto opus = m.codec(96);
        QVERIFY(opus);
        QCOMPARE(opus->encodingName, std::string("opus"));
        QCOMPARE(opus->clockRate, 48000);
        QCOMPARE(opus->channels, 2);
        QCOMPARE(m.fmtp(96)->value("useinbandfec"), std::optional<std::string>("1"));
        // Static types without rtpmap fall back to RFC 3551.
        QCOMPARE(m.codec(0)->encodingName, std::string("PCMU"));
        QCOMPARE(m.codec(8)->encodingName, std::string("PCMA"));
        QCOMPARE(m.codec(18)->encodingName, std::string("G729"));
        QCOMPARE(m.fmtp(18)->params, std::string("annexb=yes"));
        QCOMPARE(m.codec(100)->clockRate, 8000);
        QCOMPARE(m.rtpMaps().size(), size_t(6));
        QVERIFY(!m.direction());
        QCOMPARE(d.effectiveDirection(0), SdpDirection::SendRecv);
        QVERIFY(!m.ptime());
        QCOMPARE(m.attributeValues("rtcp-fb").size(), size_t(2));
        QCOMPARE(d.effectiveConnection(0)->address, std::string("192.168.1.20"));
    }

    void asteriskOffer()
    {
        const auto r = SdpParser::parse(crlf(AsteriskOffer));
        QVERIFY2(r.ok(), r.error.toString().c_str());
        const MediaDescription &m = r.description.media[0];
        QCOMPARE(m.ptime(), std::optional<int>(20));
        QCOMPARE(m.maxptime(), std::optional<int>(150));
        QCOMPARE(m.direction(), std::optional<SdpDirection>(SdpDirection::SendRecv));
        const auto te = m.fmtp(101);
        QVERIFY(te);
        QCOMPARE(te->params, std::string("0-16"));
        QVERIFY(te->parameters().empty());
        QVERIFY(!m.rtcpMux());
        QVERIFY(!m.rtcp());
        QVERIFY(m.cryptos().empty());
    }

    void srtpOffer()
    {
        const auto r = SdpParser::parse(crlf(SrtpOffer));
        QVERIFY2(r.ok(), r.error.toString().c_str());
        const MediaDescription &m = r.description.media[0];
        QVERIFY(m.isRtp());
        QVERIFY(m.isSecureRtpProfile());
        const auto cryptos = m.cryptos();
        QCOMPARE(cryptos.size(), size_t(2));
        QCOMPARE(cryptos[0].tag, 1);
        QCOMPARE(cryptos[0].suite, std::string("AES_CM_128_HMAC_SHA1_80"));
        QCOMPARE(cryptos[0].keyParams, std::string("inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4"));
        QVERIFY(cryptos[0].sessionParams.empty());
        const auto keys = cryptos[0].inlineKeys();
        QCOMPARE(keys.size(), size_t(1));
        QCOMPARE(keys[0].keySalt, std::string("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"));
        QCOMPARE(keys[0].lifetime, std::string("2^20"));
        QCOMPARE(keys[0].mki, std::string("1:4"));
        QCOMPARE(cryptos[0].firstKeySalt()->size(), size_t(30));
        QCOMPARE(cryptos[1].tag, 2);
        QCOMPARE(cryptos[1].suite, std::string("AES_CM_128_HMAC_SHA1_32"));
        QCOMPARE(cryptos[1].inlineKeys()[0].mki, std::string("1:32"));
    }

    void cryptoLine_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("lifetime");
        QTest::addColumn<QByteArray>("mki");
        QTest::addColumn<int>("sessionParams");
        QTest::newRow("plain") << QByteArray("1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd") << true << QByteArray() << QByteArray() << 0;
        QTest::newRow("lifetime") << QByteArray("1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd|2^31") << true << QByteArray("2^31") << QByteArray() << 0;
        QTest::newRow("mki only") << QByteArray("1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd|1:4") << true << QByteArray() << QByteArray("1:4") << 0;
        QTest::newRow("session params") << QByteArray("7 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd KDR=1 UNENCRYPTED_SRTCP") << true << QByteArray() << QByteArray() << 2;
        QTest::newRow("no key") << QByteArray("1 AES_CM_128_HMAC_SHA1_80") << false << QByteArray() << QByteArray() << 0;
        QTest::newRow("bad tag") << QByteArray("x AES_CM_128_HMAC_SHA1_80 inline:abc") << false << QByteArray() << QByteArray() << 0;
        QTest::newRow("not inline") << QByteArray("1 AES_CM_128_HMAC_SHA1_80 uri:abc") << false << QByteArray() << QByteArray() << 0;
        QTest::newRow("empty inline") << QByteArray("1 AES_CM_128_HMAC_SHA1_80 inline:") << false << QByteArray() << QByteArray() << 0;
    }

    void cryptoLine()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        std::string error;
        const auto c = SdpCrypto::parse(value.toStdString(), &error);
        QCOMPARE(c.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.empty());
            return;
        }
        QFETCH(QByteArray, lifetime);
        QFETCH(QByteArray, mki);
        QFETCH(int, sessionParams);
        QCOMPARE(qb(c->inlineKeys().at(0).lifetime), lifetime);
        QCOMPARE(qb(c->inlineKeys().at(0).mki), mki);
        QCOMPARE(int(c->sessionParams.size()), sessionParams);
        QCOMPARE(qb(c->toString()), value);
    }

    void ipv6Offer()
    {
        const auto r = SdpParser::parse(crlf(Ipv6Offer));
        QVERIFY2(r.ok(), r.error.toString().c_str());
        const SessionDescription &d = r.description;
        QCOMPARE(d.origin.addrType, std::string("IP6"));
        QVERIFY(d.connection->isIPv6());
        QCOMPARE(d.connection->address, std::string("2001:db8::10"));
        QVERIFY(!d.connection->isMulticast());
        const auto rtcp = d.media[0].rtcp();
        QVERIFY(rtcp);
        QCOMPARE(rtcp->port, 30001);
        QCOMPARE(rtcp->addrType, std::string("IP6"));
        QCOMPARE(rtcp->address, std::string("2001:db8::11"));
        QCOMPARE(d.media[0].codec(9)->encodingName, std::string("G722"));
    }

    void holdOffers()
    {
        const SessionDescription sendonly = parseOk(crlf(HoldSendonly));
        QCOMPARE(sendonly.effectiveDirection(0), SdpDirection::SendOnly);
        QVERIFY(!sendonly.effectiveConnection(0)->isNullAddress());

        const SessionDescription nullAddress = parseOk(crlf(HoldNullAddress));
        QCOMPARE(nullAddress.effectiveDirection(0), SdpDirection::SendRecv);
        QVERIFY(nullAddress.effectiveConnection(0)->isNullAddress());
    }

    void rfc4566Example()
    {
        const auto r = SdpParser::parse(crlf(Rfc4566Example));
        QVERIFY2(r.ok(), r.error.toString().c_str());
        const SessionDescription &d = r.description;
        QCOMPARE(d.information, std::optional<std::string>("A Seminar on the session description protocol"));
        QCOMPARE(d.uri, std::optional<std::string>("http://www.example.com/seminars/sdp.pdf"));
        QCOMPARE(d.emails, std::vector<std::string>{"j.doe@example.com (Jane Doe)"});
        QVERIFY(d.connection->isMulticast());
        QCOMPARE(d.connection->ttl, std::optional<int>(127));
        QVERIFY(!d.connection->numberOfAddresses);
        QCOMPARE(d.timings.size(), size_t(1));
        QCOMPARE(d.timings[0].start, uint64_t(2873397496));
        QCOMPARE(d.timings[0].stop, uint64_t(2873404696));
        QCOMPARE(d.timings[0].repeats, std::vector<std::string>{"604800 3600 0 90000"});
        QCOMPARE(d.zone, std::optional<std::string>("2882844526 -1h 2898848070 0"));
        QCOMPARE(d.direction(), std::optional<SdpDirection>(SdpDirection::RecvOnly));
        QCOMPARE(d.media.size(), size_t(2));
        // Session-level direction is the default for media without their own.
        QCOMPARE(d.effectiveDirection(0), SdpDirection::RecvOnly);
        QCOMPARE(d.effectiveDirection(1), SdpDirection::RecvOnly);
        QCOMPARE(d.media[1].media, std::string("video"));
        QCOMPARE(d.media[1].codec(99)->encodingName, std::string("h263-1998"));
        QCOMPARE(d.media[1].codec(99)->clockRate, 90000);
    }

    void connectionForms_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<int>("count");
        QTest::newRow("ipv4") << QByteArray("IN IP4 192.0.2.1") << true << -1 << -1;
        QTest::newRow("fqdn") << QByteArray("IN IP4 media.example.com") << true << -1 << -1;
        QTest::newRow("multicast ttl") << QByteArray("IN IP4 224.2.1.1/127") << true << 127 << -1;
        QTest::newRow("multicast ttl count") << QByteArray("IN IP4 224.2.1.1/127/3") << true << 127 << 3;
        QTest::newRow("ipv6 multicast count") << QByteArray("IN IP6 FF15::101/3") << true << -1 << 3;
        QTest::newRow("ipv6") << QByteArray("IN IP6 ::1") << true << -1 << -1;
        QTest::newRow("bad ipv4") << QByteArray("IN IP4 300.1.1.1") << false << -1 << -1;
        QTest::newRow("bad ipv6") << QByteArray("IN IP6 2001:db8:::1") << false << -1 << -1;
        QTest::newRow("bad ttl") << QByteArray("IN IP4 224.2.1.1/999") << false << -1 << -1;
        QTest::newRow("zero count") << QByteArray("IN IP4 224.2.1.1/12/0") << false << -1 << -1;
        QTest::newRow("too few") << QByteArray("IN IP4") << false << -1 << -1;
        QTest::newRow("too many") << QByteArray("IN IP4 1.2.3.4 extra") << false << -1 << -1;
    }

    void connectionForms()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        QFETCH(int, ttl);
        QFETCH(int, count);
        std::string error;
        const auto c = SdpConnection::parse(value.toStdString(), &error);
        QCOMPARE(c.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.empty());
            return;
        }
        QCOMPARE(c->ttl.value_or(-1), ttl);
        QCOMPARE(c->numberOfAddresses.value_or(-1), count);
        QCOMPARE(qb(c->toString()), value);
    }

    void rtpmapForms_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("pt");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("channels");
        QTest::newRow("opus") << QByteArray("111 opus/48000/2") << true << 111 << QByteArray("opus") << 48000 << 2;
        QTest::newRow("pcmu") << QByteArray("0 PCMU/8000") << true << 0 << QByteArray("PCMU") << 8000 << 1;
        QTest::newRow("te") << QByteArray("101 telephone-event/8000") << true << 101 << QByteArray("telephone-event") << 8000 << 1;
        QTest::newRow("no rate") << QByteArray("96 opus") << false << 0 << QByteArray() << 0 << 0;
        QTest::newRow("zero rate") << QByteArray("96 opus/0") << false << 0 << QByteArray() << 0 << 0;
        QTest::newRow("pt 128") << QByteArray("128 opus/48000") << false << 0 << QByteArray() << 0 << 0;
        QTest::newRow("pt text") << QByteArray("abc opus/48000") << false << 0 << QByteArray() << 0 << 0;
        QTest::newRow("bad channels") << QByteArray("96 opus/48000/x") << false << 0 << QByteArray() << 0 << 0;
        QTest::newRow("empty channels") << QByteArray("96 opus/48000/") << false << 0 << QByteArray() << 0 << 0;
        QTest::newRow("only pt") << QByteArray("96") << false << 0 << QByteArray() << 0 << 0;
    }

    void rtpmapForms()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        std::string error;
        const auto m = SdpRtpMap::parse(value.toStdString(), &error);
        QCOMPARE(m.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.empty());
            return;
        }
        QFETCH(int, pt);
        QFETCH(QByteArray, name);
        QFETCH(int, rate);
        QFETCH(int, channels);
        QCOMPARE(m->payloadType, pt);
        QCOMPARE(qb(m->encodingName), name);
        QCOMPARE(m->clockRate, rate);
        QCOMPARE(m->channelCount(), channels);
        QCOMPARE(qb(m->toString()), value);
    }

    void fmtpParameters()
    {
        const auto f = SdpFmtp::parse("111 useinbandfec=1; stereo=0;maxaveragebitrate=20000;sprop-stereo=0", nullptr);
        QVERIFY(f);
        QCOMPARE(f->payloadType, 111);
        const auto params = f->parameters();
        QCOMPARE(params.size(), size_t(4));
        QCOMPARE(params[1].first, std::string("stereo"));
        QCOMPARE(params[1].second, std::string("0"));
        QCOMPARE(f->value("MAXAVERAGEBITRATE"), std::optional<std::string>("20000"));
        QVERIFY(!f->value("cbr"));
        QCOMPARE(SdpFmtp::join({{"useinbandfec", "1"}, {"stereo", "0"}}), std::string("useinbandfec=1;stereo=0"));
        const auto te = SdpFmtp::parse("101 0-16", nullptr);
        QCOMPARE(te->params, std::string("0-16"));
        QVERIFY(!SdpFmtp::parse("x 0-16", nullptr));
    }

    void rtcpAttribute_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("port") << QByteArray("53020") << true;
        QTest::newRow("port and address") << QByteArray("53020 IN IP4 126.16.64.4") << true;
        QTest::newRow("ipv6") << QByteArray("53020 IN IP6 2001:2345:6789:ABCD:EF01:2345:6789:ABCD") << true;
        QTest::newRow("port too big") << QByteArray("65536") << false;
        QTest::newRow("partial address") << QByteArray("53020 IN IP4") << false;
        QTest::newRow("text") << QByteArray("abc") << false;
    }

    void rtcpAttribute()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        const auto r = SdpRtcp::parse(value.toStdString(), nullptr);
        QCOMPARE(r.has_value(), valid);
        if (valid)
            QCOMPARE(qb(r->toString()), value);
    }

    // ---- round trips ---------------------------------------------------------------

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("linphone") << QByteArray(LinphoneOffer);
        QTest::newRow("asterisk") << QByteArray(AsteriskOffer);
        QTest::newRow("srtp") << QByteArray(SrtpOffer);
        QTest::newRow("ipv6") << QByteArray(Ipv6Offer);
        QTest::newRow("hold sendonly") << QByteArray(HoldSendonly);
        QTest::newRow("hold 0.0.0.0") << QByteArray(HoldNullAddress);
        QTest::newRow("rfc4566") << QByteArray(Rfc4566Example);
    }

    void roundTrip()
    {
        QFETCH(QByteArray, text);
        const std::string input = crlf(text.toStdString());
        const auto first = SdpParser::parse(input);
        QVERIFY2(first.ok(), first.error.toString().c_str());
        const std::string written = first.description.toString();
        // These inputs are canonical already: the text comes back byte for byte.
        QCOMPARE(qb(written), qb(input));
        const auto second = SdpParser::parse(written);
        QVERIFY(second.ok());
        QVERIFY(second.description == first.description);
        // CRLF only, never a bare LF.
        for (size_t i = 0; i < written.size(); ++i) {
            if (written[i] == '\n')
                QVERIFY(i > 0 && written[i - 1] == '\r');
        }
    }

    void unknownAttributesKeptVerbatim()
    {
        const std::string text = crlf(R"(v=0
o=- 1 1 IN IP4 192.0.2.1
s=-
c=IN IP4 192.0.2.1
b=AS:64
t=0 0
a=ice-lite
a=X-nat:0
a=group:BUNDLE audio
m=audio 5004 RTP/AVPF 0
b=TIAS:64000
a=X-custom:foo  bar baz
a=empty:
a=ssrc:2231627014 cname:{9c4a1b2e}
a=ssrc:2231627014 msid:stream track
a=mid:audio
a=rtcp-mux
a=candidate:1 1 UDP 2130706431 192.0.2.1 5004 typ host
)");
        const auto r = SdpParser::parse(text);
        QVERIFY2(r.ok(), r.error.toString().c_str());
        const MediaDescription &m = r.description.media[0];
        QCOMPARE(m.attribute("X-custom"), std::optional<std::string>("foo  bar baz"));
        QVERIFY(m.attributes[1].hasValue);
        QCOMPARE(m.attributes[1].value, std::string());
        QCOMPARE(m.mid(), std::optional<std::string>("audio"));
        QCOMPARE(m.ssrcs().size(), size_t(2));
        QCOMPARE(m.ssrcs()[0], std::string("2231627014 cname:{9c4a1b2e}"));
        QVERIFY(m.rtcpMux());
        QCOMPARE(m.bandwidths[0].type, std::string("TIAS"));
        QCOMPARE(m.bandwidths[0].value, uint64_t(64000));
        QVERIFY(r.description.hasAttribute("ice-lite"));
        QCOMPARE(qb(r.description.toString()), qb(text));
    }

    void lenientLineEnds()
    {
        const SessionDescription canonical = parseOk(crlf(AsteriskOffer));
        // LF only.
        QVERIFY(parseOk(AsteriskOffer) == canonical);
        // Trailing whitespace, CRLF, no final line end, a trailing blank line.
        std::string messy;
        for (const auto &line : QByteArray(AsteriskOffer).split('\n')) {
            if (!line.isEmpty())
                messy += line.toStdString() + " \t\r\n";
        }
        messy.pop_back();
        messy.pop_back();
        QVERIFY(parseOk(messy) == canonical);
        QVERIFY(parseOk(crlf(AsteriskOffer) + "\r\n") == canonical);
        // Runs of spaces between fields.
        std::string spaced = crlf(AsteriskOffer);
        spaced.replace(spaced.find("m=audio 14822"), 13, "m=audio   14822");
        QVERIFY(parseOk(spaced) == canonical);
        // A blank line in the middle is a warning, not an error.
        std::string blank = crlf(AsteriskOffer);
        blank.insert(blank.find("m=audio"), "\r\n");
        const auto r = SdpParser::parse(blank);
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), size_t(1));
        QCOMPARE(r.warnings[0].line, 6);
        QVERIFY(r.description == canonical);
    }

    void buildAndSerialize()
    {
        SessionDescription d;
        d.origin = SdpOrigin{"-", "42", 7, "IN", "IP4", "198.51.100.7"};
        d.sessionName = "";
        d.connection = SdpConnection::ip("198.51.100.7");
        MediaDescription m;
        m.port = 40000;
        m.formats = {"0", "101"};
        m.addAttribute("rtpmap", "0 PCMU/8000");
        m.addAttribute("rtpmap", "101 telephone-event/8000");
        m.addAttribute("fmtp", "101 0-16");
        m.addProperty("rtcp-mux");
        m.setDirection(SdpDirection::SendOnly);
        m.setDirection(SdpDirection::Inactive); // replaces
        d.media.push_back(m);
        const std::string expected = "v=0\r\no=- 42 7 IN IP4 198.51.100.7\r\ns= \r\nc=IN IP4 198.51.100.7\r\n"
                                     "t=0 0\r\nm=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                                     "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=rtcp-mux\r\n"
                                     "a=inactive\r\n";
        QCOMPARE(qb(d.toString()), qb(expected));
        QVERIFY(parseOk(d.toString()) == d);
        QCOMPARE(d.effectiveDirection(0), SdpDirection::Inactive);

        // IPv6 c= and a port count survive a round trip.
        d.connection = SdpConnection::ip("2001:db8::1");
        QCOMPARE(d.connection->addrType, std::string("IP6"));
        d.media[0].portCount = 2;
        QVERIFY(parseOk(d.toString()) == d);
        QVERIFY(d.toString().find("m=audio 40000/2 RTP/AVP") != std::string::npos);
    }

    // ---- malformed input -----------------------------------------------------------

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QByteArray>("message");

        const QByteArray head = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\n";
        QTest::newRow("empty") << QByteArray() << 0 << QByteArray("empty SDP body");
        QTest::newRow("only blank lines") << QByteArray("\r\n\r\n") << 0 << QByteArray("empty SDP body");
        QTest::newRow("missing v=") << QByteArray("o=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n") << 1 << QByteArray("SDP must start with 'v=' (found 'o=')");
        QTest::newRow("missing o=") << QByteArray("v=0\ns=-\nt=0 0\n") << 2 << QByteArray("expected 'o=' after 'v=' (found 's=')");
        QTest::newRow("missing s=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\nt=0 0\n") << 3 << QByteArray("expected 's=' after 'o=' (found 't=')");
        QTest::newRow("missing t= before m=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nm=audio 4000 RTP/AVP 0\n") << 5 << QByteArray("missing 't=' line before 'm='");
        QTest::newRow("missing t= before a=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\na=sendrecv\n") << 4 << QByteArray("missing 't=' line before 'a='");
        QTest::newRow("missing t= at end") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\n") << 4 << QByteArray("missing 't=' line");
        QTest::newRow("truncated after v=") << QByteArray("v=0\n") << 1 << QByteArray("missing 'o=' line");
        QTest::newRow("version 1") << QByteArray("v=1\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\n") << 1 << QByteArray("unsupported SDP version '1'");
        QTest::newRow("space before =") << QByteArray("v =0\n") << 1 << QByteArray("no whitespace allowed before '='");
        QTest::newRow("no =") << QByteArray("v=0\nhello\n") << 2 << QByteArray("expected <type>=<value>");
        QTest::newRow("upper-case type") << QByteArray("v=0\nO=- 1 1 IN IP4 192.0.2.1\n") << 2 << QByteArray("invalid line type 'O'");
        QTest::newRow("truncated o=") << QByteArray("v=0\no=- 1 1 IN\ns=-\nt=0 0\n") << 2 << QByteArray("o= needs <username>");
        QTest::newRow("o= version text") << QByteArray("v=0\no=- 1 x IN IP4 192.0.2.1\ns=-\nt=0 0\n") << 2 << QByteArray("o= session version 'x' is not a number");
        QTest::newRow("unknown type") << head + "x=foo\n" << 6 << QByteArray("unknown line type 'x='");
        QTest::newRow("c= after t=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nc=IN IP4 192.0.2.1\n") << 5 << QByteArray("'c=' line out of order");
        QTest::newRow("duplicate c=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nc=IN IP4 192.0.2.2\nt=0 0\n") << 5 << QByteArray("duplicate 'c=' line");
        QTest::newRow("r= without t=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nr=1 2 3\n") << 4 << QByteArray("'r=' without a preceding 't=' line");
        QTest::newRow("bad t=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0\n") << 4 << QByteArray("t= needs <start-time> <stop-time>");
        QTest::newRow("bad c= address") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 300.1.1.1\nt=0 0\n") << 4 << QByteArray("invalid IP4 address '300.1.1.1'");
        QTest::newRow("truncated c=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4\nt=0 0\n") << 4 << QByteArray("c= needs <nettype> <addrtype> <address>");
        QTest::newRow("bad b=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nb=AS\nt=0 0\n") << 4 << QByteArray("b= needs <bwtype>:<bandwidth>");
        QTest::newRow("m= port out of range") << head + "m=audio 70000 RTP/AVP 0\n" << 6 << QByteArray("m= port '70000' is out of range 0-65535");
        QTest::newRow("m= port text") << head + "m=audio abc RTP/AVP 0\n" << 6 << QByteArray("m= port 'abc' is not a number");
        QTest::newRow("m= port negative") << head + "m=audio -1 RTP/AVP 0\n" << 6 << QByteArray("m= port '-1' is not a number");
        QTest::newRow("m= port count 0") << head + "m=audio 4000/0 RTP/AVP 0\n" << 6 << QByteArray("m= number of ports '0' is not a positive number");
        QTest::newRow("m= truncated") << head + "m=audio 4000\n" << 6 << QByteArray("m= needs <media> <port>");
        QTest::newRow("m= no formats") << head + "m=audio 4000 RTP/AVP\n" << 6 << QByteArray("m= line lists no formats");
        QTest::newRow("m= non-numeric pt") << head + "m=audio 4000 RTP/AVP 0 abc\n" << 6 << QByteArray("payload type 'abc' on the m= line is not a number 0-127");
        QTest::newRow("m= pt 128") << head + "m=audio 4000 RTP/AVP 128\n" << 6 << QByteArray("payload type '128' on the m= line is not a number 0-127");
        QTest::newRow("rtpmap non-numeric pt") << head + "m=audio 4000 RTP/AVP 0\na=rtpmap:x PCMU/8000\n" << 7 << QByteArray("rtpmap payload type 'x' is not a number 0-127");
        QTest::newRow("rtpmap truncated") << head + "m=audio 4000 RTP/AVP 96\na=rtpmap:96\n" << 7 << QByteArray("rtpmap needs");
        QTest::newRow("rtpmap no rate") << head + "m=audio 4000 RTP/AVP 96\na=rtpmap:96 opus\n" << 7 << QByteArray("lacks <encoding name>/<clock rate>");
        QTest::newRow("fmtp no pt") << head + "m=audio 4000 RTP/AVP 96\na=fmtp:\n" << 7 << QByteArray("fmtp needs <format> <parameters>");
        QTest::newRow("rtcp bad port") << head + "m=audio 4000 RTP/AVP 0\na=rtcp:99999\n" << 7 << QByteArray("rtcp port '99999'");
        QTest::newRow("t= in media") << head + "m=audio 4000 RTP/AVP 0\nt=0 0\n" << 7 << QByteArray("'t=' is not allowed inside a media description (m= on line 6)");
        QTest::newRow("c= after a= in media") << head + "m=audio 4000 RTP/AVP 0\na=sendrecv\nc=IN IP4 192.0.2.1\n" << 8 << QByteArray("'c=' line out of order in the media description");
        QTest::newRow("media without c=") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0\n") << 5 << QByteArray("media description has no 'c=' line");
        QTest::newRow("NUL byte") << QByteArray("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=a\0b\n", 33) << 3 << QByteArray("control character 0x00 in line");
        QTest::newRow("bad attribute name") << head + "a=:foo\n" << 6 << QByteArray("attribute name '' is not a token");
    }

    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QByteArray, message);
        const auto r = SdpParser::parse(std::string_view(text.constData(), size_t(text.size())));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.line, line);
        if (!qb(r.error.message).contains(message))
            QFAIL(qPrintable("message was: " + QString::fromStdString(r.error.toString())));
        if (line > 0)
            QVERIFY(r.error.toString().rfind("line " + std::to_string(line) + ": ", 0) == 0);
    }

    void warnings()
    {
        const std::string text = crlf(R"(v=0
o=- 1 1 IN IP4 192.0.2.1
s=-
c=IN IP4 192.0.2.1
t=0 0
m=audio 4000 RTP/AVP 0 0
a=rtpmap:96 opus/48000/2
a=fmtp:97 foo=1
a=ptime:abc
a=crypto:1 AES_CM_128_HMAC_SHA1_80 nokey
a=sendonly
a=recvonly
m=video 0 RTP/AVP 31
)");
        const auto r = SdpParser::parse(text);
        QVERIFY2(r.ok(), r.error.toString().c_str());
        std::vector<int> lines;
        for (const auto &w : r.warnings)
            lines.push_back(w.line);
        QCOMPARE(lines, (std::vector<int>{6, 7, 8, 9, 10, 12}));
        QVERIFY(r.warnings[1].message.find("rtpmap for payload type 96 which is not on the m= line") != std::string::npos);
        QVERIFY(r.warnings[5].message.find("direction") != std::string::npos);
        const MediaDescription &m = r.description.media[0];
        QVERIFY(!m.ptime());
        QVERIFY(m.cryptos().empty());
        QCOMPARE(m.direction(), std::optional<SdpDirection>(SdpDirection::SendOnly));
        // Malformed attributes are still kept verbatim.
        QCOMPARE(qb(r.description.toString()), qb(text));
    }

    void rejectedMediaWithoutConnectionIsWarning()
    {
        const auto r = SdpParser::parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n");
        QVERIFY(r.ok());
        QCOMPARE(r.warnings.size(), size_t(1));
        QCOMPARE(r.warnings[0].line, 5);
    }

    // ---- limits --------------------------------------------------------------------

    void tenThousandAttributesCapped()
    {
        std::string text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        for (int i = 0; i < 10000; ++i)
            text += "a=x\r\n";
        QVERIFY(text.size() < 64 * 1024);
        const auto r = SdpParser::parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error.line, 5 + 513);
        QCOMPARE(r.error.message, std::string("too many attributes (limit 512)"));
    }

    void otherLimits()
    {
        const std::string head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
        // Body size.
        const auto big = SdpParser::parse(head + std::string(70 * 1024, 'a'));
        QVERIFY(!big.ok());
        QCOMPARE(big.error.line, 0);
        QVERIFY(big.error.message.find("too large") != std::string::npos);
        // One huge line.
        const auto longLine = SdpParser::parse(head + "a=x:" + std::string(5000, 'y') + "\r\n");
        QVERIFY(!longLine.ok());
        QCOMPARE(longLine.error.line, 6);
        QVERIFY(longLine.error.message.find("line too long") != std::string::npos);
        // Media descriptions.
        std::string manyMedia = head;
        for (int i = 0; i < 40; ++i)
            manyMedia += "m=audio " + std::to_string(4000 + 2 * i) + " RTP/AVP 0\r\n";
        const auto media = SdpParser::parse(manyMedia);
        QVERIFY(!media.ok());
        QCOMPARE(media.error.line, 5 + 33);
        QVERIFY(media.error.message.find("too many media descriptions (limit 32)") != std::string::npos);
        // Formats on one m= line.
        std::string manyFormats = head + "m=audio 4000 RTP/AVP";
        for (int i = 0; i < 200; ++i)
            manyFormats += " " + std::to_string(i % 128);
        const auto formats = SdpParser::parse(manyFormats + "\r\n");
        QVERIFY(!formats.ok());
        QVERIFY(formats.error.message.find("too many formats") != std::string::npos);
        // Lines (blank ones cost nothing else).
        std::string blanks = head + std::string(3000, '\n') + "a=x\r\n";
        const auto lines = SdpParser::parse(blanks);
        QVERIFY(!lines.ok());
        QVERIFY(lines.error.message.find("too many lines") != std::string::npos);
        // Warnings are capped too.
        std::string manyWarnings = head + "m=audio 4000 RTP/AVP 0\r\n";
        for (int i = 0; i < 100; ++i)
            manyWarnings += "a=ptime:x\r\n";
        const auto warned = SdpParser::parse(manyWarnings);
        QVERIFY(warned.ok());
        QCOMPARE(warned.warnings.size(), size_t(32));
        // Custom limits.
        SdpParser::Limits tight;
        tight.maxAttributes = 1;
        QVERIFY(!SdpParser::parse(crlf(AsteriskOffer), tight).ok());
    }

    void garbageNeverCrashes()
    {
        // Mutate real offers at random: every result must be a clean ok or error.
        const QByteArrayList seeds = {LinphoneOffer, AsteriskOffer, SrtpOffer, Ipv6Offer, Rfc4566Example};
        QRandomGenerator rng(20260401);
        const char alphabet[] = "=:/ \r\n0123456789amvcotsIP4.-";
        int errors = 0;
        for (int round = 0; round < 3000; ++round) {
            std::string text = seeds[round % seeds.size()].toStdString();
            const int edits = 1 + rng.bounded(6);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const auto at = static_cast<size_t>(rng.bounded(int(text.size())));
                switch (rng.bounded(4)) {
                case 0: text.erase(at, 1 + size_t(rng.bounded(8))); break;
                case 1: text[at] = alphabet[rng.bounded(int(sizeof alphabet - 1))]; break;
                case 2: text.insert(at, 1, char(rng.bounded(256))); break;
                default: text.resize(at); break;
                }
            }
            const auto r = SdpParser::parse(text);
            if (!r.ok()) {
                ++errors;
                QVERIFY(!r.error.message.empty());
            } else {
                // Whatever parsed must serialize and parse back to the same model.
                const auto again = SdpParser::parse(r.description.toString());
                QVERIFY2(again.ok(), again.error.toString().c_str());
                QVERIFY(again.description == r.description);
            }
        }
        QVERIFY(errors > 0);
    }
};

QTEST_GUILESS_MAIN(TestSdp)
#include "tst_sdp.moc"
