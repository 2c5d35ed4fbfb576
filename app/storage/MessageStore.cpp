// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/MessageStore.h"

#include "storage/Database.h"
#include "storage/SipUriNormalizer.h"
#include "storage/SqlTransaction.h"
#include "storage/SqlValues.h"

#include <QSqlQuery>

#include <algorithm>

namespace App {

namespace {

const QString messageColumns = QStringLiteral(
        "id, conversation_id, direction, peer_uri, body, content_type, time_ms, sent_ms,"
        " received_ms, state, failure_code, failure_reason, call_id, cseq");

StoredMessage readMessage(const QSqlQuery &q)
{
    StoredMessage m;
    m.id = q.value(0).toLongLong();
    m.conversationId = q.value(1).toLongLong();
    m.direction = MessageDirection(q.value(2).toInt());
    m.peerUri = q.value(3).toString();
    m.body = q.value(4).toString();
    m.contentType = q.value(5).toString();
    m.timeMs = q.value(6).toLongLong();
    m.sentMs = q.value(7).toLongLong();
    m.receivedMs = q.value(8).toLongLong();
    m.state = MessageState(q.value(9).toInt());
    m.failureCode = q.value(10).toInt();
    m.failureReason = q.value(11).toString();
    m.callId = q.value(12).toString();
    m.cseq = quint32(q.value(13).toLongLong());
    return m;
}

Conversation readConversation(const QSqlQuery &q)
{
    Conversation c;
    c.id = q.value(0).toLongLong();
    c.peerUri = q.value(1).toString();
    c.lastActivityMs = q.value(2).toLongLong();
    c.unreadCount = q.value(3).toInt();
    return c;
}

int clampLimit(int limit)
{
    return std::clamp(limit, 1, 100000);
}

} // namespace

MessageStore::MessageStore(Database &db)
    : m_db(db)
{
}

std::optional<qint64> MessageStore::ensureConversation(const QString &peerUri, qint64 activityMs,
                                                       int unreadIncrement)
{
    {
        QSqlQuery q = m_db.prepare(QStringLiteral(
                "INSERT INTO conversations (peer_uri, last_activity_ms, unread_count)"
                " VALUES (?, ?, ?) ON CONFLICT (peer_uri) DO UPDATE SET"
                " last_activity_ms = max(last_activity_ms, excluded.last_activity_ms),"
                " unread_count = unread_count + excluded.unread_count"));
        q.addBindValue(peerUri);
        q.addBindValue(activityMs);
        q.addBindValue(unreadIncrement);
        if (!m_db.exec(q, "store the conversation"))
            return std::nullopt;
    }
    const QVariant id = m_db.scalar(
            QStringLiteral("SELECT id FROM conversations WHERE peer_uri = ?"), { peerUri });
    if (id.isNull())
        return std::nullopt;
    return id.toLongLong();
}

std::optional<qint64> MessageStore::addOutgoing(const QString &peerUri, const QString &body,
                                                const QString &contentType, qint64 timeMs)
{
    m_db.assertOwningThread();
    const QString peer = SipUriNormalizer::normalize(peerUri);
    if (peer.isEmpty()) {
        m_db.setError(QStringLiteral("cannot store a message without a recipient"));
        return std::nullopt;
    }
    if (timeMs == 0)
        timeMs = SqlValues::nowMs();

    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return std::nullopt;
    const auto conversationId = ensureConversation(peer, timeMs, 0);
    if (!conversationId)
        return std::nullopt;
    qint64 id = 0;
    {
        QSqlQuery q = m_db.prepare(QStringLiteral(
                "INSERT INTO messages (conversation_id, direction, peer_uri, body, content_type,"
                " time_ms, state) VALUES (?, 1, ?, ?, ?, ?, 0)"));
        q.addBindValue(*conversationId);
        q.addBindValue(peer);
        q.addBindValue(SqlValues::text(body));
        q.addBindValue(contentType.isEmpty() ? QStringLiteral("text/plain") : contentType);
        q.addBindValue(timeMs);
        if (!m_db.exec(q, "store the outgoing message"))
            return std::nullopt;
        id = q.lastInsertId().toLongLong();
    }
    if (!transaction.commit())
        return std::nullopt;
    return id;
}

MessageStore::Incoming MessageStore::addIncoming(const StoredMessage &message)
{
    m_db.assertOwningThread();
    Incoming result;
    const QString peer = SipUriNormalizer::normalize(message.peerUri);
    if (peer.isEmpty()) {
        m_db.setError(QStringLiteral("cannot store an incoming message without a sender"));
        return result;
    }
    const qint64 receivedMs = message.receivedMs != 0 ? message.receivedMs : SqlValues::nowMs();

    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return result;
    if (!message.callId.isEmpty()) {
        // Matches the partial unique index messages_incoming_dedupe (direction = 0).
        QSqlQuery q = m_db.prepare(QStringLiteral(
                "SELECT id, conversation_id FROM messages"
                " WHERE direction = 0 AND call_id = ? AND cseq = ? AND peer_uri = ?"));
        q.addBindValue(message.callId);
        q.addBindValue(qint64(message.cseq));
        q.addBindValue(peer);
        if (!m_db.exec(q, "look for a duplicate message"))
            return result;
        if (q.next()) {
            result.result = AddResult::Duplicate;
            result.id = q.value(0).toLongLong();
            result.conversationId = q.value(1).toLongLong();
            return result; // nothing written; the transaction rolls back
        }
    }
    const auto conversationId = ensureConversation(peer, receivedMs, 1);
    if (!conversationId)
        return result;
    qint64 id = 0;
    {
        QSqlQuery q = m_db.prepare(QStringLiteral(
                "INSERT INTO messages (conversation_id, direction, peer_uri, body, content_type,"
                " time_ms, sent_ms, received_ms, state, call_id, cseq)"
                " VALUES (?, 0, ?, ?, ?, ?, ?, ?, 4, ?, ?)"));
        q.addBindValue(*conversationId);
        q.addBindValue(peer);
        q.addBindValue(SqlValues::text(message.body));
        q.addBindValue(message.contentType.isEmpty() ? QStringLiteral("text/plain")
                                                     : message.contentType);
        q.addBindValue(receivedMs);
        q.addBindValue(SqlValues::nullableInt(message.sentMs));
        q.addBindValue(receivedMs);
        q.addBindValue(SqlValues::nullableText(message.callId));
        q.addBindValue(message.callId.isEmpty() ? QVariant(QMetaType::fromType<qint64>())
                                                : QVariant(qint64(message.cseq)));
        if (!m_db.exec(q, "store the incoming message"))
            return result;
        id = q.lastInsertId().toLongLong();
    }
    if (!transaction.commit())
        return result;
    result.result = AddResult::Stored;
    result.id = id;
    result.conversationId = *conversationId;
    return result;
}

bool MessageStore::setStateFields(qint64 id, const char *sql, const QVariantList &binds,
                                  const char *what)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(QString::fromLatin1(sql));
    for (const QVariant &value : binds)
        q.addBindValue(value);
    q.addBindValue(id);
    if (!m_db.exec(q, what))
        return false;
    if (q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("%1: no outgoing message with id %2")
                              .arg(QLatin1String(what))
                              .arg(id));
        return false;
    }
    return true;
}

