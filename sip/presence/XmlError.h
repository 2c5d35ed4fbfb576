// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Sip {

/// Why an XML body (PIDF, is-composing) was refused, and where: line and column are
/// 1-based positions in the body as QXmlStreamReader counts them (0 when the fault is
/// the body as a whole, e.g. its size).
struct XmlError
{
    qint64 line = 0;
    qint64 column = 0;
    QString message;

    bool isError() const { return !message.isEmpty(); }
    // "line 3, column 14: Opening and ending tag mismatch."
    QString toString() const
    {
        if (line <= 0)
            return message;
        return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
    }
};

} // namespace Sip
