// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSettings>
#include <QString>

namespace App {

/// The GUI's own settings besides the account and the network: audio, appearance and
/// call behaviour. Same QSettings file as AccountSettings, group "preferences".
struct Preferences
{
    QString language; // "en", "zh_CN"; empty: follow the system
    bool startMinimised = false;
    bool closeToTray = true;
    bool startAtLogin = false;
    QString audioInput; // device description; empty: the system default
    QString audioOutput;
    QString ringDevice;
    bool echoCancellation = true;
    int autoAnswerSeconds = -1; // -1: never
    bool ipv6 = false;
    int sipPort = 5060; // 0: any free port
    bool firstRunDone = false;
    bool serverless = false; // the user skipped the account: peer to peer only

    void load(QSettings &settings);
    void save(QSettings &settings) const;
};

} // namespace App
