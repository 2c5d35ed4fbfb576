// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// StartWindow (sip/ua/StartWindow.h), through which the UA starts its presence
// subscriptions: at most `limit` jobs starting at a time, the others in order, withdrawn
// jobs never started, and reentrant jobs (a start that fails at once and says so).

#include "sip/ua/StartWindow.h"

#include <QTest>

using namespace Sip;

class TestStartWindow : public QObject
{
    Q_OBJECT

private:
    QStringList started;
    StartWindow::Start job(const QString &key)
    {
        return [this, key] { started << key; };
    }
    static QString key(int i) { return QStringLiteral("sip:user%1@example.com").arg(i); }

private slots:
    void init() { started.clear(); }

    void startsAtMostLimit()
    {
        StartWindow w(3);
        for (int i = 0; i < 10; ++i)
            w.submit(key(i), job(key(i)));
        QCOMPARE(started, QStringList({ key(0), key(1), key(2) }));
        QCOMPARE(w.startingCount(), 3);
        QCOMPARE(w.waitingCount(), 7);
        QVERIFY(w.isStarting(key(1)));
        QVERIFY(w.isWaiting(key(3)));
    }

    void doneStartsTheNextInOrder()
    {
        StartWindow w(2);
        for (int i = 0; i < 5; ++i)
            w.submit(key(i), job(key(i)));
        w.done(key(1));
        QCOMPARE(started, QStringList({ key(0), key(1), key(2) }));
        w.done(key(1)); // twice: nothing more
        w.done(QStringLiteral("sip:unknown@example.com"));
        QCOMPARE(started.size(), 3);
        w.done(key(0));
        w.done(key(2));
        QCOMPARE(started, QStringList({ key(0), key(1), key(2), key(3), key(4) }));
        QCOMPARE(w.waitingCount(), 0);
        QCOMPARE(w.startingCount(), 2);
    }

    void duplicatesAreIgnored()
    {
        StartWindow w(1);
        w.submit(key(0), job(key(0)));
        w.submit(key(0), job(key(0))); // starting
        w.submit(key(1), job(key(1)));
        w.submit(key(1), job(key(1))); // waiting
        QCOMPARE(w.waitingCount(), 1);
        w.done(key(0));
        QCOMPARE(started, QStringList({ key(0), key(1) }));
    }

    void withdrawnJobsNeverStart()
    {
        StartWindow w(1);
        for (int i = 0; i < 4; ++i)
            w.submit(key(i), job(key(i)));
        QVERIFY(w.withdraw(key(2)));
        QVERIFY(!w.withdraw(key(2)));
        QVERIFY(!w.withdraw(key(0))); // already starting: not the window's to withdraw
        w.done(key(0));
        w.done(key(1));
        QCOMPARE(started, QStringList({ key(0), key(1), key(3) }));
    }

    void withdrawAllEmptiesTheQueue()
    {
        StartWindow w(2);
        for (int i = 0; i < 5; ++i)
            w.submit(key(i), job(key(i)));
        QCOMPARE(w.withdrawAll(), QStringList({ key(2), key(3), key(4) }));
        w.done(key(0));
        w.done(key(1));
        QCOMPARE(started.size(), 2);
        QCOMPARE(w.startingCount(), 0);
    }

    void aJobThatFailsAtOnceLetsTheNextStart()
    {
        // Like a subscription whose SUBSCRIBE cannot be sent: its start reports done().
        StartWindow w(2);
        for (int i = 0; i < 6; ++i) {
            const QString k = key(i);
            w.submit(k, [this, &w, k, i] {
                started << k;
                if (i % 2 == 1)
                    w.done(k);
            });
        }
        // 0 stays starting; 1 fails at once; 2 stays; 3..5 wait for 0 or 2.
        QCOMPARE(started, QStringList({ key(0), key(1), key(2) }));
        QCOMPARE(w.startingCount(), 2);
        w.done(key(0)); // 3 starts and fails, so 4 starts too
        QCOMPARE(started, QStringList({ key(0), key(1), key(2), key(3), key(4) }));
        w.done(key(2));
        QCOMPARE(started.size(), 6);
        QCOMPARE(w.waitingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStartWindow)
#include "tst_start_window.moc"
