// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NonInviteClientTransaction.h"

#include <algorithm>

namespace Sip {

NonInviteClientTransaction::NonInviteClientTransaction(TransactionId id, TransactionOwner &owner,
                                                       SipMessage request, Endpoint destination,
                                                       ClientHandler handler)
    : ClientTransaction(TransactionKind::NonInviteClient, id, owner, std::move(request),
                        std::move(destination), std::move(handler))
{
}

NonInviteClientTransaction::~NonInviteClientTransaction() = default;

void NonInviteClientTransaction::start()
{
    setState(TransactionState::Trying);
    if (!send(request())) {
        deferTransportFailure();
        return;
    }
    if (!isReliable()) {
        m_intervalE = timers().timerE();
        arm(m_timerE, m_intervalE, [this] { onTimerE(); });
    }
    arm(m_timerF, timers().timerF(), [this] { onTimerF(); });
}

void NonInviteClientTransaction::onTimerE()
{
    const TransactionState s = state();
    if (s != TransactionState::Trying && s != TransactionState::Proceeding)
        return;
    if (!send(request())) {
        fail(ClientEvent::Type::TransportError, 503, QStringLiteral("send failed"));
        return;
    }
    // §17.1.2.2: Trying doubles up to T2; Proceeding retransmits every T2.
    m_intervalE
            = s == TransactionState::Trying ? std::min(2 * m_intervalE, timers().t2) : timers().t2;
    arm(m_timerE, m_intervalE, [this] { onTimerE(); });
}

void NonInviteClientTransaction::onTimerF()
{
    const TransactionState s = state();
    if (s == TransactionState::Trying || s == TransactionState::Proceeding)
        fail(ClientEvent::Type::Timeout, 408);
}

void NonInviteClientTransaction::receiveResponse(const SipMessage &response)
{
    const int code = response.statusCode();
    if (code < 100 || code > 699)
        return;
    const TransactionState s = state();
    if (s != TransactionState::Trying && s != TransactionState::Proceeding)
        return; // Completed: retransmissions of the final response are absorbed
    if (code < 200) {
        setState(TransactionState::Proceeding);
        report(ClientEvent::Type::Response, response);
        return;
    }
    m_timerE.cancel();
    m_timerF.cancel();
    setState(TransactionState::Completed);
    arm(m_timerK, timers().timerK(isReliable()), [this] { finish(); });
    releaseRequest(); // Completed only absorbs retransmitted responses
    report(ClientEvent::Type::Response, response);
}

bool NonInviteClientTransaction::affectedByTransportError() const
{
    return state() == TransactionState::Trying || state() == TransactionState::Proceeding;
}

void NonInviteClientTransaction::transportError(const QString &reason)
{
    if (affectedByTransportError())
        fail(ClientEvent::Type::TransportError, 503, reason);
}

void NonInviteClientTransaction::stopTimers()
{
    m_timerE.cancel();
    m_timerF.cancel();
    m_timerK.cancel();
    m_failure.cancel();
}

} // namespace Sip
