// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presence/PresenceDocument.h"
#include "presence/PresenceStatus.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

namespace Sip {

/// The presence of a watched contact, as the last good NOTIFY body described it
/// (Subscription::presenceChanged()). Plain value.
struct PresenceUpdate
{
    QString entity; // the URI we subscribed to (the Subscription's target)
    PresenceStatus status = PresenceStatus::Offline; // PresenceDocument::status()
    QString note; // PresenceDocument::bestNote(), empty if none
    QString contentType; // of the body, e.g. "application/pidf+xml"
    QByteArray rawDocument; // the NOTIFY body as received
    PresenceDocument document; // its parsed form

    friend bool operator==(const PresenceUpdate &, const PresenceUpdate &) = default;
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::PresenceUpdate)
