// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>

#include <cstddef>
#include <span>
#include <vector>

namespace Media {

// An adaptive jitter buffer for one RTP stream of fixed-duration frames (one frame per
// packet, e.g. 20 ms of Opus or G.711).
//
// Packets go in with insert() as they arrive; the playout side calls pop() once per frame
// tick and gets a frame, "lost" (conceal, or decode Opus in-band FEC from the next packet,
// which is handed out alongside when it is already here), or "empty" (nothing to play yet:
// conceal/insert silence; the buffer is building up delay).
//
// Playout is in sequence number order (RFC 3550 §5.1, with 16-bit wrap-around), so the
// buffer reorders, drops duplicates and drops packets that arrive after their frame was
// played or declared lost ("late").
//
// Delay adaptation. Each packet's transit time is its arrival time minus its RTP timestamp
// (as in RFC 3550 A.8, in microseconds). The fastest transit of the last historySize packets
// is the network's base delay; a packet's lateness is its transit minus that minimum. The
// target delay is the 'percentile' of the lateness over the same window, clamped to
// [minDelayMs, maxDelayMs]: it grows as soon as jittered packets arrive and falls only once
// they have left the window. The current delay is how long after its earliest possible
// arrival (minimum transit) a frame is played. pop() keeps it in [target, target + frame):
// below the target it returns "empty" without advancing (delay grows by a frame per tick);
// above target + one frame it discards one frame, at most once per shrinkIntervalMs, so the
// delay shrinks slowly. Long runs of missing frames that are already overdue are skipped
// (counted as lost), except the last before a present frame, reported "lost" for FEC.
//
// No clocks inside: arrival and playout times are passed in (milliseconds on one monotonic
// clock), which makes it deterministic. Payload storage is preallocated (maxPayloadSize per
// slot), so insert()/pop() do not allocate. Not thread-safe; no QObject.
class JitterBuffer
{
public:
    struct Config
    {
        int clockRate = 48000; // RTP clock rate of the stream
        int frameDurationMs = 20; // duration of one frame/packet
        int minDelayMs = 20; // lower bound of the target delay
        int maxDelayMs = 1000; // upper bound of the target delay
        int historySize = 250; // packets in the jitter window (5 s at 20 ms)
        double percentile = 0.95; // lateness percentile covered by the target delay
        int shrinkIntervalMs = 500; // at most one frame discarded per interval
        int maxPayloadSize = 1500; // larger payloads are rejected
    };

    enum class Status {
        Frame, // payload is the frame to decode
        Lost, // the frame is missing: conceal; nextPayload (if any) carries FEC for it
        Empty, // nothing to play this tick: conceal or play silence
    };

    struct Output
    {
        Status status = Status::Empty;
        quint16 sequenceNumber = 0; // of the frame (Frame, Lost)
        quint32 timestamp = 0; // RTP timestamp of the frame (Frame; estimated for Lost)
        // Views into the buffer, valid until the next insert(), pop() or reset().
        std::span<const quint8> payload; // Frame only
        bool nextAvailable = false; // Lost only: the next packet is already buffered
        std::span<const quint8> nextPayload; // its payload (for Opus FEC), if nextAvailable
    };

    enum class InsertResult {
        Inserted,
        Duplicate, // already buffered or played: dropped
        Late, // its frame was already played or declared lost: dropped
        TooLarge, // payload above maxPayloadSize: dropped
        Resynchronized, // far outside the window (sender restart): buffer flushed, inserted
    };

    struct Statistics
    {
        qint64 inserted = 0; // packets accepted into the buffer
        qint64 played = 0; // frames returned
        qint64 lost = 0; // frames missing at playout (reported or skipped)
        qint64 late = 0; // packets dropped for arriving too late
        qint64 duplicates = 0; // duplicate packets dropped
        qint64 discarded = 0; // frames dropped to reduce the delay
        qint64 held = 0; // "empty" ticks inserted to build up delay
        qint64 underruns = 0; // "empty" ticks with nothing buffered while playing
        qint64 resyncs = 0; // flushes after a sequence number jump
        qint64 tooLarge = 0; // packets dropped for their size
    };

    JitterBuffer();
    explicit JitterBuffer(const Config &config);

    InsertResult insert(quint16 sequenceNumber, quint32 timestamp, qint64 arrivalMs,
                        std::span<const quint8> payload);
    Output pop(qint64 nowMs);

    // Forgets all packets and the jitter history (e.g. on an SSRC change); keeps statistics.
    void reset();

    const Config &config() const { return m_config; }
    int targetDelayMs() const { return int((m_targetUs + 999) / 1000); }
    // The delay of the last frame pop() returned or declared lost (0 before playout).
    int currentDelayMs() const { return int((m_currentDelayUs + 999) / 1000); }
    // Frames from the playout point to the newest packet, holes included.
    int bufferedFrames() const;
    bool isPlaying() const { return m_playing; }
    const Statistics &statistics() const { return m_statistics; }

private:
    enum class SlotState { Free, Filled, Played };

    struct Slot
    {
        qint64 sequence = 0; // extended sequence number
        qint64 timestamp = 0; // extended timestamp
        SlotState state = SlotState::Free;
        std::vector<quint8> payload;
    };

    Slot &slotFor(qint64 sequence);
    const Slot &slotFor(qint64 sequence) const;
    qint64 timestampToUs(qint64 timestamp) const;
    // Delay of the frame at the cursor if played at 'nowUs'.
    qint64 cursorDelayUs(qint64 nowUs) const;
    void recordTransit(qint64 transitUs);
    void updateTarget();
    void flush();
    void advanceCursor();

    Config m_config;
    qint64 m_frameUs = 0;
    qint64 m_samplesPerFrame = 0;
    qint64 m_minDelayUs = 0;
    qint64 m_maxDelayUs = 0;
    qint64 m_shrinkIntervalUs = 0;

    std::vector<Slot> m_slots;
    bool m_started = false; // a packet has been inserted since the last flush
    bool m_playing = false; // playout has started
    qint64 m_cursor = 0; // extended sequence number of the next frame to play
    qint64 m_cursorTimestamp = 0; // its (estimated) extended timestamp
    qint64 m_highest = 0; // highest extended sequence number inserted
    qint64 m_lastTimestamp = 0; // extended timestamp of the last packet inserted
    qint64 m_firstTimestamp = 0; // origin of the extended timestamps
    int m_buffered = 0; // Filled slots
    bool m_hasFarCandidate = false; // a packet far behind, possibly a sender restart
    quint16 m_farCandidate = 0; // the sequence number expected after it

    std::vector<qint64> m_transits; // ring of the last historySize transit times (us)
    std::vector<qint64> m_scratch; // for the percentile
    std::size_t m_transitNext = 0;
    std::size_t m_transitCount = 0;
    qint64 m_minTransitUs = 0;

    qint64 m_targetUs = 0;
    qint64 m_currentDelayUs = 0;
    qint64 m_lastShrinkUs = 0;
    bool m_hasShrunk = false;

    Statistics m_statistics;
};

} // namespace Media
