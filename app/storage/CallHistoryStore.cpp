// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/CallHistoryStore.h"

#include "storage/Database.h"
#include "storage/SipUriNormalizer.h"
#include "storage/SqlValues.h"

#include <QSqlQuery>

#include <algorithm>

namespace App {

namespace {

const QString callColumns
        = QStringLiteral("id, direction, peer_uri, peer_name, start_ms,"
                         " answer_ms, end_ms, result_code, reason, seen, call_id");

// The missed condition is spelled exactly like the calls_missed partial index's WHERE,
// which SQLite requires before it uses that index.
QString filterCondition(CallFilter filter)
{
    switch (filter) {
    case CallFilter::All:
        return QStringLiteral("1");
    case CallFilter::Missed:
        return QStringLiteral("direction = 0 AND answer_ms IS NULL AND end_ms IS NOT NULL");
    case CallFilter::Incoming:
        return QStringLiteral("direction = 0");
    case CallFilter::Outgoing:
        return QStringLiteral("direction = 1");
    }
    return QStringLiteral("1");
}

CallRecord readCall(const QSqlQuery &q)
{
    CallRecord r;
    r.id = q.value(0).toLongLong();
    r.direction = CallDirection(q.value(1).toInt());
    r.peerUri = q.value(2).toString();
    r.peerName = q.value(3).toString();
    r.startMs = q.value(4).toLongLong();
    r.answerMs = q.value(5).toLongLong();
    r.endMs = q.value(6).toLongLong();
    r.resultCode = q.value(7).toInt();
    r.reason = q.value(8).toString();
    r.seen = q.value(9).toInt() != 0;
    r.callId = q.value(10).toString();
    return r;
}

} // namespace

CallHistoryStore::CallHistoryStore(Database &db)
    : m_db(db)
{
}

bool CallHistoryStore::exec(const QString &sql, const QVariantList &binds, const char *what,
                            bool requireOneRow, qint64 id)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(sql);
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!m_db.exec(q, what))
        return false;
    if (requireOneRow && q.numRowsAffected() != 1) {
        m_db.setError(QStringLiteral("%1: no call with id %2").arg(QLatin1String(what)).arg(id));
        return false;
    }
    return true;
}

