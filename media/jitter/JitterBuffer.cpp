// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "jitter/JitterBuffer.h"

#include <algorithm>
#include <cmath>

namespace Media {

namespace {

// Spare slots beyond the maximum delay, for packets arriving early in a burst.
constexpr int SpareSlots = 32;
// A packet further behind the playout point than this many frames (beyond the buffer) is
// not just late: two of them in sequence mean the sender restarted its sequence numbers.
constexpr qint64 FarBehindFrames = 1000;

} // namespace

JitterBuffer::JitterBuffer()
    : JitterBuffer(Config())
{
}

JitterBuffer::JitterBuffer(const Config &config)
    : m_config(config)
{
    m_config.clockRate = std::max(1, m_config.clockRate);
    m_config.frameDurationMs = std::max(1, m_config.frameDurationMs);
    m_config.minDelayMs = std::max(0, m_config.minDelayMs);
    m_config.maxDelayMs = std::max(m_config.minDelayMs, m_config.maxDelayMs);
    m_config.historySize = std::max(1, m_config.historySize);
    if (!(m_config.percentile > 0.0 && m_config.percentile <= 1.0))
        m_config.percentile = 0.95;
    m_config.shrinkIntervalMs = std::max(0, m_config.shrinkIntervalMs);
    m_config.maxPayloadSize = std::max(0, m_config.maxPayloadSize);

    m_frameUs = qint64(m_config.frameDurationMs) * 1000;
    m_samplesPerFrame = qint64(m_config.clockRate) * m_config.frameDurationMs / 1000;
    m_minDelayUs = qint64(m_config.minDelayMs) * 1000;
    m_maxDelayUs = qint64(m_config.maxDelayMs) * 1000;
    m_shrinkIntervalUs = qint64(m_config.shrinkIntervalMs) * 1000;

    const int capacity
            = (m_config.maxDelayMs + m_config.frameDurationMs - 1) / m_config.frameDurationMs
            + SpareSlots;
    m_slots.resize(std::size_t(capacity));
    for (auto &slot : m_slots)
        slot.payload.reserve(std::size_t(m_config.maxPayloadSize));
    m_transits.resize(std::size_t(m_config.historySize));
    m_scratch.reserve(std::size_t(m_config.historySize));
    m_targetUs = m_minDelayUs;
}

JitterBuffer::Slot &JitterBuffer::slotFor(qint64 sequence)
{
    const qint64 size = qint64(m_slots.size());
    return m_slots[std::size_t(((sequence % size) + size) % size)];
}

const JitterBuffer::Slot &JitterBuffer::slotFor(qint64 sequence) const
{
    const qint64 size = qint64(m_slots.size());
    return m_slots[std::size_t(((sequence % size) + size) % size)];
}

qint64 JitterBuffer::timestampToUs(qint64 timestamp) const
{
    return (timestamp - m_firstTimestamp) * 1000000 / m_config.clockRate;
}

qint64 JitterBuffer::cursorDelayUs(qint64 nowUs) const
{
    const Slot &slot = slotFor(m_cursor);
    const qint64 timestamp = slot.state == SlotState::Filled && slot.sequence == m_cursor
            ? slot.timestamp
            : m_cursorTimestamp;
    // The earliest the frame could have arrived is its timestamp plus the minimum transit.
    return nowUs - (timestampToUs(timestamp) + m_minTransitUs);
}

int JitterBuffer::bufferedFrames() const
{
    return m_started ? int(std::max<qint64>(0, m_highest - m_cursor + 1)) : 0;
}

void JitterBuffer::recordTransit(qint64 transitUs)
{
    m_transits[m_transitNext] = transitUs;
    m_transitNext = (m_transitNext + 1) % m_transits.size();
    m_transitCount = std::min(m_transitCount + 1, m_transits.size());
    updateTarget();
}

void JitterBuffer::updateTarget()
{
    if (m_transitCount == 0) {
        m_minTransitUs = 0;
        m_targetUs = m_minDelayUs;
        return;
    }
    // The window's fastest transit is the base delay; the target covers the chosen
    // percentile of the lateness beyond it.
    m_scratch.assign(m_transits.begin(), m_transits.begin() + qsizetype(m_transitCount));
    m_minTransitUs = *std::min_element(m_scratch.begin(), m_scratch.end());
    const auto n = qsizetype(m_scratch.size());
    const qsizetype k = std::clamp<qsizetype>(
            qsizetype(std::ceil(m_config.percentile * double(n))) - 1, 0, n - 1);
    std::nth_element(m_scratch.begin(), m_scratch.begin() + k, m_scratch.end());
    const qint64 lateness = m_scratch[std::size_t(k)] - m_minTransitUs;
    m_targetUs = std::clamp(lateness, m_minDelayUs, m_maxDelayUs);
}

void JitterBuffer::flush()
{
    for (auto &slot : m_slots)
        slot.state = SlotState::Free;
    m_started = false;
    m_playing = false;
    m_buffered = 0;
    m_hasFarCandidate = false;
    // A restarted stream has new timestamps: the old transit times do not compare.
    m_transitNext = 0;
    m_transitCount = 0;
    updateTarget();
}

void JitterBuffer::reset()
{
    flush();
    m_currentDelayUs = 0;
    m_hasShrunk = false;
}

void JitterBuffer::advanceCursor()
{
    ++m_cursor;
    m_cursorTimestamp += m_samplesPerFrame;
}

JitterBuffer::InsertResult JitterBuffer::insert(quint16 sequenceNumber, quint32 timestamp,
                                                qint64 arrivalMs, std::span<const quint8> payload)
{
    if (payload.size() > std::size_t(m_config.maxPayloadSize)) {
        ++m_statistics.tooLarge;
        return InsertResult::TooLarge;
    }

    InsertResult result = InsertResult::Inserted;
    qint64 sequence = 0;
    qint64 extendedTimestamp = 0;
    const auto capacity = qint64(m_slots.size());

    auto restartAt = [&] {
        m_started = true;
        m_cursor = m_highest = sequence = sequenceNumber;
        m_cursorTimestamp = m_lastTimestamp = m_firstTimestamp = extendedTimestamp = timestamp;
    };

    if (!m_started) {
        restartAt();
    } else {
        // Unwrap relative to the newest packet: 16-bit sequence numbers, 32-bit timestamps.
        sequence = m_highest + qint16(quint16(sequenceNumber - quint16(m_highest)));
        extendedTimestamp = m_lastTimestamp + qint32(timestamp - quint32(m_lastTimestamp));

        if (sequence >= m_cursor + capacity) {
            // Beyond the buffer: the sender jumped ahead (or restarted). Start over.
            flush();
            ++m_statistics.resyncs;
            restartAt();
            result = InsertResult::Resynchronized;
        } else if (sequence < m_cursor) {
            if (!m_playing && m_highest - sequence < capacity) {
                // Reordered before playout started: play from this earlier packet.
                m_cursor = sequence;
                m_cursorTimestamp = extendedTimestamp;
            } else {
                const Slot &slot = slotFor(sequence);
                if (slot.state == SlotState::Played && slot.sequence == sequence) {
                    ++m_statistics.duplicates;
                    return InsertResult::Duplicate;
                }
                if (m_cursor - sequence > capacity + FarBehindFrames) {
                    if (m_hasFarCandidate && sequenceNumber == m_farCandidate) {
                        // Two in sequence far behind: the sender restarted.
                        flush();
                        ++m_statistics.resyncs;
                        restartAt();
                        result = InsertResult::Resynchronized;
                    } else {
                        m_hasFarCandidate = true;
                        m_farCandidate = quint16(sequenceNumber + 1);
                        ++m_statistics.late;
                        return InsertResult::Late;
                    }
                } else {
                    // Late: its frame was played or declared lost. Its transit still tells
                    // how late packets come, so it feeds the delay estimate.
                    m_lastTimestamp = extendedTimestamp;
                    recordTransit(arrivalMs * 1000 - timestampToUs(extendedTimestamp));
                    ++m_statistics.late;
                    return InsertResult::Late;
                }
            }
        }
    }

    Slot &slot = slotFor(sequence);
    if (slot.state == SlotState::Filled && slot.sequence == sequence) {
        ++m_statistics.duplicates;
        return InsertResult::Duplicate;
    }
    slot.sequence = sequence;
    slot.timestamp = extendedTimestamp;
    slot.state = SlotState::Filled;
    slot.payload.assign(payload.begin(), payload.end()); // within the reserved capacity
    ++m_buffered;
    m_highest = std::max(m_highest, sequence);
    m_lastTimestamp = extendedTimestamp;
    m_hasFarCandidate = false;
    ++m_statistics.inserted;
    recordTransit(arrivalMs * 1000 - timestampToUs(extendedTimestamp));
    return result;
}

JitterBuffer::Output JitterBuffer::pop(qint64 nowMs)
{
    Output out;
    if (!m_started)
        return out;
    const qint64 nowUs = nowMs * 1000;

    auto filled = [this](qint64 sequence) {
        const Slot &slot = slotFor(sequence);
        return slot.state == SlotState::Filled && slot.sequence == sequence;
    };

    if (!m_playing) {
        // Initial buffering: start once the first frame has waited the target delay.
        if (cursorDelayUs(nowUs) < m_targetUs)
            return out;
        m_playing = true;
    }
    if (m_buffered == 0) {
        // Nothing to play: wait (the delay grows by this tick).
        ++m_statistics.underruns;
        return out;
    }

    // Skip runs of missing frames that are overdue anyway; the last one before a present
    // frame is reported so that the decoder can use FEC from that frame.
    while (!filled(m_cursor) && !filled(m_cursor + 1)
           && cursorDelayUs(nowUs) >= m_targetUs + m_frameUs) {
        ++m_statistics.lost;
        advanceCursor();
    }

    // Half a frame of hysteresis on both edges: the sender's and our 20 ms clocks are
    // independent, so the delay wanders by a millisecond or two around any edge; without
    // a margin it alternates between holding (a silent frame) and dropping a frame,
    // an audible click every shrink interval on a perfect network.
    const qint64 margin = m_frameUs / 2;
    qint64 delay = cursorDelayUs(nowUs);
    if (delay + margin < m_targetUs) {
        // Well below target: wait a tick to build up delay.
        ++m_statistics.held;
        return out;
    }
    if (delay >= m_targetUs + m_frameUs + margin && filled(m_cursor) && filled(m_cursor + 1)
        && (!m_hasShrunk || nowUs - m_lastShrinkUs >= m_shrinkIntervalUs)) {
        // A frame above target: drop one, slowly, to bring the delay down.
        Slot &slot = slotFor(m_cursor);
        slot.state = SlotState::Played;
        --m_buffered;
        ++m_statistics.discarded;
        advanceCursor();
        m_lastShrinkUs = nowUs;
        m_hasShrunk = true;
        delay = cursorDelayUs(nowUs);
    }

    out.sequenceNumber = quint16(m_cursor);
    m_currentDelayUs = delay;
    if (filled(m_cursor)) {
        Slot &slot = slotFor(m_cursor);
        out.status = Status::Frame;
        out.timestamp = quint32(slot.timestamp);
        out.payload = slot.payload;
        slot.state = SlotState::Played;
        --m_buffered;
        ++m_statistics.played;
        m_cursorTimestamp = slot.timestamp;
    } else {
        out.status = Status::Lost;
        out.timestamp = quint32(m_cursorTimestamp);
        if (filled(m_cursor + 1)) {
            out.nextAvailable = true;
            out.nextPayload = slotFor(m_cursor + 1).payload;
        }
        ++m_statistics.lost;
    }
    advanceCursor();
    return out;
}

} // namespace Media
