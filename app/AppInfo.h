// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace App {

// Identity of the application: name, version and the organisation under which
// QSettings stores its configuration.
class AppInfo
{
public:
    static QString name();
    static QString version();
    static QString organisationName();
    // "Parlo 0.1.0"
    static QString versionString();

    // Sets application name, version and organisation on QCoreApplication. Safe to call
    // before the application object is created (the values are static).
    static void registerApplication();
};

} // namespace App
