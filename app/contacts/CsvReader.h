// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "contacts/ImportLimits.h"
#include "contacts/ImportResult.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace App {

/// Reads contacts from CSV (RFC 4180): quoted fields with embedded delimiters, doubled
/// quotes and line breaks; CRLF or LF; UTF-8 with or without BOM. The delimiter is taken
/// from the header row (',' unless it has more ';' or tabs, as European spreadsheets write).
///
/// The header row names the columns, matched case- and punctuation-insensitively:
/// Parlo's own export (Name, SIP URI, Group, Favourite, Phone N - Type/Value, E-mail N -
/// Value), Google Contacts' (Given Name, Family Name, Group Membership, values joined
/// with " ::: ") and Outlook's (First Name, Last Name, Mobile Phone, Business Phone, Home
/// Phone, E-mail Address). Unknown columns are ignored.
///
/// A bad row (unclosed quote, junk after a closing quote, more fields than the header,
/// over-long field, invalid UTF-8, nothing usable) is reported with its line and skipped.
class CsvReader
{
public:
    static ImportResult read(QIODevice *device, const ImportLimits &limits = {});
    static ImportResult read(const QByteArray &data, const ImportLimits &limits = {});

    // The RFC 4180 layer alone, for the tests: records as raw UTF-8 fields.
    struct Record
    {
        QList<QByteArray> fields;
        qint64 line = 0; // where the record starts
        QString error; // empty: well-formed
    };
    static QList<Record> parseRecords(const QByteArray &data, char delimiter = ',',
                                      const ImportLimits &limits = {});
};

} // namespace App
