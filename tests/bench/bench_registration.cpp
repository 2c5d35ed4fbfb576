// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Registration load bench: one Sip::UserAgent (SystemClock, this thread's event loop)
// with N parlo-cli-style accounts registers them all against a registrar on 127.0.0.1
// (Kamailio, started by tests/bench/registration/run_registration_bench.py) and reports
// registrations per second and CPU per registration, for Parlo and, given its process
// group, for the registrar. Then it unregisters every account and exits.
//
// One registration is REGISTER -> 401 -> REGISTER (Authorization) -> 200. At most
// --in-flight registrations are outstanding at a time (a sliding window, default 100):
// when one completes the next account starts, so the registrar sees a steady load
// instead of N requests at once. Every loop is bounded by --timeout-seconds.
//
//   bench_registration --registrar 127.0.0.1:5060 --transport udp --accounts 1000
//       --user-prefix user --password-prefix pw --timeout-seconds 60 [--server-pgid PID]
//
// Output: a human summary line starting "registration:" and a JSON line starting
// "{\"bench\":\"registration\"". Exit status 0 when every account registered (and
// unregistered), 1 when some failed, 2 on timeout, 3 on bad arguments.
#include "registration/bench_cpu.h"
#include "sip/EngineConfig.h"
#include "sip/ua/AccountConfig.h"
#include "sip/ua/RegistrationState.h"
#include "sip/ua/UserAgent.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ParloBench;

namespace {

struct Options
{
    QHostAddress registrar;
    quint16 port = 0;
    Sip::TransportType transport = Sip::TransportType::Udp;
    int accounts = 1000;
    int firstIndex = 0;
    QString userPrefix = QStringLiteral("user");
    QString passwordPrefix = QStringLiteral("pw");
    int inFlight = 100;
    int timeoutSeconds = 120;
    int expires = 600;
    int keepAliveSeconds = 30;
    int holdSeconds = 0; // stay registered this long between the phases (keep-alive cost)
    long serverPgid = 0;
    QString listen = QStringLiteral("127.0.0.1"); // "default": no listen spec, like parlo-cli without --listen
    QString sipLog;
    QString label;
};

// One phase's measurement (register or unregister).
struct Snapshot
{
    std::int64_t wallNs = 0;
    std::int64_t cpuNs = 0;
    Rusage usage;
    std::map<long, std::int64_t> server;
    std::int64_t machineBusyNs = 0;
    long rssKiB = 0;

    // Scanning /proc for the registrar's processes costs this process a few ms of CPU:
    // at the start of a phase it runs before our own clocks are read, at the end after,
    // so it is never counted as Parlo's.
    static Snapshot begin(long serverPgid)
    {
        Snapshot s;
        s.rssKiB = currentRssKiB();
        s.server = groupCpuNs(serverPgid);
        s.machineBusyNs = ParloBench::machineBusyNs();
        s.usage = Rusage::now();
        s.cpuNs = processCpuNs();
        s.wallNs = monotonicNs();
        return s;
    }
    static Snapshot end(long serverPgid)
    {
        Snapshot s;
        s.wallNs = monotonicNs();
        s.cpuNs = processCpuNs();
        s.usage = Rusage::now();
        s.machineBusyNs = ParloBench::machineBusyNs();
        s.server = groupCpuNs(serverPgid);
        s.rssKiB = currentRssKiB();
        return s;
    }
};

struct PhaseResult
{
    int done = 0;
    int failed = 0;
    double wallSeconds = 0;
    double cpuSeconds = 0;
    double userSeconds = 0;
    double systemSeconds = 0;
    double serverCpuSeconds = -1;
    double otherCpuSeconds = -1; // the rest of the machine (busy - ours - server)
    long voluntarySwitches = 0;
    long involuntarySwitches = 0;
    long rssBeforeKiB = 0;
    long rssAfterKiB = 0;
    std::vector<double> latenciesMs;

