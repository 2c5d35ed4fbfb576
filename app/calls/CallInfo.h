// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace App {

/// One call as the GUI shows it: plain values, no SIP types, so ui/ can use it.
struct CallInfo
{
    enum class Direction { Incoming, Outgoing };
    // Incoming: ringing here, waiting for the user; Calling/Ringing: outgoing, before
    // the answer; Connected and Held: established; Ended: over, kept briefly for the view.
    enum class State { Incoming, Calling, Ringing, Connected, Held, Ended };

    QString id;
    Direction direction = Direction::Outgoing;
    QString peerUri;
    QString peerName;
    State state = State::Calling;
    qint64 startedMs = 0; // created
    qint64 connectedMs = 0; // 0: not answered yet
    qint64 endedMs = 0;
    int statusCode = 0;
    QString reason; // why it ended, in words
    bool localHold = false;
    bool remoteHold = false;
    bool muted = false;
    // Media, from the negotiation and the statistics.
    QString codec;
    bool srtp = false;
    double lossPercent = 0.0;
    double jitterMs = 0.0;
    double rttMs = -1.0;

    bool isActive() const { return state != State::Ended; }
    bool isEstablished() const { return state == State::Connected || state == State::Held; }
};

} // namespace App

Q_DECLARE_METATYPE(App::CallInfo)
