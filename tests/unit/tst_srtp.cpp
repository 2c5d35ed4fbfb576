// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtcpCompoundBuilder.h"
#include "rtp/RtpPacket.h"
#include "rtp/SrtpKeyParams.h"
#include "rtp/SrtpSession.h"

#include <QTest>

#include <array>
#include <thread>
#include <vector>

using namespace Media;
using Error = Media::SrtpSession::Error;
using KeyError = Media::SrtpKeyParams::Error;

Q_DECLARE_METATYPE(Media::SrtpCryptoSuite)
Q_DECLARE_METATYPE(Media::SrtpKeyParams::Error)

namespace {

// RFC 4568 §4 example key (30 octets).
const QString ExampleKey = QStringLiteral("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");

QByteArray makeRtp(quint16 seq, quint32 ssrc = 0x11223344, int payloadSize = 160)
{
    std::vector<quint8> payload(static_cast<std::size_t>(payloadSize));
    for (std::size_t i = 0; i < payload.size(); ++i)
        payload[i] = quint8(i * 7 + seq);
    RtpPacket packet;
    packet.setPayloadType(0);
    packet.setSequenceNumber(seq);
    packet.setTimestamp(quint32(seq) * 160);
    packet.setSsrc(ssrc);
    packet.setPayload(payload);
    return packet.toByteArray();
}

QByteArray makeRtcp()
{
    RtcpCompoundBuilder builder;
    RtcpSenderReport sr;
    sr.ssrc = 0x11223344;
    sr.senderInfo.ntpTimestamp = 0xE8A1B2C3D4E5F607ULL;
    sr.senderInfo.packetCount = 50;
    builder.addSenderReport(sr);
    builder.addCname(0x11223344, "parlo@test");
    return builder.data();
}

int tagSize(SrtpCryptoSuite suite)
{
    switch (suite) {
    case SrtpCryptoSuite::AesCm128HmacSha1_80:
        return 10;
    case SrtpCryptoSuite::AesCm128HmacSha1_32:
        return 4;
    case SrtpCryptoSuite::AeadAes128Gcm:
        return 16;
    }
    return 0;
}

int rtcpTagSize(SrtpCryptoSuite suite)
{
    // RFC 4568 §6.2.2: SRTCP keeps the 80-bit tag with the _32 suite.
    return suite == SrtpCryptoSuite::AeadAes128Gcm ? 16 : 10;
}

// A sender and a receiver keyed from the same SDES inline key, as after an offer/answer.
struct Pair
{
    SrtpSession sender;
    SrtpSession receiver;
};

bool keyPair(Pair &pair, SrtpCryptoSuite suite, const QString &keyParams)
{
    // Each side parses the same a=crypto key-params text on its own.
    const auto senderKey = SrtpKeyParams::parse(keyParams, suite);
    const auto receiverKey = SrtpKeyParams::parse(keyParams, suite);
    if (!senderKey || !receiverKey)
        return false;
    return pair.sender.setOutboundKey(suite, *senderKey) == Error::None
            && pair.receiver.setInboundKey(suite, *receiverKey) == Error::None;
}

} // namespace

class TestSrtp : public QObject
{
    Q_OBJECT

private slots:
    void suiteNames();
    void keyParamsRfcExample();
    void keyParamsRoundTrip_data();
    void keyParamsRoundTrip();
    void keyParamsInvalid_data();
    void keyParamsInvalid();
    void generatedKeys();

    void rtpRoundTrip_data();
    void rtpRoundTrip();
    void rtcpRoundTrip_data();
    void rtcpRoundTrip();
    void tamperedPacketFailsAuth_data();
    void tamperedPacketFailsAuth();
    void replayedPacket_data();
    void replayedPacket();
    void tooOldPacket();
    void replayedRtcp();
    void wrongKeyFailsAuth();
    void mkiRoundTrip();
    void outboundSequenceReuseRefused();
    void errorsWithoutCrash();
    void spanApiInPlace();
    void moveKeepsKeys();
    void concurrentInitialisation();
};

