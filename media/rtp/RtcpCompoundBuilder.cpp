// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/RtcpCompoundBuilder.h"

#include <QtEndian>

namespace Media {

namespace {

constexpr qint32 MinCumulativeLost = -0x800000;
constexpr qint32 MaxCumulativeLost = 0x7FFFFF;

void append16(QByteArray &out, quint16 value)
{
    const qsizetype at = out.size();
    out.resize(at + 2);
    qToBigEndian<quint16>(value, out.data() + at);
}

void append32(QByteArray &out, quint32 value)
{
    const qsizetype at = out.size();
    out.resize(at + 4);
    qToBigEndian<quint32>(value, out.data() + at);
}

bool blocksEncodable(const QList<RtcpReportBlock> &blocks)
{
    if (blocks.size() > RtcpPacket::MaxCount)
        return false;
    for (const auto &block : blocks) {
        if (block.cumulativeLost < MinCumulativeLost || block.cumulativeLost > MaxCumulativeLost)
            return false;
    }
    return true;
}

} // namespace

qsizetype RtcpCompoundBuilder::beginPacket(int count, quint8 type)
{
    const qsizetype start = m_data.size();
    m_data.append(char((RtcpPacket::Version << 6) | (count & 0x1F)));
    m_data.append(char(type));
    append16(m_data, 0);
    return start;
}

void RtcpCompoundBuilder::endPacket(qsizetype start)
{
    while ((m_data.size() - start) % 4 != 0)
        m_data.append('\0');
    const qsizetype words = (m_data.size() - start) / 4 - 1;
    qToBigEndian<quint16>(quint16(words), m_data.data() + start + 2);
}

void RtcpCompoundBuilder::appendReportBlock(const RtcpReportBlock &block)
{
    // RFC 3550 §6.4.1 report block.
    append32(m_data, block.ssrc);
    const quint32 lost = quint32(block.cumulativeLost) & 0xFFFFFF;
    append32(m_data, (quint32(block.fractionLost) << 24) | lost);
    append32(m_data, block.extendedHighestSequence);
    append32(m_data, block.jitter);
    append32(m_data, block.lastSenderReport);
    append32(m_data, block.delaySinceLastSenderReport);
}

bool RtcpCompoundBuilder::addSenderReport(const RtcpSenderReport &report)
{
    if (!blocksEncodable(report.reportBlocks))
        return false;
    const qsizetype start = beginPacket(int(report.reportBlocks.size()), RtcpPacket::SenderReport);
    append32(m_data, report.ssrc);
    append32(m_data, quint32(report.senderInfo.ntpTimestamp >> 32));
    append32(m_data, quint32(report.senderInfo.ntpTimestamp));
    append32(m_data, report.senderInfo.rtpTimestamp);
    append32(m_data, report.senderInfo.packetCount);
    append32(m_data, report.senderInfo.octetCount);
    for (const auto &block : report.reportBlocks)
        appendReportBlock(block);
    endPacket(start);
    return true;
}

bool RtcpCompoundBuilder::addReceiverReport(const RtcpReceiverReport &report)
{
    if (!blocksEncodable(report.reportBlocks))
        return false;
    const qsizetype start
            = beginPacket(int(report.reportBlocks.size()), RtcpPacket::ReceiverReport);
    append32(m_data, report.ssrc);
    for (const auto &block : report.reportBlocks)
        appendReportBlock(block);
    endPacket(start);
    return true;
}

bool RtcpCompoundBuilder::addSourceDescription(const RtcpSourceDescription &sdes)
{
    if (sdes.chunks.size() > RtcpPacket::MaxCount)
        return false;
    for (const auto &chunk : sdes.chunks) {
        if (chunk.cname.size() > 255)
            return false;
    }
    const qsizetype start = beginPacket(int(sdes.chunks.size()), RtcpPacket::SourceDescription);
    // §6.5: each chunk is the SSRC, its items, and a null item padded to 32 bits.
    for (const auto &chunk : sdes.chunks) {
        const qsizetype chunkStart = m_data.size();
        append32(m_data, chunk.ssrc);
        m_data.append(char(RtcpPacket::SdesCname));
        m_data.append(char(chunk.cname.size()));
        m_data.append(chunk.cname);
        m_data.append('\0');
        while ((m_data.size() - chunkStart) % 4 != 0)
            m_data.append('\0');
    }
    endPacket(start);
    return true;
}

bool RtcpCompoundBuilder::addCname(quint32 ssrc, const QByteArray &cname)
{
    RtcpSourceDescription sdes;
    sdes.chunks.append({ ssrc, cname });
    return addSourceDescription(sdes);
}

bool RtcpCompoundBuilder::addGoodbye(const RtcpGoodbye &bye)
{
    if (bye.ssrcs.size() > RtcpPacket::MaxCount || bye.reason.size() > 255)
        return false;
    const qsizetype start = beginPacket(int(bye.ssrcs.size()), RtcpPacket::Goodbye);
    for (const quint32 ssrc : bye.ssrcs)
        append32(m_data, ssrc);
    if (!bye.reason.isEmpty()) {
        // §6.6: the reason is padded with zeros to a 32-bit boundary.
        m_data.append(char(bye.reason.size()));
        m_data.append(bye.reason);
    }
    endPacket(start);
    return true;
}

} // namespace Media
