// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "contacts/ImportLimits.h"
#include "contacts/ImportResult.h"

#include <QByteArray>

class QIODevice;

namespace App {

/// Reads vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350) files into contacts.
///
/// Kept: FN (or N when FN is missing), TEL with its TYPE, the SIP address (IMPP:sip:...,
/// X-SIP, TEL;TYPE=sip or a TEL whose value is a sip: URI; further ones become numbers of
/// type "sip"), EMAIL, the first CATEGORIES entry as the group, X-PARLO-FAVOURITE.
/// Handled: line folding, backslash escapes, quoted and 2.1-style bare parameters,
/// QUOTED-PRINTABLE with CHARSET (2.1/3.0 exports), property groups ("item1.TEL"), UTF-8
/// with or without BOM. Everything else (PHOTO, ADR, ...) is skipped, at any size.
///
/// Malformed input fails per record, with the line and the reason: text outside
/// BEGIN/END, a card without END:VCARD, an unknown VERSION, invalid UTF-8, over-long
/// values, a card with nothing to call or show. The import goes on with the next card.
class VCardReader
{
public:
    static ImportResult read(QIODevice *device, const ImportLimits &limits = {});
    static ImportResult read(const QByteArray &data, const ImportLimits &limits = {});
};

} // namespace App
