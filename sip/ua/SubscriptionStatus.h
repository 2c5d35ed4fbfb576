// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace Sip {

/// Where one subscription of ours (a Subscription: one watched contact) stands.
///   Idle          subscribe() not called yet.
///   Subscribing   the initial SUBSCRIBE is out (or was answered), no NOTIFY yet.
///   Pending       the notifier accepted it but has not authorized us (RFC 6665 §4.1.3,
///                 Subscription-State: pending); NOTIFYs carry no state.
///   Active        Subscription-State: active; NOTIFYs carry the state.
///   Retrying      the subscription was lost or refused for now (481, 408, 5xx, timeout,
///                 terminated;reason=deactivated|probation|timeout, ...): a new one is
///                 scheduled in SubscriptionStatus::retryInSeconds.
///   Unsubscribing unsubscribe(): SUBSCRIBE with Expires: 0 sent, waiting for the final
///                 NOTIFY (terminated), at most 64*T1 (RFC 6665 §4.1.2.3, Timer N).
///   Terminated    over for good: unsubscribed, rejected (reason=rejected|noresource|
///                 invariant|giveup), 489 Bad Event, a refusal (403, 404, 603, ...) or a
///                 wrong password. Subscription::ended() follows.
enum class SubscriptionPhase : quint8 {
    Idle,
    Subscribing,
    Pending,
    Active,
    Retrying,
    Unsubscribing,
    Terminated
};

QString subscriptionPhaseName(SubscriptionPhase phase); // "idle", "subscribing", ...

/// A snapshot of a subscription, pushed on every change (Subscription::statusChanged()).
struct SubscriptionStatus
{
    SubscriptionPhase phase = SubscriptionPhase::Idle;
    // The event-reason of the last Subscription-State: terminated (RFC 6665 §4.1.3):
    // "deactivated", "probation", "rejected", "timeout", "giveup", "noresource",
    // "invariant", or another token; empty when none.
    QString reason;
    // The SIP status code behind the change: the final response to our SUBSCRIBE (200,
    // 481, 489, 403, the synthetic 408 / 503 of a timeout or transport error), 0 when a
    // NOTIFY or a local action caused it.
    int statusCode = 0;
    // What went wrong, in words; empty when all is well.
    QString error;
    // The subscription duration the notifier granted (seconds), 0 while unknown.
    int expires = 0;
    // Retrying: seconds until the next SUBSCRIBE; -1 otherwise.
    int retryInSeconds = -1;

    bool isTerminated() const { return phase == SubscriptionPhase::Terminated; }
    friend bool operator==(const SubscriptionStatus &, const SubscriptionStatus &) = default;
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::SubscriptionPhase)
Q_DECLARE_METATYPE(Sip::SubscriptionStatus)
