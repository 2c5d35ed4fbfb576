// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

class QIODevice;

namespace App {

/// Physical lines from a device, without holding more than one capped line in memory: a
/// line longer than the cap is cut (and flagged) and its rest skipped, so a file with no
/// newline at all costs `maxLineBytes`, not its size. Line ends: LF or CRLF. A UTF-8 byte
/// order mark at the start is dropped.
class BoundedLineReader
{
public:
    struct Line
    {
        QByteArray text; // without the line end
        qint64 number = 0; // 1-based
        bool truncated = false;
    };

    BoundedLineReader(QIODevice *device, qsizetype maxLineBytes, qint64 maxInputBytes);

    bool next(Line &line); // false at the end of the input
    // The input was longer than maxInputBytes; reading stopped there.
    bool inputLimitReached() const { return m_inputLimitReached; }
    // The first bytes look like UTF-16 or UTF-32 (a BOM or NULs): an encoding we reject.
    static bool looksLikeUtf16(const QByteArray &start);

private:
    bool fill();

    QIODevice *m_device;
    qsizetype m_maxLineBytes;
    qint64 m_maxInputBytes;
    qint64 m_totalRead = 0;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_lineNumber = 0;
    bool m_atStart = true;
    bool m_eof = false;
    bool m_inputLimitReached = false;
};

} // namespace App
