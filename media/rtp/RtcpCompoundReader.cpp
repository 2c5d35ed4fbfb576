// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtcpCompoundReader.h"

#include <QtEndian>

namespace Media {

namespace {

struct PacketBounds
{
    qsizetype size = 0;
    qsizetype paddingSize = 0;
};

// Checks the common header of the packet at 'offset' (RFC 3550 §6.4.1 header fields).
RtcpPacket::ParseError checkPacket(std::span<const quint8> datagram, qsizetype offset,
                                   PacketBounds &bounds)
{
    const qsizetype remaining = qsizetype(datagram.size()) - offset;
    if (remaining < RtcpPacket::HeaderSize)
        return offset == 0 ? RtcpPacket::ParseError::TooShort : RtcpPacket::ParseError::BadLength;
    const quint8 *p = datagram.data() + offset;
    if ((p[0] >> 6) != RtcpPacket::Version)
        return RtcpPacket::ParseError::BadVersion;
    // The length is in 32-bit words minus one, header included.
    const qsizetype size = (qsizetype(qFromBigEndian<quint16>(p + 2)) + 1) * 4;
    if (size > remaining)
        return RtcpPacket::ParseError::BadLength;
    bounds.size = size;
    bounds.paddingSize = 0;
    if (p[0] & 0x20) {
        // A.2: padding only on the last packet of the compound; the count octet includes
        // itself and cannot eat into the header.
        if (size != remaining)
            return RtcpPacket::ParseError::BadPadding;
        const qsizetype padding = p[size - 1];
        if (padding == 0 || padding > size - RtcpPacket::HeaderSize)
            return RtcpPacket::ParseError::BadPadding;
        bounds.paddingSize = padding;
    }
    return RtcpPacket::ParseError::None;
}

} // namespace

RtcpCompoundReader::RtcpCompoundReader(std::span<const quint8> datagram, Validation validation)
    : m_datagram(datagram)
    , m_error(validate(datagram, validation))
{
}

bool RtcpCompoundReader::next(RtcpPacket &packet)
{
    if (m_error != RtcpPacket::ParseError::None || m_offset >= qsizetype(m_datagram.size()))
        return false;
    PacketBounds bounds;
    if (checkPacket(m_datagram, m_offset, bounds) != RtcpPacket::ParseError::None)
        return false; // cannot happen after validate()
    packet = RtcpPacket(m_datagram.subspan(std::size_t(m_offset), std::size_t(bounds.size)),
                        bounds.paddingSize);
    m_offset += bounds.size;
    return true;
}

RtcpPacket::ParseError RtcpCompoundReader::validate(std::span<const quint8> datagram,
                                                    Validation validation)
{
    if (datagram.size() < std::size_t(RtcpPacket::HeaderSize))
        return RtcpPacket::ParseError::TooShort;
    // A.2: the first packet of a compound is an SR or RR.
    if (validation == Validation::Compound && datagram[1] != RtcpPacket::SenderReport
        && datagram[1] != RtcpPacket::ReceiverReport) {
        if ((datagram[0] >> 6) != RtcpPacket::Version)
            return RtcpPacket::ParseError::BadVersion;
        return RtcpPacket::ParseError::NotCompound;
    }
    qsizetype offset = 0;
    while (offset < qsizetype(datagram.size())) {
        PacketBounds bounds;
        const auto error = checkPacket(datagram, offset, bounds);
        if (error != RtcpPacket::ParseError::None)
            return error;
        offset += bounds.size;
    }
    return RtcpPacket::ParseError::None;
}

} // namespace Media
