// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Sip {

/// A <note> (RFC 3863 §4.1.6, RFC 4479 dm:note): free text with an optional xml:lang.
struct PresenceNote
{
    QString text;
    QString lang; // empty: not given

    friend bool operator==(const PresenceNote &, const PresenceNote &) = default;
};

} // namespace Sip
