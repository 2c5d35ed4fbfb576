// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtcpCompoundBuilder.h"
#include "rtp/RtcpCompoundReader.h"
#include "rtp/RtcpPacket.h"

#include <QRandomGenerator>
#include <QTest>

#include <vector>

using namespace Media;
using ParseError = Media::RtcpPacket::ParseError;
using Validation = Media::RtcpCompoundReader::Validation;

Q_DECLARE_METATYPE(Media::RtcpPacket::ParseError)
Q_DECLARE_METATYPE(Media::RtcpCompoundReader::Validation)

namespace {

std::span<const quint8> bytesOf(const QByteArray &bytes)
{
    return { reinterpret_cast<const quint8 *>(bytes.constData()), std::size_t(bytes.size()) };
}

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

RtcpReportBlock makeBlock(quint32 ssrc, qint32 cumulativeLost)
{
    RtcpReportBlock block;
    block.ssrc = ssrc;
    block.fractionLost = 25;
    block.cumulativeLost = cumulativeLost;
    block.extendedHighestSequence = 0x0001FFF0;
    block.jitter = 123;
    block.lastSenderReport = 0x12345678;
    block.delaySinceLastSenderReport = 0x00018000; // 1.5 s
    return block;
}

std::vector<RtcpPacket> readAll(std::span<const quint8> datagram, ParseError &error,
                                Validation validation = Validation::Compound)
{
    RtcpCompoundReader reader(datagram, validation);
    std::vector<RtcpPacket> packets;
    RtcpPacket packet;
    while (reader.next(packet))
        packets.push_back(packet);
    error = reader.error();
    return packets;
}

} // namespace

class TestRtpRtcp : public QObject
{
    Q_OBJECT

private slots:
    void compoundRoundTrip();
    void receiverReportRoundTrip();
    void parseKnownReceiverReport();
    void sdesSkipsOtherItems();
    void goodbyeWithoutReason();
    void paddingOnLastPacket();
    void reducedSize();
    void malformedCompound_data();
    void malformedCompound();
    void malformedBody_data();
    void malformedBody();
    void wrongType();
    void builderLimits();
    void rtcpMuxDemux();
    void randomInputNeverCrashes();
};

void TestRtpRtcp::compoundRoundTrip()
{
    RtcpSenderReport sr;
    sr.ssrc = 0x11223344;
    sr.senderInfo.ntpTimestamp = 0xE8A1B2C3D4E5F607ULL;
    sr.senderInfo.rtpTimestamp = 160000;
    sr.senderInfo.packetCount = 1000;
    sr.senderInfo.octetCount = 160000;
    sr.reportBlocks = { makeBlock(0xAABBCCDD, 7), makeBlock(0x01010101, -3) };

    RtcpSourceDescription sdes;
    sdes.chunks = { { 0x11223344, "user@host.example" }, { 0x55667788, "x" } };

    RtcpGoodbye bye;
    bye.ssrcs = { 0x11223344 };
    bye.reason = "Leaving";

    RtcpCompoundBuilder builder;
    QVERIFY(builder.addSenderReport(sr));
    QVERIFY(builder.addSourceDescription(sdes));
    QVERIFY(builder.addGoodbye(bye));
    const QByteArray datagram = builder.data();
    QCOMPARE(datagram.size() % 4, 0);
    // SR: 4 + 4 + 20 + 2 * 24 = 76 octets, length field 18.
    QCOMPARE(int(quint8(datagram[0])), 0x80 | 2);
    QCOMPARE(int(quint8(datagram[1])), 200);
    QCOMPARE(int(quint8(datagram[3])), 18);

    ParseError error = ParseError::None;
    const auto packets = readAll(bytesOf(datagram), error);
    QCOMPARE(error, ParseError::None);
    QCOMPARE(packets.size(), std::size_t(3));
    QCOMPARE(packets[0].type(), quint8(RtcpPacket::SenderReport));
    QCOMPARE(packets[1].type(), quint8(RtcpPacket::SourceDescription));
    QCOMPARE(packets[2].type(), quint8(RtcpPacket::Goodbye));

    RtcpSenderReport parsedSr;
    QCOMPARE(packets[0].parseSenderReport(parsedSr), ParseError::None);
    QCOMPARE(parsedSr, sr);
    QCOMPARE(parsedSr.reportBlocks[1].cumulativeLost, -3);
    RtcpSourceDescription parsedSdes;
    QCOMPARE(packets[1].parseSourceDescription(parsedSdes), ParseError::None);
    QCOMPARE(parsedSdes, sdes);
    RtcpGoodbye parsedBye;
    QCOMPARE(packets[2].parseGoodbye(parsedBye), ParseError::None);
    QCOMPARE(parsedBye, bye);

    // Rebuilding the parsed packets gives the same octets.
    RtcpCompoundBuilder again;
    QVERIFY(again.addSenderReport(parsedSr));
    QVERIFY(again.addSourceDescription(parsedSdes));
    QVERIFY(again.addGoodbye(parsedBye));
    QCOMPARE(again.data(), datagram);
}

