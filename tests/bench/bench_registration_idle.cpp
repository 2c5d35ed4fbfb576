// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Idle-account bench: what it costs the engine to keep one registered UDP account alive
// for an hour, in virtual time (no network, no event loop).
//
// UserAgent cannot run on a fake channel: it builds its own TransportManager (real
// sockets) in start(). So this bench rebuilds, from the same parts, exactly the loop
// UserAgent runs for a registered UDP account (see UserAgent::startRegistration,
// startKeepAlive and sendPing):
//   - the real Sip::Registration (REGISTER, digest answer, refresh at expires - 30 s),
//     whose RequestSender runs a real client transaction in the real TransactionLayer;
//   - the OPTIONS keep-alive every keepAliveSeconds (30 s), re-armed when the ping is
//     answered and restarted whenever the registration reports Registered;
//   - a MessageChannel that does what TransportManager::sendUdp does to a request (set
//     the Via sent-by, serialise) and, as the registrar, answers after a 1 ms
//     "round trip": REGISTER without credentials -> 401 (qop=auth, fresh nonce, like
//     Kamailio), REGISTER with credentials -> 200 (Contact;expires=600), OPTIONS -> 200.
//     Responses are parsed from text, as TransportManager::handleIncoming does.
// The registrar's own work (building the responses) is timed on its own and subtracted,
// so "engine CPU" is Parlo's share only.
//
// Each measured hour is one VirtualClock::advance(3600 s), timed with
// CLOCK_PROCESS_CPUTIME_ID; the account registers first (not measured) and then
// --hours consecutive hours are measured (default 20), and the median hour is reported.
// --accounts K runs K such accounts on one clock and layer (start times spread over the
// first keep-alive interval) to see whether the per-account cost grows with K.
//
// Output: a human summary and a JSON line starting "{\"bench\":\"registration_idle\"".
#include "registration/bench_cpu.h"
#include "sip/core/Clock.h"
#include "sip/core/TimerHandle.h"
#include "sip/core/VirtualClock.h"
#include "sip/message/NameAddr.h"
#include "sip/message/SipMessage.h"
#include "sip/message/SipUri.h"
#include "sip/transaction/TransactionLayer.h"
#include "sip/transaction/TransactionMessages.h"
#include "sip/transport/MessageChannel.h"
#include "sip/transport/ViaRouting.h"
#include "sip/ua/Registration.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

using namespace ParloBench;
using namespace std::chrono_literals;

namespace {

// Forwards to a VirtualClock and counts what the engine asks of it. Used for the
// counting pass only; the timed pass gives the engine the VirtualClock itself.
class CountingClock final : public Sip::Clock
{
public:
    explicit CountingClock(Sip::VirtualClock &base)
        : m_base(base)
    {
    }
    TimePoint now() const override { return m_base.now(); }
    Sip::TimerId startTimer(Duration delay, Callback callback) override
    {
        ++started;
        return m_base.startTimer(delay, [this, cb = std::move(callback)] {
            ++fired;
            if (cb)
                cb();
        });
    }
    void cancelTimer(Sip::TimerId id) override
    {
        ++cancelCalls;
        if (m_base.isTimerPending(id))
            ++cancelled;
        m_base.cancelTimer(id);
    }

    quint64 started = 0;
    quint64 fired = 0;
    quint64 cancelled = 0; // cancels that removed a pending timer
    quint64 cancelCalls = 0; // including no-op cancels of fired/empty ids

private:
    Sip::VirtualClock &m_base;
};

struct Traffic
{
    quint64 messages = 0;
    quint64 bytes = 0;
    std::map<std::string, quint64> byKind; // "REGISTER", "OPTIONS"
    quint64 responses = 0;
    quint64 responseBytes = 0;
};

// The transport and the registrar in one (see the file comment).
class FakeRegistrar final : public Sip::MessageChannel
{
public:
    FakeRegistrar(Sip::Clock &clock, Sip::Clock::Duration rtt)
        : m_clock(clock)
        , m_rtt(rtt)
    {
        m_local.transport = Sip::TransportType::Udp;
        m_local.address = QHostAddress(QHostAddress::LocalHost);
        m_local.port = 5062;
        m_remote = m_local;
        m_remote.port = 5060;
    }

    const Sip::Endpoint &registrar() const { return m_remote; }