    double rate() const { return wallSeconds > 0 ? done / wallSeconds : 0; }
    double cpuPerOpUs() const { return done > 0 ? cpuSeconds * 1e6 / done : 0; }
    double serverCpuPerOpUs() const { return done > 0 && serverCpuSeconds >= 0 ? serverCpuSeconds * 1e6 / done : -1; }
    double percentile(double p) const
    {
        if (latenciesMs.empty())
            return 0;
        std::vector<double> v = latenciesMs;
        const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * double(v.size() - 1) + 0.5));
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
        return v[k];
    }

    void fill(const Snapshot &a, const Snapshot &b, long serverPgid)
    {
        wallSeconds = double(b.wallNs - a.wallNs) / 1e9;
        cpuSeconds = double(b.cpuNs - a.cpuNs) / 1e9;
        userSeconds = double(b.usage.userNs - a.usage.userNs) / 1e9;
        systemSeconds = double(b.usage.systemNs - a.usage.systemNs) / 1e9;
        voluntarySwitches = b.usage.voluntarySwitches - a.usage.voluntarySwitches;
        rssBeforeKiB = a.rssKiB;
        rssAfterKiB = b.rssKiB;
        involuntarySwitches = b.usage.involuntarySwitches - a.usage.involuntarySwitches;
        if (serverPgid > 0)
            serverCpuSeconds = double(groupCpuDeltaNs(a.server, b.server)) / 1e9;
        if (a.machineBusyNs >= 0 && b.machineBusyNs >= 0)
            otherCpuSeconds = std::max(0.0, double(b.machineBusyNs - a.machineBusyNs) / 1e9 - cpuSeconds
                                                 - std::max(0.0, serverCpuSeconds));
    }

    QJsonObject toJson() const
    {
        return QJsonObject {
            { QStringLiteral("done"), done },
            { QStringLiteral("failed"), failed },
            { QStringLiteral("wall_s"), wallSeconds },
            { QStringLiteral("per_s"), rate() },
            { QStringLiteral("cpu_s"), cpuSeconds },
            { QStringLiteral("user_s"), userSeconds },
            { QStringLiteral("sys_s"), systemSeconds },
            { QStringLiteral("cpu_us_per_op"), cpuPerOpUs() },
            { QStringLiteral("server_cpu_s"), serverCpuSeconds },
            { QStringLiteral("server_cpu_us_per_op"), serverCpuPerOpUs() },
            { QStringLiteral("other_cpu_s"), otherCpuSeconds },
            { QStringLiteral("voluntary_ctx_switches"), static_cast<qint64>(voluntarySwitches) },
            { QStringLiteral("involuntary_ctx_switches"), static_cast<qint64>(involuntarySwitches) },
            { QStringLiteral("rss_kib_before"), static_cast<qint64>(rssBeforeKiB) },
            { QStringLiteral("rss_kib_after"), static_cast<qint64>(rssAfterKiB) },
            { QStringLiteral("latency_ms_p50"), percentile(0.5) },
            { QStringLiteral("latency_ms_p99"), percentile(0.99) },
            { QStringLiteral("latency_ms_max"), percentile(1.0) },
        };
    }
};

class Bench : public QObject
{
public:
    explicit Bench(const Options &options)
        : m_options(options)
    {
    }

