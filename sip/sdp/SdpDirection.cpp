// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpDirection.h"

namespace Sip::SdpDirections {

std::string_view name(SdpDirection direction)
{
    switch (direction) {
    case SdpDirection::SendRecv:
        return "sendrecv";
    case SdpDirection::SendOnly:
        return "sendonly";
    case SdpDirection::RecvOnly:
        return "recvonly";
    case SdpDirection::Inactive:
        return "inactive";
    }
    return "sendrecv";
}

std::optional<SdpDirection> fromName(std::string_view name)
{
    if (name == "sendrecv")
        return SdpDirection::SendRecv;
    if (name == "sendonly")
        return SdpDirection::SendOnly;
    if (name == "recvonly")
        return SdpDirection::RecvOnly;
    if (name == "inactive")
        return SdpDirection::Inactive;
    return std::nullopt;
}

bool sends(SdpDirection direction)
{
    return direction == SdpDirection::SendRecv || direction == SdpDirection::SendOnly;
}

bool receives(SdpDirection direction)
{
    return direction == SdpDirection::SendRecv || direction == SdpDirection::RecvOnly;
}

SdpDirection make(bool send, bool receive)
{
    if (send && receive)
        return SdpDirection::SendRecv;
    if (send)
        return SdpDirection::SendOnly;
    if (receive)
        return SdpDirection::RecvOnly;
    return SdpDirection::Inactive;
}

SdpDirection reversed(SdpDirection direction)
{
    return make(receives(direction), sends(direction));
}

SdpDirection answerFor(SdpDirection offered, SdpDirection wanted)
{
    // The answerer may send only what the offerer receives and receive only what the
    // offerer sends.
    return make(receives(offered) && sends(wanted), sends(offered) && receives(wanted));
}

bool isValidAnswer(SdpDirection offered, SdpDirection answered)
{
    return (!sends(answered) || receives(offered)) && (!receives(answered) || sends(offered));
}

} // namespace Sip::SdpDirections
