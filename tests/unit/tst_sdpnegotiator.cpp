// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/sdp/SdpNegotiator.h"
#include "sip/sdp/SdpParser.h"

#include <QRandomGenerator>
#include <QTest>

#include <string>

using namespace Sip;

Q_DECLARE_METATYPE(Sip::SdpDirection)
Q_DECLARE_METATYPE(Sip::SdpSrtpPolicy)

namespace {

const char *const OurKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd";     // 30 bytes: 00..1d
const char *const TheirKey = "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CB";   // 30 bytes: 64..81
const char *const TheirKey2 = "yMnKy8zNzs/Q0dLT1NXW19jZ2tvc3d7f4OHi4+Tl";  // 30 bytes: c8..e5
const char *const Their256Key = "MjM0NTY3ODk6Ozw9Pj9AQUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eXw=="; // 46 bytes

std::string bytes(int from, int count)
{
    std::string out;
    for (int i = 0; i < count; ++i)
        out += char(from + i);
    return out;
}

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

SessionDescription sdp(std::string_view lf)
{
    const auto r = SdpParser::parse(crlf(lf));
    if (!r.ok())
        qFatal("test SDP does not parse: %s", r.error.toString().c_str());
    return r.description;
}

SdpLocalConfig localConfig(SdpSrtpPolicy policy = SdpSrtpPolicy::Off)
{
    SdpLocalConfig c;
    c.address = "192.0.2.10";
    c.rtpPort = 40000;
    c.srtp = policy;
    c.srtpKeys = {SdpSrtpKey{"AES_CM_128_HMAC_SHA1_80", OurKey}};
    return c;
}

// Offers from the peer.
const char *const LinphoneOffer = R"(v=0
o=alice 2950 1470 IN IP4 192.168.1.20
s=Talk
c=IN IP4 192.168.1.20
t=0 0
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
)";

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
a=ptime:30
a=maxptime:150
a=sendrecv
)";

std::string offerWithDirection(std::string_view direction)
{
    return "v=0\no=- 5 5 IN IP4 203.0.113.5\ns=-\nc=IN IP4 203.0.113.5\nt=0 0\n"
           "m=audio 14822 RTP/AVP 0 101\na=rtpmap:101 telephone-event/8000\n"
           + (direction.empty() ? std::string() : "a=" + std::string(direction) + "\n");
}

// An SRTP offer of the given proto, with crypto lines (or none).
std::string srtpOffer(std::string_view proto, std::string_view cryptoLines)
{
    return "v=0\no=- 77 77 IN IP4 198.51.100.9\ns=-\nc=IN IP4 198.51.100.9\nt=0 0\n"
           "m=audio 30000 " + std::string(proto) + " 8 0 101\na=rtpmap:101 telephone-event/8000\n"
           + std::string(cryptoLines) + "a=sendrecv\n";
}

std::string twoCryptoLines()
{
    return std::string("a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:") + Their256Key + "\n"
           + "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + "|2^31\n";
}

} // namespace

class TestSdpNegotiator : public QObject
{
    Q_OBJECT

private slots:
    // ---- offers --------------------------------------------------------------------

    void initialOffer()
    {
        SdpNegotiator n(localConfig(), 4711);
        const SessionDescription offer = n.createOffer();
        QVERIFY(n.hasPendingOffer());
        const std::string expected = crlf(R"(v=0
o=- 4711 1 IN IP4 192.0.2.10
s=Parlo
c=IN IP4 192.0.2.10
t=0 0
m=audio 40000 RTP/AVP 96 0 8 97 101
a=rtpmap:96 opus/48000/2
a=fmtp:96 useinbandfec=1
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:97 telephone-event/48000
a=fmtp:97 0-16
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-16
a=ptime:20
a=rtcp-mux
a=sendrecv
)");
        QCOMPARE(qb(offer.toString()), qb(expected));
        const auto parsed = SdpParser::parse(offer.toString());
        QVERIFY(parsed.ok());
        QVERIFY(parsed.warnings.empty());
        QVERIFY(parsed.description == offer);
        QCOMPARE(n.localDescription()->toString(), offer.toString());
    }

    void offerOptions()
    {
        SdpLocalConfig c = localConfig(SdpSrtpPolicy::Mandatory);
        c.address = "2001:db8::10";
        c.rtcpPort = 40005;
        c.rtcpMux = false;
        c.maxptime = 60;
        c.telephoneEvent = false;
        c.codecs = {SdpCodec::pcma()};
        c.srtpKeys.push_back(SdpSrtpKey::generate("AEAD_AES_256_GCM"));
        c.srtpKeys.push_back(SdpSrtpKey{"NO_SUCH_SUITE", OurKey}); // skipped
        SdpNegotiator n(c, 9);
        const SessionDescription offer = n.createOffer();
        QCOMPARE(offer.origin.addrType, std::string("IP6"));
        QCOMPARE(offer.connection->addrType, std::string("IP6"));
        const MediaDescription &m = offer.media.at(0);
        QCOMPARE(m.proto, std::string("RTP/SAVP"));
        QCOMPARE(m.formats, std::vector<std::string>{"8"});
        QCOMPARE(m.maxptime(), std::optional<int>(60));
        QCOMPARE(m.rtcp()->port, 40005);
        QVERIFY(!m.rtcpMux());
        const auto cryptos = m.cryptos();
        QCOMPARE(cryptos.size(), size_t(2));
        QCOMPARE(cryptos[0].tag, 1);
        QCOMPARE(cryptos[0].keyParams, std::string("inline:") + OurKey);
        QCOMPARE(cryptos[1].tag, 2);
        QCOMPARE(cryptos[1].suite, std::string("AEAD_AES_256_GCM"));
        QCOMPARE(cryptos[1].firstKeySalt()->size(), size_t(44));
    }

    void generatedKeys()
    {
        const auto a = SdpSrtpKey::generate("AES_CM_128_HMAC_SHA1_80");
        const auto b = SdpSrtpKey::generate("AES_CM_128_HMAC_SHA1_80");
        QCOMPARE(a.decoded().size(), size_t(30));
        QVERIFY(a.keySalt != b.keySalt);
        QCOMPARE(SdpSrtpKey::generate("AES_256_CM_HMAC_SHA1_32").decoded().size(), size_t(46));
        QVERIFY(SdpSrtpKey::generate("F8_128_HMAC_SHA1_80").keySalt.empty());
        QVERIFY((SdpSrtpKey{"AES_CM_128_HMAC_SHA1_80", "not base64!"}).decoded().empty());
    }

