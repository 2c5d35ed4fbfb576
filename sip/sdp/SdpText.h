// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message/TextUtil.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Small text helpers shared by the SDP parser and the typed attribute parsers.
namespace Sip::SdpText {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

inline std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

// Splits on runs of SP/HTAB (RFC 8866 §9 asks for single spaces; real phones vary).
inline std::vector<std::string_view> splitWords(std::string_view s, size_t maxWords = 4096)
{
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < s.size() && words.size() < maxWords) {
        while (i < s.size() && isSpace(s[i]))
            ++i;
        if (i >= s.size())
            break;
        const size_t start = i;
        while (i < s.size() && !isSpace(s[i]))
            ++i;
        words.push_back(s.substr(start, i - start));
    }
    return words;
}

// Splits off the first word: "96 opus/48000/2" -> "96", "opus/48000/2".
inline std::pair<std::string_view, std::string_view> splitFirstWord(std::string_view s)
{
    s = trim(s);
    size_t i = 0;
    while (i < s.size() && !isSpace(s[i]))
        ++i;
    return {s.substr(0, i), trim(s.substr(i))};
}

inline std::optional<uint64_t> toUnsigned(std::string_view s, uint64_t max)
{
    return TextUtil::parseUnsigned(s, max);
}

inline std::optional<int> toInt(std::string_view s, int max)
{
    const auto v = TextUtil::parseUnsigned(s, static_cast<uint64_t>(max));
    if (!v)
        return std::nullopt;
    return static_cast<int>(*v);
}

inline bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return TextUtil::equalsIgnoreCase(a, b);
}

inline std::string toLower(std::string_view s)
{
    std::string out(s);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// token-char of RFC 8866 §9 (attribute names, bwtype, media, proto pieces).
inline bool isTokenChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f)
        return false;
    switch (c) {
    case '"': case '(': case ')': case ',': case '/': case ':': case ';': case '<':
    case '=': case '>': case '?': case '@': case '[': case '\\': case ']': case '{':
    case '}':
        return false;
    default:
        return true;
    }
}

inline bool isToken(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

inline std::string quoteForError(std::string_view s, size_t max = 40)
{
    std::string out = "'";
    for (size_t i = 0; i < s.size() && i < max; ++i) {
        const auto u = static_cast<unsigned char>(s[i]);
        out += (u < 0x20 || u == 0x7f) ? '?' : s[i];
    }
    if (s.size() > max)
        out += "...";
    out += "'";
    return out;
}

} // namespace Sip::SdpText
