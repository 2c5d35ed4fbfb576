// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/SdpNegotiatedStream.h"

#include <string>
#include <vector>

namespace Sip {

/// What SdpNegotiator::createAnswer() or processAnswer() decided.
///
/// On failure, reason says why in words fit for the reason phrase or a Warning header
/// ("no common codec", "SRTP required", ...). For a failed createAnswer() statusCode is
/// 488 (Not Acceptable Here, RFC 3261 §21.4.26, as RFC 3264 §6 asks) and warningCode the
/// RFC 3261 §20.43 warn-code: 304 media type not available, 305 incompatible media
/// format, 302 incompatible transport protocol, 306 attribute not understood. A failed
/// processAnswer() has statusCode 0: the answer came in a response or an ACK, so the
/// caller ends the call (or re-offers).
struct SdpNegotiationResult
{
    bool ok = false;
    int statusCode = 0;
    int warningCode = 0;
    std::string reason;
    std::vector<SdpNegotiatedStream> streams; // one per m= line, in order
    std::vector<std::string> warnings;        // tolerated deviations from the RFCs

    // The accepted audio stream (there is at most one), or null.
    const SdpNegotiatedStream *audio() const
    {
        for (const auto &s : streams) {
            if (s.accepted && s.media == "audio")
                return &s;
        }
        return nullptr;
    }

    static SdpNegotiationResult failure(int statusCode, int warningCode, std::string reason)
    {
        SdpNegotiationResult r;
        r.statusCode = statusCode;
        r.warningCode = warningCode;
        r.reason = std::move(reason);
        return r;
    }
};

} // namespace Sip
