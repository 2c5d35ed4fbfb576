// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Migration.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

class QThread;

namespace App {

/// One SQLite connection to Parlo's database file, synchronous and bound to the thread
/// that created it (asserted in debug builds): SQLite connections must not be shared
/// between threads, and the GUI thread must never block on the disk, so the application
/// uses it through StorageThread. Tests use it directly, with any number of instances.
///
/// open() configures the connection: WAL journal with synchronous=NORMAL (a committed
/// transaction is in the WAL file, so it survives the process crashing or being killed;
/// only an OS crash or power cut can lose the last commits), foreign keys on. It then brings the schema to the latest version
/// with ordered migrations (PRAGMA user_version) and refuses files written by a newer
/// Parlo instead of guessing.
class Database
{
public:
    // Parlo's identifier in the SQLite header ("PRLO"): refuses to migrate other apps' files.
    static constexpr int ApplicationId = 0x50524C4F;

    explicit Database(const QString &path = defaultPath());
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // <AppDataLocation>/parlo.sqlite
    static QString defaultPath();

    bool open(); // with Schema::migrations()
    bool open(const QList<Migration> &migrations); // tests pass their own history
    void close();
    bool isOpen() const;

    QString path() const { return m_path; }
    // What the last failing call did wrong, in a sentence for logs and dialogs.
    QString lastError() const { return m_lastError; }
    // PRAGMA user_version as read from the file (after open: the latest version).
    int schemaVersion();

    // Diagnostics, also used by the tests.
    QString journalMode(); // "wal"
    int synchronousMode(); // 1 = NORMAL
    bool foreignKeysEnabled();
    QString integrityCheck(); // "ok" or SQLite's list of problems

    // For the stores: a prepared, forward-only query on this connection. On a prepare
    // error lastError() says why and exec() of the query fails too.
    QSqlQuery prepare(const QString &sql);
    // exec() of a prepared query; on failure sets lastError() to "<what>: <sqlite error>".
    bool exec(QSqlQuery &query, const char *what);
    // One unprepared statement (PRAGMA, BEGIN, ...).
    bool execute(const QString &sql, const char *what);
    // The first column of the first row, or an invalid QVariant (and lastError) on failure.
    QVariant scalar(const QString &sql, const QVariantList &binds = {});

    void setError(const QString &error);
    void clearError() { m_lastError.clear(); }
    // Q_ASSERTs that the caller runs in the thread that created this object.
    void assertOwningThread() const;

private:
    bool configureConnection();
    bool migrate(const QList<Migration> &migrations);
    void failOpen(const QString &error);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    QString m_lastError;
    QThread *m_thread = nullptr;
};

} // namespace App
