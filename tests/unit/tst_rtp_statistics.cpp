// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/NtpTime.h"
#include "rtp/RtpReceiveStatistics.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace Media;
using Result = Media::RtpReceiveStatistics::Result;

namespace {

constexpr quint32 Ssrc = 0x5EED;
constexpr quint32 FrameTicks = 160; // 20 ms at 8 kHz

// Feeds packets at a steady 20 ms pace (arrival = timestamp, no jitter).
Result feed(RtpReceiveStatistics &stats, quint16 seq, quint32 ssrc = Ssrc)
{
    const quint32 ts = quint32(seq) * FrameTicks;
    return stats.onPacket(ssrc, seq, ts, ts + 1000);
}

} // namespace

class TestRtpStatistics : public QObject
{
    Q_OBJECT

private slots:
    void probation();
    void probationRestartsOnGap();
    void sequenceWrapAround();
    void lossWithGaps();
    void duplicates();
    void reordering();
    void largeJumpResyncs();
    void ssrcChange();
    void strayPacketOfOtherSsrcDoesNotSwitch();
    void jitterHandComputed();
    void jitterAcrossTimestampWrap();
    void reportBlockLsrDlsr();
    void ntpConversions();
    void roundTripTimeRfcExample();
    void roundTripTimeEndToEnd();
    void roundTripTimeInvalid();
};

void TestRtpStatistics::probation()
{
    RtpReceiveStatistics stats;
    QVERIFY(!stats.hasSource());
    QCOMPARE(feed(stats, 500), Result::Probation);
    QVERIFY(stats.hasSource());
    QCOMPARE(stats.expected(), qint64(0));
    QCOMPARE(feed(stats, 501), Result::Accepted);
    // A.1: the base is the packet that completed probation.
    QCOMPARE(stats.expected(), qint64(1));
    QCOMPARE(stats.received(), qint64(1));
    QCOMPARE(stats.extendedHighestSequence(), 501u);
}

void TestRtpStatistics::probationRestartsOnGap()
{
    RtpReceiveStatistics stats;
    QCOMPARE(feed(stats, 10), Result::Probation);
    QCOMPARE(feed(stats, 12), Result::Probation); // not in sequence: probation again
    QCOMPARE(feed(stats, 13), Result::Accepted);
    QCOMPARE(stats.extendedHighestSequence(), 13u);
    QCOMPARE(stats.expected(), qint64(1));
}

void TestRtpStatistics::sequenceWrapAround()
{
    RtpReceiveStatistics stats;
    QCOMPARE(feed(stats, 65529), Result::Probation);
    for (quint16 seq = 65530; seq != 10; ++seq)
        QCOMPARE(feed(stats, seq), Result::Accepted);
    // One cycle: 1 << 16 | 9.
    QCOMPARE(stats.extendedHighestSequence(), 0x10009u);
    QCOMPARE(stats.expected(), qint64(16)); // 65530..65535, 0..9
    QCOMPARE(stats.received(), qint64(16));
    QCOMPARE(stats.cumulativeLost(), qint64(0));
    const RtcpReportBlock block = stats.reportBlock(0);
    QCOMPARE(block.extendedHighestSequence, 0x10009u);
    QCOMPARE(block.cumulativeLost, 0);
    QCOMPARE(block.fractionLost, quint8(0));

    // A loss right at the wrap is counted.
    RtpReceiveStatistics lossy;
    feed(lossy, 65533);
    feed(lossy, 65534);
    feed(lossy, 0); // 65535 missing
    feed(lossy, 1);
    QCOMPARE(lossy.extendedHighestSequence(), 0x10001u);
    QCOMPARE(lossy.expected(), qint64(4));
    QCOMPARE(lossy.cumulativeLost(), qint64(1));
}

void TestRtpStatistics::lossWithGaps()
{
    RtpReceiveStatistics stats;
    feed(stats, 1000); // probation
    QCOMPARE(feed(stats, 1001), Result::Accepted); // base
    for (quint16 seq = 1002; seq <= 1100; ++seq) {
        if (seq == 1010 || seq == 1020 || seq == 1030)
            continue;
        QCOMPARE(feed(stats, seq), Result::Accepted);
    }
    QCOMPARE(stats.expected(), qint64(100));
    QCOMPARE(stats.received(), qint64(97));
    RtcpReportBlock block = stats.reportBlock(0);
    QCOMPARE(block.ssrc, Ssrc);
    QCOMPARE(block.cumulativeLost, 3);
    QCOMPARE(block.fractionLost, quint8((3 << 8) / 100)); // 7
    QCOMPARE(block.extendedHighestSequence, 1100u);

    // Next interval: 50 expected, 5 lost -> 25/256; cumulative 8.
    for (quint16 seq = 1101; seq <= 1150; ++seq) {
        if (seq % 10 == 5)
            continue;
        feed(stats, seq);
    }
    block = stats.reportBlock(0);
    QCOMPARE(block.cumulativeLost, 8);
    QCOMPARE(block.fractionLost, quint8((5 << 8) / 50));

    // An interval without packets reports no fraction lost.
    block = stats.reportBlock(0);
    QCOMPARE(block.fractionLost, quint8(0));
    QCOMPARE(block.cumulativeLost, 8);

    // A gap of exactly MaxDropout - 1 is still a gap, not a jump.
    QCOMPARE(feed(stats, quint16(1150 + RtpReceiveStatistics::MaxDropout - 1)), Result::Accepted);
    QCOMPARE(stats.cumulativeLost(), qint64(8 + RtpReceiveStatistics::MaxDropout - 2));
}