void TestSrtp::suiteNames()
{
    for (const auto suite :
         { SrtpCryptoSuite::AesCm128HmacSha1_80, SrtpCryptoSuite::AesCm128HmacSha1_32,
           SrtpCryptoSuite::AeadAes128Gcm })
        QCOMPARE(SrtpKeyParams::suiteFromName(SrtpKeyParams::suiteName(suite)), suite);
    QCOMPARE(SrtpKeyParams::suiteName(SrtpCryptoSuite::AesCm128HmacSha1_80),
             QStringLiteral("AES_CM_128_HMAC_SHA1_80"));
    QVERIFY(!SrtpKeyParams::suiteFromName(u"AES_CM_128_HMAC_SHA1_81").has_value());
    QVERIFY(!SrtpKeyParams::suiteFromName(u"aes_cm_128_hmac_sha1_80").has_value());
    QCOMPARE(SrtpKeyParams::keySaltLength(SrtpCryptoSuite::AesCm128HmacSha1_80), 30);
    QCOMPARE(SrtpKeyParams::keySaltLength(SrtpCryptoSuite::AesCm128HmacSha1_32), 30);
    QCOMPARE(SrtpKeyParams::keySaltLength(SrtpCryptoSuite::AeadAes128Gcm), 28);
}

void TestSrtp::keyParamsRfcExample()
{
    // RFC 4568 §4: a=crypto:1 AES_CM_128_HMAC_SHA1_80
    //   inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4
    const QString text = QStringLiteral("inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4");
    SrtpKeyParams::Error error = KeyError::Malformed;
    const auto params = SrtpKeyParams::parse(text, SrtpCryptoSuite::AesCm128HmacSha1_80, &error);
    QVERIFY(params.has_value());
    QCOMPARE(error, KeyError::None);
    QCOMPARE(params->keyAndSalt().size(), 30);
    QCOMPARE(params->keyAndSalt(),
             QByteArray::fromBase64("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"));
    QCOMPARE(params->lifetime(), quint64(1) << 20);
    QVERIFY(params->lifetimeIsPowerOfTwo());
    QCOMPARE(params->mkiValue(), quint64(1));
    QCOMPARE(params->mkiLength(), 4);
    QCOMPARE(params->toString(), text);
}

void TestSrtp::keyParamsRoundTrip_data()
{
    QTest::addColumn<SrtpCryptoSuite>("suite");
    QTest::addColumn<QString>("text");
    const auto cm80 = SrtpCryptoSuite::AesCm128HmacSha1_80;
    QTest::newRow("key only") << cm80 << QStringLiteral("inline:") + ExampleKey;
    QTest::newRow("decimal lifetime")
            << cm80 << QStringLiteral("inline:") + ExampleKey + QStringLiteral("|1048576");
    QTest::newRow("2^31") << SrtpCryptoSuite::AesCm128HmacSha1_32
                          << QStringLiteral("inline:") + ExampleKey + QStringLiteral("|2^31");
    QTest::newRow("MKI only") << cm80
                              << QStringLiteral("inline:") + ExampleKey + QStringLiteral("|7:1");
    QTest::newRow("lifetime and MKI")
            << cm80 << QStringLiteral("inline:") + ExampleKey + QStringLiteral("|2^48|65535:2");
    QTest::newRow("GCM") << SrtpCryptoSuite::AeadAes128Gcm
                         << QStringLiteral("inline:")
                    + QString::fromLatin1(QByteArray(28, 'k').toBase64());
}

void TestSrtp::keyParamsRoundTrip()
{
    QFETCH(SrtpCryptoSuite, suite);
    QFETCH(QString, text);
    SrtpKeyParams::Error error = KeyError::Malformed;
    const auto params = SrtpKeyParams::parse(text, suite, &error);
    QVERIFY2(params.has_value(), qPrintable(QString::number(int(error))));
    QCOMPARE(params->keyAndSalt().size(), SrtpKeyParams::keySaltLength(suite));
    QCOMPARE(params->toString(), text);
    const auto again = SrtpKeyParams::parse(params->toString(), suite);
    QVERIFY(again.has_value());
    QCOMPARE(*again, *params);
}

