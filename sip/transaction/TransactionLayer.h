// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TimerSettings.h"
#include "TransactionTypes.h"
#include "transport/MessageChannel.h"

#include <memory>
#include <string>
#include <string_view>

namespace Sip {

class Transaction;
class TransactionLayerPrivate;

/// The TU's handle on a client transaction. Cheap to copy; holds only an id and a weak
/// reference, so it is safe to keep after the transaction (or the whole layer) is gone:
/// every call then does nothing and says so.
class ClientTransactionHandle
{
public:
    ClientTransactionHandle() = default;

    TransactionId id() const { return m_id; }
    // True when sendRequest() refused the request (no transaction was created).
    bool isNull() const { return m_id == TransactionId::Invalid; }
    explicit operator bool() const { return !isNull(); }
    // True while the transaction exists (its Terminated event has not been delivered).
    bool isAlive() const;
    TransactionState state() const; // Terminated when gone

    // TransactionLayer::cancel() for this transaction.
    bool cancel(ClientHandler handler = {}, std::string_view reason = {}) const;

private:
    friend class TransactionLayerPrivate;
    ClientTransactionHandle(std::weak_ptr<TransactionLayerPrivate> layer, TransactionId id)
        : m_layer(std::move(layer))
        , m_id(id)
    {
    }

    std::weak_ptr<TransactionLayerPrivate> m_layer;
    TransactionId m_id = TransactionId::Invalid;
};

/// The TU's handle on a server transaction, given to the RequestHandler and the
/// CancelHandler. Cheap to copy, safe to keep (see ClientTransactionHandle). The request
/// and local tag stay readable after the transaction is gone.
class ServerTransactionHandle
{
public:
    ServerTransactionHandle() = default;

    TransactionId id() const { return m_id; }
    bool isNull() const { return m_id == TransactionId::Invalid; }
    explicit operator bool() const { return !isNull(); }
    bool isAlive() const;
    TransactionState state() const; // Terminated when gone

    // The request that created the transaction, as received.
    const SipMessage &request() const { return m_request; }
    // The To tag of this side for every response of this transaction: the request's own
    // To tag when it had one (a request inside a dialog), else a fresh random tag.
    const std::string &localTag() const { return m_localTag; }

    // makeResponse(request(), statusCode, reasonPhrase, localTag()): Via, From, To (with
    // the local tag when above 100), Call-ID, CSeq, Content-Length: 0. The TU adds Contact,
    // a body, ... and passes it to respond().
    SipMessage createResponse(int statusCode, std::string_view reasonPhrase = {}) const;

    // Sends a response through the transaction (§17.2). False when the transaction is
    // gone, the state does not take that response (a second final response, a 1xx after
    // the final, ...), or the send failed at once - in which case the TransportError and
    // Terminated events follow from the clock.
    bool respond(const SipMessage &response) const;
    // respond(createResponse(statusCode, reasonPhrase)).
    bool respond(int statusCode, std::string_view reasonPhrase = {}) const;

    // Where the transaction's ServerEvents (AckTimeout, TransportError, Terminated) go.
    // Set it from inside the RequestHandler to miss nothing. No-op when gone.
    void setEventHandler(ServerHandler handler) const;

private:
    friend class TransactionLayerPrivate;
    ServerTransactionHandle(std::weak_ptr<TransactionLayerPrivate> layer, TransactionId id,
                            SipMessage request, std::string localTag)
        : m_layer(std::move(layer))
        , m_id(id)
        , m_request(std::move(request))
        , m_localTag(std::move(localTag))
    {
    }

