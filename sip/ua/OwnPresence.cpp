// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "OwnPresence.h"

namespace Sip {

OwnPresence::OwnPresence(TransactionLayer &layer, Notifier::Resolver resolver,
                         Notifier::Settings settings, QObject *parent)
    : QObject(parent)
    , m_notifier(layer, std::move(resolver), std::move(settings))
{
    m_notifier.setPolicy([this](const PresenceWatcher &watcher) { return decide(watcher); });
    connect(&m_notifier, &Notifier::authorizationRequested, this,
            [this](const PresenceWatcher &watcher) {
                emit watcherRequest(watcher.uri, watcher.displayName);
            });
    connect(&m_notifier, &Notifier::watcherChanged, this, &OwnPresence::watcherChanged);
    connect(&m_notifier, &Notifier::watcherRemoved, this, [this] {
        if (m_notifier.watcherCount() == 0)
            emit allWatchersGone();
    });
}

OwnPresence::~OwnPresence() = default;

Notifier::Decision OwnPresence::decide(const PresenceWatcher &watcher) const
{
    const QString key = Notifier::watcherKey(watcher.uri);
    const auto decided = m_decisions.constFind(key);
    if (decided != m_decisions.constEnd())
        return *decided ? Notifier::Decision::Allow : Notifier::Decision::Deny;
    return m_allowed.contains(key) ? Notifier::Decision::Allow : Notifier::Decision::Pending;
}

void OwnPresence::setAllowedWatchers(const QStringList &uris)
{
    m_allowed.clear();
    for (const QString &uri : uris)
        m_allowed.insert(Notifier::watcherKey(uri));
}

void OwnPresence::setWatcherDecisions(const QMap<QString, bool> &decisions)
{
    m_decisions.clear();
    for (auto it = decisions.cbegin(); it != decisions.cend(); ++it)
        m_decisions.insert(Notifier::watcherKey(it.key()), it.value());
}

bool OwnPresence::authorize(const QString &watcherUri, bool allow)
{
    m_decisions.insert(Notifier::watcherKey(watcherUri), allow);
    return m_notifier.authorize(watcherUri, allow);
}

void OwnPresence::setPresence(PresenceStatus status, const QString &note)
{
    m_status = status;
    m_note = note;
    m_notifier.setPresence(status, note);
}

void OwnPresence::terminateAll(const QString &reason)
{
    m_notifier.terminateAll(reason);
}

} // namespace Sip
