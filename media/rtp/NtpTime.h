// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>

#include <optional>

namespace Media {

// NTP timestamps as RTCP uses them (RFC 3550 §4): 64-bit, 32.32 fixed point seconds since
// 1900-01-01, and the "compact" middle 32 bits (16.16) of LSR and DLSR (§6.4.1).
class NtpTime
{
public:
    // Seconds between 1900-01-01 (NTP) and 1970-01-01 (Unix).
    static constexpr quint64 UnixEpochOffset = 2208988800ULL;

    static quint64 fromUnixMicroseconds(qint64 microseconds);
    static qint64 toUnixMicroseconds(quint64 ntp);

    // Middle 32 bits: the LSR value for an SR with this NTP timestamp.
    static quint32 compact(quint64 ntp) { return quint32(ntp >> 16); }

    // A duration in units of 1/65536 s (DLSR), rounded to the nearest unit; negative
    // durations give 0, durations beyond the 32-bit range saturate.
    static quint32 compactFromMicroseconds(qint64 microseconds);
    static qint64 compactToMicroseconds(quint32 compact);

    // Round-trip time per RFC 3550 §6.4.1: A - LSR - DLSR, where A is the arrival time of
    // the report block (compact NTP, our clock), LSR the echo of our SR's timestamp and DLSR
    // the receiver's delay. Empty if LSR is 0 (the peer has not received an SR yet) or the
    // values are inconsistent (DLSR longer than the time since our SR).
    static std::optional<qint64> roundTripTimeMicroseconds(quint32 arrival,
                                                           quint32 lastSenderReport,
                                                           quint32 delaySinceLastSenderReport);
};

} // namespace Media