void TestSrtp::keyParamsInvalid_data()
{
    QTest::addColumn<SrtpCryptoSuite>("suite");
    QTest::addColumn<QString>("text");
    QTest::addColumn<SrtpKeyParams::Error>("error");
    const auto cm80 = SrtpCryptoSuite::AesCm128HmacSha1_80;
    const QString key = QStringLiteral("inline:") + ExampleKey;

    QTest::newRow("empty") << cm80 << QString() << KeyError::BadMethod;
    QTest::newRow("no method") << cm80 << ExampleKey << KeyError::BadMethod;
    QTest::newRow("upper case method")
            << cm80 << QStringLiteral("INLINE:") + ExampleKey << KeyError::BadMethod;
    QTest::newRow("uri method") << cm80 << QStringLiteral("uri:http://example.com/key")
                                << KeyError::BadMethod;
    QTest::newRow("empty key") << cm80 << QStringLiteral("inline:") << KeyError::Malformed;
    QTest::newRow("bad character")
            << cm80 << QStringLiteral("inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGV!")
            << KeyError::BadBase64;
    QTest::newRow("embedded space")
            << cm80 << QStringLiteral("inline:WVNfX19zZW1jdGwgKCkg ewkyMjA7fQp9CnVubGVz")
            << KeyError::BadBase64;
    QTest::newRow("padding inside")
            << cm80 << QStringLiteral("inline:WVNfX19zZW1jdGwgKCkg=wkyMjA7fQp9CnVubGVz")
            << KeyError::BadBase64;
    QTest::newRow("bad padding") << cm80
                                 << QStringLiteral("inline:") + ExampleKey + QStringLiteral("=")
                                 << KeyError::BadBase64;
    QTest::newRow("dangling char")
            << cm80 << QStringLiteral("inline:") + ExampleKey + QStringLiteral("A")
            << KeyError::BadBase64;
    QTest::newRow("29 octets") << cm80
                               << QStringLiteral("inline:")
                    + QString::fromLatin1(QByteArray(29, 'x').toBase64())
                               << KeyError::BadKeyLength;
    QTest::newRow("31 octets") << cm80
                               << QStringLiteral("inline:")
                    + QString::fromLatin1(QByteArray(31, 'x').toBase64())
                               << KeyError::BadKeyLength;
    QTest::newRow("AES key for GCM")
            << SrtpCryptoSuite::AeadAes128Gcm << key << KeyError::BadKeyLength;
    QTest::newRow("GCM key for AES")
            << cm80
            << QStringLiteral("inline:") + QString::fromLatin1(QByteArray(28, 'x').toBase64())
            << KeyError::BadKeyLength;
    QTest::newRow("lifetime 0") << cm80 << key + QStringLiteral("|0") << KeyError::BadLifetime;
    QTest::newRow("lifetime 2^0") << cm80 << key + QStringLiteral("|2^0") << KeyError::BadLifetime;
    QTest::newRow("lifetime 2^49")
            << cm80 << key + QStringLiteral("|2^49") << KeyError::BadLifetime;
    QTest::newRow("lifetime above 2^48")
            << cm80 << key + QStringLiteral("|281474976710657") << KeyError::BadLifetime;
    QTest::newRow("lifetime text") << cm80 << key + QStringLiteral("|abc") << KeyError::BadLifetime;
    QTest::newRow("lifetime 2^") << cm80 << key + QStringLiteral("|2^") << KeyError::BadLifetime;
    QTest::newRow("lifetime overflow")
            << cm80 << key + QStringLiteral("|99999999999999999999999") << KeyError::BadLifetime;
    QTest::newRow("MKI length 0") << cm80 << key + QStringLiteral("|1:0") << KeyError::BadMki;
    QTest::newRow("MKI length 129") << cm80 << key + QStringLiteral("|1:129") << KeyError::BadMki;
    QTest::newRow("MKI length 4 digits")
            << cm80 << key + QStringLiteral("|1:0004") << KeyError::BadMki;
    QTest::newRow("MKI value too big")
            << cm80 << key + QStringLiteral("|256:1") << KeyError::BadMki;
    QTest::newRow("MKI no length") << cm80 << key + QStringLiteral("|1:") << KeyError::BadMki;
    QTest::newRow("MKI no value") << cm80 << key + QStringLiteral("|:4") << KeyError::BadMki;
    QTest::newRow("MKI before lifetime")
            << cm80 << key + QStringLiteral("|1:4|2^20") << KeyError::Malformed;
    QTest::newRow("two lifetimes")
            << cm80 << key + QStringLiteral("|2^20|2^20") << KeyError::Malformed;
    QTest::newRow("empty field") << cm80 << key + QStringLiteral("||1:4") << KeyError::Malformed;
    QTest::newRow("trailing bar") << cm80 << key + QStringLiteral("|") << KeyError::Malformed;
    QTest::newRow("four fields") << cm80 << key + QStringLiteral("|2^20|1:4|1:4")
                                 << KeyError::Malformed;
}

