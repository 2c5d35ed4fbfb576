// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NonInviteServerTransaction.h"

namespace Sip {

NonInviteServerTransaction::NonInviteServerTransaction(TransactionId id, TransactionOwner &owner,
                                                       IncomingMessage request,
                                                       Endpoint responseDestination,
                                                       std::string localTag)
    : ServerTransaction(TransactionKind::NonInviteServer, id, owner, std::move(request),
                        std::move(responseDestination), std::move(localTag))
{
}

NonInviteServerTransaction::~NonInviteServerTransaction() = default;

void NonInviteServerTransaction::start()
{
    setState(TransactionState::Trying);
}

void NonInviteServerTransaction::receiveRetransmission(const IncomingMessage &)
{
    switch (state()) {
    case TransactionState::Proceeding:
        sendResponse(m_lastProvisional);
        break;
    case TransactionState::Completed:
        sendResponse(finalResponse());
        break;
    default:
        // Trying: absorbed (§17.2.2).
        break;
    }
}

bool NonInviteServerTransaction::respond(const SipMessage &response)
{
    if (!isValidResponse(response))
        return false;
    const TransactionState s = state();
    if (s != TransactionState::Trying && s != TransactionState::Proceeding)
        return false;
    if (response.statusCode() < 200) {
        setState(TransactionState::Proceeding);
        m_lastProvisional = response;
        return sendResponse(response);
    }
    setState(TransactionState::Completed);
    m_finalBytes = response.toString();
    arm(m_timerJ, timers().timerJ(isReliable()), [this] { finish(); });
    const bool sent = sendResponse(response);
    // 10,000 NOTIFYs would otherwise keep 10,000 parsed requests for Timer J (32 s).
    releaseRequest();
    return sent;
}

SipMessage NonInviteServerTransaction::finalResponse() const
{
    return m_finalBytes.empty() ? SipMessage() : SipMessage::parse(m_finalBytes);
}

bool NonInviteServerTransaction::affectedByTransportError() const
{
    return state() == TransactionState::Proceeding || state() == TransactionState::Completed;
}

void NonInviteServerTransaction::transportError(const QString &reason)
{
    if (affectedByTransportError())
        transportFailure(reason);
}

void NonInviteServerTransaction::stopTimers()
{
    m_timerJ.cancel();
    m_failure.cancel();
}

} // namespace Sip