bool MessageStore::setSending(qint64 id, const QString &callId, quint32 cseq)
{
    return setStateFields(id,
                          "UPDATE messages SET state = 1, call_id = ?, cseq = ?,"
                          " failure_code = 0, failure_reason = '' WHERE id = ? AND direction = 1",
                          { SqlValues::nullableText(callId), qint64(cseq) },
                          "mark the message as sending");
}

bool MessageStore::markSent(qint64 id, qint64 sentMs)
{
    return setStateFields(id,
                          "UPDATE messages SET state = 2, sent_ms = ?, failure_code = 0,"
                          " failure_reason = '' WHERE id = ? AND direction = 1",
                          { sentMs != 0 ? sentMs : SqlValues::nowMs() },
                          "mark the message as sent");
}

bool MessageStore::markFailed(qint64 id, int failureCode, const QString &reason)
{
    return setStateFields(id,
                          "UPDATE messages SET state = 3, failure_code = ?, failure_reason = ?"
                          " WHERE id = ? AND direction = 1",
                          { failureCode, SqlValues::text(reason) }, "mark the message as failed");
}

bool MessageStore::requeue(qint64 id)
{
    return setStateFields(id,
                          "UPDATE messages SET state = 0, failure_code = 0, failure_reason = ''"
                          " WHERE id = ? AND direction = 1",
                          {}, "queue the message again");
}

bool MessageStore::updateState(qint64 id, MessageState state, int failureCode,
                               const QString &failureReason)
{
    switch (state) {
    case MessageState::Queued:
        return requeue(id);
    case MessageState::Sending:
        return setStateFields(id, "UPDATE messages SET state = 1 WHERE id = ? AND direction = 1",
                              {}, "mark the message as sending");
    case MessageState::Sent:
        return markSent(id);
    case MessageState::Failed:
        return markFailed(id, failureCode, failureReason);
    case MessageState::Received:
        break;
    }
    m_db.setError(QStringLiteral("an outgoing message cannot be set to Received"));
    return false;
}

std::optional<StoredMessage> MessageStore::message(qint64 id)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(
            QStringLiteral("SELECT %1 FROM messages WHERE id = ?").arg(messageColumns));
    q.addBindValue(id);
    if (!m_db.exec(q, "read a message"))
        return std::nullopt;
    if (!q.next()) {
        m_db.setError(QStringLiteral("no message with id %1").arg(id));
        return std::nullopt;
    }
    return readMessage(q);
}