    // ---- answering: codecs ---------------------------------------------------------

    void answerLinphone()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp(LinphoneOffer));
        QVERIFY2(r.ok, r.reason.c_str());
        QCOMPARE(r.streams.size(), size_t(1));
        const SdpNegotiatedStream *s = r.audio();
        QVERIFY(s);
        QCOMPARE(s->codec.name, std::string("opus"));
        QCOMPARE(s->codec.payloadType, 96);
        QCOMPARE(s->codec.clockRate, 48000);
        QCOMPARE(s->codec.channels, 2);
        QCOMPARE(s->codec.remoteFmtp.value("useinbandfec"), std::optional<std::string>("1"));
        QCOMPARE(s->codec.localFmtp, std::string("useinbandfec=1"));
        // telephone-event at the codec's clock rate (RFC 4733 §2.1).
        QCOMPARE(s->telephoneEventPayloadType, 101);
        QCOMPARE(s->telephoneEventClockRate, 48000);
        QCOMPARE(s->remoteAddress, std::string("192.168.1.20"));
        QCOMPARE(s->remoteRtpPort, 7078);
        QCOMPARE(s->remoteRtcpPort, 7079);
        QVERIFY(!s->rtcpMux);
        QCOMPARE(s->remotePtime, 20);
        QCOMPARE(s->direction, SdpDirection::SendRecv);
        QVERIFY(!s->remoteHold);
        QVERIFY(!s->secure);
        const std::string expected = crlf(R"(v=0
o=- 1 1 IN IP4 192.0.2.10
s=Parlo
c=IN IP4 192.0.2.10
t=0 0
m=audio 40000 RTP/AVP 96 101
a=rtpmap:96 opus/48000/2
a=fmtp:96 useinbandfec=1
a=rtpmap:101 telephone-event/48000
a=fmtp:101 0-16
a=ptime:20
a=sendrecv
)");
        QCOMPARE(qb(n.localDescription()->toString()), qb(expected));
        QVERIFY(n.current().ok);
        QVERIFY(n.remoteDescription());
    }

    void answerAsterisk()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp(AsteriskOffer));
        QVERIFY(r.ok);
        const SdpNegotiatedStream *s = r.audio();
        QCOMPARE(s->codec.name, std::string("PCMU"));
        QCOMPARE(s->codec.payloadType, 0);
        QCOMPARE(s->telephoneEventPayloadType, 101);
        QCOMPARE(s->telephoneEventClockRate, 8000);
        QCOMPARE(s->remotePtime, 30);
        QCOMPARE(s->localPtime, 20);
        const MediaDescription &a = n.localDescription()->media.at(0);
        QCOMPARE(a.formats, (std::vector<std::string>{"0", "101"}));
        QCOMPARE(a.fmtp(101)->params, std::string("0-16"));
    }

    void offerOrderWins()
    {
        // RFC 3264 §6.1: we take the offer's first codec we support, not our favourite.
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "m=audio 5000 RTP/AVP 18 8 0 111\na=rtpmap:111 opus/48000/2\n"));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->codec.name, std::string("PCMA"));
        QCOMPARE(r.audio()->codec.payloadType, 8);
        QCOMPARE(r.audio()->telephoneEventPayloadType, -1); // none offered
        QCOMPARE(n.localDescription()->media[0].formats, std::vector<std::string>{"8"});
    }

    void offererPayloadTypesKept()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "m=audio 5000 RTP/AVP 111 126 125\na=rtpmap:111 OPUS/48000/2\n"
                                          "a=fmtp:111 stereo=0;maxaveragebitrate=24000\n"
                                          "a=rtpmap:126 telephone-event/8000\na=rtpmap:125 telephone-event/48000\n"));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->codec.payloadType, 111);
        QCOMPARE(r.audio()->codec.name, std::string("OPUS"));
        QCOMPARE(r.audio()->codec.remoteFmtp.value("maxaveragebitrate"), std::optional<std::string>("24000"));
        QCOMPARE(r.audio()->telephoneEventPayloadType, 125);
        const MediaDescription &a = n.localDescription()->media[0];
        QCOMPARE(a.formats, (std::vector<std::string>{"111", "125"}));
        QCOMPARE(a.codec(111)->encodingName, std::string("OPUS"));
        QCOMPARE(a.codec(125)->clockRate, 48000);
    }

    void telephoneEventFallsBackToOtherRate()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "m=audio 5000 RTP/AVP 96 101\na=rtpmap:96 opus/48000/2\n"
                                          "a=rtpmap:101 telephone-event/8000\n"));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->telephoneEventPayloadType, 101);
        QCOMPARE(r.audio()->telephoneEventClockRate, 8000);
    }

    void noCommonCodec()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "m=audio 5000 RTP/AVP 18 97 101\na=rtpmap:97 speex/16000\n"
                                          "a=rtpmap:101 telephone-event/8000\n"));
        QVERIFY(!r.ok);
        QCOMPARE(r.statusCode, 488);
        QCOMPARE(r.warningCode, 305);
        QCOMPARE(r.reason, std::string("no common codec"));
        QVERIFY(!n.localDescription());
        QVERIFY(!n.current().ok);
        // Opus with the wrong channel count is not our Opus either.
        const auto mono = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                             "m=audio 5000 RTP/AVP 96\na=rtpmap:96 opus/48000\n"));
        QCOMPARE(mono.reason, std::string("no common codec"));
    }

    void dynamicPayloadTypeWithoutRtpmapIsSkipped()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "m=audio 5000 RTP/AVP 96 0\n"));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->codec.payloadType, 0);
    }

    // ---- answering: directions (RFC 3264 §6.1) --------------------------------------

    void directions_data()
    {
        QTest::addColumn<QByteArray>("offered");
        QTest::addColumn<SdpDirection>("wanted");
        QTest::addColumn<SdpDirection>("answered");
        QTest::addColumn<bool>("remoteHold");
        using D = SdpDirection;
        // offered sendrecv: we answer what we want.
        QTest::newRow("sendrecv/sendrecv") << QByteArray("sendrecv") << D::SendRecv << D::SendRecv << false;
        QTest::newRow("sendrecv/sendonly") << QByteArray("sendrecv") << D::SendOnly << D::SendOnly << false;
        QTest::newRow("sendrecv/recvonly") << QByteArray("sendrecv") << D::RecvOnly << D::RecvOnly << false;
        QTest::newRow("sendrecv/inactive") << QByteArray("sendrecv") << D::Inactive << D::Inactive << false;
        QTest::newRow("none means sendrecv") << QByteArray() << D::SendRecv << D::SendRecv << false;
        // offered sendonly (hold): recvonly or inactive.
        QTest::newRow("sendonly/sendrecv") << QByteArray("sendonly") << D::SendRecv << D::RecvOnly << true;
        QTest::newRow("sendonly/sendonly") << QByteArray("sendonly") << D::SendOnly << D::Inactive << true;
        QTest::newRow("sendonly/recvonly") << QByteArray("sendonly") << D::RecvOnly << D::RecvOnly << true;
        QTest::newRow("sendonly/inactive") << QByteArray("sendonly") << D::Inactive << D::Inactive << true;
        // offered recvonly: sendonly or inactive.
        QTest::newRow("recvonly/sendrecv") << QByteArray("recvonly") << D::SendRecv << D::SendOnly << false;
        QTest::newRow("recvonly/sendonly") << QByteArray("recvonly") << D::SendOnly << D::SendOnly << false;
        QTest::newRow("recvonly/recvonly") << QByteArray("recvonly") << D::RecvOnly << D::Inactive << false;
        QTest::newRow("recvonly/inactive") << QByteArray("recvonly") << D::Inactive << D::Inactive << false;
        // offered inactive: inactive.
        QTest::newRow("inactive/sendrecv") << QByteArray("inactive") << D::SendRecv << D::Inactive << true;
        QTest::newRow("inactive/sendonly") << QByteArray("inactive") << D::SendOnly << D::Inactive << true;
        QTest::newRow("inactive/recvonly") << QByteArray("inactive") << D::RecvOnly << D::Inactive << true;
        QTest::newRow("inactive/inactive") << QByteArray("inactive") << D::Inactive << D::Inactive << true;
    }

    void directions()
    {
        QFETCH(QByteArray, offered);
        QFETCH(SdpDirection, wanted);
        QFETCH(SdpDirection, answered);
        QFETCH(bool, remoteHold);
        SdpNegotiator n(localConfig(), 1);
        n.setLocalDirection(wanted);
        const auto r = n.createAnswer(sdp(offerWithDirection(offered.toStdString())));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->direction, answered);
        QCOMPARE(r.audio()->remoteHold, remoteHold);
        QCOMPARE(n.localDescription()->media[0].direction(), std::optional<SdpDirection>(answered));
        // Always a legal answer.
        const auto offeredDirection = offered.isEmpty() ? SdpDirection::SendRecv : *SdpDirections::fromName(offered.toStdString());
        QVERIFY(SdpDirections::isValidAnswer(offeredDirection, answered));
    }

    void sessionLevelDirection()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "a=sendonly\nm=audio 5000 RTP/AVP 0\n"));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->direction, SdpDirection::RecvOnly);
    }

    void rfc2543Hold()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp(R"(v=0
o=Sipura 4711 4712 IN IP4 10.0.0.7
s=-
c=IN IP4 0.0.0.0
t=0 0
m=audio 16384 RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
)"));
        QVERIFY(r.ok);
        QVERIFY(r.audio()->remoteHold);
        QCOMPARE(r.audio()->direction, SdpDirection::RecvOnly);
        QCOMPARE(r.audio()->remoteAddress, std::string("0.0.0.0"));
        QCOMPARE(n.localDescription()->media[0].direction(), std::optional<SdpDirection>(SdpDirection::RecvOnly));
        // c=0.0.0.0 with recvonly: nobody sends.
        SdpNegotiator n2(localConfig(), 1);
        const auto r2 = n2.createAnswer(sdp("v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nc=IN IP4 0.0.0.0\nt=0 0\n"
                                            "m=audio 5000 RTP/AVP 0\na=recvonly\n"));
        QCOMPARE(r2.audio()->direction, SdpDirection::Inactive);
    }

    // ---- answering: streams --------------------------------------------------------

    void rejectedStreams()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp(R"(v=0
o=- 1 1 IN IP4 198.51.100.1
s=-
c=IN IP4 198.51.100.1
t=0 0
m=audio 0 RTP/AVP 0
m=video 5002 RTP/AVP 31 34
a=rtpmap:31 H261/90000
m=audio 5000 RTP/AVP 8
m=audio 5004 RTP/AVP 0
m=application 5006 UDP/BFCP *
)"));
        QVERIFY2(r.ok, r.reason.c_str());
        QCOMPARE(r.streams.size(), size_t(5));
        QVERIFY(!r.streams[0].accepted);
        QVERIFY(!r.streams[1].accepted);
        QCOMPARE(r.streams[1].rejectReason, std::string("media type video not supported"));
        QVERIFY(r.streams[2].accepted);
        QCOMPARE(r.audio()->index, size_t(2));
        QVERIFY(!r.streams[3].accepted);
        QCOMPARE(r.streams[3].rejectReason, std::string("only one audio stream is supported"));
        QVERIFY(!r.streams[4].accepted);
        const SessionDescription &a = *n.localDescription();
        QCOMPARE(a.media.size(), size_t(5));
        // RFC 3264 §6: rejected streams stay, port 0, same media/proto/formats.
        QCOMPARE(a.media[0].port, 0);
        QCOMPARE(a.media[1].port, 0);
        QCOMPARE(a.media[1].media, std::string("video"));
        QCOMPARE(a.media[1].formats, (std::vector<std::string>{"31", "34"}));
        QVERIFY(a.media[1].attributes.empty());
        QCOMPARE(a.media[2].port, 40000);
        QCOMPARE(a.media[3].port, 0);
        QCOMPARE(a.media[4].port, 0);
        QCOMPARE(a.media[4].proto, std::string("UDP/BFCP"));
        QCOMPARE(a.media[4].formats, std::vector<std::string>{"*"});
        // The answer itself is valid SDP.
        QVERIFY(SdpParser::parse(a.toString()).ok());
    }

    void allStreamsRejected()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto port0 = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                              "m=audio 0 RTP/AVP 0\n"));
        QVERIFY(!port0.ok);
        QCOMPARE(port0.statusCode, 488);
        QCOMPARE(port0.reason, std::string("no audio stream offered"));
        const auto video = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                              "m=video 5000 RTP/AVP 31\n"));
        QCOMPARE(video.reason, std::string("no audio stream offered"));
        QCOMPARE(video.warningCode, 304);
        const auto none = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nt=0 0\n"));
        QCOMPARE(none.reason, std::string("offer has no media streams"));
        const auto dtls = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                             "m=audio 5000 UDP/TLS/RTP/SAVPF 0\n"));
        QCOMPARE(dtls.reason, std::string("DTLS-SRTP not supported"));
        QCOMPARE(dtls.warningCode, 302);
        QVERIFY(!n.localDescription());
    }

    void avpfAccepted()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "m=audio 5000 RTP/AVPF 0\na=rtcp-fb:* nack\n"));
        QVERIFY(r.ok);
        QCOMPARE(n.localDescription()->media[0].proto, std::string("RTP/AVPF"));
    }

    // ---- RTCP ----------------------------------------------------------------------

    void rtcpMuxAndRtcpAttribute()
    {
        const std::string muxOffer = "v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                     "m=audio 5000 RTP/AVP 0\na=rtcp:5001\na=rtcp-mux\n";
        {
            SdpNegotiator n(localConfig(), 1);
            const auto r = n.createAnswer(sdp(muxOffer));
            QVERIFY(r.audio()->rtcpMux);
            QCOMPARE(r.audio()->remoteRtcpPort, 5000);
            QCOMPARE(r.audio()->remoteRtcpAddress, std::string("198.51.100.1"));
            QVERIFY(n.localDescription()->media[0].rtcpMux());
        }
        {
            SdpLocalConfig c = localConfig();
            c.rtcpMux = false;
            c.rtcpPort = 40011;
            SdpNegotiator n(c, 1);
            const auto r = n.createAnswer(sdp(muxOffer));
            QVERIFY(!r.audio()->rtcpMux);
            QCOMPARE(r.audio()->remoteRtcpPort, 5001);
            QVERIFY(!n.localDescription()->media[0].rtcpMux());
            QCOMPARE(n.localDescription()->media[0].rtcp()->port, 40011);
        }
        {
            // a=rtcp with its own address (RFC 3605), IPv6.
            SdpNegotiator n(localConfig(), 1);
            const auto r = n.createAnswer(sdp("v=0\no=- 3745 3745 IN IP6 2001:db8::10\ns=-\nc=IN IP6 2001:db8::10\n"
                                              "t=0 0\nm=audio 30000 RTP/AVP 9 0\na=rtcp:30001 IN IP6 2001:db8::11\n"));
            QCOMPARE(r.audio()->codec.name, std::string("PCMU"));
            QCOMPARE(r.audio()->remoteAddress, std::string("2001:db8::10"));
            QCOMPARE(r.audio()->remoteRtcpAddress, std::string("2001:db8::11"));
            QCOMPARE(r.audio()->remoteRtcpPort, 30001);
        }
        {
            // Media-level c= overrides the session's.
            SdpNegotiator n(localConfig(), 1);
            const auto r = n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                              "m=audio 5000 RTP/AVP 0\nc=IN IP4 198.51.100.2\n"));
            QCOMPARE(r.audio()->remoteAddress, std::string("198.51.100.2"));
            QCOMPARE(r.audio()->remoteRtcpPort, 5001);
        }
    }

    // ---- SRTP ----------------------------------------------------------------------

    void srtpAnswers_data()
    {
        QTest::addColumn<SdpSrtpPolicy>("policy");
        QTest::addColumn<QByteArray>("offer");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("secure");
        QTest::addColumn<QByteArray>("reason");
        using P = SdpSrtpPolicy;
        const QByteArray avp = QByteArray::fromStdString(srtpOffer("RTP/AVP", ""));
        const QByteArray savp = QByteArray::fromStdString(srtpOffer("RTP/SAVP", twoCryptoLines()));
        const QByteArray avpCrypto = QByteArray::fromStdString(srtpOffer("RTP/AVP", twoCryptoLines()));
        QTest::newRow("off, AVP") << P::Off << avp << true << false << QByteArray();
        QTest::newRow("off, SAVP") << P::Off << savp << false << false << QByteArray("SRTP not enabled");
        QTest::newRow("off, AVP+crypto") << P::Off << avpCrypto << true << false << QByteArray();
        QTest::newRow("optional, AVP") << P::Optional << avp << true << false << QByteArray();
        QTest::newRow("optional, SAVP") << P::Optional << savp << true << true << QByteArray();
        QTest::newRow("optional, AVP+crypto") << P::Optional << avpCrypto << true << true << QByteArray();
        QTest::newRow("mandatory, AVP") << P::Mandatory << avp << false << false << QByteArray("SRTP required");
        QTest::newRow("mandatory, SAVP") << P::Mandatory << savp << true << true << QByteArray();
        QTest::newRow("mandatory, AVP+crypto") << P::Mandatory << avpCrypto << true << true << QByteArray();
    }

    void srtpAnswers()
    {
        QFETCH(SdpSrtpPolicy, policy);
        QFETCH(QByteArray, offer);
        QFETCH(bool, ok);
        QFETCH(bool, secure);
        QFETCH(QByteArray, reason);
        SdpNegotiator n(localConfig(policy), 1);
        const SessionDescription o = sdp(offer.toStdString());
        const auto r = n.createAnswer(o);
        QCOMPARE(r.ok, ok);
        if (!ok) {
            QCOMPARE(r.statusCode, 488);
            QCOMPARE(qb(r.reason), reason);
            QVERIFY(!n.localDescription());
            return;
        }
        const SdpNegotiatedStream *s = r.audio();
        QCOMPARE(s->secure, secure);
        const MediaDescription &a = n.localDescription()->media[0];
        QCOMPARE(a.proto, o.media[0].proto); // RFC 3264: the answer keeps the proto
        const auto cryptos = a.cryptos();
        if (!secure) {
            QVERIFY(cryptos.empty());
            return;
        }
        // We only have an AES_CM_128_HMAC_SHA1_80 key: tag 2 of the offer, our key.
        QCOMPARE(cryptos.size(), size_t(1));
        QCOMPARE(cryptos[0].tag, 2);
        QCOMPARE(cryptos[0].suite, std::string("AES_CM_128_HMAC_SHA1_80"));
        QCOMPARE(cryptos[0].keyParams, std::string("inline:") + OurKey);
        QCOMPARE(s->srtp.suite, std::string("AES_CM_128_HMAC_SHA1_80"));
        QCOMPARE(s->srtp.tag, 2);
        QCOMPARE(s->srtp.remoteKeyParams, std::string("inline:") + TheirKey + "|2^31");
        QCOMPARE(qb(s->srtp.remoteKeySalt), qb(bytes(0x64, 30)));
        QCOMPARE(qb(s->srtp.localKeySalt), qb(bytes(0, 30)));
        QCOMPARE(s->srtp.localKeyParams, std::string("inline:") + OurKey);
    }

    void srtpSuitePreferenceFollowsOffer()
    {
        SdpLocalConfig c = localConfig(SdpSrtpPolicy::Mandatory);
        c.srtpKeys.insert(c.srtpKeys.begin(), SdpSrtpKey::generate("AES_256_CM_HMAC_SHA1_80"));
        SdpNegotiator n(c, 1);
        const auto r = n.createAnswer(sdp(srtpOffer("RTP/SAVP", twoCryptoLines())));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->srtp.tag, 1);
        QCOMPARE(r.audio()->srtp.suite, std::string("AES_256_CM_HMAC_SHA1_80"));
        QCOMPARE(r.audio()->srtp.remoteKeySalt.size(), size_t(46));
        QCOMPARE(r.audio()->srtp.localKeySalt.size(), size_t(46));
    }

    void srtpUnusableCryptoLines()
    {
        // Two master keys, session parameters, a short key, an unknown suite: nothing usable.
        const std::string lines = std::string("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:") + TheirKey + "|2^20|1:4;inline:" + TheirKey2 + "|2^20|2:4\n"
                                  + "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey + " UNENCRYPTED_SRTCP\n"
                                  + "a=crypto:3 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQF\n"
                                  + "a=crypto:4 F8_128_HMAC_SHA1_80 inline:" + TheirKey + "\n";
        SdpNegotiator n(localConfig(SdpSrtpPolicy::Optional), 1);
        const auto r = n.createAnswer(sdp(srtpOffer("RTP/SAVP", lines)));
        QVERIFY(!r.ok);
        QCOMPARE(r.reason, std::string("no supported SRTP crypto suite"));
        // The same lines with a usable one after them.
        SdpNegotiator n2(localConfig(SdpSrtpPolicy::Optional), 1);
        const auto r2 = n2.createAnswer(sdp(srtpOffer("RTP/SAVP", lines + "a=crypto:5 AES_CM_128_HMAC_SHA1_80 inline:" + TheirKey2 + "\n")));
        QVERIFY(r2.ok);
        QCOMPARE(r2.audio()->srtp.tag, 5);
        QCOMPARE(qb(r2.audio()->srtp.remoteKeySalt), qb(bytes(0xc8, 30)));
        QCOMPARE(r2.warnings.size(), size_t(3));

        // A key with lifetime and MKI is fine (the media layer handles MKIs); the key
        // params go to it verbatim.
        SdpNegotiator n3(localConfig(SdpSrtpPolicy::Mandatory), 1);
        const auto r3 = n3.createAnswer(sdp(srtpOffer("RTP/SAVP", std::string("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:") + TheirKey + "|2^20|1:4\n")));
        QVERIFY(r3.ok);
        QCOMPARE(r3.audio()->srtp.remoteKeyParams, std::string("inline:") + TheirKey + "|2^20|1:4");
        QCOMPARE(qb(r3.audio()->srtp.remoteKeySalt), qb(bytes(0x64, 30)));
    }

    void srtpAsOfferer()
    {
        // Mandatory: RTP/SAVP offer; the answer must accept one of our crypto lines.
        const auto answerWith = [](std::string_view proto, std::string_view crypto) {
            return sdp("v=0\no=- 9 9 IN IP4 198.51.100.9\ns=-\nc=IN IP4 198.51.100.9\nt=0 0\nm=audio 31000 "
                       + std::string(proto) + " 0\n" + std::string(crypto));
        };
        const std::string good = std::string("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:") + TheirKey + "\n";
        {
            SdpNegotiator n(localConfig(SdpSrtpPolicy::Mandatory), 1);
            QCOMPARE(n.createOffer().media[0].proto, std::string("RTP/SAVP"));
            const auto r = n.processAnswer(answerWith("RTP/SAVP", good));
            QVERIFY2(r.ok, r.reason.c_str());
            QVERIFY(r.audio()->secure);
            QCOMPARE(qb(r.audio()->srtp.remoteKeySalt), qb(bytes(0x64, 30)));
            QCOMPARE(qb(r.audio()->srtp.localKeySalt), qb(bytes(0, 30)));
        }
        {
            SdpNegotiator n(localConfig(SdpSrtpPolicy::Mandatory), 1);
            n.createOffer();
            const auto r = n.processAnswer(answerWith("RTP/SAVP", ""));
            QVERIFY(!r.ok);
            QCOMPARE(r.reason, std::string("SRTP answer without a crypto line"));
        }
        {
            SdpNegotiator n(localConfig(SdpSrtpPolicy::Mandatory), 1);
            n.createOffer();
            const auto r = n.processAnswer(answerWith("RTP/SAVP", std::string("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:") + TheirKey + "\n"));
            QVERIFY(!r.ok);
            QVERIFY(r.reason.find("does not match an offered crypto line") != std::string::npos);
        }
        {
            SdpNegotiator n(localConfig(SdpSrtpPolicy::Mandatory), 1);
            n.createOffer();
            const auto r = n.processAnswer(answerWith("RTP/SAVP", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAEC\n"));
            QVERIFY(!r.ok);
            QVERIFY(r.reason.find("not usable") != std::string::npos);
        }
        {
            // Optional: best-effort RTP/AVP with crypto; plain or SRTP by the answer.
            SdpNegotiator n(localConfig(SdpSrtpPolicy::Optional), 1);
            const SessionDescription offer = n.createOffer();
            QCOMPARE(offer.media[0].proto, std::string("RTP/AVP"));
            QCOMPARE(offer.media[0].cryptos().size(), size_t(1));
            const auto plain = n.processAnswer(answerWith("RTP/AVP", ""));
            QVERIFY(plain.ok);
            QVERIFY(!plain.audio()->secure);
            n.createOffer();
            const auto secure = n.processAnswer(answerWith("RTP/AVP", good));
            QVERIFY(secure.ok);
            QVERIFY(secure.audio()->secure);
        }
        {
            // Off: no crypto lines at all.
            SdpNegotiator n(localConfig(SdpSrtpPolicy::Off), 1);
            QVERIFY(n.createOffer().media[0].cryptos().empty());
        }
    }

    // ---- processing answers --------------------------------------------------------

    void processAnswer()
    {
        SdpNegotiator n(localConfig(), 1);
        n.createOffer();
        const auto r = n.processAnswer(sdp(AsteriskOffer)); // an Asterisk answer looks the same
        QVERIFY2(r.ok, r.reason.c_str());
        QVERIFY(!n.hasPendingOffer());
        const SdpNegotiatedStream *s = r.audio();
        QCOMPARE(s->codec.name, std::string("PCMU"));
        QCOMPARE(s->codec.payloadType, 0);
        QCOMPARE(s->codec.clockRate, 8000);
        QCOMPARE(s->telephoneEventPayloadType, 101);
        QCOMPARE(s->remoteAddress, std::string("203.0.113.5"));
        QCOMPARE(s->remoteRtpPort, 14822);
        QCOMPARE(s->remoteRtcpPort, 14823);
        QVERIFY(!s->rtcpMux); // we offered it, they did not answer it
        QCOMPARE(s->remotePtime, 30);
        QCOMPARE(s->localRtpPort, 40000);
        QCOMPARE(s->direction, SdpDirection::SendRecv);
        QVERIFY(n.current().ok);
        QVERIFY(n.remoteDescription());
    }

    void processAnswerOpusWithMux()
    {
        SdpNegotiator n(localConfig(), 1);
        n.createOffer();
        const auto r = n.processAnswer(sdp("v=0\no=- 2 2 IN IP4 198.51.100.3\ns=-\nc=IN IP4 198.51.100.3\nt=0 0\n"
                                           "m=audio 6000 RTP/AVP 96 97\na=rtpmap:96 opus/48000/2\n"
                                           "a=fmtp:96 stereo=1\na=rtpmap:97 telephone-event/48000\na=rtcp-mux\n"));
        QVERIFY(r.ok);
        QCOMPARE(r.audio()->codec.name, std::string("opus"));
        QCOMPARE(r.audio()->codec.remoteFmtp.value("stereo"), std::optional<std::string>("1"));
        QCOMPARE(r.audio()->telephoneEventPayloadType, 97);
        QVERIFY(r.audio()->rtcpMux);
        QCOMPARE(r.audio()->remoteRtcpPort, 6000);
    }

    void answerValidation_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QByteArray>("reason");
        const QByteArray head = "v=0\no=- 2 2 IN IP4 198.51.100.3\ns=-\nc=IN IP4 198.51.100.3\nt=0 0\n";
        QTest::newRow("two m= lines") << head + "m=audio 6000 RTP/AVP 0\nm=audio 6002 RTP/AVP 0\n" << QByteArray("answer has 2 media descriptions, the offer had 1");
        QTest::newRow("no m= line") << head << QByteArray("answer has 0 media descriptions, the offer had 1");
        QTest::newRow("media type") << head + "m=video 6000 RTP/AVP 0\n" << QByteArray("answer m= line 1 is 'video', the offer had 'audio'");
        QTest::newRow("proto") << head + "m=audio 6000 RTP/SAVP 0\n" << QByteArray("answer changed the transport protocol");
        QTest::newRow("codec not offered") << head + "m=audio 6000 RTP/AVP 18\n" << QByteArray("no common codec");
        QTest::newRow("codec we do not have") << head + "m=audio 6000 RTP/AVP 97\na=rtpmap:97 speex/8000\n" << QByteArray("no common codec");
        QTest::newRow("rejected") << head + "m=audio 0 RTP/AVP 0\n" << QByteArray("the answer rejected the audio stream");
    }

    void answerValidation()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QByteArray, reason);
        SdpNegotiator n(localConfig(), 1);
        n.createOffer();
        const auto r = n.processAnswer(sdp(answer.toStdString()));
        QVERIFY(!r.ok);
        QCOMPARE(r.statusCode, 0);
        if (!qb(r.reason).contains(reason))
            QFAIL(r.reason.c_str());
        QVERIFY(!n.hasPendingOffer());
        QVERIFY(!n.current().ok);
        // Without an offer pending there is nothing to answer.
        QCOMPARE(n.processAnswer(sdp(answer.toStdString())).reason, std::string("no offer is pending"));
    }

    void nonCompliantAnswerDirectionIsClamped()
    {
        SdpNegotiator n(localConfig(), 1);
        n.createOffer(SdpDirection::SendOnly);
        const auto r = n.processAnswer(sdp("v=0\no=- 2 2 IN IP4 198.51.100.3\ns=-\nc=IN IP4 198.51.100.3\nt=0 0\n"
                                           "m=audio 6000 RTP/AVP 0\na=sendrecv\n"));
        QVERIFY(r.ok);
        QCOMPARE(r.warnings.size(), size_t(1));
        QCOMPARE(r.audio()->direction, SdpDirection::SendOnly);
        QVERIFY(!r.audio()->remoteHold);
    }

    void answerDirections_data()
    {
        QTest::addColumn<SdpDirection>("offered");
        QTest::addColumn<QByteArray>("answered");
        QTest::addColumn<SdpDirection>("ours");
        QTest::addColumn<bool>("remoteHold");
        using D = SdpDirection;
        QTest::newRow("sendrecv/sendrecv") << D::SendRecv << QByteArray("sendrecv") << D::SendRecv << false;
        QTest::newRow("sendrecv/recvonly") << D::SendRecv << QByteArray("recvonly") << D::SendOnly << false;
        QTest::newRow("sendrecv/sendonly") << D::SendRecv << QByteArray("sendonly") << D::RecvOnly << true;
        QTest::newRow("sendrecv/inactive") << D::SendRecv << QByteArray("inactive") << D::Inactive << true;
        QTest::newRow("sendonly/recvonly") << D::SendOnly << QByteArray("recvonly") << D::SendOnly << false;
        QTest::newRow("sendonly/inactive") << D::SendOnly << QByteArray("inactive") << D::Inactive << true;
        QTest::newRow("recvonly/sendonly") << D::RecvOnly << QByteArray("sendonly") << D::RecvOnly << false;
        QTest::newRow("inactive/inactive") << D::Inactive << QByteArray("inactive") << D::Inactive << false;
        QTest::newRow("sendrecv/0.0.0.0") << D::SendRecv << QByteArray("0.0.0.0") << D::RecvOnly << true;
    }

    void answerDirections()
    {
        QFETCH(SdpDirection, offered);
        QFETCH(QByteArray, answered);
        QFETCH(SdpDirection, ours);
        QFETCH(bool, remoteHold);
        SdpNegotiator n(localConfig(), 1);
        n.createOffer(offered);
        const bool nullAddress = answered == "0.0.0.0";
        const std::string address = nullAddress ? "0.0.0.0" : "198.51.100.3";
        const auto r = n.processAnswer(sdp("v=0\no=- 2 2 IN IP4 198.51.100.3\ns=-\nc=IN IP4 " + address + "\nt=0 0\n"
                                           "m=audio 6000 RTP/AVP 0\n" + (nullAddress ? std::string() : "a=" + answered.toStdString() + "\n")));
        QVERIFY(r.ok);
        QVERIFY(r.warnings.empty());
        QCOMPARE(r.audio()->direction, ours);
        QCOMPARE(r.audio()->remoteHold, remoteHold);
    }

    // ---- re-offers: hold / resume, versions, layout ---------------------------------

    void holdResumeAsOfferer()
    {
        SdpNegotiator n(localConfig(), 555);
        const SessionDescription initial = n.createOffer();
        QCOMPARE(initial.origin.sessionVersion, uint64_t(1));
        QVERIFY(n.processAnswer(sdp(offerWithDirection("sendrecv"))).ok);

        const SessionDescription hold = n.createOffer(SdpDirection::SendOnly);
        QCOMPARE(hold.origin.sessionId, std::string("555"));
        QCOMPARE(hold.origin.sessionVersion, uint64_t(2));
        QCOMPARE(hold.media[0].direction(), std::optional<SdpDirection>(SdpDirection::SendOnly));
        QCOMPARE(hold.media[0].formats, initial.media[0].formats); // same PTs
        const auto held = n.processAnswer(sdp(offerWithDirection("recvonly")));
        QVERIFY(held.ok);
        QCOMPARE(held.audio()->direction, SdpDirection::SendOnly);
        QCOMPARE(n.localDirection(), SdpDirection::SendOnly);

        // While we hold, the peer's re-offer (session refresh) is answered sendonly.
        SdpNegotiationResult refresh = n.createAnswer(sdp(offerWithDirection("sendrecv")));
        QVERIFY(refresh.ok);
        QCOMPARE(refresh.audio()->direction, SdpDirection::SendOnly);

        const SessionDescription resume = n.createOffer(SdpDirection::SendRecv);
        QVERIFY(resume.origin.sessionVersion > hold.origin.sessionVersion);
        QCOMPARE(resume.media[0].direction(), std::optional<SdpDirection>(SdpDirection::SendRecv));
        const auto resumed = n.processAnswer(sdp(offerWithDirection("sendrecv")));
        QCOMPARE(resumed.audio()->direction, SdpDirection::SendRecv);

        // An unchanged re-offer keeps the version (RFC 3264 §8).
        const SessionDescription again = n.createOffer();
        QCOMPARE(again.origin.sessionVersion, resume.origin.sessionVersion);
        QCOMPARE(again.toString(), resume.toString());
        n.cancelOffer();
    }

    void cancelledHoldRestoresDirection()
    {
        SdpNegotiator n(localConfig(), 1);
        n.createOffer();
        QVERIFY(n.processAnswer(sdp(offerWithDirection(""))).ok);
        const auto before = n.current();
        n.createOffer(SdpDirection::Inactive);
        QCOMPARE(n.localDirection(), SdpDirection::Inactive);
        n.cancelOffer(); // e.g. 488 to the re-INVITE
        QVERIFY(!n.hasPendingOffer());
        QCOMPARE(n.localDirection(), SdpDirection::SendRecv);
        QVERIFY(n.current().streams == before.streams);
        // The next offer differs from the cancelled one: a newer version still.
        const SessionDescription next = n.createOffer();
        QCOMPARE(next.origin.sessionVersion, uint64_t(3));
    }

    void holdResumeAsAnswerer()
    {
        SdpNegotiator n(localConfig(), 1);
        QVERIFY(n.createAnswer(sdp(AsteriskOffer)).ok);
        QCOMPARE(n.localDescription()->origin.sessionVersion, uint64_t(1));

        const auto held = n.createAnswer(sdp(offerWithDirection("sendonly")));
        QVERIFY(held.ok);
        QVERIFY(held.audio()->remoteHold);
        QCOMPARE(held.audio()->direction, SdpDirection::RecvOnly);
        QCOMPARE(n.localDescription()->origin.sessionVersion, uint64_t(2));
        QCOMPARE(n.localDescription()->media[0].direction(), std::optional<SdpDirection>(SdpDirection::RecvOnly));

        const auto resumed = n.createAnswer(sdp(offerWithDirection("sendrecv")));
        QVERIFY(!resumed.audio()->remoteHold);
        QCOMPARE(resumed.audio()->direction, SdpDirection::SendRecv);
        QCOMPARE(n.localDescription()->origin.sessionVersion, uint64_t(3));

        // The same offer again (session timer refresh): the same answer, same version.
        const std::string previous = n.localDescription()->toString();
        QVERIFY(n.createAnswer(sdp(offerWithDirection("sendrecv"))).ok);
        QCOMPARE(n.localDescription()->toString(), previous);

        // A failed re-offer leaves the session as it was.
        QVERIFY(!n.createAnswer(sdp("v=0\no=- 5 6 IN IP4 203.0.113.5\ns=-\nc=IN IP4 203.0.113.5\nt=0 0\n"
                                    "m=audio 14822 RTP/AVP 18\n")).ok);
        QCOMPARE(n.localDescription()->toString(), previous);
        QCOMPARE(n.current().audio()->direction, SdpDirection::SendRecv);
    }

    void reofferAfterAnsweringKeepsPeerNumbersAndLayout()
    {
        SdpNegotiator n(localConfig(), 1);
        const auto r = n.createAnswer(sdp(R"(v=0
o=alice 2950 1470 IN IP4 192.168.1.20
s=Talk
c=IN IP4 192.168.1.20
t=0 0
m=video 9078 RTP/AVP 103
a=rtpmap:103 VP8/90000
m=audio 7078 RTP/AVP 102 97 98 0 8 18 101 99 100
a=rtpmap:102 opus/48000/2
a=rtpmap:97 speex/16000
a=rtpmap:98 speex/8000
a=rtpmap:101 telephone-event/48000
a=rtpmap:99 telephone-event/16000
a=rtpmap:100 telephone-event/8000
)"));
        QVERIFY(r.ok);
        const SessionDescription hold = n.createOffer(SdpDirection::SendOnly);
        QCOMPARE(hold.media.size(), size_t(2));
        QCOMPARE(hold.media[0].media, std::string("video"));
        QCOMPARE(hold.media[0].port, 0);
        const MediaDescription &a = hold.media[1];
        QCOMPARE(a.port, 40000);
        // The peer's numbers for the codecs it offered; new ones avoid its other numbers.
        QCOMPARE(a.codec(102)->encodingName, std::string("opus"));
        QCOMPARE(a.codec(0)->encodingName, std::string("PCMU"));
        QCOMPARE(a.codec(8)->encodingName, std::string("PCMA"));
        QCOMPARE(a.codec(101)->clockRate, 48000);
        QCOMPARE(a.codec(100)->encodingName, std::string("telephone-event"));
        QCOMPARE(a.codec(100)->clockRate, 8000);
        for (int pt : a.payloadTypes())
            QVERIFY(pt != 97 && pt != 98 && pt != 99 && pt != 103);
        QVERIFY(SdpParser::parse(hold.toString()).ok());
        // The peer answers the hold on its numbers.
        const auto held = n.processAnswer(sdp("v=0\no=alice 2950 1471 IN IP4 192.168.1.20\ns=Talk\nc=IN IP4 192.168.1.20\nt=0 0\n"
                                              "m=video 0 RTP/AVP 103\nm=audio 7078 RTP/AVP 102 101\na=rtpmap:102 opus/48000/2\n"
                                              "a=rtpmap:101 telephone-event/48000\na=recvonly\n"));
        QVERIFY2(held.ok, held.reason.c_str());
        QCOMPARE(held.audio()->index, size_t(1));
        QCOMPARE(held.audio()->codec.payloadType, 102);
        QCOMPARE(held.audio()->direction, SdpDirection::SendOnly);
    }

    void reofferRemovingStreamsIsRefused()
    {
        SdpNegotiator n(localConfig(), 1);
        QVERIFY(n.createAnswer(sdp("v=0\no=- 1 1 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                   "m=audio 5000 RTP/AVP 0\nm=video 5002 RTP/AVP 31\n")).ok);
        const auto r = n.createAnswer(sdp("v=0\no=- 1 2 IN IP4 198.51.100.1\ns=-\nc=IN IP4 198.51.100.1\nt=0 0\n"
                                          "m=audio 5000 RTP/AVP 0\n"));
        QVERIFY(!r.ok);
        QCOMPARE(r.statusCode, 488);
    }

    void configChangeBumpsVersion()
    {
        SdpNegotiator n(localConfig(), 1);
        n.createOffer();
        QVERIFY(n.processAnswer(sdp(offerWithDirection(""))).ok);
        SdpLocalConfig c = n.config();
        c.rtpPort = 41000;
        n.setConfig(c);
        const SessionDescription moved = n.createOffer();
        QCOMPARE(moved.origin.sessionVersion, uint64_t(2));
        QCOMPARE(moved.media[0].port, 41000);
    }

    void garbageOffersNeverCrash()
    {
        // Mutated offers through the parser and the answerer: ok answers must be valid
        // SDP that answers every m= line; failures must say why.
        const std::string seeds[] = {crlf(LinphoneOffer), crlf(AsteriskOffer),
                                     crlf(srtpOffer("RTP/SAVP", twoCryptoLines())),
                                     crlf(srtpOffer("RTP/AVP", twoCryptoLines()))};
        QRandomGenerator rng(3264);
        int answered = 0;
        for (int round = 0; round < 3000; ++round) {
            std::string text = seeds[round % 4];
            const int edits = 1 + rng.bounded(4);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const auto at = size_t(rng.bounded(int(text.size())));
                switch (rng.bounded(3)) {
                case 0: text.erase(at, 1 + size_t(rng.bounded(6))); break;
                case 1: text[at] = "0123456789 /:=amcs\r\n"[rng.bounded(20)]; break;
                default: text.insert(at, 1, "0123456789 "[rng.bounded(11)]); break;
                }
            }
            const auto parsed = SdpParser::parse(text);
            if (!parsed.ok())
                continue;
            SdpNegotiator n(localConfig(SdpSrtpPolicy(round % 3)), 1);
            const auto r = n.createAnswer(parsed.description);
            if (!r.ok) {
                QVERIFY(!r.reason.empty());
                QCOMPARE(r.statusCode, 488);
                continue;
            }
            ++answered;
            const auto back = SdpParser::parse(n.localDescription()->toString());
            QVERIFY2(back.ok(), back.error.toString().c_str());
            QCOMPARE(back.description.media.size(), parsed.description.media.size());
            QVERIFY(r.audio());
        }
        QVERIFY(answered > 100);
    }

    void randomSessionId()
    {
        SdpNegotiator a(localConfig());
        QVERIFY(!a.sessionId().empty());
        QVERIFY(a.sessionId() != "0");
    }
};

QTEST_GUILESS_MAIN(TestSdpNegotiator)
#include "tst_sdpnegotiator.moc"
