// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "InviteServerTransaction.h"

#include "TransactionMessages.h"

#include <algorithm>

namespace Sip {

InviteServerTransaction::InviteServerTransaction(TransactionId id, TransactionOwner &owner,
                                                 IncomingMessage invite,
                                                 Endpoint responseDestination, std::string localTag)
    : ServerTransaction(TransactionKind::InviteServer, id, owner, std::move(invite),
                        std::move(responseDestination), std::move(localTag))
{
}

InviteServerTransaction::~InviteServerTransaction() = default;

void InviteServerTransaction::start()
{
    setState(TransactionState::Proceeding);
    if (timers().trying100 <= Duration(0))
        sendTrying();
    else
        arm(m_trying, timers().trying100, [this] {
            if (state() == TransactionState::Proceeding && !m_sentAnything)
                sendTrying();
        });
}

void InviteServerTransaction::sendTrying()
{
    m_trying.cancel();
    // 100 Trying never carries a To tag (§8.2.6.2) and copies Timestamp (§8.2.6.1).
    m_lastProvisional = makeResponse(request(), 100, "Trying");
    m_sentAnything = true;
    sendResponse(m_lastProvisional);
}

void InviteServerTransaction::receiveRetransmission(const IncomingMessage &)
{
    switch (state()) {
    case TransactionState::Proceeding:
        // §17.2.1: the latest provisional response again. With none yet, a 100 Trying
        // (always allowed) stops the client's Timer A sooner than silence would.
        if (m_lastProvisional.isNull())
            sendTrying();
        else
            sendResponse(m_lastProvisional);
        break;
    case TransactionState::Completed:
        sendResponse(m_final);
        break;
    default:
        // Accepted (RFC 6026 §8.7) and Confirmed: absorbed.
        break;
    }
}

bool InviteServerTransaction::respond(const SipMessage &response)
{
    if (!isValidResponse(response))
        return false;
    const int code = response.statusCode();
    const TransactionState s = state();

    if (s == TransactionState::Accepted) {
        // RFC 6026 §8.7: further 2xx from the TU go to the transport; the latest one is
        // what the retransmission timer re-sends.
        if (code < 200 || code >= 300)
            return false;
        m_2xx = response;
        return sendResponse(response);
    }
    if (s != TransactionState::Proceeding)
        return false;

    m_trying.cancel();
    m_sentAnything = true;
    if (code < 200) {
        m_lastProvisional = response;
        return sendResponse(response);
    }
    m_final = response;
    if (code < 300) {
        setState(TransactionState::Accepted);
        m_2xx = response;
        arm(m_timerL, timers().timerL(), [this] { onTimerL(); });
        m_interval2xx = timers().t1;
        arm(m_retransmit2xx, m_interval2xx, [this] { on2xxRetransmit(); });
        const bool sent = sendResponse(response);
        releaseRequest();
        return sent;
    }
    setState(TransactionState::Completed);
    if (!isReliable()) {
        m_intervalG = timers().timerG();
        arm(m_timerG, m_intervalG, [this] { onTimerG(); });
    }
    arm(m_timerH, timers().timerH(), [this] { onTimerH(); });
    const bool sent = sendResponse(response);
    releaseRequest();
    return sent;
}

void InviteServerTransaction::onTimerG()
{
    if (state() != TransactionState::Completed)
        return;
    if (!sendResponse(m_final))
        return;
    m_intervalG = std::min(2 * m_intervalG, timers().t2);
    arm(m_timerG, m_intervalG, [this] { onTimerG(); });
}

void InviteServerTransaction::onTimerH()
{
    if (state() != TransactionState::Completed)
        return;
    // §17.2.1: the ACK never came; the TU is told that the transaction failed.
    finishWith(ServerEvent::Type::AckTimeout);
}

void InviteServerTransaction::onTimerL()
{
    if (state() != TransactionState::Accepted)
        return;
    if (m_acked)
        finish();
    else
        finishWith(ServerEvent::Type::AckTimeout);
}

void InviteServerTransaction::on2xxRetransmit()
{
    if (state() != TransactionState::Accepted || m_acked)
        return;
    if (!sendResponse(m_2xx))
        return;
    m_interval2xx = std::min(2 * m_interval2xx, timers().t2);
    arm(m_retransmit2xx, m_interval2xx, [this] { on2xxRetransmit(); });
}

InviteServerTransaction::AckDisposition InviteServerTransaction::receiveAck(const IncomingMessage &)
{
    switch (state()) {
    case TransactionState::Completed:
        m_timerG.cancel();
        m_timerH.cancel();
        setState(TransactionState::Confirmed);
        arm(m_timerI, timers().timerI(isReliable()), [this] { finish(); });
        return AckDisposition::Absorbed;
    case TransactionState::Accepted:
        ackReceived();
        return AckDisposition::PassToTu;
    default:
        return AckDisposition::Absorbed;
    }
}

void InviteServerTransaction::ackReceived()
{
    if (state() != TransactionState::Accepted)
        return;
    m_acked = true;
    m_retransmit2xx.cancel();
}

bool InviteServerTransaction::affectedByTransportError() const
{
    // Accepted is left to Timer L: the ACK may still come through another path.
    return (state() == TransactionState::Proceeding && m_sentAnything)
            || state() == TransactionState::Completed;
}

void InviteServerTransaction::transportError(const QString &reason)
{
    if (affectedByTransportError())
        transportFailure(reason);
}

void InviteServerTransaction::stopTimers()
{
    m_trying.cancel();
    m_timerG.cancel();
    m_timerH.cancel();
    m_timerI.cancel();
    m_timerL.cancel();
    m_retransmit2xx.cancel();
    m_failure.cancel();
}

} // namespace Sip