    bool send(const Sip::SipMessage &message, const Sip::Endpoint &,
              Sip::TransportType *transportUsed) override
    {
        if (transportUsed)
            *transportUsed = Sip::TransportType::Udp;
        // TransportManager::sendUdp: copy, set the Via sent-by, serialise.
        Sip::SipMessage out = message;
        if (out.isRequest())
            Sip::ViaRouting::setTopViaSentBy(out, Sip::TransportType::Udp, m_local.address, m_local.port);
        const std::string bytes = out.toString();
        ++traffic.messages;
        traffic.bytes += bytes.size();
        if (out.isRequest())
            ++traffic.byKind[std::string(out.method())];
        if (!out.isRequest())
            return true;

        // ---- the registrar (not the engine's cost: timed and subtracted) ----
        const std::int64_t serverStart = threadCpuNs();
        std::string reply = answer(out);
        serverNs += threadCpuNs() - serverStart;

        if (!reply.empty()) {
            traffic.responses += 1;
            traffic.responseBytes += reply.size();
            ++deliveriesScheduled;
            m_clock.startTimer(m_rtt, [this, text = std::move(reply)] {
                ++deliveries;
                // TransportManager::handleIncoming: parse, learn rport/received, deliver.
                Sip::SipMessage response = Sip::SipMessage::parse(text);
                if (response.isNull()) {
                    ++parseFailures;
                    return;
                }
                (void)Sip::ViaRouting::publicAddress(response);
                deliver(Sip::IncomingMessage { std::move(response), m_remote, m_local });
            });
        }
        return true;
    }

    std::int64_t serverNs = 0;
    quint64 deliveries = 0;
    quint64 deliveriesScheduled = 0;
    quint64 parseFailures = 0;
    quint64 challenges = 0;
    Traffic traffic;

private:
    std::string answer(const Sip::SipMessage &request)
    {
        Sip::SipMessage response;
        switch (request.methodId()) {
        case Sip::Method::Register:
            if (request.authorization().empty()) {
                ++challenges;
                response = Sip::makeResponse(request, 401, "Unauthorized", "kamailio-tag");
                response.addHeader("WWW-Authenticate",
                                   "Digest realm=\"127.0.0.1\", nonce=\"" + Sip::newTag() + Sip::newTag()
                                       + "\", qop=\"auth\"");
            } else {
                response = Sip::makeResponse(request, 200, "OK", "kamailio-tag");
                const auto contacts = request.contacts();
                if (!contacts.empty() && request.expires() != 0)
                    response.addHeader("Contact", "<" + std::string(contacts[0].uri().text()) + ">;expires="
                                           + std::to_string(request.expires() > 0 ? request.expires() : 600));
            }
            break;
        case Sip::Method::Options:
            response = Sip::makeResponse(request, 200, "OK", "kamailio-tag");
            break;
        default:
            response = Sip::makeResponse(request, 405, "Method Not Allowed", "kamailio-tag");
            break;
        }
        response.addHeader("Server", "kamailio (parlo interop)");
        // Kamailio fills the rport the client asked for.
        std::string text = response.toString();
        const std::string needle = ";rport";
        const size_t at = text.find(needle);
        if (at != std::string::npos && (at + needle.size() >= text.size() || text[at + needle.size()] != '='))
            text.insert(at + needle.size(), "=" + std::to_string(m_local.port));
        return text;
    }

