// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PresenceWatcher.h"

namespace Sip {

QString watcherStateName(WatcherState state)
{
    switch (state) {
    case WatcherState::Pending:
        return QStringLiteral("pending");
    case WatcherState::Active:
        return QStringLiteral("active");
    case WatcherState::Terminated:
        return QStringLiteral("terminated");
    }
    return {};
}

} // namespace Sip
