// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallState.h"

namespace Sip {

QString callStateName(CallState state)
{
    switch (state) {
    case CallState::Calling:
        return QStringLiteral("calling");
    case CallState::Ringing:
        return QStringLiteral("ringing");
    case CallState::Early:
        return QStringLiteral("early");
    case CallState::Confirmed:
        return QStringLiteral("confirmed");
    case CallState::Held:
        return QStringLiteral("held");
    case CallState::Terminated:
        return QStringLiteral("terminated");
    }
    return {};
}

QString callEndCauseName(CallEndCause cause)
{
    switch (cause) {
    case CallEndCause::None:
        return QStringLiteral("none");
    case CallEndCause::LocalHangup:
        return QStringLiteral("local-hangup");
    case CallEndCause::RemoteHangup:
        return QStringLiteral("remote-hangup");
    case CallEndCause::LocalCancel:
        return QStringLiteral("cancelled");
    case CallEndCause::NoAnswer:
        return QStringLiteral("no-answer");
    case CallEndCause::RemoteCancel:
        return QStringLiteral("missed");
    case CallEndCause::AnsweredElsewhere:
        return QStringLiteral("answered-elsewhere");
    case CallEndCause::Rejected:
        return QStringLiteral("rejected");
    case CallEndCause::LocalReject:
        return QStringLiteral("declined");
    case CallEndCause::Failed:
        return QStringLiteral("failed");
    case CallEndCause::Transferred:
        return QStringLiteral("transferred");
    case CallEndCause::Replaced:
        return QStringLiteral("replaced");
    }
    return {};
}

} // namespace Sip
