// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Conversation.h"
#include "storage/StoredMessage.h"

#include <QList>

#include <limits>
#include <optional>

namespace App {

class Database;

/// Instant messages and conversations over a Database (synchronous; the caller's thread
/// must be the database's). Every write is one transaction and the call returns after
/// COMMIT, i.e. once the data is durable: the SIP layer may acknowledge what a returned
/// call stored.
///
/// Protocol order the API is designed for:
///  - outgoing: addOutgoing() (Queued) -> send -> setSending(id, Call-ID, CSeq) ->
///    markSent() / markFailed(). After a restart or re-registration, pendingOutgoing()
///    lists what still has to go out (Queued, and Sending interrupted by a crash).
///  - incoming: addIncoming() -> only then answer 200 OK. A retransmission (same Call-ID,
///    CSeq and sender) returns Duplicate with the first copy's id; answer 200 OK again.
///
/// Failures return std::nullopt / false and leave the reason in Database::lastError().
class MessageStore
{
public:
    static constexpr qint64 MaxTime = std::numeric_limits<qint64>::max();
    static constexpr qint64 MaxId = std::numeric_limits<qint64>::max();

    enum class AddResult { Stored, Duplicate, Failed };
    struct Incoming
    {
        AddResult result = AddResult::Failed;
        qint64 id = 0; // the new row, or the row of the first copy for a duplicate
        qint64 conversationId = 0;
        bool isNew() const { return result == AddResult::Stored; }
    };

    explicit MessageStore(Database &db);

    // Stores an outgoing message as Queued, before anything is sent. timeMs 0: now.
    std::optional<qint64> addOutgoing(const QString &peerUri, const QString &body,
                                      const QString &contentType = QStringLiteral("text/plain"),
                                      qint64 timeMs = 0);
    // Uses peerUri, body, contentType, callId, cseq, sentMs (Date header, may be 0) and
    // receivedMs (0: now). Bumps the conversation's unread count for new messages only.
    Incoming addIncoming(const StoredMessage &message);

    bool setSending(qint64 id, const QString &callId, quint32 cseq);
    bool markSent(qint64 id, qint64 sentMs = 0);
    bool markFailed(qint64 id, int failureCode, const QString &reason);
    // Back to Queued (e.g. the user pressed "retry"): clears the failure.
    bool requeue(qint64 id);
    // Generic form of the above for state machines that just mirror SIP.
    bool updateState(qint64 id, MessageState state, int failureCode = 0,
                     const QString &failureReason = {});

    std::optional<StoredMessage> message(qint64 id);
    // One page of a conversation, in chronological order (oldest first), of the messages
    // strictly older than (beforeTimeMs, beforeId). The newest page: the defaults. The
    // next older page: pass the first message of the current page.
    QList<StoredMessage> messages(qint64 conversationId, int limit = 50,
                                  qint64 beforeTimeMs = MaxTime, qint64 beforeId = MaxId);
    // Outgoing Queued and Sending messages, oldest first (send order). Sending ones were
    // interrupted (crash, network loss) and may have reached the peer already.
    QList<StoredMessage> pendingOutgoing(int limit = 1000);
    bool removeMessage(qint64 id);

    // Conversations, most recent activity first.
    QList<Conversation> conversations(int limit = 500);
    std::optional<Conversation> conversation(qint64 id);
    // The conversation with this peer, created if needed (e.g. when the user opens a chat).
    std::optional<qint64> conversationFor(const QString &peerUri);
    std::optional<int> unreadCount(qint64 conversationId);
    std::optional<int> totalUnread();
    bool markRead(qint64 conversationId);
    // Deletes the conversation and all its messages.
    bool removeConversation(qint64 conversationId);

private:
    std::optional<qint64> ensureConversation(const QString &peerUri, qint64 activityMs,
                                             int unreadIncrement);
    bool setStateFields(qint64 id, const char *sql, const QVariantList &binds, const char *what);

    Database &m_db;
};

} // namespace App
