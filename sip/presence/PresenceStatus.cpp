// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence/PresenceStatus.h"

namespace Sip::PresenceStatuses {

QString name(PresenceStatus status)
{
    switch (status) {
    case PresenceStatus::Offline:
        return QStringLiteral("offline");
    case PresenceStatus::Available:
        return QStringLiteral("available");
    case PresenceStatus::Away:
        return QStringLiteral("away");
    case PresenceStatus::Busy:
        return QStringLiteral("busy");
    case PresenceStatus::OnThePhone:
        return QStringLiteral("on-the-phone");
    case PresenceStatus::DoNotDisturb:
        return QStringLiteral("dnd");
    }
    return QStringLiteral("offline");
}

bool fromName(const QString &name, PresenceStatus *status)
{
    for (auto s : {PresenceStatus::Offline, PresenceStatus::Available, PresenceStatus::Away,
                   PresenceStatus::Busy, PresenceStatus::OnThePhone, PresenceStatus::DoNotDisturb}) {
        if (PresenceStatuses::name(s) == name) {
            if (status)
                *status = s;
            return true;
        }
    }
    return false;
}

} // namespace Sip::PresenceStatuses
