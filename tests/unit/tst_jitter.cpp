// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "jitter/JitterBuffer.h"

#include <QTest>

#include <algorithm>
#include <array>
#include <vector>

using namespace Media;
using Status = Media::JitterBuffer::Status;
using InsertResult = Media::JitterBuffer::InsertResult;

namespace {

constexpr int FrameMs = 20;
constexpr quint32 FrameTicks = 960; // 20 ms at 48 kHz

struct Arrival
{
    qint64 timeMs = 0;
    quint16 seq = 0;
    quint32 ts = 0;
};

struct Played
{
    qint64 tickMs = 0;
    Status status = Status::Empty;
    quint16 seq = 0;
    quint16 payloadSeq = 0; // decoded from the payload (Frame) or next payload (Lost)
    bool nextAvailable = false;
    int delayMs = 0;
    int targetMs = 0;
};

// Drives a jitter buffer with a list of arrivals and a 20 ms playout tick, as the media
// engine will. Payloads carry their sequence number so playout order can be checked.
class Simulation
{
public:
    explicit Simulation(const JitterBuffer::Config &config = JitterBuffer::Config())
        : buffer(config)
    {
    }

    // Packets sent every 20 ms from 'firstSeq' ('count' of them), each arriving at
    // send time + baseDelay + delay(i).
    template<typename Delay>
    void send(qint64 startMs, quint16 firstSeq, quint32 firstTs, int count, Delay delay,
              int baseDelayMs = 30)
    {
        for (int i = 0; i < count; ++i) {
            Arrival a;
            a.seq = quint16(firstSeq + i);
            a.ts = firstTs + quint32(i) * FrameTicks;
            a.timeMs = startMs + qint64(i) * FrameMs + baseDelayMs + delay(i);
            if (a.timeMs >= 0)
                arrivals.push_back(a);
        }
    }

    void sortArrivals()
    {
        std::stable_sort(arrivals.begin(), arrivals.end(),
                         [](const Arrival &a, const Arrival &b) { return a.timeMs < b.timeMs; });
    }

    // Ticks at every multiple of 20 ms in [fromMs, toMs): arrivals up to the tick are
    // inserted first, then one frame is popped.
    void run(qint64 fromMs, qint64 toMs)
    {
        sortArrivals();
        for (qint64 tick = fromMs; tick < toMs; tick += FrameMs) {
            while (next < arrivals.size() && arrivals[next].timeMs <= tick) {
                const Arrival &a = arrivals[next++];
                const std::array<quint8, 2> payload { quint8(a.seq >> 8), quint8(a.seq) };
                insertResults.push_back(buffer.insert(a.seq, a.ts, a.timeMs, payload));
            }
            const JitterBuffer::Output out = buffer.pop(tick);
            Played p;
            p.tickMs = tick;
            p.status = out.status;
            p.seq = out.sequenceNumber;
            p.nextAvailable = out.nextAvailable;
            const auto payload = out.status == Status::Frame ? out.payload : out.nextPayload;
            if (payload.size() == 2)
                p.payloadSeq = quint16((payload[0] << 8) | payload[1]);
            p.delayMs = buffer.currentDelayMs();
            p.targetMs = buffer.targetDelayMs();
            played.push_back(p);
        }
    }

    std::vector<Played> framesAndLosses(qint64 fromMs = 0) const
    {
        std::vector<Played> out;
        for (const Played &p : played) {
            if (p.tickMs >= fromMs && p.status != Status::Empty)
                out.push_back(p);
        }
        return out;
    }

