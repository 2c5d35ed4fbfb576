// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <array>
#include <cstddef>
#include <span>

namespace Media {

// An RTP data packet (RFC 3550 §5.1).
//
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |V=2|P|X|  CC   |M|     PT      |       sequence number         |
//   |                           timestamp                           |
//   |           synchronization source (SSRC) identifier            |
//   |            contributing source (CSRC) identifiers (CC)        |
//   |  [header extension: profile | length (32-bit words) | data]   |
//   |  payload ...                  [padding ... | padding count]   |
//
// RtpPacket is a small value type that does not own the payload or the header extension:
// after parse() they are views into the parsed buffer, after setPayload()/setExtension()
// views into the caller's buffers, which must outlive their use. Nothing allocates except
// toByteArray(), so a packet can be parsed and built on the per-packet path for free.
class RtpPacket
{
public:
    static constexpr int Version = 2;
    static constexpr qsizetype FixedHeaderSize = 12;
    static constexpr int MaxCsrcCount = 15;
    // The header extension length field counts 32-bit words (RFC 3550 §5.3.1).
    static constexpr qsizetype MaxExtensionSize = 0xFFFF * 4;

    enum class ParseError {
        None,
        TooShort, // fewer than 12 octets
        BadVersion, // V != 2
        CsrcOverrun, // CC * 4 octets of CSRC list do not fit
        ExtensionOverrun, // extension header or its declared length do not fit
        BadPadding, // P set but the padding count is 0 or larger than what follows the header
    };

    RtpPacket() = default;

    // Parses and validates 'data' (RFC 3550 §5.1, A.1 header validity checks). On success
    // 'packet' refers into 'data'; on failure 'packet' is left unspecified. Hostile input is
    // bounds checked: it never reads outside 'data'.
    static ParseError parse(std::span<const quint8> data, RtpPacket &packet);
    static ParseError parse(const QByteArray &data, RtpPacket &packet);
    static ParseError parse(QByteArray &&, RtpPacket &) = delete; // the views would dangle

    bool marker() const { return m_marker; }
    void setMarker(bool marker) { m_marker = marker; }

    // 7 bits; higher bits are dropped.
    quint8 payloadType() const { return m_payloadType; }
    void setPayloadType(quint8 payloadType) { m_payloadType = payloadType & 0x7F; }

    quint16 sequenceNumber() const { return m_sequenceNumber; }
    void setSequenceNumber(quint16 sequenceNumber) { m_sequenceNumber = sequenceNumber; }

    quint32 timestamp() const { return m_timestamp; }
    void setTimestamp(quint32 timestamp) { m_timestamp = timestamp; }

    quint32 ssrc() const { return m_ssrc; }
    void setSsrc(quint32 ssrc) { m_ssrc = ssrc; }

    std::span<const quint32> csrcs() const { return { m_csrcs.data(), std::size_t(m_csrcCount) }; }
    // False (and no change) if there are more than 15.
    bool setCsrcs(std::span<const quint32> csrcs);

    // The header extension (RFC 3550 §5.3.1): a 16-bit profile-defined value and data whose
    // size is a multiple of 4 octets (without the 4-octet extension header). See
    // RtpHeaderExtensionReader/Writer for the RFC 8285 one-byte and two-byte forms.
    bool hasExtension() const { return m_hasExtension; }
    quint16 extensionProfile() const { return m_extensionProfile; }
    std::span<const quint8> extensionData() const { return m_extensionData; }
    // False (and no change) if the size is not a multiple of 4 or above MaxExtensionSize.
    bool setExtension(quint16 profile, std::span<const quint8> data);
    void clearExtension();

    std::span<const quint8> payload() const { return m_payload; }
    void setPayload(std::span<const quint8> payload) { m_payload = payload; }

    // Number of padding octets, including the final count octet (RFC 3550 §5.1 "padding");
    // 0 means no padding (P bit clear). On serialize the padding octets are zero.
    quint8 paddingSize() const { return m_paddingSize; }
    void setPaddingSize(quint8 paddingSize) { m_paddingSize = paddingSize; }

    // Fixed header + CSRCs + extension (header and data).
    qsizetype headerSize() const;
    // The whole packet as serialize() writes it.
    qsizetype size() const;

    // Writes the packet into 'out'; returns the number of octets written, or -1 if 'out'
    // is too small (nothing useful is written then).
    qsizetype serialize(std::span<quint8> out) const;
    QByteArray toByteArray() const;

private:
    std::span<const quint8> m_payload;
    std::span<const quint8> m_extensionData;
    std::array<quint32, MaxCsrcCount> m_csrcs {};
    quint32 m_timestamp = 0;
    quint32 m_ssrc = 0;
    quint16 m_sequenceNumber = 0;
    quint16 m_extensionProfile = 0;
    quint8 m_payloadType = 0;
    quint8 m_csrcCount = 0;
    quint8 m_paddingSize = 0;
    bool m_marker = false;
    bool m_hasExtension = false;
};

} // namespace Media
