// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Transaction.h"

namespace Sip {

/// RFC 3261 §17.1.2 non-INVITE client transaction (any method but INVITE and ACK).
///
///   Trying      request sent. Timer E (UDP only) retransmits after T1, then doubles the
///               interval up to T2 (500, 1000, 2000, 4000, 4000, ... ms); Timer F (64*T1)
///               ends it with a synthetic 408.
///   Proceeding  a 1xx arrived: passed up; Timer E keeps retransmitting, now every T2.
///   Completed   a final response arrived: passed up once; retransmissions of it are
///               absorbed during Timer K (T4 UDP, 0 reliable).
class NonInviteClientTransaction final : public ClientTransaction
{
public:
    NonInviteClientTransaction(TransactionId id, TransactionOwner &owner, SipMessage request,
                               Endpoint destination, ClientHandler handler);
    ~NonInviteClientTransaction() override;

    void start() override;
    void receiveResponse(const SipMessage &response) override;
    bool affectedByTransportError() const override;
    void transportError(const QString &reason) override;

protected:
    void stopTimers() override;

private:
    void onTimerE();
    void onTimerF();

    TimerHandle m_timerE;
    TimerHandle m_timerF;
    TimerHandle m_timerK;
    Duration m_intervalE { 0 };
};

} // namespace Sip
