// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtpPacket.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace Media {

RtpPacket::ParseError RtpPacket::parse(std::span<const quint8> data, RtpPacket &packet)
{
    const qsizetype size = qsizetype(data.size());
    if (size < FixedHeaderSize)
        return ParseError::TooShort;
    const quint8 *p = data.data();

    // RFC 3550 §5.1: V(2) P(1) X(1) CC(4) | M(1) PT(7) | sequence number | timestamp | SSRC
    if ((p[0] >> 6) != Version)
        return ParseError::BadVersion;
    const bool hasPadding = p[0] & 0x20;
    const bool hasExtension = p[0] & 0x10;
    const int csrcCount = p[0] & 0x0F;

    packet.m_marker = p[1] & 0x80;
    packet.m_payloadType = p[1] & 0x7F;
    packet.m_sequenceNumber = qFromBigEndian<quint16>(p + 2);
    packet.m_timestamp = qFromBigEndian<quint32>(p + 4);
    packet.m_ssrc = qFromBigEndian<quint32>(p + 8);

    qsizetype offset = FixedHeaderSize;
    if (size - offset < qsizetype(csrcCount) * 4)
        return ParseError::CsrcOverrun;
    packet.m_csrcCount = quint8(csrcCount);
    for (int i = 0; i < csrcCount; ++i, offset += 4)
        packet.m_csrcs[i] = qFromBigEndian<quint32>(p + offset);

    // §5.3.1: profile-defined 16 bits, then the length in 32-bit words excluding this header.
    packet.m_hasExtension = hasExtension;
    packet.m_extensionProfile = 0;
    packet.m_extensionData = {};
    if (hasExtension) {
        if (size - offset < 4)
            return ParseError::ExtensionOverrun;
        packet.m_extensionProfile = qFromBigEndian<quint16>(p + offset);
        const qsizetype extensionSize = qsizetype(qFromBigEndian<quint16>(p + offset + 2)) * 4;
        offset += 4;
        if (size - offset < extensionSize)
            return ParseError::ExtensionOverrun;
        packet.m_extensionData = data.subspan(std::size_t(offset), std::size_t(extensionSize));
        offset += extensionSize;
    }

    // §5.1 / A.1: the last octet counts the padding octets, itself included, and padding
    // can only cover what follows the header.
    qsizetype paddingSize = 0;
    if (hasPadding) {
        paddingSize = p[size - 1];
        if (offset >= size || paddingSize == 0 || paddingSize > size - offset)
            return ParseError::BadPadding;
    }
    packet.m_paddingSize = quint8(paddingSize);
    packet.m_payload = data.subspan(std::size_t(offset), std::size_t(size - offset - paddingSize));
    return ParseError::None;
}

RtpPacket::ParseError RtpPacket::parse(const QByteArray &data, RtpPacket &packet)
{
    return parse(std::span<const quint8>(reinterpret_cast<const quint8 *>(data.constData()),
                                         std::size_t(data.size())),
                 packet);
}

bool RtpPacket::setCsrcs(std::span<const quint32> csrcs)
{
    if (csrcs.size() > std::size_t(MaxCsrcCount))
        return false;
    std::copy(csrcs.begin(), csrcs.end(), m_csrcs.begin());
    m_csrcCount = quint8(csrcs.size());
    return true;
}

bool RtpPacket::setExtension(quint16 profile, std::span<const quint8> data)
{
    if (data.size() % 4 != 0 || qsizetype(data.size()) > MaxExtensionSize)
        return false;
    m_hasExtension = true;
    m_extensionProfile = profile;
    m_extensionData = data;
    return true;
}

void RtpPacket::clearExtension()
{
    m_hasExtension = false;
    m_extensionProfile = 0;
    m_extensionData = {};
}

qsizetype RtpPacket::headerSize() const
{
    qsizetype size = FixedHeaderSize + qsizetype(m_csrcCount) * 4;
    if (m_hasExtension)
        size += 4 + qsizetype(m_extensionData.size());
    return size;
}

qsizetype RtpPacket::size() const
{
    return headerSize() + qsizetype(m_payload.size()) + m_paddingSize;
}

qsizetype RtpPacket::serialize(std::span<quint8> out) const
{
    const qsizetype total = size();
    if (qsizetype(out.size()) < total)
        return -1;
    quint8 *p = out.data();
    p[0] = quint8((Version << 6) | (m_paddingSize ? 0x20 : 0) | (m_hasExtension ? 0x10 : 0)
                  | m_csrcCount);
    p[1] = quint8((m_marker ? 0x80 : 0) | m_payloadType);
    qToBigEndian<quint16>(m_sequenceNumber, p + 2);
    qToBigEndian<quint32>(m_timestamp, p + 4);
    qToBigEndian<quint32>(m_ssrc, p + 8);
    qsizetype offset = FixedHeaderSize;
    for (int i = 0; i < m_csrcCount; ++i, offset += 4)
        qToBigEndian<quint32>(m_csrcs[i], p + offset);
    if (m_hasExtension) {
        qToBigEndian<quint16>(m_extensionProfile, p + offset);
        qToBigEndian<quint16>(quint16(m_extensionData.size() / 4), p + offset + 2);
        offset += 4;
        if (!m_extensionData.empty())
            std::memcpy(p + offset, m_extensionData.data(), m_extensionData.size());
        offset += qsizetype(m_extensionData.size());
    }
    if (!m_payload.empty())
        std::memcpy(p + offset, m_payload.data(), m_payload.size());
    offset += qsizetype(m_payload.size());
    if (m_paddingSize) {
        std::memset(p + offset, 0, std::size_t(m_paddingSize) - 1);
        p[total - 1] = m_paddingSize;
    }
    return total;
}

QByteArray RtpPacket::toByteArray() const
{
    QByteArray bytes(size(), Qt::Uninitialized);
    serialize(
            std::span<quint8>(reinterpret_cast<quint8 *>(bytes.data()), std::size_t(bytes.size())));
    return bytes;
}

} // namespace Media
