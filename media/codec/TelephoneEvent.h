// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>

#include <cstdint>
#include <optional>

namespace Media {

// The RFC 4733 §2.3 named telephone event payload ("telephone-event", usually dynamic
// payload type 101 at the RTP clock of the audio codec):
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |     event     |E|R| volume    |          duration             |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//
// volume is the power level in -dBm0 (0..63, §2.5.2.2); duration is in RTP timestamp units
// from the event's timestamp (§2.5.1.1). R is reserved: sent as 0, ignored on receipt.
struct TelephoneEvent
{
    static constexpr int PayloadSize = 4;
    static constexpr quint8 MaxVolume = 63;
    // DTMF events 0..15 (RFC 4733 §3.2): 0-9, *, #, A-D.
    static constexpr quint8 MaxDtmfEvent = 15;

    quint8 event = 0;
    bool end = false;
    quint8 volume = 10;
    quint16 duration = 0;

    // Writes 4 octets. Returns false if capacity < 4 or volume > 63.
    bool write(uint8_t *out, int capacity) const;
    // Parses the first 4 octets; nullopt if shorter. Extra octets (several events in one
    // packet, §2.5.1.5) are ignored by this single-event parser.
    static std::optional<TelephoneEvent> parse(const uint8_t *data, int size);

    // DTMF mapping of RFC 4733 §3.2 table 7; nullopt/'\0' for anything else.
    static std::optional<quint8> eventForDigit(char digit);
    static char digitForEvent(quint8 event);

    friend bool operator==(const TelephoneEvent &, const TelephoneEvent &) = default;
};

} // namespace Media
