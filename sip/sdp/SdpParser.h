// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/SessionDescription.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace Sip {

/// Reads SDP text (RFC 8866) into a SessionDescription.
///
/// Lenient where real phones are: LF or CRLF line ends, trailing whitespace, runs of
/// spaces between fields, a last line without a line end, empty lines (warned about).
/// Strict on structure: v=, o=, s= must come first in that order, t= is required, lines
/// must follow the §5 order, unknown line types are refused (§5: "MUST completely ignore
/// or reject"), m= ports and payload types must be in range, rtpmap/fmtp/rtcp must be
/// well-formed. Problems that do not stop a call (an rtpmap for a payload type missing
/// from the m= line, a bad ptime, a malformed crypto line) are warnings.
///
/// Hostile input is bounded by Limits: the parser never allocates more than a small
/// multiple of maxSize and stops at the first limit hit with an error naming it.
class SdpParser
{
public:
    struct Limits
    {
        size_t maxSize = 64 * 1024;  // bytes of SDP text
        size_t maxLineLength = 4096; // bytes per line
        size_t maxLines = 2048;
        size_t maxAttributes = 512;  // a= lines, session and media together
        size_t maxMedia = 32;        // m= lines
        size_t maxFormats = 128;     // formats per m= line
        size_t maxTimings = 32;      // t= and r= lines
        size_t maxWarnings = 32;     // further warnings are dropped
    };

    struct Diagnostic
    {
        int line = 0; // 1-based; 0 for the whole body
        std::string message;

        // "line 7: m= port 70000 is out of range 0-65535"
        std::string toString() const;
        friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
    };

    struct Result
    {
        SessionDescription description; // valid only when ok()
        Diagnostic error;               // set when !ok()
        std::vector<Diagnostic> warnings;

        bool ok() const { return error.message.empty(); }
    };

    static Result parse(std::string_view text, const Limits &limits);
    static Result parse(std::string_view text) { return parse(text, Limits{}); }
};

} // namespace Sip
