// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "contacts/ImportError.h"
#include "storage/Contact.h"

#include <QList>

namespace App {

/// What an import produced: the contacts it could read and one error per record it could
/// not. A bad record never stops the import; only the limits (record count, input size) do,
/// which `stopped` reports.
struct ImportResult
{
    QList<Contact> contacts;
    QList<qint64> contactLines; // the line each contact starts on, parallel to `contacts`
    QList<ImportError> errors; // at most Limits::maxErrors of them
    int recordCount = 0; // records seen, good and bad
    int suppressedErrors = 0; // errors beyond maxErrors, counted but not kept
    bool stopped = false; // a limit ended the import early (the last error says which)

    bool hasErrors() const { return !errors.isEmpty() || suppressedErrors > 0; }
};

} // namespace App
