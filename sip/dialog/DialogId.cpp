// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DialogId.h"

#include "message/SipMessage.h"

namespace Sip {

namespace {

std::string tagOf(const NameAddr *address)
{
    return address ? std::string(address->tag()) : std::string();
}

} // namespace

DialogId DialogId::forIncomingRequest(const SipMessage &request)
{
    return { std::string(request.callId()), tagOf(request.to()), tagOf(request.from()) };
}

DialogId DialogId::forIncomingResponse(const SipMessage &response)
{
    return { std::string(response.callId()), tagOf(response.from()), tagOf(response.to()) };
}

DialogId DialogId::forOutgoingRequest(const SipMessage &request)
{
    return { std::string(request.callId()), tagOf(request.from()), tagOf(request.to()) };
}

std::string DialogId::toString() const
{
    return callId + ";local=" + localTag + ";remote=" + remoteTag;
}

size_t qHash(const DialogId &id, size_t seed) noexcept
{
    // boost::hash_combine over the three parts.
    const std::hash<std::string> h;
    size_t value = seed;
    for (const std::string *part : { &id.callId, &id.localTag, &id.remoteTag })
        value ^= h(*part) + 0x9e3779b97f4a7c15ULL + (value << 6) + (value >> 2);
    return value;
}

} // namespace Sip