void TestRtpRtcp::receiverReportRoundTrip()
{
    RtcpReceiverReport rr;
    rr.ssrc = 42;
    // The limits of the 24-bit signed cumulative loss.
    rr.reportBlocks = { makeBlock(1, 0x7FFFFF), makeBlock(2, -0x800000), makeBlock(3, 0) };
    RtcpCompoundBuilder builder;
    QVERIFY(builder.addReceiverReport(rr));
    QVERIFY(builder.addCname(42, "cname"));
    QCOMPARE(builder.data().size(), 4 + 4 + 3 * 24 + 4 + 4 + 2 + 5 + 1);

    ParseError error = ParseError::None;
    const auto packets = readAll(bytesOf(builder.data()), error);
    QCOMPARE(error, ParseError::None);
    QCOMPARE(packets.size(), std::size_t(2));
    RtcpReceiverReport parsed;
    QCOMPARE(packets[0].parseReceiverReport(parsed), ParseError::None);
    QCOMPARE(parsed, rr);

    // An empty RR (RC=0) is the smallest valid compound start.
    RtcpCompoundBuilder empty;
    QVERIFY(empty.addReceiverReport(RtcpReceiverReport { 7, {} }));
    QCOMPARE(empty.data(),
             hex("80c90001"
                 "00000007"));
}

void TestRtpRtcp::parseKnownReceiverReport()
{
    // RR, RC=1, length 7; block: SSRC 0x0a0b0c0d, fraction 0x40 (1/4), cumulative 0xFFFFFE (-2),
    // extended highest 0x00020005, jitter 0x20, LSR 0xAABBCCDD, DLSR 0x00010000.
    const QByteArray datagram = hex("81c90007"
                                    "00000001"
                                    "0a0b0c0d"
                                    "40fffffe"
                                    "00020005"
                                    "00000020"
                                    "aabbccdd"
                                    "00010000");
    ParseError error = ParseError::None;
    const auto packets = readAll(bytesOf(datagram), error);
    QCOMPARE(error, ParseError::None);
    QCOMPARE(packets.size(), std::size_t(1));
    QCOMPARE(packets[0].count(), 1);
    RtcpReceiverReport rr;
    QCOMPARE(packets[0].parseReceiverReport(rr), ParseError::None);
    QCOMPARE(rr.ssrc, 1u);
    QCOMPARE(rr.reportBlocks.size(), 1);
    const RtcpReportBlock &block = rr.reportBlocks[0];
    QCOMPARE(block.ssrc, 0x0A0B0C0Du);
    QCOMPARE(block.fractionLost, quint8(0x40));
    QCOMPARE(block.cumulativeLost, -2);
    QCOMPARE(block.extendedHighestSequence, 0x00020005u);
    QCOMPARE(block.jitter, 0x20u);
    QCOMPARE(block.lastSenderReport, 0xAABBCCDDu);
    QCOMPARE(block.delaySinceLastSenderReport, 0x00010000u);
}

void TestRtpRtcp::sdesSkipsOtherItems()
{
    // RR(0) + SDES with one chunk: NAME "ab" (type 2), CNAME "xyz", END + padding.
    const QByteArray datagram = hex("80c90001"
                                    "00000001"
                                    "81ca0004"
                                    "00000001"
                                    "02026162"
                                    "0103"
                                    "78797a"
                                    "000000");
    ParseError error = ParseError::None;
    const auto packets = readAll(bytesOf(datagram), error);
    QCOMPARE(error, ParseError::None);
    QCOMPARE(packets.size(), std::size_t(2));
    RtcpSourceDescription sdes;
    QCOMPARE(packets[1].parseSourceDescription(sdes), ParseError::None);
    QCOMPARE(sdes.chunks.size(), 1);
    QCOMPARE(sdes.chunks[0].ssrc, 1u);
    QCOMPARE(sdes.chunks[0].cname, QByteArray("xyz"));
}

