// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QVarLengthArray>
#include <QtGlobal>

#include <span>

namespace Media {

// Builds an RTP header extension block in the RFC 8285 one-byte (§4.2) or two-byte (§4.3)
// form, zero-padded to a 32-bit multiple, for RtpPacket::setExtension(profile(), data()).
// Up to 64 octets live inline (no allocation).
class RtpHeaderExtensionWriter
{
public:
    enum class Form { OneByte, TwoByte };

    explicit RtpHeaderExtensionWriter(Form form = Form::OneByte, quint8 appBits = 0);

    // One-byte form: id 1..14, 1..16 octets. Two-byte form: id 1..255, 0..255 octets.
    // False (and nothing added) otherwise, or beyond the 16-bit word count of §5.3.1.
    bool add(quint8 id, std::span<const quint8> data);

    quint16 profile() const;
    // The elements and the padding: a multiple of 4 octets.
    std::span<const quint8> data() const { return { m_data.data(), std::size_t(m_data.size()) }; }
    bool isEmpty() const { return m_used == 0; }
    void clear();

private:
    QVarLengthArray<quint8, 64> m_data;
    qsizetype m_used = 0; // octets before the padding
    Form m_form;
    quint8 m_appBits;
};

} // namespace Media