    Sip::Clock &m_clock;
    Sip::Clock::Duration m_rtt;
    Sip::Endpoint m_local;
    Sip::Endpoint m_remote;
};

// What UserAgent keeps per UDP account, and the code it runs for it.
class IdleAccount
{
public:
    IdleAccount(int index, Sip::Clock &clock, Sip::TransactionLayer &layer, const Sip::Endpoint &registrar,
                std::chrono::seconds keepAlive)
        : m_clock(clock)
        , m_layer(layer)
        , m_registrar(registrar)
        , m_keepAliveInterval(keepAlive)
    {
        m_config.aor = QStringLiteral("sip:user%1@127.0.0.1").arg(index);
        m_config.password = QStringLiteral("pw%1").arg(index);
        m_config.proxy = QStringLiteral("sip:127.0.0.1:5060");
        m_config.expires = 600;
        m_config.userAgent = QStringLiteral("Parlo idle bench");
        m_config.instanceId = QStringLiteral("urn:uuid:00000000-0000-0000-0000-%1").arg(index, 12, 10, QLatin1Char('0'));
        // The account's cache, filled as UserAgent does (the AOR's user, any realm).
        m_credentials.store({ QStringLiteral("user%1").arg(index), m_config.password, QString() });
        m_registration = std::make_unique<Sip::Registration>(
            m_config, m_credentials, clock,
            [this](const Sip::SipMessage &request, Sip::Registration::FinalResponseHandler onFinal) {
                // UserAgent's RequestSender.
                std::string error;
                const auto handle = m_layer.sendRequest(request, m_registrar, [onFinal](const Sip::ClientEvent &event) {
                    if (event.type == Sip::ClientEvent::Type::Terminated || event.isProvisional())
                        return;
                    onFinal(event.response);
                }, &error);
                if (!handle)
                    onFinal(Sip::makeSyntheticResponse(request, 503, error));
            },
            [this] { return contact(); });
        // UDP: no flow to open first.
        m_registration->setFlowPreparer([](std::function<void()> ready) { ready(); });
        QObject::connect(m_registration.get(), &Sip::Registration::statusChanged, m_registration.get(),
                         [this](const Sip::RegistrationStatus &status) {
                             if (status.state == Sip::RegistrationState::Registered) {
                                 if (contact() != m_registration->registeredContact())
                                     ++contactChanges; // UserAgent would queue a refreshNow()
                                 ++registeredEvents;
                                 startKeepAlive();
                             } else if (status.state != Sip::RegistrationState::Registering) {
                                 m_keepAlive.cancel();
                             }
                             if (status.state == Sip::RegistrationState::Failed)
                                 ++failures;
                         });
    }

    void start() { m_registration->start(); }
    Sip::RegistrationState state() const { return m_registration->status().state; }

    quint64 registeredEvents = 0;
    quint64 failures = 0;
    quint64 contactChanges = 0;
    quint64 pingsAnswered = 0;
    quint64 pingsLost = 0;

private:
    // UserAgent::contactFor for a UDP listener on 127.0.0.1 (the listener and public
    // address look-ups are hash/vector finds there; the AOR parse and format are here).
    QString contact() const
    {
        Sip::SipUri aor;
        const std::string text = m_config.aor.toStdString();
        Sip::SipUri::parse(text, aor, nullptr);
        return QString::fromStdString(Sip::SipUri::format(Sip::SipUri::Scheme::Sip, aor.decodedUser(), "127.0.0.1", 5062));
    }

    // UserAgent::startKeepAlive for a UDP registrar.
    void startKeepAlive()
    {
        m_keepAlive.start(m_clock, m_keepAliveInterval, [this] {
            sendPing([this](bool answered) {
                if (answered) {
                    ++pingsAnswered;
                    startKeepAlive();
                    return;
                }
                ++pingsLost;
                if (m_registration->status().state == Sip::RegistrationState::Registered)
                    m_registration->refreshNow();
            });
        });
    }

    // UserAgent::sendPing.
    void sendPing(std::function<void(bool)> done)
    {
        Sip::SipUri aor;
        const std::string text = m_config.aor.toStdString();
        Sip::SipUri::parse(text, aor, nullptr);
        Sip::SipMessage ping = Sip::SipMessage::createRequest("OPTIONS", Sip::SipUri::format(aor.scheme(), {}, aor.host(), aor.port()));
        ping.addHeader("Max-Forwards", "70");
        ping.addHeader("From", Sip::NameAddr::format({}, m_config.aor.toStdString(), "tag=" + Sip::TransactionLayer::newTag()));
        ping.addHeader("To", Sip::NameAddr::format({}, m_config.aor.toStdString()));
        ping.addHeader("Call-ID", Sip::TransactionLayer::newTag() + Sip::TransactionLayer::newTag());
        ping.addHeader("CSeq", "1 OPTIONS");
        ping.setBody({}, {});
        std::string error;
        auto finished = std::make_shared<bool>(false);
        const auto handle = m_layer.sendRequest(ping, m_registrar, [done, finished](const Sip::ClientEvent &event) {
            if (*finished || event.isProvisional())
                return;
            const bool answered = event.type == Sip::ClientEvent::Type::Response;
            if (event.type != Sip::ClientEvent::Type::Terminated || !answered) {
                *finished = true;
                done(answered);
            }
        }, &error);
        if (!handle) {
            *finished = true;
            done(false); // UserAgent queues this; there is no event loop here
        }
    }

