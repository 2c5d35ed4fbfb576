// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SubscriptionStatus.h"

namespace Sip {

QString subscriptionPhaseName(SubscriptionPhase phase)
{
    switch (phase) {
    case SubscriptionPhase::Idle:
        return QStringLiteral("idle");
    case SubscriptionPhase::Subscribing:
        return QStringLiteral("subscribing");
    case SubscriptionPhase::Pending:
        return QStringLiteral("pending");
    case SubscriptionPhase::Active:
        return QStringLiteral("active");
    case SubscriptionPhase::Retrying:
        return QStringLiteral("retrying");
    case SubscriptionPhase::Unsubscribing:
        return QStringLiteral("unsubscribing");
    case SubscriptionPhase::Terminated:
        return QStringLiteral("terminated");
    }
    return {};
}

} // namespace Sip
