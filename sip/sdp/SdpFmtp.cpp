// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpFmtp.h"

#include "sdp/SdpText.h"

namespace Sip {

namespace {
constexpr size_t MaxParameters = 64;
}

std::vector<std::pair<std::string, std::string>> SdpFmtp::parameters() const
{
    std::vector<std::pair<std::string, std::string>> out;
    std::string_view rest = params;
    while (!rest.empty() && out.size() < MaxParameters) {
        const auto semi = rest.find(';');
        std::string_view piece = SdpText::trim(rest.substr(0, semi));
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        const auto eq = piece.find('=');
        if (eq == std::string_view::npos || eq == 0)
            continue;
        out.emplace_back(std::string(SdpText::trim(piece.substr(0, eq))),
                         std::string(SdpText::trim(piece.substr(eq + 1))));
    }
    return out;
}

std::optional<std::string> SdpFmtp::value(std::string_view key) const
{
    for (auto &[k, v] : parameters()) {
        if (SdpText::equalsIgnoreCase(k, key))
            return v;
    }
    return std::nullopt;
}

std::string SdpFmtp::join(const std::vector<std::pair<std::string, std::string>> &params)
{
    std::string out;
    for (const auto &[k, v] : params) {
        if (!out.empty())
            out += ';';
        out += k + '=' + v;
    }
    return out;
}

std::optional<SdpFmtp> SdpFmtp::parse(std::string_view value, std::string *error)
{
    const auto [fmt, rest] = SdpText::splitFirstWord(value);
    // RFC 8866 §6.15: <fmt> is a format from the m= line, for RTP a payload type (the
    // parser only reads fmtp as typed in RTP media; elsewhere it stays a raw attribute).
    if (fmt.empty() || !SdpText::isToken(fmt)) {
        if (error)
            *error = "fmtp needs <format> <parameters>";
        return std::nullopt;
    }
    SdpFmtp f;
    const auto pt = SdpText::toInt(fmt, 127);
    if (!pt) {
        if (error)
            *error = "fmtp payload type " + SdpText::quoteForError(fmt) + " is not a number 0-127";
        return std::nullopt;
    }
    f.payloadType = *pt;
    f.params = std::string(rest);
    return f;
}

} // namespace Sip