std::optional<qint64> CallHistoryStore::add(const CallRecord &record)
{
    m_db.assertOwningThread();
    const QString peer = SipUriNormalizer::normalize(record.peerUri);
    if (peer.isEmpty()) {
        m_db.setError(QStringLiteral("a call record needs the peer's address"));
        return std::nullopt;
    }
    const bool incoming = record.direction == CallDirection::Incoming;
    QSqlQuery q = m_db.prepare(QStringLiteral(
            "INSERT INTO calls (direction, peer_uri, peer_name, start_ms, answer_ms, end_ms,"
            " result_code, reason, seen, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(int(record.direction));
    q.addBindValue(peer);
    q.addBindValue(SqlValues::text(record.peerName));
    q.addBindValue(record.startMs != 0 ? record.startMs : SqlValues::nowMs());
    q.addBindValue(SqlValues::nullableInt(record.answerMs));
    q.addBindValue(SqlValues::nullableInt(record.endMs));
    q.addBindValue(record.resultCode);
    q.addBindValue(SqlValues::text(record.reason));
    q.addBindValue(incoming ? 0 : 1);
    q.addBindValue(SqlValues::nullableText(record.callId));
    if (!m_db.exec(q, "add the call"))
        return std::nullopt;
    return q.lastInsertId().toLongLong();
}

bool CallHistoryStore::update(const CallRecord &record)
{
    const QString peer = SipUriNormalizer::normalize(record.peerUri);
    if (peer.isEmpty()) {
        m_db.setError(QStringLiteral("a call record needs the peer's address"));
        return false;
    }
    return exec(QStringLiteral("UPDATE calls SET direction = ?, peer_uri = ?, peer_name = ?,"
                               " start_ms = ?, answer_ms = ?, end_ms = ?, result_code = ?,"
                               " reason = ?, seen = ?, call_id = ? WHERE id = ?"),
                { int(record.direction), peer, SqlValues::text(record.peerName), record.startMs,
                  SqlValues::nullableInt(record.answerMs), SqlValues::nullableInt(record.endMs),
                  record.resultCode, SqlValues::text(record.reason), record.seen ? 1 : 0,
                  SqlValues::nullableText(record.callId), record.id },
                "update the call", true, record.id);
}

bool CallHistoryStore::markAnswered(qint64 id, qint64 answerMs)
{
    // An answered call is never missed, so it needs no badge either.
    return exec(QStringLiteral("UPDATE calls SET answer_ms = ?, seen = 1 WHERE id = ?"),
                { answerMs != 0 ? answerMs : SqlValues::nowMs(), id }, "mark the call answered",
                true, id);
}

bool CallHistoryStore::markEnded(qint64 id, int resultCode, const QString &reason, qint64 endMs)
{
    return exec(
            QStringLiteral("UPDATE calls SET end_ms = ?, result_code = ?, reason = ?"
                           " WHERE id = ?"),
            { endMs != 0 ? endMs : SqlValues::nowMs(), resultCode, SqlValues::text(reason), id },
            "mark the call ended", true, id);
}

std::optional<CallRecord> CallHistoryStore::call(qint64 id)
{
    m_db.assertOwningThread();
    QSqlQuery q
            = m_db.prepare(QStringLiteral("SELECT %1 FROM calls WHERE id = ?").arg(callColumns));
    q.addBindValue(id);
    if (!m_db.exec(q, "read a call"))
        return std::nullopt;
    if (!q.next()) {
        m_db.setError(QStringLiteral("no call with id %1").arg(id));
        return std::nullopt;
    }
    return readCall(q);
}

QList<CallRecord> CallHistoryStore::calls(CallFilter filter, int limit, qint64 beforeStartMs,
                                          qint64 beforeId)
{
    m_db.assertOwningThread();
    QList<CallRecord> records;
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT %1 FROM calls WHERE %2"
                                              " AND (start_ms, id) < (?, ?)"
                                              " ORDER BY start_ms DESC, id DESC LIMIT ?")
                                       .arg(callColumns, filterCondition(filter)));
    q.addBindValue(beforeStartMs);
    q.addBindValue(beforeId);
    q.addBindValue(std::clamp(limit, 1, 100000));
    if (!m_db.exec(q, "list calls"))
        return records;
    while (q.next())
        records.append(readCall(q));
    return records;
}

std::optional<int> CallHistoryStore::unseenMissedCount()
{
    const QVariant v
            = m_db.scalar(QStringLiteral("SELECT COUNT(*) FROM calls WHERE %1 AND seen = 0")
                                  .arg(filterCondition(CallFilter::Missed)));
    if (!v.isValid())
        return std::nullopt;
    return v.toInt();
}

bool CallHistoryStore::markMissedSeen()
{
    return exec(QStringLiteral("UPDATE calls SET seen = 1 WHERE seen = 0 AND %1")
                        .arg(filterCondition(CallFilter::Missed)),
                {}, "mark missed calls seen", false, 0);
}

std::optional<int> CallHistoryStore::closeInterrupted(qint64 nowMs)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(
            QStringLiteral("UPDATE calls SET end_ms = max(?, start_ms), reason = 'Interrupted'"
                           " WHERE end_ms IS NULL"));
    q.addBindValue(nowMs != 0 ? nowMs : SqlValues::nowMs());
    if (!m_db.exec(q, "close interrupted calls"))
        return std::nullopt;
    return q.numRowsAffected();
}

bool CallHistoryStore::remove(qint64 id)
{
    return exec(QStringLiteral("DELETE FROM calls WHERE id = ?"), { id }, "delete the call", true,
                id);
}

bool CallHistoryStore::clear(CallFilter filter)
{
    return exec(QStringLiteral("DELETE FROM calls WHERE %1").arg(filterCondition(filter)), {},
                "clear the call history", false, 0);
}

} // namespace App
