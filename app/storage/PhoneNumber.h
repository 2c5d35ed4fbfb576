// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace App {

/// An extra number of a contact: "+44 20 7946 0000", type "work" (free text, usually a
/// vCard TEL type: cell, work, home, fax, ...; may be empty).
struct PhoneNumber
{
    QString type;
    QString number;

    friend bool operator==(const PhoneNumber &, const PhoneNumber &) = default;
};

} // namespace App
