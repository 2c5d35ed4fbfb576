// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace Sip {

/// The "o=" line (RFC 8866 §5.2): <username> <sess-id> <sess-version> <nettype>
/// <addrtype> <unicast-address>. The session id is kept as text (it only has to be
/// unique); the version is a number because re-offers increment it (RFC 3264 §8).
struct SdpOrigin
{
    std::string username = "-";
    std::string sessionId = "0";
    uint64_t sessionVersion = 0;
    std::string netType = "IN";
    std::string addrType = "IP4";
    std::string address = "127.0.0.1";

    std::string toString() const
    {
        return username + ' ' + sessionId + ' ' + std::to_string(sessionVersion) + ' ' + netType
            + ' ' + addrType + ' ' + address;
    }

    friend bool operator==(const SdpOrigin &, const SdpOrigin &) = default;
};

} // namespace Sip
