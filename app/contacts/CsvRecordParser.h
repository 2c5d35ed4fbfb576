// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "contacts/CsvReader.h"

class QIODevice;

namespace App {

/// The RFC 4180 state machine behind CsvReader: one record at a time from a device, in
/// chunks, with every field capped so a runaway quoted field costs bounded memory.
class CsvRecordParser
{
public:
    CsvRecordParser(QIODevice *device, char delimiter, const ImportLimits &limits);

    bool next(CsvReader::Record &record); // false at the end of the input
    bool inputLimitReached() const { return m_inputLimitReached; }

private:
    int get(); // next byte, or -1 at the end
    int peek();

    QIODevice *m_device;
    char m_delimiter;
    const ImportLimits &m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_totalRead = 0;
    qint64 m_line = 1;
    bool m_eof = false;
    bool m_inputLimitReached = false;
};

} // namespace App
