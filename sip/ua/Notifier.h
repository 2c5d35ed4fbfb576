// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PresenceWatcher.h"
#include "core/Clock.h"
#include "dialog/DialogId.h"
#include "dialog/DialogSender.h"
#include "message/SipMessage.h"
#include "presence/PresenceDocument.h"
#include "presence/PresenceStatus.h"
#include "transaction/TransactionLayer.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace Sip {

/// The notifier side of presence (RFC 6665, RFC 3856) for serverless mode: we are the
/// presentity, and watchers SUBSCRIBE to us directly.
///
/// A new SUBSCRIBE (handleSubscribe()) for the "presence" package (else 489 with
/// Allow-Events) with a usable Expires (absent: Settings::defaultExpires; below
/// Settings::minExpires: 423 with Min-Expires; above Settings::maxExpires: lowered) gets
/// a 2xx that creates the UAS dialog, then at once a NOTIFY (RFC 6665 §4.2.1.1). What the
/// NOTIFY says comes from the authorization policy (RFC 3856 §5.1):
///   Allow    Subscription-State: active;expires=N with our PIDF
///   Pending  Subscription-State: pending;expires=N, no body; authorizationRequested()
///            asks the app, whose answer authorize(watcherUri, allow) turns it into an
///            active NOTIFY with the PIDF, or a terminated;reason=rejected one
///   Deny     Subscription-State: terminated;reason=rejected (RFC 6665 §4.2.2: polite
///            refusal, the watcher learns nothing else)
/// Without a policy every watcher is Pending.
///
/// In the dialog: a refreshing SUBSCRIBE gets 200 with the Expires granted and a NOTIFY
/// with the current state (§4.2.1.2); Expires: 0 a 200 and a final NOTIFY
/// terminated;reason=timeout (with our state when authorized, §4.2.1.4). When a
/// subscription runs out unrefreshed, NOTIFY terminated;reason=timeout (§4.2.2).
/// setPresence() sends a NOTIFY with the new state to every active watcher.
///
/// NOTIFYs of one subscription go one at a time; a change meanwhile is sent once the
/// previous NOTIFY is answered (the latest state only). A NOTIFY answered with anything
/// but 2xx (481, 408, a timeout, a transport error, ...) drops the watcher (§4.2.2:
/// the subscription is gone, or the subscriber unreachable).
///
/// Wiring: the UA gives the notifier every new SUBSCRIBE (no To tag) with the Contact
/// URI to answer with, and every request of a dialog it owns (ownsRequest() ->
/// handleRequest()). NOTIFYs go to the dialog's next hop, resolved by `resolver`.
/// Single-threaded, everything on the layer's Clock; signals are emitted synchronously:
/// do not delete the notifier from their slots (deleteLater()).
class Notifier : public QObject
{
    Q_OBJECT
public:
    using Resolver = DialogSender::Resolver;
    enum class Decision : quint8 { Allow, Pending, Deny };
    // Decides what a new watcher gets; `watcher` is its first snapshot (state Pending).
    using Policy = std::function<Decision(const PresenceWatcher &watcher)>;

    struct Settings
    {
        std::string event = "presence";
        int defaultExpires = 3600; // RFC 3856 §6.4
        int minExpires = 60; // shorter (but not 0): 423 Interval Too Brief
        int maxExpires = 3600; // longer: granted this much
        // The 2xx to a SUBSCRIBE we leave pending: 200 (RFC 6665 §8.3.1 deprecates 202),
        // or 202 for RFC 3265 watchers that expect it.
        int pendingResponseCode = 200;
        std::string userAgent; // User-Agent of NOTIFYs, Server of responses; empty: none
    };

    Notifier(TransactionLayer &layer, Resolver resolver, QObject *parent = nullptr);
    Notifier(TransactionLayer &layer, Resolver resolver, Settings settings,
             QObject *parent = nullptr);
    // Drops every subscription silently: terminateAll() first for a clean exit.
    ~Notifier() override;

