// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TimerSettings.h"
#include "TransactionTypes.h"
#include "core/TimerHandle.h"
#include "transport/MessageChannel.h"

#include <memory>

namespace Sip {

class Transaction;

/// What a transaction needs from whoever owns it (TransactionLayer, or a test).
class TransactionOwner
{
public:
    virtual ~TransactionOwner();
    virtual Clock &clock() = 0;
    virtual const TimerSettings &timerSettings() const = 0;
    // Hands a message to the transport; false when that failed at once. `transportUsed`
    // (when given) receives the transport the message actually went over (see
    // MessageChannel::send).
    virtual bool transmit(const SipMessage &message, const Endpoint &destination,
                          TransportType *transportUsed)
            = 0;
    // Called once, when the transaction enters Terminated, before its Terminated event
    // is delivered. The owner drops its reference; the caller keeps the transaction
    // alive until it returns.
    virtual void transactionTerminated(Transaction &transaction) = 0;
    // Held while a timer callback runs, so that a TU callback that destroys the owner
    // does not pull it from under the running transaction. Default: nothing.
    virtual std::shared_ptr<void> keepAlive() { return {}; }
};

/// The shared base of the four §17 state machines: identity, state, the request that
/// created it, the peer, and timers that cannot outlive it.
///
/// Transactions are always owned through std::shared_ptr. Each entry point (timer,
/// received message, TU call) runs with a strong reference held, so a transaction may
/// terminate, and be dropped by its owner, in the middle of its own member function.
/// Single-threaded: everything runs on the thread of the Clock.
class Transaction : public std::enable_shared_from_this<Transaction>
{
public:
    using Duration = Clock::Duration;

    virtual ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    TransactionId id() const { return m_id; }
    TransactionKind kind() const { return m_kind; }
    TransactionState state() const { return m_state; }
    bool isClient() const
    {
        return m_kind == TransactionKind::InviteClient
                || m_kind == TransactionKind::NonInviteClient;
    }
    bool isInvite() const
    {
        return m_kind == TransactionKind::InviteClient || m_kind == TransactionKind::InviteServer;
    }
    bool isTerminated() const { return m_state == TransactionState::Terminated; }
    // The request that created the transaction (client: as the TU handed it over, before
    // the transport filled the Via sent-by; server: as received). Null once the final
    // response was sent (server) or received (client): absorbing retransmissions needs
    // only the layer's key (branch, method) and the final response or ACK, and a parsed
    // request keeps its whole buffer (several KB) for up to Timer J = 32 s.
    const SipMessage &request() const { return m_request; }
    // Where requests (client) or responses (server) are sent.
    const Endpoint &peer() const { return m_peer; }
    // Over a reliable transport: peer()'s, or TCP when the transport moved a large
    // request there (RFC 3261 §18.1.1). Decides Timers A/E (none) and D/I/J/K (zero).
    bool isReliable() const { return m_sentReliably || Sip::isReliable(m_peer.transport); }

    // An asynchronous transport failure towards peer() (MessageChannel error handler).
    // Only called when affectedByTransportError() is true.
    virtual bool affectedByTransportError() const = 0;
    virtual void transportError(const QString &reason) = 0;

    // Ends the transaction without telling anyone (the owner is going away).
    void abandon();

protected:
    Transaction(TransactionKind kind, TransactionId id, TransactionOwner &owner, SipMessage request,
                Endpoint peer);

    TransactionOwner &owner() const { return m_owner; }
    Clock &clock() const { return m_owner.clock(); }
    const TimerSettings &timers() const { return m_owner.timerSettings(); }

