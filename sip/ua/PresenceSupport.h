// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <chrono>
#include <string>
#include <string_view>

namespace Sip {

class SipMessage;

/// Small helpers shared by the event usages (Subscription, Publication, Notifier):
/// timing of refreshes and retries, and text conversions.
namespace PresenceSupport {

// When to refresh something that expires in `expires` seconds (RFC 6665 §4.1.2.2, RFC
// 3903 §4.1: "before it expires"): a margin of a tenth of the duration, at least 32 s
// (a non-INVITE transaction's 64*T1, so a slow refresh still lands in time) and at most
// half the duration. 3600 -> 3240, 600 -> 540, 120 -> 88, 60 -> 30; never below 1 s.
std::chrono::seconds refreshDelay(int expires);

// Back-off after the `failures`-th failure in a row (0-based): first, 2*first, 4*first,
// ... capped at `cap`.
std::chrono::seconds backoff(int failures, std::chrono::seconds first, std::chrono::seconds cap);

// The delta-seconds of a Retry-After header field (RFC 3261 §20.33), -1 when absent or
// unusable. Comments and parameters are ignored.
int retryAfterSeconds(const SipMessage &response);

// "<code> <reason phrase>" of a response, e.g. "481 Call/Transaction Does Not Exist".
QString statusText(const SipMessage &response);

inline QString qs(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

inline std::string utf8(const QString &s)
{
    return s.toStdString();
}

} // namespace PresenceSupport

} // namespace Sip