    std::weak_ptr<TransactionLayerPrivate> m_layer;
    TransactionId m_id = TransactionId::Invalid;
    SipMessage m_request;
    std::string m_localTag;
};

/// The RFC 3261 §17 transaction layer (with the RFC 6026 fixes) of a user agent.
///
/// It owns every client and server transaction, matches incoming messages to them
/// (§17.1.3, §17.2.3), and talks to the transport through a MessageChannel, whose
/// receive and error handlers it takes over for its lifetime. All timers run on the
/// given Clock. Single-threaded: construct, use and destroy it on the thread of the
/// clock and the channel (the signalling thread); TU callbacks run on that thread.
///
/// TU callbacks are plain std::function values: no QObject, no queued connections, so
/// the whole layer runs in virtual time in tests. They may call back into the layer
/// (send requests, respond, cancel), and may even destroy it: every transaction is then
/// abandoned at once, and the only event still delivered is the Terminated that
/// follows the event being handled (e.g. after a Timeout). The Clock and the channel
/// must outlive the layer.
///
/// Client side
///   sendRequest() starts a transaction (INVITE or non-INVITE by method) and reports to
///   its ClientHandler: every response, a Timeout (synthetic 408) or TransportError
///   (synthetic 503), and always a final Terminated. See ClientEvent.
///   The request needs From, To, Call-ID, CSeq (method matching) and, if it has a Via,
///   a top Via whose branch has the magic cookie (make one with newBranch()). A request
///   without Via gets a top Via with a fresh branch and a placeholder sent-by that the
///   transport replaces with the socket it sends from (§18.1.1).
///   ACK is not a transaction: the ACK for a 2xx is the TU's (dialog's) job, sent with
///   sendStateless(); the ACK for a non-2xx is sent by the INVITE client transaction.
///
/// Server side
///   A request that matches no transaction creates one and goes to the RequestHandler
///   with a ServerTransactionHandle, which the TU answers through (now or later).
///   Retransmissions are absorbed by the transaction (§17.2). An INVITE server
///   transaction sends 100 Trying after TimerSettings::trying100 (200 ms) if the TU has
///   not responded by then, and retransmits a 2xx until the ACK (see
///   InviteServerTransaction). Without a RequestHandler every request gets a 503.
///
///   A CANCEL (§9.2) gets its own non-INVITE server transaction, answered by the layer:
///   481 when it matches no INVITE server transaction, else 200 (with the INVITE's To
///   tag). If that INVITE has no final response yet, the CancelHandler is called with
///   the INVITE's handle, and the TU answers the INVITE with 487
///   (`invite.respond(487)`); without a CancelHandler the layer sends the 487 itself.
///
///   ACKs reach the TU only when they are for a 2xx (RFC 6026), through the AckHandler,
///   with the id of the INVITE server transaction whose 2xx they acknowledge (matched by
///   Call-ID, From tag, To tag and CSeq number; that also stops the 2xx retransmission),
///   or TransactionId::Invalid when no such transaction exists any more. ACKs for
///   non-2xx responses are absorbed by their transaction.
///
/// Transport errors (MessageChannel error handler, or send() returning false) end the
/// client transactions waiting for a response from that destination with a
/// TransportError (synthetic 503, §17.1.4, §8.1.3.1), and the server transactions that
/// were sending responses there with ServerEvent::TransportError (§17.2.4).
class TransactionLayer
{
public:
    // A new request, with the handle of the server transaction it created.
    using RequestHandler = std::function<void(const ServerTransactionHandle &transaction,
                                              const IncomingMessage &request)>;
    // A CANCEL for an INVITE that has no final response yet; the CANCEL itself has
    // already been answered with 200. The TU ends the INVITE with invite.respond(487).
    using CancelHandler = std::function<void(const ServerTransactionHandle &invite,
                                             const IncomingMessage &cancel)>;
    // An ACK for a 2xx. `invite` is the INVITE server transaction (Accepted state) whose
    // 2xx it acknowledges, or Invalid when there is none (e.g. after Timer L).
    using AckHandler = std::function<void(const IncomingMessage &ack, TransactionId invite)>;
    // A response that matched no client transaction (RFC 6026: a UA drops it; for logs).
    using StrayResponseHandler = std::function<void(const IncomingMessage &response)>;

    TransactionLayer(MessageChannel &channel, Clock &clock, const TimerSettings &timers = {});
    // Abandons every transaction without further events and releases the channel.
    ~TransactionLayer();

    TransactionLayer(const TransactionLayer &) = delete;
    TransactionLayer &operator=(const TransactionLayer &) = delete;

    const TimerSettings &timerSettings() const;
    Clock &clock() const;

    // "z9hG4bK" + 96 random bits (same as Sip::newBranch()).
    static std::string newBranch();
    // A random From/To tag (same as Sip::newTag()).
    static std::string newTag();

    // ---- Client ----

    // Starts a client transaction for `request` (any method but ACK) towards
    // `destination`. Returns a null handle (and the reason in `error`) when the request
    // is unusable or a client transaction with the same branch and method exists.
    // `handler` may be empty (fire and forget). It is never called from inside this call.
    ClientTransactionHandle sendRequest(const SipMessage &request, const Endpoint &destination,
                                        ClientHandler handler, std::string *error = nullptr);

    // Cancels a pending INVITE client transaction (§9.1): builds the CANCEL (makeCancel())
    // and sends it in a non-INVITE client transaction of its own to the same destination,
    // reporting to `handler` (may be empty). Before any provisional response the CANCEL
    // is held back until one arrives; if the INVITE gets a final response or ends first,
    // the CANCEL is never sent and `handler` just gets Terminated. Once sent, an INVITE
    // with no final response 64*T1 later ends with a Timeout (synthetic 487).
    // `reason`: optional Reason header value (RFC 3326).
    // False when `invite` is not an INVITE client transaction in Calling or Proceeding,
    // or was already cancelled; `handler` is then not called.
    bool cancel(TransactionId invite, ClientHandler handler = {}, std::string_view reason = {});

    // Hands a message straight to the transport, outside any transaction: the ACK for a
    // 2xx (§13.2.2.4), or a stateless response.
    bool sendStateless(const SipMessage &message, const Endpoint &destination);

    // ---- Server ----

    void setRequestHandler(RequestHandler handler);
    void setCancelHandler(CancelHandler handler);
    void setAckHandler(AckHandler handler);
    void setStrayResponseHandler(StrayResponseHandler handler);

    // ---- Input (normally from the channel) ----

    // What the channel's receive handler calls.
    void receive(const IncomingMessage &incoming);
    // What the channel's error handler calls.
    void transportError(const Endpoint &destination, const QString &reason);

    // ---- Introspection ----

    int transactionCount() const;
    TransactionState state(TransactionId id) const; // Terminated when unknown
    ClientTransactionHandle clientTransaction(TransactionId id) const; // null when unknown
    ServerTransactionHandle serverTransaction(TransactionId id) const; // null when unknown
    // The transaction itself (tests, diagnostics); null when unknown.
    std::shared_ptr<const Transaction> transaction(TransactionId id) const;

private:
    std::shared_ptr<TransactionLayerPrivate> d;
};

} // namespace Sip
