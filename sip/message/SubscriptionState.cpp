// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SubscriptionState.h"

#include "TextUtil.h"

namespace Sip {

bool SubscriptionState::parse(Scanner &s, SubscriptionState &out)
{
    out = SubscriptionState();
    s.skipSpace();
    out.m_state = s.token();
    if (out.m_state.empty()) {
        s.fail("Subscription-State: missing state");
        return false;
    }
    out.m_params = ParamList::parseHeaderParams(s, "Subscription-State", [&](const Param &p) {
        const bool isExpires = TextUtil::equalsIgnoreCase(p.name, "expires");
        if (isExpires || TextUtil::equalsIgnoreCase(p.name, "retry-after")) {
            const auto v = p.hasValue ? TextUtil::parseSaturating(p.value, 0xFFFFFFFFu) : std::nullopt;
            if (!v) {
                s.fail("Subscription-State: " + std::string(p.name) + " must be a number of seconds");
                return;
            }
            (isExpires ? out.m_expires : out.m_retryAfter) = static_cast<int64_t>(*v);
        } else if (TextUtil::equalsIgnoreCase(p.name, "reason")) {
            out.m_reason = p.value;
        }
    });
    return !s.failed();
}

} // namespace Sip
