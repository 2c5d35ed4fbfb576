// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/AccountList.h"
#include "settings/AccountSettings.h"
#include "settings/ListenAddress.h"

#include <QTemporaryDir>
#include <QTest>

using namespace App;

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void listenAddress_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("errorWord");
        QTest::newRow("udp v4") << "udp:127.0.0.1:5070" << true << "";
        QTest::newRow("tcp v6") << "tcp:[::1]:0" << true << "";
        QTest::newRow("tls any") << "TLS:0.0.0.0:5061" << true << "";
        QTest::newRow("no port") << "udp:127.0.0.1" << false << "TRANSPORT:ADDRESS:PORT";
        QTest::newRow("bad transport") << "sctp:127.0.0.1:5060" << false << "transport";
        QTest::newRow("host name") << "udp:example.com:5060" << false << "IP address";
        QTest::newRow("port range") << "udp:127.0.0.1:70000" << false << "port";
        QTest::newRow("garbage") << QString(5000, QLatin1Char(':')) << false << "";
        QTest::newRow("empty") << "" << false << "";
    }
    void listenAddress()
    {
        QFETCH(QString, spec);
        QFETCH(bool, valid);
        QFETCH(QString, errorWord);
        QString error;
        const auto parsed = ListenAddress::parse(spec, &error);
        QCOMPARE(parsed.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            QVERIFY2(error.contains(errorWord), qPrintable(error));
        }
    }

    void accountValidation_data()
    {
        QTest::addColumn<QString>("aor");
        QTest::addColumn<QString>("transport");
        QTest::addColumn<int>("expires");
        QTest::addColumn<QString>("errorKey");
        QTest::newRow("ok") << "sip:alice@example.com"
                            << "tls" << 600 << "";
        QTest::newRow("missing aor") << ""
                                     << "udp" << 600 << "account.aor";
        QTest::newRow("not sip") << "mailto:alice@example.com"
                                 << "udp" << 600 << "account.aor";
        QTest::newRow("bad transport") << "sip:alice@example.com"
                                       << "sctp" << 600 << "account.transport";
        QTest::newRow("expires low") << "sip:alice@example.com"
                                     << "udp" << 5 << "account.expires";
    }
    void accountValidation()
    {
        QFETCH(QString, aor);
        QFETCH(QString, transport);
        QFETCH(int, expires);
        QFETCH(QString, errorKey);
        AccountSettings a;
        a.aor = aor;
        a.transport = transport;
        a.expires = expires;
        const QString error = a.validate();
        if (errorKey.isEmpty())
            QVERIFY2(error.isEmpty(), qPrintable(error));
        else
            QVERIFY2(error.startsWith(errorKey), qPrintable(error));
    }

    void iniRoundTripAndHostileFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("parlo.ini");
        {
            QSettings s(path, QSettings::IniFormat);
            AccountSettings a;
            a.aor = "sip:alice@example.com";
            a.transport = "tcp";
            a.expires = 300;
            a.save(s);
            NetworkSettings n;
            n.listen = { "udp:127.0.0.1:5070", "tcp:[::1]:0" };
            n.save(s);
        }
        QSettings s(path, QSettings::IniFormat);
        AccountSettings a;
        a.load(s);
        NetworkSettings n;
        n.load(s);
        QCOMPARE(a.aor, QString("sip:alice@example.com"));
        QCOMPARE(a.expires, 300);
        QCOMPARE(n.listen, QStringList({ "udp:127.0.0.1:5070", "tcp:[::1]:0" }));
        QVERIFY(a.validate().isEmpty());
        QVERIFY(n.validate().isEmpty());

        // A hand-written file with a non-number and a bad listen spec: precise errors.
        QFile f(dir.filePath("bad.ini"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[account]\naor=sip:alice@example.com\nexpires=soon\n[network]\nlisten=udp:nowhere:"
                "1\n\x01\x02\xff garbage\n");
        f.close();
        QSettings bad(f.fileName(), QSettings::IniFormat);
        AccountSettings b;
        b.load(bad);
        NetworkSettings m;
        m.load(bad);
        QVERIFY(b.validate().startsWith("account.expires"));
        QVERIFY(m.validate().startsWith("network.listen"));
    }

    void accountSrtp()
    {
        AccountSettings a;
        a.aor = "sip:alice@example.com";
        QCOMPARE(a.srtpPolicy(), 0);
        a.srtp = "optional";
        QCOMPARE(a.srtpPolicy(), 1);
        a.srtp = "Mandatory";
        QCOMPARE(a.srtpPolicy(), 2);
        QVERIFY(a.validate().isEmpty());
        a.srtp = "sometimes";
        QVERIFY(a.validate().startsWith("account.srtp"));
    }

    void accountList()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("parlo.ini");
        {
            // A settings file of the single-account days: read as account "1".
            QSettings s(path, QSettings::IniFormat);
            AccountSettings legacy;
            legacy.aor = "sip:alice@example.com";
            legacy.save(s);
        }
        QSettings s(path, QSettings::IniFormat);
        AccountList list;
        list.load(s);
        QCOMPARE(list.accounts().size(), 1);
        QCOMPARE(list.accounts().first().id, QString("1"));
        QCOMPARE(list.defaultId(), QString("1"));

        AccountSettings bob;
        bob.aor = "sip:bob@example.org";
        bob.srtp = "mandatory";
        const QString bobId = list.put(bob);
        QCOMPARE(bobId, QString("2"));
        QCOMPARE(list.defaultId(), QString("1")); // the first, until one is chosen
        list.setDefaultId(bobId);
        QCOMPARE(list.defaultId(), bobId);
        AccountSettings changed = list.account(bobId);
        changed.displayName = "Bob";
        QCOMPARE(list.put(changed), bobId); // replaces, same id
        QCOMPARE(list.accounts().size(), 2);
        list.save(s);
        s.sync();
        QVERIFY(!s.childGroups().contains("account")); // the old group is gone

        AccountList again;
        again.load(s);
        QCOMPARE(again.accounts().size(), 2);
        QCOMPARE(again.accounts().at(0).aor, QString("sip:alice@example.com"));
        QCOMPARE(again.accounts().at(1).displayName, QString("Bob"));
        QCOMPARE(again.accounts().at(1).srtp, QString("mandatory"));
        QCOMPARE(again.defaultId(), bobId);

        // Removing the default falls back to the first; ids are not reused.
        QVERIFY(again.remove(bobId));
        QVERIFY(!again.remove(bobId));
        QCOMPARE(again.defaultId(), QString("1"));
        AccountSettings carol;
        carol.aor = "sip:carol@example.net";
        QCOMPARE(again.put(carol), QString("3"));
    }
};

QTEST_APPLESS_MAIN(TestSettings)
#include "tst_settings.moc"