    Sip::Clock &m_clock;
    Sip::TransactionLayer &m_layer;
    Sip::Endpoint m_registrar;
    std::chrono::seconds m_keepAliveInterval;
    Sip::AccountConfig m_config;
    Sip::CredentialCache m_credentials;
    std::unique_ptr<Sip::Registration> m_registration;
    Sip::TimerHandle m_keepAlive;
};

struct Options
{
    int hours = 20;
    int accounts = 1;
    int keepAliveSeconds = 30;
    int rttMs = 1;
};

// One world: a clock, a channel, a layer and K accounts, registered and settled.
struct World
{
    World(const Options &o, bool counting)
        : counter(virtualClock)
        , clock(counting ? static_cast<Sip::Clock &>(counter) : static_cast<Sip::Clock &>(virtualClock))
        , channel(clock, std::chrono::milliseconds(o.rttMs))
        , layer(channel, clock)
    {
        for (int i = 0; i < o.accounts; ++i)
            accounts.push_back(std::make_unique<IdleAccount>(i, clock, layer, channel.registrar(),
                                                             std::chrono::seconds(o.keepAliveSeconds)));
        // Spread the K accounts' start times over one keep-alive interval, as accounts
        // added one after another would be; one account starts at once.
        const auto spread = std::chrono::milliseconds(o.keepAliveSeconds * 1000) / std::max(1, o.accounts);
        for (auto &a : accounts) {
            a->start();
            virtualClock.advance(spread);
        }
        virtualClock.advance(std::chrono::seconds(o.keepAliveSeconds) - spread * o.accounts + 1s);
    }

    bool allRegistered() const
    {
        return std::all_of(accounts.begin(), accounts.end(),
                           [](const auto &a) { return a->state() == Sip::RegistrationState::Registered; });
    }