    int run()
    {
        // Overall bound: whatever happens, the process ends.
        QTimer::singleShot(std::chrono::seconds(m_options.timeoutSeconds), this, [this] {
            std::fprintf(stderr, "bench_registration: timeout after %d s in phase %s (%d/%d done)\n",
                         m_options.timeoutSeconds, phaseName(), m_doneCount, m_options.accounts);
            m_timedOut = true;
            finish();
        });
        connect(&m_agent, &Sip::UserAgent::startFailed, this, [this](const QString &reason) {
            std::fprintf(stderr, "bench_registration: engine did not start: %s\n", qPrintable(reason));
            m_exitCode = 3;
            QCoreApplication::exit(3);
        });
        connect(&m_agent, &Sip::UserAgent::registrationChanged, this,
                [this](const QString &id, const Sip::RegistrationStatus &status) { onStatus(id, status); });
        connect(&m_agent, &Sip::UserAgent::shutdownComplete, this, [this] {
            if (m_phase == Phase::Shutdown)
                finish();
        });

        Sip::EngineConfig config;
        config.userAgent = QStringLiteral("Parlo registration bench");
        config.keepAliveSeconds = m_options.keepAliveSeconds;
        config.sipLogFile = m_options.sipLog;
        // Default: parlo-cli --listen udp:127.0.0.1:0 (what the interop tests use).
        // "--listen default" is parlo-cli without --listen: the engine's own default
        // (UDP and TCP on the dual-stack wildcard address).
        if (m_options.listen != QLatin1String("default"))
            config.listen.append({ m_options.transport, QHostAddress(m_options.listen), 0 });

        m_ids.reserve(m_options.accounts);
        const QString proxy = QStringLiteral("sip:%1:%2%3")
                                  .arg(m_options.registrar.toString())
                                  .arg(m_options.port)
                                  .arg(m_options.transport == Sip::TransportType::Tcp ? QStringLiteral(";transport=tcp")
                                                                                       : QString());
        for (int i = 0; i < m_options.accounts; ++i) {
            const int n = m_options.firstIndex + i;
            Sip::AccountConfig account;
            account.aor = QStringLiteral("sip:%1%2@%3").arg(m_options.userPrefix).arg(n).arg(m_options.registrar.toString());
            account.password = m_options.passwordPrefix + QString::number(n);
            account.proxy = proxy;
            account.transport = m_options.transport;
            account.expires = m_options.expires;
            account.userAgent = config.userAgent;
            const QString id = QStringLiteral("a%1").arg(n);
            m_agent.addAccount(id, account);
            m_index.insert(id, i);
            m_ids.push_back(id);
        }
        m_startedAt.assign(m_options.accounts, 0);
        m_registeredAt.assign(m_options.accounts, 0);
        m_state.assign(m_options.accounts, AccountState::Idle);

        m_agent.start(config);
        if (m_exitCode != 0)
            return m_exitCode;

        QTimer::singleShot(0, this, [this] { beginPhase(Phase::Register); });
        const int code = QCoreApplication::exec();
        return m_exitCode != 0 ? m_exitCode : code;
    }

private:
    enum class Phase { Idle, Register, Hold, Unregister, Shutdown, Done };
    enum class AccountState { Idle, Pending, Done, Failed };

    const char *phaseName() const
    {
        switch (m_phase) {
        case Phase::Idle:
            return "start";
        case Phase::Register:
            return "register";
        case Phase::Hold:
            return "hold";
        case Phase::Unregister:
            return "unregister";
        case Phase::Shutdown:
            return "shutdown";
        case Phase::Done:
            return "done";
        }
        return "?";
    }

    void beginPhase(Phase phase)
    {
        m_phase = phase;
        m_next = 0;
        m_inFlight = 0;
        m_doneCount = 0;
        m_failedCount = 0;
        std::fill(m_state.begin(), m_state.end(), AccountState::Idle);
        m_result = PhaseResult();
        m_before = Snapshot::begin(m_options.serverPgid);
        fillWindow();
    }

    void fillWindow()
    {
        const int window = m_options.inFlight > 0 ? m_options.inFlight : m_options.accounts;
        while (m_inFlight < window && m_next < m_options.accounts) {
            const int i = m_next++;
            ++m_inFlight;
            m_state[i] = AccountState::Pending;
            m_startedAt[i] = monotonicNs();
            if (m_phase == Phase::Register)
                m_agent.registerAccount(m_ids[i]);
            else
                m_agent.unregisterAccount(m_ids[i]);
        }
    }

