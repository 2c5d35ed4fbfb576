// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// What the presence usage tests (tst_notifier, tst_ownpresence, tst_publication) read out
// of the NOTIFYs and PUBLISHes they catch.
#pragma once

#include "sip/message/SipMessage.h"
#include "sip/presence/PresenceDocument.h"

#include <QByteArray>
#include <QtGlobal>

#include <optional>
#include <string>

namespace PresenceTest {

// The PIDF body; nothing (with a warning saying why) when it does not parse.
inline std::optional<Sip::PresenceDocument> documentOf(const Sip::SipMessage &m)
{
    Sip::XmlError error;
    auto d = Sip::PresenceDocument::parse(QByteArray(m.body().data(), qsizetype(m.body().size())),
                                          &error);
    if (!d)
        qWarning("PIDF does not parse: %s", qPrintable(error.toString()));
    return d;
}

// Subscription-State as "active;expires=600", "terminated;reason=timeout"; "?" without.
inline std::string stateOf(const Sip::SipMessage &notify)
{
    const Sip::SubscriptionState *s = notify.subscriptionState();
    if (!s)
        return "?";
    std::string out(s->state());
    if (s->expires() >= 0)
        out += ";expires=" + std::to_string(s->expires());
    if (!s->reason().empty())
        out += ";reason=" + std::string(s->reason());
    return out;
}

} // namespace PresenceTest
