// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/NtpTime.h"

namespace Media {

namespace {

constexpr qint64 MicrosecondsPerSecond = 1000000;

} // namespace

quint64 NtpTime::fromUnixMicroseconds(qint64 microseconds)
{
    qint64 seconds = microseconds / MicrosecondsPerSecond;
    qint64 fraction = microseconds % MicrosecondsPerSecond;
    if (fraction < 0) {
        fraction += MicrosecondsPerSecond;
        --seconds;
    }
    // Fraction in units of 2^-32 s (truncated).
    const quint64 ntpFraction = (quint64(fraction) << 32) / MicrosecondsPerSecond;
    return (quint64(seconds + qint64(UnixEpochOffset)) << 32) | ntpFraction;
}

qint64 NtpTime::toUnixMicroseconds(quint64 ntp)
{
    const qint64 seconds = qint64(ntp >> 32) - qint64(UnixEpochOffset);
    const quint64 fraction = ntp & 0xFFFFFFFFu;
    // Round to the nearest microsecond.
    const qint64 micro = qint64((fraction * MicrosecondsPerSecond + (1ULL << 31)) >> 32);
    return seconds * MicrosecondsPerSecond + micro;
}

quint32 NtpTime::compactFromMicroseconds(qint64 microseconds)
{
    if (microseconds <= 0)
        return 0;
    const quint64 units
            = (quint64(microseconds) * 65536 + MicrosecondsPerSecond / 2) / MicrosecondsPerSecond;
    return units > 0xFFFFFFFFu ? 0xFFFFFFFFu : quint32(units);
}

qint64 NtpTime::compactToMicroseconds(quint32 compact)
{
    return qint64((quint64(compact) * MicrosecondsPerSecond + 32768) / 65536);
}

std::optional<qint64> NtpTime::roundTripTimeMicroseconds(quint32 arrival, quint32 lastSenderReport,
                                                         quint32 delaySinceLastSenderReport)
{
    if (lastSenderReport == 0)
        return std::nullopt;
    // Modulo 2^32: the compact clock wraps every 18.2 hours.
    const quint32 sinceReport = arrival - lastSenderReport;
    if (sinceReport >= 0x80000000u || delaySinceLastSenderReport > sinceReport)
        return std::nullopt;
    return compactToMicroseconds(sinceReport - delaySinceLastSenderReport);
}

} // namespace Media
