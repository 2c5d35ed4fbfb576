// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rtp/RtcpPacket.h"

#include <QtGlobal>

#include <array>

namespace Media {

// Reception statistics of one incoming RTP stream, as RFC 3550 Appendix A describes:
// sequence number validation with probation and wrap-around (A.1), expected/lost counts and
// the fraction lost per report interval (A.3), and the interarrival jitter (A.8); plus the
// LSR/DLSR bookkeeping of a report block (§6.4.1).
//
// The stream is identified by its SSRC. Packets of another SSRC start a candidate source in
// probation; once it passes probation (MinSequential packets in sequence) it replaces the
// current source and the statistics restart (SSRC change, e.g. after a transfer).
//
// No clocks inside: arrival times are given by the caller in RTP timestamp units of the
// stream's clock (for jitter) and in microseconds of any monotonic clock (for DLSR).
// Allocation-free, not thread-safe.
class RtpReceiveStatistics
{
public:
    // RFC 3550 A.1 constants.
    static constexpr int MaxDropout = 3000;
    static constexpr int MaxMisorder = 100;
    static constexpr int MinSequential = 2;

    enum class Result {
        Accepted, // counted
        SourceChanged, // counted, and it is the first counted packet of a new SSRC
        Duplicate, // same sequence number as a packet received recently; counted as received
                   // (RFC 3550 §6.4.1: the loss may go negative) but excluded from jitter
        Probation, // the source (or the candidate new source) is not validated yet
        BadSequence, // a jump beyond MaxDropout/MaxMisorder, not counted until confirmed
                     // by the next packet in sequence (A.1)
    };

    RtpReceiveStatistics() = default;

    // 'arrival' is the arrival time in RTP timestamp units (A.8); only differences matter.
    Result onPacket(quint32 ssrc, quint16 sequenceNumber, quint32 rtpTimestamp, quint32 arrival);

    // Records a received SR of the current source for LSR/DLSR (§6.4.1); ignored for other
    // SSRCs. 'arrivalMicroseconds' is on the same clock as reportBlock()'s 'nowMicroseconds'.
    void onSenderReport(quint32 ssrc, quint64 ntpTimestamp, qint64 arrivalMicroseconds);

    // The report block for the current source (A.3). Starts a new report interval: the
    // fraction lost covers the packets since the previous call.
    RtcpReportBlock reportBlock(qint64 nowMicroseconds);

    bool hasSource() const { return m_hasSource; }
    quint32 ssrc() const { return m_source.ssrc; }

    // Extended highest sequence number received: cycles << 16 | max_seq (A.1, A.3).
    quint32 extendedHighestSequence() const;
    // Packets expected since the first valid one (A.3).
    qint64 expected() const;
    // Packets received, including duplicates and late ones (A.3, §6.4.1).
    qint64 received() const { return m_source.received; }
    // expected - received, not yet clamped to 24 bits (reportBlock() clamps).
    qint64 cumulativeLost() const { return expected() - received(); }
    // Interarrival jitter in RTP timestamp units, as reported (A.8).
    quint32 jitter() const { return quint32(m_source.jitter); }
    double jitterExact() const { return m_source.jitter; }
    qint64 duplicates() const { return m_source.duplicates; }
    int sourceChanges() const { return m_sourceChanges; }

private:
    static constexpr int DuplicateWindow = 128; // sequence numbers remembered for duplicates

    struct Source
    {
        quint32 ssrc = 0;
        quint16 maxSeq = 0; // highest sequence number seen
        quint32 cycles = 0; // shifted count of sequence number cycles
        quint32 baseSeq = 0; // base sequence number
        quint32 badSeq = 0; // last 'bad' sequence number + 1
        int probation = 0; // sequential packets till the source is valid
        qint64 received = 0;
        qint64 expectedPrior = 0; // packets expected at the last interval
        qint64 receivedPrior = 0; // packets received at the last interval
        qint64 duplicates = 0;
        qint32 transit = 0; // relative transit time of the previous packet (A.8)
        bool hasTransit = false;
        double jitter = 0; // estimated jitter (A.8)
        std::array<quint64, DuplicateWindow / 64> seen {}; // bit per extended sequence
        quint64 lastSenderReportNtp = 0;
        qint64 lastSenderReportArrival = 0;
        bool hasSenderReport = false;
    };

    static void startSource(Source &source, quint32 ssrc, quint16 seq);
    static void initSequence(Source &source, quint16 seq);
    // A.1 update_seq(): true if the packet is valid and counted.
    static bool updateSequence(Source &source, quint16 seq);
    static quint64 extendedMax(const Source &source)
    {
        return quint64(source.cycles) + source.maxSeq;
    }
    // Marks 'seq' (just counted) as seen; true if it had been seen already.
    static bool markSeen(Source &source, quint16 seq, quint64 previousExtendedMax);
    static void updateJitter(Source &source, quint32 rtpTimestamp, quint32 arrival);

    Source m_source;
    Source m_candidate;
    bool m_hasSource = false;
    bool m_hasCandidate = false;
    int m_sourceChanges = 0;
};

} // namespace Media