    Notifier(const Notifier &) = delete;
    Notifier &operator=(const Notifier &) = delete;

    void setPolicy(Policy policy) { m_policy = std::move(policy); }

    // Our presence for every NOTIFY from now on; sends one to every active watcher. An
    // empty entity is filled per watcher with the URI it subscribed to.
    void setPresence(const PresenceDocument &document);
    // PresenceDocument::forOwnStatus(<the watcher's target URI>, status, note).
    void setPresence(PresenceStatus status, const QString &note = {});
    // The document NOTIFYs carry (before any setPresence(): Available, no note).
    const PresenceDocument &presence() const { return m_document; }

    // The app's answer for a watcher the policy left pending: every pending subscription
    // whose watcher URI matches (user and host, case-insensitive host, scheme and port
    // ignored) becomes active (NOTIFY with our PIDF) or is rejected (NOTIFY
    // terminated;reason=rejected). False when none was pending.
    bool authorize(const QString &watcherUri, bool allow);

    // Ends every subscription with a final NOTIFY terminated;reason=<reason> (e.g. on
    // exit, or going invisible: "noresource"; "deactivated" invites an immediate
    // re-subscription, RFC 6665 §4.2.2).
    void terminateAll(const QString &reason = QStringLiteral("noresource"));

    // ---- Routing (the UA calls these) ---------------------------------------------------

    // A new SUBSCRIBE (no To tag); `contact` is our Contact URI for the dialog (the
    // address the watcher reached us on). Answers it, whatever it is.
    void handleSubscribe(const ServerTransactionHandle &transaction,
                         const IncomingMessage &request, const std::string &contact);
    // Whether `request` (with a To tag) belongs to one of our subscription dialogs.
    bool ownsRequest(const SipMessage &request) const;
    // A request inside one of our dialogs (a refreshing SUBSCRIBE, ...). Answers it (481
    // when it is not ours after all).
    void handleRequest(const ServerTransactionHandle &transaction, const IncomingMessage &request);

    // ---- State ---------------------------------------------------------------------------

    // Every subscription not yet removed (including ones whose final NOTIFY is on its way).
    QList<PresenceWatcher> watchers() const;
    int watcherCount() const { return int(m_watchers.size()); }
    const Settings &settings() const { return m_settings; }

    // The matching key of a watcher URI: "user@host" (host lower-cased), or the
    // lower-cased text when it is not a sip/sips URI.
    static QString watcherKey(const QString &uri);

signals:
    // The policy left a new watcher pending: answer with authorize().
    void authorizationRequested(const Sip::PresenceWatcher &watcher);
    // A subscription appeared, changed state or expiry, or ended (state Terminated).
    void watcherChanged(const Sip::PresenceWatcher &watcher);
    // A subscription is gone for good (its final NOTIFY answered or failed, or dropped);
    // watcherCount() no longer counts it.
    void watcherRemoved(const QString &id);

private:
    struct Watcher;

    Watcher *find(const DialogId &id) const;
    void respondTo(const ServerTransactionHandle &transaction, int code,
                   const std::string &reasonPhrase = {});
    void notify(Watcher &watcher);
    void sendNotify(Watcher &watcher);
    void finish(Watcher &watcher, const QString &reason, bool withBody);
    void onNotifyEvent(const DialogId &id, const ClientEvent &event);
    void drop(const DialogId &id, const QString &error);
    void remove(const DialogId &id);
    void startExpiry(Watcher &watcher, int seconds);
    void changed(Watcher &watcher);
    int remainingSeconds(const Watcher &watcher) const;
    QByteArray documentFor(const Watcher &watcher) const;

    TransactionLayer &m_layer;
    DialogSender m_sender;
    Settings m_settings;
    Policy m_policy;
    PresenceDocument m_document;
    std::map<DialogId, std::unique_ptr<Watcher>> m_watchers;
};

} // namespace Sip
