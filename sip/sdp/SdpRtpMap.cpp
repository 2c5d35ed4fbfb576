// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpRtpMap.h"

#include "sdp/SdpText.h"

namespace Sip {

bool SdpRtpMap::sameCodec(std::string_view name, int rate, int channelCount) const
{
    return SdpText::equalsIgnoreCase(encodingName, name) && clockRate == rate
        && this->channelCount() == (channelCount > 0 ? channelCount : 1);
}

std::optional<SdpRtpMap> SdpRtpMap::staticPayloadType(int payloadType)
{
    // RFC 3551 §6, table 4 (audio).
    struct Entry { int pt; const char *name; int rate; int channels; };
    static const Entry table[] = {
        {0, "PCMU", 8000, 1},  {3, "GSM", 8000, 1},   {4, "G723", 8000, 1},
        {5, "DVI4", 8000, 1},  {6, "DVI4", 16000, 1}, {7, "LPC", 8000, 1},
        {8, "PCMA", 8000, 1},  {9, "G722", 8000, 1},  {10, "L16", 44100, 2},
        {11, "L16", 44100, 1}, {12, "QCELP", 8000, 1}, {13, "CN", 8000, 1},
        {14, "MPA", 90000, 0}, {15, "G728", 8000, 1}, {16, "DVI4", 11025, 1},
        {17, "DVI4", 22050, 1}, {18, "G729", 8000, 1},
    };
    for (const Entry &e : table) {
        if (e.pt == payloadType)
            return SdpRtpMap{e.pt, e.name, e.rate, e.channels};
    }
    return std::nullopt;
}

std::optional<SdpRtpMap> SdpRtpMap::parse(std::string_view value, std::string *error)
{
    const auto fail = [error](std::string reason) -> std::optional<SdpRtpMap> {
        if (error)
            *error = std::move(reason);
        return std::nullopt;
    };
    const auto [ptText, rest] = SdpText::splitFirstWord(value);
    const auto pt = SdpText::toInt(ptText, 127);
    if (!pt)
        return fail("rtpmap payload type " + SdpText::quoteForError(ptText) + " is not a number 0-127");
    if (rest.empty() || rest.find_first_of(" \t") != std::string_view::npos)
        return fail("rtpmap needs <payload type> <encoding name>/<clock rate>[/<parameters>]");
    SdpRtpMap map;
    map.payloadType = *pt;
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0)
        return fail("rtpmap " + SdpText::quoteForError(rest) + " lacks <encoding name>/<clock rate>");
    map.encodingName = std::string(rest.substr(0, slash));
    std::string_view tail = rest.substr(slash + 1);
    std::string_view params;
    if (const auto s2 = tail.find('/'); s2 != std::string_view::npos) {
        params = tail.substr(s2 + 1);
        tail = tail.substr(0, s2);
    }
    const auto rate = SdpText::toInt(tail, 10'000'000);
    if (!rate || *rate == 0)
        return fail("rtpmap clock rate " + SdpText::quoteForError(tail) + " is not a positive number");
    map.clockRate = *rate;
    if (!params.empty() || rest.back() == '/') {
        const auto ch = SdpText::toInt(params, 255);
        if (!ch || *ch == 0)
            return fail("rtpmap encoding parameters " + SdpText::quoteForError(params) + " are not a channel count");
        map.channels = *ch;
    }
    return map;
}

std::string SdpRtpMap::toString() const
{
    std::string out = std::to_string(payloadType) + ' ' + encodingName + '/' + std::to_string(clockRate);
    if (channels > 0)
        out += '/' + std::to_string(channels);
    return out;
}

} // namespace Sip