    void onStatus(const QString &id, const Sip::RegistrationStatus &status)
    {
        const auto it = m_index.constFind(id);
        if (it == m_index.cend())
            return;
        const int i = *it;
        if (m_state[i] != AccountState::Pending)
            return;
        bool done = false;
        bool failed = false;
        if (m_phase == Phase::Register) {
            done = status.state == Sip::RegistrationState::Registered;
            failed = status.state == Sip::RegistrationState::Failed;
        } else if (m_phase == Phase::Unregister) {
            // An unregister that got an error response still ends Unregistered, with the code.
            done = status.state == Sip::RegistrationState::Unregistered && (status.code == 0 || status.code < 300);
            failed = status.state == Sip::RegistrationState::Failed
                || (status.state == Sip::RegistrationState::Unregistered && status.code >= 300);
        }
        if (!done && !failed)
            return;
        --m_inFlight;
        if (done) {
            m_state[i] = AccountState::Done;
            ++m_doneCount;
            const std::int64_t now = monotonicNs();
            m_result.latenciesMs.push_back(double(now - m_startedAt[i]) / 1e6);
            if (m_phase == Phase::Register)
                m_registeredAt[i] = now;
        } else {
            m_state[i] = AccountState::Failed;
            ++m_failedCount;
            if (m_failedCount <= 5)
                std::fprintf(stderr, "bench_registration: %s %s failed: %d %s\n", phaseName(), qPrintable(id),
                             status.code, qPrintable(status.reason));
        }
        if (m_doneCount + m_failedCount == m_options.accounts) {
            endPhase();
            return;
        }
        fillWindow();
    }

    void endPhase()
    {
        const Snapshot after = Snapshot::end(m_options.serverPgid);
        m_result.fill(m_before, after, m_options.serverPgid);
        m_result.done = m_doneCount;
        m_result.failed = m_failedCount;
        if (m_phase == Phase::Register) {
            m_register = m_result;
            if (m_options.holdSeconds > 0)
                QTimer::singleShot(0, this, [this] { hold(); });
            else
                QTimer::singleShot(0, this, [this] { beginPhase(Phase::Unregister); });
        } else if (m_phase == Phase::Unregister) {
            m_unregister = m_result;
            m_phase = Phase::Shutdown;
            m_agent.shutdown(); // bounded by the agent's own 4 s grace
        }
    }

    // Registered and idle for --hold-seconds: the UserAgent's keep-alive OPTIONS pings
    // (every --keep-alive-seconds per UDP account) are the only traffic, in real time.
    void hold()
    {
        m_phase = Phase::Hold;
        const Snapshot before = Snapshot::begin(m_options.serverPgid);
        QTimer::singleShot(std::chrono::seconds(m_options.holdSeconds), this, [this, before] {
            if (m_phase != Phase::Hold)
                return;
            const Snapshot after = Snapshot::end(m_options.serverPgid);
            m_hold.fill(before, after, m_options.serverPgid);
            // Pings each account sent: its keep-alive starts when it registered and is
            // re-armed when the answer arrives (a loopback round trip, well under 1 ms).
            if (m_options.transport == Sip::TransportType::Udp) {
                const double interval = m_options.keepAliveSeconds * 1e9;
                for (int i = 0; i < m_options.accounts; ++i) {
                    if (m_registeredAt[i] > 0)
                        m_holdPings += static_cast<long>(double(after.wallNs - m_registeredAt[i]) / interval);
                }
            }
            m_hold.done = static_cast<int>(m_holdPings);
            beginPhase(Phase::Unregister);
        });
    }

    void finish()
    {
        if (m_phase == Phase::Done)
            return;
        if (m_phase == Phase::Register || m_phase == Phase::Unregister) {
            // Timed out mid-phase: report what was done.
            const Snapshot after = Snapshot::end(m_options.serverPgid);
            m_result.fill(m_before, after, m_options.serverPgid);
            m_result.done = m_doneCount;
            m_result.failed = m_failedCount;
            (m_phase == Phase::Register ? m_register : m_unregister) = m_result;
        }
        m_phase = Phase::Done;
        report();
        const int code = m_timedOut ? 2 : (m_register.failed || m_unregister.failed || m_register.done < m_options.accounts) ? 1 : 0;
        m_exitCode = code;
        QCoreApplication::exit(code);
    }

