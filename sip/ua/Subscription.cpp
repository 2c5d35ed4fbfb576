// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Subscription.h"

#include "PresenceSupport.h"
#include "RequestAuthenticator.h"
#include "auth/CredentialCache.h"
#include "dialog/RouteSet.h"
#include "message/TextUtil.h"
#include "transaction/TransactionMessages.h"

#include <QPointer>

#include <algorithm>

namespace Sip {

using namespace std::chrono_literals;
using PresenceSupport::qs;

namespace {

// Failures after which a new subscription may well succeed (RFC 6665 §4.1.2.2: 481 and
// timeouts; RFC 3261 §21: 480, 486, 5xx are temporary). The synthetic 408 and 503 of a
// timeout and a transport error land here too.
bool isTransient(int code)
{
    switch (code) {
    case 408:
    case 480:
    case 481:
    case 486:
    case 491:
        return true;
    case 501: // Not Implemented
    case 505: // Version Not Supported
    case 513: // Message Too Large
        return false;
    default:
        return code >= 500 && code < 600;
    }
}

QString lower(const QString &text)
{
    return text.toLower();
}

} // namespace

// One SUBSCRIBE we send, across its authentication and 423 retries.
struct Subscription::Attempt
{
    std::unique_ptr<RequestAuthenticator> auth;
    int authRounds = 0;
    int expires = 0; // the Expires asked for
    quint64 generation = 0; // the subscription it belongs to
    bool unsubscribe = false;
};

Subscription::Subscription(TransactionLayer &layer, Resolver resolver, QObject *parent)
    : Subscription(layer, std::move(resolver), Settings(), parent)
{
}

Subscription::Subscription(TransactionLayer &layer, Resolver resolver, Settings settings,
                           QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_sender(layer, std::move(resolver))
    , m_settings(std::move(settings))
{
    m_settings.expires = std::max(m_settings.expires, 1);
    m_settings.firstRetry = std::max(m_settings.firstRetry, std::chrono::seconds(1));
    m_settings.maxRetry = std::max(m_settings.maxRetry, m_settings.firstRetry);
    m_expires = m_settings.expires;
}

Subscription::~Subscription() = default;

// ---- status ------------------------------------------------------------------------------

void Subscription::setStatus(const SubscriptionStatus &status)
{
    if (status == m_status)
        return;
    m_status = status;
    emit statusChanged(m_status);
}

void Subscription::setPhase(SubscriptionPhase phase, int code, const QString &error)
{
    SubscriptionStatus next = m_status;
    next.phase = phase;
    next.statusCode = code;
    next.error = error;
    next.reason.clear();
    next.retryInSeconds = -1;
    setStatus(next);
}

void Subscription::stop(int code, const QString &error, const QString &reason)
{
    m_refreshTimer.cancel();
    m_retryTimer.cancel();
    m_timerN.cancel();
    ++m_generation; // late answers to our requests change nothing now
    m_initialPending = false;
    if (m_dialog)
        m_dialog->terminate(); // further NOTIFYs get 481
    m_expiresAt.reset();
    SubscriptionStatus next = m_status;
    next.phase = SubscriptionPhase::Terminated;
    next.statusCode = code;
    next.error = error;
    next.reason = reason;
    next.expires = 0;
    next.retryInSeconds = -1;
    setStatus(next);
    maybeEnd();
}

void Subscription::scheduleRetry(std::chrono::seconds delay, int code, const QString &error,
                                 const QString &reason)
{
    m_refreshTimer.cancel();
    m_timerN.cancel();
    ++m_generation;
    m_initialPending = false;
    if (m_dialog)
        m_dialog->terminate();
    m_expiresAt.reset();
    SubscriptionStatus next = m_status;
    next.phase = SubscriptionPhase::Retrying;
    next.statusCode = code;
    next.error = error;
    next.reason = reason;
    next.expires = 0;
    next.retryInSeconds = int(delay.count());
    setStatus(next);
    m_retryTimer.start(m_layer.clock(), delay, [this] {
        QString why;
        if (!startSubscription(&why))
            stop(0, why);
    });
}

std::chrono::seconds Subscription::nextBackoff()
{
    // A subscription that was up for a while resets the count: this is a new problem.
    if (m_dialog && m_layer.clock().now() - m_startedAt >= m_settings.stableAfter)
        m_failures = 0;
    return PresenceSupport::backoff(m_failures++, m_settings.firstRetry, m_settings.maxRetry);
}

std::chrono::seconds Subscription::nextImmediate()
{
    if (m_dialog && m_layer.clock().now() - m_startedAt >= m_settings.stableAfter)
        m_failures = 0;
    if (m_failures == 0) {
        ++m_failures;
        return 0s;
    }
    return PresenceSupport::backoff(m_failures++ - 1, m_settings.firstRetry, m_settings.maxRetry);
}

void Subscription::maybeEnd()
{
    if (m_ended || m_endScheduled || m_status.phase != SubscriptionPhase::Terminated)
        return;
    m_endScheduled = true;
    m_endTimer.start(m_layer.clock(), 0ms, [this] {
        m_ended = true;
        emit ended();
    });
}

// ---- initial SUBSCRIBE -------------------------------------------------------------------

bool Subscription::subscribe(const Params &params, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_started)
        return fail(QStringLiteral("the subscription is already in use"));
    if (params.fromUri.empty())
        return fail(QStringLiteral("no From URI"));
    if (params.contact.empty())
        return fail(QStringLiteral("no Contact"));
    std::string problem;
    if (SipMessage::createRequest("SUBSCRIBE", params.targetUri, &problem).isNull())
        return fail(QStringLiteral("invalid target %1: %2").arg(qs(params.targetUri), qs(problem)));
    m_params = params;
    if (m_params.destination.isNull()) {
        const auto resolved = m_sender.resolve(params.targetUri, &problem);
        if (!resolved)
            return fail(QStringLiteral("cannot resolve %1: %2").arg(qs(params.targetUri), qs(problem)));
        m_params.destination = *resolved;
    }
    if (!startSubscription(error))
        return false;
    m_started = true;
    return true;
}

bool Subscription::startSubscription(QString *error)
{
    // RFC 6665 §4.1.2.4 / §4.1.3: a new subscription is a new dialog: new Call-ID, new tag.
    m_retryTimer.cancel();
    m_refreshTimer.cancel();
    m_timerN.cancel();
    ++m_generation;
    if (m_dialog)
        m_dialog->terminate();
    m_dialog.reset();
    m_callId = newTag() + newTag();
    m_fromTag = newTag();
    emit callIdChanged();
    m_cseq = 0;
    m_notified = false;
    m_unsubscribeSent = false;
    m_expiresAt.reset();
    m_startedAt = m_layer.clock().now();

    SipMessage request = buildInitial(m_expires, error);
    if (request.isNull())
        return false;
    auto attempt = std::make_shared<Attempt>();
    attempt->generation = m_generation;
    attempt->expires = m_expires;
    if (m_params.credentials) {
        attempt->auth = std::make_unique<RequestAuthenticator>(*m_params.credentials);
        attempt->auth->preauthorize(request);
    }
    std::string problem;
    if (!transmitInitial(request, attempt, &problem)) {
        if (error)
            *error = QStringLiteral("cannot send the SUBSCRIBE: %1").arg(qs(problem));
        return false;
    }
    SubscriptionStatus next = m_status;
    next.phase = SubscriptionPhase::Subscribing;
    next.statusCode = 0;
    next.error.clear();
    next.reason.clear();
    next.expires = 0;
    next.retryInSeconds = -1;
    setStatus(next);
    return true;
}

SipMessage Subscription::buildInitial(int expires, QString *error)
{
    std::string problem;
    SipMessage request = SipMessage::createRequest("SUBSCRIBE", m_params.targetUri, &problem);
    bool ok = !request.isNull()
            && request.addHeader("Max-Forwards", "70", &problem)
            && request.addHeader("From",
                                 NameAddr::format(m_params.displayName, m_params.fromUri,
                                                  "tag=" + m_fromTag),
                                 &problem)
            && request.addHeader("To", NameAddr::format({}, m_params.targetUri), &problem)
            && request.addHeader("Call-ID", m_callId, &problem)
            && request.addHeader("CSeq", std::to_string(++m_cseq) + " SUBSCRIBE", &problem)
            && request.addHeader("Contact", NameAddr::format({}, m_params.contact), &problem);
    for (const auto &[name, value] : m_params.extraHeaders) {
        if (ok)
            ok = request.addHeader(name, value, &problem);
    }
    if (!ok) {
        if (error)
            *error = QStringLiteral("cannot build the SUBSCRIBE: %1").arg(qs(problem));
        return {};
    }
    addCommonHeaders(request, expires);
    return request;
}

void Subscription::addCommonHeaders(SipMessage &request, int expires) const
{
    // RFC 6665 §4.1.2.1: Event (§8.2.1), Expires, and Accept for the bodies we take.
    request.setHeader("Event", m_settings.event);
    if (!m_settings.accept.empty())
        request.setHeader("Accept", m_settings.accept);
    request.setHeader("Expires", std::to_string(expires));
    if (!m_settings.allow.empty())
        request.setHeader("Allow", m_settings.allow);
    if (!m_settings.userAgent.empty())
        request.setHeader("User-Agent", m_settings.userAgent);
    request.setBody({}, {});
}

bool Subscription::transmitInitial(const SipMessage &request,
                                   const std::shared_ptr<Attempt> &attempt, std::string *error)
{
    QPointer<Subscription> self(this);
    const ClientTransactionHandle tx = m_layer.sendRequest(
            request, m_params.destination,
            [self, request, attempt](const ClientEvent &event) {
                if (self)
                    self->onInitialEvent(event, request, attempt);
            },
            error);
    if (!tx)
        return false;
    m_initial = request;
    m_initialPending = true;
    startTimerN();
    return true;
}

void Subscription::startTimerN()
{
    // RFC 6665 §4.1.2.4: Timer N (64*T1) - no NOTIFY by then, and the subscription failed.
    m_timerN.start(m_layer.clock(), 64 * m_layer.timerSettings().t1, [this] {
        if (m_wantUnsubscribe) {
            stop(0, {}); // no final NOTIFY came; we are done all the same
            return;
        }
        scheduleRetry(nextBackoff(), 408,
                      QStringLiteral("no NOTIFY within 64*T1 of the SUBSCRIBE (RFC 6665 Timer N)"));
    });
}

void Subscription::onInitialEvent(const ClientEvent &event, const SipMessage &request,
                                  const std::shared_ptr<Attempt> &attempt)
{
    if (event.type == ClientEvent::Type::Terminated || event.isProvisional())
        return;
    if (attempt->generation != m_generation)
        return; // an earlier subscription's answer
    m_initialPending = false;
    const SipMessage &response = event.response;
    const int code = event.statusCode();

    if (code >= 200 && code < 300) {
        // 200 (or the RFC 3265 202): the subscription exists; the NOTIFY follows (§4.1.2.1).
        bool ours = true;
        if (!m_dialog)
            createDialogFromResponse(request, response);
        else if (DialogId::forIncomingResponse(response) == m_dialog->id())
            m_dialog->handleResponse(response);
        else
            ours = false; // another fork's 2xx; the first NOTIFY made our dialog
        // The initial SUBSCRIBE was kept to build the dialog from a NOTIFY overtaking the
        // 2xx; with the dialog made, it is only memory (a parsed message is about 8 KB, for
        // each watched contact).
        if (m_dialog)
            m_initial = SipMessage();
        if (m_wantUnsubscribe) {
            if (!m_unsubscribeSent)
                sendUnsubscribe();
            return;
        }
        if (ours)
            granted(response, attempt->expires);
        return;
    }
    if (m_dialog && !m_dialog->isTerminated())
        return; // a NOTIFY already made the subscription; a fork's failure changes nothing

    if (code == 401 || code == 407) {
        SipMessage retry;
        QString why;
        if (answerChallenge(event, request, attempt, retry, &why)) {
            // RFC 3261 §22.2: the same request again, CSeq + 1, with the credentials.
            retry.setHeader("CSeq", std::to_string(++m_cseq) + " SUBSCRIBE");
            std::string problem;
            if (!transmitInitial(retry, attempt, &problem))
                stop(503, qs(problem));
            return;
        }
        stop(code, why);
        return;
    }
    if (code == 423 && attempt->expires > 0 && !m_wantUnsubscribe) {
        // RFC 6665 §4.1.2.1 / RFC 3261 §10.2.8: ask again for at least Min-Expires.
        const int64_t minimum = response.minExpires();
        if (minimum > attempt->expires && minimum <= 7 * 86400) {
            m_expires = int(minimum);
            attempt->expires = m_expires;
            QString why;
            const SipMessage again = buildInitial(m_expires, &why);
            std::string problem;
            if (again.isNull() || !transmitInitial(again, attempt, &problem))
                stop(code, why.isEmpty() ? qs(problem) : why);
            return;
        }
        stop(code, PresenceSupport::statusText(response)
                     + QStringLiteral(" without a usable Min-Expires"));
        return;
    }
    failed(response);
}

bool Subscription::createDialogFromResponse(const SipMessage &request, const SipMessage &response)
{
    std::string why;
    std::optional<Dialog> dialog = Dialog::createUac(request, response, &why);
    if (!dialog) {
        qWarning("Subscription: no dialog from the %d: %s", response.statusCode(), why.c_str());
        return false;
    }
    dialog->setLocalContact(m_params.contact);
    m_dialog = std::make_shared<Dialog>(std::move(*dialog));
    return true;
}

bool Subscription::createDialogFromNotify(const SipMessage &notify)
{
    // RFC 6665 §4.1.2.4: a NOTIFY that overtakes the 2xx creates the dialog. It is our
    // (UAC) dialog of the SUBSCRIBE, as if the NOTIFY were the 2xx: remote tag = its From
    // tag, remote target = its Contact, route set = its Record-Route in order (§12.1.1:
    // a request received). Built through a stand-in 2xx whose Record-Route is reversed,
    // since createUac() reverses a response's (§12.1.2).
    SipMessage standIn = SipMessage::createResponse(200, "OK");
    const std::string to = std::string(m_initial.header("To")) + ";tag="
            + std::string(notify.from()->tag());
    bool ok = standIn.addHeader("From", m_initial.header("From"))
            && standIn.addHeader("To", to) && standIn.addHeader("Call-ID", m_initial.callId())
            && standIn.addHeader("CSeq", m_initial.header("CSeq"));
    const RouteSet routes = RouteSet::fromRequest(notify);
    for (auto it = routes.entries().rbegin(); ok && it != routes.entries().rend(); ++it)
        ok = standIn.addHeader("Record-Route", it->value);
    if (!notify.header("Contact").empty() && ok)
        ok = standIn.addHeader("Contact", notify.header("Contact"));
    if (!ok || !createDialogFromResponse(m_initial, standIn))
        return false;
    const Dialog::RequestCheck check = m_dialog->handleRequest(notify); // CSeq, target
    return check.accepted();
}

// ---- in-dialog SUBSCRIBE ---------------------------------------------------------------------

void Subscription::sendRefresh(int expires)
{
    if (!m_dialog || m_dialog->isTerminated() || m_wantUnsubscribe)
        return;
    std::string problem;
    SipMessage request = m_dialog->createRequest("SUBSCRIBE", &problem);
    if (request.isNull()) {
        scheduleRetry(nextBackoff(), 0, QStringLiteral("cannot refresh: %1").arg(qs(problem)));
        return;
    }
    addCommonHeaders(request, expires);
    auto attempt = std::make_shared<Attempt>();
    attempt->generation = m_generation;
    attempt->expires = expires;
    if (m_params.credentials) {
        attempt->auth = std::make_unique<RequestAuthenticator>(*m_params.credentials);
        attempt->auth->preauthorize(request);
    }
    sendInDialog(request, attempt);
}

void Subscription::sendUnsubscribe()
{
    // RFC 6665 §4.1.2.3: a SUBSCRIBE with Expires: 0; the notifier answers with a final
    // NOTIFY (terminated).
    m_refreshTimer.cancel();
    if (!m_dialog || m_dialog->isTerminated()) {
        stop(0, {});
        return;
    }
    std::string problem;
    SipMessage request = m_dialog->createRequest("SUBSCRIBE", &problem);
    if (request.isNull()) {
        stop(0, {});
        return;
    }
    addCommonHeaders(request, 0);
    auto attempt = std::make_shared<Attempt>();
    attempt->generation = m_generation;
    attempt->expires = 0;
    attempt->unsubscribe = true;
    if (m_params.credentials) {
        attempt->auth = std::make_unique<RequestAuthenticator>(*m_params.credentials);
        attempt->auth->preauthorize(request);
    }
    m_unsubscribeSent = true;
    startTimerN();
    sendInDialog(request, attempt);
}

void Subscription::sendInDialog(const SipMessage &request, const std::shared_ptr<Attempt> &attempt)
{
    QPointer<Subscription> self(this);
    std::string problem = "no dialog";
    ClientTransactionHandle tx;
    if (m_dialog) {
        tx = m_sender.send(
                request, *m_dialog,
                [self, request, attempt](const ClientEvent &event) {
                    if (self)
                        self->onInDialogEvent(event, request, attempt);
                },
                &problem);
    }
    if (!tx) {
        // Refused at once (the next hop does not resolve, ...): like a transport error.
        ClientEvent event;
        event.type = ClientEvent::Type::TransportError;
        event.response = makeSyntheticResponse(request, 503, problem);
        event.error = qs(problem);
        onInDialogEvent(event, request, attempt);
    }
}

void Subscription::onInDialogEvent(const ClientEvent &event, const SipMessage &request,
                                   const std::shared_ptr<Attempt> &attempt)
{
    if (event.type == ClientEvent::Type::Terminated || event.isProvisional())
        return;
    if (attempt->generation != m_generation || !m_dialog)
        return;
    const SipMessage &response = event.response;
    const int code = event.statusCode();

    if (code == 401 || code == 407) {
        SipMessage retry;
        QString why;
        if (!m_dialog->isTerminated() && answerChallenge(event, request, attempt, retry, &why)) {
            // A new request in the dialog: the next local CSeq (§12.2.1.1, §22.2).
            const uint32_t next = m_dialog->localCseq().value_or(0) + 1;
            m_dialog->setLocalCseq(next);
            retry.setHeader("CSeq", std::to_string(next) + " SUBSCRIBE");
            sendInDialog(retry, attempt);
            return;
        }
        stop(code, attempt->unsubscribe ? QString() : why);
        return;
    }
    m_dialog->handleResponse(response); // target refresh; 481 / 408 end the dialog

    if (attempt->unsubscribe) {
        if (code >= 200 && code < 300)
            return; // the final NOTIFY follows (or Timer N)
        stop(code, {}); // nothing left to unsubscribe from
        return;
    }
    if (m_wantUnsubscribe)
        return; // a refresh answered while we unsubscribe
    if (code >= 200 && code < 300) {
        granted(response, attempt->expires);
        return;
    }
    if (code == 423 && !m_dialog->isTerminated()) {
        const int64_t minimum = response.minExpires();
        if (minimum > attempt->expires && minimum <= 7 * 86400) {
            m_expires = int(minimum);
            sendRefresh(m_expires);
            return;
        }
        stop(code, PresenceSupport::statusText(response)
                     + QStringLiteral(" without a usable Min-Expires"));
        return;
    }
    // RFC 6665 §4.1.2.2: a 481 (or a timeout) to a refresh means the subscription is gone.
    // Any other failure we treat alike: the dialog is dropped and a new subscription
    // follows (or none, for a definite refusal).
    failed(response);
}

bool Subscription::answerChallenge(const ClientEvent &event, const SipMessage &request,
                                   const std::shared_ptr<Attempt> &attempt, SipMessage &retry,
                                   QString *why)
{
    if (event.type != ClientEvent::Type::Response || !attempt->auth) {
        *why = PresenceSupport::statusText(event.response) + QStringLiteral(" (no credentials)");
        return false;
    }
    if (attempt->authRounds >= m_settings.maxAuthRounds) {
        *why = PresenceSupport::statusText(event.response)
                + QStringLiteral(": too many authentication rounds");
        return false;
    }
    QString reason;
    const auto outcome = attempt->auth->answer(request, event.response, retry, &reason);
    if (outcome != RequestAuthenticator::Outcome::Retry) {
        *why = reason.isEmpty() ? PresenceSupport::statusText(event.response) : reason;
        return false;
    }
    ++attempt->authRounds;
    return true;
}

void Subscription::granted(const SipMessage &response, int requested)
{
    // RFC 6665 §4.1.2.1: the 2xx's Expires is the duration granted (never longer than
    // asked); a missing one we take as what we asked for.
    int64_t seconds = response.expires();
    if (seconds < 0)
        seconds = requested;
    setExpiry(int(std::min<int64_t>(seconds, 7 * 86400)));
}

void Subscription::setExpiry(int seconds)
{
    if (m_wantUnsubscribe)
        return;
    SubscriptionStatus next = m_status;
    if (seconds <= 0) {
        // Nothing to refresh: the notifier ends the subscription with the next NOTIFY.
        m_refreshTimer.cancel();
        m_expiresAt = m_layer.clock().now();
        next.expires = 0;
        setStatus(next);
        return;
    }
    m_expiresAt = m_layer.clock().now() + std::chrono::seconds(seconds);
    m_refreshTimer.start(m_layer.clock(), PresenceSupport::refreshDelay(seconds),
                         [this] { sendRefresh(m_expires); });
    next.expires = seconds;
    setStatus(next);
}

void Subscription::failed(const SipMessage &response)
{
    const int code = response.statusCode();
    const QString text = PresenceSupport::statusText(response);
    if (m_wantUnsubscribe) {
        stop(code, {});
        return;
    }
    if (code == 489) {
        // RFC 6665 §4.1.2.1 / §8.3.2: the notifier does not know the event package.
        stop(code, QStringLiteral("%1: the notifier does not support the \"%2\" event package")
                           .arg(text, qs(m_settings.event)));
        return;
    }
    if (isTransient(code)) {
        const int retryAfter = PresenceSupport::retryAfterSeconds(response);
        const std::chrono::seconds delay = nextBackoff();
        scheduleRetry(retryAfter > 0 ? std::chrono::seconds(retryAfter) : delay, code, text);
        return;
    }
    stop(code, text);
}

// ---- requests we receive -------------------------------------------------------------------

bool Subscription::ownsRequest(const SipMessage &request) const
{
    if (!m_started || m_callId.empty() || !request.isRequest())
        return false;
    const NameAddr *to = request.to();
    return to && request.callId() == m_callId && to->tag() == m_fromTag;
}

void Subscription::handleRequest(const ServerTransactionHandle &tx, const IncomingMessage &incoming)
{
    const SipMessage &request = incoming.message;
    if (!ownsRequest(request)) {
        tx.respond(481, "Call/Transaction Does Not Exist");
        return;
    }
    if (request.methodId() == Method::Notify) {
        onNotify(tx, request);
        return;
    }
    // Nothing but NOTIFY belongs in a subscription dialog of ours.
    if (!m_dialog || DialogId::forIncomingRequest(request) != m_dialog->id()
        || m_dialog->isTerminated()) {
        tx.respond(481, "Call/Transaction Does Not Exist");
        return;
    }
    SipMessage response = tx.createResponse(405);
    response.addHeader("Allow", "NOTIFY");
    tx.respond(response);
}

void Subscription::onNotify(const ServerTransactionHandle &tx, const SipMessage &request)
{
    // RFC 6665 §4.1.3 / §8.2.1: the Event must be our package (an id we never send).
    const EventHeader *event = request.event();
    if (!event || !TextUtil::equalsIgnoreCase(event->package(), m_settings.event)) {
        SipMessage response = tx.createResponse(489);
        response.addHeader("Allow-Events", m_settings.event);
        tx.respond(response);
        return;
    }
    const SubscriptionState *state = request.subscriptionState();
    if (!state || state->state().empty()) {
        tx.respond(400, "Missing Subscription-State");
        return;
    }
    if (!m_dialog) {
        if (m_status.phase == SubscriptionPhase::Terminated
            || m_status.phase == SubscriptionPhase::Retrying || !request.from()) {
            tx.respond(481, "Subscription Does Not Exist");
            return;
        }
        if (!createDialogFromNotify(request)) {
            tx.respond(400, "Bad NOTIFY");
            return;
        }
    } else if (DialogId::forIncomingRequest(request) != m_dialog->id()) {
        // §4.5.2: another fork's subscription; we keep only the first dialog, and the 481
        // ends that one.
        tx.respond(481, "Subscription Does Not Exist");
        return;
    } else {
        const Dialog::RequestCheck check = m_dialog->handleRequest(request);
        if (!check.accepted()) {
            tx.respond(check.statusCode, check.reasonPhrase);
            return;
        }
    }

    // §4.1.3: answered 200 whatever the body says.
    SipMessage ok = tx.createResponse(200);
    ok.addHeader("Contact", NameAddr::format({}, m_params.contact));
    if (!m_settings.userAgent.empty())
        ok.addHeader("Server", m_settings.userAgent);
    tx.respond(ok);
    m_notified = true;
    if (!m_unsubscribeSent)
        m_timerN.cancel();

    // The body first: a terminated NOTIFY may carry the last state.
    applyBody(request);
    if (m_status.phase == SubscriptionPhase::Terminated)
        return; // a slot unsubscribed or deleted us... (stop() ran)

    if (TextUtil::equalsIgnoreCase(state->state(), "terminated")) {
        m_dialog->terminate();
        onTerminated(lower(qs(state->reason())), int(state->retryAfter()));
        return;
    }
    if (m_wantUnsubscribe) {
        if (!m_unsubscribeSent)
            sendUnsubscribe(); // the dialog exists now
        return;
    }
    if (state->expires() >= 0)
        setExpiry(int(std::min<int64_t>(state->expires(), 7 * 86400))); // §4.1.3
    // "pending": accepted, not authorized yet; "active" (and, leniently, anything else).
    const bool pending = TextUtil::equalsIgnoreCase(state->state(), "pending");
    SubscriptionStatus next = m_status;
    next.phase = pending ? SubscriptionPhase::Pending : SubscriptionPhase::Active;
    next.error.clear();
    next.reason.clear();
    next.retryInSeconds = -1;
    setStatus(next);
}

void Subscription::applyBody(const SipMessage &request)
{
    const std::string_view body = request.body();
    if (body.empty())
        return; // e.g. pending: no state to tell (RFC 3856 §6.6.2)
    const MediaType *type = request.contentType();
    const QString contentType = type ? qs(type->type()) + QLatin1Char('/') + qs(type->subtype())
                                     : QString();
    const QByteArray raw(body.data(), qsizetype(body.size()));
    emit notified(contentType, raw);
    if (!TextUtil::equalsIgnoreCase(m_settings.event, "presence"))
        return;
    if (!type || !type->matches("application", "pidf+xml")) {
        emit documentRejected(QStringLiteral("NOTIFY from %1 with an unsupported body (%2)")
                                      .arg(qs(m_params.targetUri),
                                           contentType.isEmpty() ? QStringLiteral("no type")
                                                                 : contentType));
        return;
    }
    XmlError xmlError;
    const std::optional<PresenceDocument> document = PresenceDocument::parse(raw, &xmlError);
    if (!document) {
        // The last good state stays; the NOTIFY was answered 200 all the same (§4.1.3).
        emit documentRejected(QStringLiteral("malformed PIDF from %1: %2")
                                      .arg(qs(m_params.targetUri), xmlError.toString()));
        return;
    }
    PresenceUpdate update;
    update.entity = qs(m_params.targetUri);
    update.status = document->status();
    update.note = document->bestNote();
    update.contentType = contentType;
    update.rawDocument = raw;
    update.document = *document;
    if (m_presence && *m_presence == update)
        return; // a refresh's NOTIFY repeats the state
    m_presence = update;
    emit presenceChanged(update);
}

void Subscription::onTerminated(const QString &reason, int retryAfter)
{
    // RFC 6665 §4.1.3: what the subscriber does depends on the reason.
    m_refreshTimer.cancel();
    m_timerN.cancel();
    if (m_wantUnsubscribe) {
        stop(0, {}, reason); // the final NOTIFY of our unsubscribe
        return;
    }
    if (reason == QLatin1String("rejected") || reason == QLatin1String("noresource")
        || reason == QLatin1String("invariant")) {
        stop(0, QStringLiteral("the notifier ended the subscription (%1)").arg(reason), reason);
        return;
    }
    if (reason == QLatin1String("giveup") && retryAfter <= 0) {
        stop(0, QStringLiteral("the notifier gave up (giveup)"), reason);
        return;
    }
    // deactivated, timeout: at once; probation, giveup: after retry-after; an unknown or
    // missing reason: whenever (retry-after honoured).
    const std::chrono::seconds delay = retryAfter > 0 ? std::chrono::seconds(retryAfter)
                                                      : nextImmediate();
    scheduleRetry(delay, 0, {}, reason);
}

// ---- public actions --------------------------------------------------------------------------

void Subscription::unsubscribe()
{
    if (!m_started) {
        m_started = true;
        stop(0, {});
        return;
    }
    if (m_status.phase == SubscriptionPhase::Terminated || m_wantUnsubscribe)
        return;
    m_wantUnsubscribe = true;
    m_retryTimer.cancel();
    m_refreshTimer.cancel();
    if (m_status.phase == SubscriptionPhase::Retrying) {
        stop(0, {});
        return;
    }
    setPhase(SubscriptionPhase::Unsubscribing, 0, {});
    if (m_dialog && !m_dialog->isTerminated()) {
        sendUnsubscribe();
        return;
    }
    if (m_initialPending && !m_dialog)
        return; // the dialog comes with the 2xx or the first NOTIFY; Timer N bounds the wait
    stop(0, {});
}

void Subscription::resubscribe(const std::string &contact)
{
    if (!m_started || m_wantUnsubscribe || m_status.phase == SubscriptionPhase::Terminated)
        return;
    if (!contact.empty())
        m_params.contact = contact;
    m_failures = 0;
    QString why;
    if (!startSubscription(&why))
        stop(0, why);
}

} // namespace Sip