void TestSrtp::keyParamsInvalid()
{
    QFETCH(SrtpCryptoSuite, suite);
    QFETCH(QString, text);
    QFETCH(SrtpKeyParams::Error, error);
    SrtpKeyParams::Error actual = KeyError::None;
    QVERIFY(!SrtpKeyParams::parse(text, suite, &actual).has_value());
    QCOMPARE(actual, error);
}

void TestSrtp::generatedKeys()
{
    for (const auto suite :
         { SrtpCryptoSuite::AesCm128HmacSha1_80, SrtpCryptoSuite::AeadAes128Gcm }) {
        const SrtpKeyParams a = SrtpKeyParams::generate(suite);
        const SrtpKeyParams b = SrtpKeyParams::generate(suite);
        QCOMPARE(a.keyAndSalt().size(), SrtpKeyParams::keySaltLength(suite));
        QVERIFY(a.keyAndSalt() != b.keyAndSalt());
        QCOMPARE(a.lifetime(), quint64(0));
        QCOMPARE(a.mkiLength(), 0);
        const auto parsed = SrtpKeyParams::parse(a.toString(), suite);
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, a);
    }
    // 30 octets encode to 40 base64 characters without padding.
    QCOMPARE(SrtpKeyParams::generate(SrtpCryptoSuite::AesCm128HmacSha1_80).toString().size(),
             7 + 40);
}

void TestSrtp::rtpRoundTrip_data()
{
    QTest::addColumn<SrtpCryptoSuite>("suite");
    QTest::newRow("AES_CM_128_HMAC_SHA1_80") << SrtpCryptoSuite::AesCm128HmacSha1_80;
    QTest::newRow("AES_CM_128_HMAC_SHA1_32") << SrtpCryptoSuite::AesCm128HmacSha1_32;
    QTest::newRow("AEAD_AES_128_GCM") << SrtpCryptoSuite::AeadAes128Gcm;
}

void TestSrtp::rtpRoundTrip()
{
    QFETCH(SrtpCryptoSuite, suite);
    // Every suite Parlo offers must work with the libsrtp2 it is built with.
    QVERIFY2(SrtpSession::isSuiteSupported(suite), "libsrtp2 in this build lacks a suite Parlo offers");
    const SrtpKeyParams key = SrtpKeyParams::generate(suite);
    Pair pair;
    QVERIFY(keyPair(pair, suite, key.toString()));

    // Across the sequence number wrap (the rollover counter must follow).
    for (int i = 0; i < 40; ++i) {
        const quint16 seq = quint16(65520 + i);
        const QByteArray plain = makeRtp(seq);
        QByteArray packet = plain;
        packet.reserve(plain.size() + SrtpSession::MaxOverhead);
        QCOMPARE(pair.sender.protectRtp(packet), Error::None);
        QCOMPARE(packet.size(), plain.size() + tagSize(suite));
        QCOMPARE(packet.left(12), plain.left(12)); // header in the clear
        QVERIFY(packet.mid(12, 160) != plain.mid(12, 160)); // payload encrypted
        QCOMPARE(pair.receiver.unprotectRtp(packet), Error::None);
        QCOMPARE(packet, plain);
    }
}

void TestSrtp::rtcpRoundTrip_data()
{
    rtpRoundTrip_data();
}

