// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Sip {

/// The small set of states the GUI shows for a buddy, and that we publish for ourselves.
/// PresenceDocument::status() maps a PIDF/RPID document onto it; forOwnStatus() builds a
/// document from it (Offline doubles as "invisible": basic closed).
enum class PresenceStatus { Offline, Available, Away, Busy, OnThePhone, DoNotDisturb };

namespace PresenceStatuses {

QString name(PresenceStatus status); // "offline", "available", "away", "busy", "on-the-phone", "dnd"
bool fromName(const QString &name, PresenceStatus *status);

} // namespace PresenceStatuses

} // namespace Sip
