// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Notifier.h"
#include "PresenceWatcher.h"
#include "presence/PresenceStatus.h"

#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Sip {

/// Our own presence served to watchers that SUBSCRIBE to us directly (serverless, RFC
/// 3856 §5.1 with us as the presence agent): a Notifier whose authorization policy is the
/// app's.
///
/// A new watcher is decided by what the app told us, matched by Notifier::watcherKey():
///   a remembered decision (setWatcherDecisions(), or authorize() earlier in this run):
///     allow -> active at once, deny -> terminated;reason=rejected;
///   else a URI of the allowed list (setAllowedWatchers(): the contact list): active;
///   else pending (Subscription-State: pending, no body) and watcherRequest() asks the
///   app, whose authorize() answers every pending subscription of that watcher.
/// authorize() also remembers the answer, so the watcher's next subscription (a refresh
/// after our restart, another device of the same user) is decided at once.
///
/// Single-threaded (the signalling thread), like the Notifier it owns.
class OwnPresence : public QObject
{
    Q_OBJECT
public:
    OwnPresence(TransactionLayer &layer, Notifier::Resolver resolver,
                Notifier::Settings settings = {}, QObject *parent = nullptr);
    ~OwnPresence() override;

    // Watchers accepted at once (our contacts); replaces the previous list.
    void setAllowedWatchers(const QStringList &uris);
    // Decisions taken earlier (URI -> allowed); replaces the previous ones.
    void setWatcherDecisions(const QMap<QString, bool> &decisions);
    // The app's answer for a watcher (pending now, or later): remembered for this run.
    // True when a pending subscription was answered.
    bool authorize(const QString &watcherUri, bool allow);

    void setPresence(PresenceStatus status, const QString &note);
    PresenceStatus status() const { return m_status; }
    QString note() const { return m_note; }

    // Ends every subscription with a terminated NOTIFY (on quit: "noresource", RFC 6665
    // §4.2.2: the resource is gone, do not re-subscribe at once).
    void terminateAll(const QString &reason = QStringLiteral("noresource"));
    int watcherCount() const { return m_notifier.watcherCount(); }
    QList<PresenceWatcher> watchers() const { return m_notifier.watchers(); }

    // ---- Routing (the UA calls these) ---------------------------------------------------
    void handleSubscribe(const ServerTransactionHandle &transaction, const IncomingMessage &request,
                         const std::string &contact)
    {
        m_notifier.handleSubscribe(transaction, request, contact);
    }
    bool ownsRequest(const SipMessage &request) const { return m_notifier.ownsRequest(request); }
    void handleRequest(const ServerTransactionHandle &transaction, const IncomingMessage &request)
    {
        m_notifier.handleRequest(transaction, request);
    }

signals:
    // A watcher nobody decided on yet: its subscription is pending until authorize().
    void watcherRequest(const QString &watcherUri, const QString &displayName);
    // A subscription appeared, changed state, or ended.
    void watcherChanged(const Sip::PresenceWatcher &watcher);
    // The last subscription is gone (after the final NOTIFYs were answered or failed).
    void allWatchersGone();

private:
    Notifier::Decision decide(const PresenceWatcher &watcher) const;

    Notifier m_notifier;
    QSet<QString> m_allowed; // watcher keys
    QMap<QString, bool> m_decisions; // watcher key -> allowed
    PresenceStatus m_status = PresenceStatus::Available;
    QString m_note;
};

} // namespace Sip
