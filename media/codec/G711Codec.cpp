// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/G711Codec.h"

#include <algorithm>
#include <span>

namespace Media {

G711Codec::G711Codec(G711::Law law)
    : m_law(law)
{
}

QString G711Codec::name() const
{
    return m_law == G711::Law::MuLaw ? QStringLiteral("PCMU") : QStringLiteral("PCMA");
}

int G711Codec::encode(const int16_t *pcm, int samples, uint8_t *out, int capacity)
{
    if (!pcm || !out || samples < 0 || capacity < samples)
        return -1;
    return int(G711::encode(m_law, std::span<const qint16>(pcm, std::size_t(samples)),
                            std::span<quint8>(out, std::size_t(samples))));
}

int G711Codec::decode(const uint8_t *payload, int size, int16_t *out, int capacity)
{
    if (!payload || !out || size < 0 || capacity < size)
        return -1;
    const int count = int(G711::decode(m_law, std::span<const quint8>(payload, std::size_t(size)),
                                       std::span<qint16>(out, std::size_t(size))));
    // Keep the tail of what we played (up to one frame) as the concealment template; packets
    // of other sizes (RFC 3551 allows any ptime) still conceal with a full 20 ms frame.
    const int keep = std::min(count, FrameSamples);
    if (keep > 0) {
        std::copy(out + count - keep, out + count, m_lastFrame.begin());
        m_lastFrameSamples = keep;
    }
    m_concealGain = 1.0;
    return count;
}

int G711Codec::conceal(int16_t *out, int capacity)
{
    if (!out || capacity < FrameSamples)
        return -1;
    const double startGain = m_concealGain;
    const double endGain = std::max(0.0, startGain - FadeStep);
    if (m_lastFrameSamples == 0 || startGain <= 0.0) {
        std::fill(out, out + FrameSamples, int16_t(0));
    } else {
        // Ramp the gain across the frame so consecutive concealed frames join without steps.
        for (int i = 0; i < FrameSamples; ++i) {
            const double gain = startGain + (endGain - startGain) * i / FrameSamples;
            out[i] = int16_t(m_lastFrame[std::size_t(i % m_lastFrameSamples)] * gain);
        }
    }
    m_concealGain = endGain;
    return FrameSamples;
}

} // namespace Media
