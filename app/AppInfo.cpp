// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AppInfo.h"

#include "parlo_version.h"

#include <QCoreApplication>

namespace App {

QString AppInfo::name()
{
    return QStringLiteral("Parlo");
}

QString AppInfo::version()
{
    return QStringLiteral(PARLO_VERSION);
}

QString AppInfo::organisationName()
{
    return QStringLiteral("Parlo");
}

QString AppInfo::versionString()
{
    return name() + QLatin1Char(' ') + version();
}

void AppInfo::registerApplication()
{
    QCoreApplication::setApplicationName(name());
    QCoreApplication::setApplicationVersion(version());
    QCoreApplication::setOrganizationName(organisationName());
}

} // namespace App
