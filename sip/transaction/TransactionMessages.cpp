// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TransactionMessages.h"

#include "message/TextUtil.h"

#include <QRandomGenerator>

#include <cstdio>

namespace Sip {

namespace {

std::string randomHex(int words64)
{
    std::string out;
    out.reserve(static_cast<size_t>(words64) * 16);
    char buffer[17];
    for (int i = 0; i < words64; ++i) {
        std::snprintf(buffer, sizeof buffer, "%016llx",
                      static_cast<unsigned long long>(QRandomGenerator::global()->generate64()));
        out += buffer;
    }
    return out;
}

bool isDialogCreating(Method method)
{
    return method == Method::Invite || method == Method::Subscribe || method == Method::Refer
            || method == Method::Notify;
}

bool isTimestamp(const HeaderField &f)
{
    return f.id == HeaderId::Unknown && TextUtil::equalsIgnoreCase(f.name, "Timestamp");
}

std::string_view canonicalName(const HeaderField &f)
{
    const std::string_view name = HeaderName::canonical(f.id);
    return name.empty() ? f.name : name;
}

enum class TagPolicy { AddWhenMissing, Never };

SipMessage buildResponse(const SipMessage &request, int statusCode, std::string_view reasonPhrase,
                         std::string_view toTag, TagPolicy policy)
{
    if (!request.isRequest())
        return SipMessage();
    SipMessage response = SipMessage::createResponse(
            statusCode, reasonPhrase.empty() ? defaultReasonPhrase(statusCode) : reasonPhrase);
    const bool needsTag = policy == TagPolicy::AddWhenMissing && statusCode > 100 && request.to()
            && request.to()->tag().empty();
    const bool copyRecordRoute = statusCode > 100 && statusCode < 300
            && isDialogCreating(request.methodId()) && request.to() && request.to()->tag().empty();
    for (const HeaderField &f : request.headers()) {
        switch (f.id) {
        case HeaderId::Via:
        case HeaderId::From:
        case HeaderId::CallId:
        case HeaderId::CSeq:
            response.addHeader(canonicalName(f), f.value);
            break;
        case HeaderId::To:
            if (needsTag) {
                std::string value(f.value);
                value += ";tag=";
                value += toTag.empty() ? newTag() : std::string(toTag);
                response.addHeader(canonicalName(f), value);
            } else {
                response.addHeader(canonicalName(f), f.value);
            }
            break;
        case HeaderId::RecordRoute:
            if (copyRecordRoute)
                response.addHeader(canonicalName(f), f.value);
            break;
        default:
            if (statusCode == 100 && isTimestamp(f))
                response.addHeader("Timestamp", f.value);
            break;
        }
    }
    response.setBody({}, {});
    return response;
}

// The header fields of `message` with the given id, as raw values, in order.
void copyAll(const SipMessage &from, HeaderId id, SipMessage &to)
{
    for (const HeaderField &f : from.headers()) {
        if (f.id == id)
            to.addHeader(canonicalName(f), f.value);
    }
}

// The shared start of ACK and CANCEL (§17.1.1.3, §9.1): Request-URI, top Via, Route,
// Max-Forwards, From, Call-ID.
SipMessage startFromInvite(std::string_view method, const SipMessage &invite)
{
    if (!invite.isRequest() || invite.vias().empty() || !invite.cseq())
        return SipMessage();
    SipMessage out = SipMessage::createRequest(method, invite.requestUri().text());
    if (out.isNull())
        return out;
    out.addHeader("Via", formatVia(invite.vias().front()));
    out.addHeader("Max-Forwards", "70");
    copyAll(invite, HeaderId::Route, out);
    out.addHeader("From", invite.header("From"));
    return out;
}

} // namespace

std::string newBranch()
{
    // 128 bits drawn, 96 kept: "z9hG4bK" + 24 hex digits.
    return "z9hG4bK" + randomHex(2).substr(0, 24);
}

std::string newTag()
{
    return randomHex(1);
}

std::string_view defaultReasonPhrase(int statusCode)
{
    // clang-format off
    switch (statusCode) {
    case 100: return "Trying";
    case 180: return "Ringing";
    case 181: return "Call Is Being Forwarded";
    case 182: return "Queued";
    case 183: return "Session Progress";
    case 199: return "Early Dialog Terminated";
    case 200: return "OK";
    case 202: return "Accepted";
    case 204: return "No Notification";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Moved Temporarily";
    case 305: return "Use Proxy";
    case 380: return "Alternative Service";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 408: return "Request Timeout";
    case 410: return "Gone";
    case 412: return "Conditional Request Failed";
    case 413: return "Request Entity Too Large";
    case 414: return "Request-URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Unsupported URI Scheme";
    case 420: return "Bad Extension";
    case 421: return "Extension Required";
    case 422: return "Session Interval Too Small";
    case 423: return "Interval Too Brief";
    case 428: return "Use Identity Header";
    case 429: return "Provide Referrer Identity";
    case 433: return "Anonymity Disallowed";
    case 436: return "Bad Identity-Info";
    case 437: return "Unsupported Certificate";
    case 438: return "Invalid Identity Header";
    case 439: return "First Hop Lacks Outbound Support";
    case 470: return "Consent Needed";
    case 480: return "Temporarily Unavailable";
    case 481: return "Call/Transaction Does Not Exist";
    case 482: return "Loop Detected";
    case 483: return "Too Many Hops";
    case 484: return "Address Incomplete";
    case 485: return "Ambiguous";
    case 486: return "Busy Here";
    case 487: return "Request Terminated";
    case 488: return "Not Acceptable Here";
    case 489: return "Bad Event";
    case 491: return "Request Pending";
    case 493: return "Undecipherable";
    case 494: return "Security Agreement Required";
    case 500: return "Server Internal Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Server Time-out";
    case 505: return "Version Not Supported";
    case 513: return "Message Too Large";
    case 580: return "Precondition Failure";
    case 600: return "Busy Everywhere";
    case 603: return "Decline";
    case 604: return "Does Not Exist Anywhere";
    case 606: return "Not Acceptable";
    case 607: return "Unwanted";
    default: return {};
    }
    // clang-format on
}

SipMessage makeResponse(const SipMessage &request, int statusCode, std::string_view reasonPhrase,
                        std::string_view toTag)
{
    return buildResponse(request, statusCode, reasonPhrase, toTag, TagPolicy::AddWhenMissing);
}

SipMessage makeSyntheticResponse(const SipMessage &request, int statusCode,
                                 std::string_view reasonPhrase)
{
    return buildResponse(request, statusCode, reasonPhrase, {}, TagPolicy::Never);
}

SipMessage makeNon2xxAck(const SipMessage &invite, const SipMessage &response)
{
    SipMessage ack = startFromInvite("ACK", invite);
    if (ack.isNull())
        return ack;
    ack.addHeader("To", response.isNull() ? invite.header("To") : response.header("To"));
    ack.addHeader("Call-ID", invite.callId());
    ack.addHeader("CSeq", std::to_string(invite.cseq()->number()) + " ACK");
    ack.setBody({}, {});
    return ack;
}

SipMessage makeCancel(const SipMessage &invite, std::string_view reason)
{
    SipMessage cancel = startFromInvite("CANCEL", invite);
    if (cancel.isNull())
        return cancel;
    cancel.addHeader("To", invite.header("To"));
    cancel.addHeader("Call-ID", invite.callId());
    cancel.addHeader("CSeq", std::to_string(invite.cseq()->number()) + " CANCEL");
    if (!reason.empty())
        cancel.addHeader("Reason", reason);
    cancel.setBody({}, {});
    return cancel;
}

bool addTopVia(SipMessage &request, TransportType transport, std::string_view branch)
{
    const std::string b = branch.empty() ? newBranch() : std::string(branch);
    return request.prependHeader("Via",
                                 Via::format(transportName(transport), "0.0.0.0", -1, b, true));
}

std::string formatVia(const Via &via)
{
    std::string out;
    out.append(via.protocolName()).append("/").append(via.protocolVersion()).append("/");
    out.append(via.transport()).append(" ").append(via.host());
    if (via.port() >= 0)
        out.append(":").append(std::to_string(via.port()));
    out.append(via.params().text());
    return out;
}

} // namespace Sip
