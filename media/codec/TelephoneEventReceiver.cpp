// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/TelephoneEventReceiver.h"

#include <algorithm>

namespace Media {

std::optional<TelephoneEventReceiver::Event>
TelephoneEventReceiver::process(const uint8_t *payload, int size, uint32_t timestamp)
{
    const std::optional<TelephoneEvent> parsed = TelephoneEvent::parse(payload, size);
    if (!parsed)
        return std::nullopt;

    if (m_haveLast) {
        const int32_t delta = int32_t(timestamp - m_lastTimestamp);
        if (delta == 0) {
            // Same event: keep the longest duration seen (packets may be reordered).
            m_lastDuration = std::max<int>(m_lastDuration, parsed->duration);
            m_lastEnded = m_lastEnded || parsed->end;
            return std::nullopt;
        }
        if (delta < 0)
            return std::nullopt; // a late packet of an event already reported
    }

    m_haveLast = true;
    m_lastTimestamp = timestamp;
    m_lastDuration = parsed->duration;
    m_lastEnded = parsed->end;

    Event event;
    event.event = parsed->event;
    event.digit = TelephoneEvent::digitForEvent(parsed->event);
    event.timestamp = timestamp;
    event.volume = parsed->volume;
    return event;
}

void TelephoneEventReceiver::reset()
{
    m_haveLast = false;
    m_lastTimestamp = 0;
    m_lastDuration = 0;
    m_lastEnded = false;
}

} // namespace Media
