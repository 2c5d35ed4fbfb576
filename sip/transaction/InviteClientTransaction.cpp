// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "InviteClientTransaction.h"

#include "TransactionMessages.h"

namespace Sip {

InviteClientTransaction::InviteClientTransaction(TransactionId id, TransactionOwner &owner,
                                                 SipMessage invite, Endpoint destination,
                                                 ClientHandler handler)
    : ClientTransaction(TransactionKind::InviteClient, id, owner, std::move(invite),
                        std::move(destination), std::move(handler))
{
}

InviteClientTransaction::~InviteClientTransaction() = default;

void InviteClientTransaction::start()
{
    setState(TransactionState::Calling);
    if (!send(request())) {
        deferTransportFailure();
        return;
    }
    if (!isReliable()) {
        m_intervalA = timers().timerA();
        arm(m_timerA, m_intervalA, [this] { onTimerA(); });
    }
    arm(m_timerB, timers().timerB(), [this] { onTimerB(); });
}

void InviteClientTransaction::onTimerA()
{
    if (state() != TransactionState::Calling)
        return;
    if (!send(request())) {
        fail(ClientEvent::Type::TransportError, 503, QStringLiteral("send failed"));
        return;
    }
    // §17.1.1.2: the interval doubles on every firing, with no cap (unlike Timer E).
    m_intervalA *= 2;
    arm(m_timerA, m_intervalA, [this] { onTimerA(); });
}

void InviteClientTransaction::onTimerB()
{
    if (state() == TransactionState::Calling)
        fail(ClientEvent::Type::Timeout, 408);
}

void InviteClientTransaction::onCancelGuard()
{
    if (state() == TransactionState::Calling || state() == TransactionState::Proceeding)
        fail(ClientEvent::Type::Timeout, 487);
}

void InviteClientTransaction::receiveResponse(const SipMessage &response)
{
    const int code = response.statusCode();
    if (code < 100 || code > 699)
        return;
    const TransactionState s = state();

    if (code < 200) {
        if (s != TransactionState::Calling && s != TransactionState::Proceeding)
            return;
        if (s == TransactionState::Calling) {
            m_timerA.cancel();
            m_timerB.cancel();
            setState(TransactionState::Proceeding);
        }
        // §9.1: the CANCEL parked in Calling may go now.
        if (m_pendingCancel) {
            PendingCancel cancel = std::move(*m_pendingCancel);
            m_pendingCancel.reset();
            if (m_cancelSender)
                m_cancelSender(std::move(cancel));
        }
        if (!isTerminated())
            report(ClientEvent::Type::Response, response);
        return;
    }

    if (code < 300) {
        if (s == TransactionState::Calling || s == TransactionState::Proceeding) {
            // RFC 6026 §8.4: Accepted, Timer M; the TU generates the ACK.
            m_timerA.cancel();
            m_timerB.cancel();
            m_cancelGuard.cancel();
            setState(TransactionState::Accepted);
            arm(m_timerM, timers().timerM(), [this] { finish(); });
            dropPendingCancel();
            releaseRequest(); // the TU sends the ACK for a 2xx, from its dialog
            report(ClientEvent::Type::Response, response);
        } else if (s == TransactionState::Accepted) {
            // Retransmissions and the 2xx of other forks: all to the TU (RFC 6026 §8.4).
            report(ClientEvent::Type::Response, response);
        }
        return;
    }

    // 300-699
    if (s == TransactionState::Calling || s == TransactionState::Proceeding) {
        m_timerA.cancel();
        m_timerB.cancel();
        m_cancelGuard.cancel();
        setState(TransactionState::Completed);
        m_ack = makeNon2xxAck(request(), response);
        send(m_ack); // a failed ACK is not worth reporting: the response is in hand
        arm(m_timerD, timers().timerD(isReliable()), [this] { finish(); });
        dropPendingCancel();
        releaseRequest(); // retransmitted final responses get m_ack
        report(ClientEvent::Type::Response, response);
    } else if (s == TransactionState::Completed) {
        // §17.1.1.2: a retransmitted final response is ACKed again, not passed up.
        send(m_ack);
    }
}

bool InviteClientTransaction::affectedByTransportError() const
{
    // Only Calling sends anything the transport could fail on (ACKs are best effort).
    return state() == TransactionState::Calling;
}

void InviteClientTransaction::transportError(const QString &reason)
{
    if (state() == TransactionState::Calling)
        fail(ClientEvent::Type::TransportError, 503, reason);
}

void InviteClientTransaction::deferCancel(PendingCancel cancel)
{
    m_cancelRequested = true;
    m_pendingCancel = std::move(cancel);
}

void InviteClientTransaction::cancelSent()
{
    m_cancelRequested = true;
    arm(m_cancelGuard, timers().cancelGuard(), [this] { onCancelGuard(); });
}

void InviteClientTransaction::dropPendingCancel()
{
    if (!m_pendingCancel)
        return;
    // The CANCEL is never sent; its handler still gets its one Terminated event.
    PendingCancel cancel = std::move(*m_pendingCancel);
    m_pendingCancel.reset();
    if (cancel.handler) {
        ClientEvent event;
        event.type = ClientEvent::Type::Terminated;
        cancel.handler(event);
    }
}

void InviteClientTransaction::beforeTerminatedEvent()
{
    dropPendingCancel();
}

void InviteClientTransaction::stopTimers()
{
    m_timerA.cancel();
    m_timerB.cancel();
    m_timerD.cancel();
    m_timerM.cancel();
    m_cancelGuard.cancel();
    m_failure.cancel();
}

} // namespace Sip