void TestRtpStatistics::duplicates()
{
    RtpReceiveStatistics stats;
    for (quint16 seq = 1; seq <= 20; ++seq)
        feed(stats, seq);
    QCOMPARE(stats.cumulativeLost(), qint64(0));
    QCOMPARE(feed(stats, 20), Result::Duplicate);
    QCOMPARE(feed(stats, 15), Result::Duplicate);
    QCOMPARE(stats.duplicates(), qint64(2));
    // RFC 3550 §6.4.1: duplicates count as received, so the loss goes negative.
    QCOMPARE(stats.received(), qint64(21));
    QCOMPARE(stats.cumulativeLost(), qint64(-2));
    const RtcpReportBlock block = stats.reportBlock(0);
    QCOMPARE(block.cumulativeLost, -2);
    QCOMPARE(block.fractionLost, quint8(0)); // lost_interval <= 0
    QCOMPARE(stats.extendedHighestSequence(), 20u);
    // Duplicates are remembered over 128 numbers, more than A.1 accepts as reordered
    // (MaxMisorder); anything older is a bad sequence number anyway.
    for (quint16 seq = 21; seq <= 200; ++seq)
        feed(stats, seq);
    QCOMPARE(feed(stats, 101), Result::Duplicate);
    QCOMPARE(feed(stats, 99), Result::BadSequence);
}

void TestRtpStatistics::reordering()
{
    RtpReceiveStatistics stats;
    feed(stats, 1);
    for (const quint16 seq : { 2, 3, 5, 4, 6, 9, 8, 7, 10 })
        QCOMPARE(feed(stats, seq), Result::Accepted);
    QCOMPARE(stats.extendedHighestSequence(), 10u);
    QCOMPARE(stats.cumulativeLost(), qint64(0));
    QCOMPARE(stats.duplicates(), qint64(0));

    // Reordered across the wrap: 65535 arrives after 0.
    RtpReceiveStatistics wrap;
    feed(wrap, 65532);
    feed(wrap, 65533);
    feed(wrap, 65534);
    QCOMPARE(feed(wrap, 0), Result::Accepted);
    QCOMPARE(feed(wrap, 65535), Result::Accepted);
    QCOMPARE(feed(wrap, 1), Result::Accepted);
    QCOMPARE(wrap.extendedHighestSequence(), 0x10001u);
    QCOMPARE(wrap.cumulativeLost(), qint64(0));
    QCOMPARE(wrap.duplicates(), qint64(0));
}

void TestRtpStatistics::largeJumpResyncs()
{
    RtpReceiveStatistics stats;
    for (quint16 seq = 100; seq <= 110; ++seq)
        feed(stats, seq);
    QCOMPARE(stats.received(), qint64(10));
    // A.1: a jump beyond MaxDropout is not counted...
    QCOMPARE(feed(stats, 20000), Result::BadSequence);
    QCOMPARE(stats.extendedHighestSequence(), 110u);
    // ...unless the next packet follows it: then the source re-syncs.
    QCOMPARE(feed(stats, 20001), Result::Accepted);
    QCOMPARE(stats.extendedHighestSequence(), 20001u);
    QCOMPARE(stats.received(), qint64(1));
    QCOMPARE(stats.expected(), qint64(1));
    // An isolated old packet (beyond MaxMisorder behind) is rejected.
    QCOMPARE(feed(stats, 19000), Result::BadSequence);
    QCOMPARE(feed(stats, 20002), Result::Accepted);
    QCOMPARE(stats.cumulativeLost(), qint64(0));
}

