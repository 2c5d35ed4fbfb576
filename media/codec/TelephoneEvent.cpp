// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/TelephoneEvent.h"

namespace Media {

namespace {

constexpr char DtmfDigits[] = "0123456789*#ABCD";

} // namespace

bool TelephoneEvent::write(uint8_t *out, int capacity) const
{
    if (!out || capacity < PayloadSize || volume > MaxVolume)
        return false;
    out[0] = event;
    out[1] = quint8((end ? 0x80 : 0x00) | (volume & 0x3F)); // R bit left 0
    out[2] = quint8(duration >> 8);
    out[3] = quint8(duration & 0xFF);
    return true;
}

std::optional<TelephoneEvent> TelephoneEvent::parse(const uint8_t *data, int size)
{
    if (!data || size < PayloadSize)
        return std::nullopt;
    TelephoneEvent result;
    result.event = data[0];
    result.end = (data[1] & 0x80) != 0;
    result.volume = data[1] & 0x3F;
    result.duration = quint16((data[2] << 8) | data[3]);
    return result;
}

std::optional<quint8> TelephoneEvent::eventForDigit(char digit)
{
    if (digit >= 'a' && digit <= 'd')
        digit = char(digit - 'a' + 'A');
    for (quint8 event = 0; event <= MaxDtmfEvent; ++event) {
        if (DtmfDigits[event] == digit)
            return event;
    }
    return std::nullopt;
}

char TelephoneEvent::digitForEvent(quint8 event)
{
    return event <= MaxDtmfEvent ? DtmfDigits[event] : '\0';
}

} // namespace Media
