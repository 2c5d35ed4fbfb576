// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace App {

// Stored as integers: never renumber.
enum class MessageDirection { Incoming = 0, Outgoing = 1 };
enum class MessageState {
    Queued = 0, // written, not yet handed to SIP (offline, or waiting for its turn)
    Sending = 1, // MESSAGE sent, no final response yet
    Sent = 2, // 2xx received
    Failed = 3, // final error response or timeout; failureCode/failureReason say which
    Received = 4, // incoming
};

/// One instant message as stored (table messages).
struct StoredMessage
{
    qint64 id = 0;
    qint64 conversationId = 0;
    MessageDirection direction = MessageDirection::Incoming;
    QString peerUri; // normalised (SipUriNormalizer)
    QString body;
    QString contentType = QStringLiteral("text/plain");
    // Sort key, ms since the epoch UTC: when the user sent it, or when it arrived.
    qint64 timeMs = 0;
    // Outgoing: when the server accepted it (2xx). Incoming: the sender's Date header.
    // 0: unknown.
    qint64 sentMs = 0;
    qint64 receivedMs = 0; // incoming: arrival time; 0 for outgoing
    MessageState state = MessageState::Received;
    int failureCode = 0; // SIP status, or 0 (e.g. a transport error; see failureReason)
    QString failureReason;
    QString callId; // SIP Call-ID and CSeq number: incoming dedupe, outgoing correlation
    quint32 cseq = 0;
};

} // namespace App

Q_DECLARE_METATYPE(App::StoredMessage)
