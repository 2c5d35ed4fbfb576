// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/G711.h"

#include <algorithm>
#include <bit>

namespace Media {

namespace {

// mu-law works on a biased magnitude so that every segment starts at a power of two.
constexpr int MuLawBias = 0x84; // 33 in the 14-bit domain of the standard
constexpr int MuLawClip = 32635; // 0x7FFF - MuLawBias

// One's complement magnitude: -1 -> 0, -32768 -> 32767 (no overflow).
constexpr int magnitudeOf(qint16 sample)
{
    return sample < 0 ? ~int(sample) : int(sample);
}

} // namespace

quint8 G711::linearToMuLaw(qint16 sample)
{
    const quint8 signMask = sample < 0 ? 0x7F : 0xFF;
    const int biased = std::min(magnitudeOf(sample), MuLawClip) + MuLawBias; // 0x84 .. 0x7FFF
    // Segment s covers biased values [0x80 << s, 0x100 << s).
    const int segment = std::bit_width(unsigned(biased)) - 8;
    const int mantissa = (biased >> (segment + 3)) & 0x0F;
    return quint8(((segment << 4) | mantissa) ^ signMask);
}

qint16 G711::muLawToLinear(quint8 code)
{
    const int inverted = quint8(~code);
    const int segment = (inverted >> 4) & 0x07;
    const int mantissa = inverted & 0x0F;
    const int biased = ((mantissa << 3) + MuLawBias) << segment;
    return qint16((inverted & 0x80) ? MuLawBias - biased : biased - MuLawBias);
}

quint8 G711::linearToALaw(qint16 sample)
{
    const int magnitude = magnitudeOf(sample); // 0 .. 32767
    // Segments 0 and 1 share the finest step (16); segment s >= 1 covers [0x80 << s, 0x100 << s).
    const int segment = std::max(0, int(std::bit_width(unsigned(magnitude))) - 8);
    const int mantissa = (magnitude >> (segment == 0 ? 4 : segment + 3)) & 0x0F;
    const int sign = sample < 0 ? 0x00 : 0x80;
    return quint8((sign | (segment << 4) | mantissa) ^ 0x55);
}

qint16 G711::aLawToLinear(quint8 code)
{
    const int value = code ^ 0x55;
    const int segment = (value >> 4) & 0x07;
    int mantissa = value & 0x0F;
    if (segment > 0)
        mantissa += 0x10; // implicit leading one
    int magnitude = (mantissa << 4) + 0x08; // middle of the interval
    if (segment > 1)
        magnitude <<= segment - 1;
    return qint16((value & 0x80) ? magnitude : -magnitude);
}

std::size_t G711::encode(Law law, std::span<const qint16> in, std::span<quint8> out)
{
    const std::size_t count = std::min(in.size(), out.size());
    if (law == Law::MuLaw)
        std::ranges::transform(in.first(count), out.begin(), &G711::linearToMuLaw);
    else
        std::ranges::transform(in.first(count), out.begin(), &G711::linearToALaw);
    return count;
}

std::size_t G711::decode(Law law, std::span<const quint8> in, std::span<qint16> out)
{
    const std::size_t count = std::min(in.size(), out.size());
    if (law == Law::MuLaw)
        std::ranges::transform(in.first(count), out.begin(), &G711::muLawToLinear);
    else
        std::ranges::transform(in.first(count), out.begin(), &G711::aLawToLinear);
    return count;
}

} // namespace Media
