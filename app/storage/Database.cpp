// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/Database.h"

#include "storage/Schema.h"
#include "storage/SqlTransaction.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QStandardPaths>
#include <QThread>

#include <atomic>

Q_LOGGING_CATEGORY(lcStorage, "parlo.storage", QtInfoMsg)

namespace App {

namespace {

QString sqlError(const QSqlError &error)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.text();
    return text;
}

} // namespace

Database::Database(const QString &path)
    : m_path(path)
    , m_thread(QThread::currentThread())
{
    // Unique per instance, so two databases (tests, or a migration tool next to the app)
    // never share Qt's named connection.
    static std::atomic<quint64> counter { 0 };
    m_connectionName = QStringLiteral("parlo-storage-%1").arg(++counter);
}

Database::~Database()
{
    close();
}

QString Database::defaultPath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("parlo.sqlite"));
}

void Database::assertOwningThread() const
{
    Q_ASSERT_X(QThread::currentThread() == m_thread, "App::Database",
               "a database connection must only be used by the thread that created it");
}

void Database::setError(const QString &error)
{
    m_lastError = error;
    qCWarning(lcStorage).noquote() << m_path << ":" << error;
}

bool Database::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

bool Database::open()
{
    return open(Schema::migrations());
}

void Database::failOpen(const QString &error)
{
    setError(error);
    close();
}

bool Database::open(const QList<Migration> &migrations)
{
    assertOwningThread();
    clearError();
    if (isOpen()) {
        setError(QStringLiteral("the database is already open"));
        return false;
    }
    if (m_path.isEmpty()) {
        setError(QStringLiteral("no database path given"));
        return false;
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE"))) {
        setError(QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
        return false;
    }
    const bool inMemory = m_path == QLatin1String(":memory:");
    if (!inMemory) {
        const QString dir = QFileInfo(m_path).absolutePath();
        if (!QDir().mkpath(dir)) {
            setError(QStringLiteral("cannot create the folder %1").arg(dir));
            return false;
        }
    }

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        failOpen(QStringLiteral("cannot open %1: %2").arg(m_path, sqlError(m_db.lastError())));
        return false;
    }
    if (!configureConnection() || !migrate(migrations)) {
        close();
        return false;
    }
    return true;
}

bool Database::configureConnection()
{
    // Per-connection settings (not stored in the file), so on every open.
    if (!execute(QStringLiteral("PRAGMA foreign_keys = ON"), "enable foreign keys")
        || !execute(QStringLiteral("PRAGMA busy_timeout = 5000"), "set the busy timeout"))
        return false;
    // Reading the header also tells us whether the file is a database at all.
    const QVariant appId = scalar(QStringLiteral("PRAGMA application_id"));
    if (!appId.isValid()) {
        setError(QStringLiteral("%1 is not a readable SQLite database (%2)")
                         .arg(m_path, m_lastError));
        return false;
    }
    if (appId.toInt() != 0 && appId.toInt() != ApplicationId) {
        setError(QStringLiteral("%1 is an SQLite database of another application "
                                "(application_id 0x%2), not Parlo's")
                         .arg(m_path)
                         .arg(quint32(appId.toInt()), 8, 16, QLatin1Char('0')));
        return false;
    }
    return true;
}

