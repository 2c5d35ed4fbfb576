// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Preferences.h"

namespace App {

void Preferences::load(QSettings &s)
{
    const Preferences defaults;
    s.beginGroup(QStringLiteral("preferences"));
    language = s.value(QStringLiteral("language"), defaults.language).toString();
    startMinimised = s.value(QStringLiteral("start_minimised"), defaults.startMinimised).toBool();
    closeToTray = s.value(QStringLiteral("close_to_tray"), defaults.closeToTray).toBool();
    startAtLogin = s.value(QStringLiteral("start_at_login"), defaults.startAtLogin).toBool();
    audioInput = s.value(QStringLiteral("audio_input")).toString();
    audioOutput = s.value(QStringLiteral("audio_output")).toString();
    ringDevice = s.value(QStringLiteral("ring_device")).toString();
    echoCancellation
            = s.value(QStringLiteral("echo_cancellation"), defaults.echoCancellation).toBool();
    autoAnswerSeconds = s.value(QStringLiteral("auto_answer"), defaults.autoAnswerSeconds).toInt();
    ipv6 = s.value(QStringLiteral("ipv6"), defaults.ipv6).toBool();
    sipPort = s.value(QStringLiteral("sip_port"), defaults.sipPort).toInt();
    firstRunDone = s.value(QStringLiteral("first_run_done"), defaults.firstRunDone).toBool();
    serverless = s.value(QStringLiteral("serverless"), defaults.serverless).toBool();
    s.endGroup();
}

void Preferences::save(QSettings &s) const
{
    s.beginGroup(QStringLiteral("preferences"));
    s.setValue(QStringLiteral("language"), language);
    s.setValue(QStringLiteral("start_minimised"), startMinimised);
    s.setValue(QStringLiteral("close_to_tray"), closeToTray);
    s.setValue(QStringLiteral("start_at_login"), startAtLogin);
    s.setValue(QStringLiteral("audio_input"), audioInput);
    s.setValue(QStringLiteral("audio_output"), audioOutput);
    s.setValue(QStringLiteral("ring_device"), ringDevice);
    s.setValue(QStringLiteral("echo_cancellation"), echoCancellation);
    s.setValue(QStringLiteral("auto_answer"), autoAnswerSeconds);
    s.setValue(QStringLiteral("ipv6"), ipv6);
    s.setValue(QStringLiteral("sip_port"), sipPort);
    s.setValue(QStringLiteral("first_run_done"), firstRunDone);
    s.setValue(QStringLiteral("serverless"), serverless);
    s.endGroup();
}

} // namespace App
