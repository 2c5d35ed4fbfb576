// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Contact.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

namespace App {

class StorageThread;

/// The address book with each contact's presence, for the contact list. Loads and
/// writes through StorageThread jobs: the GUI thread never waits for the database.
/// Presence is kept by SIP URI, so it survives a reload and applies to contacts added
/// later.
class ContactListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        DisplayNameRole,
        SipUriRole,
        GroupRole,
        FavouriteRole,
        PresenceRole, // "available", "away", "busy", "dnd", "offline", "unknown"
        PresenceNoteRole,
        SearchTextRole, // name, URI, numbers and e-mails, lower case: what the filter matches
        ContactRole, // the whole Contact
    };

    explicit ContactListModel(StorageThread &storage, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool isLoaded() const { return m_loaded; }
    Contact contactAt(int row) const { return m_contacts.value(row); }
    int rowForUri(const QString &uri) const;
    int rowForId(qint64 id) const;
    QList<Contact> contacts() const { return m_contacts; }
    QStringList sipUris() const;
    // The name to show for an address: the contact's name, else the address itself.
    QString displayNameFor(const QString &uri) const;

    // The presence key of a PIDF basic status and RPID activity.
    static QString presenceKey(const QString &basic, const QString &activity);

public slots:
    void reload();
    void addContact(const App::Contact &contact);
    void updateContact(const App::Contact &contact);
    void removeContact(qint64 id);
    void setFavourite(qint64 id, bool favourite);
    void importContacts(const QList<App::Contact> &contacts);
    // From the presence controller (PIDF basic + RPID activity) ...
    void setPresence(const QString &uri, const QString &basic, const QString &activity,
                     const QString &note);
    // ... or directly with a presence key.
    void setPresenceKey(const QString &uri, const QString &key, const QString &note);

signals:
    void loaded();
    // The outcome of addContact/updateContact/removeContact; error empty on success.
    void saved(qint64 id, const QString &error);
    void imported(int added, const QStringList &errors);
    void sipUrisChanged(const QStringList &uris);

private:
    struct Presence
    {
        QString key = QStringLiteral("unknown");
        QString note;
    };
    void insertSorted(const Contact &contact);
    static bool lessThan(const Contact &a, const Contact &b);

    StorageThread &m_storage;
    QList<Contact> m_contacts; // by display name, case-insensitive
    QHash<QString, Presence> m_presence; // by normalised URI
    bool m_loaded = false;
};

} // namespace App
