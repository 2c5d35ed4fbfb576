// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace App {

/// The user's answer to "may this watcher see my presence?" (RFC 3856 §5.1), remembered
/// so the question is asked once (table watcher_decisions).
struct WatcherDecision
{
    QString watcherKey; // Sip::Notifier::watcherKey(): "user@host", host lower-case
    QString uri; // the watcher's URI as it subscribed
    bool allowed = false;
    qint64 decidedMs = 0; // when, milliseconds since the epoch
};

} // namespace App

Q_DECLARE_METATYPE(App::WatcherDecision)
