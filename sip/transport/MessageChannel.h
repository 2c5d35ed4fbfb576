// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Endpoint.h"
#include "message/SipMessage.h"

#include <functional>

namespace Sip {

/// A message that arrived, with where it came from and the local socket it reached.
struct IncomingMessage
{
    SipMessage message;
    Endpoint source;
    Endpoint local;
};

/// What the transaction layer needs of the transport layer: send a message somewhere,
/// and hear about messages that arrive and sends that failed. TransportManager is the
/// production implementation; tests use a fake that records and injects messages.
class MessageChannel
{
public:
    using ReceiveHandler = std::function<void(const IncomingMessage &)>;
    // A send that failed after send() returned (connection refused, TLS handshake error,
    // connection closed before the write): RFC 3261 §17.1.4 turns it into a 503 for the
    // client transactions that used that destination.
    using ErrorHandler = std::function<void(const Endpoint &destination, const QString &reason)>;

    virtual ~MessageChannel();

    // Sends `message` to `destination`. For a request the top Via's sent-by is set from
    // the socket actually used (and its transport, if a large message moved from UDP to
    // TCP, RFC 3261 §18.1.1). Returns false when the send failed at once. When
    // `transportUsed` is given it receives the transport the message went over, which
    // differs from destination.transport when a large request moved to TCP: a
    // transaction must then stop behaving as over UDP (no retransmissions, §17.1.1.2).
    virtual bool send(const SipMessage &message, const Endpoint &destination,
                      TransportType *transportUsed)
            = 0;
    bool send(const SipMessage &message, const Endpoint &destination)
    {
        return send(message, destination, nullptr);
    }

    void setReceiveHandler(ReceiveHandler handler) { m_receive = std::move(handler); }
    void setErrorHandler(ErrorHandler handler) { m_error = std::move(handler); }

protected:
    void deliver(const IncomingMessage &incoming)
    {
        if (m_receive)
            m_receive(incoming);
    }
    void reportError(const Endpoint &destination, const QString &reason)
    {
        if (m_error)
            m_error(destination, reason);
    }

private:
    ReceiveHandler m_receive;
    ErrorHandler m_error;
};

} // namespace Sip
