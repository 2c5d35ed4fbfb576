// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/CallHistoryStore.h"
#include "storage/ContactStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/Schema.h"
#include "storage/SipUriNormalizer.h"
#include "storage/StorageContext.h"
#include "storage/StorageThread.h"
#include "storage/WatcherDecisionStore.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace App;

namespace {

QStringList sqliteNames(Database &db, const QString &type)
{
    QStringList names;
    // Through a second, plain connection: Database's own stays untouched.
    const QString name = QStringLiteral("inspect-%1").arg(quintptr(&db));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        raw.setDatabaseName(db.path());
        if (raw.open()) {
            QSqlQuery q(raw);
            q.prepare(
                    QStringLiteral("SELECT name FROM sqlite_master WHERE type = ? ORDER BY name"));
            q.addBindValue(type);
            q.exec();
            while (q.next())
                names << q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return names;
}

Migration testMigration2()
{
    Migration m;
    m.version = 2;
    m.description = QStringLiteral("test: nicknames and a notes table");
    m.statements = {
        QStringLiteral("ALTER TABLE contacts ADD COLUMN nickname TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO notes (text) VALUES ('added by migration 2')"),
    };
    return m;
}

StoredMessage incoming(const QString &peer, const QString &body, const QString &callId = {},
                       quint32 cseq = 0, qint64 receivedMs = 0)
{
    StoredMessage m;
    m.peerUri = peer;
    m.body = body;
    m.callId = callId;
    m.cseq = cseq;
    m.receivedMs = receivedMs;
    return m;
}

Contact makeContact(const QString &name, const QString &uri = {},
                    const QList<PhoneNumber> &numbers = {}, const QStringList &emails = {})
{
    Contact c;
    c.displayName = name;
    c.sipUri = uri;
    c.numbers = numbers;
    c.emails = emails;
    return c;
}

} // namespace

class TestStorage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString dbPath(const QString &name = QStringLiteral("parlo.sqlite")) const
    {
        return m_dir->filePath(name);
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void defaultPathIsAppData()
    {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QVERIFY(!dir.isEmpty());
        QVERIFY(Database::defaultPath().startsWith(dir));
        QVERIFY(Database::defaultPath().endsWith(QLatin1String("parlo.sqlite")));
    }

    void freshDatabaseIsAtLatestVersion()
    {
        Database db(m_dir->filePath(QStringLiteral("sub/folder/parlo.sqlite")));
        QVERIFY2(db.open(), qPrintable(db.lastError()));
        QCOMPARE(db.schemaVersion(), Schema::latestVersion());
        QVERIFY(db.schemaVersion() >= 2);
        QCOMPARE(db.journalMode(), QStringLiteral("wal"));
        QCOMPARE(db.synchronousMode(), 1); // NORMAL: kill -9 safe in WAL mode (tst_storage_crash)
        QVERIFY(db.foreignKeysEnabled());
        QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA application_id")).toInt(),
                 Database::ApplicationId);

        const QStringList tables = sqliteNames(db, QStringLiteral("table"));
        for (const char *table :
             { "contacts", "conversations", "messages", "calls", "watcher_decisions" })
            QVERIFY2(tables.contains(QLatin1String(table)), table);
        const QStringList indexes = sqliteNames(db, QStringLiteral("index"));
        for (const char *index :
             { "contacts_by_uri", "contacts_by_name", "conversations_by_peer",
               "conversations_by_activity", "messages_by_conversation", "messages_incoming_dedupe",
               "messages_pending", "calls_by_time", "calls_by_direction", "calls_missed" })
            QVERIFY2(indexes.contains(QLatin1String(index)), index);
    }

    void reopenKeepsVersionAndData()
    {
        {
            StorageContext s(dbPath());
            QVERIFY(s.database().open());
            QVERIFY(s.messages().addOutgoing(QStringLiteral("sip:bob@example.com"),
                                             QStringLiteral("hi")));
        }
        StorageContext s(dbPath());
        QVERIFY2(s.database().open(), qPrintable(s.database().lastError()));
        QCOMPARE(s.database().schemaVersion(), Schema::latestVersion());
        QCOMPARE(s.messages().pendingOutgoing().size(), 1);
    }

    void queryPlansUseIndexes()
    {
        Database db(dbPath());
        QVERIFY(db.open());
        const auto plan = [&db](const QString &sql) {
            QSqlQuery q = db.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
            db.exec(q, "explain");
            QStringList details;
            while (q.next())
                details << q.value(3).toString();
            return details.join(QLatin1Char('|'));
        };
        QVERIFY(plan(QStringLiteral("SELECT id FROM messages WHERE conversation_id = 1 AND"
                                    " (time_ms, id) < (5, 5) ORDER BY time_ms DESC, id DESC"
                                    " LIMIT 10"))
                        .contains(QLatin1String("messages_by_conversation")));
        QVERIFY(plan(QStringLiteral("SELECT id FROM calls WHERE 1 AND (start_ms, id) < (5, 5)"
                                    " ORDER BY start_ms DESC, id DESC LIMIT 10"))
                        .contains(QLatin1String("calls_by_time")));
        QVERIFY(plan(QStringLiteral("SELECT id FROM contacts ORDER BY display_name COLLATE NOCASE,"
                                    " id"))
                        .contains(QLatin1String("contacts_by_name")));
        QVERIFY(plan(QStringLiteral("SELECT id FROM messages WHERE state IN (0, 1)"
                                    " ORDER BY time_ms, id"))
                        .contains(QLatin1String("messages_pending")));
    }

