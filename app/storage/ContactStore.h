// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Contact.h"

#include <QList>

#include <optional>

namespace App {

class Database;

/// The address book over a Database (synchronous, in the database's thread). SIP URIs are
/// normalised on the way in (SipUriNormalizer) and unique: adding a second contact with
/// the same address fails with a message naming it. Failures leave the reason in
/// Database::lastError().
class ContactStore
{
public:
    explicit ContactStore(Database &db);

    std::optional<qint64> add(const Contact &contact);
    // Many contacts in one transaction (an import: one fsync instead of thousands). Each
    // contact is stored or rejected on its own; the result has one entry per input, the
    // new id or std::nullopt, and `errors` (if given) the reason for each rejected one.
    QList<std::optional<qint64>> addMany(const QList<Contact> &contacts,
                                         QStringList *errors = nullptr);
    bool update(const Contact &contact); // by contact.id
    bool remove(qint64 id);

    std::optional<Contact> contact(qint64 id);
    std::optional<Contact> findByUri(const QString &sipUri); // nullopt and no error: none
    // Everyone, by display name (case-insensitive for ASCII), favourites not separated.
    QList<Contact> all(int limit = 100000);
    QList<Contact> favourites();
    // Substring match on name, SIP URI, numbers and e-mail addresses, by name.
    QList<Contact> search(const QString &text, int limit = 200);
    std::optional<int> count();

    bool setFavourite(qint64 id, bool favourite);
    bool setPresenceAuthorization(qint64 id, PresenceAuthorization state);

private:
    std::optional<qint64> insert(const Contact &contact);
    QList<Contact> list(const QString &whereOrderLimit, const QVariantList &binds,
                        const char *what);

    Database &m_db;
};

} // namespace App
