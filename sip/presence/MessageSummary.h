// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Sip {

/// A message summary (RFC 3842, application/simple-message-summary): the body of a
/// NOTIFY of the "message-summary" event package, the voicemail indicator. Plain value.
///
///     Messages-Waiting: yes
///     Message-Account: sip:alice@vmail.example.com
///     Voice-Message: 2/8 (0/2)
///
/// Parsing follows the §5.2 grammar leniently where servers differ (header names in any
/// case, spaces around the numbers, CRLF or LF, message headers after the summary lines
/// ignored); a body without a valid Messages-Waiting line, or a malformed summary line of
/// a known class, is an error.
struct MessageSummary
{
    static constexpr const char *ContentType = "application/simple-message-summary";
    static constexpr const char *EventPackage = "message-summary";

    struct Counts
    {
        int newMessages = 0;
        int oldMessages = 0;
        int newUrgent = 0;
        int oldUrgent = 0;
        friend bool operator==(const Counts &, const Counts &) = default;
    };

    bool waiting = false; // Messages-Waiting
    QString account; // Message-Account, empty if absent
    Counts voice; // Voice-Message (the class a softphone shows); zeros if absent
    bool hasVoiceCounts = false;

    static std::optional<MessageSummary> parse(QByteArrayView body, QString *error);

    friend bool operator==(const MessageSummary &, const MessageSummary &) = default;
};

} // namespace Sip
