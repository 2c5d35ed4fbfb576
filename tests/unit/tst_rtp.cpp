// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtpHeaderExtensionReader.h"
#include "rtp/RtpHeaderExtensionWriter.h"
#include "rtp/RtpPacket.h"

#include <QRandomGenerator>
#include <QTest>

#include <array>
#include <vector>

using Media::RtpHeaderExtensionReader;
using Media::RtpHeaderExtensionWriter;
using Media::RtpPacket;
using ParseError = Media::RtpPacket::ParseError;

Q_DECLARE_METATYPE(Media::RtpPacket::ParseError)

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

QByteArray toQByteArray(std::span<const quint8> bytes)
{
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

} // namespace

class TestRtp : public QObject
{
    Q_OBJECT

private slots:
    void parseKnownPacket();
    void parseMinimal();
    void roundTrip();
    void roundTripAllFeatures();
    void paddingCoversWholePayload();
    void malformed_data();
    void malformed();
    void serializeBufferTooSmall();
    void setterLimits();
    void randomInputNeverOverreads();
    void extensionOneByte();
    void extensionTwoByte();
    void extensionMalformed();
    void extensionWriterRoundTrip();
    void extensionWriterLimits();
};

void TestRtp::parseKnownPacket()
{
    // V=2 P=0 X=0 CC=1, M=1 PT=0 (PCMU), seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304,
    // CSRC 0x0A0B0C0D, payload 3 octets.
    const QByteArray bytes = hex("8180"
                                 "1234"
                                 "deadbeef"
                                 "01020304"
                                 "0a0b0c0d"
                                 "ffeedd");
    RtpPacket packet;
    QCOMPARE(RtpPacket::parse(bytes, packet), ParseError::None);
    QVERIFY(packet.marker());
    QCOMPARE(packet.payloadType(), quint8(0));
    QCOMPARE(packet.sequenceNumber(), quint16(0x1234));
    QCOMPARE(packet.timestamp(), 0xDEADBEEFu);
    QCOMPARE(packet.ssrc(), 0x01020304u);
    QCOMPARE(packet.csrcs().size(), std::size_t(1));
    QCOMPARE(packet.csrcs()[0], 0x0A0B0C0Du);
    QVERIFY(!packet.hasExtension());
    QCOMPARE(packet.paddingSize(), quint8(0));
    QCOMPARE(toQByteArray(packet.payload()), hex("ffeedd"));
    // The payload is a view into the input.
    QCOMPARE(static_cast<const void *>(packet.payload().data()),
             static_cast<const void *>(bytes.constData() + 16));
    QCOMPARE(packet.headerSize(), qsizetype(16));
    QCOMPARE(packet.toByteArray(), bytes);
}

void TestRtp::parseMinimal()
{
    const QByteArray bytes = hex("80600001000000aa00000001");
    RtpPacket packet;
    QCOMPARE(RtpPacket::parse(bytes, packet), ParseError::None);
    QVERIFY(!packet.marker());
    QCOMPARE(packet.payloadType(), quint8(96));
    QCOMPARE(packet.sequenceNumber(), quint16(1));
    QCOMPARE(packet.timestamp(), 0xAAu);
    QCOMPARE(packet.ssrc(), 1u);
    QVERIFY(packet.payload().empty());
    QCOMPARE(packet.size(), qsizetype(12));
}

void TestRtp::roundTrip()
{
    const std::array<quint8, 5> payload { 1, 2, 3, 4, 5 };
    RtpPacket packet;
    packet.setPayloadType(111);
    packet.setMarker(true);
    packet.setSequenceNumber(65535);
    packet.setTimestamp(0xFFFFFFF0u);
    packet.setSsrc(0xCAFEBABEu);
    packet.setPayload(payload);

    const QByteArray bytes = packet.toByteArray();
    QCOMPARE(bytes,
             hex("80ef"
                 "ffff"
                 "fffffff0"
                 "cafebabe"
                 "0102030405"));

    RtpPacket parsed;
    QCOMPARE(RtpPacket::parse(bytes, parsed), ParseError::None);
    QCOMPARE(parsed.payloadType(), quint8(111));
    QVERIFY(parsed.marker());
    QCOMPARE(parsed.sequenceNumber(), quint16(65535));
    QCOMPARE(parsed.timestamp(), 0xFFFFFFF0u);
    QCOMPARE(parsed.ssrc(), 0xCAFEBABEu);
    QCOMPARE(toQByteArray(parsed.payload()), toQByteArray(payload));
    QCOMPARE(parsed.toByteArray(), bytes);
}

