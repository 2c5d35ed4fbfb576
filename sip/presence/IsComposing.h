// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presence/BoundedXmlReader.h"
#include "presence/XmlError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Sip {

/// An is-composing indication (RFC 3994, application/im-iscomposing+xml), sent in a
/// MESSAGE to show "... is typing". Plain value.
///
/// Timers the RFC asks of the two sides (the caller runs them):
///  - composer (RFC 3994 §3.2): "active" when typing starts, refreshed every `refresh`
///    seconds while typing goes on (120 s by default, not below 60 s); "idle" after
///    IdleTimeout (15 s) without typing. Sending the message itself ends "active", no
///    "idle" indication is needed then.
///  - receiver (§3.3): an "active" state lapses to idle after `refresh` seconds (120 s
///    when absent) and whenever a message from that sender arrives.
struct IsComposing
{
    static constexpr const char *Namespace = "urn:ietf:params:xml:ns:im-iscomposing";
    static constexpr const char *ContentType = "application/im-iscomposing+xml";
    static constexpr int DefaultRefresh = 120;         // s, composer side (§3.2)
    static constexpr int ReceiverDefaultTimeout = 120; // s, when refresh is absent (§3.3)
    static constexpr int IdleTimeout = 15;             // s (§3.2)

    enum class State { Idle, Active };

    State state = State::Idle;
    QString lastActive;  // <lastactive>, RFC 3339 text as sent; empty: none
    QString contentType; // <contenttype> being composed ("text/plain"); empty: none
    std::optional<int> refresh; // <refresh>, seconds (positive); only with active

    QDateTime lastActiveTime() const; // lastActive parsed, invalid if absent/unparseable
    // How long a receiver keeps showing "active" for this indication (§3.3), 0 for idle.
    int activeTimeout() const { return state == State::Active ? refresh.value_or(ReceiverDefaultTimeout) : 0; }

    static IsComposing active(const QString &contentType = QStringLiteral("text/plain"),
                              int refresh = DefaultRefresh);
    static IsComposing idle(const QDateTime &lastActive = {});

    static std::optional<IsComposing> parse(QByteArrayView xml, XmlError *error);
    QByteArray toXml() const;

    friend bool operator==(const IsComposing &, const IsComposing &) = default;
};

} // namespace Sip