    void twoDatabasesAreIndependent()
    {
        StorageContext a(dbPath(QStringLiteral("a.sqlite")));
        StorageContext b(dbPath(QStringLiteral("b.sqlite")));
        QVERIFY(a.database().open());
        QVERIFY(b.database().open());
        QVERIFY(a.contacts().add(
                makeContact(QStringLiteral("Alice"), QStringLiteral("sip:alice@example.com"))));
        QCOMPARE(*a.contacts().count(), 1);
        QCOMPARE(*b.contacts().count(), 0);
    }

    void oldVersionIsUpgraded()
    {
        const QList<Migration> v1 = { Schema::migrations().at(0) };
        {
            StorageContext s(dbPath());
            QVERIFY(s.database().open(v1));
            QCOMPARE(s.database().schemaVersion(), 1);
            QVERIFY(s.contacts().add(
                    makeContact(QStringLiteral("Old"), QStringLiteral("sip:old@example.com"))));
        }
        StorageContext s(dbPath());
        QVERIFY2(s.database().open(v1 + QList<Migration> { testMigration2() }),
                 qPrintable(s.database().lastError()));
        QCOMPARE(s.database().schemaVersion(), 2);
        QCOMPARE(s.database().scalar(QStringLiteral("SELECT text FROM notes")).toString(),
                 QStringLiteral("added by migration 2"));
        QCOMPARE(s.database()
                         .scalar(QStringLiteral("SELECT nickname FROM contacts WHERE sip_uri = ?"),
                                 { QStringLiteral("sip:old@example.com") })
                         .toString(),
                 QString());
        QCOMPARE(s.contacts().findByUri(QStringLiteral("sip:old@example.com"))->displayName,
                 QStringLiteral("Old"));
        QCOMPARE(s.database().integrityCheck(), QStringLiteral("ok"));
    }

    void failedMigrationRollsBack()
    {
        const QList<Migration> v1 = { Schema::migrations().at(0) };
        {
            Database db(dbPath());
            QVERIFY(db.open(v1));
        }
        Migration broken;
        broken.version = 2;
        broken.description = QStringLiteral("broken");
        broken.statements = { QStringLiteral("CREATE TABLE half_done (x)"),
                              QStringLiteral("THIS IS NOT SQL") };
        {
            Database db(dbPath());
            QVERIFY(!db.open(v1 + QList<Migration> { broken }));
            QVERIFY2(db.lastError().contains(QLatin1String("migration 2")),
                     qPrintable(db.lastError()));
            QVERIFY(!db.isOpen());
        }
        Database db(dbPath());
        QVERIFY(db.open(v1));
        QCOMPARE(db.schemaVersion(), 1);
        QVERIFY(!sqliteNames(db, QStringLiteral("table")).contains(QLatin1String("half_done")));
    }

    void tooNewDatabaseIsRefused()
    {
        const QList<Migration> v2 = { Schema::migrations().at(0), testMigration2() };
        {
            Database db(dbPath());
            QVERIFY(db.open(v2));
        }
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();

        Database db(dbPath());
        QVERIFY(!db.open({ Schema::migrations().at(0) }));
        QVERIFY(!db.isOpen());
        const QString error = db.lastError();
        QVERIFY2(error.contains(QLatin1String("schema version 2")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("newer Parlo")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("up to 1")), qPrintable(error));

        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before); // untouched