void TestRtp::roundTripAllFeatures()
{
    const std::array<quint32, 3> csrcs { 0x11111111u, 0x22222222u, 0x33333333u };
    // RFC 8285 one-byte form: ID 1, L=1 (2 octets), then padding.
    const std::array<quint8, 8> extension { 0x11, 0xAB, 0xCD, 0x00, 0x20, 0x7F, 0x00, 0x00 };
    const std::array<quint8, 7> payload { 9, 8, 7, 6, 5, 4, 3 };

    RtpPacket packet;
    packet.setPayloadType(8);
    packet.setSequenceNumber(4242);
    packet.setTimestamp(160);
    packet.setSsrc(7);
    QVERIFY(packet.setCsrcs(csrcs));
    QVERIFY(packet.setExtension(0xBEDE, extension));
    packet.setPayload(payload);
    packet.setPaddingSize(5);
    QCOMPARE(packet.headerSize(), qsizetype(12 + 12 + 4 + 8));
    QCOMPARE(packet.size(), qsizetype(36 + 7 + 5));

    std::array<quint8, 64> buffer {};
    const qsizetype written = packet.serialize(buffer);
    QCOMPARE(written, packet.size());
    QCOMPARE(int(buffer[0]), 0x80 | 0x20 | 0x10 | 3); // V=2, P, X, CC=3
    QCOMPARE(int(buffer[written - 1]), 5); // padding count
    for (qsizetype i = written - 5; i < written - 1; ++i)
        QCOMPARE(int(buffer[i]), 0);

    RtpPacket parsed;
    QCOMPARE(RtpPacket::parse(std::span<const quint8>(buffer.data(), std::size_t(written)), parsed),
             ParseError::None);
    QCOMPARE(parsed.csrcs().size(), std::size_t(3));
    for (std::size_t i = 0; i < csrcs.size(); ++i)
        QCOMPARE(parsed.csrcs()[i], csrcs[i]);
    QVERIFY(parsed.hasExtension());
    QCOMPARE(parsed.extensionProfile(), quint16(0xBEDE));
    QCOMPARE(toQByteArray(parsed.extensionData()), toQByteArray(extension));
    QCOMPARE(toQByteArray(parsed.payload()), toQByteArray(payload));
    QCOMPARE(parsed.paddingSize(), quint8(5));

    std::array<quint8, 64> again {};
    QCOMPARE(parsed.serialize(again), written);
    QVERIFY(std::equal(buffer.begin(), buffer.begin() + written, again.begin()));

    // An empty extension (length 0) round-trips too.
    RtpPacket empty;
    QVERIFY(empty.setExtension(0x1000, {}));
    const QByteArray bytes = empty.toByteArray();
    QCOMPARE(bytes.size(), 16);
    RtpPacket emptyParsed;
    QCOMPARE(RtpPacket::parse(bytes, emptyParsed), ParseError::None);
    QVERIFY(emptyParsed.hasExtension());
    QCOMPARE(emptyParsed.extensionProfile(), quint16(0x1000));
    QVERIFY(emptyParsed.extensionData().empty());
}

void TestRtp::paddingCoversWholePayload()
{
    // Padding may be everything after the header (e.g. a padding-only probe packet).
    const QByteArray bytes = hex("a0000001"
                                 "00000000"
                                 "00000001"
                                 "00000004");
    RtpPacket packet;
    QCOMPARE(RtpPacket::parse(bytes, packet), ParseError::None);
    QVERIFY(packet.payload().empty());
    QCOMPARE(packet.paddingSize(), quint8(4));
}

