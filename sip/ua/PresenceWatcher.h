// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace Sip {

/// Where one watcher's subscription to our presence (a Notifier subscription) stands.
///   Pending    accepted, waiting for the app's decision (NOTIFY pending, no body)
///   Active     authorized: every NOTIFY carries our presence
///   Terminated over: the final NOTIFY (terminated) is sent or on its way, or a NOTIFY
///              failed and the watcher was dropped
enum class WatcherState : quint8 { Pending, Active, Terminated };

QString watcherStateName(WatcherState state); // "pending", "active", "terminated"

/// One subscription of a watcher to our presence (RFC 3856), as the app sees it.
struct PresenceWatcher
{
    QString id; // the subscription's dialog (DialogId::toString()), unique
    QString uri; // the watcher: the From URI of its SUBSCRIBE
    QString displayName; // the From display name, may be empty
    WatcherState state = WatcherState::Pending;
    int expires = 0; // seconds granted by the last (re-)SUBSCRIBE
    // Terminated: the RFC 6665 §4.2.2 reason sent ("timeout", "rejected", "noresource",
    // "deactivated", ...), or empty when the watcher was dropped after a failed NOTIFY.
    QString reason;
    QString error; // a failed NOTIFY, in words ("481 Call/Transaction Does Not Exist")

    friend bool operator==(const PresenceWatcher &, const PresenceWatcher &) = default;
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::WatcherState)
Q_DECLARE_METATYPE(Sip::PresenceWatcher)
