// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtpHeaderExtensionReader.h"

namespace Media {

RtpHeaderExtensionReader::RtpHeaderExtensionReader(quint16 profile, std::span<const quint8> data)
    : m_data(data)
    , m_oneByte(isOneByte(profile))
    , m_twoByte(isTwoByte(profile))
{
}

bool RtpHeaderExtensionReader::next(Element &element)
{
    if (m_error || !isSupported())
        return false;
    const qsizetype size = qsizetype(m_data.size());
    const quint8 *p = m_data.data();
    while (m_offset < size) {
        const quint8 first = p[m_offset];
        if (first == 0) {
            // Padding octet between or after elements (§4.1).
            ++m_offset;
            continue;
        }
        qsizetype length = 0;
        qsizetype headerSize = 0;
        if (m_oneByte) {
            // §4.2: ID (4 bits) and length - 1 (4 bits).
            element.id = first >> 4;
            if (element.id == 15) {
                m_offset = size; // reserved: stop processing here
                return false;
            }
            length = (first & 0x0F) + 1;
            headerSize = 1;
        } else {
            // §4.3: ID octet, length octet (0..255).
            if (size - m_offset < 2) {
                m_error = true;
                return false;
            }
            element.id = first;
            length = p[m_offset + 1];
            headerSize = 2;
        }
        if (size - m_offset - headerSize < length) {
            m_error = true;
            return false;
        }
        element.data = m_data.subspan(std::size_t(m_offset + headerSize), std::size_t(length));
        m_offset += headerSize + length;
        return true;
    }
    return false;
}

} // namespace Media
