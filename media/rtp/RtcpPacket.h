// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

#include <span>

namespace Media {

// One report block of an SR or RR (RFC 3550 §6.4.1).
struct RtcpReportBlock
{
    quint32 ssrc = 0; // SSRC_n, the source this block reports on
    quint8 fractionLost = 0; // lost/expected since the previous report, as a fixed point /256
    qint32 cumulativeLost = 0; // 24-bit signed on the wire (negative with duplicates)
    quint32 extendedHighestSequence = 0; // cycles << 16 | highest sequence number
    quint32 jitter = 0; // interarrival jitter, RTP timestamp units (§6.4.1, A.8)
    quint32 lastSenderReport = 0; // LSR: middle 32 bits of the last SR's NTP timestamp
    quint32 delaySinceLastSenderReport = 0; // DLSR, units of 1/65536 s

    friend bool operator==(const RtcpReportBlock &, const RtcpReportBlock &) = default;
};

// The sender information of an SR (RFC 3550 §6.4.1).
struct RtcpSenderInfo
{
    quint64 ntpTimestamp = 0; // 32.32 fixed point seconds since 1900 (§4)
    quint32 rtpTimestamp = 0;
    quint32 packetCount = 0;
    quint32 octetCount = 0;

    friend bool operator==(const RtcpSenderInfo &, const RtcpSenderInfo &) = default;
};

struct RtcpSenderReport
{
    quint32 ssrc = 0;
    RtcpSenderInfo senderInfo;
    QList<RtcpReportBlock> reportBlocks; // at most 31

    friend bool operator==(const RtcpSenderReport &, const RtcpSenderReport &) = default;
};

struct RtcpReceiverReport
{
    quint32 ssrc = 0;
    QList<RtcpReportBlock> reportBlocks; // at most 31

    friend bool operator==(const RtcpReceiverReport &, const RtcpReceiverReport &) = default;
};

// One SDES chunk (RFC 3550 §6.5). Only CNAME is kept; other items are skipped on parse.
struct RtcpSdesChunk
{
    quint32 ssrc = 0;
    QByteArray cname; // at most 255 octets

    friend bool operator==(const RtcpSdesChunk &, const RtcpSdesChunk &) = default;
};

struct RtcpSourceDescription
{
    QList<RtcpSdesChunk> chunks; // at most 31

    friend bool operator==(const RtcpSourceDescription &, const RtcpSourceDescription &) = default;
};

// BYE (RFC 3550 §6.6).
struct RtcpGoodbye
{
    QList<quint32> ssrcs; // at most 31
    QByteArray reason; // optional, at most 255 octets

    friend bool operator==(const RtcpGoodbye &, const RtcpGoodbye &) = default;
};

// A view of one RTCP packet inside a (compound) datagram (RFC 3550 §6.4, §6.1):
//
//   |V=2|P| count(5) |  packet type  |  length (32-bit words - 1)  |
//
// Obtain one from RtcpCompoundReader, which has validated the common header and the length;
// the typed parse functions validate the body against the count. Does not own the octets.
class RtcpPacket
{
public:
    static constexpr int Version = 2;
    static constexpr qsizetype HeaderSize = 4;
    static constexpr int MaxCount = 31; // 5-bit RC/SC field
    static constexpr qsizetype ReportBlockSize = 24;
    static constexpr qsizetype SenderInfoSize = 20;

    enum Type : quint8 {
        SenderReport = 200,
        ReceiverReport = 201,
        SourceDescription = 202,
        Goodbye = 203,
        ApplicationDefined = 204,
        TransportFeedback = 205, // RFC 4585
        PayloadFeedback = 206, // RFC 4585
        ExtendedReport = 207, // RFC 3611
    };

    enum SdesItem : quint8 { SdesEnd = 0, SdesCname = 1 };

    enum class ParseError {
        None,
        TooShort, // shorter than a header, or than the declared length
        BadVersion,
        BadLength, // the lengths of the packets do not add up to the datagram
        BadPadding, // padding count 0, too large, or padding on a packet other than the last
        NotCompound, // strict validation: the first packet is neither SR nor RR (RFC 3550 A.2)
        WrongType, // a typed parse function was called on another packet type
        BadBody, // the body does not match the count (report blocks, chunks, items, reason)
    };

    RtcpPacket() = default;
    // 'packet' is the whole packet (header included, padding included); 'paddingSize' the
    // validated number of padding octets at its end.
    RtcpPacket(std::span<const quint8> packet, qsizetype paddingSize);

    quint8 type() const { return m_data.size() > 1 ? m_data[1] : 0; }
    int count() const { return m_data.empty() ? 0 : m_data[0] & 0x1F; }
    bool hasPadding() const { return m_paddingSize > 0; }
    // The whole packet as on the wire.
    std::span<const quint8> data() const { return m_data; }
    // Everything after the 4-octet header, without padding.
    std::span<const quint8> body() const;

    ParseError parseSenderReport(RtcpSenderReport &report) const;
    ParseError parseReceiverReport(RtcpReceiverReport &report) const;
    ParseError parseSourceDescription(RtcpSourceDescription &sdes) const;
    ParseError parseGoodbye(RtcpGoodbye &bye) const;

    // RFC 5761 §4: with RTP and RTCP multiplexed on one port, a packet whose second octet
    // is in 192..223 (RTCP packet types 200..207 and the reserved range) is RTCP.
    static bool isRtcp(std::span<const quint8> datagram);

private:
    std::span<const quint8> m_data;
    qsizetype m_paddingSize = 0;
};

} // namespace Media