void TestRtpStatistics::ssrcChange()
{
    RtpReceiveStatistics stats;
    for (quint16 seq = 1; seq <= 50; ++seq)
        feed(stats, seq);
    QCOMPARE(stats.ssrc(), Ssrc);
    // The new source has to pass probation before it takes over.
    QCOMPARE(feed(stats, 7000, 0xBEEF), Result::Probation);
    QCOMPARE(stats.ssrc(), Ssrc);
    QCOMPARE(feed(stats, 7001, 0xBEEF), Result::SourceChanged);
    QCOMPARE(stats.ssrc(), 0xBEEFu);
    QCOMPARE(stats.sourceChanges(), 1);
    QCOMPARE(stats.received(), qint64(1));
    QCOMPARE(stats.extendedHighestSequence(), 7001u);
    QCOMPARE(feed(stats, 7002, 0xBEEF), Result::Accepted);
    QCOMPARE(stats.reportBlock(0).ssrc, 0xBEEFu);
    // The old source is now the stranger.
    QCOMPARE(feed(stats, 51), Result::Probation);
}

void TestRtpStatistics::strayPacketOfOtherSsrcDoesNotSwitch()
{
    RtpReceiveStatistics stats;
    feed(stats, 1);
    feed(stats, 2);
    QCOMPARE(feed(stats, 900, 0xBAD), Result::Probation);
    QCOMPARE(feed(stats, 3), Result::Accepted); // ends the stranger's run
    QCOMPARE(feed(stats, 901, 0xBAD), Result::Probation);
    QCOMPARE(feed(stats, 4), Result::Accepted);
    QCOMPARE(stats.ssrc(), Ssrc);
    QCOMPARE(stats.sourceChanges(), 0);
}

void TestRtpStatistics::jitterHandComputed()
{
    // Transit offsets (arrival - timestamp) in RTP units; A.8 by hand:
    //   D: 10, 10, 30, 10, 0, 20
    //   J1 = 10/16 = 0.625
    //   J2 = J1 + (10 - J1)/16 = 1.2109375
    //   J3 = J2 + (30 - J2)/16 = 3.01025390625
    //   J4 = J3 + (10 - J3)/16 = 3.447113037109375
    //   J5 = J4 + ( 0 - J4)/16 = 3.231668472290039
    //   J6 = J5 + (20 - J5)/16 = 4.279689192771912
    const std::vector<quint32> offsets { 0, 10, 0, 30, 20, 20, 0 };
    const std::vector<double> expected {
        0, 0.625, 1.2109375, 3.01025390625, 3.447113037109375, 3.231668472290039, 4.279689192771912
    };
    RtpReceiveStatistics stats;
    // Probation packet: not part of the series (and its transit is wildly different).
    stats.onPacket(Ssrc, 99, 0, 777777);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const quint32 ts = 16000 + quint32(i) * FrameTicks;
        stats.onPacket(Ssrc, quint16(100 + i), ts, ts + 5000 + offsets[i]);
        QVERIFY2(std::abs(stats.jitterExact() - expected[i]) < 1e-9,
                 qPrintable(QStringLiteral("packet %1: %2 != %3")
                                    .arg(i)
                                    .arg(stats.jitterExact(), 0, 'g', 17)
                                    .arg(expected[i], 0, 'g', 17)));
    }
    QCOMPARE(stats.jitter(), 4u); // reported as an integer
    QCOMPARE(stats.reportBlock(0).jitter, 4u);

    // A steady stream converges to zero jitter; a constant offset does not matter.
    RtpReceiveStatistics steady;
    for (quint16 seq = 0; seq < 200; ++seq)
        steady.onPacket(Ssrc, seq, quint32(seq) * FrameTicks, quint32(seq) * FrameTicks + 4321);
    QCOMPARE(steady.jitterExact(), 0.0);
}

void TestRtpStatistics::jitterAcrossTimestampWrap()
{
    // Same series with the RTP timestamps and the arrival clock wrapping at 2^32.
    const std::vector<quint32> offsets { 0, 10, 0, 30, 20, 20, 0 };
    RtpReceiveStatistics stats;
    stats.onPacket(Ssrc, 99, 0, 0);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const quint32 ts = 0xFFFFFE00u + quint32(i) * FrameTicks; // wraps after packet 3
        const quint32 arrival = ts + 0x100u + offsets[i]; // wraps one packet earlier
        stats.onPacket(Ssrc, quint16(100 + i), ts, arrival);
    }
    QVERIFY(std::abs(stats.jitterExact() - 4.279689192771912) < 1e-9);

    // Transit times straddling the signed 32-bit boundary (unrelated clocks).
    RtpReceiveStatistics straddle;
    straddle.onPacket(Ssrc, 99, 0, 0);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const quint32 ts = 1000 + quint32(i) * FrameTicks;
        straddle.onPacket(Ssrc, quint16(100 + i), ts, ts + 0x7FFFFFF0u + offsets[i]);
    }
    QVERIFY(std::abs(straddle.jitterExact() - 4.279689192771912) < 1e-9);
}