QList<StoredMessage> MessageStore::messages(qint64 conversationId, int limit, qint64 beforeTimeMs,
                                            qint64 beforeId)
{
    m_db.assertOwningThread();
    QList<StoredMessage> page;
    // Keyset pagination on (time_ms, id): stable while new messages arrive, and a range
    // scan of messages_by_conversation instead of OFFSET's skipping.
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = ?"
                                              " AND (time_ms, id) < (?, ?)"
                                              " ORDER BY time_ms DESC, id DESC LIMIT ?")
                                       .arg(messageColumns));
    q.addBindValue(conversationId);
    q.addBindValue(beforeTimeMs);
    q.addBindValue(beforeId);
    q.addBindValue(clampLimit(limit));
    if (!m_db.exec(q, "list messages"))
        return page;
    while (q.next())
        page.append(readMessage(q));
    std::reverse(page.begin(), page.end());
    return page;
}

QList<StoredMessage> MessageStore::pendingOutgoing(int limit)
{
    m_db.assertOwningThread();
    QList<StoredMessage> pending;
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT %1 FROM messages WHERE state IN (0, 1)"
                                              " ORDER BY time_ms, id LIMIT ?")
                                       .arg(messageColumns));
    q.addBindValue(clampLimit(limit));
    if (!m_db.exec(q, "list queued messages"))
        return pending;
    while (q.next())
        pending.append(readMessage(q));
    return pending;
}

bool MessageStore::removeMessage(qint64 id)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM messages WHERE id = ?"));
    q.addBindValue(id);
    if (!m_db.exec(q, "delete a message"))
        return false;
    if (q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("no message with id %1").arg(id));
        return false;
    }
    return true;
}

QList<Conversation> MessageStore::conversations(int limit)
{
    m_db.assertOwningThread();
    QList<Conversation> list;
    QSqlQuery q = m_db.prepare(
            QStringLiteral("SELECT id, peer_uri, last_activity_ms, unread_count FROM conversations"
                           " ORDER BY last_activity_ms DESC, id DESC LIMIT ?"));
    q.addBindValue(clampLimit(limit));
    if (!m_db.exec(q, "list conversations"))
        return list;
    while (q.next())
        list.append(readConversation(q));
    return list;
}

std::optional<Conversation> MessageStore::conversation(qint64 id)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, peer_uri, last_activity_ms,"
                                              " unread_count FROM conversations WHERE id = ?"));
    q.addBindValue(id);
    if (!m_db.exec(q, "read a conversation"))
        return std::nullopt;
    if (!q.next()) {
        m_db.setError(QStringLiteral("no conversation with id %1").arg(id));
        return std::nullopt;
    }
    return readConversation(q);
}

std::optional<qint64> MessageStore::conversationFor(const QString &peerUri)
{
    m_db.assertOwningThread();
    const QString peer = SipUriNormalizer::normalize(peerUri);
    if (peer.isEmpty()) {
        m_db.setError(QStringLiteral("a conversation needs a peer address"));
        return std::nullopt;
    }
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return std::nullopt;
    const auto id = ensureConversation(peer, 0, 0);
    if (!id || !transaction.commit())
        return std::nullopt;
    return id;
}

std::optional<int> MessageStore::unreadCount(qint64 conversationId)
{
    const QVariant v
            = m_db.scalar(QStringLiteral("SELECT unread_count FROM conversations WHERE id = ?"),
                          { conversationId });
    if (!v.isValid())
        return std::nullopt;
    if (v.isNull()) {
        m_db.setError(QStringLiteral("no conversation with id %1").arg(conversationId));
        return std::nullopt;
    }
    return v.toInt();
}

std::optional<int> MessageStore::totalUnread()
{
    const QVariant v = m_db.scalar(
            QStringLiteral("SELECT COALESCE(SUM(unread_count), 0) FROM conversations"));
    if (!v.isValid())
        return std::nullopt;
    return v.toInt();
}

bool MessageStore::markRead(qint64 conversationId)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(
            QStringLiteral("UPDATE conversations SET unread_count = 0 WHERE id = ?"));
    q.addBindValue(conversationId);
    if (!m_db.exec(q, "mark the conversation as read"))
        return false;
    if (q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("no conversation with id %1").arg(conversationId));
        return false;
    }
    return true;
}

bool MessageStore::removeConversation(qint64 conversationId)
{
    m_db.assertOwningThread();
    // ON DELETE CASCADE removes the messages in the same statement.
    QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM conversations WHERE id = ?"));
    q.addBindValue(conversationId);
    if (!m_db.exec(q, "delete the conversation"))
        return false;
    if (q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("no conversation with id %1").arg(conversationId));
        return false;
    }
    return true;
}

} // namespace App
