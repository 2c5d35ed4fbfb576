// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtpHeaderExtensionWriter.h"

#include "rtp/RtpHeaderExtensionReader.h"
#include "rtp/RtpPacket.h"

#include <algorithm>

namespace Media {

RtpHeaderExtensionWriter::RtpHeaderExtensionWriter(Form form, quint8 appBits)
    : m_form(form)
    , m_appBits(appBits & 0x0F)
{
}

bool RtpHeaderExtensionWriter::add(quint8 id, std::span<const quint8> data)
{
    const qsizetype length = qsizetype(data.size());
    qsizetype headerSize = 0;
    if (m_form == Form::OneByte) {
        if (id < 1 || id > 14 || length < 1 || length > 16)
            return false;
        headerSize = 1;
    } else {
        if (id < 1 || length > 255)
            return false;
        headerSize = 2;
    }
    const qsizetype used = m_used + headerSize + length;
    const qsizetype padded = (used + 3) & ~qsizetype(3);
    if (padded > RtpPacket::MaxExtensionSize)
        return false;

    m_data.resize(padded);
    quint8 *p = m_data.data() + m_used;
    if (m_form == Form::OneByte) {
        p[0] = quint8((id << 4) | (length - 1));
    } else {
        p[0] = id;
        p[1] = quint8(length);
    }
    std::copy(data.begin(), data.end(), p + headerSize);
    std::fill(m_data.begin() + used, m_data.end(), quint8(0));
    m_used = used;
    return true;
}

quint16 RtpHeaderExtensionWriter::profile() const
{
    return m_form == Form::OneByte ? RtpHeaderExtensionReader::OneByteProfile
                                   : quint16(RtpHeaderExtensionReader::TwoByteProfile | m_appBits);
}

void RtpHeaderExtensionWriter::clear()
{
    m_data.clear();
    m_used = 0;
}

} // namespace Media
