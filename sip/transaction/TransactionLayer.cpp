// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TransactionLayer.h"

#include "InviteClientTransaction.h"
#include "InviteServerTransaction.h"
#include "NonInviteClientTransaction.h"
#include "NonInviteServerTransaction.h"
#include "TransactionKey.h"
#include "TransactionMessages.h"
#include "transport/ViaRouting.h"

#include <unordered_map>
#include <vector>

namespace Sip {

class TransactionLayerPrivate final : public TransactionOwner,
                                      public std::enable_shared_from_this<TransactionLayerPrivate>
{
public:
    TransactionLayerPrivate(MessageChannel &channel, Clock &clock, const TimerSettings &timers)
        : m_channel(channel)
        , m_clock(clock)
        , m_timers(timers)
    {
    }

    // TransactionOwner
    Clock &clock() override { return m_clock; }
    const TimerSettings &timerSettings() const override { return m_timers; }
    bool transmit(const SipMessage &message, const Endpoint &destination,
                  TransportType *transportUsed) override
    {
        return m_channel.send(message, destination, transportUsed);
    }
    void transactionTerminated(Transaction &transaction) override;
    std::shared_ptr<void> keepAlive() override { return shared_from_this(); }

    void attach();
    void shutdown();

    template<typename T>
    std::shared_ptr<T> find(TransactionId id) const
    {
        const auto it = m_transactions.find(static_cast<quint64>(id));
        return it == m_transactions.end() ? nullptr : std::dynamic_pointer_cast<T>(it->second.tx);
    }
    template<typename T>
    std::shared_ptr<T> findByKey(const std::unordered_map<std::string, quint64> &index,
                                 const std::string &key) const
    {
        if (key.empty())
            return nullptr;
        const auto it = index.find(key);
        return it == index.end() ? nullptr : find<T>(TransactionId(it->second));
    }

    ClientTransactionHandle sendRequest(const SipMessage &request, const Endpoint &destination,
                                        ClientHandler handler, std::string *error);
    bool cancel(TransactionId invite, ClientHandler handler, std::string_view reason);
    void sendCancel(const std::shared_ptr<InviteClientTransaction> &invite,
                    InviteClientTransaction::PendingCancel cancel);
    bool respond(TransactionId id, const SipMessage &response);

    void receive(const IncomingMessage &incoming);
    void receiveResponse(const IncomingMessage &incoming);
    void receiveRequest(const IncomingMessage &incoming);
    void receiveAck(const IncomingMessage &incoming);
    void receiveCancel(const IncomingMessage &incoming, const std::string &key);
    void transportError(const Endpoint &destination, const QString &reason);

    ClientTransactionHandle clientHandle(TransactionId id)
    {
        return ClientTransactionHandle(weak_from_this(), id);
    }
    ServerTransactionHandle serverHandle(const ServerTransaction &t)
    {
        return ServerTransactionHandle(weak_from_this(), t.id(), t.request(), t.localTag());
    }

    TransactionLayer::RequestHandler m_requestHandler;
    TransactionLayer::CancelHandler m_cancelHandler;
    TransactionLayer::AckHandler m_ackHandler;
    TransactionLayer::StrayResponseHandler m_strayHandler;

    struct Entry
    {
        std::shared_ptr<Transaction> tx;
        std::string key; // in m_clientIndex or m_serverIndex
        std::string ackKey; // in m_ackIndex (INVITE server transaction in Accepted)
    };
    std::unordered_map<quint64, Entry> m_transactions;

private:
    TransactionId nextId() { return TransactionId(m_nextId++); }
    void insert(const std::shared_ptr<Transaction> &tx, const std::string &key);
    std::shared_ptr<ServerTransaction> createServer(const IncomingMessage &incoming,
                                                    const std::string &key);
    void deliverAck(const IncomingMessage &ack, TransactionId invite);

    MessageChannel &m_channel;
    Clock &m_clock;
    TimerSettings m_timers;
    quint64 m_nextId = 1;
    std::unordered_map<std::string, quint64> m_clientIndex;
    std::unordered_map<std::string, quint64> m_serverIndex;
    std::unordered_map<std::string, quint64> m_ackIndex;
    int m_channelDepth = 0;
    bool m_shutdown = false;
};

// ---- TransactionLayerPrivate ------------------------------------------------------------

void TransactionLayerPrivate::attach()
{
    // Weak: the channel may outlive the layer. The depth counter tells shutdown() that it
    // runs inside one of these handlers, whose std::function it must then not destroy.
    std::weak_ptr<TransactionLayerPrivate> weak = weak_from_this();
    m_channel.setReceiveHandler([weak](const IncomingMessage &incoming) {
        if (const auto self = weak.lock()) {
            ++self->m_channelDepth;
            self->receive(incoming);
            --self->m_channelDepth;
        }
    });
    m_channel.setErrorHandler([weak](const Endpoint &destination, const QString &reason) {
        if (const auto self = weak.lock()) {
            ++self->m_channelDepth;
            self->transportError(destination, reason);
            --self->m_channelDepth;
        }
    });
}

void TransactionLayerPrivate::shutdown()
{
    m_shutdown = true;
    if (m_channelDepth == 0) {
        m_channel.setReceiveHandler({});
        m_channel.setErrorHandler({});
    } // else: the handlers stay, and do nothing once this object is gone
    m_requestHandler = nullptr;
    m_cancelHandler = nullptr;
    m_ackHandler = nullptr;
    m_strayHandler = nullptr;
    std::unordered_map<quint64, Entry> all;
    all.swap(m_transactions);
    m_clientIndex.clear();
    m_serverIndex.clear();
    m_ackIndex.clear();
    for (auto &[id, entry] : all)
        entry.tx->abandon();
}

void TransactionLayerPrivate::insert(const std::shared_ptr<Transaction> &tx, const std::string &key)
{
    m_transactions[static_cast<quint64>(tx->id())] = Entry { tx, key, {} };
    (tx->isClient() ? m_clientIndex : m_serverIndex)[key] = static_cast<quint64>(tx->id());
}

void TransactionLayerPrivate::transactionTerminated(Transaction &transaction)
{
    const auto it = m_transactions.find(static_cast<quint64>(transaction.id()));
    if (it == m_transactions.end())
        return;
    const quint64 id = it->first;
    auto unindex = [id](std::unordered_map<std::string, quint64> &index, const std::string &key) {
        const auto found = key.empty() ? index.end() : index.find(key);
        if (found != index.end() && found->second == id)
            index.erase(found);
    };
    unindex(transaction.isClient() ? m_clientIndex : m_serverIndex, it->second.key);
    unindex(m_ackIndex, it->second.ackKey);
    // The caller holds a strong reference: erasing cannot destroy the transaction while
    // one of its member functions runs.
    m_transactions.erase(it);
}

ClientTransactionHandle TransactionLayerPrivate::sendRequest(const SipMessage &request,
                                                             const Endpoint &destination,
                                                             ClientHandler handler,
                                                             std::string *error)
{
    auto refuse = [error](const char *reason) {
        if (error)
            *error = reason;
        return ClientTransactionHandle();
    };
    if (m_shutdown)
        return refuse("the transaction layer is shutting down");
    if (!request.isRequest())
        return refuse("not a request");
    if (request.methodId() == Method::Ack)
        return refuse("ACK is not sent in a transaction (use sendStateless)");
    if (!request.cseq() || request.cseq()->method() != request.method())
        return refuse("missing CSeq, or its method differs from the request's");
    if (request.callId().empty() || !request.from() || !request.to())
        return refuse("missing From, To or Call-ID");

    SipMessage message = request;
    if (message.vias().empty() && !addTopVia(message, destination.transport))
        return refuse("could not add a Via");
    const Via &top = message.vias().front();
    if (!top.hasRfc3261Branch())
        return refuse("the top Via has no RFC 3261 branch (z9hG4bK...)");
    const std::string key = TransactionKey::client(top.branch(), message.method());
    if (m_clientIndex.count(key))
        return refuse("a client transaction with this branch and method exists");

    const TransactionId id = nextId();
    std::shared_ptr<ClientTransaction> tx;
    if (message.methodId() == Method::Invite) {
        auto invite = std::make_shared<InviteClientTransaction>(id, *this, message, destination,
                                                                std::move(handler));
        std::weak_ptr<InviteClientTransaction> weakInvite = invite;
        invite->setCancelSender([this, weakInvite](InviteClientTransaction::PendingCancel c) {
            if (auto strong = weakInvite.lock())
                sendCancel(strong, std::move(c));
        });
        tx = std::move(invite);
    } else {
        tx = std::make_shared<NonInviteClientTransaction>(id, *this, message, destination,
                                                          std::move(handler));
    }
    insert(tx, key);
    tx->start();
    if (error)
        error->clear();
    return clientHandle(id);
}

bool TransactionLayerPrivate::cancel(TransactionId inviteId, ClientHandler handler,
                                     std::string_view reason)
{
    const auto invite = find<InviteClientTransaction>(inviteId);
    if (!invite || invite->cancelRequested())
        return false;
    const TransactionState s = invite->state();
    if (s != TransactionState::Calling && s != TransactionState::Proceeding)
        return false;
    const std::string cancelKey
            = TransactionKey::client(invite->request().vias().front().branch(), "CANCEL");
    if (m_clientIndex.count(cancelKey))
        return false; // the TU sent its own CANCEL with sendRequest()
    InviteClientTransaction::PendingCancel pending { std::move(handler), std::string(reason) };
    if (s == TransactionState::Calling)
        invite->deferCancel(std::move(pending)); // §9.1: not before a provisional response
    else
        sendCancel(invite, std::move(pending));
    return true;
}

void TransactionLayerPrivate::sendCancel(const std::shared_ptr<InviteClientTransaction> &invite,
                                         InviteClientTransaction::PendingCancel pending)
{
    const SipMessage cancel = makeCancel(invite->request(), pending.reason);
    const std::string key = TransactionKey::forResponse(cancel); // branch + "CANCEL"
    if (m_shutdown || cancel.isNull() || key.empty() || m_clientIndex.count(key)) {
        if (pending.handler) {
            ClientEvent event;
            event.type = ClientEvent::Type::Terminated;
            pending.handler(event);
        }
        return;
    }
    auto tx = std::make_shared<NonInviteClientTransaction>(nextId(), *this, cancel, invite->peer(),
                                                           std::move(pending.handler));
    insert(tx, key);
    invite->cancelSent();
    tx->start();
}

bool TransactionLayerPrivate::respond(TransactionId id, const SipMessage &response)
{
    const auto tx = find<ServerTransaction>(id);
    if (!tx)
        return false;
    const bool sent = tx->respond(response);
    if (tx->kind() == TransactionKind::InviteServer && tx->state() == TransactionState::Accepted) {
        // Index the 2xx so its ACK (which has a branch of its own) finds the transaction.
        auto it = m_transactions.find(static_cast<quint64>(id));
        if (it != m_transactions.end() && it->second.ackKey.empty()) {
            it->second.ackKey = TransactionKey::forDialogAck(response);
            if (!it->second.ackKey.empty())
                m_ackIndex[it->second.ackKey] = static_cast<quint64>(id);
        }
    }
    return sent;
}

void TransactionLayerPrivate::receive(const IncomingMessage &incoming)
{
    const auto guard = shared_from_this(); // a TU callback may destroy the layer
    if (m_shutdown || incoming.message.isNull() || incoming.message.vias().empty()
        || !incoming.message.cseq())
        return;
    if (incoming.message.isResponse())
        receiveResponse(incoming);
    else
        receiveRequest(incoming);
}

void TransactionLayerPrivate::receiveResponse(const IncomingMessage &incoming)
{
    if (const auto tx = findByKey<ClientTransaction>(
                m_clientIndex, TransactionKey::forResponse(incoming.message))) {
        tx->receiveResponse(incoming.message);
        return;
    }
    if (m_strayHandler) {
        const auto handler = m_strayHandler;
        handler(incoming);
    }
}

void TransactionLayerPrivate::receiveRequest(const IncomingMessage &incoming)
{
    const SipMessage &request = incoming.message;
    if (request.methodId() == Method::Ack) {
        receiveAck(incoming);
        return;
    }
    const std::string key = TransactionKey::forRequest(request);
    if (key.empty())
        return;
    if (const auto tx = findByKey<ServerTransaction>(m_serverIndex, key)) {
        tx->receiveRetransmission(incoming);
        return;
    }
    if (request.methodId() == Method::Cancel) {
        receiveCancel(incoming, key);
        return;
    }
    const auto tx = createServer(incoming, key);
    if (!m_requestHandler) {
        tx->respond(tx->createResponse(503));
        return;
    }
    const auto handler = m_requestHandler;
    handler(serverHandle(*tx), incoming);
}

void TransactionLayerPrivate::receiveAck(const IncomingMessage &incoming)
{
    // §17.2.3 (same branch): the ACK for a non-2xx, absorbed by its transaction; in
    // Accepted (a peer reusing the INVITE's branch) it goes up (RFC 6026 §8.7).
    if (const auto invite = findByKey<InviteServerTransaction>(
                m_serverIndex, TransactionKey::forRequest(incoming.message))) {
        if (invite->receiveAck(incoming) == InviteServerTransaction::AckDisposition::PassToTu)
            deliverAck(incoming, invite->id());
        return;
    }
    // The ACK for a 2xx: its own transaction, matched to the 2xx by dialog and CSeq.
    if (const auto invite = findByKey<InviteServerTransaction>(
                m_ackIndex, TransactionKey::forDialogAck(incoming.message))) {
        invite->ackReceived();
        deliverAck(incoming, invite->id());
        return;
    }
    deliverAck(incoming, TransactionId::Invalid);
}

void TransactionLayerPrivate::deliverAck(const IncomingMessage &ack, TransactionId invite)
{
    if (m_ackHandler) {
        const auto handler = m_ackHandler;
        handler(ack, invite);
    }
}

void TransactionLayerPrivate::receiveCancel(const IncomingMessage &incoming, const std::string &key)
{
    // The CANCEL is a non-INVITE transaction of its own (its retransmissions get the same
    // answer); §9.2 matches it to the INVITE by §17.2.3 with the method taken as INVITE.
    const auto cancelTx = createServer(incoming, key);
    const auto invite = findByKey<InviteServerTransaction>(
            m_serverIndex, TransactionKey::forRequest(incoming.message, "INVITE"));
    if (!invite) {
        cancelTx->respond(cancelTx->createResponse(481));
        return;
    }
    // §9.2: the 200 for the CANCEL carries the To tag of the INVITE's responses.
    cancelTx->respond(makeResponse(incoming.message, 200, {}, invite->localTag()));
    if (invite->state() != TransactionState::Proceeding)
        return; // a final response was sent: the CANCEL has no effect
    if (m_cancelHandler) {
        const auto handler = m_cancelHandler;
        handler(serverHandle(*invite), incoming);
    } else {
        respond(invite->id(), invite->createResponse(487));
    }
}

std::shared_ptr<ServerTransaction>
TransactionLayerPrivate::createServer(const IncomingMessage &incoming, const std::string &key)
{
    const SipMessage &request = incoming.message;
    const std::string_view requestTag = request.to() ? request.to()->tag() : std::string_view();
    std::string localTag = requestTag.empty() ? newTag() : std::string(requestTag);
    const Endpoint destination = ViaRouting::responseDestination(incoming);
    std::shared_ptr<ServerTransaction> tx;
    if (request.methodId() == Method::Invite)
        tx = std::make_shared<InviteServerTransaction>(nextId(), *this, incoming, destination,
                                                       std::move(localTag));
    else
        tx = std::make_shared<NonInviteServerTransaction>(nextId(), *this, incoming, destination,
                                                          std::move(localTag));
    insert(tx, key);
    tx->start();
    return tx;
}

void TransactionLayerPrivate::transportError(const Endpoint &destination, const QString &reason)
{
    const auto guard = shared_from_this();
    if (m_shutdown)
        return;
    std::vector<std::shared_ptr<Transaction>> affected;
    for (const auto &[id, entry] : m_transactions) {
        if (entry.tx->peer() == destination && entry.tx->affectedByTransportError())
            affected.push_back(entry.tx);
    }
    for (const auto &tx : affected) {
        if (!tx->isTerminated())
            tx->transportError(reason);
    }
}

// ---- Handles ----------------------------------------------------------------------------

bool ClientTransactionHandle::isAlive() const
{
    const auto layer = m_layer.lock();
    return layer && layer->find<ClientTransaction>(m_id) != nullptr;
}

TransactionState ClientTransactionHandle::state() const
{
    const auto layer = m_layer.lock();
    const auto tx = layer ? layer->find<ClientTransaction>(m_id) : nullptr;
    return tx ? tx->state() : TransactionState::Terminated;
}

bool ClientTransactionHandle::cancel(ClientHandler handler, std::string_view reason) const
{
    const auto layer = m_layer.lock();
    return layer && layer->cancel(m_id, std::move(handler), reason);
}

bool ServerTransactionHandle::isAlive() const
{
    const auto layer = m_layer.lock();
    return layer && layer->find<ServerTransaction>(m_id) != nullptr;
}

TransactionState ServerTransactionHandle::state() const
{
    const auto layer = m_layer.lock();
    const auto tx = layer ? layer->find<ServerTransaction>(m_id) : nullptr;
    return tx ? tx->state() : TransactionState::Terminated;
}

SipMessage ServerTransactionHandle::createResponse(int statusCode,
                                                   std::string_view reasonPhrase) const
{
    return makeResponse(m_request, statusCode, reasonPhrase, m_localTag);
}

bool ServerTransactionHandle::respond(const SipMessage &response) const
{
    const auto layer = m_layer.lock();
    return layer && layer->respond(m_id, response);
}

bool ServerTransactionHandle::respond(int statusCode, std::string_view reasonPhrase) const
{
    return respond(createResponse(statusCode, reasonPhrase));
}

void ServerTransactionHandle::setEventHandler(ServerHandler handler) const
{
    const auto layer = m_layer.lock();
    if (const auto tx = layer ? layer->find<ServerTransaction>(m_id) : nullptr)
        tx->setHandler(std::move(handler));
}

// ---- TransactionLayer -------------------------------------------------------------------

TransactionLayer::TransactionLayer(MessageChannel &channel, Clock &clock,
                                   const TimerSettings &timers)
    : d(std::make_shared<TransactionLayerPrivate>(channel, clock, timers))
{
    d->attach();
}

TransactionLayer::~TransactionLayer()
{
    d->shutdown();
}

const TimerSettings &TransactionLayer::timerSettings() const
{
    return d->timerSettings();
}

Clock &TransactionLayer::clock() const
{
    return d->clock();
}

std::string TransactionLayer::newBranch()
{
    return Sip::newBranch();
}

std::string TransactionLayer::newTag()
{
    return Sip::newTag();
}

ClientTransactionHandle TransactionLayer::sendRequest(const SipMessage &request,
                                                      const Endpoint &destination,
                                                      ClientHandler handler, std::string *error)
{
    return d->sendRequest(request, destination, std::move(handler), error);
}

bool TransactionLayer::cancel(TransactionId invite, ClientHandler handler, std::string_view reason)
{
    return d->cancel(invite, std::move(handler), reason);
}

bool TransactionLayer::sendStateless(const SipMessage &message, const Endpoint &destination)
{
    return d->transmit(message, destination, nullptr);
}

void TransactionLayer::setRequestHandler(RequestHandler handler)
{
    d->m_requestHandler = std::move(handler);
}

void TransactionLayer::setCancelHandler(CancelHandler handler)
{
    d->m_cancelHandler = std::move(handler);
}

void TransactionLayer::setAckHandler(AckHandler handler)
{
    d->m_ackHandler = std::move(handler);
}

void TransactionLayer::setStrayResponseHandler(StrayResponseHandler handler)
{
    d->m_strayHandler = std::move(handler);
}

void TransactionLayer::receive(const IncomingMessage &incoming)
{
    d->receive(incoming);
}

void TransactionLayer::transportError(const Endpoint &destination, const QString &reason)
{
    d->transportError(destination, reason);
}

int TransactionLayer::transactionCount() const
{
    return static_cast<int>(d->m_transactions.size());
}

TransactionState TransactionLayer::state(TransactionId id) const
{
    const auto tx = d->find<Transaction>(id);
    return tx ? tx->state() : TransactionState::Terminated;
}

ClientTransactionHandle TransactionLayer::clientTransaction(TransactionId id) const
{
    return d->find<ClientTransaction>(id) ? d->clientHandle(id) : ClientTransactionHandle();
}

ServerTransactionHandle TransactionLayer::serverTransaction(TransactionId id) const
{
    const auto tx = d->find<ServerTransaction>(id);
    return tx ? d->serverHandle(*tx) : ServerTransactionHandle();
}

std::shared_ptr<const Transaction> TransactionLayer::transaction(TransactionId id) const
{
    return d->find<Transaction>(id);
}

} // namespace Sip
