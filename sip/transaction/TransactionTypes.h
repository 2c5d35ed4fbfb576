// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message/SipMessage.h"

#include <QString>

#include <functional>

namespace Sip {

/// Identifies one transaction of a TransactionLayer. Ids come from a 64-bit counter and
/// are never reused, so a stale id can never reach a newer transaction. Invalid (0) is
/// never handed out.
enum class TransactionId : quint64 { Invalid = 0 };

/// RFC 3261 §17 states, plus "Accepted" from RFC 6026. Which ones a transaction goes
/// through depends on its kind:
///   INVITE client:     Calling -> Proceeding -> Completed | Accepted -> Terminated
///   non-INVITE client: Trying -> Proceeding -> Completed -> Terminated
///   INVITE server:     Proceeding -> Completed -> Confirmed | Accepted -> Terminated
///   non-INVITE server: Trying -> Proceeding -> Completed -> Terminated
enum class TransactionState : quint8 {
    Calling,
    Trying,
    Proceeding,
    Completed,
    Accepted,
    Confirmed,
    Terminated
};

enum class TransactionKind : quint8 {
    InviteClient,
    NonInviteClient,
    InviteServer,
    NonInviteServer
};

const char *toString(TransactionState state);
const char *toString(TransactionKind kind);

/// What a client transaction tells its TU. Every client transaction reports zero or more
/// Response events, then at most one of Timeout / TransportError, and always exactly one
/// Terminated event, last. After Terminated the handler is dropped.
///
/// Events are never delivered from inside a call the TU made into the layer
/// (sendRequest(), cancel(), ...): a send that fails at once is reported from the clock.
struct ClientEvent
{
    enum class Type : quint8 {
        // A response from the network: each 1xx, the final response, and for an INVITE
        // (RFC 6026 Accepted state) every further 2xx, e.g. from other forks. The TU ACKs
        // each 2xx itself (§13.2.2.4); ACKs for non-2xx are sent by the transaction.
        Response,
        // Timer B / Timer F fired without a final response: `response` is a synthetic
        // "408 Request Timeout" (§8.1.3.1). For a CANCELled INVITE that got no final
        // response within 64*T1 of the CANCEL (§9.1) it is a synthetic
        // "487 Request Terminated".
        Timeout,
        // The transport failed (§17.1.4, §8.1.3.1): `response` is a synthetic
        // "503 Service Unavailable"; `error` says what failed.
        TransportError,
        // The transaction is gone; no more events. `response` is null.
        Terminated
    };

    Type type = Type::Terminated;
    TransactionId transaction = TransactionId::Invalid;
    SipMessage response;
    QString error;

    int statusCode() const { return response.statusCode(); } // 0 for Terminated
    bool isProvisional() const { return statusCode() >= 100 && statusCode() < 200; }
    bool isFinal() const { return statusCode() >= 200; }
    bool isSynthetic() const { return type == Type::Timeout || type == Type::TransportError; }
};
using ClientHandler = std::function<void(const ClientEvent &)>;

/// What a server transaction tells its TU besides the request itself (the layer's
/// RequestHandler), the CANCEL (CancelHandler) and an ACK for a 2xx (AckHandler).
/// Always ends with exactly one Terminated event.
struct ServerEvent
{
    enum class Type : quint8 {
        // INVITE only: no ACK came for the final response. For a non-2xx that is Timer H
        // (§17.2.1); for a 2xx it is Timer L (RFC 6026) while the 2xx was still being
        // retransmitted, and the TU SHOULD end the session with a BYE (§13.3.1.4).
        AckTimeout,
        // A response could not be sent (§17.2.4); `error` says why. The transaction ends.
        TransportError,
        // The transaction is gone; further respond() calls fail.
        Terminated
    };

    Type type = Type::Terminated;
    TransactionId transaction = TransactionId::Invalid;
    QString error;
};
using ServerHandler = std::function<void(const ServerEvent &)>;

} // namespace Sip