void TestRtp::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ParseError>("error");

    QTest::newRow("empty") << QByteArray() << ParseError::TooShort;
    QTest::newRow("1 octet") << hex("80") << ParseError::TooShort;
    QTest::newRow("11 octets") << hex("8000000100000000000000") << ParseError::TooShort;
    QTest::newRow("version 0") << hex("000000010000000000000001") << ParseError::BadVersion;
    QTest::newRow("version 1") << hex("400000010000000000000001") << ParseError::BadVersion;
    QTest::newRow("version 3") << hex("c00000010000000000000001") << ParseError::BadVersion;
    QTest::newRow("CC=1, no CSRC") << hex("810000010000000000000001") << ParseError::CsrcOverrun;
    QTest::newRow("CC=2, one CSRC")
            << hex("82000001000000000000000111111111") << ParseError::CsrcOverrun;
    QTest::newRow("CC=15, 3 octets")
            << hex("8f000001000000000000000111111111") + hex("aabbcc") << ParseError::CsrcOverrun;
    QTest::newRow("X, no extension header")
            << hex("900000010000000000000001") << ParseError::ExtensionOverrun;
    QTest::newRow("X, half extension header")
            << hex("900000010000000000000001bede") << ParseError::ExtensionOverrun;
    QTest::newRow("X, length 1, no data")
            << hex("900000010000000000000001bede0001") << ParseError::ExtensionOverrun;
    QTest::newRow("X, length 2, 7 octets") << hex("900000010000000000000001bede0002")
                    + hex("00000000000000") << ParseError::ExtensionOverrun;
    QTest::newRow("X, length 0xFFFF") << hex("900000010000000000000001bedeffff") + hex("00000000")
                                      << ParseError::ExtensionOverrun;
    QTest::newRow("P, header only") << hex("a00000010000000000000001") << ParseError::BadPadding;
    QTest::newRow("P, count 0") << hex("a00000010000000000000001aabb00") << ParseError::BadPadding;
    QTest::newRow("P, count above payload")
            << hex("a00000010000000000000001aabb04") << ParseError::BadPadding;
    QTest::newRow("P, count 255") << hex("a00000010000000000000001aabbff")
                                  << ParseError::BadPadding;
    QTest::newRow("P, count eats the CSRC") << hex("a1000001000000000000000111111111"
                                                   "05")
                                            << ParseError::BadPadding;
    QTest::newRow("P, count eats the extension") << hex("b00000010000000000000001bede0001"
                                                        "00000000"
                                                        "06")
                                                 << ParseError::BadPadding;
}

void TestRtp::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(ParseError, error);
    // Parse from an exact-size heap copy so that an over-read would touch foreign memory
    // (and be caught by ASan builds).
    std::vector<quint8> exact(bytes.begin(), bytes.end());
    RtpPacket packet;
    QCOMPARE(RtpPacket::parse(std::span<const quint8>(exact.data(), exact.size()), packet), error);
}

void TestRtp::serializeBufferTooSmall()
{
    const std::array<quint8, 4> payload { 1, 2, 3, 4 };
    RtpPacket packet;
    packet.setPayload(payload);
    std::array<quint8, 15> small {};
    QCOMPARE(packet.serialize(small), qsizetype(-1));
    std::array<quint8, 16> exact {};
    QCOMPARE(packet.serialize(exact), qsizetype(16));
}

void TestRtp::setterLimits()
{
    RtpPacket packet;
    std::array<quint32, 16> tooMany {};
    QVERIFY(!packet.setCsrcs(tooMany));
    QVERIFY(packet.csrcs().empty());
    QVERIFY(packet.setCsrcs(std::span<const quint32>(tooMany.data(), 15)));
    QCOMPARE(packet.csrcs().size(), std::size_t(15));

    std::array<quint8, 6> notWords {};
    QVERIFY(!packet.setExtension(0xBEDE, notWords));
    QVERIFY(!packet.hasExtension());

    packet.setPayloadType(0xFF);
    QCOMPARE(packet.payloadType(), quint8(0x7F)); // 7 bits

    const std::array<quint8, 4> ext { 1, 2, 3, 4 };
    QVERIFY(packet.setExtension(0xBEDE, ext));
    packet.clearExtension();
    QVERIFY(!packet.hasExtension());
    QCOMPARE(packet.headerSize(), qsizetype(12 + 15 * 4));
}