void TestRtpRtcp::goodbyeWithoutReason()
{
    RtcpGoodbye bye;
    bye.ssrcs = { 1, 2, 3 };
    RtcpCompoundBuilder builder;
    QVERIFY(builder.addReceiverReport(RtcpReceiverReport { 1, {} }));
    QVERIFY(builder.addGoodbye(bye));
    ParseError error = ParseError::None;
    const auto packets = readAll(bytesOf(builder.data()), error);
    QCOMPARE(error, ParseError::None);
    QCOMPARE(packets.size(), std::size_t(2));
    RtcpGoodbye parsed;
    QCOMPARE(packets[1].parseGoodbye(parsed), ParseError::None);
    QCOMPARE(parsed, bye);
    QVERIFY(parsed.reason.isEmpty());
}

void TestRtpRtcp::paddingOnLastPacket()
{
    // RR(0) + BYE(1) padded with 4 octets (P set, count 4 at the end).
    const QByteArray datagram = hex("80c90001"
                                    "00000001"
                                    "a1cb0002"
                                    "00000001"
                                    "00000004");
    ParseError error = ParseError::None;
    const auto packets = readAll(bytesOf(datagram), error);
    QCOMPARE(error, ParseError::None);
    QCOMPARE(packets.size(), std::size_t(2));
    QVERIFY(packets[1].hasPadding());
    QCOMPARE(packets[1].body().size(), std::size_t(4));
    RtcpGoodbye bye;
    QCOMPARE(packets[1].parseGoodbye(bye), ParseError::None);
    QCOMPARE(bye.ssrcs, QList<quint32>({ 1 }));
    QVERIFY(bye.reason.isEmpty());
}

void TestRtpRtcp::reducedSize()
{
    // RFC 5506: a lone BYE (or feedback) is fine in reduced-size mode, not in compound mode.
    const QByteArray datagram = hex("81cb0001"
                                    "00000009");
    ParseError error = ParseError::None;
    QVERIFY(readAll(bytesOf(datagram), error).empty());
    QCOMPARE(error, ParseError::NotCompound);
    const auto packets = readAll(bytesOf(datagram), error, Validation::ReducedSize);
    QCOMPARE(error, ParseError::None);
    QCOMPARE(packets.size(), std::size_t(1));
}

void TestRtpRtcp::malformedCompound_data()
{
    QTest::addColumn<QByteArray>("datagram");
    QTest::addColumn<ParseError>("error");

    QTest::newRow("empty") << QByteArray() << ParseError::TooShort;
    QTest::newRow("3 octets") << hex("80c900") << ParseError::TooShort;
    QTest::newRow("version 1") << hex("40c90001"
                                      "00000001")
                               << ParseError::BadVersion;
    QTest::newRow("version 1 second") << hex("80c90001"
                                             "00000001"
                                             "40ca0000")
                                      << ParseError::BadVersion;
    QTest::newRow("length beyond datagram") << hex("80c90002"
                                                   "00000001")
                                            << ParseError::BadLength;
    QTest::newRow("length 0xFFFF") << hex("80c9ffff"
                                          "00000001")
                                   << ParseError::BadLength;
    QTest::newRow("trailing 2 octets") << hex("80c90001"
                                              "00000001"
                                              "8000")
                                       << ParseError::BadLength;
    QTest::newRow("trailing 3 octets") << hex("80c90001"
                                              "00000001"
                                              "80ca00")
                                       << ParseError::BadLength;
    QTest::newRow("second length beyond") << hex("80c90001"
                                                 "00000001"
                                                 "81cb0005"
                                                 "00000001")
                                          << ParseError::BadLength;
    QTest::newRow("padding not on last") << hex("a0c90001"
                                                "00000001"
                                                "80cb0000")
                                         << ParseError::BadPadding;
    QTest::newRow("padding count 0") << hex("a0c90001"
                                            "00000000")
                                     << ParseError::BadPadding;
    QTest::newRow("padding count beyond packet") << hex("a0c90001"
                                                        "00000005")
                                                 << ParseError::BadPadding;
    QTest::newRow("first is SDES") << hex("81ca0002"
                                          "00000001"
                                          "00000000")
                                   << ParseError::NotCompound;
    QTest::newRow("first is BYE") << hex("80cb0000") << ParseError::NotCompound;
}

