// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace Sip {

/// One "a=" line (RFC 8866 §5.13), kept verbatim: a property attribute ("a=rtcp-mux")
/// has no value, a value attribute ("a=ptime:20") has one, possibly empty ("a=foo:").
/// Typed views (SdpRtpMap, SdpFmtp, ...) parse the value on demand, so attributes this
/// code does not know are re-emitted exactly as they came.
struct SdpAttribute
{
    std::string name;
    std::string value;
    bool hasValue = false;

    static SdpAttribute property(std::string name) { return {std::move(name), {}, false}; }
    static SdpAttribute withValue(std::string name, std::string value)
    {
        return {std::move(name), std::move(value), true};
    }

    std::string toString() const { return hasValue ? name + ':' + value : name; }

    friend bool operator==(const SdpAttribute &, const SdpAttribute &) = default;
};

} // namespace Sip
