// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtpReceiveStatistics.h"

#include "rtp/NtpTime.h"

#include <cstdlib>

namespace Media {

namespace {

constexpr quint32 SeqMod = 1u << 16; // RTP_SEQ_MOD

} // namespace

void RtpReceiveStatistics::startSource(Source &source, quint32 ssrc, quint16 seq)
{
    // A.1: a new source starts in probation, with max_seq just below the first packet.
    source = Source();
    source.ssrc = ssrc;
    initSequence(source, seq);
    source.maxSeq = quint16(seq - 1);
    source.probation = MinSequential;
}

void RtpReceiveStatistics::initSequence(Source &source, quint16 seq)
{
    // A.1 init_seq().
    source.baseSeq = seq;
    source.maxSeq = seq;
    source.badSeq = SeqMod + 1; // so seq == bad_seq is false
    source.cycles = 0;
    source.received = 0;
    source.receivedPrior = 0;
    source.expectedPrior = 0;
    source.duplicates = 0;
    source.seen.fill(0);
    // The timestamps may have jumped with the sequence numbers: restart the transit.
    source.hasTransit = false;
}

bool RtpReceiveStatistics::updateSequence(Source &source, quint16 seq)
{
    // A.1 update_seq().
    const quint16 udelta = quint16(seq - source.maxSeq);
    if (source.probation) {
        // The source is valid only after MinSequential packets in sequence.
        if (seq == quint16(source.maxSeq + 1)) {
            source.probation--;
            source.maxSeq = seq;
            if (source.probation == 0) {
                initSequence(source, seq);
                source.received++;
                return true;
            }
        } else {
            source.probation = MinSequential - 1;
            source.maxSeq = seq;
        }
        return false;
    }
    if (udelta < MaxDropout) {
        // In order, with a permissible gap.
        if (seq < source.maxSeq)
            source.cycles += SeqMod; // sequence number wrapped
        source.maxSeq = seq;
    } else if (udelta <= SeqMod - MaxMisorder) {
        // The sequence number made a very large jump.
        if (seq == source.badSeq) {
            // Two sequential packets: assume the other side restarted without telling us,
            // so just re-sync (i.e. pretend this was the first packet).
            initSequence(source, seq);
        } else {
            source.badSeq = (quint32(seq) + 1) & (SeqMod - 1);
            return false;
        }
    } else {
        // Duplicate or reordered packet.
    }
    source.received++;
    return true;
}

bool RtpReceiveStatistics::markSeen(Source &source, quint16 seq, quint64 previousExtendedMax)
{
    const quint64 max = extendedMax(source);
    // Forget the bits of the sequence numbers the window moved past.
    if (max > previousExtendedMax) {
        const quint64 advance = max - previousExtendedMax;
        if (advance >= quint64(DuplicateWindow)) {
            source.seen.fill(0);
        } else {
            for (quint64 e = previousExtendedMax + 1; e <= max; ++e)
                source.seen[(e % DuplicateWindow) / 64] &= ~(quint64(1) << (e % 64));
        }
    }
    // The extended number of 'seq' relative to the highest one (it is at most MaxMisorder
    // behind when counted as reordered).
    const quint64 behind = quint16(source.maxSeq - seq);
    if (behind >= quint64(DuplicateWindow) || behind > max)
        return false;
    const quint64 e = max - behind;
    quint64 &word = source.seen[(e % DuplicateWindow) / 64];
    const quint64 bit = quint64(1) << (e % 64);
    const bool wasSeen = word & bit;
    word |= bit;
    return wasSeen;
}

void RtpReceiveStatistics::updateJitter(Source &source, quint32 rtpTimestamp, quint32 arrival)
{
    // A.8: transit = arrival - r->ts; d = |transit - s->transit|; jitter += (d - jitter)/16.
    // Modulo 2^32 so that wrapping timestamps and arrival clocks stay correct.
    const qint32 transit = qint32(arrival - rtpTimestamp);
    if (source.hasTransit) {
        const qint32 delta = qint32(quint32(transit) - quint32(source.transit));
        const qint64 d = std::llabs(qint64(delta));
        source.jitter += (1.0 / 16.0) * (double(d) - source.jitter);
    }
    source.transit = transit;
    source.hasTransit = true;
}

RtpReceiveStatistics::Result RtpReceiveStatistics::onPacket(quint32 ssrc, quint16 sequenceNumber,
                                                            quint32 rtpTimestamp, quint32 arrival)
{
    if (!m_hasSource) {
        startSource(m_source, ssrc, sequenceNumber);
        m_hasSource = true;
    } else if (ssrc != m_source.ssrc) {
        // Another SSRC: it replaces the current source once it passes probation.
        if (!m_hasCandidate || m_candidate.ssrc != ssrc) {
            startSource(m_candidate, ssrc, sequenceNumber);
            m_hasCandidate = true;
        }
        if (!updateSequence(m_candidate, sequenceNumber))
            return Result::Probation;
        m_source = m_candidate;
        m_hasCandidate = false;
        ++m_sourceChanges;
        markSeen(m_source, sequenceNumber, extendedMax(m_source));
        updateJitter(m_source, rtpTimestamp, arrival);
        return Result::SourceChanged;
    }

    // A packet of the current source ends any candidate's probation run.
    m_hasCandidate = false;
    const bool inProbation = m_source.probation > 0;
    const quint64 previousMax = extendedMax(m_source);
    if (!updateSequence(m_source, sequenceNumber))
        return inProbation ? Result::Probation : Result::BadSequence;
    // (If init_seq() ran, it cleared the duplicate window.)
    if (markSeen(m_source, sequenceNumber, previousMax)) {
        ++m_source.duplicates;
        return Result::Duplicate;
    }
    updateJitter(m_source, rtpTimestamp, arrival);
    return Result::Accepted;
}

void RtpReceiveStatistics::onSenderReport(quint32 ssrc, quint64 ntpTimestamp,
                                          qint64 arrivalMicroseconds)
{
    if (!m_hasSource || ssrc != m_source.ssrc)
        return;
    m_source.lastSenderReportNtp = ntpTimestamp;
    m_source.lastSenderReportArrival = arrivalMicroseconds;
    m_source.hasSenderReport = true;
}

quint32 RtpReceiveStatistics::extendedHighestSequence() const
{
    return quint32(extendedMax(m_source));
}

qint64 RtpReceiveStatistics::expected() const
{
    if (!m_hasSource || m_source.probation > 0)
        return 0;
    // A.3: expected = extended_max - base_seq + 1.
    return qint64(extendedMax(m_source)) - qint64(m_source.baseSeq) + 1;
}

RtcpReportBlock RtpReceiveStatistics::reportBlock(qint64 nowMicroseconds)
{
    RtcpReportBlock block;
    block.ssrc = m_source.ssrc;
    if (!m_hasSource || m_source.probation > 0)
        return block;

    // A.3: cumulative loss clamped to the 24-bit signed field.
    const qint64 expectedNow = expected();
    const qint64 lost = expectedNow - m_source.received;
    block.cumulativeLost = qint32(qBound(qint64(-0x800000), lost, qint64(0x7FFFFF)));

    // A.3: fraction lost over the interval since the previous report.
    const qint64 expectedInterval = expectedNow - m_source.expectedPrior;
    m_source.expectedPrior = expectedNow;
    const qint64 receivedInterval = m_source.received - m_source.receivedPrior;
    m_source.receivedPrior = m_source.received;
    const qint64 lostInterval = expectedInterval - receivedInterval;
    if (expectedInterval == 0 || lostInterval <= 0)
        block.fractionLost = 0;
    else
        block.fractionLost = quint8(qMin<qint64>((lostInterval << 8) / expectedInterval, 255));

    block.extendedHighestSequence = extendedHighestSequence();
    block.jitter = jitter();

    // §6.4.1: LSR is the middle of the last SR's NTP timestamp, DLSR the time since then.
    if (m_source.hasSenderReport) {
        block.lastSenderReport = NtpTime::compact(m_source.lastSenderReportNtp);
        block.delaySinceLastSenderReport = NtpTime::compactFromMicroseconds(
                nowMicroseconds - m_source.lastSenderReportArrival);
    }
    return block;
}

} // namespace Media