void TestRtpRtcp::malformedCompound()
{
    QFETCH(QByteArray, datagram);
    QFETCH(ParseError, error);
    std::vector<quint8> exact(datagram.begin(), datagram.end());
    const std::span<const quint8> bytes(exact.data(), exact.size());
    QCOMPARE(RtcpCompoundReader::validate(bytes), error);
    RtcpCompoundReader reader(bytes);
    QCOMPARE(reader.error(), error);
    QVERIFY(!reader.isValid());
    RtcpPacket packet;
    QVERIFY(!reader.next(packet)); // an invalid compound yields nothing
}

void TestRtpRtcp::malformedBody_data()
{
    QTest::addColumn<QByteArray>("datagram");
    QTest::addColumn<int>("index");

    // The compound framing is valid; the body of packet 'index' does not match its count.
    QTest::newRow("RR RC=1 without block") << hex("81c90001"
                                                  "00000001")
                                           << 0;
    QTest::newRow("RR RC=2 with one block") << hex("82c90007"
                                                   "00000001")
                    + QByteArray(24, '\0') << 0;
    QTest::newRow("SR without sender info") << hex("80c80001"
                                                   "00000001")
                                            << 0;
    QTest::newRow("SR RC=1 without block") << hex("81c80006"
                                                  "00000001")
                    + QByteArray(20, '\0') << 0;
    QTest::newRow("SDES chunk without SSRC") << hex("80c90001"
                                                    "00000001"
                                                    "81ca0000")
                                             << 1;
    QTest::newRow("SDES without END") << hex("80c90001"
                                             "00000001"
                                             "81ca0002"
                                             "00000001"
                                             "01027879")
                                      << 1;
    QTest::newRow("SDES item beyond packet") << hex("80c90001"
                                                    "00000001"
                                                    "81ca0002"
                                                    "00000001"
                                                    "01107879")
                                             << 1;
    QTest::newRow("SDES non-zero padding") << hex("80c90001"
                                                  "00000001"
                                                  "81ca0003"
                                                  "00000001"
                                                  "01027879"
                                                  "00ff0000")
                                           << 1;
    QTest::newRow("SDES two chunks, one present") << hex("80c90001"
                                                         "00000001"
                                                         "82ca0002"
                                                         "00000001"
                                                         "00000000")
                                                  << 1;
    QTest::newRow("BYE SC=2 with one SSRC") << hex("80c90001"
                                                   "00000001"
                                                   "82cb0001"
                                                   "00000001")
                                            << 1;
    QTest::newRow("BYE reason beyond packet") << hex("80c90001"
                                                     "00000001"
                                                     "81cb0002"
                                                     "00000001"
                                                     "09616263")
                                              << 1;
}

void TestRtpRtcp::malformedBody()
{
    QFETCH(QByteArray, datagram);
    QFETCH(int, index);
    std::vector<quint8> exact(datagram.begin(), datagram.end());
    ParseError error = ParseError::None;
    const auto packets = readAll(std::span<const quint8>(exact.data(), exact.size()), error);
    QCOMPARE(error, ParseError::None);
    QVERIFY(std::size_t(index) < packets.size());
    const RtcpPacket &packet = packets[std::size_t(index)];
    switch (packet.type()) {
    case RtcpPacket::SenderReport: {
        RtcpSenderReport sr;
        QCOMPARE(packet.parseSenderReport(sr), ParseError::BadBody);
        break;
    }
    case RtcpPacket::ReceiverReport: {
        RtcpReceiverReport rr;
        QCOMPARE(packet.parseReceiverReport(rr), ParseError::BadBody);
        break;
    }
    case RtcpPacket::SourceDescription: {
        RtcpSourceDescription sdes;
        QCOMPARE(packet.parseSourceDescription(sdes), ParseError::BadBody);
        break;
    }
    case RtcpPacket::Goodbye: {
        RtcpGoodbye bye;
        QCOMPARE(packet.parseGoodbye(bye), ParseError::BadBody);
        break;
    }
    default:
        QFAIL("unexpected packet type");
    }
}

