// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtcpPacket.h"

#include <QtEndian>

namespace Media {

namespace {

// RFC 3550 §6.4.1: report blocks are 24 octets each.
RtcpReportBlock readReportBlock(const quint8 *p)
{
    RtcpReportBlock block;
    block.ssrc = qFromBigEndian<quint32>(p);
    block.fractionLost = p[4];
    // 24-bit two's complement.
    const quint32 lost = (quint32(p[5]) << 16) | (quint32(p[6]) << 8) | p[7];
    block.cumulativeLost = (lost & 0x800000) ? qint32(lost | 0xFF000000u) : qint32(lost);
    block.extendedHighestSequence = qFromBigEndian<quint32>(p + 8);
    block.jitter = qFromBigEndian<quint32>(p + 12);
    block.lastSenderReport = qFromBigEndian<quint32>(p + 16);
    block.delaySinceLastSenderReport = qFromBigEndian<quint32>(p + 20);
    return block;
}

} // namespace

RtcpPacket::RtcpPacket(std::span<const quint8> packet, qsizetype paddingSize)
    : m_data(packet)
    , m_paddingSize(paddingSize)
{
}

std::span<const quint8> RtcpPacket::body() const
{
    const qsizetype size = qsizetype(m_data.size()) - HeaderSize - m_paddingSize;
    if (size <= 0)
        return {};
    return m_data.subspan(std::size_t(HeaderSize), std::size_t(size));
}

RtcpPacket::ParseError RtcpPacket::parseSenderReport(RtcpSenderReport &report) const
{
    if (type() != SenderReport)
        return ParseError::WrongType;
    const auto b = body();
    const int blocks = count();
    // §6.4.1: SSRC, 20 octets of sender info, RC report blocks, then optional
    // profile-specific extensions (ignored).
    if (qsizetype(b.size()) < 4 + SenderInfoSize + blocks * ReportBlockSize)
        return ParseError::BadBody;
    const quint8 *p = b.data();
    report.ssrc = qFromBigEndian<quint32>(p);
    report.senderInfo.ntpTimestamp = qFromBigEndian<quint64>(p + 4);
    report.senderInfo.rtpTimestamp = qFromBigEndian<quint32>(p + 12);
    report.senderInfo.packetCount = qFromBigEndian<quint32>(p + 16);
    report.senderInfo.octetCount = qFromBigEndian<quint32>(p + 20);
    report.reportBlocks.clear();
    report.reportBlocks.reserve(blocks);
    for (int i = 0; i < blocks; ++i)
        report.reportBlocks.append(readReportBlock(p + 4 + SenderInfoSize + i * ReportBlockSize));
    return ParseError::None;
}

RtcpPacket::ParseError RtcpPacket::parseReceiverReport(RtcpReceiverReport &report) const
{
    if (type() != ReceiverReport)
        return ParseError::WrongType;
    const auto b = body();
    const int blocks = count();
    // §6.4.2: SSRC of the packet sender, then RC report blocks.
    if (qsizetype(b.size()) < 4 + blocks * ReportBlockSize)
        return ParseError::BadBody;
    const quint8 *p = b.data();
    report.ssrc = qFromBigEndian<quint32>(p);
    report.reportBlocks.clear();
    report.reportBlocks.reserve(blocks);
    for (int i = 0; i < blocks; ++i)
        report.reportBlocks.append(readReportBlock(p + 4 + i * ReportBlockSize));
    return ParseError::None;
}

RtcpPacket::ParseError RtcpPacket::parseSourceDescription(RtcpSourceDescription &sdes) const
{
    if (type() != SourceDescription)
        return ParseError::WrongType;
    const auto b = body();
    const qsizetype size = qsizetype(b.size());
    const quint8 *p = b.data();
    sdes.chunks.clear();
    sdes.chunks.reserve(count());
    qsizetype offset = 0;
    // §6.5: SC chunks, each an SSRC/CSRC followed by items (type, length, text) terminated
    // by one or more null octets up to the next 32-bit boundary.
    for (int chunk = 0; chunk < count(); ++chunk) {
        if (size - offset < 4)
            return ParseError::BadBody;
        RtcpSdesChunk parsed;
        parsed.ssrc = qFromBigEndian<quint32>(p + offset);
        offset += 4;
        for (;;) {
            if (offset >= size)
                return ParseError::BadBody; // no terminating null item
            const quint8 itemType = p[offset];
            if (itemType == SdesEnd) {
                // The null item and padding up to the 32-bit boundary, which must be zero.
                const qsizetype end = (offset + 4) & ~qsizetype(3);
                if (end > size)
                    return ParseError::BadBody;
                for (qsizetype i = offset; i < end; ++i) {
                    if (p[i] != 0)
                        return ParseError::BadBody;
                }
                offset = end;
                break;
            }
            if (size - offset < 2)
                return ParseError::BadBody;
            const qsizetype length = p[offset + 1];
            if (size - offset - 2 < length)
                return ParseError::BadBody;
            if (itemType == SdesCname)
                parsed.cname = QByteArray(reinterpret_cast<const char *>(p + offset + 2), length);
            offset += 2 + length;
        }
        sdes.chunks.append(parsed);
    }
    return ParseError::None;
}

RtcpPacket::ParseError RtcpPacket::parseGoodbye(RtcpGoodbye &bye) const
{
    if (type() != Goodbye)
        return ParseError::WrongType;
    const auto b = body();
    const qsizetype size = qsizetype(b.size());
    const quint8 *p = b.data();
    const int sources = count();
    // §6.6: SC SSRC/CSRC identifiers, then optionally a length octet and the reason.
    if (size < qsizetype(sources) * 4)
        return ParseError::BadBody;
    bye.ssrcs.clear();
    bye.ssrcs.reserve(sources);
    for (int i = 0; i < sources; ++i)
        bye.ssrcs.append(qFromBigEndian<quint32>(p + i * 4));
    bye.reason.clear();
    const qsizetype offset = qsizetype(sources) * 4;
    if (offset < size) {
        const qsizetype length = p[offset];
        if (size - offset - 1 < length)
            return ParseError::BadBody;
        bye.reason = QByteArray(reinterpret_cast<const char *>(p + offset + 1), length);
    }
    return ParseError::None;
}

bool RtcpPacket::isRtcp(std::span<const quint8> datagram)
{
    return datagram.size() >= 2 && datagram[1] >= 192 && datagram[1] <= 223;
}

} // namespace Media