void TestRtp::randomInputNeverOverreads()
{
    // Deterministic pseudo-random datagrams, biased to version 2 so that the deeper checks
    // run. Whatever parses must have every view inside the input.
    QRandomGenerator rng(20260101);
    int parsed = 0;
    for (int round = 0; round < 20000; ++round) {
        std::vector<quint8> bytes(std::size_t(rng.bounded(0, 80)));
        for (auto &b : bytes)
            b = quint8(rng.bounded(256));
        if (!bytes.empty() && rng.bounded(4) != 0)
            bytes[0] = quint8((bytes[0] & 0x3F) | 0x80);
        RtpPacket packet;
        if (RtpPacket::parse(std::span<const quint8>(bytes.data(), bytes.size()), packet)
            != ParseError::None)
            continue;
        ++parsed;
        const quint8 *begin = bytes.data();
        const quint8 *end = bytes.data() + bytes.size();
        QVERIFY(packet.payload().empty()
                || (packet.payload().data() >= begin
                    && packet.payload().data() + packet.payload().size() <= end));
        QVERIFY(packet.extensionData().empty()
                || (packet.extensionData().data() >= begin
                    && packet.extensionData().data() + packet.extensionData().size() <= end));
        QCOMPARE(packet.size(), qsizetype(bytes.size()));
        // Re-serializing reproduces the input except padding octets (written as zeros).
        std::vector<quint8> again(bytes.size());
        QCOMPARE(packet.serialize(std::span<quint8>(again.data(), again.size())),
                 qsizetype(bytes.size()));
        const std::size_t compared = bytes.size() - packet.paddingSize();
        QVERIFY(std::equal(bytes.begin(), bytes.begin() + qsizetype(compared), again.begin()));
    }
    QVERIFY(parsed > 100);
}

namespace {

struct ParsedElement
{
    int id;
    QByteArray data;
    friend bool operator==(const ParsedElement &, const ParsedElement &) = default;
};

QList<ParsedElement> readElements(quint16 profile, const QByteArray &data, bool *error = nullptr)
{
    RtpHeaderExtensionReader reader(
            profile,
            std::span<const quint8>(reinterpret_cast<const quint8 *>(data.constData()),
                                    std::size_t(data.size())));
    QList<ParsedElement> elements;
    RtpHeaderExtensionReader::Element element;
    while (reader.next(element))
        elements.append({ element.id, toQByteArray(element.data) });
    if (error)
        *error = reader.hasError();
    return elements;
}

} // namespace

void TestRtp::extensionOneByte()
{
    // RFC 8285 §4.2 figure: an element of 1 octet, one of 2, two padding octets, one of 4.
    const QByteArray data = hex("10aa"
                                "21bbcc"
                                "0000"
                                "3301020304");
    bool error = true;
    const auto elements = readElements(0xBEDE, data, &error);
    QVERIFY(!error);
    QCOMPARE(elements,
             (QList<ParsedElement> {
                     { 1, hex("aa") }, { 2, hex("bbcc") }, { 3, hex("01020304") } }));

    // ID 15 ends processing (reserved), without an error.
    const auto stopped = readElements(0xBEDE,
                                      hex("10aa"
                                          "f0"
                                          "21bbcc"),
                                      &error);
    QVERIFY(!error);
    QCOMPARE(stopped, (QList<ParsedElement> { { 1, hex("aa") } }));

    // Not an RFC 8285 profile: no elements.
    RtpHeaderExtensionReader other(0xABCD, {});
    QVERIFY(!other.isSupported());
}

void TestRtp::extensionTwoByte()
{
    // §4.3: ID, length (0 allowed), data; zero octets are padding.
    const QByteArray data = hex("0100"
                                "0201aa"
                                "00"
                                "0302bbcc"
                                "000000");
    bool error = true;
    const auto elements = readElements(0x1003, data, &error); // appbits 3
    QVERIFY(!error);
    QCOMPARE(elements,
             (QList<ParsedElement> { { 1, QByteArray() }, { 2, hex("aa") }, { 3, hex("bbcc") } }));
}

