// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Presence load bench (docs/performance.md, "Presence"): one Sip::SipEngine, as the app
// runs it (its own thread, queued signals), registers one account at a presence server on
// 127.0.0.1 (Kamailio, started by tests/bench/presence/run_presence_bench.py) and watches
// N contacts at once, as the app does at start-up with N contacts in the address book.
//
// Phases, each bounded by --timeout-seconds overall:
//  1. subscribe: subscribePresence() for all N at once; until every subscription is
//     active and has delivered its first presence: wall time, engine-thread and process
//     CPU, Kamailio's CPU (given --server-pgid);
//  2. steady state: after --settle-seconds (the burst's transactions gone), --idle-seconds
//     with nothing to do: CPU of the engine thread and the process, RSS and heap in use
//     (the cost of holding N subscriptions: timers, memory);
//  3. NOTIFY throughput: prints the line "READY-FOR-CHANGES" and waits until every
//     contact has reported the status --change-status (the driver makes the presentities
//     publish it): notifies/s, engine-thread CPU per NOTIFY, Kamailio's CPU per change;
//  4. unsubscribe all, until every subscription is terminated; then shutdown.
//
// Output: human-readable lines starting "presence:" and one JSON line starting
// {"bench":"presence". Exit status 0 when every phase completed, 1 when some contact
// never got there, 2 on timeout, 3 on bad arguments.
#include "registration/bench_cpu.h"
#include "sip/EngineConfig.h"
#include "sip/SipEngine.h"
#include "sip/ua/AccountConfig.h"
#include "sip/ua/RegistrationState.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QTimer>

#include <dirent.h>
#include <malloc.h>

#include <cstdio>
#include <functional>
#include <optional>

using namespace ParloBench;

namespace {

struct Options
{
    QString proxyHost = QStringLiteral("127.0.0.1");
    quint16 proxyPort = 5060;
    QString account = QStringLiteral("watcher");
    QString password = QStringLiteral("watcher-pw");
    int contacts = 10000;
    QString prefix = QStringLiteral("user");
    QString domain = QStringLiteral("127.0.0.1");
    int timeoutSeconds = 600;
    int idleSeconds = 10;
    int settleSeconds = 35;
    long serverPgid = 0;
    QString changeStatus; // empty: no throughput phase
    QString sipLog;
};

// Bytes of heap in use (all threads' arenas and mmapped blocks): what the process holds,
// unlike RSS, which keeps the high-water mark of freed memory glibc has not returned.
qint64 heapInUseBytes()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

// CPU of the engine's thread ("sip-engine"), from /proc/self/task/<tid>/schedstat.
std::int64_t engineThreadCpuNs()
{
    DIR *tasks = opendir("/proc/self/task");
    if (!tasks)
        return -1;
    std::int64_t result = -1;
    while (dirent *e = readdir(tasks)) {
        if (e->d_name[0] == '.')
            continue;
        std::ifstream comm(std::string("/proc/self/task/") + e->d_name + "/comm");
        std::string name;
        if (!std::getline(comm, name) || name != "sip-engine")
            continue;
        std::ifstream stat(std::string("/proc/self/task/") + e->d_name + "/schedstat");
        long long ns = -1;
        if (stat >> ns)
            result = ns;
        break;
    }
    closedir(tasks);
    return result;
}

struct Sample
{
    std::int64_t wallNs = 0;
    std::int64_t engineNs = 0;
    std::int64_t processNs = 0;
    std::map<long, std::int64_t> server;
    std::int64_t machineNs = 0;

    static Sample now(long pgid)
    {
        Sample s;
        s.server = groupCpuNs(pgid);
        s.machineNs = machineBusyNs();
        s.wallNs = monotonicNs();
        s.engineNs = engineThreadCpuNs();
        s.processNs = processCpuNs();
        return s;
    }
};

struct Interval
{
    double wallS = 0, engineS = 0, processS = 0, serverS = 0, otherS = 0;

