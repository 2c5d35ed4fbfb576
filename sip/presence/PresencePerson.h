// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presence/PresenceNote.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Sip {

/// A data-model <dm:person> (RFC 4479 §3.2) with the RPID (RFC 4480) parts we use.
struct PresencePerson
{
    QString id;
    // rpid:activities (RFC 4480 §3.2), local names in document order: "away", "busy",
    // "on-the-phone", "meeting", "vacation", ... ("unknown" included when sent).
    QStringList activities;
    QStringList otherActivities; // texts of <rpid:other> activities
    QString userInput;           // rpid:user-input (§3.8): "active" or "idle", empty: none
    QList<PresenceNote> notes;   // dm:note
    QString timestamp;           // dm:timestamp

    friend bool operator==(const PresencePerson &, const PresencePerson &) = default;
};

} // namespace Sip
