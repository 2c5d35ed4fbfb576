// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rtp/RtcpPacket.h"

#include <QtGlobal>

#include <span>

namespace Media {

// Iterates the packets of a compound RTCP datagram (RFC 3550 §6.1) after validating it as a
// whole, as RFC 3550 Appendix A.2 requires: version 2 everywhere, padding only on the last
// packet, every length within the datagram and the lengths adding up to the datagram size,
// and (for Compound validation) an SR or RR first. An invalid datagram yields no packets.
//
//   RtcpCompoundReader reader(datagram);
//   RtcpPacket packet;
//   while (reader.next(packet)) { ... packet.parseReceiverReport(rr) ... }
//   if (reader.error() != RtcpPacket::ParseError::None) { ... }
//
// Allocation-free; the packets are views into 'datagram'.
class RtcpCompoundReader
{
public:
    enum class Validation {
        Compound, // RFC 3550: must start with SR or RR
        ReducedSize, // RFC 5506: any packet type may come first (and alone)
    };

    explicit RtcpCompoundReader(std::span<const quint8> datagram,
                                Validation validation = Validation::Compound);

    RtcpPacket::ParseError error() const { return m_error; }
    bool isValid() const { return m_error == RtcpPacket::ParseError::None; }

    // The next packet; false at the end or if the datagram is invalid.
    bool next(RtcpPacket &packet);

    static RtcpPacket::ParseError validate(std::span<const quint8> datagram,
                                           Validation validation = Validation::Compound);

private:
    std::span<const quint8> m_datagram;
    qsizetype m_offset = 0;
    RtcpPacket::ParseError m_error = RtcpPacket::ParseError::None;
};

} // namespace Media
