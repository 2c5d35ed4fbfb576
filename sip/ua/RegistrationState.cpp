// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RegistrationState.h"

namespace Sip {

QString registrationStateName(RegistrationState state)
{
    switch (state) {
    case RegistrationState::Unregistered:
        return QStringLiteral("unregistered");
    case RegistrationState::Registering:
        return QStringLiteral("registering");
    case RegistrationState::Registered:
        return QStringLiteral("registered");
    case RegistrationState::Unregistering:
        return QStringLiteral("unregistering");
    case RegistrationState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace Sip
