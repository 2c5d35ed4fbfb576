// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/PhoneNumber.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace App {

// Whether this contact may see our presence (RFC 3856 watcher authorisation).
// Stored as integers: never renumber.
enum class PresenceAuthorization { Pending = 0, Allowed = 1, Blocked = 2 };

/// An address-book entry (table contacts); also what vCard and CSV import produce.
struct Contact
{
    qint64 id = 0; // 0: not stored yet
    QString displayName;
    QString sipUri; // normalised by the store; empty: the contact has only numbers
    QList<PhoneNumber> numbers;
    QStringList emails;
    QString group;
    bool favourite = false;
    PresenceAuthorization presenceAuthorization = PresenceAuthorization::Pending;

    // Equality of the user-visible data (not the id): round-trip tests and merge checks.
    bool sameData(const Contact &other) const
    {
        return displayName == other.displayName && sipUri == other.sipUri
                && numbers == other.numbers && emails == other.emails && group == other.group
                && favourite == other.favourite
                && presenceAuthorization == other.presenceAuthorization;
    }
};

} // namespace App

Q_DECLARE_METATYPE(App::Contact)
