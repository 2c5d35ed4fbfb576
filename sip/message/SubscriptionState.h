// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ParamList.h"

#include <cstdint>

namespace Sip {

/// Subscription-State (RFC 6665 §8.2.3): active / pending / terminated with
/// expires, reason and retry-after.
class SubscriptionState
{
public:
    static bool parse(Scanner &s, SubscriptionState &out);

    std::string_view state() const { return m_state; }
    int64_t expires() const { return m_expires; } // -1 when absent
    int64_t retryAfter() const { return m_retryAfter; } // -1 when absent
    std::string_view reason() const { return m_reason; }
    const ParamList &params() const { return m_params; }

private:
    std::string_view m_state;
    std::string_view m_reason;
    ParamList m_params;
    int64_t m_expires = -1;
    int64_t m_retryAfter = -1;
};

} // namespace Sip
