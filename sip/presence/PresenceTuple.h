// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presence/PresenceNote.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Sip {

/// A PIDF <tuple> (RFC 3863 §4.1.2): one way to reach the presentity (a service).
struct PresenceTuple
{
    enum class Basic { Unknown, Open, Closed }; // <status><basic> (§4.1.4)

    QString id;
    Basic basic = Basic::Unknown;
    QString contact;          // <contact> URI (§4.1.5)
    QString contactPriority;  // its priority attribute, "0".."1", empty: none
    QList<PresenceNote> notes;
    QString timestamp;        // <timestamp>, RFC 3339 text as sent
    // RPID activities found inside the tuple (older clients put rpid-status there).
    QStringList activities;

    friend bool operator==(const PresenceTuple &, const PresenceTuple &) = default;
};

} // namespace Sip
