// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DialogSender.h"
#include "DialogSet.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace Sip {

/// The UAC side of one INVITE that may fork, for a UA that wants one call
/// (§13.2.2.4, RFC 6026): it sends the INVITE through the TransactionLayer, feeds every
/// response to a DialogSet, and does what each one requires:
///   - every 2xx is ACKed (outside the transaction, to the next hop of its dialog); a
///     retransmitted 2xx gets the very same ACK again;
///   - the first 2xx is the call (dialogSet().primary());
///   - a 2xx from any other fork is ACKed and then hung up with a BYE in its dialog
///     (that dialog ends when the BYE transaction does);
///   - when the INVITE transaction ends, early dialogs left over are terminated.
/// Then the observer hears about it (after the ACK/BYE went out).
///
/// CANCEL with transaction().cancel(). Authentication retries (401/407) are a new INVITE
/// and so a new handler. Destroying the handler drops the events still to come (the
/// transactions themselves run on in the layer); BYEs already sent still end their
/// dialogs.
class InviteForkHandler
{
public:
    // Called for every response or synthetic event of the INVITE, after acting on it:
    // `result` says what it meant (result.error: an ACK or BYE that could not be sent),
    // `event` is the transaction layer's event. For the final Terminated event `result`
    // is Ignored. The handler may be destroyed from inside.
    using Observer = std::function<void(const ForkResult &result, const ClientEvent &event)>;
    // Completes the ACK of a 2xx before it is first sent: a body when the INVITE had no
    // offer (§13.2.2.4), Proxy-Authorization copied from the INVITE (§22.4), ...
    using AckDecorator = std::function<void(SipMessage &ack, const Dialog &dialog,
                                            const SipMessage &response)>;

    // `invite`: From with tag, To, Call-ID, CSeq, Contact, body...; no Via needed.
    InviteForkHandler(TransactionLayer &layer, SipMessage invite, DialogSender::Resolver resolver);
    ~InviteForkHandler();

    InviteForkHandler(const InviteForkHandler &) = delete;
    InviteForkHandler &operator=(const InviteForkHandler &) = delete;

    void setObserver(Observer observer) { m_observer = std::move(observer); }
    void setAckDecorator(AckDecorator decorator) { m_ackDecorator = std::move(decorator); }
    // A Reason header value (RFC 3326) for the BYEs that hang up extra answers, e.g.
    // "SIP;cause=200;text=\"Call completed elsewhere\"". Empty: none.
    void setExtraAnswerReason(std::string reason) { m_byeReason = std::move(reason); }

    // Sends the INVITE to `destination` (the first hop: outbound proxy, or the resolved
    // Request-URI) in a client transaction reporting here. Null handle (with the reason)
    // when the layer refuses it. Call once.
    ClientTransactionHandle start(const Endpoint &destination, std::string *error = nullptr);
    // To send the INVITE yourself: the handler to give TransactionLayer::sendRequest().
    // Safe to outlive this object (it then does nothing).
    ClientHandler clientHandler();
    // What clientHandler() calls.
    void handleEvent(const ClientEvent &event);

    const DialogSet &dialogSet() const { return m_set; }
    DialogSet &dialogSet() { return m_set; }
    std::shared_ptr<Dialog> call() const { return m_set.primary(); }
    ClientTransactionHandle transaction() const { return m_transaction; }
    const DialogSender &sender() const { return m_sender; }
    // The INVITE transaction has ended (Terminated was delivered).
    bool isFinished() const { return m_finished; }

    // The ACK sent for the 2xx of the fork with that To tag (with its Via), or null.
    SipMessage ackFor(std::string_view remoteTag) const;
    // The BYE sent to hang up that fork's extra answer, or null.
    ClientTransactionHandle byeFor(std::string_view remoteTag) const;

private:
    struct SentAck
    {
        SipMessage ack;
        Endpoint destination;
    };

    void acknowledge(ForkResult &result, const SipMessage &response);
    void hangUp(ForkResult &result);

    DialogSender m_sender;
    DialogSet m_set;
    Observer m_observer;
    AckDecorator m_ackDecorator;
    std::string m_byeReason;
    ClientTransactionHandle m_transaction;
    std::map<std::string, SentAck, std::less<>> m_acks;
    std::map<std::string, ClientTransactionHandle, std::less<>> m_byes;
    std::shared_ptr<InviteForkHandler *> m_self; // weak-referenced by clientHandler()
    bool m_finished = false;
};

} // namespace Sip
