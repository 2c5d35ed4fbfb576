// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace App {

/// One account's registration as the GUI shows it (no SIP types, so ui/ can use it).
struct RegistrationInfo
{
    enum class State { Serverless, Unregistered, Registering, Registered, Failed };

    QString accountId;
    QString aor;
    State state = State::Unregistered;
    QString error; // the last error in words; empty when all is well
    int retryInSeconds = -1;
};

} // namespace App

Q_DECLARE_METATYPE(App::RegistrationInfo)
