// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Registration.h"

#include "message/SipUri.h"

#include <QPointer>
#include <QRandomGenerator>

#include <algorithm>

namespace Sip {

namespace {

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

// Where REGISTER goes (RFC 3261 §10.2: the Request-URI names the domain of the AOR).
QString registrarUri(const QString &aor)
{
    SipUri uri;
    const std::string text = aor.toStdString();
    if (!SipUri::parse(text, uri, nullptr))
        return {};
    return QString::fromStdString(SipUri::format(uri.scheme(), {}, uri.host(), uri.port()));
}

// Refresh before the binding runs out, leaving room for a slow server and a retry.
int refreshDelaySeconds(int expires)
{
    return expires >= 120 ? expires - 30 : std::max(1, expires / 2);
}

} // namespace

Registration::Registration(const AccountConfig &account, CredentialCache &credentials, Clock &clock,
                           RequestSender sender, ContactProvider contact, QObject *parent)
    : QObject(parent)
    , m_account(account)
    , m_clock(clock)
    , m_sender(std::move(sender))
    , m_contact(std::move(contact))
    , m_authenticator(credentials)
    , m_callId(randomToken(16))
    , m_fromTag(randomToken(8))
    , m_expires(account.expires > 0 ? account.expires : 600)
{
}

Registration::~Registration() = default;

void Registration::setStatus(RegistrationState state, int code, const QString &reason)
{
    m_status.state = state;
    m_status.code = code;
    m_status.reason = reason;
    if (state != RegistrationState::Failed)
        m_status.retryInSeconds = -1;
    if (state != RegistrationState::Registered)
        m_status.expires = state == RegistrationState::Unregistered ? 0 : m_status.expires;
    emit statusChanged(m_status);
}

void Registration::start()
{
    m_wantRegistered = true;
    m_failures = 0;
    m_authRounds = 0;
    m_authenticator.reset();
    m_timer.cancel();
    setStatus(RegistrationState::Registering, 0, {});
    sendRegister(m_expires);
}

void Registration::refreshNow()
{
    if (!m_wantRegistered)
        return;
    m_timer.cancel();
    m_authRounds = 0;
    setStatus(RegistrationState::Registering, 0, {});
    sendRegister(m_expires);
}

void Registration::stop()
{
    const bool wasBound = m_status.state == RegistrationState::Registered
        || m_status.state == RegistrationState::Registering;
    m_wantRegistered = false;
    m_timer.cancel();
    if (!wasBound) {
        ++m_generation;
        setStatus(RegistrationState::Unregistered, 0, {});
        emit stopped();
        return;
    }
    m_authRounds = 0;
    setStatus(RegistrationState::Unregistering, 0, {});
    sendRegister(0);
}

SipMessage Registration::buildRegister(int expires)
{
    const std::string requestUri = utf8(registrarUri(m_account.aor));
    SipMessage request = SipMessage::createRequest("REGISTER", requestUri);
    const std::string from = NameAddr::format(utf8(m_account.displayName), utf8(m_account.aor),
                                              "tag=" + utf8(m_fromTag));
    request.addHeader("Max-Forwards", "70");
    request.addHeader("From", from);
    request.addHeader("To", NameAddr::format({}, utf8(m_account.aor)));
    request.addHeader("Call-ID", utf8(m_callId));
    request.addHeader("CSeq", std::to_string(++m_cseq) + " REGISTER");
    // An unregister removes the binding registered before, even if the local address
    // has changed since.
    const QString contactUri = expires == 0 && !m_registeredContact.isEmpty() ? m_registeredContact
                                                                              : m_contact();
    std::string contact = "<" + utf8(contactUri) + ">";
    if (!m_account.instanceId.isEmpty()) {
        contact += ";+sip.instance=\"<" + utf8(m_account.instanceId) + ">\"";
        // RFC 5626 §4.2: reg-id only toward a registrar that does outbound.
        if (m_registrarSupportsOutbound)
            contact += ";reg-id=1";
    }
    request.addHeader("Contact", contact);
    request.addHeader("Expires", std::to_string(expires));
    request.addHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY, REFER, INFO");
    // Over TCP/TLS the flow is kept with RFC 5626 CRLF keep-alives, so outbound is offered.
    request.addHeader("Supported", m_account.transport == TransportType::Udp ? "path, gruu" : "path, gruu, outbound");
    if (!m_account.userAgent.isEmpty())
        request.addHeader("User-Agent", utf8(m_account.userAgent));
    request.setBody({}, {});
    if (expires > 0)
        m_registeredContact = contactUri;
    return request;
}

void Registration::sendRegister(int expires)
{
    const quint64 generation = ++m_generation;
    auto send = [this, expires, generation] {
        if (generation != m_generation)
            return;
        SipMessage request = buildRegister(expires);
        // A challenge answered before, for this or another request of the account.
        m_authenticator.preauthorize(request);
        m_sender(request, [this, request, expires, generation](const SipMessage &response) {
            if (generation == m_generation)
                handleResponse(request, response, expires);
        });
    };
    if (!m_prepareFlow) {
        send();
        return;
    }
    QPointer<Registration> self(this);
    m_prepareFlow([self, send] {
        if (self)
            send();
    });
}

void Registration::handleResponse(const SipMessage &request, const SipMessage &response,
                                  int requestedExpires)
{
    const int code = response.statusCode();
    const QString reason = QString::number(code) + QLatin1Char(' ')
        + QString::fromUtf8(response.reasonPhrase().data(), static_cast<qsizetype>(response.reasonPhrase().size()));

    if (code >= 200 && code < 300) {
        m_authenticator.reset();
        m_authRounds = 0;
        m_failures = 0;
        if (requestedExpires == 0) {
            m_registeredContact.clear();
            setStatus(RegistrationState::Unregistered, code, {});
            emit stopped();
            return;
        }
        registered(response, requestedExpires);
        return;
    }
    if (code == 401 || code == 407) {
        SipMessage retry;
        QString why;
        // Three rounds cover a proxy challenge, a registrar challenge and one stale nonce.
        const auto outcome = ++m_authRounds > 3 ? RequestAuthenticator::Outcome::WrongCredentials
                                                : m_authenticator.answer(request, response, retry, &why);
        if (outcome == RequestAuthenticator::Outcome::Retry) {
            retry.setHeader("CSeq", std::to_string(++m_cseq) + " REGISTER");
            const quint64 generation = ++m_generation;
            m_sender(retry, [this, retry, requestedExpires, generation](const SipMessage &next) {
                if (generation == m_generation)
                    handleResponse(retry, next, requestedExpires);
            });
            return;
        }
        // A wrong password is reported once and not retried: the user has to fix it.
        failed(code, why.isEmpty() ? reason : why, false);
        return;
    }
    if (code == 423 && requestedExpires > 0) {
        // RFC 3261 §10.2.8: ask again with at least Min-Expires.
        const int64_t minimum = response.minExpires();
        if (minimum > requestedExpires && minimum <= 86400) {
            m_expires = static_cast<int>(minimum);
            sendRegister(m_expires);
            return;
        }
        failed(code, reason + QStringLiteral(" without a usable Min-Expires"), false);
        return;
    }
    if (requestedExpires == 0) {
        // Unregistering failed; the binding will expire on its own.
        setStatus(RegistrationState::Unregistered, code, reason);
        emit stopped();
        return;
    }
    // 403/404 and other definite refusals are not retried; timeouts, transport errors
    // and 5xx are, with back-off (Retry-After when the server gives one).
    const bool permanent = code == 403 || code == 404 || code == 400 || code == 420;
    int retryAfter = -1;
    const std::string_view retryHeader = response.header("Retry-After");
    if (!retryHeader.empty()) {
        bool ok = false;
        const int value = QString::fromLatin1(retryHeader.data(), static_cast<qsizetype>(retryHeader.size()))
                              .section(QLatin1Char(' '), 0, 0)
                              .toInt(&ok);
        if (ok && value > 0)
            retryAfter = std::min(value, maxRetrySeconds * 4);
    }
    failed(code, reason, !permanent, retryAfter);
}

void Registration::registered(const SipMessage &response, int requestedExpires)
{
    auto names = [](std::span<const std::string_view> tags) {
        return std::any_of(tags.begin(), tags.end(), [](std::string_view t) { return t == "outbound"; });
    };
    m_registrarSupportsOutbound = names(response.supported()) || names(response.require());
    // The granted expiry: our Contact's expires param, else Expires, else what we asked.
    int64_t granted = -1;
    for (const Contact &c : response.contacts()) {
        if (!c.isStar() && QString::fromStdString(std::string(c.uri().text())) == m_registeredContact)
            granted = c.expires();
    }
    if (granted < 0 && response.contacts().size() == 1)
        granted = response.contacts()[0].expires();
    if (granted < 0)
        granted = response.expires();
    if (granted < 0)
        granted = requestedExpires;
    m_status.expires = static_cast<int>(std::clamp<int64_t>(granted, 1, 86400));
    setStatus(RegistrationState::Registered, response.statusCode(), {});
    m_timer.start(m_clock, std::chrono::seconds(refreshDelaySeconds(m_status.expires)),
                  [this] { refreshNow(); });
}

void Registration::failed(int code, const QString &reason, bool retry, int retryAfterSeconds)
{
    if (!retry || !m_wantRegistered) {
        m_status.retryInSeconds = -1;
        setStatus(RegistrationState::Failed, code, reason);
        return;
    }
    const int backoff = std::min(maxRetrySeconds, firstRetrySeconds << std::min(m_failures, 10));
    ++m_failures;
    const int delay = retryAfterSeconds > 0 ? retryAfterSeconds : backoff;
    m_status.retryInSeconds = delay;
    setStatus(RegistrationState::Failed, code, reason);
    m_timer.start(m_clock, std::chrono::seconds(delay), [this] {
        m_authRounds = 0;
        m_authenticator.reset();
        setStatus(RegistrationState::Registering, m_status.code, m_status.reason);
        sendRegister(m_expires);
    });
}

} // namespace Sip
