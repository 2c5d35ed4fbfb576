// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace App {

// Stored as integers: never renumber.
enum class CallDirection { Incoming = 0, Outgoing = 1 };

// Call history views. Missed: incoming, never answered, ended (declined ones included).
enum class CallFilter { All, Missed, Incoming, Outgoing };

/// One call in the history (table calls). Written when the call starts, updated on answer
/// and on hang-up, so a crash mid-call still leaves a record.
struct CallRecord
{
    qint64 id = 0;
    CallDirection direction = CallDirection::Incoming;
    QString peerUri; // normalised
    QString peerName; // display name from From/To, as shown at the time
    qint64 startMs = 0; // INVITE sent or received
    qint64 answerMs = 0; // 0: never answered
    qint64 endMs = 0; // 0: still going (or Parlo crashed; see closeInterrupted())
    int resultCode = 0; // final SIP status (200, 486, 603, 408, ...), 0 unknown
    QString reason; // "Busy Here", "Cancelled by caller", ...
    bool seen = true; // false for a missed call the user has not looked at yet
    QString callId;

    bool isMissed() const
    {
        return direction == CallDirection::Incoming && answerMs == 0 && endMs != 0;
    }
};

} // namespace App

Q_DECLARE_METATYPE(App::CallRecord)
