// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Transaction.h"

namespace Sip {

/// RFC 3261 §17.2.2 non-INVITE server transaction.
///
///   Trying      the request arrived; retransmissions of it are absorbed silently.
///   Proceeding  the TU sent a 1xx; a retransmitted request gets it again.
///   Completed   the TU sent a final response; a retransmitted request gets it again,
///               for Timer J (64*T1 UDP, 0 reliable). Further TU responses are refused.
///
/// Completed keeps neither the request nor the parsed final response (each a parsed
/// message of at least 6 KB, SipMessageImpl.h), only the response's bytes: a presence
/// server's burst of 10,000 NOTIFYs leaves 10,000 transactions in Completed for 32 s, and
/// a retransmitted request, rare, can pay for parsing the response again.
///
/// There is no timer before the final response: the TU must answer every request.
class NonInviteServerTransaction final : public ServerTransaction
{
public:
    NonInviteServerTransaction(TransactionId id, TransactionOwner &owner, IncomingMessage request,
                               Endpoint responseDestination, std::string localTag);
    ~NonInviteServerTransaction() override;

    void start() override;
    void receiveRetransmission(const IncomingMessage &request) override;
    bool respond(const SipMessage &response) override;
    bool affectedByTransportError() const override;
    void transportError(const QString &reason) override;
    SipMessage finalResponse() const override;
    bool hasFinalResponse() const override { return !m_finalBytes.empty(); }

protected:
    void stopTimers() override;

private:
    TimerHandle m_timerJ;
    std::string m_finalBytes;
};

} // namespace Sip
