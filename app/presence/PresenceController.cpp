// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence/PresenceController.h"

#include "storage/ContactStore.h"
#include "storage/StorageContext.h"
#include "storage/StorageThread.h"
#include "storage/WatcherDecisionStore.h"

#include <QLoggingCategory>
#include <QSet>

#include <algorithm>
#include <utility>

namespace App {

Q_LOGGING_CATEGORY(lcPresence, "parlo.presence", QtInfoMsg)

namespace {

// The engine's status names (Sip::PresenceStatuses) as PIDF basic + RPID activity.
void splitStatus(const QString &status, QString *basic, QString *activity)
{
    *basic = status == QLatin1String("offline") ? QStringLiteral("closed") : QStringLiteral("open");
    *activity = status == QLatin1String("available") || status == QLatin1String("offline")
            ? QString()
            : status;
}

} // namespace

PresenceController::PresenceController(Sip::SipEngine &engine, StorageThread &storage,
                                       QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_storage(storage)
{
    qRegisterMetaType<App::PresenceStatus>();
    connect(&m_engine, &Sip::SipEngine::started, this, [this] {
        m_engineStarted = true;
        subscribeAll();
    });
    connect(&m_engine, &Sip::SipEngine::presenceChanged, this,
            [this](const QString &uri, const QString &status, const QString &note) {
                QString basic, activity;
                splitStatus(status, &basic, &activity);
                emit contactPresenceChanged(uri, basic, activity,
                                            basic == QLatin1String("open") ? note : QString());
            });
    connect(&m_engine, &Sip::SipEngine::subscriptionStateChanged, this,
            [this](const QString &uri, const QString &state, const QString &reason) {
                emit subscriptionStateChanged(uri, state, reason);
                // An ended subscription says nothing more about the contact: show it closed.
                if (state == QLatin1String("terminated"))
                    emit contactPresenceChanged(uri, QStringLiteral("closed"), QString(),
                                                QString());
            });
    connect(&m_engine, &Sip::SipEngine::presenceDocumentRejected, this,
            [this](const QString &uri, const QString &reason) {
                qCWarning(lcPresence, "kept the last presence of %s: %s", qPrintable(uri),
                          qPrintable(reason));
                emit presenceDocumentRejected(uri, reason);
            });
    connect(&m_engine, &Sip::SipEngine::watcherRequest, this,
            &PresenceController::onWatcherRequest);
    connect(&m_engine, &Sip::SipEngine::watcherStateChanged, this,
            &PresenceController::watcherStateChanged);
    connect(&m_engine, &Sip::SipEngine::callStateChanged, this,
            [this](const QString &callId, const Sip::CallStatus &status) {
                onCallState(callId,
                            status.state == Sip::CallState::Confirmed
                                    || status.state == Sip::CallState::Held);
            });

    const auto load = [this] {
        m_storage.run(
                this,
                [](StorageContext &context) {
                    Loaded loaded;
                    if (!context.database().isOpen())
                        return loaded;
                    WatcherDecisionStore decisions(context.database());
                    for (const WatcherDecision &d : decisions.all())
                        loaded.decisions.insert(d.watcherKey, d.allowed);
                    for (const Contact &c : context.contacts().all()) {
                        if (c.sipUri.isEmpty())
                            continue;
                        if (c.presenceAuthorization == PresenceAuthorization::Blocked)
                            loaded.blocked.append(c.sipUri);
                        else
                            loaded.contacts.append(c.sipUri);
                    }
                    return loaded;
                },
                [this](const Loaded &data) { applyLoaded(data); });
    };
    if (m_storage.isStarted())
        load();
    else
        connect(&m_storage, &StorageThread::opened, this, load, Qt::SingleShotConnection);
}

PresenceController::~PresenceController() = default;

QString PresenceController::statusName(PresenceStatus status)
{
    switch (status) {
    case PresenceStatus::Available:
        return QStringLiteral("available");
    case PresenceStatus::Away:
        return QStringLiteral("away");
    case PresenceStatus::Busy:
        return QStringLiteral("busy");
    case PresenceStatus::DoNotDisturb:
        return QStringLiteral("dnd");
    case PresenceStatus::Invisible:
        return QStringLiteral("invisible");
    }
    return QStringLiteral("available");
}

bool PresenceController::statusFromName(const QString &name, PresenceStatus *status)
{
    const QString n = name.trimmed().toLower();
    PresenceStatus s;
    if (n == QLatin1String("available") || n == QLatin1String("online"))
        s = PresenceStatus::Available;
    else if (n == QLatin1String("away"))
        s = PresenceStatus::Away;
    else if (n == QLatin1String("busy"))
        s = PresenceStatus::Busy;
    else if (n == QLatin1String("dnd") || n == QLatin1String("do-not-disturb"))
        s = PresenceStatus::DoNotDisturb;
    else if (n == QLatin1String("invisible") || n == QLatin1String("offline"))
        s = PresenceStatus::Invisible;
    else
        return false;
    if (status)
        *status = s;
    return true;
}

// ---- watching ----------------------------------------------------------------------------

void PresenceController::watch(const QString &uri)
{
    const QString target = uri.trimmed();
    if (target.isEmpty())
        return;
    if (!m_watched.contains(target)) {
        m_watched.append(target);
        pushAllowedWatchers(); // whom we watch may watch us
    }
    // Also when already watched: a subscription that ended (the contact quit) starts again.
    if (m_engineStarted)
        m_engine.subscribePresence(target);
}

void PresenceController::unwatch(const QString &uri)
{
    const QString target = uri.trimmed();
    if (m_watched.removeAll(target) > 0)
        pushAllowedWatchers();
    m_engine.unsubscribePresence(target);
}

void PresenceController::setWatchedContacts(const QStringList &uris)
{
    // Sets, and the allowed watchers pushed to the engine once: watch()/unwatch() per
    // contact pushed the whole list each time, O(n²) in the GUI and engine threads (seconds
    // of frozen window with 10,000 contacts, tests/bench/bench_gui).
    QSet<QString> wanted;
    QStringList added;
    const QSet<QString> old(m_watched.cbegin(), m_watched.cend());
    for (const QString &uri : uris) {
        const QString target = uri.trimmed();
        if (target.isEmpty() || wanted.contains(target))
            continue;
        wanted.insert(target);
        if (!old.contains(target))
            added.append(target);
    }
    QStringList kept;
    QStringList removed;
    for (const QString &uri : std::as_const(m_watched))
        (wanted.contains(uri) ? kept : removed).append(uri);
    if (added.isEmpty() && removed.isEmpty())
        return;
    m_watched = kept + added;
    pushAllowedWatchers(); // whom we watch may watch us
    for (const QString &uri : std::as_const(removed))
        m_engine.unsubscribePresence(uri);
    if (m_engineStarted) {
        for (const QString &uri : std::as_const(added))
            m_engine.subscribePresence(uri);
    }
}

void PresenceController::contactAdded(const QString &uri)
{
    const QString contact = uri.trimmed();
    if (contact.isEmpty() || m_contacts.contains(contact))
        return;
    m_contacts.append(contact);
    pushAllowedWatchers();
    // A request already held pending is not re-examined against the allowed list.
    const auto decided = m_decisions.constFind(WatcherDecisionStore::keyOf(contact));
    if (decided == m_decisions.constEnd() || *decided)
        m_engine.authorizeWatcher(contact, true);
}

void PresenceController::contactRemoved(const QString &uri)
{
    if (m_contacts.removeAll(uri.trimmed()) == 0)
        return;
    pushAllowedWatchers();
    // contactAdded()'s authorisation is remembered by the engine for the run: only the
    // decisions the user took stand.
    m_engine.setWatcherDecisions(m_decisions);
}

QStringList PresenceController::watchedContacts() const
{
    return m_watched;
}

void PresenceController::subscribeAll()
{
    for (const QString &uri : std::as_const(m_watched))
        m_engine.subscribePresence(uri);
}

// ---- our status ----------------------------------------------------------------------------

QString PresenceController::effectiveStatus() const
{
    switch (m_status) {
    case PresenceStatus::Invisible:
        return QStringLiteral("offline");
    case PresenceStatus::DoNotDisturb:
        return QStringLiteral("dnd");
    default:
        break;
    }
    if (!m_establishedCalls.isEmpty())
        return QStringLiteral("on-the-phone");
    if (m_idle && m_idleMinutes > 0 && m_status == PresenceStatus::Available)
        return QStringLiteral("away");
    return m_status == PresenceStatus::Away    ? QStringLiteral("away")
            : m_status == PresenceStatus::Busy ? QStringLiteral("busy")
                                               : QStringLiteral("available");
}

void PresenceController::setOwnStatus(PresenceStatus status, const QString &note)
{
    m_status = status;
    m_note = note;
    m_lastPublished.clear(); // the user asked: publish even when nothing changed
    publishEffective();
}

void PresenceController::publishEffective()
{
    const QString effective = effectiveStatus();
    const QString key = effective + QLatin1Char('|') + m_note;
    if (key == m_lastPublished)
        return;
    m_lastPublished = key;
    m_engine.publishPresence(effective, m_note);
    emit ownStatusChanged(m_status, effective, m_note);
}

void PresenceController::setUserIdle(bool idle)
{
    if (m_idle == idle)
        return;
    m_idle = idle;
    publishEffective();
}

void PresenceController::setIdleMinutes(int minutes)
{
    m_idleMinutes = std::max(0, minutes);
    publishEffective();
}

void PresenceController::onCallState(const QString &callId, bool established)
{
    const bool was = !m_establishedCalls.isEmpty();
    if (established)
        m_establishedCalls.insert(callId);
    else
        m_establishedCalls.remove(callId);
    if (was != !m_establishedCalls.isEmpty())
        publishEffective(); // "on-the-phone", then back to the chosen status
}

// ---- watchers of ours ----------------------------------------------------------------------

void PresenceController::applyLoaded(const Loaded &data)
{
    // Decisions taken while loading win over the stored ones.
    QMap<QString, bool> decisions = data.decisions;
    for (auto it = m_decisions.cbegin(); it != m_decisions.cend(); ++it)
        decisions.insert(it.key(), it.value());
    for (const QString &uri : data.blocked) {
        const QString key = WatcherDecisionStore::keyOf(uri);
        if (!decisions.contains(key))
            decisions.insert(key, false);
    }
    m_decisions = decisions;
    m_contacts = data.contacts;
    m_loaded = true;
    m_engine.setWatcherDecisions(m_decisions);
    pushAllowedWatchers();
    emit loaded(int(data.decisions.size()), int(data.contacts.size()));
    const auto held = std::exchange(m_heldRequests, {});
    for (const auto &[uri, name] : held)
        onWatcherRequest(uri, name);
}

void PresenceController::pushAllowedWatchers()
{
    m_engine.setAllowedWatchers(m_contacts + m_watched);
}

void PresenceController::onWatcherRequest(const QString &uri, const QString &displayName)
{
    if (!m_loaded) {
        m_heldRequests.append({ uri, displayName });
        return;
    }
    // Decided already (a request that overtook the decisions on their way to the engine).
    const auto decided = m_decisions.constFind(WatcherDecisionStore::keyOf(uri));
    if (decided != m_decisions.constEnd()) {
        m_engine.authorizeWatcher(uri, *decided);
        return;
    }
    emit watcherRequest(uri, displayName);
}

void PresenceController::decideWatcher(const QString &uri, bool allow)
{
    const QString watcher = uri.trimmed();
    if (watcher.isEmpty())
        return;
    m_decisions.insert(WatcherDecisionStore::keyOf(watcher), allow);
    m_engine.authorizeWatcher(watcher, allow);
    if (!m_storage.isStarted()) {
        emit watcherDecisionStored(watcher, allow, false);
        return;
    }
    m_storage.run(
            this,
            [watcher, allow](StorageContext &context) {
                const bool ok = context.database().isOpen()
                        && WatcherDecisionStore(context.database()).set(watcher, allow);
                if (!ok)
                    qCWarning(lcPresence, "cannot remember the decision about %s: %s",
                              qPrintable(watcher), qPrintable(context.database().lastError()));
                return ok;
            },
            [this, watcher, allow](bool stored) {
                emit watcherDecisionStored(watcher, allow, stored);
            });
}

} // namespace App
