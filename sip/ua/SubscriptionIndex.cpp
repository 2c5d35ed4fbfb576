// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ua/SubscriptionIndex.h"

#include "message/SipMessage.h"
#include "ua/Subscription.h"

namespace Sip {

void SubscriptionIndex::update(Subscription *subscription)
{
    remove(subscription);
    const std::string &callId = subscription->callId();
    if (callId.empty())
        return;
    // Call-IDs are random (two 64-bit tags): a collision would only make find() ask the
    // later subscription, which then declines a request that is not its own.
    m_byCallId[callId] = subscription;
    m_keys.emplace(subscription, callId);
}

void SubscriptionIndex::remove(const Subscription *subscription)
{
    const auto key = m_keys.find(subscription);
    if (key == m_keys.end())
        return;
    const auto entry = m_byCallId.find(key->second);
    if (entry != m_byCallId.end() && entry->second == subscription)
        m_byCallId.erase(entry);
    m_keys.erase(key);
}

Subscription *SubscriptionIndex::find(const SipMessage &request) const
{
    if (!request.isRequest())
        return nullptr;
    const auto entry = m_byCallId.find(std::string(request.callId()));
    if (entry == m_byCallId.end() || !entry->second->ownsRequest(request))
        return nullptr;
    return entry->second;
}

} // namespace Sip
