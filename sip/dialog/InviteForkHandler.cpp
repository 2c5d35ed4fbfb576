// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "InviteForkHandler.h"

namespace Sip {

InviteForkHandler::InviteForkHandler(TransactionLayer &layer, SipMessage invite,
                                     DialogSender::Resolver resolver)
    : m_sender(layer, std::move(resolver))
    , m_set(std::move(invite))
    , m_self(std::make_shared<InviteForkHandler *>(this))
{
}

InviteForkHandler::~InviteForkHandler() = default;

ClientHandler InviteForkHandler::clientHandler()
{
    std::weak_ptr<InviteForkHandler *> weak = m_self;
    return [weak](const ClientEvent &event) {
        if (const auto self = weak.lock())
            (*self)->handleEvent(event);
    };
}

ClientTransactionHandle InviteForkHandler::start(const Endpoint &destination, std::string *error)
{
    m_transaction
            = m_sender.layer().sendRequest(m_set.invite(), destination, clientHandler(), error);
    return m_transaction;
}

SipMessage InviteForkHandler::ackFor(std::string_view remoteTag) const
{
    const auto it = m_acks.find(remoteTag);
    return it == m_acks.end() ? SipMessage() : it->second.ack;
}

ClientTransactionHandle InviteForkHandler::byeFor(std::string_view remoteTag) const
{
    const auto it = m_byes.find(remoteTag);
    return it == m_byes.end() ? ClientTransactionHandle() : it->second;
}

void InviteForkHandler::acknowledge(ForkResult &result, const SipMessage &response)
{
    const Dialog &dialog = *result.dialog;
    const auto known = m_acks.find(dialog.remoteTag());
    if (known != m_acks.end()) {
        // §13.2.2.4: each 2xx gets an ACK; a retransmission gets the same one again.
        if (!m_sender.sendAgain(known->second.ack, known->second.destination))
            result.error = "the transport refused the ACK";
        return;
    }
    // §13.2.2.4: the ACK carries the CSeq number of the INVITE.
    SipMessage ack = dialog.createAck(m_set.invite().cseq()->number(), &result.error);
    if (ack.isNull())
        return;
    if (m_ackDecorator)
        m_ackDecorator(ack, dialog, response);
    const std::optional<Endpoint> destination = m_sender.sendAck(ack, dialog, &result.error);
    if (destination)
        m_acks.emplace(dialog.remoteTag(), SentAck { ack, *destination });
}

void InviteForkHandler::hangUp(ForkResult &result)
{
    // §13.2.2.4: a 2xx from a fork other than the call's is ACKed, then its dialog is
    // ended with a BYE.
    std::shared_ptr<Dialog> dialog = result.dialog;
    std::string error;
    SipMessage bye = dialog->createRequest("BYE", &error);
    if (!bye.isNull() && !m_byeReason.empty())
        bye.addHeader("Reason", m_byeReason, &error);
    ClientTransactionHandle handle;
    if (!bye.isNull()) {
        handle = m_sender.send(
                bye, *dialog,
                [dialog](const ClientEvent &e) {
                    // §15.1.1: the dialog is over once the BYE has its answer, or none comes.
                    if (e.type != ClientEvent::Type::Response)
                        dialog->terminate();
                    else if (e.isFinal()) {
                        dialog->handleResponse(e.response);
                        dialog->terminate();
                    }
                },
                &error);
    }
    if (handle) {
        m_byes.emplace(dialog->remoteTag(), handle);
    } else {
        dialog->terminate();
        if (result.error.empty())
            result.error = "cannot send the BYE: " + error;
    }
}

void InviteForkHandler::handleEvent(const ClientEvent &event)
{
    if (m_transaction.isNull())
        m_transaction = m_sender.layer().clientTransaction(event.transaction);

    ForkResult result;
    if (event.type == ClientEvent::Type::Terminated) {
        m_finished = true;
        m_set.transactionTerminated();
    } else {
        result = m_set.handleResponse(event.response);
        if (result.needsAck())
            acknowledge(result, event.response);
        if (result.needsBye())
            hangUp(result);
    }
    if (m_observer) {
        // The observer may destroy this handler: call a copy.
        const Observer observer = m_observer;
        observer(result, event);
    }
}

} // namespace Sip
