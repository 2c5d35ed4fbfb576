// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rtp/RtcpPacket.h"

#include <QByteArray>

namespace Media {

// Builds a compound RTCP datagram (RFC 3550 §6.1) packet by packet. The caller keeps the
// order RFC 3550 §6.1 asks for: an SR or RR first, then an SDES with a CNAME, then BYE last
// if leaving. Each add function returns false (and adds nothing) if the packet cannot be
// encoded: more than 31 report blocks, chunks or sources, an item or reason above 255
// octets, or a cumulative loss outside the 24-bit range.
class RtcpCompoundBuilder
{
public:
    RtcpCompoundBuilder() = default;

    bool addSenderReport(const RtcpSenderReport &report);
    bool addReceiverReport(const RtcpReceiverReport &report);
    bool addSourceDescription(const RtcpSourceDescription &sdes);
    bool addCname(quint32 ssrc, const QByteArray &cname);
    bool addGoodbye(const RtcpGoodbye &bye);

    const QByteArray &data() const { return m_data; }
    void clear() { m_data.clear(); }

private:
    // Appends the 4-octet header with a placeholder length; returns its offset.
    qsizetype beginPacket(int count, quint8 type);
    // Pads the packet started at 'start' to 32 bits (with zeros) and writes its length.
    void endPacket(qsizetype start);
    void appendReportBlock(const RtcpReportBlock &block);

    QByteArray m_data;
};

} // namespace Media