void TestSrtp::rtcpRoundTrip()
{
    QFETCH(SrtpCryptoSuite, suite);
    // Every suite Parlo offers must work with the libsrtp2 it is built with.
    QVERIFY2(SrtpSession::isSuiteSupported(suite), "libsrtp2 in this build lacks a suite Parlo offers");
    Pair pair;
    QVERIFY(keyPair(pair, suite, SrtpKeyParams::generate(suite).toString()));
    for (int i = 0; i < 5; ++i) {
        const QByteArray plain = makeRtcp();
        QByteArray packet = plain;
        QCOMPARE(pair.sender.protectRtcp(packet), Error::None);
        // RFC 3711 §3.4: E flag + SRTCP index (4 octets) and the tag.
        QCOMPARE(packet.size(), plain.size() + 4 + rtcpTagSize(suite));
        QCOMPARE(packet.left(8), plain.left(8)); // first header and SSRC in the clear
        QCOMPARE(pair.receiver.unprotectRtcp(packet), Error::None);
        QCOMPARE(packet, plain);
    }
}

void TestSrtp::tamperedPacketFailsAuth_data()
{
    rtpRoundTrip_data();
}

void TestSrtp::tamperedPacketFailsAuth()
{
    QFETCH(SrtpCryptoSuite, suite);
    // Every suite Parlo offers must work with the libsrtp2 it is built with.
    QVERIFY2(SrtpSession::isSuiteSupported(suite), "libsrtp2 in this build lacks a suite Parlo offers");
    Pair pair;
    QVERIFY(keyPair(pair, suite, SrtpKeyParams::generate(suite).toString()));

    QByteArray protectedPacket = makeRtp(100);
    QCOMPARE(pair.sender.protectRtp(protectedPacket), Error::None);

    // A flipped bit anywhere (payload, header, tag) fails authentication.
    for (const qsizetype at : { qsizetype(20), qsizetype(3), protectedPacket.size() - 1 }) {
        QByteArray tampered = protectedPacket;
        tampered[at] = char(tampered[at] ^ 0x01);
        QCOMPARE(pair.receiver.unprotectRtp(tampered), Error::AuthFailure);
    }
    // Truncated tag.
    QByteArray truncated = protectedPacket.left(protectedPacket.size() - 2);
    QVERIFY(pair.receiver.unprotectRtp(truncated) != Error::None);
    // The genuine packet still goes through afterwards.
    QByteArray genuine = protectedPacket;
    QCOMPARE(pair.receiver.unprotectRtp(genuine), Error::None);
    QCOMPARE(genuine, makeRtp(100));

    // Same for SRTCP.
    QByteArray rtcp = makeRtcp();
    QCOMPARE(pair.sender.protectRtcp(rtcp), Error::None);
    rtcp[10] = char(rtcp[10] ^ 0x80);
    QCOMPARE(pair.receiver.unprotectRtcp(rtcp), Error::AuthFailure);
}

void TestSrtp::replayedPacket_data()
{
    rtpRoundTrip_data();
}

void TestSrtp::replayedPacket()
{
    QFETCH(SrtpCryptoSuite, suite);
    // Every suite Parlo offers must work with the libsrtp2 it is built with.
    QVERIFY2(SrtpSession::isSuiteSupported(suite), "libsrtp2 in this build lacks a suite Parlo offers");
    Pair pair;
    QVERIFY(keyPair(pair, suite, SrtpKeyParams::generate(suite).toString()));
    QByteArray first = makeRtp(7);
    QCOMPARE(pair.sender.protectRtp(first), Error::None);
    const QByteArray onTheWire = first;
    QCOMPARE(pair.receiver.unprotectRtp(first), Error::None);
    QByteArray replay = onTheWire;
    QCOMPARE(pair.receiver.unprotectRtp(replay), Error::ReplayDuplicate);
    QVERIFY(!SrtpSession::errorString(Error::ReplayDuplicate).isEmpty());
}