    Sip::VirtualClock virtualClock;
    CountingClock counter;
    Sip::Clock &clock;
    FakeRegistrar channel;
    Sip::TransactionLayer layer;
    std::vector<std::unique_ptr<IdleAccount>> accounts;
};

struct HourCounts
{
    quint64 fired = 0; // every timer that fired, the fake network's deliveries included
    quint64 deliveries = 0; // of which: responses arriving (the fake network, not the engine)
    quint64 deliveriesScheduled = 0;
    quint64 started = 0; // every timer started, deliveries included
    quint64 cancelled = 0;
    quint64 cancelCalls = 0;
    quint64 messages = 0;
    quint64 bytes = 0;
    quint64 registers = 0;
    quint64 options = 0;
    quint64 responses = 0;
    quint64 responseBytes = 0;
    quint64 challenges = 0;
    int pendingAtEnd = 0;
    int transactionsAtEnd = 0;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("CPU and traffic of idle registered UDP accounts, per hour of virtual time."));
    p.addHelpOption();
    const QCommandLineOption hours(QStringLiteral("hours"), QStringLiteral("Measured hours (default 20)."), QStringLiteral("H"), QStringLiteral("20"));
    const QCommandLineOption accounts(QStringLiteral("accounts"), QStringLiteral("Idle accounts on one engine (default 1)."), QStringLiteral("K"), QStringLiteral("1"));
    const QCommandLineOption keepAlive(QStringLiteral("keep-alive-seconds"), QStringLiteral("OPTIONS keep-alive interval (default 30)."), QStringLiteral("S"), QStringLiteral("30"));
    p.addOptions({ hours, accounts, keepAlive });
    p.process(app);
    Options o;
    bool ok1 = false, ok2 = false, ok3 = false;
    o.hours = p.value(hours).toInt(&ok1);
    o.accounts = p.value(accounts).toInt(&ok2);
    o.keepAliveSeconds = p.value(keepAlive).toInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || o.hours < 1 || o.hours > 1000 || o.accounts < 1 || o.accounts > 100000
        || o.keepAliveSeconds < 1 || o.keepAliveSeconds > 3600) {
        std::fprintf(stderr, "bench_registration_idle: bad arguments\n");
        return 3;
    }

    // ---- Pass 1: count (CountingClock) ----
    std::vector<HourCounts> counts;
    int failures = 0;
    {
        World w(o, true);
        if (!w.allRegistered()) {
            std::fprintf(stderr, "bench_registration_idle: accounts did not register\n");
            return 1;
        }
        for (int h = 0; h < o.hours; ++h) {
            const quint64 fired0 = w.counter.fired, started0 = w.counter.started, cancelled0 = w.counter.cancelled,
                          cancelCalls0 = w.counter.cancelCalls, deliveries0 = w.channel.deliveries,
                          msgs0 = w.channel.traffic.messages, bytes0 = w.channel.traffic.bytes,
                          reg0 = w.channel.traffic.byKind["REGISTER"], opt0 = w.channel.traffic.byKind["OPTIONS"],
                          resp0 = w.channel.traffic.responses, respBytes0 = w.channel.traffic.responseBytes,
                          chal0 = w.channel.challenges, scheduled0 = w.channel.deliveriesScheduled;
            const int firedByAdvance = w.virtualClock.advance(3600s);
            HourCounts hc;
            // Every timer fired goes through the counting clock, the fake network's
            // deliveries included; those are subtracted when the engine's share is shown.
            hc.fired = w.counter.fired - fired0;
            if (hc.fired != static_cast<quint64>(firedByAdvance))
                std::fprintf(stderr, "bench_registration_idle: %d timers fired by advance(), %llu counted\n",
                             firedByAdvance, static_cast<unsigned long long>(hc.fired));
            hc.deliveries = w.channel.deliveries - deliveries0;
            hc.deliveriesScheduled = w.channel.deliveriesScheduled - scheduled0;
            hc.started = w.counter.started - started0;
            hc.cancelled = w.counter.cancelled - cancelled0;
            hc.cancelCalls = w.counter.cancelCalls - cancelCalls0;
            hc.messages = w.channel.traffic.messages - msgs0;
            hc.bytes = w.channel.traffic.bytes - bytes0;
            hc.registers = w.channel.traffic.byKind["REGISTER"] - reg0;
            hc.options = w.channel.traffic.byKind["OPTIONS"] - opt0;
            hc.responses = w.channel.traffic.responses - resp0;
            hc.responseBytes = w.channel.traffic.responseBytes - respBytes0;
            hc.challenges = w.channel.challenges - chal0;
            hc.pendingAtEnd = w.virtualClock.pendingTimerCount();
            hc.transactionsAtEnd = w.layer.transactionCount();
            counts.push_back(hc);
        }
        for (const auto &a : w.accounts)
            failures += static_cast<int>(a->failures + a->pingsLost + a->contactChanges);
        if (w.channel.parseFailures)
            failures += static_cast<int>(w.channel.parseFailures);
    }

    // ---- Pass 2: time (the engine on the VirtualClock itself) ----
    std::vector<double> engineUs; // per hour, all accounts, registrar's share subtracted
    std::vector<double> processUs; // per hour, everything in the process
    std::vector<double> serverUs;
    {
        World w(o, false);
        if (!w.allRegistered()) {
            std::fprintf(stderr, "bench_registration_idle: accounts did not register (timed pass)\n");
            return 1;
        }
        for (int h = 0; h < o.hours; ++h) {
            const std::int64_t server0 = w.channel.serverNs;
            const std::int64_t cpu0 = processCpuNs();
            w.virtualClock.advance(3600s);
            const std::int64_t cpu1 = processCpuNs();
            const double total = double(cpu1 - cpu0) / 1e3;
            const double server = double(w.channel.serverNs - server0) / 1e3;
            processUs.push_back(total);
            serverUs.push_back(server);
            engineUs.push_back(total - server);
        }
    }

    // Averages over the measured hours (the refresh period, 570 s, does not divide an hour).
    HourCounts avg;
    for (const auto &c : counts) {
        avg.fired += c.fired;
        avg.deliveries += c.deliveries;
        avg.deliveriesScheduled += c.deliveriesScheduled;
        avg.started += c.started;
        avg.cancelled += c.cancelled;
        avg.cancelCalls += c.cancelCalls;
        avg.messages += c.messages;
        avg.bytes += c.bytes;
        avg.registers += c.registers;
        avg.options += c.options;
        avg.responses += c.responses;
        avg.responseBytes += c.responseBytes;
        avg.challenges += c.challenges;
    }
    const double H = o.hours;
    const double K = o.accounts;
    auto perAccountHour = [&](quint64 v) { return double(v) / H / K; };
    const double engineFired = perAccountHour(avg.fired - avg.deliveries);
    const double engineMedianUs = median(engineUs);
    const double engineMedianPerAccountUs = engineMedianUs / K;
    double engineTotal = 0;
    for (double v : engineUs)
        engineTotal += v;

    std::printf("registration_idle: %d account(s), %d h measured, keep-alive %d s, expires 600 s\n", o.accounts, o.hours,
                o.keepAliveSeconds);
    std::printf("  per account-hour: %.1f timer firings by the engine (+%.1f fake-network deliveries), %.1f timers "
                "started, %.1f cancelled (%.1f cancel calls)\n",
                engineFired, perAccountHour(avg.deliveries), perAccountHour(avg.started - avg.deliveriesScheduled), perAccountHour(avg.cancelled),
                perAccountHour(avg.cancelCalls));
    std::printf("  per account-hour: %.1f messages sent (%.1f REGISTER, %.1f OPTIONS), %.0f bytes sent; "
                "%.1f responses received, %.0f bytes; %.1f 401 challenges\n",
                perAccountHour(avg.messages), perAccountHour(avg.registers), perAccountHour(avg.options),
                perAccountHour(avg.bytes), perAccountHour(avg.responses), perAccountHour(avg.responseBytes),
                perAccountHour(avg.challenges));
    std::printf("  CPU per idle account-hour: engine %.1f us (median hour; mean %.1f us; min %.1f max %.1f), "
                "fake registrar %.1f us (subtracted)\n",
                engineMedianPerAccountUs, engineTotal / H / K,
                *std::min_element(engineUs.begin(), engineUs.end()) / K,
                *std::max_element(engineUs.begin(), engineUs.end()) / K, median(serverUs) / K);
    std::printf("  at the end: %d timers pending, %d transactions alive; problems: %d\n", counts.back().pendingAtEnd,
                counts.back().transactionsAtEnd, failures);

    QJsonArray hoursEngine;
    for (double v : engineUs)
        hoursEngine.append(v);
    QJsonObject json {
        { QStringLiteral("bench"), QStringLiteral("registration_idle") },
        { QStringLiteral("accounts"), o.accounts },
        { QStringLiteral("hours"), o.hours },
        { QStringLiteral("keep_alive_s"), o.keepAliveSeconds },
        { QStringLiteral("engine_cpu_us_per_account_hour_median"), engineMedianPerAccountUs },
        { QStringLiteral("engine_cpu_us_per_account_hour_mean"), engineTotal / H / K },
        { QStringLiteral("registrar_cpu_us_per_account_hour_median"), median(serverUs) / K },
        { QStringLiteral("process_cpu_us_per_account_hour_median"), median(processUs) / K },
        { QStringLiteral("engine_timer_firings_per_account_hour"), engineFired },
        { QStringLiteral("network_deliveries_per_account_hour"), perAccountHour(avg.deliveries) },
        { QStringLiteral("timers_started_per_account_hour"), perAccountHour(avg.started - avg.deliveriesScheduled) },
        { QStringLiteral("timers_cancelled_per_account_hour"), perAccountHour(avg.cancelled) },
        { QStringLiteral("cancel_calls_per_account_hour"), perAccountHour(avg.cancelCalls) },
        { QStringLiteral("messages_sent_per_account_hour"), perAccountHour(avg.messages) },
        { QStringLiteral("register_sent_per_account_hour"), perAccountHour(avg.registers) },
        { QStringLiteral("options_sent_per_account_hour"), perAccountHour(avg.options) },
        { QStringLiteral("bytes_sent_per_account_hour"), perAccountHour(avg.bytes) },
        { QStringLiteral("responses_per_account_hour"), perAccountHour(avg.responses) },
        { QStringLiteral("response_bytes_per_account_hour"), perAccountHour(avg.responseBytes) },
        { QStringLiteral("challenges_per_account_hour"), perAccountHour(avg.challenges) },
        { QStringLiteral("engine_cpu_us_per_hour_all_accounts"), hoursEngine },
        { QStringLiteral("problems"), failures },
    };
    std::printf("%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return failures == 0 ? 0 : 1;
}
