// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Transaction.h"

namespace Sip {

/// RFC 3261 §17.2.1 INVITE server transaction with the RFC 6026 "Accepted" state.
///
///   Proceeding  the INVITE arrived. If the TU has sent no response after
///               TimerSettings::trying100 (200 ms), a 100 Trying goes out (0: at once).
///               A retransmitted INVITE gets the latest provisional response again (a
///               100 Trying when there is none yet).
///   Completed   the TU sent a 300-699: Timer G (UDP only) retransmits it at T1, 2*T1, ...
///               capped at T2, as does every retransmitted INVITE; Timer H (64*T1) gives
///               up waiting for the ACK and tells the TU (ServerEvent::AckTimeout).
///   Confirmed   the ACK arrived: it is absorbed, as are its retransmissions, for Timer I
///               (T4 UDP, 0 reliable).
///   Accepted    the TU sent a 2xx (RFC 6026): retransmitted INVITEs are absorbed, a
///               matching ACK goes to the TU, further 2xx from the TU are sent, for
///               Timer L (64*T1).
///
/// 2xx retransmission. RFC 3261 §13.3.1.4 makes retransmitting the 2xx until the ACK
/// arrives a duty of the UAS core, not of the transaction (which in RFC 3261 is already
/// gone). Parlo does it here, in the Accepted state that RFC 6026 added, so every INVITE
/// (initial or re-INVITE) gets it without the dialog layer keeping timers: the latest
/// 2xx is re-sent at T1, 2*T1, ... capped at T2 - over every transport, since the 2xx is
/// retransmitted end to end and hops further on may be UDP - until ackReceived() (the
/// layer calls it for an ACK that matches the 2xx by Call-ID, tags and CSeq number, which
/// §17.2.3 matching cannot do since that ACK has a branch of its own). If Timer L fires
/// with no ACK, the TU gets ServerEvent::AckTimeout and SHOULD send BYE.
class InviteServerTransaction final : public ServerTransaction
{
public:
    InviteServerTransaction(TransactionId id, TransactionOwner &owner, IncomingMessage invite,
                            Endpoint responseDestination, std::string localTag);
    ~InviteServerTransaction() override;

    void start() override;
    void receiveRetransmission(const IncomingMessage &request) override;
    bool respond(const SipMessage &response) override;
    bool affectedByTransportError() const override;
    void transportError(const QString &reason) override;

    enum class AckDisposition { Absorbed, PassToTu };
    // An ACK matched by §17.2.3 (same branch): absorbed for a non-2xx (Completed ->
    // Confirmed), passed to the TU in Accepted (RFC 6026 §8.7).
    AckDisposition receiveAck(const IncomingMessage &ack);
    // An ACK for our 2xx arrived (matched by the layer): stop retransmitting the 2xx.
    void ackReceived();
    bool isAcked() const { return m_acked; }
    // The 2xx sent (Accepted), null otherwise.
    const SipMessage &acceptedResponse() const { return m_2xx; }

protected:
    void stopTimers() override;

private:
    void sendTrying();
    void onTimerG();
    void onTimerH();
    void onTimerL();
    void on2xxRetransmit();

    TimerHandle m_trying;
    TimerHandle m_timerG;
    TimerHandle m_timerH;
    TimerHandle m_timerI;
    TimerHandle m_timerL;
    TimerHandle m_retransmit2xx;
    Duration m_intervalG { 0 };
    Duration m_interval2xx { 0 };
    SipMessage m_2xx;
    bool m_acked = false;
    bool m_sentAnything = false;
};

} // namespace Sip