    JitterBuffer buffer;
    std::vector<Arrival> arrivals;
    std::vector<InsertResult> insertResults;
    std::vector<Played> played;
    std::size_t next = 0;
};

auto noJitter = [](int) { return 0; };

// With the default 30 ms network delay and no jitter, frame k is played at the tick
// k * 20 + 60 (30 ms after it could have arrived at the earliest: target 20 ms rounded up
// to the tick). The tick of the last of 'count' frames:
constexpr qint64 LastTick(int count)
{
    return qint64(count - 1) * FrameMs + 60;
}

// Deterministic pseudo-random deviation in [-range, range] (a fixed LCG, not a global RNG).
class Deviation
{
public:
    explicit Deviation(int range, quint32 seed = 12345)
        : m_range(range)
        , m_state(seed)
    {
    }
    int operator()(int)
    {
        m_state = m_state * 1664525u + 1013904223u;
        return int((m_state >> 8) % quint32(2 * m_range + 1)) - m_range;
    }

private:
    int m_range;
    quint32 m_state;
};

} // namespace

class TestJitter : public QObject
{
    Q_OBJECT

private slots:
    void emptyBeforeFirstPacket();
    void cleanNetworkLowDelay();
    void smallJitterStaysLow();
    void reorderingWithinWindow();
    void latePacketDroppedAndCounted();
    void duplicatesDropped();
    void lossReportedWithNextForFec();
    void consecutiveLossesWithFecForTheLast();
    void lossDuringUnderrun();
    void longGapSkipsToLastLost();
    void sequenceAndTimestampWrap();
    void cleanStreamWithClockWobbleNeverDropsOrHolds();
    void jitterBurstGrowsThenShrinks();
    void underrunThenResume();
    void sequenceJumpResynchronizes();
    void tooLargePayloadRejected();
    void reorderedBeforePlayoutStarts();
    void resetForgetsEverything();
};

void TestJitter::emptyBeforeFirstPacket()
{
    JitterBuffer buffer;
    for (qint64 t = 0; t < 200; t += FrameMs)
        QCOMPARE(buffer.pop(t).status, Status::Empty);
    QCOMPARE(buffer.bufferedFrames(), 0);
    QVERIFY(!buffer.isPlaying());
    QCOMPARE(buffer.targetDelayMs(), 20);
    QCOMPARE(buffer.statistics().underruns, qint64(0));
}

void TestJitter::cleanNetworkLowDelay()
{
    Simulation sim;
    sim.send(0, 1000, 5000, 500, noJitter, 37);
    sim.run(0, 500 * FrameMs + 200);

    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(500));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        QCOMPARE(frames[i].status, Status::Frame);
        QCOMPARE(frames[i].seq, quint16(1000 + i));
        QCOMPARE(frames[i].payloadSeq, quint16(1000 + i));
        // At most two frames of delay, the whole call.
        QVERIFY2(frames[i].delayMs <= 2 * FrameMs, qPrintable(QString::number(frames[i].delayMs)));
        QVERIFY(frames[i].targetMs <= 2 * FrameMs);
    }
    // Playout is continuous once started: no gaps between frames.
    for (std::size_t i = 1; i < frames.size(); ++i)
        QCOMPARE(frames[i].tickMs, frames[i - 1].tickMs + FrameMs);
    const auto &stats = sim.buffer.statistics();
    QCOMPARE(stats.played, qint64(500));
    QCOMPARE(stats.lost, qint64(0));
    QCOMPARE(stats.late, qint64(0));
    QCOMPARE(stats.duplicates, qint64(0));
    QCOMPARE(stats.discarded, qint64(0));
    QCOMPARE(stats.held, qint64(0));
}

void TestJitter::smallJitterStaysLow()
{
    Simulation sim;
    sim.send(0, 1, 0, 1000, Deviation(3), 30);
    sim.run(0, 1000 * FrameMs + 200);
    const auto frames = sim.framesAndLosses(2000);
    for (const Played &p : frames) {
        QCOMPARE(p.status, Status::Frame);
        QVERIFY2(p.delayMs <= 2 * FrameMs, qPrintable(QString::number(p.delayMs)));
    }
    QCOMPARE(sim.buffer.statistics().lost, qint64(0));
    QCOMPARE(sim.buffer.statistics().late, qint64(0));
    QVERIFY(sim.buffer.targetDelayMs() <= 2 * FrameMs);
}

