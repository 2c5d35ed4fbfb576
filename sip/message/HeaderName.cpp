// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeaderName.h"

#include "TextUtil.h"

#include <array>
#include <vector>

namespace Sip::HeaderName {

namespace {

struct Entry
{
    std::string_view name;
    HeaderId id;
};

constexpr Entry entries[] = {
    { "Via", HeaderId::Via },
    { "v", HeaderId::Via },
    { "From", HeaderId::From },
    { "f", HeaderId::From },
    { "To", HeaderId::To },
    { "t", HeaderId::To },
    { "Call-ID", HeaderId::CallId },
    { "i", HeaderId::CallId },
    { "CSeq", HeaderId::CSeq },
    { "Max-Forwards", HeaderId::MaxForwards },
    { "Contact", HeaderId::Contact },
    { "m", HeaderId::Contact },
    { "Route", HeaderId::Route },
    { "Record-Route", HeaderId::RecordRoute },
    { "Content-Type", HeaderId::ContentType },
    { "c", HeaderId::ContentType },
    { "Content-Length", HeaderId::ContentLength },
    { "l", HeaderId::ContentLength },
    { "Content-Encoding", HeaderId::ContentEncoding },
    { "e", HeaderId::ContentEncoding },
    { "Expires", HeaderId::Expires },
    { "Min-Expires", HeaderId::MinExpires },
    { "WWW-Authenticate", HeaderId::WwwAuthenticate },
    { "Proxy-Authenticate", HeaderId::ProxyAuthenticate },
    { "Authorization", HeaderId::Authorization },
    { "Proxy-Authorization", HeaderId::ProxyAuthorization },
    { "Event", HeaderId::Event },
    { "o", HeaderId::Event },
    { "Allow-Events", HeaderId::AllowEvents },
    { "u", HeaderId::AllowEvents },
    { "Subscription-State", HeaderId::SubscriptionState },
    { "Allow", HeaderId::Allow },
    { "Supported", HeaderId::Supported },
    { "k", HeaderId::Supported },
    { "Require", HeaderId::Require },
    { "Proxy-Require", HeaderId::ProxyRequire },
    { "Unsupported", HeaderId::Unsupported },
    { "Accept", HeaderId::Accept },
    { "SIP-ETag", HeaderId::SipETag },
    { "SIP-If-Match", HeaderId::SipIfMatch },
    { "Refer-To", HeaderId::ReferTo },
    { "r", HeaderId::ReferTo },
    { "Referred-By", HeaderId::ReferredBy },
    { "b", HeaderId::ReferredBy },
    { "Replaces", HeaderId::Replaces },
    { "Date", HeaderId::Date },
    { "Subject", HeaderId::Subject },
    { "s", HeaderId::Subject },
    { "Session-Expires", HeaderId::SessionExpires },
    { "x", HeaderId::SessionExpires },
    { "Identity", HeaderId::Identity },
    { "y", HeaderId::Identity },
};

constexpr size_t entryCount = sizeof(entries) / sizeof(entries[0]);

// Buckets by (length, lower-cased first letter): the parser looks up every header
// name, so a lookup is one bucket with one or two candidates, not a scan of the table.
struct Index
{
    static constexpr size_t maxLength = 24;
    std::array<std::array<uint8_t, 4>, maxLength * 32> buckets {};

    Index()
    {
        for (auto &b : buckets)
            b.fill(0xFF);
        for (size_t i = 0; i < entryCount; ++i) {
            auto &bucket = buckets[key(entries[i].name)];
            for (auto &slot : bucket) {
                if (slot == 0xFF) {
                    slot = static_cast<uint8_t>(i);
                    break;
                }
            }
        }
    }
    static size_t key(std::string_view name)
    {
        return name.size() * 32 + (static_cast<unsigned char>(CharClass::toLower(name[0])) & 31);
    }
};

const Index &index()
{
    static const Index instance;
    return instance;
}

} // namespace

HeaderId lookup(std::string_view name)
{
    if (name.empty() || name.size() >= Index::maxLength)
        return HeaderId::Unknown;
    for (uint8_t slot : index().buckets[Index::key(name)]) {
        if (slot == 0xFF)
            break;
        if (TextUtil::equalsIgnoreCase(entries[slot].name, name))
            return entries[slot].id;
    }
    return HeaderId::Unknown;
}

std::string_view canonical(HeaderId id)
{
    for (const auto &e : entries) {
        if (e.id == id)
            return e.name;
    }
    return {};
}

} // namespace Sip::HeaderName
