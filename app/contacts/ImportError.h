// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace App {

/// Why one record of an imported file was skipped (or, with record 0, why the file could
/// not be read further).
struct ImportError
{
    qint64 line = 0; // 1-based line of the offending text (0: not tied to a line)
    int record = 0; // 1-based record (vCard or CSV row) it belongs to; 0: none
    QString reason;

    // "line 12 (contact 3): TEL value is longer than 4096 characters"
    QString toString() const
    {
        QString where = line > 0 ? QStringLiteral("line %1").arg(line) : QStringLiteral("file");
        if (record > 0)
            where += QStringLiteral(" (contact %1)").arg(record);
        return where + QStringLiteral(": ") + reason;
    }
};

} // namespace App