    void report()
    {
        const char *transport = m_options.transport == Sip::TransportType::Tcp ? "tcp" : "udp";
        const PhaseResult &r = m_register;
        std::printf("registration: %s %d accounts, in-flight %d: %d registered, %d failed in %.3f s = %.0f reg/s; "
                    "Parlo CPU %.3f s (%.1f us/reg, user %.3f s sys %.3f s); registrar CPU %.3f s (%.1f us/reg); "
                    "other %.3f s; latency p50 %.1f ms p99 %.1f ms | unregister %d in %.3f s = %.0f/s, "
                    "Parlo %.1f us, registrar %.1f us each\n",
                    transport, m_options.accounts, m_options.inFlight, r.done, r.failed, r.wallSeconds, r.rate(),
                    r.cpuSeconds, r.cpuPerOpUs(), r.userSeconds, r.systemSeconds, r.serverCpuSeconds,
                    r.serverCpuPerOpUs(), r.otherCpuSeconds, r.percentile(0.5), r.percentile(0.99),
                    m_unregister.done, m_unregister.wallSeconds, m_unregister.rate(), m_unregister.cpuPerOpUs(),
                    m_unregister.serverCpuPerOpUs());
        QJsonObject json {
            { QStringLiteral("bench"), QStringLiteral("registration") },
            { QStringLiteral("label"), m_options.label },
            { QStringLiteral("transport"), QString::fromLatin1(transport) },
            { QStringLiteral("accounts"), m_options.accounts },
            { QStringLiteral("in_flight"), m_options.inFlight },
            { QStringLiteral("listen"), m_options.listen },
            { QStringLiteral("timed_out"), m_timedOut },
            { QStringLiteral("register"), m_register.toJson() },
            { QStringLiteral("unregister"), m_unregister.toJson() },
            { QStringLiteral("hold_seconds"), m_options.holdSeconds },
            { QStringLiteral("hold"), m_hold.toJson() },
            { QStringLiteral("max_rss_kib"), static_cast<qint64>(Rusage::now().maxRssKiB) },
        };
        if (m_options.holdSeconds > 0)
            std::printf("registration hold: %d accounts registered and idle for %d s: ~%ld keep-alive pings; "
                        "Parlo CPU %.3f s (%.1f us/ping), registrar CPU %.3f s (%.1f us/ping)\n",
                        m_register.done, m_options.holdSeconds, m_holdPings, m_hold.cpuSeconds, m_hold.cpuPerOpUs(),
                        m_hold.serverCpuSeconds, m_hold.serverCpuPerOpUs());
        std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    }

    Options m_options;
    Sip::UserAgent m_agent; // its own SystemClock, in this thread
    std::vector<QString> m_ids;
    QHash<QString, int> m_index;
    std::vector<std::int64_t> m_startedAt;
    std::vector<std::int64_t> m_registeredAt;
    PhaseResult m_hold; // done = keep-alive pings sent (estimated from the timing)
    long m_holdPings = 0;
    std::vector<AccountState> m_state;
    Phase m_phase = Phase::Idle;
    int m_next = 0;
    int m_inFlight = 0;
    int m_doneCount = 0;
    int m_failedCount = 0;
    Snapshot m_before;
    PhaseResult m_result;
    PhaseResult m_register;
    PhaseResult m_unregister;
    bool m_timedOut = false;
    int m_exitCode = 0;
};