    static Interval between(const Sample &a, const Sample &b)
    {
        Interval i;
        i.wallS = (b.wallNs - a.wallNs) / 1e9;
        i.engineS = (b.engineNs - a.engineNs) / 1e9;
        i.processS = (b.processNs - a.processNs) / 1e9;
        i.serverS = groupCpuDeltaNs(a.server, b.server) / 1e9;
        i.otherS = std::max(0.0, (b.machineNs - a.machineNs) / 1e9 - i.processS - i.serverS);
        return i;
    }
    QJsonObject json() const
    {
        return { { "wall_s", wallS },
                 { "engine_cpu_s", engineS },
                 { "process_cpu_s", processS },
                 { "kamailio_cpu_s", serverS },
                 { "other_cpu_s", otherS } };
    }
};

class Bench : public QObject
{
public:
    explicit Bench(const Options &options)
        : m_o(options)
    {
        m_total.start();
        connect(&m_engine, &Sip::SipEngine::started, this, [this](const QStringList &listening) {
            std::printf("presence: engine listening on %s\n", qPrintable(listening.join(u' ')));
            Sip::AccountConfig account;
            account.aor = QStringLiteral("sip:%1@%2").arg(m_o.account, m_o.domain);
            account.password = m_o.password;
            account.proxy = QStringLiteral("sip:%1:%2").arg(m_o.proxyHost).arg(m_o.proxyPort);
            account.expires = 3600;
            m_engine.addAccount(QStringLiteral("bench"), account);
            m_engine.registerAccount(QStringLiteral("bench"));
        });
        connect(&m_engine, &Sip::SipEngine::startFailed, this, [this](const QString &reason) {
            finish(1, QStringLiteral("engine start failed: %1").arg(reason));
        });
        connect(&m_engine, &Sip::SipEngine::registrationChanged, this,
                [this](const QString &, const Sip::RegistrationStatus &status) {
                    if (status.state == Sip::RegistrationState::Registered && !m_registered) {
                        m_registered = true;
                        subscribeAll();
                    } else if (status.state == Sip::RegistrationState::Failed) {
                        finish(1,
                               QStringLiteral("registration failed: %1 %2")
                                       .arg(status.code)
                                       .arg(status.reason));
                    }
                });
        connect(&m_engine, &Sip::SipEngine::subscriptionStateChanged, this,
                [this](const QString &uri, const QString &state, const QString &reason) {
                    if (state == QLatin1String("retrying"))
                        ++m_retryReasons[reason];
                    onState(uri, state);
                });
        connect(&m_engine, &Sip::SipEngine::presenceChanged, this,
                [this](const QString &uri, const QString &status, const QString &) {
                    onPresence(uri, status);
                });
        connect(&m_engine, &Sip::SipEngine::shutdownComplete, this,
                [this] { finish(m_exitCode, {}); });
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            std::printf("presence: TIMEOUT in phase %s after %d s (active %d, first presence %d, "
                        "changed %d, terminated %d of %d)\n",
                        m_phase, m_o.timeoutSeconds, m_active, m_firstPresence, m_changed,
                        m_terminated, m_o.contacts);
            std::fflush(stdout);
            m_result.insert(QStringLiteral("timeout_phase"), QString::fromLatin1(m_phase));
            printJson();
            std::_Exit(2); // the engine may still be busy: do not wait for it
        });
        m_deadline.start(m_o.timeoutSeconds * 1000);
    }

    void start()
    {
        Sip::EngineConfig config;
        config.listen.append({ Sip::TransportType::Udp, QHostAddress::LocalHost, 0 });
        config.userAgent = QStringLiteral("Parlo presence bench");
        config.sipLogFile = m_o.sipLog;
        m_baseRssKiB = currentRssKiB();
        m_baseHeap = heapInUseBytes();
        m_engine.start(config);
    }