void TestRtpRtcp::wrongType()
{
    const QByteArray datagram = hex("80c90001"
                                    "00000001");
    ParseError error = ParseError::None;
    const auto packets = readAll(bytesOf(datagram), error);
    QCOMPARE(packets.size(), std::size_t(1));
    RtcpSenderReport sr;
    QCOMPARE(packets[0].parseSenderReport(sr), ParseError::WrongType);
    RtcpGoodbye bye;
    QCOMPARE(packets[0].parseGoodbye(bye), ParseError::WrongType);
}

void TestRtpRtcp::builderLimits()
{
    RtcpCompoundBuilder builder;
    RtcpReceiverReport rr;
    rr.reportBlocks = QList<RtcpReportBlock>(32);
    QVERIFY(!builder.addReceiverReport(rr));
    rr.reportBlocks = { makeBlock(1, 0x800000) }; // beyond 24-bit signed
    QVERIFY(!builder.addReceiverReport(rr));
    rr.reportBlocks = { makeBlock(1, -0x800001) };
    QVERIFY(!builder.addReceiverReport(rr));
    QVERIFY(!builder.addCname(1, QByteArray(256, 'x')));
    RtcpGoodbye bye;
    bye.reason = QByteArray(256, 'r');
    QVERIFY(!builder.addGoodbye(bye));
    QVERIFY(builder.data().isEmpty()); // nothing half-written
    QVERIFY(builder.addCname(1, QByteArray(255, 'x')));
    QCOMPARE(builder.data().size() % 4, 0);
    builder.clear();
    QVERIFY(builder.data().isEmpty());
}

void TestRtpRtcp::rtcpMuxDemux()
{
    // RFC 5761 §4: RTCP packet types 200..204 land in 192..223; RTP PTs 0..127 (+M) do not.
    QVERIFY(RtcpPacket::isRtcp(bytesOf(hex("80c8"))));
    QVERIFY(RtcpPacket::isRtcp(bytesOf(hex("81c9"))));
    QVERIFY(!RtcpPacket::isRtcp(bytesOf(hex("8000")))); // PCMU
    QVERIFY(!RtcpPacket::isRtcp(bytesOf(hex("80ef")))); // PT 111 with marker
    QVERIFY(!RtcpPacket::isRtcp(bytesOf(hex("80"))));
}

void TestRtpRtcp::randomInputNeverCrashes()
{
    QRandomGenerator rng(4242);
    int validCompounds = 0;
    for (int round = 0; round < 20000; ++round) {
        // Start from a valid compound, then corrupt a few octets and maybe truncate.
        RtcpCompoundBuilder builder;
        builder.addReceiverReport(RtcpReceiverReport { 1, { makeBlock(2, 1) } });
        builder.addCname(1, "cname@example");
        builder.addGoodbye(RtcpGoodbye { { 1 }, "bye" });
        std::vector<quint8> bytes(builder.data().begin(), builder.data().end());
        const int flips = rng.bounded(1, 4);
        for (int i = 0; i < flips; ++i)
            bytes[std::size_t(rng.bounded(int(bytes.size())))] = quint8(rng.bounded(256));
        if (rng.bounded(3) == 0)
            bytes.resize(std::size_t(rng.bounded(int(bytes.size()) + 1)));

        RtcpCompoundReader reader(std::span<const quint8>(bytes.data(), bytes.size()),
                                  rng.bounded(2) ? Validation::Compound : Validation::ReducedSize);
        RtcpPacket packet;
        qsizetype total = 0;
        while (reader.next(packet)) {
            total += qsizetype(packet.data().size());
            RtcpSenderReport sr;
            RtcpReceiverReport rr;
            RtcpSourceDescription sdes;
            RtcpGoodbye bye;
            packet.parseSenderReport(sr);
            packet.parseReceiverReport(rr);
            packet.parseSourceDescription(sdes);
            packet.parseGoodbye(bye);
        }
        if (reader.isValid()) {
            ++validCompounds;
            QCOMPARE(total, qsizetype(bytes.size()));
        }
    }
    QVERIFY(validCompounds > 100);
}

QTEST_APPLESS_MAIN(TestRtpRtcp)

#include "tst_rtp_rtcp.moc"