void TestRtpStatistics::reportBlockLsrDlsr()
{
    RtpReceiveStatistics stats;
    feed(stats, 1);
    feed(stats, 2);
    RtcpReportBlock block = stats.reportBlock(10'000'000);
    QCOMPARE(block.lastSenderReport, 0u); // no SR yet
    QCOMPARE(block.delaySinceLastSenderReport, 0u);

    const quint64 ntp = 0xE8A1B2C3'D4E5F607ULL;
    stats.onSenderReport(0x1234, ntp, 1'000'000); // other SSRC: ignored
    QCOMPARE(stats.reportBlock(2'500'000).lastSenderReport, 0u);
    stats.onSenderReport(Ssrc, ntp, 1'000'000);
    block = stats.reportBlock(2'500'000);
    QCOMPARE(block.lastSenderReport, 0xB2C3D4E5u); // middle 32 bits
    QCOMPARE(block.delaySinceLastSenderReport, 98304u); // 1.5 s * 65536
}

void TestRtpStatistics::ntpConversions()
{
    // 1970-01-01 is NTP second 2208988800.
    QCOMPARE(NtpTime::fromUnixMicroseconds(0), quint64(2208988800ULL) << 32);
    QCOMPARE(NtpTime::fromUnixMicroseconds(1'500'000),
             ((quint64(2208988801ULL) << 32) | 0x80000000u));
    const qint64 now = 1'767'225'600'123'456; // 2026-01-01 00:00:00.123456
    QCOMPARE(NtpTime::toUnixMicroseconds(NtpTime::fromUnixMicroseconds(now)), now);
    QCOMPARE(NtpTime::compact(0x0123456789ABCDEFULL), 0x456789ABu);
    QCOMPARE(NtpTime::compactFromMicroseconds(1'000'000), 65536u);
    QCOMPARE(NtpTime::compactFromMicroseconds(-5), 0u);
    QCOMPARE(NtpTime::compactToMicroseconds(32768), qint64(500'000));
}

void TestRtpStatistics::roundTripTimeRfcExample()
{
    // RFC 3550 §6.4.1 figure: A = 0xb710:8000, LSR = 0xb705:2030, DLSR = 0x0005:4000,
    // RTT = A - LSR - DLSR = 0x0006:1fd0 (about 6.124 s; the RFC rounds to 6.125).
    const auto rtt = NtpTime::roundTripTimeMicroseconds(0xB7108000u, 0xB7052030u, 0x00054000u);
    QVERIFY(rtt.has_value());
    QCOMPARE(*rtt, NtpTime::compactToMicroseconds(0x00061FD0u));
    QVERIFY(std::abs(*rtt - 6'125'000) < 1'000);
}

void TestRtpStatistics::roundTripTimeEndToEnd()
{
    // We send an SR at T; it takes 40 ms to the peer, which reports 1.5 s later; the RR
    // takes 40 ms back. The peer's receive statistics fill LSR/DLSR; we compute 80 ms.
    const qint64 sentAt = 1'767'225'600'000'000; // our wall clock, microseconds
    const quint64 srNtp = NtpTime::fromUnixMicroseconds(sentAt);

    RtpReceiveStatistics peer;
    feed(peer, 1);
    feed(peer, 2);
    const qint64 peerClock = 555'000'000; // unrelated monotonic clock of the peer
    peer.onSenderReport(Ssrc, srNtp, peerClock);
    const RtcpReportBlock block = peer.reportBlock(peerClock + 1'500'000);

    const quint32 arrival = NtpTime::compact(NtpTime::fromUnixMicroseconds(sentAt + 1'580'000));
    const auto rtt = NtpTime::roundTripTimeMicroseconds(arrival, block.lastSenderReport,
                                                        block.delaySinceLastSenderReport);
    QVERIFY(rtt.has_value());
    QVERIFY2(std::abs(*rtt - 80'000) <= 31, qPrintable(QString::number(*rtt))); // 1/65536 s units
}

void TestRtpStatistics::roundTripTimeInvalid()
{
    // LSR 0: the peer has no SR from us.
    QVERIFY(!NtpTime::roundTripTimeMicroseconds(0x10000, 0, 0).has_value());
    // DLSR longer than the time since our SR.
    QVERIFY(!NtpTime::roundTripTimeMicroseconds(0x20000, 0x10000, 0x20000).has_value());
    // Across the 16.16 wrap.
    const auto rtt = NtpTime::roundTripTimeMicroseconds(0x00008000u, 0xFFFF8000u, 0x00008000u);
    QVERIFY(rtt.has_value());
    QCOMPARE(*rtt, qint64(500'000));
}

QTEST_APPLESS_MAIN(TestRtpStatistics)

#include "tst_rtp_statistics.moc"
