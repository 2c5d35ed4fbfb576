// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/CallRecord.h"

#include <QList>

#include <limits>
#include <optional>

namespace App {

class Database;

/// Call history over a Database (synchronous, in the database's thread). A call is added
/// when it starts and updated as it progresses, so the history survives a crash mid-call.
/// Failures leave the reason in Database::lastError().
class CallHistoryStore
{
public:
    static constexpr qint64 MaxTime = std::numeric_limits<qint64>::max();
    static constexpr qint64 MaxId = std::numeric_limits<qint64>::max();

    explicit CallHistoryStore(Database &db);

    // Ignores record.id and record.seen: incoming calls start unseen (a missed-call
    // candidate), outgoing ones seen. startMs 0: now.
    std::optional<qint64> add(const CallRecord &record);
    // Writes every field of the record but id (which selects the row).
    bool update(const CallRecord &record);
    bool markAnswered(qint64 id, qint64 answerMs = 0);
    bool markEnded(qint64 id, int resultCode, const QString &reason, qint64 endMs = 0);

    std::optional<CallRecord> call(qint64 id);
    // Newest first, strictly older than (beforeStartMs, beforeId): pass the last record of
    // the previous page to get the next one.
    QList<CallRecord> calls(CallFilter filter = CallFilter::All, int limit = 100,
                            qint64 beforeStartMs = MaxTime, qint64 beforeId = MaxId);
    // The missed-call badge.
    std::optional<int> unseenMissedCount();
    bool markMissedSeen();
    // Calls that never got an end time (Parlo was killed mid-call): ended now, reason
    // "Interrupted". Call once at start-up, before new calls are added.
    std::optional<int> closeInterrupted(qint64 nowMs = 0);

    bool remove(qint64 id);
    // Deletes the calls the filter selects (All: the whole history).
    bool clear(CallFilter filter = CallFilter::All);

private:
    bool exec(const QString &sql, const QVariantList &binds, const char *what, bool requireOneRow,
              qint64 id);

    Database &m_db;
};

} // namespace App