bool parseOptions(const QCoreApplication &app, Options &o)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Registers N accounts with one Parlo UserAgent against a registrar on loopback."));
    p.addHelpOption();
    const QCommandLineOption registrar(QStringLiteral("registrar"), QStringLiteral("Registrar, 127.0.0.1:PORT (loopback only)."), QStringLiteral("ADDR:PORT"));
    const QCommandLineOption transport(QStringLiteral("transport"), QStringLiteral("udp or tcp (default udp)."), QStringLiteral("T"), QStringLiteral("udp"));
    const QCommandLineOption accounts(QStringLiteral("accounts"), QStringLiteral("Number of accounts (default 1000)."), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption firstIndex(QStringLiteral("first-index"), QStringLiteral("Index of the first account (default 0)."), QStringLiteral("I"), QStringLiteral("0"));
    const QCommandLineOption userPrefix(QStringLiteral("user-prefix"), QStringLiteral("User name prefix: <prefix><i> (default user)."), QStringLiteral("P"), QStringLiteral("user"));
    const QCommandLineOption passwordPrefix(QStringLiteral("password-prefix"), QStringLiteral("Password prefix: <prefix><i> (default pw)."), QStringLiteral("P"), QStringLiteral("pw"));
    const QCommandLineOption inFlight(QStringLiteral("in-flight"), QStringLiteral("Most registrations outstanding at once; 0: all (default 100)."), QStringLiteral("W"), QStringLiteral("100"));
    const QCommandLineOption timeout(QStringLiteral("timeout-seconds"), QStringLiteral("Bound on the whole run (default 120)."), QStringLiteral("S"), QStringLiteral("120"));
    const QCommandLineOption expires(QStringLiteral("expires"), QStringLiteral("Requested expiry (default 600)."), QStringLiteral("S"), QStringLiteral("600"));
    const QCommandLineOption keepAlive(QStringLiteral("keep-alive-seconds"), QStringLiteral("OPTIONS keep-alive of a registered UDP account (default 30)."), QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption holdSeconds(QStringLiteral("hold-seconds"), QStringLiteral("Stay registered and idle this long before unregistering (default 0)."), QStringLiteral("S"), QStringLiteral("0"));
    const QCommandLineOption serverPgid(QStringLiteral("server-pgid"), QStringLiteral("Process group of the registrar, to measure its CPU."), QStringLiteral("PGID"));
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Local address to listen on (default 127.0.0.1); \"default\": the engine's default, as parlo-cli without --listen."), QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption sipLog(QStringLiteral("sip-log"), QStringLiteral("Log every message to FILE (diagnostics; slows the run)."), QStringLiteral("FILE"));
    const QCommandLineOption label(QStringLiteral("label"), QStringLiteral("Free text copied into the JSON line."), QStringLiteral("TEXT"));
    p.addOptions({ registrar, transport, accounts, firstIndex, userPrefix, passwordPrefix, inFlight, timeout, expires,
                   keepAlive, holdSeconds, serverPgid, listen, sipLog, label });
    p.process(app);

    auto fail = [](const char *what) {
        std::fprintf(stderr, "bench_registration: %s\n", what);
        return false;
    };
    const QString reg = p.value(registrar);
    const qsizetype colon = reg.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return fail("--registrar 127.0.0.1:PORT is required");
    if (!o.registrar.setAddress(reg.left(colon)) || !o.registrar.isLoopback())
        return fail("--registrar must be a loopback address (127.0.0.1)");
    bool ok = false;
    const int port = reg.mid(colon + 1).toInt(&ok);
    if (!ok || port <= 0 || port > 65535)
        return fail("bad --registrar port");
    o.port = static_cast<quint16>(port);
    const QString t = p.value(transport).toLower();
    if (t == QLatin1String("udp"))
        o.transport = Sip::TransportType::Udp;
    else if (t == QLatin1String("tcp"))
        o.transport = Sip::TransportType::Tcp;
    else
        return fail("--transport must be udp or tcp");
    auto number = [&](const QCommandLineOption &opt, int lo, int hi, int &out) {
        bool good = false;
        const int v = p.value(opt).toInt(&good);
        if (!good || v < lo || v > hi)
            return false;
        out = v;
        return true;
    };
    if (!number(accounts, 1, 100000, o.accounts) || !number(firstIndex, 0, 1000000, o.firstIndex)
        || !number(inFlight, 0, 100000, o.inFlight) || !number(timeout, 1, 3600, o.timeoutSeconds)
        || !number(expires, 1, 86400, o.expires) || !number(keepAlive, 1, 3600, o.keepAliveSeconds)
        || !number(holdSeconds, 0, 3600, o.holdSeconds))
        return fail("a numeric option is out of range");
    if (p.isSet(serverPgid)) {
        o.serverPgid = p.value(serverPgid).toLong(&ok);
        if (!ok || o.serverPgid <= 1)
            return fail("bad --server-pgid");
    }
    o.userPrefix = p.value(userPrefix);
    o.passwordPrefix = p.value(passwordPrefix);
    o.listen = p.value(listen);
    if (o.listen != QLatin1String("default") && QHostAddress(o.listen).isNull())
        return fail("--listen takes an IP address or \"default\"");
    o.sipLog = p.value(sipLog);
    o.label = p.value(label);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(app, options))
        return 3;
    Bench bench(options);
    return bench.run();
}
