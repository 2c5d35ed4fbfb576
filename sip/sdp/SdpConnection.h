// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace Sip {

/// A "c=" line (RFC 8866 §5.7): <nettype> <addrtype> <connection-address>. An IPv4
/// multicast address carries a TTL and optionally a count ("224.2.1.1/127/3"); an IPv6
/// multicast address only a count ("FF15::101/3"). Unicast addresses carry neither.
struct SdpConnection
{
    std::string netType = "IN";
    std::string addrType = "IP4";
    std::string address;
    std::optional<int> ttl;               // IP4 multicast only, 0..255
    std::optional<int> numberOfAddresses; // multicast only, >= 1

    static SdpConnection ip(std::string address); // IP4 or IP6 from the address text

    bool isIPv4() const { return addrType == "IP4"; }
    bool isIPv6() const { return addrType == "IP6"; }
    bool isMulticast() const;
    // 0.0.0.0 (or "::"): the RFC 2543 way to put a call on hold (RFC 3264 §8.4).
    bool isNullAddress() const;

    // Parses the value after "c="; on failure returns nullopt and sets *error.
    static std::optional<SdpConnection> parse(std::string_view value, std::string *error);
    std::string toString() const;

    friend bool operator==(const SdpConnection &, const SdpConnection &) = default;
};

} // namespace Sip
