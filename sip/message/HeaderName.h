// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace Sip {

/// The headers the engine knows by name (typed or with a compact form).
enum class HeaderId : uint8_t {
    Unknown,
    Via,
    From,
    To,
    CallId,
    CSeq,
    MaxForwards,
    Contact,
    Route,
    RecordRoute,
    ContentType,
    ContentLength,
    ContentEncoding,
    Expires,
    MinExpires,
    WwwAuthenticate,
    ProxyAuthenticate,
    Authorization,
    ProxyAuthorization,
    Event,
    AllowEvents,
    SubscriptionState,
    Allow,
    Supported,
    Require,
    ProxyRequire,
    Unsupported,
    Accept,
    SipETag,
    SipIfMatch,
    ReferTo,
    ReferredBy,
    Replaces,
    Date,
    Subject,
    SessionExpires,
    Identity,
    Count
};

namespace HeaderName {

// Full and compact names (RFC 3261 §7.3.3 and later RFCs), case-insensitively.
HeaderId lookup(std::string_view name);
// The canonical full name, e.g. "Call-ID"; empty for Unknown.
std::string_view canonical(HeaderId id);

} // namespace HeaderName
} // namespace Sip
