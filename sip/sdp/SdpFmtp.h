// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace Sip {

/// "a=fmtp:<format> <format specific parameters>" (RFC 8866 §6.15). The parameter text
/// is kept raw; most audio codecs use "key=value;key=value" (Opus, RFC 7587 §7), which
/// parameters() splits. Others are not key=value at all (telephone-event "0-16",
/// RFC 4733 §2.4.1) and only have the raw text.
struct SdpFmtp
{
    int payloadType = -1;
    std::string params;

    // key=value pairs in order, keys as written, both sides trimmed. Pieces without '='
    // ("0-16") are skipped: use params for those.
    std::vector<std::pair<std::string, std::string>> parameters() const;
    // Case-insensitive key lookup (Opus keys are case-sensitive lowercase in RFC 7587,
    // but phones vary). nullopt when absent.
    std::optional<std::string> value(std::string_view key) const;

    // Builds "k1=v1;k2=v2".
    static std::string join(const std::vector<std::pair<std::string, std::string>> &params);

    static std::optional<SdpFmtp> parse(std::string_view value, std::string *error);
    std::string toString() const { return std::to_string(payloadType) + ' ' + params; }

    friend bool operator==(const SdpFmtp &, const SdpFmtp &) = default;
};

} // namespace Sip
