// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace Sip {

/// "a=rtcp:<port> [<nettype> <addrtype> <connection-address>]" (RFC 3605 §2.1): where
/// the peer receives RTCP when it is not on RTP port + 1.
struct SdpRtcp
{
    int port = 0;
    std::string netType;  // empty when the address part is absent
    std::string addrType;
    std::string address;

    bool hasAddress() const { return !address.empty(); }

    static std::optional<SdpRtcp> parse(std::string_view value, std::string *error);
    std::string toString() const;

    friend bool operator==(const SdpRtcp &, const SdpRtcp &) = default;
};

} // namespace Sip