void TestRtp::extensionMalformed()
{
    bool error = false;
    QVERIFY(readElements(0xBEDE, hex("13aa"), &error).isEmpty()); // 4 octets announced
    QVERIFY(error);
    QCOMPARE(readElements(0xBEDE,
                          hex("10aa"
                              "1f"),
                          &error)
                     .size(),
             1); // second overruns
    QVERIFY(error);
    QVERIFY(readElements(0x1000, hex("0105aabb"), &error).isEmpty());
    QVERIFY(error);
    QVERIFY(readElements(0x1000, hex("05"), &error).isEmpty()); // header cut
    QVERIFY(error);
}

void TestRtp::extensionWriterRoundTrip()
{
    for (const auto form :
         { RtpHeaderExtensionWriter::Form::OneByte, RtpHeaderExtensionWriter::Form::TwoByte }) {
        RtpHeaderExtensionWriter writer(form, 5);
        const QByteArray audioLevel = hex("80"); // RFC 6464: voice, 0 dBov
        const QByteArray mid = "audio0";
        QVERIFY(writer.add(1,
                           std::span<const quint8>(
                                   reinterpret_cast<const quint8 *>(audioLevel.constData()), 1)));
        QVERIFY(writer.add(
                9,
                std::span<const quint8>(reinterpret_cast<const quint8 *>(mid.constData()),
                                        std::size_t(mid.size()))));
        QCOMPARE(writer.data().size() % 4, std::size_t(0));

        const std::array<quint8, 3> payload { 7, 7, 7 };
        RtpPacket packet;
        QVERIFY(packet.setExtension(writer.profile(), writer.data()));
        packet.setPayload(payload);
        const QByteArray bytes = packet.toByteArray();

        RtpPacket parsed;
        QCOMPARE(RtpPacket::parse(bytes, parsed), ParseError::None);
        QCOMPARE(parsed.extensionProfile(),
                 form == RtpHeaderExtensionWriter::Form::OneByte ? quint16(0xBEDE)
                                                                 : quint16(0x1005));
        bool error = true;
        const auto elements = readElements(parsed.extensionProfile(),
                                           toQByteArray(parsed.extensionData()), &error);
        QVERIFY(!error);
        QCOMPARE(elements, (QList<ParsedElement> { { 1, audioLevel }, { 9, mid } }));
        QCOMPARE(toQByteArray(parsed.payload()), hex("070707"));
    }
}

void TestRtp::extensionWriterLimits()
{
    const std::array<quint8, 17> seventeen {};
    RtpHeaderExtensionWriter oneByte;
    QVERIFY(!oneByte.add(0, std::span<const quint8>(seventeen.data(), 1))); // ID 0 is padding
    QVERIFY(!oneByte.add(15, std::span<const quint8>(seventeen.data(), 1))); // reserved
    QVERIFY(!oneByte.add(1, {})); // one-byte form has no empty elements
    QVERIFY(!oneByte.add(1, seventeen)); // at most 16 octets
    QVERIFY(oneByte.add(14, std::span<const quint8>(seventeen.data(), 16)));
    QVERIFY(oneByte.isEmpty() == false);
    oneByte.clear();
    QVERIFY(oneByte.isEmpty());
    QVERIFY(oneByte.data().empty());

    RtpHeaderExtensionWriter twoByte(RtpHeaderExtensionWriter::Form::TwoByte);
    QVERIFY(!twoByte.add(0, {}));
    QVERIFY(twoByte.add(255, {}));
    const std::vector<quint8> big(256);
    QVERIFY(!twoByte.add(2, big));
    QVERIFY(twoByte.add(2, std::span<const quint8>(big.data(), 255)));
    QCOMPARE(twoByte.data().size(), std::size_t(260)); // 2 + 2 + 255 = 259, padded
}

QTEST_APPLESS_MAIN(TestRtp)

#include "tst_rtp.moc"
