// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace Sip {

class SipMessage;
class Subscription;

/// The UA's subscriptions by Call-ID, so that a request inside a subscription dialog (a
/// NOTIFY) finds its subscription with one hash lookup instead of asking each of them
/// (with 10,000 watched contacts, two scans of all subscriptions per NOTIFY were most of
/// the engine's work).
///
/// A subscription gets a new Call-ID with every new subscription it starts (a retry, a
/// resubscribe after a network change): call update() when it does
/// (Subscription::callIdChanged). find() still asks the subscription it found
/// (ownsRequest: Call-ID and To tag), so the index only narrows the search.
class SubscriptionIndex
{
public:
    // Indexes (or re-indexes) the subscription under its current Call-ID; one with no
    // Call-ID yet is forgotten until the next update().
    void update(Subscription *subscription);
    void remove(const Subscription *subscription);
    // The subscription whose dialog `request` belongs to (ownsRequest), or null.
    Subscription *find(const SipMessage &request) const;
    std::size_t size() const { return m_keys.size(); }

private:
    std::unordered_map<std::string, Subscription *> m_byCallId;
    std::unordered_map<const Subscription *, std::string> m_keys;
};

} // namespace Sip
