// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Dialog.h"

#include "message/SipMessage.h"
#include "message/TextUtil.h"

#include <QRandomGenerator>

namespace Sip {

namespace {

// §8.1.1.5: a CSeq number is below 2^31.
constexpr uint32_t cseqLimit = 0x80000000u;

bool fail(std::string *error, std::string reason)
{
    if (error)
        *error = std::move(reason);
    return false;
}

// The URI of the first usable Contact, or empty.
std::string contactUri(const SipMessage &message)
{
    for (const Contact &c : message.contacts()) {
        if (!c.isStar())
            return c.uri().toString();
    }
    return {};
}

bool isSips(const SipMessage &request)
{
    return request.requestUri().scheme() == SipUri::Scheme::Sips;
}

std::string nameAddrWithTag(std::string_view displayName, std::string_view uri,
                            std::string_view tag)
{
    return NameAddr::format(displayName, uri,
                            tag.empty() ? std::string() : "tag=" + std::string(tag));
}

} // namespace

std::optional<Dialog> Dialog::createUac(const SipMessage &request, const SipMessage &response,
                                        std::string *error)
{
    if (!request.isRequest() || !response.isResponse()) {
        fail(error, "need the request sent and a response to it");
        return std::nullopt;
    }
    const int status = response.statusCode();
    if (status <= 100 || status >= 300) {
        fail(error, "only a 101-299 response creates a dialog");
        return std::nullopt;
    }
    if (!request.from() || !request.to() || !request.cseq() || request.callId().empty()
        || !response.to() || !response.cseq()) {
        fail(error, "missing From, To, Call-ID or CSeq");
        return std::nullopt;
    }
    if (status < 200 && response.to()->tag().empty()) {
        fail(error, "a provisional response without To tag creates no dialog");
        return std::nullopt;
    }
    if (response.callId() != request.callId() || !response.from()
        || response.from()->tag() != request.from()->tag()
        || response.cseq()->number() != request.cseq()->number()
        || response.cseq()->method() != request.method()) {
        fail(error, "the response does not answer the request");
        return std::nullopt;
    }

    Dialog d;
    d.m_role = Role::Uac;
    d.m_state = status < 200 ? State::Early : State::Confirmed;
    d.m_id = { std::string(request.callId()), std::string(request.from()->tag()),
               std::string(response.to()->tag()) };
    d.m_localUri = request.from()->uri().toString();
    d.m_localDisplayName = request.from()->displayNameText();
    d.m_remoteUri = request.to()->uri().toString();
    d.m_remoteDisplayName = request.to()->displayNameText();
    d.m_routeSet = RouteSet::fromResponse(response);
    d.m_remoteTarget = contactUri(response);
    if (d.m_remoteTarget.empty()) // a broken peer; its ACK still has to go somewhere
        d.m_remoteTarget = request.requestUri().toString();
    d.m_secure = isSips(request);
    d.m_creatingMethod = std::string(request.method());
    d.m_creatingCseq = request.cseq()->number();
    d.m_localCseq = d.m_creatingCseq;
    if (request.methodId() == Method::Invite)
        d.m_lastInviteCseq = d.m_creatingCseq;
    return d;
}

std::optional<Dialog> Dialog::createUas(const SipMessage &request, const SipMessage &response,
                                        std::string *error)
{
    if (!request.isRequest() || !response.isResponse()) {
        fail(error, "need the request received and the response sent");
        return std::nullopt;
    }
    const int status = response.statusCode();
    if (status <= 100 || status >= 300) {
        fail(error, "only a 101-299 response creates a dialog");
        return std::nullopt;
    }
    if (!request.from() || !request.to() || !request.cseq() || request.callId().empty()
        || !response.to()) {
        fail(error, "missing From, To, Call-ID or CSeq");
        return std::nullopt;
    }
    if (response.to()->tag().empty()) {
        fail(error, "the response has no To tag");
        return std::nullopt;
    }
    const std::string target = contactUri(request);
    if (target.empty()) {
        fail(error, "the request has no Contact"); // §8.1.1.8: answer 400
        return std::nullopt;
    }

    Dialog d;
    d.m_role = Role::Uas;
    d.m_state = status < 200 ? State::Early : State::Confirmed;
    d.m_id = { std::string(request.callId()), std::string(response.to()->tag()),
               std::string(request.from()->tag()) };
    d.m_localUri = request.to()->uri().toString();
    d.m_localDisplayName = request.to()->displayNameText();
    d.m_remoteUri = request.from()->uri().toString();
    d.m_remoteDisplayName = request.from()->displayNameText();
    d.m_routeSet = RouteSet::fromRequest(request);
    d.m_remoteTarget = target;
    d.m_secure = isSips(request);
    d.m_creatingMethod = std::string(request.method());
    d.m_creatingCseq = request.cseq()->number();
    d.m_remoteCseq = d.m_creatingCseq;
    return d;
}

bool Dialog::isTargetRefresh(Method method)
{
    switch (method) {
    case Method::Invite:
    case Method::Update:
    case Method::Subscribe:
    case Method::Notify:
        return true;
    default:
        return false;
    }
}

bool Dialog::isTargetRefresh(std::string_view method)
{
    return isTargetRefresh(methodFromName(method));
}

SipMessage Dialog::build(std::string_view method, uint32_t cseq, std::string *error) const
{
    if (isNull()) {
        fail(error, "not a dialog");
        return {};
    }
    std::string reason;
    SipMessage request
            = SipMessage::createRequest(method, RouteSet::requestUriForm(m_remoteTarget), &reason);
    if (request.isNull()) {
        fail(error, "cannot build the request: " + reason);
        return {};
    }
    const bool ok = request.addHeader("Max-Forwards", "70", &reason)
            && request.addHeader(
                    "From", nameAddrWithTag(m_localDisplayName, m_localUri, m_id.localTag), &reason)
            && request.addHeader("To",
                                 nameAddrWithTag(m_remoteDisplayName, m_remoteUri, m_id.remoteTag),
                                 &reason)
            && request.addHeader("Call-ID", m_id.callId, &reason)
            && request.addHeader("CSeq", std::to_string(cseq) + " " + std::string(method), &reason);
    if (!ok) {
        fail(error, "cannot build the request: " + reason);
        return {};
    }
    if (!m_routeSet.applyTo(request, m_remoteTarget, error))
        return {};
    if (!m_localContact.empty() && isTargetRefresh(request.methodId())) {
        const std::string contact = m_localContact.find('<') == std::string::npos
                ? NameAddr::format({}, m_localContact)
                : m_localContact;
        if (!request.addHeader("Contact", contact, &reason)) {
            fail(error, "bad local contact: " + reason);
            return {};
        }
    }
    return request;
}

SipMessage Dialog::createRequest(std::string_view method, std::string *error)
{
    if (m_state == State::Terminated) {
        fail(error, "the dialog is terminated");
        return {};
    }
    const Method id = methodFromName(method);
    if (id == Method::Ack || id == Method::Cancel) {
        // §13.2.2.4 (ACK for a 2xx), §9.1 (CANCEL): the CSeq number of the INVITE.
        const std::optional<uint32_t> number = m_lastInviteCseq;
        if (!number) {
            fail(error, "no INVITE was sent in this dialog");
            return {};
        }
        return build(method, *number, error);
    }
    uint32_t next;
    if (m_localCseq) {
        next = *m_localCseq + 1;
    } else {
        // §12.1.1: the UAS's local sequence number starts empty; §8.1.1.5: any value
        // below 2^31 will do. A random one, far enough below the limit.
        next = QRandomGenerator::global()->bounded(1u, 0x10000u);
    }
    if (next >= cseqLimit) {
        fail(error, "the local CSeq is exhausted");
        return {};
    }
    SipMessage request = build(method, next, error);
    if (request.isNull())
        return request;
    m_localCseq = next;
    if (id == Method::Invite)
        m_lastInviteCseq = next;
    return request;
}

SipMessage Dialog::createAck(uint32_t inviteCseq, std::string *error) const
{
    return build("ACK", inviteCseq, error);
}

void Dialog::refreshTarget(const SipMessage &message)
{
    std::string target = contactUri(message);
    if (!target.empty())
        m_remoteTarget = std::move(target);
}

bool Dialog::isCreatingCseq(const SipMessage &message) const
{
    return message.cseq() && message.cseq()->number() == m_creatingCseq
            && message.cseq()->method() == m_creatingMethod;
}

Dialog::RequestCheck Dialog::handleRequest(const SipMessage &request)
{
    if (!request.isRequest() || !request.cseq())
        return { 400, "Bad Request" };
    if (m_state == State::Terminated || DialogId::forIncomingRequest(request) != m_id)
        return { 481, "Call/Transaction Does Not Exist" };
    const Method method = request.methodId();
    if (method == Method::Ack || method == Method::Cancel)
        return {};
    // §12.2.2: requests in a dialog come in CSeq order; a lower one is out of order, an
    // equal one a new transaction reusing a number (retransmissions never get here).
    const uint32_t number = request.cseq()->number();
    if (m_remoteCseq && number <= *m_remoteCseq)
        return { 500, "CSeq Out of Order" };
    m_remoteCseq = number;
    if (isTargetRefresh(method))
        refreshTarget(request);
    return {};
}

bool Dialog::handleResponse(const SipMessage &response)
{
    if (!response.isResponse() || !response.cseq() || m_state == State::Terminated)
        return false;
    if (response.callId() != m_id.callId || !response.from()
        || response.from()->tag() != m_id.localTag)
        return false;
    const int status = response.statusCode();
    const bool creating = m_role == Role::Uac && isCreatingCseq(response);
    if (creating && status >= 300) {
        // §12.3: a non-2xx final to the creating request ends every early dialog it made,
        // whichever fork sent it (a synthetic 408 has no To tag at all).
        if (m_state == State::Early)
            m_state = State::Terminated;
        return true;
    }
    if (!response.to() || response.to()->tag() != m_id.remoteTag)
        return false;
    if (creating) {
        if (status >= 200 && status < 300) {
            if (m_state == State::Early) {
                // §13.2.2.4 / §12.1.2: the 2xx confirms the early dialog; its route set is
                // recomputed from the 2xx.
                m_state = State::Confirmed;
                m_routeSet = RouteSet::fromResponse(response);
            }
            refreshTarget(response);
        }
        return true;
    }
    if (status == 481 || status == 408) {
        // §12.2.1.2: the peer lost the dialog, or cannot be reached any more.
        m_state = State::Terminated;
        return true;
    }
    if (status >= 200 && status < 300 && isTargetRefresh(response.cseq()->method()))
        refreshTarget(response);
    return true;
}

void Dialog::responseSent(const SipMessage &response)
{
    if (m_role != Role::Uas || m_state != State::Early || !response.isResponse()
        || !isCreatingCseq(response))
        return;
    const int status = response.statusCode();
    if (status >= 200 && status < 300)
        m_state = State::Confirmed;
    else if (status >= 300)
        m_state = State::Terminated;
}

const char *toString(Dialog::State state)
{
    switch (state) {
    case Dialog::State::Early:
        return "Early";
    case Dialog::State::Confirmed:
        return "Confirmed";
    case Dialog::State::Terminated:
        return "Terminated";
    }
    return "?";
}

} // namespace Sip
