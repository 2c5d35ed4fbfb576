// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/CsvRecordParser.h"

#include <QIODevice>

namespace App {

CsvRecordParser::CsvRecordParser(QIODevice *device, char delimiter, const ImportLimits &limits)
    : m_device(device)
    , m_delimiter(delimiter)
    , m_limits(limits)
{
}

int CsvRecordParser::peek()
{
    if (m_pos >= m_buffer.size()) {
        if (m_eof)
            return -1;
        if (m_totalRead >= m_limits.maxInputBytes) {
            m_inputLimitReached = !m_device->atEnd();
            m_eof = true;
            return -1;
        }
        m_buffer = m_device->read(qMin<qint64>(64 * 1024, m_limits.maxInputBytes - m_totalRead));
        m_pos = 0;
        if (m_buffer.isEmpty()) {
            m_eof = true;
            return -1;
        }
        if (m_totalRead == 0 && m_buffer.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        m_totalRead += m_buffer.size();
        if (m_pos >= m_buffer.size())
            return peek();
    }
    return uchar(m_buffer.at(m_pos));
}

int CsvRecordParser::get()
{
    const int c = peek();
    if (c >= 0)
        ++m_pos;
    return c;
}

bool CsvRecordParser::next(CsvReader::Record &record)
{
    record = CsvReader::Record();
    record.line = m_line;
    if (peek() < 0)
        return false;

    QByteArray field;
    bool fieldTooLong = false;
    const auto fail = [&record](const QString &error) {
        if (record.error.isEmpty())
            record.error = error;
    };
    const auto append = [&](char c) {
        if (field.size() < m_limits.maxLineBytes)
            field += c;
        else if (!fieldTooLong) {
            fieldTooLong = true;
            fail(QStringLiteral("field %1 is longer than %2 bytes")
                         .arg(record.fields.size() + 1)
                         .arg(m_limits.maxLineBytes));
        }
    };
    const auto endField = [&] {
        if (record.fields.size() < m_limits.maxPropertiesPerRecord)
            record.fields.append(field);
        else
            fail(QStringLiteral("more than %1 fields").arg(m_limits.maxPropertiesPerRecord));
        field.clear();
        fieldTooLong = false;
    };
    // A line end: LF, CRLF or a lone CR. Consumes it and counts the line.
    const auto takeLineEnd = [this](int c) {
        if (c == '\r' && peek() == '\n')
            get();
        ++m_line;
    };

    for (;;) {
        // At the start of a field.
        int c = get();
        if (c == '"') {
            const qint64 quoteLine = m_line;
            bool closed = false;
            for (;;) {
                c = get();
                if (c < 0)
                    break;
                if (c == '"') {
                    if (peek() == '"') {
                        get();
                        append('"');
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (c == '\r' || c == '\n') {
                    takeLineEnd(c);
                    append('\n'); // embedded line breaks are stored as LF
                    continue;
                }
                append(char(c));
            }
            if (!closed) {
                fail(QStringLiteral("the quoted field opened on line %1 is never closed")
                             .arg(quoteLine));
                endField();
                return true;
            }
            c = get();
            if (c != m_delimiter && c != '\r' && c != '\n' && c >= 0) {
                fail(QStringLiteral("unexpected text after the closing quote of field %1")
                             .arg(record.fields.size() + 1));
                // Resynchronise at the next delimiter or line end.
                while (c >= 0 && c != m_delimiter && c != '\r' && c != '\n')
                    c = get();
            }
        } else {
            // Unquoted: up to the delimiter or line end. A stray quote is kept as text
            // (RFC 4180 forbids it, spreadsheets write it: 5" screen).
            while (c >= 0 && c != m_delimiter && c != '\r' && c != '\n') {
                append(char(c));
                c = get();
            }
        }
        endField();
        if (c == m_delimiter)
            continue;
        if (c == '\r' || c == '\n')
            takeLineEnd(c);
        return true; // line end or end of input
    }
}

} // namespace App
