// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Contact.h"

#include <QByteArray>
#include <QList>

namespace App {

/// Writes contacts as vCard 3.0 (RFC 2426) or 4.0 (RFC 6350): UTF-8, CRLF line ends,
/// lines folded at 75 octets without splitting a UTF-8 sequence, text values escaped.
/// The SIP address is an IMPP property (RFC 4770 for 3.0), the group CATEGORIES, the
/// favourite flag X-PARLO-FAVOURITE. VCardReader reads all of it back unchanged.
class VCardWriter
{
public:
    enum class Version { V3_0, V4_0 };

    static QByteArray write(const QList<Contact> &contacts, Version version = Version::V3_0);
    static QByteArray write(const Contact &contact, Version version = Version::V3_0);

    // Exposed for the tests.
    static QString escapeText(const QString &text); // \\ \, \; \n
    static QByteArray fold(const QByteArray &line); // with CRLF at the end
};

} // namespace App
