// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Sip {

/// "a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]" (RFC 4568 §9.1),
/// SDES keying for SRTP. key-params is kept as text ("inline:<key||salt>[|lifetime]
/// [|MKI:length]", several joined by ';'); inlineKeys() splits it.
struct SdpCrypto
{
    struct InlineKey
    {
        std::string keySalt;  // base64 of master key || master salt (§6.1)
        std::string lifetime; // "2^31", "1048576" or empty
        std::string mki;      // "1:4" (value:length) or empty

        friend bool operator==(const InlineKey &, const InlineKey &) = default;
    };

    int tag = 1; // 1*9DIGIT
    std::string suite; // AES_CM_128_HMAC_SHA1_80, ...
    std::string keyParams;
    std::vector<std::string> sessionParams;

    // The "inline:" key-params in order; an empty list if any is malformed.
    std::vector<InlineKey> inlineKeys() const;
    // The master key || salt of the first inline key, decoded; nullopt if it is not
    // valid base64.
    std::optional<std::string> firstKeySalt() const;

    static std::string inlineKeyParams(std::string_view keySaltBase64)
    {
        return "inline:" + std::string(keySaltBase64);
    }

    static std::optional<SdpCrypto> parse(std::string_view value, std::string *error);
    std::string toString() const;

    friend bool operator==(const SdpCrypto &, const SdpCrypto &) = default;
};

} // namespace Sip
