// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "codec/TelephoneEvent.h"

#include <cstdint>
#include <optional>

namespace Media {

// Turns received RFC 4733 telephone-event packets into one notification per event.
//
// All packets of one event share its RTP timestamp (§2.5.1.1) and the end packet is sent
// several times (§2.5.1.4), so an event is identified by its timestamp: the first packet
// seen with a new, later timestamp reports the event (even if its start packets were lost
// and only an end packet arrived); every other packet of that event, and late packets of
// earlier events, are swallowed. Timestamps are compared in serial number arithmetic
// (RFC 1982) so the 32-bit wrap is harmless. Call reset() when the RTP source changes.
class TelephoneEventReceiver
{
public:
    struct Event
    {
        quint8 event = 0;
        char digit = '\0'; // '\0' if not a DTMF event
        uint32_t timestamp = 0;
        quint8 volume = 0;
    };

    std::optional<Event> process(const uint8_t *payload, int size, uint32_t timestamp);
    void reset();

    // Duration (timestamp units) and end state of the latest event, as last updated.
    int lastDuration() const { return m_lastDuration; }
    bool lastEnded() const { return m_lastEnded; }

private:
    bool m_haveLast = false;
    uint32_t m_lastTimestamp = 0;
    int m_lastDuration = 0;
    bool m_lastEnded = false;
};

} // namespace Media
