// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace Sip {

/// "a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]"
/// (RFC 8866 §6.6). For audio the encoding parameters are the channel count.
struct SdpRtpMap
{
    int payloadType = -1;
    std::string encodingName;
    int clockRate = 0;
    int channels = 0; // 0: not given (1 for audio, RFC 8866 §6.6)

    int channelCount() const { return channels > 0 ? channels : 1; }

    // Same codec as `other`: name case-insensitively, clock rate, channel count.
    bool sameCodec(std::string_view name, int rate, int channelCount) const;

    // The static assignments of RFC 3551 §6 (0 PCMU, 8 PCMA, 9 G722, 18 G729, ...),
    // used when an m= line lists a static type without an rtpmap.
    static std::optional<SdpRtpMap> staticPayloadType(int payloadType);

    static std::optional<SdpRtpMap> parse(std::string_view value, std::string *error);
    std::string toString() const;

    friend bool operator==(const SdpRtpMap &, const SdpRtpMap &) = default;
};

} // namespace Sip
