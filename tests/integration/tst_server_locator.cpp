// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 3263 server location. IP literals and "localhost" (hosts file) need no DNS server;
// the SRV cases start dnsmasq on 127.0.0.1:53 with a made-up zone (parlo.test) and are
// skipped when that is impossible (dnsmasq missing, not root, port 53 taken).
#include "sip/message/SipUri.h"
#include "sip/resolver/ServerLocator.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUdpSocket>

using namespace Sip;

namespace {

constexpr int kTimeout = 10000;

QStringList toStrings(const QList<Endpoint> &targets)
{
    QStringList out;
    for (const Endpoint &e : targets)
        out.append(e.toString());
    return out;
}

} // namespace

class TestServerLocator : public QObject
{
    Q_OBJECT

    QProcess m_dns;
    QString m_dnsSkipReason;

    bool locate(ServerLocator &locator, const QString &host, int port = -1,
                std::optional<TransportType> transport = std::nullopt, bool secure = false)
    {
        QSignalSpy done(&locator, &ServerLocator::finished);
        locator.locate(host, port, transport, secure);
        return done.wait(kTimeout) || done.size() > 0;
    }

    void startDns()
    {
        QString dnsmasq = QStandardPaths::findExecutable(QStringLiteral("dnsmasq"));
        if (dnsmasq.isEmpty())
            dnsmasq = QStandardPaths::findExecutable(QStringLiteral("dnsmasq"), { QStringLiteral("/usr/sbin"), QStringLiteral("/sbin") });
        if (dnsmasq.isEmpty()) {
            m_dnsSkipReason = QStringLiteral("dnsmasq is not installed (Debian: dnsmasq-base)");
            return;
        }
        {
            QUdpSocket probe;
            if (!probe.bind(QHostAddress::LocalHost, 53)) {
                m_dnsSkipReason = QStringLiteral("cannot use 127.0.0.1:53 (not root, or taken): %1").arg(probe.errorString());
                return;
            }
        }
        const QStringList args {
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--pid-file=",
            "--user=root", "--listen-address=127.0.0.1", "--bind-interfaces", "--port=53", "--local=/parlo.test/",
            // _sip._udp: priority 10 then 20; _sip._tcp: one record; _sips._tcp: one record.
            "--srv-host=_sip._udp.parlo.test,sip1.parlo.test,5070,10,100",
            "--srv-host=_sip._udp.parlo.test,sip2.parlo.test,5071,20,0",
            "--srv-host=_sip._tcp.parlo.test,sip1.parlo.test,5072,10,0",
            "--srv-host=_sips._tcp.parlo.test,sip2.parlo.test,5073,10,0",
            // Same priority, different weights: both must come out, in either order.
            "--srv-host=_sip._udp.weighted.parlo.test,sip1.parlo.test,6001,10,50",
            "--srv-host=_sip._udp.weighted.parlo.test,sip2.parlo.test,6002,10,50",
            "--host-record=sip1.parlo.test,127.0.0.1,::1",
            "--host-record=sip2.parlo.test,127.0.0.1",
            "--host-record=nosrv.parlo.test,127.0.0.1",
        };
        m_dns.setProcessChannelMode(QProcess::MergedChannels);
        m_dns.start(dnsmasq, args);
        if (!m_dns.waitForStarted(5000)) {
            m_dnsSkipReason = QStringLiteral("dnsmasq did not start");
            return;
        }
        // Ready once it answers a query (bounded wait). Probing by binding the port would
        // race with dnsmasq's own bind.
        QByteArray query = QByteArray::fromHex("123401000001000000000000");
        for (const char *label : { "nosrv", "parlo", "test" })
            query += char(qstrlen(label)) + QByteArray(label);
        query += QByteArray::fromHex("0000010001"); // root, type A, class IN
        QUdpSocket client;
        for (int i = 0; i < 50; ++i) {
            if (m_dns.state() != QProcess::Running) {
                m_dnsSkipReason = QStringLiteral("dnsmasq exited: %1").arg(QString::fromLocal8Bit(m_dns.readAll()));
                return;
            }
            client.writeDatagram(query, QHostAddress::LocalHost, 53);
            if (QTest::qWaitFor([&] { return client.hasPendingDatagrams(); }, 200))
                return;
        }
        m_dnsSkipReason = QStringLiteral("dnsmasq did not bind 127.0.0.1:53");
        m_dns.kill();
    }

private slots:
    void initTestCase() { startDns(); }