void TestJitter::reorderingWithinWindow()
{
    Simulation sim;
    // Pairs swapped: 11 before 10, 21 before 20, ...: each late one 12 ms behind.
    sim.send(
            0, 0, 0, 300, [](int i) { return i % 10 == 0 && i > 0 ? 25 : 0; }, 10);
    sim.run(0, 300 * FrameMs + 400);
    // The swap is real: 10 arrives after 11.
    const auto at = [&](quint16 seq) {
        return std::find_if(sim.arrivals.begin(), sim.arrivals.end(),
                            [seq](const Arrival &a) { return a.seq == seq; })
                - sim.arrivals.begin();
    };
    QVERIFY(at(10) > at(11));

    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(300));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        QCOMPARE(frames[i].status, Status::Frame);
        QCOMPARE(frames[i].payloadSeq, quint16(i));
    }
    QCOMPARE(sim.buffer.statistics().lost, qint64(0));
    QCOMPARE(sim.buffer.statistics().late, qint64(0));
}

void TestJitter::latePacketDroppedAndCounted()
{
    Simulation sim;
    // Packet 50 is held up for 300 ms, far beyond the delay of a clean network.
    sim.send(0, 0, 0, 200, [](int i) { return i == 50 ? 300 : 0; });
    sim.run(0, 200 * FrameMs + 400);

    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(200));
    QCOMPARE(frames[50].status, Status::Lost);
    QCOMPARE(frames[50].seq, quint16(50));
    QVERIFY(frames[50].nextAvailable);
    QCOMPARE(frames[50].payloadSeq, quint16(51)); // FEC source
    QCOMPARE(frames[51].status, Status::Frame);
    QCOMPARE(frames[51].payloadSeq, quint16(51));

    const auto &stats = sim.buffer.statistics();
    QCOMPARE(stats.late, qint64(1));
    QCOMPARE(stats.lost, qint64(1));
    QCOMPARE(stats.played, qint64(199));
    QCOMPARE(std::count(sim.insertResults.begin(), sim.insertResults.end(), InsertResult::Late), 1);
    // One late packet out of 250 does not move the target (95th percentile).
    QVERIFY(sim.buffer.targetDelayMs() <= 2 * FrameMs);
}

void TestJitter::duplicatesDropped()
{
    JitterBuffer buffer;
    const std::array<quint8, 1> payload { 42 };
    QCOMPARE(buffer.insert(100, 0, 0, payload), InsertResult::Inserted);
    QCOMPARE(buffer.insert(100, 0, 1, payload), InsertResult::Duplicate); // while buffered
    QCOMPARE(buffer.insert(101, FrameTicks, 20, payload), InsertResult::Inserted);
    QCOMPARE(buffer.pop(20).status, Status::Frame);
    QCOMPARE(buffer.insert(100, 0, 25, payload), InsertResult::Duplicate); // after playout
    QCOMPARE(buffer.statistics().duplicates, qint64(2));
    QCOMPARE(buffer.statistics().late, qint64(0));
    const auto out = buffer.pop(40);
    QCOMPARE(out.status, Status::Frame);
    QCOMPARE(out.sequenceNumber, quint16(101));
}

void TestJitter::lossReportedWithNextForFec()
{
    Simulation sim;
    sim.send(0, 0, 0, 100, noJitter);
    sim.arrivals.erase(std::remove_if(sim.arrivals.begin(), sim.arrivals.end(),
                                      [](const Arrival &a) { return a.seq == 30; }),
                       sim.arrivals.end());
    sim.run(0, LastTick(100) + 1);

    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(100));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        QCOMPARE(frames[i].seq, quint16(i));
        QCOMPARE(frames[i].status, i == 30 ? Status::Lost : Status::Frame);
    }
    // 31 is already here when 30 is due: its payload comes along for Opus FEC.
    QVERIFY(frames[30].nextAvailable);
    QCOMPARE(frames[30].payloadSeq, quint16(31));
    QCOMPARE(frames[31].payloadSeq, quint16(31));
    // No stall: the loss takes exactly one tick.
    QCOMPARE(frames[31].tickMs, frames[29].tickMs + 2 * FrameMs);
    const auto &stats = sim.buffer.statistics();
    QCOMPARE(stats.lost, qint64(1));
    QCOMPARE(stats.played, qint64(99));
    QCOMPARE(stats.underruns, qint64(0));
}

