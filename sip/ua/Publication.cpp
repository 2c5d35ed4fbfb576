// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Publication.h"

#include "PresenceSupport.h"
#include "RequestAuthenticator.h"
#include "auth/CredentialCache.h"
#include "transaction/TransactionMessages.h"

#include <QPointer>

#include <algorithm>

namespace Sip {

using PresenceSupport::qs;

namespace {

// Failures a later PUBLISH may get past (RFC 3261 §21: timeouts, 480, 5xx).
bool isTransient(int code)
{
    switch (code) {
    case 408:
    case 480:
    case 486:
    case 491:
        return true;
    case 501:
    case 505:
    case 513:
        return false;
    default:
        return code >= 500 && code < 600;
    }
}

} // namespace

// One PUBLISH, across its authentication retries.
struct Publication::Attempt
{
    Kind kind = Kind::Initial;
    int expires = 0;
    std::unique_ptr<RequestAuthenticator> auth;
    int authRounds = 0;
    quint64 generation = 0;
};

Publication::Publication(TransactionLayer &layer, Params params, QObject *parent)
    : Publication(layer, std::move(params), Settings(), parent)
{
}

Publication::Publication(TransactionLayer &layer, Params params, Settings settings,
                         QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_params(std::move(params))
    , m_settings(std::move(settings))
    , m_callId(newTag() + newTag())
    , m_fromTag(newTag())
{
    m_settings.expires = std::max(m_settings.expires, 1);
    m_settings.firstRetry = std::max(m_settings.firstRetry, std::chrono::seconds(1));
    m_settings.maxRetry = std::max(m_settings.maxRetry, m_settings.firstRetry);
    m_expires = m_settings.expires;
}

Publication::~Publication() = default;

// ---- status ------------------------------------------------------------------------------

void Publication::setStatus(const PublicationStatus &status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged(m_status);
}

void Publication::setState(PublicationState state, int code, const QString &error)
{
    PublicationStatus next;
    next.state = state;
    next.statusCode = code;
    next.error = error;
    next.etag = qs(m_etag);
    next.expires = m_etag.empty() || !m_expiresAt ? 0 : m_status.expires;
    next.retryInSeconds = -1;
    setStatus(next);
}

void Publication::clearEtag()
{
    m_etag.clear();
    m_expiresAt.reset();
    m_refreshTimer.cancel();
}

// ---- public ------------------------------------------------------------------------------

bool Publication::publish(PresenceStatus status, const QString &note, QString *error)
{
    PresenceDocument::OwnOptions options;
    options.contact = qs(m_params.pidfContact);
    return publish(PresenceDocument::forOwnStatus(qs(m_params.aor), status, note, options), error);
}

bool Publication::publish(const PresenceDocument &document, QString *error)
{
    return publish(PresenceDocument::ContentType, document.toXml(), error);
}

bool Publication::publish(const std::string &contentType, const QByteArray &body, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    std::string problem;
    if (SipMessage::createRequest("PUBLISH", m_params.aor, &problem).isNull())
        return fail(QStringLiteral("invalid AOR %1: %2").arg(qs(m_params.aor), qs(problem)));
    if (m_params.destination.isNull())
        return fail(QStringLiteral("no destination for PUBLISH"));
    if (body.isEmpty() || contentType.empty())
        return fail(QStringLiteral("nothing to publish"));
    SipMessage probe = SipMessage::createResponse(200, "OK");
    if (!probe.setBody(contentType, std::string_view(body.constData(), size_t(body.size())), &problem))
        return fail(QStringLiteral("bad content type: %1").arg(qs(problem)));

    m_contentType = contentType;
    m_body = body;
    m_bodySent = false;
    m_wantPublished = true;
    if (m_inFlight) {
        m_dirty = true; // §4.1: after the PUBLISH on its way
        return true;
    }
    m_retryTimer.cancel();
    next();
    return true;
}

void Publication::remove()
{
    m_wantPublished = false;
    m_retryTimer.cancel();
    if (m_inFlight) {
        m_dirty = true;
        return;
    }
    next();
}

void Publication::refreshNow()
{
    if (!m_wantPublished)
        return;
    m_retryTimer.cancel();
    if (m_inFlight)
        return;
    if (!m_etag.empty()) {
        send(Kind::Refresh);
        return;
    }
    m_bodySent = false;
    next();
}

// ---- sending -----------------------------------------------------------------------------

void Publication::next()
{
    if (m_inFlight) {
        m_dirty = true;
        return;
    }
    m_dirty = false;
    if (!m_wantPublished) {
        if (!m_etag.empty()) {
            send(Kind::Remove);
            return;
        }
        m_refreshTimer.cancel();
        m_retryTimer.cancel();
        if (m_status.state != PublicationState::Unpublished)
            setState(PublicationState::Unpublished);
        return;
    }
    if (m_bodySent && !m_etag.empty())
        return; // the ESC has it
    send(m_etag.empty() ? Kind::Initial : Kind::Modify);
}

void Publication::send(Kind kind)
{
    auto attempt = std::make_shared<Attempt>();
    attempt->kind = kind;
    attempt->expires = kind == Kind::Remove ? 0 : m_expires;
    attempt->generation = ++m_generation;
    if (m_params.credentials)
        attempt->auth = std::make_unique<RequestAuthenticator>(*m_params.credentials);

    std::string problem;
    SipMessage request = SipMessage::createRequest("PUBLISH", m_params.aor, &problem);
    bool ok = !request.isNull() && request.addHeader("Max-Forwards", "70", &problem)
            && request.addHeader("From",
                                 NameAddr::format(m_params.displayName, m_params.aor,
                                                  "tag=" + m_fromTag),
                                 &problem)
            && request.addHeader("To", NameAddr::format(m_params.displayName, m_params.aor),
                                 &problem)
            && request.addHeader("Call-ID", m_callId, &problem)
            && request.addHeader("CSeq", std::to_string(++m_cseq) + " PUBLISH", &problem)
            && request.addHeader("Event", m_settings.event, &problem)
            && request.addHeader("Expires", std::to_string(attempt->expires), &problem);
    // §4.2, §4.4, §4.5: refresh, modify and remove name the state by its entity-tag.
    if (ok && kind != Kind::Initial)
        ok = request.addHeader("SIP-If-Match", m_etag, &problem);
    if (ok && !m_settings.userAgent.empty())
        ok = request.addHeader("User-Agent", m_settings.userAgent, &problem);
    for (const auto &[name, value] : m_params.extraHeaders) {
        if (ok)
            ok = request.addHeader(name, value, &problem);
    }
    // §4.1 / §4.4: initial and modify carry the state; refresh and remove carry none.
    if (ok) {
        if (kind == Kind::Initial || kind == Kind::Modify)
            ok = request.setBody(m_contentType,
                                 std::string_view(m_body.constData(), size_t(m_body.size())),
                                 &problem);
        else
            ok = request.setBody({}, {}, &problem);
    }
    if (!ok) {
        setState(PublicationState::Failed, 0,
                 QStringLiteral("cannot build the PUBLISH: %1").arg(qs(problem)));
        emit errorOccurred(0, m_status.error);
        return;
    }

    if (attempt->auth)
        attempt->auth->preauthorize(request); // after the body: qop=auth-int hashes it
    if (kind == Kind::Initial || kind == Kind::Modify)
        m_bodySent = true;
    if (kind == Kind::Remove)
        setState(PublicationState::Removing);
    else if (kind != Kind::Refresh)
        setState(PublicationState::Publishing);
    if (!transmit(request, attempt)) {
        setState(PublicationState::Failed, 0, QStringLiteral("cannot send the PUBLISH"));
        emit errorOccurred(0, m_status.error);
    }
}

bool Publication::transmit(const SipMessage &request, const std::shared_ptr<Attempt> &attempt)
{
    QPointer<Publication> self(this);
    std::string problem;
    const ClientTransactionHandle tx = m_layer.sendRequest(
            request, m_params.destination,
            [self, request, attempt](const ClientEvent &event) {
                if (self)
                    self->onEvent(event, request, attempt);
            },
            &problem);
    m_inFlight = bool(tx);
    if (!tx)
        qWarning("Publication: PUBLISH refused: %s", problem.c_str());
    return bool(tx);
}

// ---- responses ---------------------------------------------------------------------------

void Publication::onEvent(const ClientEvent &event, const SipMessage &request,
                          const std::shared_ptr<Attempt> &attempt)
{
    if (event.type == ClientEvent::Type::Terminated || event.isProvisional())
        return;
    if (attempt->generation != m_generation)
        return;
    m_inFlight = false;
    const SipMessage &response = event.response;
    const int code = event.statusCode();
    const QString text = PresenceSupport::statusText(response);

    if (code >= 200 && code < 300) {
        onSuccess(response, attempt);
        return;
    }
    if (code == 401 || code == 407) {
        QString why;
        if (event.type == ClientEvent::Type::Response && attempt->auth
            && attempt->authRounds < m_settings.maxAuthRounds) {
            SipMessage retry;
            if (attempt->auth->answer(request, response, retry, &why)
                == RequestAuthenticator::Outcome::Retry) {
                ++attempt->authRounds;
                // RFC 3261 §22.2: the same request, CSeq + 1, with the credentials.
                retry.setHeader("CSeq", std::to_string(++m_cseq) + " PUBLISH");
                if (transmit(retry, attempt))
                    return;
                why = QStringLiteral("cannot send the PUBLISH");
            }
        } else {
            why = text + (attempt->auth ? QStringLiteral(": too many authentication rounds")
                                        : QStringLiteral(" (no credentials)"));
        }
        onFailure(response, why.isEmpty() ? text : why, false, attempt);
        return;
    }
    if (code == 412) {
        // §4.1.1 / §6 step 4: the ESC does not know our entity-tag (expired, restarted).
        clearEtag();
        if (attempt->kind == Kind::Remove) {
            setState(PublicationState::Unpublished, code);
            next(); // a publish() that came meanwhile
            return;
        }
        if (attempt->kind == Kind::Initial) {
            onFailure(response, text + QStringLiteral(" to a PUBLISH without SIP-If-Match"),
                      false, attempt);
            return;
        }
        // Publish afresh: the whole state, no SIP-If-Match.
        m_bodySent = false;
        next();
        return;
    }
    if (code == 423 && attempt->kind != Kind::Remove) {
        // §4.1.1: the ESC wants a longer interval: Min-Expires.
        const int64_t minimum = response.minExpires();
        if (minimum > attempt->expires && minimum <= 7 * 86400) {
            m_expires = int(minimum);
            if (attempt->kind == Kind::Refresh && !m_etag.empty()) {
                send(Kind::Refresh);
            } else {
                m_bodySent = false;
                next();
            }
            return;
        }
        onFailure(response, text + QStringLiteral(" without a usable Min-Expires"), false, attempt);
        return;
    }
    if (code == 489) {
        onFailure(response,
                  QStringLiteral("%1: the server does not support the \"%2\" event package")
                          .arg(text, qs(m_settings.event)),
                  false, attempt);
        return;
    }
    onFailure(response, text, isTransient(code), attempt);
}

void Publication::onSuccess(const SipMessage &response, const std::shared_ptr<Attempt> &attempt)
{
    m_failures = 0;
    const int code = response.statusCode();
    if (attempt->kind == Kind::Remove) {
        clearEtag();
        setState(PublicationState::Unpublished, code);
        next(); // a publish() that came meanwhile
        return;
    }
    // §4.1 / §11.3.1: the 2xx carries the new entity-tag and the Expires granted.
    m_etag = std::string(response.sipETag());
    int64_t granted = response.expires();
    if (granted < 0)
        granted = attempt->expires;
    granted = std::min<int64_t>(granted, 7 * 86400);
    if (m_etag.empty() || granted <= 0) {
        // Nothing we can refresh: the next change goes out as an initial PUBLISH.
        clearEtag();
        m_bodySent = false;
        setState(PublicationState::Published, code,
                 m_etag.empty() ? QStringLiteral("no SIP-ETag in the %1").arg(code) : QString());
        if (m_dirty)
            next();
        return;
    }
    m_expiresAt = m_layer.clock().now() + std::chrono::seconds(granted);
    m_refreshTimer.start(m_layer.clock(), PresenceSupport::refreshDelay(int(granted)), [this] {
        if (m_inFlight || !m_wantPublished)
            return;
        send(m_etag.empty() ? Kind::Initial : Kind::Refresh);
    });
    PublicationStatus next;
    next.state = PublicationState::Published;
    next.statusCode = code;
    next.etag = qs(m_etag);
    next.expires = int(granted);
    setStatus(next);
    if (m_dirty)
        this->next();
}

void Publication::onFailure(const SipMessage &response, const QString &why, bool transient,
                            const std::shared_ptr<Attempt> &attempt)
{
    const int code = response.statusCode();
    emit errorOccurred(code, why);
    if (attempt->kind == Kind::Remove) {
        // The state expires at the ESC on its own; there is nothing to retry.
        clearEtag();
        setState(PublicationState::Unpublished, code, why);
        next();
        return;
    }
    if (m_dirty && !m_wantPublished) {
        next(); // remove() came meanwhile
        return;
    }
    m_dirty = false;
    if (!transient) {
        clearEtag();
        m_bodySent = false;
        m_wantPublished = false;
        setState(PublicationState::Failed, code, why);
        return;
    }
    const int retryAfter = PresenceSupport::retryAfterSeconds(response);
    const std::chrono::seconds delay = retryAfter > 0
            ? std::chrono::seconds(retryAfter)
            : PresenceSupport::backoff(m_failures++, m_settings.firstRetry, m_settings.maxRetry);
    PublicationStatus next;
    next.state = PublicationState::Failed;
    next.statusCode = code;
    next.error = why;
    next.etag = qs(m_etag);
    next.expires = m_status.expires;
    next.retryInSeconds = int(delay.count());
    setStatus(next);
    m_retryTimer.start(m_layer.clock(), delay, [this] {
        // The state at the ESC is unknown: send it whole (with SIP-If-Match when we have
        // an entity-tag; a 412 then starts afresh).
        m_bodySent = false;
        this->next();
    });
}

} // namespace Sip
