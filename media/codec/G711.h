// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>

#include <cstddef>
#include <span>

namespace Media {

// ITU-T G.711 companding of 16-bit linear PCM: mu-law (PCMU, RTP payload type 0)
// and A-law (PCMA, RTP payload type 8). One 8-bit code per sample.
//
// Encoding follows the segment (chord) algorithm of the standard: the magnitude is
// split into 8 segments of 16 steps each; the step doubles from one segment to the
// next. Negative samples use the one's complement magnitude, as in the ITU-T G.191
// reference implementation. Decoding returns the middle of the quantisation interval.
// The code words are stored as transmitted (mu-law inverted, A-law with even bits
// inverted).
class G711
{
public:
    enum class Law { MuLaw, ALaw };

    static quint8 linearToMuLaw(qint16 sample);
    static qint16 muLawToLinear(quint8 code);

    static quint8 linearToALaw(qint16 sample);
    static qint16 aLawToLinear(quint8 code);

    // Buffer variants; they process min(in.size(), out.size()) samples and return that count.
    static std::size_t encode(Law law, std::span<const qint16> in, std::span<quint8> out);
    static std::size_t decode(Law law, std::span<const quint8> in, std::span<qint16> out);
};

} // namespace Media