void TestJitter::consecutiveLossesWithFecForTheLast()
{
    // With three frames of delay, 62 is here when 60 and 61 (both lost) come due.
    JitterBuffer::Config config;
    config.minDelayMs = 3 * FrameMs;
    Simulation sim(config);
    sim.send(0, 0, 0, 100, noJitter);
    sim.arrivals.erase(std::remove_if(sim.arrivals.begin(), sim.arrivals.end(),
                                      [](const Arrival &a) { return a.seq == 60 || a.seq == 61; }),
                       sim.arrivals.end());
    sim.run(0, 100 * FrameMs + 200);

    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(100));
    QCOMPARE(frames[60].status, Status::Lost);
    QVERIFY(!frames[60].nextAvailable); // 61 is lost too: plain concealment
    QCOMPARE(frames[61].status, Status::Lost);
    QVERIFY(frames[61].nextAvailable); // 62 is here: FEC for 61
    QCOMPARE(frames[61].payloadSeq, quint16(62));
    QCOMPARE(frames[62].status, Status::Frame);
    QCOMPARE(sim.buffer.statistics().lost, qint64(2));
    QCOMPARE(sim.buffer.statistics().played, qint64(98));
}

void TestJitter::lossDuringUnderrun()
{
    // With the minimum delay, nothing is buffered when 60 comes due (61 lost as well, 62
    // not here yet): pop() waits ("empty", an underrun) instead of guessing. When 62 arrives,
    // 60 is skipped as overdue (the empty tick concealed it) and 61 is reported lost with
    // 62 for FEC, so the delay does not grow.
    Simulation sim;
    sim.send(0, 0, 0, 100, noJitter);
    sim.arrivals.erase(std::remove_if(sim.arrivals.begin(), sim.arrivals.end(),
                                      [](const Arrival &a) { return a.seq == 60 || a.seq == 61; }),
                       sim.arrivals.end());
    sim.run(0, LastTick(100) + 1);

    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(99));
    QCOMPARE(frames[59].seq, quint16(59));
    QCOMPARE(frames[60].seq, quint16(61));
    QCOMPARE(frames[60].status, Status::Lost);
    QVERIFY(frames[60].nextAvailable);
    QCOMPARE(frames[60].payloadSeq, quint16(62));
    QCOMPARE(frames[61].seq, quint16(62));
    QCOMPARE(frames[61].status, Status::Frame);
    QCOMPARE(frames[60].tickMs, frames[59].tickMs + 2 * FrameMs); // one empty tick between
    QCOMPARE(frames[61].delayMs, frames[58].delayMs);
    const auto &stats = sim.buffer.statistics();
    QCOMPARE(stats.lost, qint64(2));
    QCOMPARE(stats.underruns, qint64(1));
    QCOMPARE(stats.played, qint64(98));
}

void TestJitter::longGapSkipsToLastLost()
{
    // A 400 ms outage (20 packets never arrive) while playing: pop() reports underruns,
    // then skips the overdue frames and reports the last one lost (FEC from the first
    // packet after the gap). The delay is back to normal right away.
    Simulation sim;
    sim.send(0, 0, 0, 200, noJitter);
    sim.arrivals.erase(std::remove_if(sim.arrivals.begin(), sim.arrivals.end(),
                                      [](const Arrival &a) { return a.seq >= 80 && a.seq < 100; }),
                       sim.arrivals.end());
    sim.run(0, LastTick(200) + 1);
    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(181));
    for (std::size_t i = 0; i < 80; ++i) {
        QCOMPARE(frames[i].seq, quint16(i));
        QCOMPARE(frames[i].status, Status::Frame);
    }
    QCOMPARE(frames[80].seq, quint16(99));
    QCOMPARE(frames[80].status, Status::Lost);
    QVERIFY(frames[80].nextAvailable);
    QCOMPARE(frames[80].payloadSeq, quint16(100));
    QCOMPARE(frames[80].tickMs, frames[79].tickMs + 20 * FrameMs); // no extra delay
    for (std::size_t i = 81; i < frames.size(); ++i) {
        QCOMPARE(frames[i].seq, quint16(i + 19));
        QCOMPARE(frames[i].status, Status::Frame);
    }
    const auto &stats = sim.buffer.statistics();
    QCOMPARE(stats.lost, qint64(20));
    QCOMPARE(stats.underruns, qint64(19));
    QCOMPARE(frames.back().delayMs, frames[79].delayMs);
}

