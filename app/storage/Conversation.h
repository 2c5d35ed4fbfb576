// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace App {

/// A chat with one peer (table conversations). Created on the first message either way.
struct Conversation
{
    qint64 id = 0;
    QString peerUri; // normalised
    qint64 lastActivityMs = 0; // time of the newest message
    int unreadCount = 0; // incoming messages since the last markRead()
};

} // namespace App

Q_DECLARE_METATYPE(App::Conversation)
