// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Transaction.h"

#include "TransactionMessages.h"

namespace Sip {

const char *toString(TransactionState state)
{
    switch (state) {
    case TransactionState::Calling:
        return "Calling";
    case TransactionState::Trying:
        return "Trying";
    case TransactionState::Proceeding:
        return "Proceeding";
    case TransactionState::Completed:
        return "Completed";
    case TransactionState::Accepted:
        return "Accepted";
    case TransactionState::Confirmed:
        return "Confirmed";
    case TransactionState::Terminated:
        return "Terminated";
    }
    return "?";
}

const char *toString(TransactionKind kind)
{
    switch (kind) {
    case TransactionKind::InviteClient:
        return "INVITE client";
    case TransactionKind::NonInviteClient:
        return "non-INVITE client";
    case TransactionKind::InviteServer:
        return "INVITE server";
    case TransactionKind::NonInviteServer:
        return "non-INVITE server";
    }
    return "?";
}

TransactionOwner::~TransactionOwner() = default;

// ---- Transaction ------------------------------------------------------------------------

Transaction::Transaction(TransactionKind kind, TransactionId id, TransactionOwner &owner,
                         SipMessage request, Endpoint peer)
    : m_owner(owner)
    , m_request(std::move(request))
    , m_peer(std::move(peer))
    , m_id(id)
    , m_kind(kind)
    , m_state(kind == TransactionKind::InviteClient           ? TransactionState::Calling
                      : kind == TransactionKind::InviteServer ? TransactionState::Proceeding
                                                              : TransactionState::Trying)
{
}

Transaction::~Transaction() = default;

bool Transaction::send(const SipMessage &message)
{
    TransportType used = m_peer.transport;
    const bool sent = m_owner.transmit(message, m_peer, &used);
    // Only ever from unreliable to reliable: once a request went over TCP its
    // retransmissions would too, and the peer's responses come back that way.
    if (sent && Sip::isReliable(used))
        m_sentReliably = true;
    return sent;
}

void Transaction::arm(TimerHandle &handle, Duration delay, std::function<void()> fn)
{
    std::weak_ptr<Transaction> weak = weak_from_this();
    handle.start(clock(), delay, [weak, fn = std::move(fn)] {
        const auto self = weak.lock();
        // Not terminated means not abandoned either: the owner is still there.
        if (self && !self->isTerminated()) {
            const auto ownerGuard = self->owner().keepAlive();
            fn();
        }
    });
}

void Transaction::terminate()
{
    if (m_state == TransactionState::Terminated)
        return;
    stopTimers();
    m_state = TransactionState::Terminated;
    m_owner.transactionTerminated(*this);
}

void Transaction::abandon()
{
    stopTimers();
    m_state = TransactionState::Terminated;
}

// ---- ClientTransaction ------------------------------------------------------------------

ClientTransaction::ClientTransaction(TransactionKind kind, TransactionId id,
                                     TransactionOwner &owner, SipMessage request,
                                     Endpoint destination, ClientHandler handler)
    : Transaction(kind, id, owner, std::move(request), std::move(destination))
    , m_handler(std::move(handler))
{
}

void ClientTransaction::report(ClientEvent::Type type, const SipMessage &response,
                               const QString &error)
{
    if (!m_handler)
        return;
    ClientEvent event;
    event.type = type;
    event.transaction = id();
    event.response = response;
    event.error = error;
    // A copy: the handler may do anything, including things that replace m_handler.
    const ClientHandler handler = m_handler;
    handler(event);
}

void ClientTransaction::finish()
{
    if (isTerminated())
        return;
    terminate();
    emitTerminated();
}

void ClientTransaction::fail(ClientEvent::Type type, int statusCode, const QString &error)
{
    if (isTerminated())
        return;
    // Terminated first: whatever the TU does on the 408/503 (a new request, cancel(), ...)
    // already sees this transaction gone.
    terminate();
    report(type, makeSyntheticResponse(request(), statusCode), error);
    emitTerminated();
}

void ClientTransaction::emitTerminated()
{
    beforeTerminatedEvent();
    ClientHandler handler = std::move(m_handler);
    m_handler = nullptr;
    if (handler) {
        ClientEvent event;
        event.type = ClientEvent::Type::Terminated;
        event.transaction = id();
        handler(event);
    }
}

void ClientTransaction::deferTransportFailure()
{
    arm(m_failure, Duration(0),
        [this] { fail(ClientEvent::Type::TransportError, 503, QStringLiteral("send failed")); });
}

// ---- ServerTransaction ------------------------------------------------------------------

ServerTransaction::ServerTransaction(TransactionKind kind, TransactionId id,
                                     TransactionOwner &owner, IncomingMessage request,
                                     Endpoint responseDestination, std::string localTag)
    : Transaction(kind, id, owner, request.message, std::move(responseDestination))
    , m_incoming(std::move(request))
    , m_localTag(std::move(localTag))
{
}

SipMessage ServerTransaction::createResponse(int statusCode, std::string_view reasonPhrase) const
{
    if (request().isNull())
        return {};
    return makeResponse(request(), statusCode, reasonPhrase, m_localTag);
}

void ServerTransaction::releaseRequest()
{
    Transaction::releaseRequest();
    m_incoming.message = SipMessage();
    m_lastProvisional = SipMessage();
}

bool ServerTransaction::isValidResponse(const SipMessage &response)
{
    return response.isResponse() && response.statusCode() >= 100 && response.statusCode() <= 699;
}

bool ServerTransaction::sendResponse(const SipMessage &response)
{
    if (send(response))
        return true;
    // §17.2.4: the TU is told and the transaction ends; from the clock, since we may be
    // inside the TU's respond() call.
    if (!m_failure.isSet())
        arm(m_failure, Duration(0), [this] { transportFailure(QStringLiteral("send failed")); });
    return false;
}

void ServerTransaction::report(ServerEvent::Type type, const QString &error)
{
    if (!m_handler)
        return;
    ServerEvent event;
    event.type = type;
    event.transaction = id();
    event.error = error;
    const ServerHandler handler = m_handler;
    handler(event);
}

void ServerTransaction::finish()
{
    if (isTerminated())
        return;
    terminate();
    emitTerminated();
}

void ServerTransaction::emitTerminated()
{
    ServerHandler handler = std::move(m_handler);
    m_handler = nullptr;
    if (handler) {
        ServerEvent event;
        event.type = ServerEvent::Type::Terminated;
        event.transaction = id();
        handler(event);
    }
}

void ServerTransaction::finishWith(ServerEvent::Type type, const QString &error)
{
    if (isTerminated())
        return;
    terminate();
    report(type, error);
    emitTerminated();
}

void ServerTransaction::transportFailure(const QString &reason)
{
    finishWith(ServerEvent::Type::TransportError, reason);
}

} // namespace Sip
