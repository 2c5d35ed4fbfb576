// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace Sip {

enum class RegistrationState {
    Unregistered,
    Registering,
    Registered,
    Unregistering,
    Failed, // waiting to retry (a retry is scheduled) or given up (wrong password, 403)
};

QString registrationStateName(RegistrationState state);

/// A snapshot of one account's registration, pushed to the app layer on every change.
struct RegistrationStatus
{
    RegistrationState state = RegistrationState::Unregistered;
    int expires = 0; // granted by the registrar, seconds
    int code = 0; // last final response (408 timeout, 503 transport error)
    QString reason; // last error in words, empty when all is well
    int retryInSeconds = -1; // when the next attempt is due after a failure, -1: none
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::RegistrationStatus)