private:
    QString uriOf(int i) const
    {
        return QStringLiteral("sip:%1%2@%3").arg(m_o.prefix).arg(i).arg(m_o.domain);
    }

    void subscribeAll()
    {
        m_phase = "subscribe";
        std::printf("presence: registered; subscribing to %d contacts at once\n", m_o.contacts);
        std::fflush(stdout);
        m_subscribeStart = Sample::now(m_o.serverPgid);
        for (int i = 0; i < m_o.contacts; ++i)
            m_engine.subscribePresence(uriOf(i));
    }

    void onState(const QString &uri, const QString &state)
    {
        Contact &c = m_contacts[uri];
        if (state == QLatin1String("active") && !c.active) {
            c.active = true;
            ++m_active;
            checkSubscribed();
        } else if (state == QLatin1String("terminated")) {
            if (!c.terminated) {
                c.terminated = true;
                ++m_terminated;
            }
            if (std::strcmp(m_phase, "unsubscribe") != 0)
                ++m_unexpectedTerminations;
            if (std::strcmp(m_phase, "unsubscribe") == 0 && m_terminated == m_o.contacts)
                unsubscribed();
        } else if (state == QLatin1String("retrying")) {
            ++m_retries;
        }
    }

    void onPresence(const QString &uri, const QString &status)
    {
        Contact &c = m_contacts[uri];
        if (!c.presence) {
            c.presence = true;
            ++m_firstPresence;
            checkSubscribed();
        }
        if (std::strcmp(m_phase, "changes") == 0 && status != m_o.changeStatus
            && m_otherStatuses++ == 0)
            std::printf("presence: %s reported \"%s\" during the changes, not \"%s\"\n",
                        qPrintable(uri), qPrintable(status), qPrintable(m_o.changeStatus));
        if (std::strcmp(m_phase, "changes") == 0 && status == m_o.changeStatus && !c.changed) {
            c.changed = true;
            if (m_changed++ == 0)
                m_changesFirst = Sample::now(m_o.serverPgid);
            if (m_changed == m_o.contacts)
                changesDone();
        }
    }

    void checkSubscribed()
    {
        if (std::strcmp(m_phase, "subscribe") != 0 || m_active < m_o.contacts
            || m_firstPresence < m_o.contacts)
            return;
        const Sample end = Sample::now(m_o.serverPgid);
        const Interval i = Interval::between(m_subscribeStart, end);
        std::printf("presence: subscribe %d: all active with presence in %.2f s (%.0f/s); engine "
                    "thread %.2f CPU-s (%.0f us each), process %.2f CPU-s, Kamailio %.2f CPU-s "
                    "(%.0f us each), other %.2f s; %d retries\n",
                    m_o.contacts, i.wallS, m_o.contacts / i.wallS, i.engineS,
                    i.engineS * 1e6 / m_o.contacts, i.processS, i.serverS,
                    i.serverS * 1e6 / m_o.contacts, i.otherS, m_retries);
        std::fflush(stdout);
        QJsonObject o = i.json();
        o.insert(QStringLiteral("per_s"), m_o.contacts / i.wallS);
        o.insert(QStringLiteral("engine_us_per_subscription"), i.engineS * 1e6 / m_o.contacts);
        o.insert(QStringLiteral("kamailio_us_per_subscription"), i.serverS * 1e6 / m_o.contacts);
        o.insert(QStringLiteral("retries"), m_retries);
        QJsonObject reasons;
        for (auto it = m_retryReasons.cbegin(); it != m_retryReasons.cend(); ++it) {
            reasons.insert(it.key(), it.value());
            std::printf("presence:   retry reason \"%s\": %d\n", qPrintable(it.key()), it.value());
        }
        o.insert(QStringLiteral("retry_reasons"), reasons);
        m_result.insert(QStringLiteral("subscribe"), o);
        m_phase = "idle";
        // Steady state starts once the transactions of the burst are gone (a NOTIFY's
        // server transaction stays 64*T1 = 32 s after its 200, RFC 3261 Timer J).
        QTimer::singleShot(m_o.settleSeconds * 1000, this, [this] {
            m_idleStart = Sample::now(m_o.serverPgid);
            QTimer::singleShot(m_o.idleSeconds * 1000, this, [this] { idleDone(); });
        });
    }

    void idleDone()
    {
        const Sample end = Sample::now(m_o.serverPgid);
        const Interval i = Interval::between(m_idleStart, end);
        const long rss = currentRssKiB();
        const qint64 heap = heapInUseBytes();
        std::printf("presence: steady state with %d subscriptions, %.1f s: engine thread %.4f "
                    "CPU-s (%.3f %% of a core), process %.4f CPU-s; RSS %ld KiB (%ld KiB before "
                    "start: %.1f KiB per subscription); heap in use %.1f MiB (%.1f MiB before "
                    "start: %.1f KiB per subscription)\n",
                    m_o.contacts, i.wallS, i.engineS, 100.0 * i.engineS / i.wallS, i.processS, rss,
                    m_baseRssKiB, double(rss - m_baseRssKiB) / m_o.contacts, heap / 1048576.0,
                    m_baseHeap / 1048576.0, (heap - m_baseHeap) / 1024.0 / m_o.contacts);
        std::fflush(stdout);
        QJsonObject o = i.json();
        o.insert(QStringLiteral("rss_kib"), qint64(rss));
        o.insert(QStringLiteral("rss_before_kib"), qint64(m_baseRssKiB));
        o.insert(QStringLiteral("rss_kib_per_subscription"),
                 double(rss - m_baseRssKiB) / m_o.contacts);
        m_result.insert(QStringLiteral("steady"), o);
        if (m_o.changeStatus.isEmpty()) {
            unsubscribeAll();
            return;
        }
        m_phase = "changes";
        std::printf("READY-FOR-CHANGES\n");
        std::fflush(stdout);
    }

    void changesDone()
    {
        const Sample end = Sample::now(m_o.serverPgid);
        const Interval i = Interval::between(m_changesFirst, end);
        // From the first change to the last: N - 1 NOTIFYs in the interval.
        const int n = std::max(1, m_o.contacts - 1);
        std::printf("presence: NOTIFY throughput: %d changes in %.2f s: %.0f NOTIFY/s; engine "
                    "thread %.2f CPU-s (%.1f us per NOTIFY, %.0f %% of a core), process %.1f us "
                    "per NOTIFY; Kamailio %.1f us per change (PUBLISH + NOTIFY); other %.2f s\n",
                    m_o.contacts, i.wallS, n / i.wallS, i.engineS, i.engineS * 1e6 / n,
                    100.0 * i.engineS / i.wallS, i.processS * 1e6 / n, i.serverS * 1e6 / n,
                    i.otherS);
        std::fflush(stdout);
        QJsonObject o = i.json();
        o.insert(QStringLiteral("notify_per_s"), n / i.wallS);
        o.insert(QStringLiteral("engine_us_per_notify"), i.engineS * 1e6 / n);
        o.insert(QStringLiteral("process_us_per_notify"), i.processS * 1e6 / n);
        o.insert(QStringLiteral("kamailio_us_per_change"), i.serverS * 1e6 / n);
        o.insert(QStringLiteral("engine_capacity_notify_per_s"),
                 i.engineS > 0 ? n / i.engineS : 0.0);
        m_result.insert(QStringLiteral("changes"), o);
        unsubscribeAll();
    }

    void unsubscribeAll()
    {
        m_phase = "unsubscribe";
        m_terminated = 0;
        for (Contact &c : m_contacts)
            c.terminated = false;
        m_unsubscribeStart = Sample::now(m_o.serverPgid);
        for (int i = 0; i < m_o.contacts; ++i)
            m_engine.unsubscribePresence(uriOf(i));
    }

    void unsubscribed()
    {
        const Interval i = Interval::between(m_unsubscribeStart, Sample::now(m_o.serverPgid));
        std::printf("presence: unsubscribe %d: all terminated in %.2f s; engine thread %.2f CPU-s, "
                    "Kamailio %.2f CPU-s\n",
                    m_o.contacts, i.wallS, i.engineS, i.serverS);
        std::fflush(stdout);
        m_result.insert(QStringLiteral("unsubscribe"), i.json());
        m_phase = "shutdown";
        m_engine.shutdown();
    }

    void printJson()
    {
        m_result.insert(QStringLiteral("bench"), QStringLiteral("presence"));
        m_result.insert(QStringLiteral("contacts"), m_o.contacts);
        m_result.insert(QStringLiteral("unexpected_terminations"), m_unexpectedTerminations);
        m_result.insert(QStringLiteral("max_rss_kib"), qint64(Rusage::now().maxRssKiB));
        std::printf("%s\n", QJsonDocument(m_result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }

    void finish(int code, const QString &error)
    {
        if (!error.isEmpty())
            std::printf("presence: ERROR %s\n", qPrintable(error));
        if (m_unexpectedTerminations > 0)
            code = std::max(code, 1);
        printJson();
        QCoreApplication::exit(code);
    }

    struct Contact
    {
        bool active = false, presence = false, changed = false, terminated = false;
    };

    Options m_o;
    Sip::SipEngine m_engine;
    QTimer m_deadline;
    QElapsedTimer m_total;
    const char *m_phase = "register";
    bool m_registered = false;
    QHash<QString, Contact> m_contacts;
    QMap<QString, int> m_retryReasons; // why subscriptions had to start again
    int m_active = 0, m_firstPresence = 0, m_changed = 0, m_terminated = 0, m_retries = 0;
    int m_unexpectedTerminations = 0;
    int m_otherStatuses = 0;
    int m_exitCode = 0;
    long m_baseRssKiB = 0;
    qint64 m_baseHeap = 0;
    Sample m_subscribeStart, m_idleStart, m_changesFirst, m_unsubscribeStart;
    QJsonObject m_result;
};

std::optional<Options> parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Parlo presence bench (docs/performance.md)"));
    parser.addHelpOption();
    auto option = [&](const char *name, const char *help, const char *value,
                      const char *def = nullptr) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help),
                             QString::fromLatin1(value));
        if (def)
            o.setDefaultValue(QString::fromLatin1(def));
        parser.addOption(o);
        return o;
    };
    const auto proxy = option("proxy", "presence server / registrar, host:port", "host:port",
                              "127.0.0.1:5060");
    const auto account = option("account", "our user name", "user", "watcher");
    const auto password = option("password", "our password", "password", "watcher-pw");
    const auto contacts
            = option("contacts", "contacts to watch (prefix0..prefixN-1)", "n", "10000");
    const auto prefix = option("prefix", "user-name prefix of the contacts", "prefix", "user");
    const auto timeout = option("timeout-seconds", "abort after this long", "s", "600");
    const auto idle = option("idle-seconds", "length of the steady-state measurement", "s", "10");
    const auto settle = option("settle-seconds", "wait after subscribing, before the steady state",
                               "s", "35");
    const auto pgid
            = option("server-pgid", "process group of the presence server (CPU)", "pgid", "0");
    const auto change
            = option("change-status", "wait for every contact to report this status", "status");
    const auto sipLog = option("sip-log", "log every SIP message to this file", "file");
    parser.process(app);
    Options o;
    const QStringList hostPort = parser.value(proxy).split(u':');
    o.proxyHost = hostPort.value(0);
    o.proxyPort = quint16(hostPort.value(1).toUInt());
    o.account = parser.value(account);
    o.password = parser.value(password);
    o.contacts = parser.value(contacts).toInt();
    o.prefix = parser.value(prefix);
    o.timeoutSeconds = parser.value(timeout).toInt();
    o.idleSeconds = parser.value(idle).toInt();
    o.settleSeconds = parser.value(settle).toInt();
    o.serverPgid = parser.value(pgid).toLong();
    o.changeStatus = parser.value(change);
    o.sipLog = parser.value(sipLog);
    if (o.proxyPort == 0 || o.contacts < 1 || o.contacts > 100000 || o.timeoutSeconds < 1
        || o.idleSeconds < 1 || o.idleSeconds > 3600 || o.settleSeconds < 0
        || o.settleSeconds > 3600)
        return std::nullopt;
    return o;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const std::optional<Options> options = parse(app);
    if (!options) {
        std::fprintf(stderr,
                     "bench_presence: --proxy host:port, --contacts 1..100000, "
                     "--timeout-seconds >= 1, --idle-seconds 1..3600\n");
        return 3;
    }
    Bench bench(*options);
    bench.start();
    return app.exec();
}
