// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace Sip {

/// One time description (RFC 8866 §5.9): "t=<start> <stop>" (NTP seconds, "0 0" for
/// an unbounded session as in every SIP call) and its "r=" repeat lines (§5.10), which
/// are kept as raw text: a softphone never schedules by them but must not lose them.
struct SdpTiming
{
    uint64_t start = 0;
    uint64_t stop = 0;
    std::vector<std::string> repeats;

    std::string toString() const { return std::to_string(start) + ' ' + std::to_string(stop); }

    friend bool operator==(const SdpTiming &, const SdpTiming &) = default;
};

} // namespace Sip
