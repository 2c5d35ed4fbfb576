// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "UserAgent.h"

#include "InviteSession.h"
#include "OwnPresence.h"
#include "Publication.h"
#include "Registration.h"
#include "RequestAuthenticator.h"
#include "RequestScreen.h"
#include "Subscription.h"
#include "core/SystemClock.h"
#include "core/TimerHandle.h"
#include "message/SipUri.h"
#include "presence/IsComposing.h"
#include "presence/MessageSummary.h"
#include "presence/PresenceStatus.h"
#include "resolver/ServerLocator.h"
#include "sdp/SdpLocalConfig.h"
#include "transaction/TransactionLayer.h"
#include "transaction/TransactionMessages.h"
#include "transport/TransportManager.h"

#include <QDateTime>
#include <QFile>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QUdpSocket>
#include <QUuid>

namespace Sip {

namespace {

QString qs(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

// 0.0.0.0 / :: in any of Qt's spellings: a socket bound there has no address to give out.
bool isWildcard(const QHostAddress &address)
{
    return address.isNull() || address == QHostAddress(QHostAddress::Any)
            || address == QHostAddress(QHostAddress::AnyIPv4)
            || address == QHostAddress(QHostAddress::AnyIPv6);
}

constexpr auto shutdownGrace = std::chrono::milliseconds(4000);

} // namespace

struct UserAgent::Account
{
    QString id;
    AccountConfig config;
    // Before the registration, which refers to it (members are destroyed in reverse).
    CredentialCache credentials;
    std::unique_ptr<Registration> registration;
    TimerHandle keepAlive;
    Endpoint registrar;
    // RFC 3263 targets of a registrar named by host name, tried in order on failure.
    std::unique_ptr<ServerLocator> locator;
};

UserAgent::UserAgent(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

UserAgent::~UserAgent()
{
    // These usages (children) use the transaction layer and its clock, which the members
    // below take with them: they go first, silently.
    delete m_ownPresence;
    m_ownPresence = nullptr;
    // Ended ones too: out of m_subscriptions but waiting for their deleteLater(), they
    // would otherwise go with ~QObject, after the clock their timers cancel on.
    qDeleteAll(findChildren<Subscription *>(Qt::FindDirectChildrenOnly));
    m_subscriptions.clear();
    delete m_publication;
    m_publication = nullptr;
    // Transactions reference the channel: destroy them first.
    m_accounts.clear();
    m_transactions.reset();
    m_transports.reset();
}

void UserAgent::start(const EngineConfig &config)
{
    if (m_started)
        return;
    m_config = config;
    if (config.keepAliveSeconds > 0)
        m_keepAliveInterval = std::chrono::seconds(config.keepAliveSeconds);
    if (config.t1Milliseconds > 0 && config.t1Milliseconds != 500)
        m_timers.t1 = std::chrono::milliseconds(config.t1Milliseconds);
    if (!m_clock) {
        m_ownClock = std::make_unique<SystemClock>();
        m_clock = m_ownClock.get();
    }
    m_transports = std::make_unique<TransportManager>(*m_clock);
    // Only when there is something to set: default TlsOptions are made on first use, as
    // they load the TLS backend (megabytes a UDP-only process does not need).
    if (!config.extraCaCertificates.isEmpty()) {
        TlsOptions tls;
        for (const QString &file : config.extraCaCertificates) {
            const auto certificates = QSslCertificate::fromPath(file);
            if (certificates.isEmpty()) {
                emit startFailed(QStringLiteral("no certificate in %1").arg(file));
                return;
            }
            tls.caCertificates += certificates;
        }
        m_transports->setTlsOptions(tls);
    }

    QList<ListenSpec> listen = config.listen;
    if (listen.isEmpty()) {
        listen.append({ TransportType::Udp, QHostAddress(QHostAddress::Any), 0 });
        listen.append({ TransportType::Tcp, QHostAddress(QHostAddress::Any), 0 });
    }
    // Every account's transport needs a socket of its kind, on the first address given.
    for (const auto &account : std::as_const(m_accounts)) {
        const bool present = std::any_of(listen.begin(), listen.end(), [&](const ListenSpec &l) {
            return l.transport == account->config.transport;
        });
        if (!present)
            listen.append({ account->config.transport, listen.first().address, 0 });
    }
    for (const ListenSpec &spec : listen) {
        QString error;
        const bool ok = spec.transport == TransportType::Tls
                ? m_transports->addClientTransport(spec.transport, spec.address, &error)
                : m_transports->addListener(spec.transport, spec.address, spec.port, &error);
        if (!ok) {
            emit startFailed(QStringLiteral("cannot listen on %1:%2 (%3): %4")
                                     .arg(spec.address.toString())
                                     .arg(spec.port)
                                     .arg(qs(transportName(spec.transport)), error));
            return;
        }
    }
    if (!config.sipLogFile.isEmpty()) {
        m_sipLog.setFileName(config.sipLogFile);
        if (!m_sipLog.open(QIODevice::WriteOnly | QIODevice::Append)) {
            emit startFailed(QStringLiteral("cannot write SIP log %1: %2")
                                     .arg(config.sipLogFile, m_sipLog.errorString()));
            return;
        }
    }

    if (m_sipLog.isOpen()) {
        m_transports->setTracer([this](bool outgoing, const Endpoint &peer, QByteArrayView bytes) {
            logMessage(outgoing, peer, bytes);
        });
    }
    m_transactions = std::make_unique<TransactionLayer>(*m_transports, *m_clock, m_timers);
    m_screen = std::make_unique<RequestScreen>(*m_clock);
    m_screen->setAllowedMethods({ "INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "MESSAGE", "INFO",
                                  "REFER", "NOTIFY", "SUBSCRIBE", "UPDATE" });
    m_screen->setSupportedExtensions({ "path", "gruu", "replaces", "timer" });
    m_screen->setHasDialog([this](const SipMessage &request) {
        return std::any_of(m_calls.cbegin(), m_calls.cend(),
                           [&](const InviteSession *call) { return call->ownsRequest(request); })
                || m_subscriptionsByCallId.find(request)
                || (m_ownPresence && m_ownPresence->ownsRequest(request));
    });
    startOwnPresence();
    m_transactions->setCancelHandler(
            [this](const ServerTransactionHandle &invite, const IncomingMessage &cancel) {
                for (InviteSession *call : std::as_const(m_calls)) {
                    if (call->handleCancel(invite, cancel))
                        return;
                }
                invite.respond(487, "Request Terminated");
            });
    m_transactions->setAckHandler([this](const IncomingMessage &ack, TransactionId invite) {
        for (InviteSession *call : std::as_const(m_calls)) {
            if (call->handleAck(ack, invite))
                return;
        }
    });
    m_transactions->setRequestHandler([this](const ServerTransactionHandle &t,
                                             const IncomingMessage &r) { handleRequest(t, r); });
    connect(m_transports.get(), &TransportManager::connectionLost, this,
            [this](const Endpoint &remote, const QString &) { accountConnectionLost(remote); });
    connect(m_transports.get(), &TransportManager::tlsVerificationFailed, this,
            [this](const Endpoint &remote, const TlsVerificationFailure &failure) {
                emit certificateRejected(
                        failure.serverName.isEmpty() ? remote.address.toString()
                                                     : failure.serverName,
                        QString::fromLatin1(failure.fingerprint.toHex(':')).toUpper(),
                        failure.errors);
            });
    connect(m_transports.get(), &TransportManager::publicAddressChanged, this,
            [this](const Endpoint &, const Endpoint &) {
                // A NAT showed us another address: register the Contact it can be reached at.
                for (const auto &account : std::as_const(m_accounts)) {
                    if (account->registration
                        && account->registration->status().state == RegistrationState::Registered
                        && contactFor(*account) != account->registration->registeredContact())
                        account->registration->refreshNow();
                }
            });
    m_started = true;

    QStringList listening;
    for (const Endpoint &e : m_transports->listeners())
        listening.append(e.toString());
    emit started(listening);
}

void UserAgent::addAccount(const QString &accountId, const AccountConfig &config)
{
    auto account = std::make_shared<Account>();
    account->id = accountId;
    account->config = config;
    if (account->config.instanceId.isEmpty())
        account->config.instanceId
                = QStringLiteral("urn:uuid:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    SipUri aor;
    const std::string text = utf8(config.aor);
    SipUri::parse(text, aor, nullptr);
    account->credentials.store({ config.authUser.isEmpty()
                                         ? QString::fromStdString(aor.decodedUser())
                                         : config.authUser,
                                 config.password, QString() });
    m_accounts.insert(accountId, account);
    m_accountOrder.removeAll(accountId);
    m_accountOrder.append(accountId);
}

void UserAgent::setDefaultAccount(const QString &accountId)
{
    m_defaultAccountId = accountId;
}

UserAgent::Account *UserAgent::defaultAccount() const
{
    if (const auto chosen = m_accounts.value(m_defaultAccountId))
        return chosen.get();
    for (const QString &id : m_accountOrder) {
        if (const auto account = m_accounts.value(id))
            return account.get();
    }
    return nullptr;
}

void UserAgent::removeAccount(const QString &accountId)
{
    auto account = m_accounts.take(accountId);
    m_accountOrder.removeAll(accountId);
    if (account && account->registration)
        account->registration->stop();
}

std::optional<Endpoint> UserAgent::destinationFor(const QString &uriText,
                                                  TransportType preferred) const
{
    SipUri uri;
    const std::string text = utf8(uriText);
    if (!SipUri::parse(text, uri, nullptr) || !uri.isSipOrSips())
        return std::nullopt;
    Endpoint e;
    const QString transportParam = QString::fromStdString(uri.transport()).toLower();
    e.transport = uri.scheme() == SipUri::Scheme::Sips ? TransportType::Tls
            : transportParam == QLatin1String("tcp")   ? TransportType::Tcp
            : transportParam == QLatin1String("tls")   ? TransportType::Tls
            : transportParam == QLatin1String("udp")   ? TransportType::Udp
                                                       : preferred;
    QString host = qs(uri.host());
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    // RFC 3263 SRV/NAPTR lookups come with the resolver; literal addresses and
    // "localhost" are what the engine resolves here.
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        host = QStringLiteral("127.0.0.1");
    if (!e.address.setAddress(host))
        return std::nullopt;
    e.port = static_cast<quint16>(
            uri.port() > 0 ? uri.port() : (e.transport == TransportType::Tls ? 5061 : 5060));
    e.serverName = host;
    return e;
}

Endpoint UserAgent::registrarFor(const Account &account) const
{
    const QString target
            = account.config.proxy.isEmpty() ? account.config.aor : account.config.proxy;
    return destinationFor(target, account.config.transport).value_or(Endpoint());
}

QString UserAgent::contactFor(const Account &account) const
{
    SipUri aor;
    const std::string text = utf8(account.config.aor);
    SipUri::parse(text, aor, nullptr);
    const Endpoint registrar = account.registrar;
    Endpoint local = m_transports->listenerFor(registrar.transport, registrar.address);
    if (local.isNull() && registrar.transport != TransportType::Udp)
        local = m_transports->connectionLocalEndpoint(registrar);
    if (isWildcard(local.address))
        local.address = localAddressToward(registrar.address);
    // Behind a NAT, the address the registrar saw (received/rport) is the one to register.
    if (const auto seen = m_transports->publicAddress(local))
        local = Endpoint { local.transport, seen->address, seen->port, {} };
    QString host = local.address.toString();
    if (local.address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    QString contact = QString::fromStdString(SipUri::format(
            aor.scheme() == SipUri::Scheme::Sips ? SipUri::Scheme::Sips : SipUri::Scheme::Sip,
            aor.decodedUser(), utf8(host), local.port));
    if (registrar.transport == TransportType::Tcp)
        contact += QStringLiteral(";transport=tcp");
    else if (registrar.transport == TransportType::Tls && aor.scheme() != SipUri::Scheme::Sips)
        contact += QStringLiteral(";transport=tls");
    return contact;
}

void UserAgent::sendWithAuth(Account *account, const SipMessage &request,
                             const Endpoint &destination,
                             std::function<void(const SipMessage &)> onFinal)
{
    // Answered nonces are remembered per request, not per account: a registrar may hand
    // the next request the same nonce, which is not a sign of a wrong password.
    auto authenticator
            = account ? std::make_shared<RequestAuthenticator>(account->credentials) : nullptr;
    SipMessage first = request;
    if (authenticator)
        authenticator->preauthorize(first); // e.g. with the registrar's last challenge
    sendAuthenticated(std::move(authenticator), first, destination, std::move(onFinal), 0);
}

void UserAgent::sendAuthenticated(std::shared_ptr<RequestAuthenticator> authenticator,
                                  const SipMessage &request, const Endpoint &destination,
                                  std::function<void(const SipMessage &)> onFinal, int authRounds)
{
    // Plain recursion per challenge: each transaction's handler owns what the retry
    // needs, and nothing refers to itself (a self-referring closure would never be freed).
    std::string error;
    const auto handle = m_transactions->sendRequest(
            request, destination,
            [this, authenticator, request, destination, onFinal,
             authRounds](const ClientEvent &event) {
                if (event.type == ClientEvent::Type::Terminated || event.isProvisional())
                    return;
                const int code = event.statusCode();
                if ((code == 401 || code == 407) && authenticator
                    && event.type == ClientEvent::Type::Response && authRounds < 2) {
                    SipMessage retry;
                    QString why;
                    if (authenticator->answer(request, event.response, retry, &why)
                        == RequestAuthenticator::Outcome::Retry) {
                        const CSeq *cseq = request.cseq();
                        retry.setHeader("CSeq",
                                        std::to_string(cseq->number() + 1) + " "
                                                + std::string(cseq->method()));
                        retry.removeHeader("Via"); // a new transaction: a new branch
                        sendAuthenticated(authenticator, retry, destination, onFinal,
                                          authRounds + 1);
                        return;
                    }
                }
                onFinal(event.response);
            },
            &error);
    if (!handle)
        onFinal(makeSyntheticResponse(request, 503, error.empty() ? "Service Unavailable" : error));
}

void UserAgent::registerAccount(const QString &accountId)
{
    const auto account = m_accounts.value(accountId);
    if (!account || !m_started)
        return;
    account->registrar = registrarFor(*account);
    if (!account->registrar.isNull()) {
        startRegistration(*account);
        return;
    }
    // A host name: RFC 3263 server location (SRV, then A/AAAA), asynchronously.
    const QString target
            = account->config.proxy.isEmpty() ? account->config.aor : account->config.proxy;
    SipUri uri;
    const std::string text = utf8(target);
    if (!SipUri::parse(text, uri, nullptr) || !uri.isSipOrSips()) {
        RegistrationStatus status;
        status.state = RegistrationState::Failed;
        status.reason = QStringLiteral("%1 is not a SIP URI").arg(target);
        emit registrationChanged(accountId, status);
        return;
    }
    account->locator = std::make_unique<ServerLocator>();
    if (!m_config.nameserver.isNull())
        account->locator->setNameserver(m_config.nameserver);
    Account *raw = account.get();
    connect(account->locator.get(), &ServerLocator::finished, this, [this, raw] {
        const auto first = raw->locator->next();
        if (!first) {
            RegistrationStatus status;
            status.state = RegistrationState::Failed;
            status.code = 503;
            status.reason = QStringLiteral("cannot locate the registrar of %1: %2")
                                    .arg(raw->config.aor, raw->locator->errorString());
            emit registrationChanged(raw->id, status);
            return;
        }
        raw->registrar = *first;
        startRegistration(*raw);
    });
    std::optional<TransportType> transport;
    if (!QString::fromStdString(uri.transport()).isEmpty() || !account->config.proxy.isEmpty())
        transport = account->config.transport;
    account->locator->locate(qs(uri.host()), uri.port(), transport,
                             uri.scheme() == SipUri::Scheme::Sips);
}

void UserAgent::startRegistration(Account &accountRef)
{
    Account *account = &accountRef;
    if (!account->config.acceptedCertificate.isEmpty()
        && account->registrar.transport == TransportType::Tls)
        m_transports->pinCertificate(account->registrar.serverName,
                                     account->config.acceptedCertificate.toLatin1());
    if (!account->registration) {
        Account *raw = account;
        account->registration = std::make_unique<Registration>(
                account->config, account->credentials, *m_clock,
                [this, raw](const SipMessage &request, Registration::FinalResponseHandler onFinal) {
                    std::string error;
                    const auto handle = m_transactions->sendRequest(
                            request, raw->registrar,
                            [=, this](const ClientEvent &event) {
                                if (event.type == ClientEvent::Type::Terminated
                                    || event.isProvisional())
                                    return;
                                if (event.type == ClientEvent::Type::TransportError
                                    && !event.error.isEmpty()) {
                                    // The user sees why: "503 Service Unavailable (connection
                                    // refused)".
                                    QString detail = event.error;
                                    detail.replace(QLatin1Char('\r'), QLatin1Char(' '))
                                            .replace(QLatin1Char('\n'), QLatin1Char(' '));
                                    onFinal(makeSyntheticResponse(
                                            request, 503,
                                            "Service Unavailable (" + detail.left(200).toStdString()
                                                    + ")"));
                                    return;
                                }
                                onFinal(event.response);
                            },
                            &error);
                    if (!handle)
                        onFinal(makeSyntheticResponse(request, 503, error));
                },
                [this, raw] { return contactFor(*raw); });
        account->registration->setFlowPreparer([this, raw](std::function<void()> ready) {
            if (raw->registrar.transport == TransportType::Udp
                || m_transports->hasConnection(raw->registrar)) {
                ready();
                return;
            }
            // Open the TCP/TLS flow first (an OPTIONS ping does it), so the Contact can
            // carry the connection's local port. Whatever the ping's outcome, register:
            // a failure then shows up as the REGISTER's own 503.
            sendPing(*raw, [ready](bool) { ready(); });
        });
        connect(account->registration.get(), &Registration::statusChanged, this,
                [this, raw](const RegistrationStatus &status) {
                    if (status.state == RegistrationState::Registered) {
                        // The 200 may have shown us our public address (received/rport,
                        // learned as it arrived): register the Contact that is reachable.
                        if (contactFor(*raw) != raw->registration->registeredContact()) {
                            QMetaObject::invokeMethod(raw->registration.get(),
                                                      &Registration::refreshNow,
                                                      Qt::QueuedConnection);
                        }
                        startKeepAlive(*raw);
                    } else if (status.state != RegistrationState::Registering)
                        raw->keepAlive.cancel();
                    emit registrationChanged(raw->id, status);
                    // RFC 3263 §4.3: a timeout or transport failure moves on to the next
                    // target at once; when all failed, the back-off applies.
                    if (status.state == RegistrationState::Failed && status.retryInSeconds >= 0
                        && (status.code == 408 || status.code == 503) && raw->locator) {
                        if (const auto next = raw->locator->next()) {
                            raw->registrar = *next;
                            QMetaObject::invokeMethod(raw->registration.get(),
                                                      &Registration::refreshNow,
                                                      Qt::QueuedConnection);
                        } else {
                            raw->locator->rewind();
                            if (const auto first = raw->locator->next())
                                raw->registrar = *first;
                        }
                    }
                });
        connect(account->registration.get(), &Registration::stopped, this,
                [this] { finishShutdownIfDone(); });
    }
    if (account->registrar.transport != TransportType::Udp)
        m_transports->setPersistent(account->registrar, true);
    account->registration->start();
}

void UserAgent::unregisterAccount(const QString &accountId)
{
    const auto account = m_accounts.value(accountId);
    if (account && account->registration)
        account->registration->stop();
}

void UserAgent::startKeepAlive(Account &account)
{
    // TCP/TLS flows are kept alive by the transport's CRLF pings (RFC 5626 §4.4.1), and a
    // lost connection re-registers at once. A UDP flow gets an OPTIONS ping: it holds the
    // NAT binding, and when it times out the server is gone, so register again (which
    // retries with back-off until the server answers).
    if (account.registrar.transport != TransportType::Udp) {
        account.keepAlive.cancel();
        return;
    }
    Account *raw = &account;
    account.keepAlive.start(*m_clock, m_keepAliveInterval, [this, raw] {
        sendPing(*raw, [this, raw](bool answered) {
            if (answered) {
                startKeepAlive(*raw);
                return;
            }
            if (raw->registration
                && raw->registration->status().state == RegistrationState::Registered)
                raw->registration->refreshNow();
        });
    });
}

void UserAgent::sendPing(Account &account, std::function<void(bool answered)> done)
{
    SipUri aor;
    const std::string text = utf8(account.config.aor);
    SipUri::parse(text, aor, nullptr);
    SipMessage ping = SipMessage::createRequest(
            "OPTIONS", SipUri::format(aor.scheme(), {}, aor.host(), aor.port()));
    ping.addHeader("Max-Forwards", "70");
    ping.addHeader(
            "From",
            NameAddr::format({}, utf8(account.config.aor), "tag=" + TransactionLayer::newTag()));
    ping.addHeader("To", NameAddr::format({}, utf8(account.config.aor)));
    ping.addHeader("Call-ID", TransactionLayer::newTag() + TransactionLayer::newTag());
    ping.addHeader("CSeq", "1 OPTIONS");
    ping.setBody({}, {});
    std::string error;
    auto finished = std::make_shared<bool>(false);
    const auto handle = m_transactions->sendRequest(
            ping, account.registrar,
            [done, finished](const ClientEvent &event) {
                if (*finished || event.isProvisional())
                    return;
                // Any final response, even an error, proves the server is there.
                const bool answered = event.type == ClientEvent::Type::Response;
                if (event.type != ClientEvent::Type::Terminated || !answered) {
                    *finished = true;
                    done(answered);
                }
            },
            &error);
    if (!handle) {
        *finished = true;
        QMetaObject::invokeMethod(
                this, [done] { done(false); }, Qt::QueuedConnection);
    }
}

void UserAgent::accountConnectionLost(const Endpoint &remote)
{
    for (const auto &account : std::as_const(m_accounts)) {
        if (account->registration && account->registrar == remote
            && account->registration->status().state != RegistrationState::Unregistered
            && !m_shuttingDown)
            account->registration->refreshNow();
    }
}

QHostAddress UserAgent::localAddressToward(const QHostAddress &peer) const
{
    // The address the OS would use toward `peer`: a UDP "connect" sends nothing. Cached,
    // because every Contact needs it; a network change clears the cache.
    const auto cached = m_localAddressCache.constFind(peer);
    if (cached != m_localAddressCache.constEnd())
        return *cached;
    QUdpSocket probe;
    probe.connectToHost(peer, 9);
    QHostAddress local = probe.localAddress();
    if (local.isNull())
        local = QHostAddress(QHostAddress::LocalHost);
    m_localAddressCache.insert(peer, local);
    return local;
}

void UserAgent::networkChanged()
{
    m_localAddressCache.clear();
    if (!m_started)
        return;
    for (const auto &account : std::as_const(m_accounts)) {
        if (account->registration
            && account->registration->status().state != RegistrationState::Unregistered) {
            m_transports->closeConnection(account->registrar);
            account->registration->refreshNow();
        }
    }
}

Endpoint UserAgent::destinationForRequest(const QString &uri, Account *account) const
{
    // Through the account's proxy when it has one; else straight to the URI's host;
    // else (a host name) through the registrar, which routes by domain.
    const auto direct
            = destinationFor(uri, account ? account->config.transport : TransportType::Udp);
    if (account && !account->config.proxy.isEmpty())
        return account->registrar.isNull() ? registrarFor(*account) : account->registrar;
    if (direct)
        return *direct;
    if (account)
        return account->registrar.isNull() ? registrarFor(*account) : account->registrar;
    return {};
}

SipMessage UserAgent::newOutOfDialogRequest(const char *method, const QString &uri,
                                            Account *account, const Endpoint &destination,
                                            std::string *error) const
{
    SipMessage request = SipMessage::createRequest(method, utf8(uri), error);
    if (request.isNull())
        return request;
    QString from = account ? account->config.aor : QString();
    if (from.isEmpty()) {
        // Serverless: we are who our socket says.
        const Endpoint local
                = m_transports->listenerFor(destination.transport, destination.address);
        QHostAddress address = local.address;
        if (isWildcard(address))
            address = localAddressToward(destination.address);
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                : address.toString();
        from = QString::fromStdString(
                SipUri::format(SipUri::Scheme::Sip, "parlo", utf8(host), local.port));
    }
    const std::string display = account ? utf8(account->config.displayName) : std::string();
    request.addHeader("Max-Forwards", "70");
    request.addHeader("From",
                      NameAddr::format(display, utf8(from), "tag=" + TransactionLayer::newTag()));
    request.addHeader("To", NameAddr::format({}, utf8(uri)));
    request.addHeader("Call-ID", TransactionLayer::newTag() + TransactionLayer::newTag());
    request.addHeader("CSeq", std::string("1 ") + method);
    if (!m_config.userAgent.isEmpty())
        request.addHeader("User-Agent", utf8(m_config.userAgent));
    return request;
}

void UserAgent::sendOptions(const QString &requestId, const QString &uri)
{
    if (!m_started) {
        emit requestFailed(requestId, QStringLiteral("engine not started"));
        return;
    }
    Account *account = defaultAccount();
    const Endpoint destination = destinationForRequest(uri, account);
    if (destination.isNull()) {
        emit requestFailed(requestId, QStringLiteral("cannot resolve %1").arg(uri));
        return;
    }
    std::string error;
    SipMessage request = newOutOfDialogRequest("OPTIONS", uri, account, destination, &error);
    if (request.isNull()) {
        emit requestFailed(
                requestId,
                QStringLiteral("invalid URI %1: %2").arg(uri, QString::fromStdString(error)));
        return;
    }
    request.addHeader("Accept", "application/sdp");
    request.setBody({}, {});
    sendWithAuth(account, request, destination, [this, requestId](const SipMessage &response) {
        QStringList allow;
        for (std::string_view m : response.allow())
            allow.append(qs(m));
        emit optionsFinished(requestId, response.statusCode(), qs(response.reasonPhrase()), allow);
    });
}

void UserAgent::sendMessage(const QString &requestId, const QString &uri,
                            const QString &contentType, const QByteArray &body)
{
    if (!m_started) {
        emit messageFinished(requestId, 0, QStringLiteral("engine not started"));
        return;
    }
    Account *account = defaultAccount();
    const Endpoint destination = destinationForRequest(uri, account);
    if (destination.isNull()) {
        emit messageFinished(requestId, 0, QStringLiteral("cannot resolve %1").arg(uri));
        return;
    }
    std::string error;
    SipMessage request = newOutOfDialogRequest("MESSAGE", uri, account, destination, &error);
    if (request.isNull()) {
        emit messageFinished(
                requestId, 0,
                QStringLiteral("invalid URI %1: %2").arg(uri, QString::fromStdString(error)));
        return;
    }
    if (!request.setBody(utf8(contentType),
                         std::string_view(body.constData(), static_cast<size_t>(body.size())),
                         &error)) {
        emit messageFinished(requestId, 0, QString::fromStdString(error));
        return;
    }
    // RFC 3428 §5 / RFC 3261 §18.1.1: a MESSAGE too large for UDP goes over TCP when there
    // is one (the transport moves it); with none, refuse instead of sending fragments.
    constexpr size_t udpLimit = 1300;
    const size_t size = request.toString().size() + 120; // + the Via the transport adds
    if (destination.transport == TransportType::Udp && size > udpLimit
        && m_transports->listenerFor(TransportType::Tcp, destination.address).isNull()) {
        emit messageFinished(
                requestId, 0,
                QStringLiteral("message of %1 bytes is too large for UDP and no TCP transport is "
                               "available (pager-mode limit, RFC 3428 §5)")
                        .arg(size));
        return;
    }
    sendWithAuth(account, request, destination, [this, requestId](const SipMessage &response) {
        emit messageFinished(requestId, response.statusCode(),
                             QString::number(response.statusCode()) + QLatin1Char(' ')
                                     + qs(response.reasonPhrase()));
    });
}

void UserAgent::acceptIncomingMessage(const QString &messageId)
{
    const ServerTransactionHandle transaction = m_pendingMessages.take(messageId);
    if (transaction.isAlive())
        transaction.respond(200, "OK");
}

void UserAgent::rejectIncomingMessage(const QString &messageId, int code, const QString &reason)
{
    const ServerTransactionHandle transaction = m_pendingMessages.take(messageId);
    if (transaction.isAlive())
        transaction.respond(code >= 300 && code <= 699 ? code : 500, utf8(reason));
}

void UserAgent::handleRequest(const ServerTransactionHandle &transaction,
                              const IncomingMessage &incoming)
{
    const SipMessage &request = incoming.message;
    auto reply = [&](const SipMessage &response) { transaction.respond(response); };
    if (const auto rejection = m_screen->screen(request)) {
        SipMessage response = transaction.createResponse(rejection->code, rejection->reason);
        for (const auto &[name, value] : rejection->headers)
            response.addHeader(name, value);
        reply(response);
        return;
    }
    if (request.to() && !request.to()->tag().empty()) {
        if (Subscription *sub = m_subscriptionsByCallId.find(request)) {
            sub->handleRequest(transaction, incoming);
            return;
        }
        if (m_ownPresence && m_ownPresence->ownsRequest(request)) {
            m_ownPresence->handleRequest(transaction, incoming);
            return;
        }
        for (InviteSession *call : std::as_const(m_calls)) {
            if (call->ownsRequest(request)) {
                call->handleRequest(transaction, incoming);
                return;
            }
        }
    }
    switch (request.methodId()) {
    case Method::Invite: {
        if (request.replaces()) {
            takeOverCall(transaction, incoming);
            return;
        }
        const QString callId = QStringLiteral("in%1").arg(m_nextIncomingCall++);
        InviteSession *call = adoptSession(
                callId, new InviteSession(*m_transactions, [this](const SipUri &uri) {
                    return destinationFor(qs(uri.text()), TransportType::Udp);
                }));
        const QHostAddress local = isWildcard(incoming.local.address)
                ? localAddressToward(incoming.source.address)
                : incoming.local.address;
        const std::string contact
                = utf8(contactForSocket(incoming.local, incoming.source, QStringLiteral("parlo")));
        if (!call->incoming(transaction, incoming, contact,
                            mediaConfigFor(local, defaultAccount())))
            return; // answered with the reason already (400/415/488); the session ends itself
        emit incomingCall(callId, qs(request.from()->uri().text()),
                          QString::fromStdString(request.from()->displayNameText()));
        if (m_config.autoAnswerSeconds >= 0) {
            QPointer<InviteSession> guard(call);
            m_clock->startTimer(std::chrono::seconds(m_config.autoAnswerSeconds), [guard] {
                if (guard && guard->state() != CallState::Terminated)
                    guard->answer();
            });
        }
        return;
    }
    case Method::Subscribe: {
        // Someone watches us directly (serverless presence, RFC 3856 §5.1); the notifier
        // answers any other event package with 489 (RFC 6665 §4.2.1.1).
        const std::string targetUser = request.requestUri().decodedUser();
        const QString user
                = targetUser.empty() ? QStringLiteral("parlo") : QString::fromStdString(targetUser);
        m_ownPresence->handleSubscribe(
                transaction, incoming,
                utf8(contactForSocket(incoming.local, incoming.source, user)));
        return;
    }
    case Method::Options: {
        // RFC 3261 §11.2: what we would do with an INVITE, and what we can take.
        SipMessage response = transaction.createResponse(200, "OK");
        response.addHeader("Allow", m_screen->allowHeader());
        response.addHeader("Accept", "application/sdp, text/plain, application/im-iscomposing+xml");
        response.addHeader("Supported", m_screen->supportedHeader());
        response.addHeader("Allow-Events", "presence"); // RFC 6665: the packages we notify for
        if (!m_config.userAgent.isEmpty())
            response.addHeader("Server", utf8(m_config.userAgent));
        reply(response);
        return;
    }
    case Method::Message: {
        const MediaType *type = request.contentType();
        if (type && type->matches("application", "im-iscomposing+xml")) {
            // RFC 3994: a typing indicator is shown, never stored, so it is answered at once.
            XmlError xmlError;
            const auto composing = IsComposing::parse(
                    QByteArrayView(request.body().data(),
                                   static_cast<qsizetype>(request.body().size())),
                    &xmlError);
            if (!composing) {
                reply(transaction.createResponse(400, "Malformed is-composing document"));
                return;
            }
            reply(transaction.createResponse(200, "OK"));
            emit composingReceived(qs(request.from()->uri().text()),
                                   composing->state == IsComposing::State::Active);
            return;
        }
        const QString contentType = type ? qs(type->type()) + QLatin1Char('/') + qs(type->subtype())
                                         : QStringLiteral("text/plain");
        const QString messageId = QString::number(m_nextMessageId++);
        m_pendingMessages.insert(messageId, transaction);
        // Bounded: a message the app never answers is refused before the sender's Timer F.
        m_clock->startTimer(std::chrono::seconds(10), [this, messageId] {
            rejectIncomingMessage(messageId, 500, QStringLiteral("Not Stored In Time"));
        });
        const qint64 date = request.date() ? request.date()->secondsSinceEpoch() : -1;
        emit messageReceived(
                messageId, qs(request.from()->uri().text()), qs(request.to()->uri().text()),
                type ? qs(request.header("Content-Type")) : contentType,
                QByteArray(request.body().data(), static_cast<qsizetype>(request.body().size())),
                qs(request.callId()), request.cseq()->number(), date);
        return;
    }
    case Method::Bye:
        reply(transaction.createResponse(481, "Call/Transaction Does Not Exist"));
        return;
    default:
        reply(transaction.createResponse(405, "Method Not Allowed"));
        return;
    }
}

void UserAgent::logMessage(bool outgoing, const Endpoint &peer, QByteArrayView bytes)
{
    if (!m_sipLog.isOpen())
        return;
    const QByteArray header
            = QStringLiteral("---- %1 %2 %3\n")
                      .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                           QLatin1String(outgoing ? "send" : "recv"), peer.toString())
                      .toUtf8();
    m_sipLog.write(header);
    m_sipLog.write(bytes.data(), bytes.size());
    m_sipLog.write("\n");
    m_sipLog.flush();
}

QString UserAgent::contactForSocket(const Endpoint &local, const Endpoint &peer,
                                    const QString &user) const
{
    const QHostAddress address
            = isWildcard(local.address) ? localAddressToward(peer.address) : local.address;
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
            : address.toString();
    QString contact = QString::fromStdString(
            SipUri::format(SipUri::Scheme::Sip, utf8(user), utf8(host), local.port));
    if (local.transport == TransportType::Tcp)
        contact += QStringLiteral(";transport=tcp");
    else if (local.transport == TransportType::Tls)
        contact += QStringLiteral(";transport=tls");
    return contact;
}

int UserAgent::takeRtpPort()
{
    // Even ports from the configured range (RFC 3550 §11), checked free by binding; the
    // media engine binds the port for real when the call's media starts.
    const int first = m_config.rtpPortMin & ~1;
    const int span = std::max(2, (m_config.rtpPortMax - first) / 2 * 2);
    // Start at a random even offset: two Parlo processes on one machine (or a port the
    // OS still holds from a call just ended) then rarely meet on the same port.
    if (m_nextRtpPort == 0)
        m_nextRtpPort = 2 * static_cast<int>(QRandomGenerator::global()->bounded(span / 2));
    for (int attempt = 0; attempt < span / 2; ++attempt) {
        const int port = first + (m_nextRtpPort % span);
        m_nextRtpPort += 2;
        QUdpSocket rtp, rtcp;
        if (rtp.bind(QHostAddress::Any, static_cast<quint16>(port))
            && rtcp.bind(QHostAddress::Any, static_cast<quint16>(port + 1)))
            return port;
    }
    return first;
}

SdpLocalConfig UserAgent::mediaConfigFor(const QHostAddress &address, const Account *account)
{
    SdpLocalConfig config;
    config.address = utf8(address.toString());
    config.rtpPort = takeRtpPort();
    config.codecs.clear();
    for (const QString &name : m_config.codecs) {
        if (name.compare(QLatin1String("opus"), Qt::CaseInsensitive) == 0)
            config.codecs.push_back(SdpCodec::opus());
        else if (name.compare(QLatin1String("pcmu"), Qt::CaseInsensitive) == 0)
            config.codecs.push_back(SdpCodec::pcmu());
        else if (name.compare(QLatin1String("pcma"), Qt::CaseInsensitive) == 0)
            config.codecs.push_back(SdpCodec::pcma());
    }
    if (config.codecs.empty())
        config.codecs = { SdpCodec::opus(), SdpCodec::pcmu(), SdpCodec::pcma() };
    const int srtpPolicy = account && account->config.srtpPolicy >= 0 ? account->config.srtpPolicy
                                                                      : m_config.srtpPolicy;
    config.srtp = srtpPolicy == 2 ? SdpSrtpPolicy::Mandatory
            : srtpPolicy == 1     ? SdpSrtpPolicy::Optional
                                  : SdpSrtpPolicy::Off;
    if (config.srtp != SdpSrtpPolicy::Off)
        config.srtpKeys = { SdpSrtpKey::generate("AES_CM_128_HMAC_SHA1_80"),
                            SdpSrtpKey::generate("AES_CM_128_HMAC_SHA1_32") };
    return config;
}

InviteSession *UserAgent::adoptSession(const QString &callId, InviteSession *session)
{
    session->setParent(this);
    m_calls.insert(callId, session);
    connect(session, &InviteSession::stateChanged, this,
            [this, callId](const CallStatus &status) { emit callStateChanged(callId, status); });
    connect(session, &InviteSession::mediaChanged, this,
            [this, callId](const CallMedia &media) { emit callMediaChanged(callId, media); });
    connect(session, &InviteSession::dtmfReceived, this,
            [this, callId](QChar digit, int) { emit callDtmfReceived(callId, QString(digit)); });
    connect(session, &InviteSession::transferProgress, this,
            [this, callId](int code, const QString &reason, bool final) {
                emit callTransferProgress(callId, code, reason, final);
            });
    connect(session, &InviteSession::transferRequested, this,
            [this, callId](const CallTransferRequest &request) {
                placeTransferCall(callId, request);
            });
    connect(session, &InviteSession::ended, this, [this, callId, session] {
        m_calls.remove(callId);
        session->deleteLater();
    });
    return session;
}

void UserAgent::makeCall(const QString &callId, const QString &uri, const QString &accountId)
{
    startCall(callId, uri, {}, accountId);
}

InviteSession *
UserAgent::startCall(const QString &callId, const QString &uri,
                     const std::vector<std::pair<std::string, std::string>> &extraHeaders,
                     const QString &accountId)
{
    CallStatus failed;
    failed.state = CallState::Terminated;
    failed.endCause = CallEndCause::Failed;
    if (!m_started || m_calls.contains(callId)) {
        failed.reason = m_started ? QStringLiteral("call id %1 is in use").arg(callId)
                                  : QStringLiteral("engine not started");
        emit callStateChanged(callId, failed);
        return nullptr;
    }
    Account *account = accountId.isEmpty() ? defaultAccount() : m_accounts.value(accountId).get();
    if (!account && !accountId.isEmpty()) {
        failed.reason = QStringLiteral("no account %1").arg(accountId);
        emit callStateChanged(callId, failed);
        return nullptr;
    }
    const Endpoint destination = destinationForRequest(uri, account);
    if (destination.isNull()) {
        failed.reason = QStringLiteral("cannot resolve %1").arg(uri);
        emit callStateChanged(callId, failed);
        return nullptr;
    }
    const Endpoint local = m_transports->listenerFor(destination.transport, destination.address);
    InviteSession::CallParams params;
    if (account) {
        params.fromUri = utf8(account->config.aor);
        params.displayName = utf8(account->config.displayName);
        params.contact
                = utf8(account->registrar.isNull()
                               ? contactForSocket(local, destination, QStringLiteral("parlo"))
                               : contactFor(*account));
        params.credentials = &account->credentials;
    } else {
        params.contact = utf8(contactForSocket(local, destination, QStringLiteral("parlo")));
        params.fromUri = params.contact.substr(0, params.contact.find(';'));
    }
    params.targetUri = utf8(uri);
    params.extraHeaders = extraHeaders;
    params.destination = destination;
    params.destinationIsProxy = account && !account->config.proxy.isEmpty();
    const QHostAddress mediaAddress
            = isWildcard(local.address) ? localAddressToward(destination.address) : local.address;
    params.sdp = mediaConfigFor(mediaAddress, account);
    InviteSession *call
            = adoptSession(callId, new InviteSession(*m_transactions, [this](const SipUri &target) {
                               return destinationFor(qs(target.text()), TransportType::Udp);
                           }));
    QString error;
    if (!call->makeCall(params, &error)) {
        failed.reason = error;
        emit callStateChanged(callId, failed);
        m_calls.remove(callId);
        call->deleteLater();
        return nullptr;
    }
    return call;
}

void UserAgent::answerCall(const QString &callId)
{
    if (InviteSession *call = m_calls.value(callId))
        call->answer();
}

void UserAgent::rejectCall(const QString &callId, int code)
{
    if (InviteSession *call = m_calls.value(callId))
        call->reject(code >= 400 && code <= 699 ? code : 486);
}

void UserAgent::hangupCall(const QString &callId)
{
    if (InviteSession *call = m_calls.value(callId))
        call->hangup();
}

void UserAgent::holdCall(const QString &callId, bool hold)
{
    if (InviteSession *call = m_calls.value(callId))
        hold ? call->hold() : call->resume();
}

void UserAgent::sendDtmf(const QString &callId, const QString &digits)
{
    if (InviteSession *call = m_calls.value(callId)) {
        for (QChar digit : digits)
            call->sendDtmf(digit);
    }
}

void UserAgent::transferCall(const QString &callId, const QString &uri)
{
    if (InviteSession *call = m_calls.value(callId))
        call->transfer(uri);
}

void UserAgent::transferCallAttended(const QString &callId, const QString &consultationCallId)
{
    InviteSession *call = m_calls.value(callId);
    InviteSession *consultation = m_calls.value(consultationCallId);
    if (!call || !consultation || call == consultation || !call->transferAttended(*consultation))
        emit callTransferProgress(
                callId, 0,
                QStringLiteral("cannot transfer %1 to call %2: both must be established calls")
                        .arg(callId, consultationCallId),
                true);
}

void UserAgent::placeTransferCall(const QString &referredCallId, const CallTransferRequest &request)
{
    // RFC 3515 §2.4.4: the REFER was accepted (202, NOTIFY 100 sent by the session); each
    // step of the new call goes back to the transferor as a sipfrag, up to a final one.
    const QString newCallId = QStringLiteral("xfer%1").arg(m_nextTransferCall++);
    std::vector<std::pair<std::string, std::string>> headers;
    if (!request.referredBy.isEmpty())
        headers.emplace_back("Referred-By", utf8(request.referredBy));
    if (!request.replaces.isEmpty())
        headers.emplace_back("Replaces", utf8(request.replaces));
    emit callTransferStarted(referredCallId, newCallId, request.target);
    QPointer<InviteSession> referred(m_calls.value(referredCallId));
    InviteSession *call = startCall(newCallId, request.target, headers);
    if (!call) {
        if (referred)
            referred->notifyTransferProgress(503, QStringLiteral("Service Unavailable"));
        return;
    }
    auto finalSent = std::make_shared<bool>(false);
    auto ringingSent = std::make_shared<bool>(false);
    connect(call, &InviteSession::stateChanged, this,
            [referred, finalSent, ringingSent](const CallStatus &status) {
                if (!referred || *finalSent)
                    return;
                switch (status.state) {
                case CallState::Calling:
                    return;
                case CallState::Ringing:
                case CallState::Early:
                    if (!*ringingSent) {
                        *ringingSent = true;
                        referred->notifyTransferProgress(180, QStringLiteral("Ringing"));
                    }
                    return;
                case CallState::Confirmed:
                case CallState::Held:
                    *finalSent = true;
                    referred->notifyTransferProgress(200, QStringLiteral("OK"));
                    return;
                case CallState::Terminated:
                    *finalSent = true;
                    referred->notifyTransferProgress(
                            status.statusCode >= 300 ? status.statusCode : 487,
                            status.statusCode >= 300 ? status.reason : QString());
                    return;
                }
            });
}

bool UserAgent::takeOverCall(const ServerTransactionHandle &transaction,
                             const IncomingMessage &incoming)
{
    const SipMessage &request = incoming.message;
    const Replaces *replaces = request.replaces();
    if (!replaces)
        return false;
    // RFC 3891 §3: the dialog must exist, be ours, and not be an early dialog we started.
    QString replacedId;
    InviteSession *replaced = nullptr;
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it) {
        if (it.value()->matchesReplaces(*replaces)) {
            replacedId = it.key();
            replaced = it.value();
            break;
        }
    }
    if (!replaced
        || (replaced->role() == InviteSession::Role::Uac
            && replaced->state() != CallState::Confirmed && replaced->state() != CallState::Held)) {
        transaction.respond(transaction.createResponse(481, "Call/Transaction Does Not Exist"));
        return true;
    }
    const QString callId = QStringLiteral("in%1").arg(m_nextIncomingCall++);
    InviteSession::Settings settings;
    settings.autoRinging = false; // §3: the user already accepted the call being replaced
    InviteSession *call
            = adoptSession(callId,
                           new InviteSession(
                                   *m_transactions,
                                   [this](const SipUri &uri) {
                                       return destinationFor(qs(uri.text()), TransportType::Udp);
                                   },
                                   settings));
    const QHostAddress local = isWildcard(incoming.local.address)
            ? localAddressToward(incoming.source.address)
            : incoming.local.address;
    const std::string contact
            = utf8(contactForSocket(incoming.local, incoming.source, QStringLiteral("parlo")));
    if (!call->incoming(transaction, incoming, contact, mediaConfigFor(local, defaultAccount())))
        return true; // refused with the reason (415/488/...); the old call goes on
    emit callReplaces(callId, replacedId);
    emit incomingCall(callId, qs(request.from()->uri().text()),
                      QString::fromStdString(request.from()->displayNameText()));
    if (call->answer())
        replaced->replaced();
    return true;
}

void UserAgent::subscribePresence(const QString &uri)
{
    if (!m_started)
        return;
    if (Subscription *previous = m_subscriptions.value(uri)) {
        // A terminated subscription lingers until its last transaction is over; a new
        // subscribe must not be swallowed by it (its ended() then leaves the new one be).
        if (previous->phase() != SubscriptionPhase::Terminated)
            return;
        m_subscriptions.remove(uri);
        m_subscriptionsByCallId.remove(previous);
    }
    Account *account = defaultAccount();
    const Endpoint destination = destinationForRequest(uri, account);
    if (destination.isNull()) {
        emit subscriptionStateChanged(uri, QStringLiteral("terminated"),
                                      QStringLiteral("cannot resolve %1").arg(uri));
        return;
    }
    auto *subscription = new Subscription(
            *m_transactions,
            [this](const SipUri &target) {
                return destinationFor(qs(target.text()), TransportType::Udp);
            },
            {}, this);
    Subscription::Params params;
    params.targetUri = utf8(uri);
    params.destination = destination;
    if (account) {
        params.fromUri = utf8(account->config.aor);
        params.displayName = utf8(account->config.displayName);
        params.contact = utf8(contactFor(*account));
        params.credentials = &account->credentials;
    } else {
        // Serverless: straight to the contact's phone, as who our socket says we are.
        const Endpoint local
                = m_transports->listenerFor(destination.transport, destination.address);
        params.contact = utf8(contactForSocket(local, destination, QStringLiteral("parlo")));
        params.fromUri = params.contact.substr(0, params.contact.find(';'));
    }
    connect(subscription, &Subscription::presenceChanged, this,
            [this, uri](const PresenceUpdate &update) {
                emit presenceChanged(uri, PresenceStatuses::name(update.status), update.note);
            });
    connect(subscription, &Subscription::documentRejected, this,
            [this, uri](const QString &reason) { emit presenceDocumentRejected(uri, reason); });
    connect(subscription, &Subscription::statusChanged, this,
            [this, uri](const SubscriptionStatus &status) {
                // Past its first exchange (answered, pending, failed): the next one may start.
                if (status.phase != SubscriptionPhase::Idle
                    && status.phase != SubscriptionPhase::Subscribing)
                    m_subscriptionStarts.done(uri);
                // The RFC 6665 reason (rejected, noresource, ...) when the notifier gave one.
                emit subscriptionStateChanged(uri, subscriptionPhaseName(status.phase),
                                              status.reason.isEmpty() ? status.error
                                                                      : status.reason);
            });
    connect(subscription, &Subscription::callIdChanged, this,
            [this, subscription] { m_subscriptionsByCallId.update(subscription); });
    connect(subscription, &Subscription::ended, this, [this, uri, subscription] {
        m_subscriptionsByCallId.remove(subscription);
        if (m_subscriptions.value(uri) == subscription) {
            m_subscriptions.remove(uri);
            m_subscriptionStarts.done(uri);
        }
        m_unsubscribes.done(uri);
        subscription->deleteLater();
        finishShutdownIfDone();
    });
    m_subscriptions.insert(uri, subscription);
    m_subscriptionStarts.submit(uri, [this, uri, subscription, params] {
        QString error;
        if (!subscription->subscribe(params, &error)) {
            m_subscriptions.remove(uri);
            m_subscriptionsByCallId.remove(subscription);
            subscription->deleteLater();
            m_subscriptionStarts.done(uri);
            emit subscriptionStateChanged(uri, QStringLiteral("terminated"), error);
        }
    });
}

void UserAgent::subscribeMessageSummary(const QString &uri)
{
    // RFC 3842: the voicemail indicator, by default for the account's own AOR.
    Account *account = defaultAccount();
    const QString target = uri.isEmpty() && account ? account->config.aor : uri;
    const QString key = QLatin1String(MessageSummary::EventPackage) + QLatin1Char(':') + target;
    if (!m_started || target.isEmpty() || m_subscriptions.contains(key)) {
        if (target.isEmpty())
            emit messageSummaryStateChanged(target, QStringLiteral("terminated"),
                                            QStringLiteral("no account: give a URI"));
        return;
    }
    const Endpoint destination = destinationForRequest(target, account);
    if (destination.isNull()) {
        emit messageSummaryStateChanged(target, QStringLiteral("terminated"),
                                        QStringLiteral("cannot resolve %1").arg(target));
        return;
    }
    Subscription::Settings settings;
    settings.event = MessageSummary::EventPackage;
    settings.accept = MessageSummary::ContentType;
    auto *subscription = new Subscription(
            *m_transactions,
            [this](const SipUri &next) {
                return destinationFor(qs(next.text()), TransportType::Udp);
            },
            settings, this);
    Subscription::Params params;
    params.targetUri = utf8(target);
    params.destination = destination;
    if (account) {
        params.fromUri = utf8(account->config.aor);
        params.displayName = utf8(account->config.displayName);
        params.contact = utf8(contactFor(*account));
        params.credentials = &account->credentials;
    } else {
        const Endpoint local
                = m_transports->listenerFor(destination.transport, destination.address);
        params.contact = utf8(contactForSocket(local, destination, QStringLiteral("parlo")));
        params.fromUri = params.contact.substr(0, params.contact.find(';'));
    }
    connect(subscription, &Subscription::notified, this,
            [this, target](const QString &contentType, const QByteArray &body) {
                QString error;
                const auto summary = contentType.compare(QLatin1String(MessageSummary::ContentType),
                                                         Qt::CaseInsensitive)
                                == 0
                        ? MessageSummary::parse(body, &error)
                        : std::nullopt;
                if (!summary) {
                    // Answered 200 all the same (RFC 6665 §4.1.3); the last good summary stays.
                    emit messageSummaryStateChanged(
                            target, QStringLiteral("active"),
                            error.isEmpty() ? QStringLiteral("unsupported body %1").arg(contentType)
                                            : error);
                    return;
                }
                emit messageSummaryChanged(target, summary->waiting, summary->voice.newMessages,
                                           summary->voice.oldMessages, summary->account);
            });
    connect(subscription, &Subscription::statusChanged, this,
            [this, target](const SubscriptionStatus &status) {
                emit messageSummaryStateChanged(target, subscriptionPhaseName(status.phase),
                                                status.reason.isEmpty() ? status.error
                                                                        : status.reason);
            });
    connect(subscription, &Subscription::callIdChanged, this,
            [this, subscription] { m_subscriptionsByCallId.update(subscription); });
    connect(subscription, &Subscription::ended, this, [this, key, subscription] {
        m_subscriptions.remove(key);
        m_subscriptionsByCallId.remove(subscription);
        m_unsubscribes.done(key);
        subscription->deleteLater();
        finishShutdownIfDone();
    });
    m_subscriptions.insert(key, subscription);
    QString error;
    if (!subscription->subscribe(params, &error)) {
        m_subscriptions.remove(key);
        m_subscriptionsByCallId.remove(subscription);
        subscription->deleteLater();
        emit messageSummaryStateChanged(target, QStringLiteral("terminated"), error);
    }
}

void UserAgent::unsubscribeMessageSummary(const QString &uri)
{
    Account *account = defaultAccount();
    const QString target = uri.isEmpty() && account ? account->config.aor : uri;
    const QString key = QLatin1String(MessageSummary::EventPackage) + QLatin1Char(':') + target;
    if (Subscription *subscription = m_subscriptions.value(key))
        unsubscribePaced(key, subscription);
}

void UserAgent::unsubscribePresence(const QString &uri)
{
    if (m_subscriptionStarts.withdraw(uri)) {
        // Never sent: nothing to end at the server.
        if (Subscription *subscription = m_subscriptions.take(uri))
            subscription->deleteLater();
        emit subscriptionStateChanged(uri, QStringLiteral("terminated"), {});
        return;
    }
    if (Subscription *subscription = m_subscriptions.value(uri))
        unsubscribePaced(uri, subscription);
}

void UserAgent::unsubscribePaced(const QString &key, Subscription *subscription)
{
    QPointer<Subscription> guard(subscription);
    m_unsubscribes.submit(key, [this, key, guard] {
        if (guard && !guard->isEnded()) {
            guard->unsubscribe(); // the ended() slot frees the place
            return;
        }
        m_unsubscribes.done(key);
    });
}

void UserAgent::publishPresence(const QString &statusName, const QString &note)
{
    Account *account = defaultAccount();
    PresenceStatus status;
    if (!PresenceStatuses::fromName(statusName, &status)) {
        emit publicationStateChanged(QStringLiteral("failed"), 0,
                                     QStringLiteral("unknown status '%1'").arg(statusName));
        return;
    }
    // Watchers of ours get it by NOTIFY (serverless); a server gets it by PUBLISH.
    m_ownStatus = statusName;
    m_ownNote = note;
    if (m_ownPresence)
        m_ownPresence->setPresence(status, note);
    if (!account || !m_started)
        return;
    if (!m_publication) {
        Publication::Params params;
        params.aor = utf8(account->config.aor);
        params.displayName = utf8(account->config.displayName);
        params.destination
                = account->registrar.isNull() ? registrarFor(*account) : account->registrar;
        params.credentials = &account->credentials;
        params.pidfContact = utf8(account->config.aor);
        m_publication = new Publication(*m_transactions, params, {}, this);
        connect(m_publication, &Publication::statusChanged, this,
                [this](const PublicationStatus &s) {
                    emit publicationStateChanged(publicationStateName(s.state), s.statusCode,
                                                 s.error);
                });
    }
    QString error;
    if (!m_publication->publish(status, note, &error))
        emit publicationStateChanged(QStringLiteral("failed"), 0, error);
}

void UserAgent::setAllowedWatchers(const QStringList &uris)
{
    m_allowedWatchers = uris;
    if (m_ownPresence)
        m_ownPresence->setAllowedWatchers(uris);
}

void UserAgent::setWatcherDecisions(const QMap<QString, bool> &decisions)
{
    m_watcherDecisions = decisions;
    if (m_ownPresence)
        m_ownPresence->setWatcherDecisions(decisions);
}

void UserAgent::authorizeWatcher(const QString &watcherUri, bool allow)
{
    m_watcherDecisions.insert(watcherUri, allow);
    if (m_ownPresence)
        m_ownPresence->authorize(watcherUri, allow);
}

void UserAgent::startOwnPresence()
{
    Notifier::Settings settings;
    settings.userAgent = utf8(m_config.userAgent);
    m_ownPresence = new OwnPresence(
            *m_transactions,
            [this](const SipUri &target) {
                return destinationFor(qs(target.text()), TransportType::Udp);
            },
            settings, this);
    m_ownPresence->setAllowedWatchers(m_allowedWatchers);
    m_ownPresence->setWatcherDecisions(m_watcherDecisions);
    PresenceStatus status = PresenceStatus::Available;
    PresenceStatuses::fromName(m_ownStatus, &status);
    m_ownPresence->setPresence(status, m_ownNote);
    connect(m_ownPresence, &OwnPresence::watcherRequest, this, &UserAgent::watcherRequest);
    connect(m_ownPresence, &OwnPresence::watcherChanged, this,
            [this](const PresenceWatcher &watcher) {
                emit watcherStateChanged(watcher.uri, watcherStateName(watcher.state),
                                         watcher.error.isEmpty() ? watcher.reason : watcher.error);
            });
    connect(m_ownPresence, &OwnPresence::allWatchersGone, this, [this] { finishShutdownIfDone(); });
}

void UserAgent::shutdown()
{
    // RFC 6665 §4.2.2: our watchers learn we are gone, rather than from a failed refresh.
    if (m_ownPresence)
        m_ownPresence->terminateAll(QStringLiteral("noresource"));
    // Subscriptions still waiting to start were never sent: dropped, not unsubscribed.
    for (const QString &uri : m_subscriptionStarts.withdrawAll()) {
        if (Subscription *subscription = m_subscriptions.take(uri))
            subscription->deleteLater();
    }
    // Paced like the initial SUBSCRIBEs; shutdownGrace bounds the wait for them.
    for (auto it = m_subscriptions.cbegin(); it != m_subscriptions.cend(); ++it)
        unsubscribePaced(it.key(), it.value());
    if (m_publication)
        m_publication->remove();
    for (InviteSession *call : std::as_const(m_calls))
        call->hangup();
    m_shuttingDown = true;
    for (const auto &account : std::as_const(m_accounts)) {
        account->keepAlive.cancel();
        if (account->registration)
            account->registration->stop();
    }
    finishShutdownIfDone();
    if (m_shuttingDown && m_clock) {
        // Bounded: an unreachable registrar must not keep the program from quitting.
        m_clock->startTimer(shutdownGrace, [this] {
            if (m_shuttingDown) {
                m_shuttingDown = false;
                emit shutdownComplete();
            }
        });
    }
}

void UserAgent::finishShutdownIfDone()
{
    if (!m_shuttingDown)
        return;
    for (const auto &account : std::as_const(m_accounts)) {
        if (account->registration
            && account->registration->status().state != RegistrationState::Unregistered
            && account->registration->status().state != RegistrationState::Failed)
            return;
    }
    if (m_ownPresence && m_ownPresence->watcherCount() > 0)
        return; // the terminated NOTIFYs are not answered yet
    if (m_unsubscribes.startingCount() > 0 || m_unsubscribes.waitingCount() > 0)
        return; // un-SUBSCRIBEs still in flight or waiting for a place
    m_shuttingDown = false;
    emit shutdownComplete();
}

} // namespace Sip