bool Database::migrate(const QList<Migration> &migrations)
{
    for (qsizetype i = 0; i < migrations.size(); ++i) {
        if (migrations.at(i).version != i + 1) {
            setError(QStringLiteral("invalid migration list: entry %1 has version %2, expected %3")
                             .arg(i)
                             .arg(migrations.at(i).version)
                             .arg(i + 1));
            return false;
        }
    }
    const int latest = int(migrations.size());
    const QVariant versionValue = scalar(QStringLiteral("PRAGMA user_version"));
    if (!versionValue.isValid())
        return false;
    const int current = versionValue.toInt();
    // Checked before anything writes to the file: a newer Parlo's database is left
    // byte-for-byte untouched, so going back to that version loses nothing.
    if (current > latest) {
        setError(QStringLiteral("%1 has schema version %2, but this Parlo only knows versions up "
                                "to %3: it was written by a newer Parlo. Update Parlo, or "
                                "move the file away to start with an empty history.")
                         .arg(m_path)
                         .arg(current)
                         .arg(latest));
        return false;
    }

    if (m_path != QLatin1String(":memory:")) {
        // WAL: readers never block the writer, and a commit is one append + fsync of the
        // log, which is both faster and at least as crash-safe as the rollback journal.
        const QVariant mode = scalar(QStringLiteral("PRAGMA journal_mode = WAL"));
        if (mode.toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            setError(QStringLiteral("cannot switch %1 to write-ahead logging (journal mode is "
                                    "\"%2\"); is it on a network file system?")
                             .arg(m_path, mode.toString()));
            return false;
        }
    }
    // NORMAL, WAL's usual setting: COMMIT returns once the transaction is written to the
    // WAL file (in the OS's cache), without an fsync; checkpoints fsync. A committed
    // message therefore survives the process crashing or being killed (kill -9, checked by
    // tst_storage_crash), which is what acknowledging it (200 OK) promises; only an OS
    // crash or power cut can lose the last commits, and never the file's consistency.
    // FULL would add one fsync per stored message: 1.9 ms instead of 0.12 ms per message
    // on the benchmark's disk (docs/performance.md, "Storage"), over the 1 ms target.
    if (!execute(QStringLiteral("PRAGMA synchronous = NORMAL"), "set synchronous=NORMAL"))
        return false;

    for (const Migration &migration : migrations) {
        if (migration.version <= current)
            continue;
        SqlTransaction transaction(*this);
        if (!transaction.isActive())
            return false;
        for (const QString &statement : migration.statements) {
            QSqlQuery query(m_db);
            if (!query.exec(statement)) {
                setError(QStringLiteral("migration %1 (%2) failed: %3\nin: %4")
                                 .arg(migration.version)
                                 .arg(migration.description, sqlError(query.lastError()),
                                      statement.simplified()));
                return false;
            }
        }
        // PRAGMAs take no bound parameters; both values are integers we control.
        if (!execute(QStringLiteral("PRAGMA application_id = %1").arg(ApplicationId),
                     "set the application id")
            || !execute(QStringLiteral("PRAGMA user_version = %1").arg(migration.version),
                        "set the schema version"))
            return false;
        if (!transaction.commit())
            return false;
        qCInfo(lcStorage).noquote() << m_path << ": migrated to schema version" << migration.version
                                    << "-" << migration.description;
    }
    return true;
}

void Database::close()
{
    if (!m_db.isValid())
        return;
    assertOwningThread();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int Database::schemaVersion()
{
    return scalar(QStringLiteral("PRAGMA user_version")).toInt();
}

QString Database::journalMode()
{
    return scalar(QStringLiteral("PRAGMA journal_mode")).toString().toLower();
}

int Database::synchronousMode()
{
    return scalar(QStringLiteral("PRAGMA synchronous")).toInt();
}

bool Database::foreignKeysEnabled()
{
    return scalar(QStringLiteral("PRAGMA foreign_keys")).toInt() == 1;
}

QString Database::integrityCheck()
{
    assertOwningThread();
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check"))) {
        setError(QStringLiteral("integrity check: %1").arg(sqlError(query.lastError())));
        return m_lastError;
    }
    QStringList problems;
    while (query.next())
        problems << query.value(0).toString();
    return problems.join(QLatin1Char('\n'));
}

QSqlQuery Database::prepare(const QString &sql)
{
    assertOwningThread();
    if (!isOpen()) {
        setError(QStringLiteral("the database is not open"));
        return QSqlQuery(m_db);
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        setError(QStringLiteral("cannot prepare \"%1\": %2")
                         .arg(sql.simplified(), sqlError(query.lastError())));
    return query;
}

bool Database::exec(QSqlQuery &query, const char *what)
{
    assertOwningThread();
    if (!isOpen()) {
        setError(QStringLiteral("%1: the database is not open").arg(QLatin1String(what)));
        return false;
    }
    if (query.exec())
        return true;
    setError(QStringLiteral("%1: %2").arg(QLatin1String(what), sqlError(query.lastError())));
    return false;
}

bool Database::execute(const QString &sql, const char *what)
{
    assertOwningThread();
    if (!isOpen()) {
        setError(QStringLiteral("%1: the database is not open").arg(QLatin1String(what)));
        return false;
    }
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    setError(QStringLiteral("%1: %2").arg(QLatin1String(what), sqlError(query.lastError())));
    return false;
}

QVariant Database::scalar(const QString &sql, const QVariantList &binds)
{
    assertOwningThread();
    if (!isOpen()) {
        setError(QStringLiteral("the database is not open"));
        return {};
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        setError(QStringLiteral("%1: %2").arg(sql.simplified(), sqlError(query.lastError())));
        return {};
    }
    for (const QVariant &value : binds)
        query.addBindValue(value);
    if (!query.exec()) {
        setError(QStringLiteral("%1: %2").arg(sql.simplified(), sqlError(query.lastError())));
        return {};
    }
    if (!query.next())
        return QVariant(QMetaType::fromType<int>()); // no row: a valid, null value
    return query.value(0);
}

} // namespace App