void TestJitter::sequenceAndTimestampWrap()
{
    Simulation sim;
    // Sequence numbers wrap after 36 packets, timestamps after ~4.
    sim.send(0, 65500, 0xFFFFF000u, 300, Deviation(5, 7), 20);
    sim.run(0, 300 * FrameMs + 300);
    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(300));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        QCOMPARE(frames[i].status, Status::Frame);
        QCOMPARE(frames[i].seq, quint16(65500 + i));
        QCOMPARE(frames[i].payloadSeq, quint16(65500 + i));
    }
    const auto &stats = sim.buffer.statistics();
    QCOMPARE(stats.resyncs, qint64(0));
    QCOMPARE(stats.lost, qint64(0));
    QCOMPARE(stats.late, qint64(0));
    QVERIFY(sim.buffer.targetDelayMs() <= 2 * FrameMs);
}

void TestJitter::cleanStreamWithClockWobbleNeverDropsOrHolds()
{
    // Found by the bad-network interop test: the sender's and our 20 ms clocks are
    // independent, so both arrival and playout times wobble by a millisecond or two; at
    // an edge of the playout window the buffer must not then alternate between holding
    // (a silent frame) and dropping a frame, which sounds like a click every 0.5 s.
    for (int base = 0; base < 2 * FrameMs; ++base) {
        JitterBuffer buffer;
        constexpr int Packets = 1500; // 30 s
        qint64 dropsAfterStart = 0;
        qint64 silentAfterStart = 0;
        int next = 0;
        for (int k = 0; k < Packets; ++k) {
            const qint64 tick = qint64(k) * FrameMs + (k % 2); // playout clock wobble
            while (next < Packets && qint64(next) * FrameMs + base + (next % 3) - 1 <= tick) {
                const std::array<quint8, 2> payload { quint8(next >> 8), quint8(next) };
                buffer.insert(quint16(next), quint32(next) * FrameTicks,
                              qint64(next) * FrameMs + base + (next % 3) - 1, payload);
                ++next;
            }
            const qint64 droppedBefore = buffer.statistics().discarded;
            const JitterBuffer::Output out = buffer.pop(tick);
            if (tick > 1000) {
                dropsAfterStart += buffer.statistics().discarded - droppedBefore;
                silentAfterStart += out.status != Status::Frame;
            }
        }
        QVERIFY2(dropsAfterStart == 0,
                 qPrintable(QStringLiteral("base %1 ms: %2 frames dropped").arg(base).arg(dropsAfterStart)));
        QVERIFY2(silentAfterStart == 0,
                 qPrintable(QStringLiteral("base %1 ms: %2 silent ticks").arg(base).arg(silentAfterStart)));
    }
}

