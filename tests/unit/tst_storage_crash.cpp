// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Crash safety: a child process (tst_storage_crashchild) stores messages in a loop and
// acknowledges each on stdout after the store call returned; we SIGKILL it at random
// moments and check that every acknowledged message is in the database, intact, and that
// the database passes PRAGMA integrity_check. This is the durability the app promises with
// WAL and synchronous=NORMAL (which freshDatabaseIsAtLatestVersion checks is on): a commit
// is in the WAL file when it returns, so process death loses nothing; only an OS crash or
// power cut could lose the last commits.

#include "storage/CrashBody.h"

#include "storage/Database.h"
#include "storage/Schema.h"

#include <QHash>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace App;

class TestStorageCrash : public QObject
{
    Q_OBJECT

private slots:
    void acknowledgedMessagesSurviveSigkill()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
        const quint32 runSeed = QRandomGenerator::global()->generate();
        qInfo() << "run seed" << runSeed;
        QRandomGenerator random(runSeed);

        struct Ack
        {
            quint32 seed;
            int n;
        };
        QHash<qint64, Ack> acknowledged;
        const int rounds = 10;
        int roundsWithWrites = 0;
        for (int round = 0; round < rounds; ++round) {
            const quint32 seed = runSeed + quint32(round);
            QProcess child;
            child.setProgram(QStringLiteral(PARLO_CRASH_CHILD));
            child.setArguments({ path, QString::number(seed) });
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start();
            QVERIFY2(child.waitForStarted(5000), qPrintable(child.errorString()));
            // Random moment, sometimes during open/migration, mostly mid-write.
            const int killAfterMs = random.bounded(round == 0 ? 5 : 50, 2000);
            QVERIFY2(
                    !child.waitForFinished(killAfterMs),
                    qPrintable(QStringLiteral("child exited by itself: %1")
                                       .arg(QString::fromLocal8Bit(child.readAllStandardError()))));
            child.kill(); // SIGKILL on Unix, TerminateProcess on Windows: no chance to clean up
            QVERIFY(child.waitForFinished(5000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            // Only complete lines: a line cut short by the kill was not acknowledged.
            const QByteArray out = child.readAllStandardOutput();
            const QList<QByteArray> lines = out.split('\n');
            int acks = 0;
            for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
                if (lines.at(i) == "ready")
                    continue;
                const QList<QByteArray> fields = lines.at(i).split(' ');
                QCOMPARE(fields.size(), 2);
                const qint64 id = fields.at(0).toLongLong();
                QVERIFY(id > 0);
                QVERIFY2(!acknowledged.contains(id), "ids are never reused");
                acknowledged.insert(id, { seed, fields.at(1).toInt() });
                ++acks;
            }
            if (acks > 0)
                ++roundsWithWrites;
            qInfo() << "round" << round << "killed after" << killAfterMs << "ms," << acks
                    << "acknowledged";

            // Open after every kill: recovery of the WAL must work each time.
            Database db(path);
            QVERIFY2(db.open(), qPrintable(db.lastError()));
            QCOMPARE(db.schemaVersion(), Schema::latestVersion());
            QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
            QCOMPARE(db.scalar(QStringLiteral("PRAGMA foreign_key_check")).isNull(), true);

            QHash<qint64, QString> stored;
            QSqlQuery q = db.prepare(QStringLiteral("SELECT id, body FROM messages"));
            QVERIFY(db.exec(q, "read back"));
            while (q.next())
                stored.insert(q.value(0).toLongLong(), q.value(1).toString());
            for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it) {
                QVERIFY2(stored.contains(it.key()),
                         qPrintable(QStringLiteral("acknowledged message %1 lost").arg(it.key())));
                QCOMPARE(stored.value(it.key()), crashBody(it->seed, it->n));
            }
        }
        QVERIFY2(roundsWithWrites >= rounds / 2,
                 "the child should have acknowledged writes in most rounds");
        qInfo() << acknowledged.size() << "acknowledged messages, all present";
    }
};

QTEST_GUILESS_MAIN(TestStorageCrash)
#include "tst_storage_crash.moc"
