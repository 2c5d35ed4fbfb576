// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "codec/TelephoneEvent.h"

#include <cstdint>
#include <optional>

namespace Media {

// Sends one RFC 4733 event (a DTMF digit) as a series of telephone-event packets.
//
// The caller starts an event and then calls next() once immediately and again every
// UpdateIntervalMs, sending each returned packet with the RTP layer's next sequence number:
//  - every packet of the event carries the event's start timestamp (§2.5.1.1);
//  - the first packet has the marker bit (§2.5.1.2);
//  - packet k reports the duration so far, (k + 1) * interval, capped at the total (§2.5.1.2);
//  - the last duration is sent with the E bit three times (§2.5.1.4: the final packet
//    SHOULD be retransmitted, "three times" being the usual choice, so one lost packet does
//    not lose the end).
// stop() ends early (key released): the next packet becomes the first end packet.
//
// The duration field is 16 bits; events longer than 0xFFFF timestamp units would need
// segmenting (§2.5.1.3). A key press is far shorter, so durations are capped instead.
class TelephoneEventSender
{
public:
    static constexpr int UpdateIntervalMs = 50;
    static constexpr int EndPacketCount = 3;

    struct Packet
    {
        TelephoneEvent payload;
        bool marker = false;
        uint32_t timestamp = 0;
    };

    // clockRate: the RTP clock of the negotiated telephone-event format (8000, or 48000
    // alongside Opus).
    explicit TelephoneEventSender(int clockRate = 8000, quint8 volume = 10);

    int clockRate() const { return m_clockRate; }
    bool isActive() const { return m_state != State::Idle; }

    // Starts an event at RTP timestamp `timestamp`. Returns false if one is still active or
    // the arguments are invalid (event > 255 is impossible; durationMs must be > 0).
    bool start(quint8 event, int durationMs, uint32_t timestamp);
    // Ends the current event at the duration the next packet would have reported.
    void stop();
    // The next packet to send, or nullopt when no event is active.
    std::optional<Packet> next();

private:
    enum class State { Idle, Running, Ending };

    int m_clockRate;
    quint8 m_volume;
    State m_state = State::Idle;
    quint8 m_event = 0;
    uint32_t m_timestamp = 0;
    int m_totalDuration = 0; // timestamp units
    int m_interval = 0; // timestamp units per update
    int m_packetsSent = 0;
    int m_endPacketsSent = 0;
};

} // namespace Media
