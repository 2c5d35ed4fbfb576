// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>

namespace Sip::CharClass {

// Bit flags per byte, built at compile time from the RFC 3261 §25.1 ABNF, so each
// character test in the parser's hot loops is one table load.
enum : uint16_t {
    Alpha = 1 << 0,
    Digit = 1 << 1,
    Token = 1 << 2, // alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
    Unreserved = 1 << 3, // alphanum / mark
    UserUnreserved = 1 << 4, // "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
    PasswordChar = 1 << 5, // "&" / "=" / "+" / "$" / ","
    ParamUnreserved = 1 << 6, // "[" / "]" / "/" / ":" / "&" / "+" / "$"
    HeaderUnreserved = 1 << 7, // "[" / "]" / "/" / "?" / ":" / "+" / "$"
    Word = 1 << 8, // Call-ID word characters
    Hex = 1 << 9,
    Space = 1 << 10, // SP, HT, CR, LF: linear white space once a header is unfolded
    SchemeChar = 1 << 11, // ALPHA / DIGIT / "+" / "-" / "."
    HostChar = 1 << 12, // alphanum / "-" / "." / "_" (hostname, leniently)
    UriChar = 1 << 13, // reserved / unreserved / "%" (opaque parts of absolute URIs)
};

constexpr std::array<uint16_t, 256> makeTable()
{
    std::array<uint16_t, 256> t {};
    auto set = [&t](const char *chars, uint16_t flag) {
        for (const char *c = chars; *c; ++c)
            t[static_cast<unsigned char>(*c)] |= flag;
    };
    for (int c = 'a'; c <= 'z'; ++c)
        t[c] |= Alpha;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[c] |= Alpha;
    for (int c = '0'; c <= '9'; ++c)
        t[c] |= Digit | Hex;
    for (int c = 'a'; c <= 'f'; ++c)
        t[c] |= Hex;
    for (int c = 'A'; c <= 'F'; ++c)
        t[c] |= Hex;
    for (int c = 0; c < 256; ++c) {
        if (t[c] & (Alpha | Digit))
            t[c] |= Token | Unreserved | Word | SchemeChar | HostChar | UriChar;
    }
    set("-.!%*_+`'~", Token);
    set("-_.!~*'()", Unreserved);
    set("&=+$,;?/", UserUnreserved);
    set("&=+$,", PasswordChar);
    set("[]/:&+$", ParamUnreserved);
    set("[]/?:+$", HeaderUnreserved);
    set("-.!%*_+`'~()<>:\\\"/[]?{}", Word);
    set(" \t\r\n", Space);
    set("+-.", SchemeChar);
    set("-._", HostChar); // '_' is not in the ABNF but common in real host names
    set(";/?:@&=+$,-_.!~*'()%[]", UriChar);
    return t;
}

inline constexpr std::array<uint16_t, 256> table = makeTable();

constexpr bool is(char c, uint16_t flags)
{
    return (table[static_cast<unsigned char>(c)] & flags) != 0;
}

constexpr char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

constexpr int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace Sip::CharClass