void TestSrtp::tooOldPacket()
{
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
    Pair pair;
    QVERIFY(keyPair(pair, suite, QStringLiteral("inline:") + ExampleKey));
    QByteArray old = makeRtp(1);
    QCOMPARE(pair.sender.protectRtp(old), Error::None); // held back by the network
    for (quint16 seq = 2; seq <= 300; ++seq) {
        QByteArray packet = makeRtp(seq);
        QCOMPARE(pair.sender.protectRtp(packet), Error::None);
        QCOMPARE(pair.receiver.unprotectRtp(packet), Error::None);
    }
    // Behind the 128-packet replay window.
    QCOMPARE(pair.receiver.unprotectRtp(old), Error::ReplayTooOld);
}

void TestSrtp::replayedRtcp()
{
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_32;
    Pair pair;
    QVERIFY(keyPair(pair, suite, QStringLiteral("inline:") + ExampleKey));
    QByteArray packet = makeRtcp();
    QCOMPARE(pair.sender.protectRtcp(packet), Error::None);
    QByteArray replay = packet;
    QCOMPARE(pair.receiver.unprotectRtcp(packet), Error::None);
    QCOMPARE(pair.receiver.unprotectRtcp(replay), Error::ReplayDuplicate);
}

void TestSrtp::wrongKeyFailsAuth()
{
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
    SrtpSession sender;
    SrtpSession receiver;
    QCOMPARE(sender.setOutboundKey(suite, SrtpKeyParams::generate(suite)), Error::None);
    QCOMPARE(receiver.setInboundKey(suite, SrtpKeyParams::generate(suite)), Error::None);
    QByteArray packet = makeRtp(1);
    QCOMPARE(sender.protectRtp(packet), Error::None);
    QCOMPARE(receiver.unprotectRtp(packet), Error::AuthFailure);
}

void TestSrtp::mkiRoundTrip()
{
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
    const QString text = QStringLiteral("inline:") + ExampleKey + QStringLiteral("|2^20|1:4");
    Pair pair;
    QVERIFY(keyPair(pair, suite, text));
    const QByteArray plain = makeRtp(10);
    QByteArray packet = plain;
    QCOMPARE(pair.sender.protectRtp(packet), Error::None);
    // RFC 3711 §3.1: the MKI (4 octets, value 1) precedes the tag.
    QCOMPARE(packet.size(), plain.size() + 4 + 10);
    QCOMPARE(packet.mid(plain.size(), 4), QByteArray::fromHex("00000001"));
    QCOMPARE(pair.receiver.unprotectRtp(packet), Error::None);
    QCOMPARE(packet, plain);

    QByteArray rtcp = makeRtcp();
    QCOMPARE(pair.sender.protectRtcp(rtcp), Error::None);
    QCOMPARE(pair.receiver.unprotectRtcp(rtcp), Error::None);
    QCOMPARE(rtcp, makeRtcp());
}

void TestSrtp::outboundSequenceReuseRefused()
{
    // Protecting two packets with the same index would reuse keystream: libsrtp2 refuses.
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
    SrtpSession sender;
    QCOMPARE(sender.setOutboundKey(suite, SrtpKeyParams::generate(suite)), Error::None);
    QByteArray a = makeRtp(5);
    QCOMPARE(sender.protectRtp(a), Error::None);
    QByteArray b = makeRtp(5);
    QCOMPARE(sender.protectRtp(b), Error::ReplayDuplicate);
    QCOMPARE(b, makeRtp(5)); // left as it was
}

