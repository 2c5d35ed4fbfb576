// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/WatcherDecisionStore.h"

#include "storage/Database.h"
#include "storage/SqlValues.h"

#include "sip/ua/Notifier.h"

#include <QSqlQuery>

namespace App {

WatcherDecisionStore::WatcherDecisionStore(Database &db)
    : m_db(db)
{
}

QString WatcherDecisionStore::keyOf(const QString &uri)
{
    // The engine matches watchers by this key too: one notion of "the same watcher".
    return Sip::Notifier::watcherKey(uri);
}

bool WatcherDecisionStore::set(const QString &uri, bool allowed)
{
    m_db.assertOwningThread();
    const QString key = keyOf(uri);
    if (key.isEmpty()) {
        m_db.setError(QStringLiteral("no watcher URI"));
        return false;
    }
    QSqlQuery q = m_db.prepare(
            QStringLiteral("INSERT INTO watcher_decisions (watcher_key, uri, allowed, decided_ms) "
                           "VALUES (?, ?, ?, ?)"
                           " ON CONFLICT (watcher_key) DO UPDATE SET uri = excluded.uri,"
                           " allowed = excluded.allowed, decided_ms = excluded.decided_ms"));
    q.addBindValue(key);
    q.addBindValue(uri.trimmed());
    q.addBindValue(allowed ? 1 : 0);
    q.addBindValue(SqlValues::nowMs());
    return m_db.exec(q, "store the watcher decision");
}

bool WatcherDecisionStore::remove(const QString &uri)
{
    m_db.assertOwningThread();
    QSqlQuery q
            = m_db.prepare(QStringLiteral("DELETE FROM watcher_decisions WHERE watcher_key = ?"));
    q.addBindValue(keyOf(uri));
    return m_db.exec(q, "forget the watcher decision");
}

std::optional<WatcherDecision> WatcherDecisionStore::find(const QString &uri)
{
    m_db.assertOwningThread();
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT watcher_key, uri, allowed, decided_ms FROM "
                                              "watcher_decisions WHERE watcher_key = ?"));
    q.addBindValue(keyOf(uri));
    if (!m_db.exec(q, "read the watcher decision") || !q.next())
        return std::nullopt;
    return WatcherDecision { q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0,
                             q.value(3).toLongLong() };
}

QList<WatcherDecision> WatcherDecisionStore::all()
{
    m_db.assertOwningThread();
    QList<WatcherDecision> out;
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT watcher_key, uri, allowed, decided_ms FROM "
                                              "watcher_decisions ORDER BY watcher_key"));
    if (!m_db.exec(q, "read the watcher decisions"))
        return out;
    while (q.next())
        out.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0,
                     q.value(3).toLongLong() });
    return out;
}

} // namespace App
