// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Notifier.h"

#include "PresenceSupport.h"
#include "core/TimerHandle.h"
#include "dialog/Dialog.h"
#include "message/SipUri.h"
#include "message/TextUtil.h"

#include <QPointer>

#include <algorithm>
#include <vector>

namespace Sip {

using namespace std::chrono_literals;
using PresenceSupport::qs;

// One watcher's subscription: its dialog, expiry and NOTIFY pipeline.
struct Notifier::Watcher
{
    PresenceWatcher info;
    QString key; // watcherKey(info.uri)
    std::shared_ptr<Dialog> dialog;
    std::string eventValue; // the Event of our NOTIFYs: the package and the SUBSCRIBE's id
    Clock::TimePoint expiresAt { 0 };
    TimerHandle expiry;
    bool inFlight = false; // a NOTIFY awaits its final response
    bool queued = false; // the state changed meanwhile: NOTIFY again after it
    bool final = false; // ending: the next NOTIFY is the terminated one
    bool finalBody = false; // ... and carries our state
    bool finalSent = false;
    QString finalReason;
};

Notifier::Notifier(TransactionLayer &layer, Resolver resolver, QObject *parent)
    : Notifier(layer, std::move(resolver), Settings(), parent)
{
}

Notifier::Notifier(TransactionLayer &layer, Resolver resolver, Settings settings, QObject *parent)
    : QObject(parent)
    , m_layer(layer)
    , m_sender(layer, std::move(resolver))
    , m_settings(std::move(settings))
    , m_document(PresenceDocument::forOwnStatus(QString(), PresenceStatus::Available))
{
    m_settings.minExpires = std::max(m_settings.minExpires, 1);
    m_settings.maxExpires = std::max(m_settings.maxExpires, m_settings.minExpires);
    m_settings.defaultExpires
            = std::clamp(m_settings.defaultExpires, m_settings.minExpires, m_settings.maxExpires);
    if (m_settings.pendingResponseCode != 202)
        m_settings.pendingResponseCode = 200;
}

Notifier::~Notifier() = default;

QString Notifier::watcherKey(const QString &uriText)
{
    const std::string text = uriText.trimmed().toStdString();
    SipUri uri;
    if (!SipUri::parse(text, uri, nullptr) || !uri.isSipOrSips())
        return uriText.trimmed().toLower();
    return QString::fromStdString(uri.decodedUser()) + QLatin1Char('@') + qs(uri.host()).toLower();
}

Notifier::Watcher *Notifier::find(const DialogId &id) const
{
    const auto it = m_watchers.find(id);
    return it == m_watchers.end() ? nullptr : it->second.get();
}

void Notifier::respondTo(const ServerTransactionHandle &tx, int code, const std::string &reasonPhrase)
{
    SipMessage response = tx.createResponse(code, reasonPhrase);
    if (!m_settings.userAgent.empty())
        response.addHeader("Server", m_settings.userAgent);
    tx.respond(response);
}

int Notifier::remainingSeconds(const Watcher &watcher) const
{
    const auto left = watcher.expiresAt - m_layer.clock().now();
    return left <= 0ms ? 0 : int((left.count() + 999) / 1000);
}

QByteArray Notifier::documentFor(const Watcher &watcher) const
{
    PresenceDocument document = m_document;
    if (document.entity.isEmpty())
        document.entity = qs(watcher.dialog->localUri()); // the presentity they watch
    return document.toXml();
}

void Notifier::changed(Watcher &watcher)
{
    emit watcherChanged(watcher.info);
}

void Notifier::startExpiry(Watcher &watcher, int seconds)
{
    watcher.info.expires = seconds;
    watcher.expiresAt = m_layer.clock().now() + std::chrono::seconds(seconds);
    const DialogId id = watcher.dialog->id();
    // RFC 6665 §4.2.2: unrefreshed, the subscription ends with reason=timeout.
    watcher.expiry.start(m_layer.clock(), std::chrono::seconds(seconds), [this, id] {
        if (Watcher *w = find(id))
            finish(*w, QStringLiteral("timeout"), false);
    });
}

// ---- SUBSCRIBE ---------------------------------------------------------------------------

void Notifier::handleSubscribe(const ServerTransactionHandle &tx, const IncomingMessage &incoming,
                               const std::string &contact)
{
    const SipMessage &request = incoming.message;
    if (request.to() && !request.to()->tag().empty()) {
        handleRequest(tx, incoming);
        return;
    }
    if (request.methodId() != Method::Subscribe) {
        SipMessage response = tx.createResponse(405);
        response.addHeader("Allow", "SUBSCRIBE");
        tx.respond(response);
        return;
    }
    // RFC 6665 §4.2.1.1 / §8.3.2: an event package we do not serve.
    const EventHeader *event = request.event();
    if (!event || !TextUtil::equalsIgnoreCase(event->package(), m_settings.event)) {
        SipMessage response = tx.createResponse(489);
        response.addHeader("Allow-Events", m_settings.event);
        tx.respond(response);
        return;
    }
    // RFC 3856 §6.7: PIDF is what we send; a watcher that takes none of it gets 406.
    if (request.hasAccept() && !request.accept().empty()) {
        const auto accept = request.accept();
        const bool takesPidf = std::any_of(accept.begin(), accept.end(), [](const MediaType &m) {
            return m.matches("application", "pidf+xml");
        });
        if (!takesPidf) {
            SipMessage response = tx.createResponse(406);
            response.addHeader("Accept", PresenceDocument::ContentType);
            tx.respond(response);
            return;
        }
    }
    // RFC 6665 §4.2.1.1: too brief an interval gets 423 with Min-Expires.
    int64_t asked = request.expires();
    if (asked < 0)
        asked = m_settings.defaultExpires;
    if (asked > 0 && asked < m_settings.minExpires) {
        SipMessage response = tx.createResponse(423);
        response.addHeader("Min-Expires", std::to_string(m_settings.minExpires));
        tx.respond(response);
        return;
    }
    const int granted = int(std::min<int64_t>(asked, m_settings.maxExpires));
    if (request.contacts().empty() || !request.from() || request.from()->tag().empty()) {
        respondTo(tx, 400, request.contacts().empty() ? "Missing Contact" : "Missing From tag");
        return;
    }

    auto watcher = std::make_unique<Watcher>();
    watcher->info.uri = qs(request.from()->uri().text());
    watcher->info.displayName = QString::fromStdString(request.from()->displayNameText());
    watcher->info.state = WatcherState::Pending;
    watcher->key = watcherKey(watcher->info.uri);
    watcher->eventValue = m_settings.event;
    if (!event->id().empty())
        watcher->eventValue += ";id=" + std::string(event->id()); // §8.2.1: echo the id
    const Decision decision = m_policy ? m_policy(watcher->info) : Decision::Pending;

    // The 2xx creates the dialog (§4.2.1.1, RFC 3261 §12.1.1).
    const int code = decision == Decision::Pending ? m_settings.pendingResponseCode : 200;
    SipMessage ok = tx.createResponse(code);
    ok.addHeader("Contact", NameAddr::format({}, contact));
    ok.addHeader("Expires", std::to_string(granted)); // §4.2.1.1: MUST
    ok.addHeader("Allow-Events", m_settings.event);
    if (!m_settings.userAgent.empty())
        ok.addHeader("Server", m_settings.userAgent);
    std::string why;
    std::optional<Dialog> dialog = Dialog::createUas(request, ok, &why);
    if (!dialog) {
        respondTo(tx, 400, why);
        return;
    }
    dialog->setLocalContact(contact);
    if (m_watchers.count(dialog->id())) {
        respondTo(tx, 482, "Loop Detected"); // the same dialog twice: a merged request
        return;
    }
    tx.respond(ok);
    watcher->dialog = std::make_shared<Dialog>(std::move(*dialog));
    watcher->info.id = QString::fromStdString(watcher->dialog->id().toString());
    const DialogId id = watcher->dialog->id();
    Watcher &w = *watcher;
    m_watchers.emplace(id, std::move(watcher));

    if (granted == 0) {
        // A fetch (§4.4.3): one NOTIFY with the state, and the subscription is over.
        if (decision == Decision::Allow)
            w.info.state = WatcherState::Active;
        finish(w, decision == Decision::Deny ? QStringLiteral("rejected") : QStringLiteral("timeout"),
               decision == Decision::Allow);
        return;
    }
    switch (decision) {
    case Decision::Allow:
        w.info.state = WatcherState::Active;
        startExpiry(w, granted);
        notify(w); // §4.2.1.1: at once
        changed(w);
        return;
    case Decision::Pending: {
        startExpiry(w, granted);
        notify(w);
        const PresenceWatcher snapshot = w.info;
        changed(w);
        emit authorizationRequested(snapshot);
        return;
    }
    case Decision::Deny:
        w.info.expires = granted;
        finish(w, QStringLiteral("rejected"), false);
        return;
    }
}

bool Notifier::ownsRequest(const SipMessage &request) const
{
    if (!request.isRequest() || !request.to() || request.to()->tag().empty())
        return false;
    return find(DialogId::forIncomingRequest(request)) != nullptr;
}

void Notifier::handleRequest(const ServerTransactionHandle &tx, const IncomingMessage &incoming)
{
    const SipMessage &request = incoming.message;
    Watcher *w = find(DialogId::forIncomingRequest(request));
    if (!w || w->final) {
        respondTo(tx, 481, "Subscription Does Not Exist");
        return;
    }
    const Dialog::RequestCheck check = w->dialog->handleRequest(request);
    if (!check.accepted()) {
        respondTo(tx, check.statusCode, check.reasonPhrase);
        return;
    }
    if (request.methodId() != Method::Subscribe) {
        SipMessage response = tx.createResponse(405);
        response.addHeader("Allow", "SUBSCRIBE");
        tx.respond(response);
        return;
    }
    const EventHeader *event = request.event();
    if (!event || !TextUtil::equalsIgnoreCase(event->package(), m_settings.event)) {
        SipMessage response = tx.createResponse(489);
        response.addHeader("Allow-Events", m_settings.event);
        tx.respond(response);
        return;
    }
    int64_t asked = request.expires();
    if (asked < 0)
        asked = m_settings.defaultExpires;
    if (asked > 0 && asked < m_settings.minExpires) {
        SipMessage response = tx.createResponse(423);
        response.addHeader("Min-Expires", std::to_string(m_settings.minExpires));
        tx.respond(response);
        return;
    }
    const int granted = int(std::min<int64_t>(asked, m_settings.maxExpires));
    SipMessage ok = tx.createResponse(200);
    ok.addHeader("Contact", NameAddr::format({}, w->dialog->localContact()));
    ok.addHeader("Expires", std::to_string(granted));
    if (!m_settings.userAgent.empty())
        ok.addHeader("Server", m_settings.userAgent);
    tx.respond(ok);
    if (granted == 0) {
        // §4.2.1.4: unsubscribed; the final NOTIFY carries the state one last time.
        finish(*w, QStringLiteral("timeout"), true);
        return;
    }
    // §4.2.1.2: a refresh is answered with a NOTIFY of the current state.
    startExpiry(*w, granted);
    notify(*w);
    changed(*w);
}

// ---- NOTIFY ------------------------------------------------------------------------------

void Notifier::notify(Watcher &watcher)
{
    if (watcher.finalSent)
        return;
    if (watcher.inFlight) {
        watcher.queued = true;
        return;
    }
    sendNotify(watcher);
}

void Notifier::sendNotify(Watcher &w)
{
    const DialogId id = w.dialog->id();
    QPointer<Notifier> self(this);
    std::string problem;
    SipMessage request = w.dialog->createRequest("NOTIFY", &problem);
    bool withBody = false;
    std::string state;
    if (w.final) {
        // §4.2.2: terminated with the reason; no expires.
        state = "terminated;reason=" + w.finalReason.toStdString();
        withBody = w.finalBody;
        w.finalSent = true;
    } else if (w.info.state == WatcherState::Active) {
        state = "active;expires=" + std::to_string(remainingSeconds(w));
        withBody = true;
    } else {
        // RFC 3856 §6.6.2: nothing about the presentity until authorized.
        state = "pending;expires=" + std::to_string(remainingSeconds(w));
    }
    bool ok = !request.isNull() && request.addHeader("Event", w.eventValue, &problem)
            && request.addHeader("Subscription-State", state, &problem);
    if (ok && !m_settings.userAgent.empty())
        ok = request.addHeader("User-Agent", m_settings.userAgent, &problem);
    if (ok) {
        if (withBody) {
            const QByteArray xml = documentFor(w);
            ok = request.setBody(PresenceDocument::ContentType,
                                 std::string_view(xml.constData(), size_t(xml.size())), &problem);
        } else {
            ok = request.setBody({}, {}, &problem);
        }
    }
    ClientTransactionHandle tx;
    if (ok) {
        tx = m_sender.send(
                request, *w.dialog,
                [self, id](const ClientEvent &event) {
                    if (self)
                        self->onNotifyEvent(id, event);
                },
                &problem);
    }
    w.queued = false;
    if (!tx) {
        // Not from inside the caller's loop over the watchers: from the clock.
        const QString error = QStringLiteral("cannot send the NOTIFY: %1").arg(qs(problem));
        w.inFlight = true; // nothing more until the drop
        m_layer.clock().startTimer(0ms, [self, id, error] {
            if (self)
                self->drop(id, error);
        });
        return;
    }
    w.inFlight = true;
}

void Notifier::onNotifyEvent(const DialogId &id, const ClientEvent &event)
{
    if (event.type == ClientEvent::Type::Terminated || event.isProvisional())
        return;
    Watcher *w = find(id);
    if (!w)
        return;
    w->inFlight = false;
    w->dialog->handleResponse(event.response);
    const int code = event.statusCode();
    if (w->finalSent) {
        remove(id); // the final NOTIFY is answered (or failed): the subscription is over
        return;
    }
    if (code >= 200 && code < 300) {
        if (w->queued || w->final)
            sendNotify(*w);
        return;
    }
    // §4.2.2: 481 (the subscriber forgot it), a timeout or any other failure: drop it.
    drop(id, PresenceSupport::statusText(event.response));
}

void Notifier::finish(Watcher &w, const QString &reason, bool withBody)
{
    if (w.final)
        return;
    w.final = true;
    w.finalReason = reason;
    w.finalBody = withBody && w.info.state == WatcherState::Active;
    w.expiry.cancel();
    w.info.state = WatcherState::Terminated;
    w.info.reason = reason;
    notify(w);
    changed(w);
}

void Notifier::drop(const DialogId &id, const QString &error)
{
    Watcher *w = find(id);
    if (!w)
        return;
    const bool wasOver = w->final;
    w->info.state = WatcherState::Terminated;
    w->info.error = error;
    const PresenceWatcher snapshot = w->info;
    remove(id);
    if (!wasOver)
        emit watcherChanged(snapshot);
}

void Notifier::remove(const DialogId &id)
{
    const auto it = m_watchers.find(id);
    if (it == m_watchers.end())
        return;
    it->second->dialog->terminate();
    const QString removedId = it->second->info.id;
    m_watchers.erase(it);
    emit watcherRemoved(removedId);
}

// ---- the app -----------------------------------------------------------------------------

void Notifier::setPresence(const PresenceDocument &document)
{
    m_document = document;
    std::vector<DialogId> ids;
    for (const auto &[id, w] : m_watchers) {
        if (w->info.state == WatcherState::Active && !w->final)
            ids.push_back(id);
    }
    for (const DialogId &id : ids) {
        if (Watcher *w = find(id))
            notify(*w);
    }
}

void Notifier::setPresence(PresenceStatus status, const QString &note)
{
    setPresence(PresenceDocument::forOwnStatus(QString(), status, note));
}

bool Notifier::authorize(const QString &watcherUri, bool allow)
{
    const QString key = watcherKey(watcherUri);
    std::vector<DialogId> ids;
    for (const auto &[id, w] : m_watchers) {
        if (w->key == key && w->info.state == WatcherState::Pending && !w->final)
            ids.push_back(id);
    }
    for (const DialogId &id : ids) {
        Watcher *w = find(id);
        if (!w || w->final)
            continue;
        if (allow) {
            w->info.state = WatcherState::Active;
            notify(*w);
            changed(*w);
        } else {
            finish(*w, QStringLiteral("rejected"), false);
        }
    }
    return !ids.empty();
}

void Notifier::terminateAll(const QString &reason)
{
    std::vector<DialogId> ids;
    for (const auto &[id, w] : m_watchers)
        ids.push_back(id);
    for (const DialogId &id : ids) {
        if (Watcher *w = find(id))
            finish(*w, reason, false);
    }
}

QList<PresenceWatcher> Notifier::watchers() const
{
    QList<PresenceWatcher> out;
    for (const auto &[id, w] : m_watchers)
        out.append(w->info);
    return out;
}

} // namespace Sip