void TestSrtp::errorsWithoutCrash()
{
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
    SrtpSession session;
    QByteArray packet = makeRtp(1);
    QCOMPARE(session.protectRtp(packet), Error::NotKeyed);
    QCOMPARE(session.unprotectRtp(packet), Error::NotKeyed);
    QCOMPARE(session.protectRtcp(packet), Error::NotKeyed);
    QCOMPARE(session.unprotectRtcp(packet), Error::NotKeyed);

    SrtpKeyParams shortKey;
    shortKey.setKeyAndSalt(QByteArray(29, 'k'));
    QCOMPARE(session.setOutboundKey(suite, shortKey), Error::BadKey);
    QVERIFY(!session.hasOutboundKey());

    const SrtpKeyParams key = SrtpKeyParams::generate(suite);
    QCOMPARE(session.setOutboundKey(suite, key), Error::None);
    QCOMPARE(session.setInboundKey(suite, key), Error::None);
    QVERIFY(session.hasOutboundKey() && session.hasInboundKey());

    // Too short to be RTP/RTCP, in both directions.
    for (int size = 0; size < 12; ++size) {
        QByteArray tiny(size, '\x80');
        QCOMPARE(session.protectRtp(tiny), Error::Malformed);
        QCOMPARE(tiny.size(), size);
        QByteArray tinyIn(size, '\x80');
        QCOMPARE(session.unprotectRtp(tinyIn), Error::Malformed);
    }
    QByteArray tinyRtcp(7, '\x80');
    QCOMPARE(session.unprotectRtcp(tinyRtcp), Error::Malformed);
    // A header-only packet without a tag does not authenticate.
    QByteArray headerOnly = makeRtp(3, 0x11223344, 0);
    QVERIFY(session.unprotectRtp(headerOnly) != Error::None);
    // Garbage of every length up to 64 octets: errors, never a crash.
    for (int size = 0; size < 64; ++size) {
        QByteArray garbage(size, char(0x80 + size));
        QVERIFY(session.unprotectRtp(garbage) != Error::None);
        QByteArray garbageRtcp(size, char(0x80 + size));
        QVERIFY(session.unprotectRtcp(garbageRtcp) != Error::None);
    }

    session.clear();
    QVERIFY(!session.hasOutboundKey() && !session.hasInboundKey());
}

void TestSrtp::spanApiInPlace()
{
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
    Pair pair;
    QVERIFY(keyPair(pair, suite, QStringLiteral("inline:") + ExampleKey));
    const QByteArray plain = makeRtp(77);

    std::array<quint8, 1500> buffer {};
    std::copy(plain.begin(), plain.end(), buffer.begin());
    // Without room for the trailer: refused, untouched.
    qsizetype length = plain.size();
    QCOMPARE(pair.sender.protectRtp(
                     std::span<quint8>(buffer.data(), std::size_t(plain.size() + 10)), length),
             Error::BufferTooSmall);
    QCOMPARE(length, plain.size());

    QCOMPARE(pair.sender.protectRtp(buffer, length), Error::None);
    QCOMPARE(length, plain.size() + 10);
    QCOMPARE(pair.receiver.unprotectRtp(buffer, length), Error::None);
    QCOMPARE(length, plain.size());
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(buffer.data()), length), plain);
}

void TestSrtp::moveKeepsKeys()
{
    const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
    Pair pair;
    QVERIFY(keyPair(pair, suite, QStringLiteral("inline:") + ExampleKey));
    SrtpSession movedSender(std::move(pair.sender));
    SrtpSession movedReceiver;
    movedReceiver = std::move(pair.receiver);
    QVERIFY(!pair.sender.hasOutboundKey());
    QByteArray packet = makeRtp(9);
    QCOMPARE(movedSender.protectRtp(packet), Error::None);
    QCOMPARE(movedReceiver.unprotectRtp(packet), Error::None);
    QCOMPARE(packet, makeRtp(9));
}

void TestSrtp::concurrentInitialisation()
{
    // Sessions keyed from several threads at once: srtp_init() runs exactly once.
    std::vector<std::thread> threads;
    std::array<bool, 8> ok {};
    for (std::size_t i = 0; i < ok.size(); ++i) {
        threads.emplace_back([&ok, i] {
            const auto suite = SrtpCryptoSuite::AesCm128HmacSha1_80;
            const SrtpKeyParams key = SrtpKeyParams::generate(suite);
            SrtpSession sender;
            SrtpSession receiver;
            QByteArray packet = makeRtp(quint16(i));
            ok[i] = sender.setOutboundKey(suite, key) == Error::None
                    && receiver.setInboundKey(suite, key) == Error::None
                    && sender.protectRtp(packet) == Error::None
                    && receiver.unprotectRtp(packet) == Error::None
                    && packet == makeRtp(quint16(i));
        });
    }
    for (auto &thread : threads)
        thread.join();
    for (const bool result : ok)
        QVERIFY(result);
}

QTEST_APPLESS_MAIN(TestSrtp)

#include "tst_srtp.moc"
