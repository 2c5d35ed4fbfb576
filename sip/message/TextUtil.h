// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CharClass.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Sip::TextUtil {

inline bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (CharClass::toLower(a[i]) != CharClass::toLower(b[i]))
            return false;
    }
    return true;
}

inline std::string_view trim(std::string_view s)
{
    while (!s.empty() && CharClass::is(s.front(), CharClass::Space))
        s.remove_prefix(1);
    while (!s.empty() && CharClass::is(s.back(), CharClass::Space))
        s.remove_suffix(1);
    return s;
}

// Parses 1*DIGIT with an upper bound; leading zeros are allowed (RFC 4475 §3.1.1.1).
inline std::optional<uint64_t> parseUnsigned(std::string_view s, uint64_t max)
{
    if (s.empty())
        return std::nullopt;
    uint64_t value = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = static_cast<uint64_t>(c - '0');
        if (value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

// Parses 1*DIGIT, saturating at `max` (delta-seconds: RFC 3261 §20.19 and §20.10).
inline std::optional<uint64_t> parseSaturating(std::string_view s, uint64_t max)
{
    if (s.empty())
        return std::nullopt;
    uint64_t value = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        if (value < max)
            value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    return value < max ? value : max;
}

// Removes the quotes and quoted-pair backslashes of a quoted-string (RFC 3261 §25.1).
// Accepts the inner text or the text with its quotes.
std::string unquote(std::string_view quotedOrInner);

// Quotes a string for use as a quoted-string, escaping '"' and '\'.
std::string quote(std::string_view text);

// Decodes %HH escapes (RFC 3261 §19.1.2); malformed escapes are kept as they are.
std::string unescape(std::string_view escaped);

} // namespace Sip::TextUtil