    void setState(TransactionState state) { m_state = state; }
    bool send(const SipMessage &message);
    // Starts `handle` so that `fn` runs after `delay` with this transaction kept alive,
    // and never runs once the transaction has been destroyed.
    void arm(TimerHandle &handle, Duration delay, std::function<void()> fn);
    // Stops every timer, enters Terminated and tells the owner. Idempotent.
    void terminate();
    // Drops the request (see request()) once the final response is in hand.
    virtual void releaseRequest() { m_request = SipMessage(); }
    virtual void stopTimers() = 0;

private:
    TransactionOwner &m_owner;
    SipMessage m_request;
    Endpoint m_peer;
    TransactionId m_id;
    TransactionKind m_kind;
    TransactionState m_state;
    bool m_sentReliably = false;
};

/// Base of the two client transactions: the TU handler and the event helpers.
class ClientTransaction : public Transaction
{
public:
    // Sends the request and starts the timers. Called once, by the owner.
    virtual void start() = 0;
    // A response whose key matched (§17.1.3).
    virtual void receiveResponse(const SipMessage &response) = 0;

protected:
    ClientTransaction(TransactionKind kind, TransactionId id, TransactionOwner &owner,
                      SipMessage request, Endpoint destination, ClientHandler handler);

    void report(ClientEvent::Type type, const SipMessage &response, const QString &error = {});
    // terminate(), then the Terminated event.
    void finish();
    // Timeout / TransportError with a synthetic response, then finish().
    void fail(ClientEvent::Type type, int statusCode, const QString &error = {});
    // A send that failed at once: reported from the clock (never from inside a TU call),
    // as a TransportError with a synthetic 503.
    void deferTransportFailure();
    // Hook for finish(): runs after terminate(), before the Terminated event.
    virtual void beforeTerminatedEvent() { }

    TimerHandle m_failure;

private:
    void emitTerminated();

    ClientHandler m_handler;
};

/// Base of the two server transactions: the last responses, the local tag and the TU
/// event handler.
class ServerTransaction : public Transaction
{
public:
    // Starts the timers (the 100 Trying timer of an INVITE). Called once, by the owner.
    virtual void start() = 0;
    // A retransmission of the request that created the transaction.
    virtual void receiveRetransmission(const IncomingMessage &request) = 0;
    // A response from the TU. False (and nothing sent) when the state does not allow it
    // or the response is not a 100-699 response; false too when the send failed (the
    // TransportError and Terminated events follow from the clock).
    virtual bool respond(const SipMessage &response) = 0;

    void setHandler(ServerHandler handler) { m_handler = std::move(handler); }
    // Its message is null once the final response was sent (see request()).
    const IncomingMessage &incoming() const { return m_incoming; }
    // The To tag of this side: the request's own when it had one (a request inside a
    // dialog), else a fresh one. createResponse() uses it; CANCEL/487 reuse it.
    const std::string &localTag() const { return m_localTag; }
    // makeResponse() with localTag(); null once the request was released.
    SipMessage createResponse(int statusCode, std::string_view reasonPhrase = {}) const;
    const SipMessage &lastProvisional() const { return m_lastProvisional; }
    // The final response sent; null before. A non-INVITE transaction keeps it only
    // serialised (see NonInviteServerTransaction) and parses it again here.
    virtual SipMessage finalResponse() const { return m_final; }
    virtual bool hasFinalResponse() const { return !m_final.isNull(); }

protected:
    ServerTransaction(TransactionKind kind, TransactionId id, TransactionOwner &owner,
                      IncomingMessage request, Endpoint responseDestination, std::string localTag);

    static bool isValidResponse(const SipMessage &response);
    // Sends a response; on failure schedules the §17.2.4 TransportError + Terminated.
    bool sendResponse(const SipMessage &response);
    // Also drops incoming() and the last provisional response.
    void releaseRequest() override;
    void report(ServerEvent::Type type, const QString &error = {});
    // terminate(), then the Terminated event.
    void finish();
    // terminate(), the event `type`, then the Terminated event.
    void finishWith(ServerEvent::Type type, const QString &error = {});
    // §17.2.4: finishWith(TransportError).
    void transportFailure(const QString &reason);

    SipMessage m_lastProvisional;
    SipMessage m_final;
    TimerHandle m_failure;

private:
    void emitTerminated();

    IncomingMessage m_incoming;
    std::string m_localTag;
    ServerHandler m_handler;
};

} // namespace Sip
