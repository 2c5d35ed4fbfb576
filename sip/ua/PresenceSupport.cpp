// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PresenceSupport.h"

#include "message/SipMessage.h"
#include "message/TextUtil.h"

#include <algorithm>

namespace Sip::PresenceSupport {

std::chrono::seconds refreshDelay(int expires)
{
    if (expires <= 1)
        return std::chrono::seconds(1);
    const int margin = std::min(std::max(expires / 10, 32), expires / 2);
    return std::chrono::seconds(std::max(1, expires - margin));
}

std::chrono::seconds backoff(int failures, std::chrono::seconds first, std::chrono::seconds cap)
{
    const int shift = std::clamp(failures, 0, 20);
    const long long value = static_cast<long long>(first.count()) << shift;
    return std::chrono::seconds(std::min<long long>(value, cap.count()));
}

int retryAfterSeconds(const SipMessage &response)
{
    std::string_view value = TextUtil::trim(response.header("Retry-After"));
    size_t digits = 0;
    while (digits < value.size() && value[digits] >= '0' && value[digits] <= '9')
        ++digits;
    if (digits == 0)
        return -1;
    const auto seconds = TextUtil::parseSaturating(value.substr(0, digits), 86400);
    return seconds ? int(*seconds) : -1;
}

QString statusText(const SipMessage &response)
{
    return QString::number(response.statusCode()) + QLatin1Char(' ') + qs(response.reasonPhrase());
}

} // namespace Sip::PresenceSupport
