// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string_view>

namespace Sip {

/// Media direction attributes (RFC 8866 §6.7, RFC 3264 §5.1). Seen from the side that
/// wrote the description: SendOnly in an offer means "I will send, not receive".
enum class SdpDirection { SendRecv, SendOnly, RecvOnly, Inactive };

namespace SdpDirections {

std::string_view name(SdpDirection direction); // "sendrecv", ...
std::optional<SdpDirection> fromName(std::string_view name);

bool sends(SdpDirection direction);
bool receives(SdpDirection direction);
SdpDirection make(bool send, bool receive);

// The other side's view of the same stream: sendonly <-> recvonly.
SdpDirection reversed(SdpDirection direction);

// RFC 3264 §6.1: the answer's direction for an offered direction, given what the
// answerer itself wants (SendRecv normally, SendOnly when it holds the call, ...).
// sendonly -> recvonly/inactive, recvonly -> sendonly/inactive, inactive -> inactive.
SdpDirection answerFor(SdpDirection offered, SdpDirection wanted);

// Whether `answered` is a legal answer to `offered` under that table.
bool isValidAnswer(SdpDirection offered, SdpDirection answered);

} // namespace SdpDirections

} // namespace Sip