void TestJitter::jitterBurstGrowsThenShrinks()
{
    Simulation sim;
    constexpr int CalmPackets = 500; // 10 s
    constexpr int BurstPackets = 500; // 10 s of +-60 ms
    constexpr int AfterPackets = 1000; // 20 s calm again
    const qint64 burstStart = qint64(CalmPackets) * FrameMs;
    const qint64 afterStart = burstStart + qint64(BurstPackets) * FrameMs;
    const qint64 end = afterStart + qint64(AfterPackets) * FrameMs;

    sim.send(0, 0, 0, CalmPackets, noJitter, 40);
    // The burst: each packet 60 ms +- 60 ms later than the calm base delay.
    sim.send(
            burstStart, quint16(CalmPackets), quint32(CalmPackets) * FrameTicks, BurstPackets,
            [dev = Deviation(60)](int i) mutable { return 60 + dev(i); }, 40);
    sim.send(afterStart, quint16(CalmPackets + BurstPackets),
             quint32(CalmPackets + BurstPackets) * FrameTicks, AfterPackets, noJitter, 40);

    sim.run(0, burstStart);
    QVERIFY(sim.buffer.targetDelayMs() <= 2 * FrameMs);
    QVERIFY(sim.buffer.currentDelayMs() <= 2 * FrameMs);
    const qint64 lostBeforeBurst = sim.buffer.statistics().lost;
    QCOMPARE(lostBeforeBurst, qint64(0));

    sim.run(burstStart, afterStart);
    const int burstTarget = sim.buffer.targetDelayMs();
    qDebug() << "after the burst: target" << burstTarget << "ms, delay"
             << sim.buffer.currentDelayMs() << "ms, lost" << sim.buffer.statistics().lost << "late"
             << sim.buffer.statistics().late << "held" << sim.buffer.statistics().held;
    // The 95th percentile of a uniform 0..120 ms lateness is about 114 ms.
    QVERIFY2(burstTarget >= 100 && burstTarget <= 130, qPrintable(QString::number(burstTarget)));
    QVERIFY(sim.buffer.currentDelayMs() >= burstTarget);
    // With the grown delay, few burst packets miss their playout (the first ones do,
    // before the estimate has grown).
    const auto &stats = sim.buffer.statistics();
    QVERIFY2(stats.lost < BurstPackets / 10, qPrintable(QString::number(stats.lost)));
    QVERIFY(stats.held + stats.underruns > 0); // the delay was built up by waiting

    // Calm again: the target stays up while the burst is in the 5 s window, then falls.
    sim.run(afterStart, afterStart + 2000);
    QVERIFY2(sim.buffer.targetDelayMs() >= 80,
             qPrintable(QString::number(sim.buffer.targetDelayMs())));
    sim.run(afterStart + 2000, end);
    QVERIFY2(sim.buffer.targetDelayMs() <= 2 * FrameMs,
             qPrintable(QString::number(sim.buffer.targetDelayMs())));
    QVERIFY2(sim.buffer.currentDelayMs() <= 3 * FrameMs,
             qPrintable(QString::number(sim.buffer.currentDelayMs())));
    QVERIFY(sim.buffer.statistics().discarded > 0); // shrunk by dropping frames, slowly

    // The shrink is gradual: at most one frame discarded per 500 ms.
    qint64 lastDelayDrop = -1;
    int previousDelay = -1;
    for (const Played &p : sim.played) {
        if (p.tickMs < afterStart || p.status == Status::Empty)
            continue;
        if (previousDelay >= 0 && p.delayMs < previousDelay - FrameMs / 2) {
            QVERIFY2(previousDelay - p.delayMs <= FrameMs + 1, "shrinks one frame at a time");
            if (lastDelayDrop >= 0)
                QVERIFY(p.tickMs - lastDelayDrop >= 500);
            lastDelayDrop = p.tickMs;
        }
        previousDelay = p.delayMs;
    }
    // Every frame of the calm tail after recovery is played.
    const auto tail = sim.framesAndLosses(end - 5000);
    for (const Played &p : tail)
        QCOMPARE(p.status, Status::Frame);
}

void TestJitter::underrunThenResume()
{
    Simulation sim;
    sim.send(0, 0, 0, 50, noJitter);
    // The sender pauses 1 s (no packets, e.g. muted without DTX), then continues.
    sim.send(2000, 50, 50 * FrameTicks + 48000, 50, noJitter);
    sim.run(0, 4000);
    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(100));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        QCOMPARE(frames[i].status, Status::Frame);
        QCOMPARE(frames[i].seq, quint16(i));
    }
    QVERIFY(sim.buffer.statistics().underruns > 0);
    QCOMPARE(sim.buffer.statistics().lost, qint64(0));
    QVERIFY(sim.buffer.currentDelayMs() <= 2 * FrameMs);
}

