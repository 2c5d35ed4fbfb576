// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/BoundedLineReader.h"

#include <QIODevice>

namespace App {

namespace {
constexpr qsizetype ChunkSize = 64 * 1024;
}

BoundedLineReader::BoundedLineReader(QIODevice *device, qsizetype maxLineBytes,
                                     qint64 maxInputBytes)
    : m_device(device)
    , m_maxLineBytes(maxLineBytes)
    , m_maxInputBytes(maxInputBytes)
{
}

bool BoundedLineReader::looksLikeUtf16(const QByteArray &start)
{
    if (start.startsWith("\xFF\xFE") || start.startsWith("\xFE\xFF"))
        return true;
    // ASCII text in UTF-16 has a NUL in every other byte.
    return start.size() >= 4 && (start.at(0) == 0 || start.at(1) == 0)
            && start.at(0) != start.at(1);
}

bool BoundedLineReader::fill()
{
    if (m_eof)
        return false;
    if (m_totalRead >= m_maxInputBytes) {
        m_inputLimitReached = !m_device->atEnd();
        m_eof = true;
        return false;
    }
    const QByteArray chunk = m_device->read(qMin<qint64>(ChunkSize, m_maxInputBytes - m_totalRead));
    if (chunk.isEmpty()) {
        m_eof = true;
        return false;
    }
    m_totalRead += chunk.size();
    // Drop what has been consumed, so the buffer never holds more than a line and a chunk.
    m_buffer = m_buffer.mid(m_pos) + chunk;
    m_pos = 0;
    if (m_atStart && m_buffer.size() >= 3) {
        if (m_buffer.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        m_atStart = false;
    }
    return true;
}

bool BoundedLineReader::next(Line &line)
{
    line = Line();
    bool truncated = false;
    QByteArray text;
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', m_pos);
        const qsizetype end = newline < 0 ? m_buffer.size() : newline;
        const qsizetype room = m_maxLineBytes - text.size();
        if (end - m_pos > room) {
            text.append(m_buffer.constData() + m_pos, room);
            truncated = true;
        } else if (room > 0) {
            text.append(m_buffer.constData() + m_pos, end - m_pos);
        }
        if (newline >= 0) {
            m_pos = newline + 1;
            break;
        }
        m_pos = m_buffer.size();
        if (!fill()) {
            if (m_atStart && !m_buffer.isEmpty()) // a file shorter than a BOM
                m_atStart = false;
            if (text.isEmpty() && !truncated)
                return false; // nothing after the last line end
            break;
        }
    }
    if (text.endsWith('\r'))
        text.chop(1);
    line.text = text;
    line.truncated = truncated;
    line.number = ++m_lineNumber;
    return true;
}

} // namespace App
