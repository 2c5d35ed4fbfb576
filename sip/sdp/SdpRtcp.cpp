// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpRtcp.h"

#include "sdp/SdpConnection.h"
#include "sdp/SdpText.h"

namespace Sip {

std::optional<SdpRtcp> SdpRtcp::parse(std::string_view value, std::string *error)
{
    const auto fail = [error](std::string reason) -> std::optional<SdpRtcp> {
        if (error)
            *error = std::move(reason);
        return std::nullopt;
    };
    const auto words = SdpText::splitWords(value, 5);
    if (words.size() != 1 && words.size() != 4)
        return fail("rtcp needs <port> [<nettype> <addrtype> <address>]");
    const auto port = SdpText::toInt(words[0], 65535);
    if (!port)
        return fail("rtcp port " + SdpText::quoteForError(words[0]) + " is not a number 0-65535");
    SdpRtcp r;
    r.port = *port;
    if (words.size() == 4) {
        std::string why;
        const std::string text = std::string(words[1]) + ' ' + std::string(words[2]) + ' ' + std::string(words[3]);
        const auto c = SdpConnection::parse(text, &why);
        if (!c || c->ttl || c->numberOfAddresses)
            return fail("rtcp address: " + (why.empty() ? std::string("not a unicast address") : why));
        r.netType = c->netType;
        r.addrType = c->addrType;
        r.address = c->address;
    }
    return r;
}

std::string SdpRtcp::toString() const
{
    std::string out = std::to_string(port);
    if (hasAddress())
        out += ' ' + netType + ' ' + addrType + ' ' + address;
    return out;
}

} // namespace Sip
