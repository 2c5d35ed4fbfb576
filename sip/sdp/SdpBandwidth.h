// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace Sip {

/// A "b=<bwtype>:<bandwidth>" line (RFC 8866 §5.8): CT, AS, TIAS (RFC 3890), RS/RR
/// (RFC 3556) or an unknown type, kept as written. Bandwidth is in kbit/s (bit/s for TIAS).
struct SdpBandwidth
{
    std::string type;
    uint64_t value = 0;

    std::string toString() const { return type + ':' + std::to_string(value); }

    friend bool operator==(const SdpBandwidth &, const SdpBandwidth &) = default;
};

} // namespace Sip