        Database again(dbPath());
        QVERIFY(again.open(v2)); // the newer build still opens it
        QCOMPARE(again.schemaVersion(), 2);
    }

    void invalidMigrationListIsRejected()
    {
        Migration three = testMigration2();
        three.version = 3;
        Database db(dbPath());
        QVERIFY(!db.open({ Schema::migrations().at(0), three }));
        QVERIFY2(db.lastError().contains(QLatin1String("invalid migration list")),
                 qPrintable(db.lastError()));
    }

    void garbageFileIsRefused()
    {
        QFile file(dbPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray garbage(8192, '\0');
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 7919) & 0xff);
        file.write(garbage);
        file.close();
        Database db(dbPath());
        QVERIFY(!db.open());
        QVERIFY2(!db.lastError().isEmpty(), "a reason is given");
        QVERIFY(!db.isOpen());
    }

    void otherApplicationsDatabaseIsRefused()
    {
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                         QStringLiteral("foreign"));
            raw.setDatabaseName(dbPath());
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA application_id = 1234")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE theirs (x)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        Database db(dbPath());
        QVERIFY(!db.open());
        QVERIFY2(db.lastError().contains(QLatin1String("another application")),
                 qPrintable(db.lastError()));
    }

    void operationsOnClosedDatabaseFail()
    {
        StorageContext s(dbPath());
        QVERIFY(!s.messages().addOutgoing(QStringLiteral("sip:a@b"), QStringLiteral("x")));
        QVERIFY2(s.database().lastError().contains(QLatin1String("not open")),
                 qPrintable(s.database().lastError()));
        QVERIFY(!s.contacts().count());
        QVERIFY(s.contacts().all().isEmpty());
        QVERIFY(!s.calls().markMissedSeen());
        QVERIFY2(s.database().lastError().contains(QLatin1String("not open")),
                 qPrintable(s.database().lastError()));
    }

    void sipUriNormalizer_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "sip:bob@example.com"
                               << "sip:bob@example.com";
        QTest::newRow("case") << "SIP:Bob@Example.COM"
                              << "sip:Bob@example.com";
        QTest::newRow("name-addr") << "\"Bob\" <sip:bob@EXAMPLE.com>;tag=1"
                                   << "sip:bob@example.com";
        QTest::newRow("params kept") << "sip:bob@Example.com:5061;transport=TLS"
                                     << "sip:bob@example.com:5061;transport=TLS";
        QTest::newRow("no scheme") << " alice@Example.org "
                                   << "sip:alice@example.org";
        QTest::newRow("no scheme port") << "alice@Example.org:5060"
                                        << "sip:alice@example.org:5060";
        QTest::newRow("sips") << "SIPS:carol@Host.Example"
                              << "sips:carol@host.example";
        QTest::newRow("tel") << "TEL:+1-555-0100"
                             << "tel:+1-555-0100";
        QTest::newRow("user params") << "sip:+1555;phone-context=X@GW.example;user=phone"
                                     << "sip:+1555;phone-context=X@gw.example;user=phone";
        QTest::newRow("empty") << "  "
                               << "";
        QTest::newRow("empty brackets") << "Bob <>"
                                        << "";
    }
    void sipUriNormalizer()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(SipUriNormalizer::normalize(input), expected);
    }

    // --- messages -------------------------------------------------------------------

    void outgoingLifecycle()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        MessageStore &store = s.messages();
        const auto id = store.addOutgoing(QStringLiteral("SIP:Bob@Example.com"),
                                          QStringLiteral("Hello, 世界 👋"),
                                          QStringLiteral("text/plain;charset=UTF-8"), 1000);
        QVERIFY2(id, qPrintable(s.database().lastError()));
        auto m = store.message(*id);
        QVERIFY(m);
        QCOMPARE(m->direction, MessageDirection::Outgoing);
        QCOMPARE(m->state, MessageState::Queued);
        QCOMPARE(m->peerUri, QStringLiteral("sip:Bob@example.com"));
        QCOMPARE(m->body, QStringLiteral("Hello, 世界 👋"));
        QCOMPARE(m->contentType, QStringLiteral("text/plain;charset=UTF-8"));
        QCOMPARE(m->timeMs, 1000);
        QVERIFY(m->conversationId > 0);

        QVERIFY(store.setSending(*id, QStringLiteral("abc@host"), 7));
        m = store.message(*id);
        QCOMPARE(m->state, MessageState::Sending);
        QCOMPARE(m->callId, QStringLiteral("abc@host"));
        QCOMPARE(m->cseq, 7u);

        QVERIFY(store.markFailed(*id, 408, QStringLiteral("Request Timeout")));
        m = store.message(*id);
        QCOMPARE(m->state, MessageState::Failed);
        QCOMPARE(m->failureCode, 408);
        QCOMPARE(m->failureReason, QStringLiteral("Request Timeout"));

        QVERIFY(store.requeue(*id));
        m = store.message(*id);
        QCOMPARE(m->state, MessageState::Queued);
        QCOMPARE(m->failureCode, 0);
        QVERIFY(m->failureReason.isEmpty());

        QVERIFY(store.updateState(*id, MessageState::Sending));
        QVERIFY(store.markSent(*id, 2000));
        m = store.message(*id);
        QCOMPARE(m->state, MessageState::Sent);
        QCOMPARE(m->sentMs, 2000);

        QVERIFY(store.updateState(*id, MessageState::Failed, 503, QStringLiteral("Unavailable")));
        QCOMPARE(store.message(*id)->failureCode, 503);
        QVERIFY(!store.updateState(*id, MessageState::Received));

        QVERIFY(!store.markSent(999999));
        QVERIFY(s.database().lastError().contains(QLatin1String("999999")));
        QVERIFY(!store.addOutgoing(QString(), QStringLiteral("nobody")));
        QVERIFY(!store.message(424242));
    }

    void outgoingStateCannotTouchIncoming()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        const auto in = s.messages().addIncoming(
                incoming(QStringLiteral("sip:a@x"), QStringLiteral("hi")));
        QVERIFY(in.isNew());
        QVERIFY(!s.messages().markSent(in.id));
        QCOMPARE(s.messages().message(in.id)->state, MessageState::Received);
    }

    void incomingDedupe()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        MessageStore &store = s.messages();
        const auto first = store.addIncoming(incoming(QStringLiteral("sip:bob@example.com"),
                                                      QStringLiteral("one"),
                                                      QStringLiteral("call-1"), 1, 100));
        QCOMPARE(first.result, MessageStore::AddResult::Stored);
        QVERIFY(first.id > 0);
        QCOMPARE(*store.unreadCount(first.conversationId), 1);

        // A retransmission: same Call-ID, CSeq and sender (differently spelt).
        const auto again = store.addIncoming(incoming(QStringLiteral("<SIP:bob@EXAMPLE.com>"),
                                                      QStringLiteral("one"),
                                                      QStringLiteral("call-1"), 1, 200));
        QCOMPARE(again.result, MessageStore::AddResult::Duplicate);
        QVERIFY(!again.isNew());
        QCOMPARE(again.id, first.id);
        QCOMPARE(again.conversationId, first.conversationId);
        QCOMPARE(*store.unreadCount(first.conversationId), 1);

        // Same dialog, next CSeq: a new message.
        const auto next = store.addIncoming(incoming(QStringLiteral("sip:bob@example.com"),
                                                     QStringLiteral("two"),
                                                     QStringLiteral("call-1"), 2, 300));
        QVERIFY(next.isNew());
        // Same Call-ID and CSeq from someone else: not a duplicate.
        const auto other = store.addIncoming(incoming(QStringLiteral("sip:carol@example.com"),
                                                      QStringLiteral("three"),
                                                      QStringLiteral("call-1"), 1, 400));
        QVERIFY(other.isNew());
        QVERIFY(other.conversationId != first.conversationId);
        // No Call-ID (e.g. imported): never deduplicated.
        QVERIFY(store.addIncoming(
                             incoming(QStringLiteral("sip:bob@example.com"), QStringLiteral("x")))
                        .isNew());
        QVERIFY(store.addIncoming(
                             incoming(QStringLiteral("sip:bob@example.com"), QStringLiteral("x")))
                        .isNew());
        QCOMPARE(store.messages(first.conversationId).size(), 4);
        QCOMPARE(*store.unreadCount(first.conversationId), 4);

        // The unique index is the last line of defence even for raw SQL.
        QSqlQuery q = s.database().prepare(QStringLiteral(
                "INSERT INTO messages (conversation_id, direction, peer_uri, body, time_ms, state,"
                " call_id, cseq) VALUES (?, 0, 'sip:bob@example.com', 'dup', 1, 4, 'call-1', 1)"));
        q.addBindValue(first.conversationId);
        QVERIFY(!s.database().exec(q, "raw duplicate"));

        QVERIFY(!store.addIncoming(incoming(QString(), QStringLiteral("no sender"))).id);
    }

    void incomingIsVisibleToAnotherConnectionOnReturn()
    {
        // addIncoming returns after COMMIT: a second connection (another process, or the
        // same file after a crash) must see the row at once.
        StorageContext writer(dbPath());
        QVERIFY(writer.database().open());
        Database reader(dbPath());
        QVERIFY(reader.open());
        const auto r = writer.messages().addIncoming(incoming(
                QStringLiteral("sip:a@x"), QStringLiteral("durable"), QStringLiteral("c"), 1));
        QVERIFY(r.isNew());
        QCOMPARE(reader.scalar(QStringLiteral("SELECT body FROM messages WHERE id = ?"), { r.id })
                         .toString(),
                 QStringLiteral("durable"));
    }

    void pagination()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        MessageStore &store = s.messages();
        const QString peer = QStringLiteral("sip:bob@example.com");
        // 25 messages, with time collisions (several per millisecond) and out-of-order
        // insertion times, both directions.
        QList<QPair<qint64, qint64>> expected; // (time, id)
        for (int i = 0; i < 25; ++i) {
            const qint64 time = 1000 + (i * 7 % 25) / 3 * 10;
            qint64 id = 0;
            if (i % 2) {
                id = *store.addOutgoing(peer, QStringLiteral("out %1").arg(i), {}, time);
            } else {
                id = store.addIncoming(incoming(peer, QStringLiteral("in %1").arg(i),
                                                QStringLiteral("c"), quint32(i), time))
                             .id;
            }
            QVERIFY(id > 0);
            expected.append({ time, id });
        }
        // Another conversation's messages never leak in.
        QVERIFY(store.addOutgoing(QStringLiteral("sip:other@example.com"), QStringLiteral("x"), {},
                                  1100));
        std::sort(expected.begin(), expected.end());
        const qint64 conversation = *store.conversationFor(peer);

        QList<QPair<qint64, qint64>> seen;
        QList<StoredMessage> page = store.messages(conversation, 10);
        int pages = 0;
        while (!page.isEmpty()) {
            ++pages;
            QVERIFY(page.size() <= 10);
            QList<QPair<qint64, qint64>> ids;
            for (const StoredMessage &m : page) {
                QCOMPARE(m.conversationId, conversation);
                ids.append({ m.timeMs, m.id });
            }
            QVERIFY(std::is_sorted(ids.begin(), ids.end())); // chronological within a page
            seen = ids + seen;
            page = store.messages(conversation, 10, page.first().timeMs, page.first().id);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen, expected);
    }

    void unreadAndConversations()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        MessageStore &store = s.messages();
        const auto a1 = store.addIncoming(incoming(QStringLiteral("sip:a@x"), QStringLiteral("1"),
                                                   QStringLiteral("a"), 1, 100));
        store.addIncoming(incoming(QStringLiteral("sip:a@x"), QStringLiteral("2"),
                                   QStringLiteral("a"), 2, 200));
        const auto b1 = store.addIncoming(incoming(QStringLiteral("sip:b@x"), QStringLiteral("1"),
                                                   QStringLiteral("b"), 1, 300));
        QVERIFY(store.addOutgoing(QStringLiteral("sip:c@x"), QStringLiteral("out"), {}, 50));
        QCOMPARE(*store.unreadCount(a1.conversationId), 2);
        QCOMPARE(*store.unreadCount(b1.conversationId), 1);
        QCOMPARE(*store.totalUnread(), 3);

        const QList<Conversation> list = store.conversations();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).peerUri, QStringLiteral("sip:b@x"));
        QCOMPARE(list.at(0).lastActivityMs, 300);
        QCOMPARE(list.at(1).peerUri, QStringLiteral("sip:a@x"));
        QCOMPARE(list.at(2).peerUri, QStringLiteral("sip:c@x"));
        QCOMPARE(list.at(2).unreadCount, 0);

        QVERIFY(store.markRead(a1.conversationId));
        QCOMPARE(*store.unreadCount(a1.conversationId), 0);
        QCOMPARE(*store.totalUnread(), 1);
        QCOMPARE(store.conversation(b1.conversationId)->unreadCount, 1);
        QVERIFY(!store.markRead(12345));
        QVERIFY(!store.unreadCount(12345));

        // An older message arriving late does not move the activity time back.
        store.addIncoming(incoming(QStringLiteral("sip:b@x"), QStringLiteral("late"),
                                   QStringLiteral("b"), 0, 10));
        QCOMPARE(store.conversation(b1.conversationId)->lastActivityMs, 300);

        // conversationFor: the existing conversation, or a new empty one.
        QCOMPARE(*store.conversationFor(QStringLiteral("SIP:a@X")), a1.conversationId);
        const auto fresh = store.conversationFor(QStringLiteral("sip:new@x"));
        QVERIFY(fresh);
        QVERIFY(store.messages(*fresh).isEmpty());
    }

    void removeConversationCascades()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        MessageStore &store = s.messages();
        const auto id = store.addOutgoing(QStringLiteral("sip:a@x"), QStringLiteral("1"));
        const qint64 conversation = store.message(*id)->conversationId;
        store.addIncoming(incoming(QStringLiteral("sip:a@x"), QStringLiteral("2")));
        const auto keep = store.addOutgoing(QStringLiteral("sip:b@x"), QStringLiteral("k"));
        QVERIFY(store.removeConversation(conversation));
        QCOMPARE(s.database().scalar(QStringLiteral("SELECT COUNT(*) FROM messages")).toInt(), 1);
        QVERIFY(store.message(*keep));
        QVERIFY(!store.removeConversation(conversation));

        QVERIFY(store.removeMessage(*keep));
        QVERIFY(!store.removeMessage(*keep));
        // AUTOINCREMENT: ids are never reused after a delete.
        const auto after = store.addOutgoing(QStringLiteral("sip:b@x"), QStringLiteral("n"));
        QVERIFY(*after > *keep);
    }

    void pendingOutgoing()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        MessageStore &store = s.messages();
        const auto q1 = *store.addOutgoing(QStringLiteral("sip:a@x"), QStringLiteral("q1"), {}, 30);
        const auto sent
                = *store.addOutgoing(QStringLiteral("sip:a@x"), QStringLiteral("s"), {}, 10);
        const auto sending
                = *store.addOutgoing(QStringLiteral("sip:b@x"), QStringLiteral("sg"), {}, 20);
        const auto failed
                = *store.addOutgoing(QStringLiteral("sip:b@x"), QStringLiteral("f"), {}, 5);
        const auto q2 = *store.addOutgoing(QStringLiteral("sip:c@x"), QStringLiteral("q2"), {}, 40);
        store.addIncoming(incoming(QStringLiteral("sip:a@x"), QStringLiteral("in")));
        QVERIFY(store.markSent(sent));
        QVERIFY(store.setSending(sending, QStringLiteral("cid"), 1));
        QVERIFY(store.markFailed(failed, 0, QStringLiteral("no route")));

        const QList<StoredMessage> pending = store.pendingOutgoing();
        QCOMPARE(pending.size(), 3);
        QCOMPARE(pending.at(0).id, sending); // oldest first
        QCOMPARE(pending.at(1).id, q1);
        QCOMPARE(pending.at(2).id, q2);
        QCOMPARE(store.pendingOutgoing(2).size(), 2);
    }

    // --- contacts -------------------------------------------------------------------

    void contactsCrud()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        ContactStore &store = s.contacts();
        Contact alice;
        alice.displayName = QStringLiteral("Alice Liddell");
        alice.sipUri = QStringLiteral("SIP:alice@Wonderland.example");
        alice.numbers = { { QStringLiteral("cell"), QStringLiteral("+44 7700 900123") },
                          { QStringLiteral("work"), QStringLiteral("+44 20 7946 0000") } };
        alice.emails = { QStringLiteral("alice@example.org") };
        alice.group = QStringLiteral("Friends");
        const auto id = store.add(alice);
        QVERIFY2(id, qPrintable(s.database().lastError()));

        auto read = store.contact(*id);
        QVERIFY(read);
        QCOMPARE(read->id, *id);
        QCOMPARE(read->sipUri, QStringLiteral("sip:alice@wonderland.example"));
        alice.sipUri = read->sipUri;
        QVERIFY(read->sameData(alice));

        // The same address, spelt differently: rejected, naming the existing contact.
        Contact twin;
        twin.displayName = QStringLiteral("Twin");
        twin.sipUri = QStringLiteral("<sip:alice@WONDERLAND.example>");
        QVERIFY(!store.add(twin));
        QVERIFY2(s.database().lastError().contains(QLatin1String("Alice Liddell")),
                 qPrintable(s.database().lastError()));

        // Contacts without a SIP address (only numbers) can coexist.
        const Contact phoneOnly1
                = makeContact(QStringLiteral("Plumber"), {}, { { {}, QStringLiteral("123") } });
        const Contact phoneOnly2
                = makeContact(QStringLiteral("Electrician"), {}, { { {}, QStringLiteral("456") } });
        QVERIFY(store.add(phoneOnly1));
        QVERIFY(store.add(phoneOnly2));
        QVERIFY(!store.add(Contact {})); // nothing at all

        read->displayName = QStringLiteral("Alice L.");
        read->numbers.removeLast();
        read->favourite = true;
        QVERIFY(store.update(*read));
        QVERIFY(store.contact(*id)->sameData(*read));
        QVERIFY(store.findByUri(QStringLiteral("sip:alice@WONDERLAND.example")));
        QVERIFY(!store.findByUri(QStringLiteral("sip:nobody@example")));
        QVERIFY(s.database().lastError().isEmpty());

        // Update may not steal another contact's address.
        const auto bobId = store.add(
                makeContact(QStringLiteral("Bob"), QStringLiteral("sip:bob@example.com")));
        Contact bob = *store.contact(*bobId);
        bob.sipUri = QStringLiteral("sip:alice@wonderland.example");
        QVERIFY(!store.update(bob));
        QCOMPARE(store.contact(*bobId)->sipUri, QStringLiteral("sip:bob@example.com"));

        QVERIFY(store.setFavourite(*bobId, true));
        QCOMPARE(store.favourites().size(), 2);
        QVERIFY(store.setPresenceAuthorization(*bobId, PresenceAuthorization::Blocked));
        QCOMPARE(store.contact(*bobId)->presenceAuthorization, PresenceAuthorization::Blocked);
        QVERIFY(!store.setFavourite(99999, true));

        QCOMPARE(*store.count(), 4);
        QVERIFY(store.remove(*bobId));
        QVERIFY(!store.remove(*bobId));
        QVERIFY(!store.contact(*bobId));
        QCOMPARE(*store.count(), 3);
        Contact missing;
        missing.id = 4242;
        missing.displayName = QStringLiteral("x");
        QVERIFY(!store.update(missing));
    }

    void contactsOrderAndSearch()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        ContactStore &store = s.contacts();
        const QList<Contact> input = {
            makeContact(QStringLiteral("zoe"), QStringLiteral("sip:zoe@x")),
            makeContact(QStringLiteral("Adam"), QStringLiteral("sip:adam@x"),
                        { { QStringLiteral("cell"), QStringLiteral("+1 555 0100") } }),
            makeContact(QStringLiteral("王小明"), QStringLiteral("sip:wang@x")),
            makeContact(QStringLiteral("bob 100%"), QStringLiteral("sip:bob@x"), {},
                        { QStringLiteral("bob@mail.example") }),
            makeContact(QStringLiteral("Carol_1"), QStringLiteral("sip:carol@x")),
        };
        for (const Contact &c : input)
            QVERIFY(store.add(c));
        QStringList names;
        for (const Contact &c : store.all())
            names << c.displayName;
        QCOMPARE(names,
                 (QStringList { QStringLiteral("Adam"), QStringLiteral("bob 100%"),
                                QStringLiteral("Carol_1"), QStringLiteral("zoe"),
                                QStringLiteral("王小明") }));

        const auto namesOf = [](const QList<Contact> &list) {
            QStringList out;
            for (const Contact &c : list)
                out << c.displayName;
            return out;
        };
        QCOMPARE(namesOf(store.search(QStringLiteral("ADA"))), QStringList { "Adam" });
        QCOMPARE(namesOf(store.search(QStringLiteral("小明"))), QStringList { "王小明" });
        QCOMPARE(namesOf(store.search(QStringLiteral("555 01"))), QStringList { "Adam" });
        QCOMPARE(namesOf(store.search(QStringLiteral("wang@"))), QStringList { "王小明" });
        QCOMPARE(namesOf(store.search(QStringLiteral("mail.example"))), QStringList { "bob 100%" });
        // LIKE wildcards are literal.
        QCOMPARE(namesOf(store.search(QStringLiteral("%"))), QStringList { "bob 100%" });
        QCOMPARE(namesOf(store.search(QStringLiteral("l_1"))), QStringList { "Carol_1" });
        QCOMPARE(namesOf(store.search(QStringLiteral("_"))), QStringList { "Carol_1" });
        QVERIFY(store.search(QStringLiteral("nothing like it")).isEmpty());
        QCOMPARE(store.search(QString()).size(), 5);
        QCOMPARE(store.search(QStringLiteral("x"), 2).size(), 2);
    }

    void contactsAddMany()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        QList<Contact> batch;
        for (int i = 0; i < 2000; ++i)
            batch.append(makeContact(QStringLiteral("Person %1").arg(i),
                                     QStringLiteral("sip:p%1@example.com").arg(i)));
        batch.append(makeContact(QStringLiteral("Dup"), QStringLiteral("SIP:p7@EXAMPLE.com")));
        batch.append(Contact {});
        QStringList errors;
        QElapsedTimer timer;
        timer.start();
        const auto ids = s.contacts().addMany(batch, &errors);
        QCOMPARE(ids.size(), batch.size());
        QCOMPARE(errors.size(), batch.size());
        for (int i = 0; i < 2000; ++i)
            QVERIFY(ids.at(i).has_value() && errors.at(i).isEmpty());
        QVERIFY(!ids.at(2000));
        QVERIFY2(errors.at(2000).contains(QLatin1String("already")), qPrintable(errors.at(2000)));
        QVERIFY(!ids.at(2001));
        QVERIFY(!errors.at(2001).isEmpty());
        QCOMPARE(*s.contacts().count(), 2000);
        qDebug() << "2002 contacts in one transaction:" << timer.elapsed() << "ms";
    }

    // --- calls ----------------------------------------------------------------------

    void callHistory()
    {
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        CallHistoryStore &store = s.calls();
        const auto call = [&store](CallDirection dir, const char *peer, qint64 start) {
            CallRecord r;
            r.direction = dir;
            r.peerUri = QString::fromLatin1(peer);
            r.peerName = QStringLiteral("Name of %1").arg(QLatin1String(peer));
            r.startMs = start;
            r.callId = QStringLiteral("cid-%1").arg(start);
            return *store.add(r);
        };
        const qint64 answeredIn = call(CallDirection::Incoming, "sip:a@x", 100);
        const qint64 missed1 = call(CallDirection::Incoming, "sip:b@x", 200);
        const qint64 outgoing = call(CallDirection::Outgoing, "sip:c@x", 300);
        const qint64 missed2 = call(CallDirection::Incoming, "SIP:d@X", 400);
        const qint64 ringing = call(CallDirection::Incoming, "sip:e@x", 500);

        QVERIFY(store.markAnswered(answeredIn, 110));
        QVERIFY(store.markEnded(answeredIn, 200, QStringLiteral("OK"), 170));
        QVERIFY(store.markEnded(missed1, 487, QStringLiteral("Request Terminated"), 230));
        QVERIFY(store.markAnswered(outgoing, 305));
        QVERIFY(store.markEnded(outgoing, 200, QStringLiteral("OK"), 390));
        QVERIFY(store.markEnded(missed2, 603, QStringLiteral("Decline"), 410));
        QVERIFY(!store.markEnded(987654, 0, {}));

        const auto ids = [](const QList<CallRecord> &list) {
            QList<qint64> out;
            for (const CallRecord &r : list)
                out << r.id;
            return out;
        };
        QCOMPARE(ids(store.calls()),
                 (QList<qint64> { ringing, missed2, outgoing, missed1, answeredIn }));
        QCOMPARE(ids(store.calls(CallFilter::Missed)), (QList<qint64> { missed2, missed1 }));
        QCOMPARE(ids(store.calls(CallFilter::Incoming)),
                 (QList<qint64> { ringing, missed2, missed1, answeredIn }));
        QCOMPARE(ids(store.calls(CallFilter::Outgoing)), QList<qint64> { outgoing });

        const CallRecord r = *store.call(answeredIn);
        QCOMPARE(r.peerUri, QStringLiteral("sip:a@x"));
        QCOMPARE(r.peerName, QStringLiteral("Name of sip:a@x"));
        QCOMPARE(r.startMs, 100);
        QCOMPARE(r.answerMs, 110);
        QCOMPARE(r.endMs, 170);
        QCOMPARE(r.resultCode, 200);
        QCOMPARE(r.reason, QStringLiteral("OK"));
        QCOMPARE(r.callId, QStringLiteral("cid-100"));
        QVERIFY(r.seen);
        QVERIFY(!r.isMissed());
        QVERIFY(store.call(missed1)->isMissed());
        QCOMPARE(store.call(missed2)->peerUri, QStringLiteral("sip:d@x"));
        QVERIFY(store.call(outgoing)->seen);

        // Badge: the two ended, unanswered incoming calls (not the one still ringing).
        QCOMPARE(*store.unseenMissedCount(), 2);
        QVERIFY(store.markMissedSeen());
        QCOMPARE(*store.unseenMissedCount(), 0);
        QVERIFY(store.call(missed1)->seen);
        QVERIFY(!store.call(ringing)->seen);

        // Pagination, newest first.
        const QList<CallRecord> first = store.calls(CallFilter::All, 2);
        QCOMPARE(ids(first), (QList<qint64> { ringing, missed2 }));
        const QList<CallRecord> second
                = store.calls(CallFilter::All, 2, first.last().startMs, first.last().id);
        QCOMPARE(ids(second), (QList<qint64> { outgoing, missed1 }));

        // Parlo was killed while e was ringing: at the next start it becomes a missed call.
        QCOMPARE(*store.closeInterrupted(1000), 1);
        QCOMPARE(store.call(ringing)->endMs, 1000);
        QCOMPARE(store.call(ringing)->reason, QStringLiteral("Interrupted"));
        QCOMPARE(*store.unseenMissedCount(), 1);
        QCOMPARE(*store.closeInterrupted(1000), 0);

        CallRecord edit = *store.call(outgoing);
        edit.peerName = QStringLiteral("Carol");
        edit.reason = QStringLiteral("Normal");
        QVERIFY(store.update(edit));
        QCOMPARE(store.call(outgoing)->peerName, QStringLiteral("Carol"));
        QCOMPARE(store.call(outgoing)->reason, QStringLiteral("Normal"));

        QVERIFY(store.clear(CallFilter::Missed));
        QCOMPARE(ids(store.calls()), (QList<qint64> { outgoing, answeredIn }));
        QVERIFY(store.remove(outgoing));
        QVERIFY(!store.remove(outgoing));
        QVERIFY(store.clear());
        QVERIFY(store.calls().isEmpty());
        QVERIFY(!store.add(CallRecord {}));
    }

    // --- watcher decisions (migration 2) ------------------------------------------

    void watcherDecisions()
    {
        {
            StorageContext s(dbPath());
            QVERIFY(s.database().open());
            WatcherDecisionStore store(s.database());
            QVERIFY(store.all().isEmpty());
            QVERIFY(!store.find(QStringLiteral("sip:bob@example.com")));
            QVERIFY2(store.set(QStringLiteral("sip:Bob@Example.COM;transport=tcp"), true),
                     qPrintable(s.database().lastError()));
            QVERIFY(store.set(QStringLiteral("sip:carol@example.com"), false));
            // The same watcher, spelled otherwise: the decision is replaced, not added.
            QVERIFY(store.set(QStringLiteral("sip:Bob@example.com:5070"), false));
            QVERIFY(store.set(QStringLiteral("sip:Bob@example.com"), true));
            const QList<WatcherDecision> all = store.all();
            QCOMPARE(all.size(), 2);
            QCOMPARE(all[0].watcherKey, QStringLiteral("Bob@example.com"));
            QCOMPARE(all[0].uri, QStringLiteral("sip:Bob@example.com"));
            QVERIFY(all[0].allowed);
            QVERIFY(all[0].decidedMs > 0);
            QCOMPARE(all[1].watcherKey, QStringLiteral("carol@example.com"));
            QVERIFY(!all[1].allowed);
            QVERIFY(!store.set(QString(), true));
        }
        // Durable: another connection (a restarted Parlo) reads them back.
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        WatcherDecisionStore store(s.database());
        const auto bob = store.find(QStringLiteral("sip:Bob@EXAMPLE.com"));
        QVERIFY(bob);
        QVERIFY(bob->allowed);
        // RFC 3261 §19.1.4: the user part is case-sensitive, the host is not.
        QVERIFY(!store.find(QStringLiteral("sip:bob@example.com")));
        QVERIFY(store.remove(QStringLiteral("sip:carol@example.com")));
        QCOMPARE(store.all().size(), 1);
    }

    void version1IsUpgradedWithWatcherDecisions()
    {
        {
            StorageContext s(dbPath());
            QVERIFY(s.database().open({ Schema::migrations().at(0) }));
            QVERIFY(s.contacts().add(
                    makeContact(QStringLiteral("Old"), QStringLiteral("sip:old@example.com"))));
        }
        StorageContext s(dbPath());
        QVERIFY2(s.database().open(), qPrintable(s.database().lastError()));
        QCOMPARE(s.database().schemaVersion(), Schema::latestVersion());
        QVERIFY(WatcherDecisionStore(s.database()).set(QStringLiteral("sip:old@example.com"), true));
        QCOMPARE(*s.contacts().count(), 1);
        QCOMPARE(s.database().integrityCheck(), QStringLiteral("ok"));
    }

    // --- thread wrapper -------------------------------------------------------------

    void storageThread()
    {
        qint64 id = 0;
        {
            StorageThread storage(dbPath());
            QSignalSpy opened(&storage, &StorageThread::opened);
            storage.start();
            QVERIFY(opened.wait(10000));
            QCOMPARE(opened.at(0).at(0).toBool(), true);

            QThread *jobThread = nullptr;
            QThread *doneThread = nullptr;
            bool done = false;
            storage.run(
                    this,
                    [&jobThread](StorageContext &s) {
                        jobThread = QThread::currentThread();
                        return s.messages().addOutgoing(QStringLiteral("sip:bob@x"),
                                                        QStringLiteral("from the GUI"));
                    },
                    [&](std::optional<qint64> result) {
                        doneThread = QThread::currentThread();
                        id = result.value_or(0);
                        done = true;
                    });
            QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
            QVERIFY(id > 0);
            QVERIFY(jobThread && jobThread != QThread::currentThread());
            QCOMPARE(doneThread, QThread::currentThread());

            // A receiver destroyed before the result arrives: the callback is dropped.
            bool lateCalled = false;
            auto receiver = std::make_unique<QObject>();
            storage.run(
                    receiver.get(), [](StorageContext &s) { return *s.contacts().count(); },
                    [&lateCalled](int) { lateCalled = true; });
            receiver.reset();

            // Fire-and-forget writes posted right before shutdown still commit.
            for (int i = 0; i < 20; ++i)
                storage.post([i](StorageContext &s) {
                    s.messages().addOutgoing(QStringLiteral("sip:bob@x"),
                                             QStringLiteral("late %1").arg(i));
                });
            bool voidDone = false;
            storage.run(
                    this, [](StorageContext &s) { s.messages().markRead(1); },
                    [&voidDone] { voidDone = true; });
            QTRY_VERIFY(voidDone);
            QVERIFY(!lateCalled);
        }
        StorageContext s(dbPath());
        QVERIFY(s.database().open());
        QCOMPARE(s.messages().message(id)->body, QStringLiteral("from the GUI"));
        QCOMPARE(s.messages().pendingOutgoing().size(), 21);
    }

    void storageThreadReportsOpenFailure()
    {
        {
            Migration newer = testMigration2();
            newer.version = Schema::latestVersion() + 1;
            Database db(dbPath());
            QVERIFY(db.open(Schema::migrations() + QList<Migration> { newer }));
        }
        StorageThread storage(dbPath());
        QSignalSpy opened(&storage, &StorageThread::opened);
        storage.start();
        QVERIFY(opened.wait(10000));
        QCOMPARE(opened.at(0).at(0).toBool(), false);
        QVERIFY(opened.at(0).at(1).toString().contains(QLatin1String("newer")));
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
