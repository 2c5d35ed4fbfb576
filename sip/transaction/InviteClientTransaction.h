// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Transaction.h"

#include <optional>

namespace Sip {

/// RFC 3261 §17.1.1 INVITE client transaction with the RFC 6026 "Accepted" state.
///
///   Calling     INVITE sent. Timer A (UDP only) retransmits at T1, 2*T1, 4*T1, ...
///               (no cap); Timer B (64*T1) ends it with a synthetic 408.
///   Proceeding  a 1xx arrived: retransmissions stop, no timer runs (the TU decides how
///               long to ring, and CANCELs).
///   Completed   a 300-699 arrived: passed up once, ACKed (§17.1.1.3); retransmissions of
///               it are ACKed again and absorbed. Timer D (32 s UDP, 0 reliable).
///   Accepted    a 2xx arrived (RFC 6026): every 2xx, the first and those of other forks
///               and retransmissions alike, goes to the TU, which ACKs it. Timer M (64*T1).
///
/// CANCEL (§9.1) is driven by TransactionLayer: a CANCEL may only be sent once a
/// provisional response arrived, so a cancel requested in Calling is parked here and
/// handed to the cancel sender when the first 1xx comes (or dropped when the transaction
/// ends first). Once the CANCEL is out, the INVITE is given up 64*T1 later if it still
/// has no final response (synthetic 487, ClientEvent::Type::Timeout).
class InviteClientTransaction final : public ClientTransaction
{
public:
    struct PendingCancel
    {
        ClientHandler handler;
        std::string reason; // RFC 3326 Reason header value, may be empty
    };
    using CancelSender = std::function<void(PendingCancel cancel)>;

    InviteClientTransaction(TransactionId id, TransactionOwner &owner, SipMessage invite,
                            Endpoint destination, ClientHandler handler);
    ~InviteClientTransaction() override;

    void start() override;
    void receiveResponse(const SipMessage &response) override;
    bool affectedByTransportError() const override;
    void transportError(const QString &reason) override;

    void setCancelSender(CancelSender sender) { m_cancelSender = std::move(sender); }
    // True once cancel was asked for (parked or sent).
    bool cancelRequested() const { return m_cancelRequested; }
    // Calling: parks the cancel until a provisional response arrives.
    void deferCancel(PendingCancel cancel);
    // The CANCEL was sent: starts the §9.1 guard timer.
    void cancelSent();

    // The last ACK this transaction sent (null before a non-2xx final response).
    const SipMessage &ack() const { return m_ack; }

protected:
    void stopTimers() override;
    void beforeTerminatedEvent() override;

private:
    void onTimerA();
    void onTimerB();
    void onCancelGuard();
    void dropPendingCancel();

    TimerHandle m_timerA;
    TimerHandle m_timerB;
    TimerHandle m_timerD;
    TimerHandle m_timerM;
    TimerHandle m_cancelGuard;
    Duration m_intervalA { 0 };
    SipMessage m_ack;
    CancelSender m_cancelSender;
    std::optional<PendingCancel> m_pendingCancel;
    bool m_cancelRequested = false;
};

} // namespace Sip
