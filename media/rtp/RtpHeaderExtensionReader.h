// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>

#include <span>

namespace Media {

// Iterates the elements of an RTP header extension in the RFC 8285 one-byte (profile
// 0xBEDE, §4.2) or two-byte (profile 0x100X, §4.3) form:
//
//   RtpHeaderExtensionReader reader(packet.extensionProfile(), packet.extensionData());
//   RtpHeaderExtensionReader::Element element;
//   while (reader.next(element)) { ... element.id, element.data ... }
//   if (reader.hasError()) { ... }
//
// Padding octets are skipped; in the one-byte form ID 15 ends processing (§4.2). An element
// running past the data is an error. Allocation-free; the data are views.
class RtpHeaderExtensionReader
{
public:
    static constexpr quint16 OneByteProfile = 0xBEDE;
    static constexpr quint16 TwoByteProfile = 0x1000; // the low 4 bits are "appbits"

    struct Element
    {
        quint8 id = 0;
        std::span<const quint8> data;
    };

    RtpHeaderExtensionReader(quint16 profile, std::span<const quint8> data);

    static bool isOneByte(quint16 profile) { return profile == OneByteProfile; }
    static bool isTwoByte(quint16 profile) { return (profile & 0xFFF0) == TwoByteProfile; }
    // Neither form: next() returns false at once (hasError() false).
    bool isSupported() const { return m_oneByte || m_twoByte; }

    bool next(Element &element);
    bool hasError() const { return m_error; }

private:
    std::span<const quint8> m_data;
    qsizetype m_offset = 0;
    bool m_oneByte = false;
    bool m_twoByte = false;
    bool m_error = false;
};

} // namespace Media
