// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sip/SipEngine.h"

#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

namespace App {

class StorageThread;

/// The status the user chooses for themselves. Invisible shows as offline (basic closed).
enum class PresenceStatus { Available, Away, Busy, DoNotDisturb, Invisible };

/// Presence for the GUI and parlo-cli alike: the contacts we watch, our own status, and
/// who may watch us.
///
/// Watching: watch()/unwatch() (or setWatchedContacts() for the whole list) SUBSCRIBE to
/// each contact (RFC 3856) once the engine has started; every NOTIFY becomes
/// contactPresenceChanged(uri, basic, activity, note), with basic "open"/"closed" and
/// activity "away", "busy", "on-the-phone", "dnd" or "". A subscription that ends shows
/// the contact closed. A malformed document keeps the last good state; the engine answers
/// it 200 and presenceDocumentRejected() says why (also logged).
///
/// Our status: setOwnStatus() is what the user chose; what watchers see is derived:
/// Invisible and DoNotDisturb stand, otherwise "on-the-phone" while a call is
/// established (SipEngine::callStateChanged), otherwise "away" while the user is idle
/// (setUserIdle(), from the GUI's idle detector after idleMinutes()), otherwise the
/// choice. Every change goes to the engine, which NOTIFYs our watchers and PUBLISHes when
/// there is an account.
///
/// Watchers (serverless): the engine accepts at once the watchers we decided on before
/// (table watcher_decisions, loaded from storage at start) and our contacts (the contact
/// list, except blocked ones, and everyone we watch); anyone else is watcherRequest(),
/// answered by decideWatcher(), which is remembered in the database.
class PresenceController : public QObject
{
    Q_OBJECT
public:
    // `storage` must be started (or be started soon): decisions and contacts are read
    // from it at once, decisions written to it.
    PresenceController(Sip::SipEngine &engine, StorageThread &storage, QObject *parent = nullptr);
    ~PresenceController() override;

    void watch(const QString &uri);
    void unwatch(const QString &uri);
    void setWatchedContacts(const QStringList &uris);
    QStringList watchedContacts() const;
    // The contact list changed (parlo-cli's contact-add/contact-remove; the GUI's list
    // goes through setWatchedContacts()): a contact may watch us without being asked, a
    // pending request of theirs is let in at once unless we refused them before; a removed
    // contact asks again next time.
    void contactAdded(const QString &uri);
    void contactRemoved(const QString &uri);

    void setOwnStatus(App::PresenceStatus status, const QString &note);
    App::PresenceStatus ownStatus() const { return m_status; }
    QString ownNote() const { return m_note; }
    // What watchers see now: "available", "away", "busy", "on-the-phone", "dnd", "offline".
    QString effectiveStatus() const;

    // The user's answer to watcherRequest(); stored, and applied to the engine at once.
    void decideWatcher(const QString &uri, bool allow);

    // The GUI's idle detector: idle after idleMinutes() without input (0: never away).
    void setUserIdle(bool idle);
    void setIdleMinutes(int minutes);
    int idleMinutes() const { return m_idleMinutes; }

    // Whether the remembered decisions and contacts were read (and given to the engine).
    bool isLoaded() const { return m_loaded; }

    // "available", "away", "busy", "dnd", "invisible" (also "offline" when parsing).
    static QString statusName(App::PresenceStatus status);
    static bool statusFromName(const QString &name, App::PresenceStatus *status);

signals:
    void contactPresenceChanged(const QString &uri, const QString &basic, const QString &activity,
                                const QString &note);
    void watcherRequest(const QString &uri, const QString &displayName);
    // `effective` is what watchers see (effectiveStatus()).
    void ownStatusChanged(App::PresenceStatus status, const QString &effective,
                          const QString &note);
    void subscriptionStateChanged(const QString &uri, const QString &state, const QString &reason);
    // A watcher's subscription to us: "pending", "active", "terminated".
    void watcherStateChanged(const QString &uri, const QString &state, const QString &reason);
    void presenceDocumentRejected(const QString &uri, const QString &reason);
    // decideWatcher()'s answer is in the database (`stored`), or could not be written.
    void watcherDecisionStored(const QString &uri, bool allowed, bool stored);
    // Decisions and contacts were read and handed to the engine.
    void loaded(int decisions, int contacts);

private:
    struct Loaded
    {
        QMap<QString, bool> decisions; // watcher key -> allowed
        QStringList contacts; // SIP URIs of contacts we accept
        QStringList blocked; // contacts marked blocked
    };
    void applyLoaded(const Loaded &data);
    void pushAllowedWatchers();
    void onWatcherRequest(const QString &uri, const QString &displayName);
    void onCallState(const QString &callId, bool established);
    void publishEffective();
    void subscribeAll();

    Sip::SipEngine &m_engine;
    StorageThread &m_storage;
    bool m_engineStarted = false;
    bool m_loaded = false;
    QStringList m_watched; // in the order given
    QStringList m_contacts; // accepted watchers from the contact list
    QMap<QString, bool> m_decisions; // watcher key -> allowed
    QList<QPair<QString, QString>> m_heldRequests; // watcher requests before loading
    QSet<QString> m_establishedCalls;
    PresenceStatus m_status = PresenceStatus::Available;
    QString m_note;
    bool m_idle = false;
    int m_idleMinutes = 10;
    QString m_lastPublished; // "status|note" last given to the engine
};

} // namespace App

Q_DECLARE_METATYPE(App::PresenceStatus)
