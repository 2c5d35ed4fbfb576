// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PresenceColors.h"

#include <QCoreApplication>

namespace Gui {

QColor PresenceColors::color(const QString &key)
{
    if (key == QLatin1String("available"))
        return QColor(0x2e, 0x9e, 0x4f);
    if (key == QLatin1String("away"))
        return QColor(0xe8, 0xa3, 0x17);
    if (key == QLatin1String("busy") || key == QLatin1String("dnd"))
        return QColor(0xd6, 0x45, 0x41);
    return QColor(0x9a, 0x9a, 0x9a); // offline, invisible, unknown
}

QString PresenceColors::label(const QString &key)
{
    if (key == QLatin1String("available"))
        return QCoreApplication::translate("Gui::PresenceColors", "Available");
    if (key == QLatin1String("away"))
        return QCoreApplication::translate("Gui::PresenceColors", "Away");
    if (key == QLatin1String("busy"))
        return QCoreApplication::translate("Gui::PresenceColors", "Busy");
    if (key == QLatin1String("dnd"))
        return QCoreApplication::translate("Gui::PresenceColors", "Do not disturb");
    if (key == QLatin1String("invisible"))
        return QCoreApplication::translate("Gui::PresenceColors", "Invisible");
    if (key == QLatin1String("offline"))
        return QCoreApplication::translate("Gui::PresenceColors", "Offline");
    return QCoreApplication::translate("Gui::PresenceColors", "Unknown");
}

} // namespace Gui
