// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TransactionKey.h"

#include "message/TextUtil.h"

namespace Sip::TransactionKey {

namespace {

void appendLower(std::string &out, std::string_view text)
{
    for (char c : text)
        out.push_back(CharClass::toLower(c));
}

void appendSentBy(std::string &out, const Via &via)
{
    appendLower(out, via.host());
    out.push_back(':');
    int port = via.port();
    if (port <= 0)
        port = TextUtil::equalsIgnoreCase(via.transport(), "TLS") ? 5061 : 5060;
    out.append(std::to_string(port));
}

} // namespace

std::string client(std::string_view branch, std::string_view method)
{
    if (branch.empty() || method.empty())
        return {};
    std::string key;
    key.reserve(branch.size() + method.size() + 1);
    key.append(branch).append("|").append(method);
    return key;
}

std::string forResponse(const SipMessage &response)
{
    if (response.vias().empty() || !response.cseq())
        return {};
    return client(response.vias().front().branch(), response.cseq()->method());
}

std::string forRequest(const SipMessage &request, std::string_view method)
{
    if (!request.isRequest() || request.vias().empty() || !request.cseq())
        return {};
    if (method.empty())
        method = request.methodId() == Method::Ack ? std::string_view("INVITE") : request.method();
    const Via &via = request.vias().front();
    std::string key;
    if (via.hasRfc3261Branch()) {
        key.append("B|").append(via.branch()).append("|");
        appendSentBy(key, via);
        key.append("|").append(method);
        return key;
    }
    key.append("L|").append(method).append("|").append(request.requestUri().text());
    key.append("|").append(request.from() ? request.from()->tag() : std::string_view());
    key.append("|").append(request.callId());
    key.append("|").append(std::to_string(request.cseq()->number()));
    key.append("|");
    appendSentBy(key, via);
    key.append("|").append(via.branch());
    return key;
}

std::string forDialogAck(const SipMessage &message)
{
    if (!message.from() || !message.to() || message.to()->tag().empty() || !message.cseq())
        return {};
    std::string key;
    key.append(message.callId()).append("|").append(message.from()->tag());
    key.append("|").append(message.to()->tag());
    key.append("|").append(std::to_string(message.cseq()->number()));
    return key;
}

} // namespace Sip::TransactionKey