    void cleanupTestCase()
    {
        if (m_dns.state() != QProcess::NotRunning) {
            m_dns.terminate();
            if (!m_dns.waitForFinished(5000))
                m_dns.kill();
            m_dns.waitForFinished(5000);
        }
    }

    void ipLiterals_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("transport"); // -1: none
        QTest::addColumn<bool>("secure");
        QTest::addColumn<QString>("expected");
        QTest::newRow("v4 default") << "127.0.0.1" << -1 << -1 << false << "udp:127.0.0.1:5060";
        QTest::newRow("v4 tcp port") << "127.0.0.1" << 5080 << int(TransportType::Tcp) << false << "tcp:127.0.0.1:5080";
        QTest::newRow("v6 sips") << "[::1]" << -1 << -1 << true << "tls:[::1]:5061";
        QTest::newRow("v6 tls") << "::1" << -1 << int(TransportType::Tls) << false << "tls:[::1]:5061";
        QTest::newRow("sips tcp means tls") << "127.0.0.1" << -1 << int(TransportType::Tcp) << true << "tls:127.0.0.1:5061";
    }

    void ipLiterals()
    {
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(int, transport);
        QFETCH(bool, secure);
        QFETCH(QString, expected);
        ServerLocator locator;
        QVERIFY(locate(locator, host, port, transport < 0 ? std::nullopt : std::optional(TransportType(transport)), secure));
        QVERIFY(locator.isFinished());
        QCOMPARE(toStrings(locator.targets()), QStringList { expected });
        QVERIFY(locator.errorString().isEmpty());
        QVERIFY(locator.hasNext());
        QCOMPARE(locator.next()->toString(), expected);
        QVERIFY(!locator.next());
        locator.rewind();
        QVERIFY(locator.hasNext());
    }

    void fromUri()
    {
        ServerLocator locator;
        SipUri uri;
        QVERIFY(SipUri::parse("sip:alice@127.0.0.1:5070;transport=TCP", uri, nullptr));
        QSignalSpy done(&locator, &ServerLocator::finished);
        locator.locate(uri);
        QVERIFY(done.wait(kTimeout));
        QCOMPARE(toStrings(locator.targets()), QStringList { "tcp:127.0.0.1:5070" });

        QVERIFY(SipUri::parse("sips:bob@[::1]", uri, nullptr));
        locator.locate(uri);
        QVERIFY(done.wait(kTimeout));
        QCOMPARE(toStrings(locator.targets()), QStringList { "tls:[::1]:5061" });

        QVERIFY(SipUri::parse("tel:+1234", uri, nullptr));
        locator.locate(uri);
        QVERIFY(done.wait(kTimeout));
        QVERIFY(locator.targets().isEmpty());
        QVERIFY(!locator.errorString().isEmpty());
    }

    // A name with a port: A/AAAA only, through the system resolver (the hosts file).
    void localhostWithPort()
    {
        ServerLocator locator;
        QVERIFY(locate(locator, QStringLiteral("localhost"), 5090, TransportType::Tcp));
        const QStringList targets = toStrings(locator.targets());
        QVERIFY2(!targets.isEmpty(), qPrintable(locator.errorString()));
        QVERIFY2(targets.contains(QStringLiteral("tcp:127.0.0.1:5090")), qPrintable(targets.join(' ')));
        // IPv4 first by default.
        QCOMPARE(targets.first(), QStringLiteral("tcp:127.0.0.1:5090"));
    }

    // Restarting a lookup drops the old one's results.
    void restart()
    {
        ServerLocator locator;
        QSignalSpy done(&locator, &ServerLocator::finished);
        locator.locate(QStringLiteral("127.0.0.1"), 5000);
        locator.locate(QStringLiteral("127.0.0.1"), 6000);
        QVERIFY(done.wait(kTimeout));
        QCOMPARE(toStrings(locator.targets()), QStringList { "udp:127.0.0.1:6000" });
        QCOMPARE(done.size(), 1);
    }

    void srv()
    {
        if (!m_dnsSkipReason.isEmpty())
            QFAIL(qPrintable(m_dnsSkipReason)); // a missing tool is a failure, never a skip
        ServerLocator locator;
        locator.setNameserver(QHostAddress::LocalHost);

        // No transport, sip: TLS, TCP, UDP services in that order; priorities within.
        QVERIFY(locate(locator, QStringLiteral("parlo.test")));
        QCOMPARE(toStrings(locator.targets()),
                 (QStringList { "tls:127.0.0.1:5073", "tcp:127.0.0.1:5072", "tcp:[::1]:5072", "udp:127.0.0.1:5070",
                                "udp:[::1]:5070", "udp:127.0.0.1:5071" }));
        QCOMPARE(locator.targets().first().serverName, QStringLiteral("parlo.test")); // RFC 5922: the domain

        // The transport asked for only.
        QVERIFY(locate(locator, QStringLiteral("parlo.test"), -1, TransportType::Udp));
        QCOMPARE(toStrings(locator.targets()),
                 (QStringList { "udp:127.0.0.1:5070", "udp:[::1]:5070", "udp:127.0.0.1:5071" }));

        // sips: only _sips._tcp.
        QVERIFY(locate(locator, QStringLiteral("parlo.test"), -1, std::nullopt, true));
        QCOMPARE(toStrings(locator.targets()), QStringList { "tls:127.0.0.1:5073" });

        // Only UDP supported by this UA.
        locator.setSupportedTransports({ TransportType::Udp });
        QVERIFY(locate(locator, QStringLiteral("parlo.test")));
        QCOMPARE(locator.targets().size(), 3);
        locator.setSupportedTransports({ TransportType::Tls, TransportType::Tcp, TransportType::Udp });

        // Same priority: both records, weighted random order.
        QVERIFY(locate(locator, QStringLiteral("weighted.parlo.test"), -1, TransportType::Udp));
        QStringList weighted = toStrings(locator.targets());
        weighted.sort();
        QCOMPARE(weighted, (QStringList { "udp:127.0.0.1:6001", "udp:127.0.0.1:6002", "udp:[::1]:6001" }));

        // No SRV: A/AAAA with the default port.
        QVERIFY(locate(locator, QStringLiteral("nosrv.parlo.test")));
        QCOMPARE(toStrings(locator.targets()), QStringList { "udp:127.0.0.1:5060" });
        QVERIFY(locate(locator, QStringLiteral("nosrv.parlo.test"), -1, std::nullopt, true));
        QCOMPARE(toStrings(locator.targets()), QStringList { "tls:127.0.0.1:5061" });

        // Port given: no SRV, A/AAAA only.
        QVERIFY(locate(locator, QStringLiteral("sip1.parlo.test"), 7000, TransportType::Tcp));
        QCOMPARE(toStrings(locator.targets()), (QStringList { "tcp:127.0.0.1:7000", "tcp:[::1]:7000" }));

        // Nothing there.
        QVERIFY(locate(locator, QStringLiteral("missing.parlo.test")));
        QVERIFY(locator.targets().isEmpty());
        QVERIFY(!locator.errorString().isEmpty());
        QVERIFY(!locator.next());
    }
};

QTEST_GUILESS_MAIN(TestServerLocator)
#include "tst_server_locator.moc"