void TestJitter::sequenceJumpResynchronizes()
{
    Simulation sim;
    sim.send(0, 100, 0, 50, noJitter);
    // The sender restarts (after its last packet was played: a resync flushes the buffer).
    sim.send(1200, 30000, 123456, 50, noJitter);
    sim.run(0, 2700);
    QCOMPARE(sim.buffer.statistics().resyncs, qint64(1));
    QCOMPARE(std::count(sim.insertResults.begin(), sim.insertResults.end(),
                        InsertResult::Resynchronized),
             1);
    const auto frames = sim.framesAndLosses();
    QCOMPARE(frames.size(), std::size_t(100));
    for (std::size_t i = 0; i < frames.size(); ++i) {
        QCOMPARE(frames[i].status, Status::Frame);
        QCOMPARE(frames[i].seq, quint16(i < 50 ? 100 + i : 30000 + i - 50));
    }

    // A restart to lower numbers (far behind): resynchronized on the second packet.
    JitterBuffer buffer;
    const std::array<quint8, 1> payload { 1 };
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(buffer.insert(quint16(40000 + i), quint32(i) * FrameTicks, i * FrameMs, payload),
                 InsertResult::Inserted);
        buffer.pop(i * FrameMs + 20);
    }
    // 20000 is 20009 behind 40009 (modulo 2^16), far more than any reordering.
    QCOMPARE(buffer.insert(20000, 0, 220, payload), InsertResult::Late);
    QCOMPARE(buffer.insert(20001, FrameTicks, 240, payload), InsertResult::Resynchronized);
    QCOMPARE(buffer.statistics().resyncs, qint64(1));
    // Numbers ahead beyond the buffer resynchronize at once.
    QCOMPARE(buffer.insert(20501, 0, 260, payload), InsertResult::Resynchronized);
    QCOMPARE(buffer.statistics().resyncs, qint64(2));
    QCOMPARE(buffer.statistics().late, qint64(1));
}

void TestJitter::tooLargePayloadRejected()
{
    JitterBuffer::Config config;
    config.maxPayloadSize = 100;
    JitterBuffer buffer(config);
    std::vector<quint8> big(101);
    QCOMPARE(buffer.insert(1, 0, 0, big), InsertResult::TooLarge);
    QCOMPARE(buffer.statistics().tooLarge, qint64(1));
    QCOMPARE(buffer.bufferedFrames(), 0);
    big.resize(100);
    QCOMPARE(buffer.insert(1, 0, 0, big), InsertResult::Inserted);
}

void TestJitter::reorderedBeforePlayoutStarts()
{
    JitterBuffer buffer;
    const std::array<quint8, 1> payload { 0 };
    // 6 arrives before 5; playout has not started yet, so it starts from 5.
    QCOMPARE(buffer.insert(6, FrameTicks, 0, payload), InsertResult::Inserted);
    QCOMPARE(buffer.insert(5, 0, 2, payload), InsertResult::Inserted);
    QCOMPARE(buffer.bufferedFrames(), 2);
    JitterBuffer::Output out;
    qint64 t = 0;
    while ((out = buffer.pop(t)).status == Status::Empty)
        t += FrameMs;
    QCOMPARE(out.status, Status::Frame);
    QCOMPARE(out.sequenceNumber, quint16(5));
    QCOMPARE(buffer.pop(t + FrameMs).sequenceNumber, quint16(6));
}

void TestJitter::resetForgetsEverything()
{
    Simulation sim;
    sim.send(0, 0, 0, 100, Deviation(60), 100);
    sim.run(0, 2000);
    QVERIFY(sim.buffer.targetDelayMs() > 2 * FrameMs);
    sim.buffer.reset();
    QCOMPARE(sim.buffer.bufferedFrames(), 0);
    QVERIFY(!sim.buffer.isPlaying());
    QCOMPARE(sim.buffer.targetDelayMs(), 20);
    QCOMPARE(sim.buffer.pop(5000).status, Status::Empty);
}

QTEST_APPLESS_MAIN(TestJitter)

#include "tst_jitter.moc"
