// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/WatcherDecision.h"

#include <QList>

#include <optional>

namespace App {

class Database;

/// Remembered watcher decisions over a Database (synchronous, in the database's thread):
/// one row per watcher, keyed by Sip::Notifier::watcherKey() so "sip:Bob@Example.com"
/// and "sip:bob@example.com;transport=tcp" are the same watcher. Failures leave the
/// reason in Database::lastError().
class WatcherDecisionStore
{
public:
    explicit WatcherDecisionStore(Database &db);

    // Stores (or replaces) the decision about `uri`.
    bool set(const QString &uri, bool allowed);
    bool remove(const QString &uri);
    std::optional<WatcherDecision> find(const QString &uri);
    QList<WatcherDecision> all();

    static QString keyOf(const QString &uri);

private:
    Database &m_db;
};

} // namespace App
