// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
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
        QTest::newRow("ok") << "sip:alice@example.com" << "tls" << 600 << "";
        QTest::newRow("missing aor") << "" << "udp" << 600 << "account.aor";
        QTest::newRow("not sip") << "mailto:alice@example.com" << "udp" << 600 << "account.aor";
        QTest::newRow("bad transport") << "sip:alice@example.com" << "sctp" << 600 << "account.transport";
        QTest::newRow("expires low") << "sip:alice@example.com" << "udp" << 5 << "account.expires";
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
        f.write("[account]\naor=sip:alice@example.com\nexpires=soon\n[network]\nlisten=udp:nowhere:1\n\x01\x02\xff garbage\n");
        f.close();
        QSettings bad(f.fileName(), QSettings::IniFormat);
        AccountSettings b;
        b.load(bad);
        NetworkSettings m;
        m.load(bad);
        QVERIFY(b.validate().startsWith("account.expires"));
        QVERIFY(m.validate().startsWith("network.listen"));
    }
};

QTEST_APPLESS_MAIN(TestSettings)
#include "tst_settings.moc"
