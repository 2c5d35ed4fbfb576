// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Contact.h"

#include <QByteArray>
#include <QList>

namespace App {

/// Writes contacts as CSV (RFC 4180, CRLF, UTF-8) with a header row CsvReader and
/// Google Contacts understand: Name, SIP URI, Group, Favourite, Phone N - Type,
/// Phone N - Value, E-mail N - Value (as many numbered columns as the longest list).
///
/// A value a spreadsheet would run as a formula (starting with =, @, tab, CR, or + / -
/// not followed by a phone number) gets a leading apostrophe, which CsvReader removes.
class CsvWriter
{
public:
    // `byteOrderMark`: Excel only recognises UTF-8 with one; other tools do not care.
    static QByteArray write(const QList<Contact> &contacts, bool byteOrderMark = true);

    static QByteArray quoteField(const QString &value); // exposed for the tests
};

} // namespace App
