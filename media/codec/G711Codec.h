// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "codec/AudioCodec.h"
#include "codec/G711.h"

#include <array>

namespace Media {

// PCMU / PCMA (RFC 3551 §4.5.14): 8 kHz mono G.711, one octet per sample, static payload
// types 0 and 8. Frames are 20 ms = 160 samples.
//
// Packet loss concealment repeats the last good frame with a fade: G.711 has no decoder
// state to extrapolate from, and a simple repeat bridges short gaps much better than
// silence (cf. ITU-T G.711 Appendix I, which also starts from the last pitch period and
// attenuates the longer the loss lasts). The gain falls linearly by FadeStep per frame, so
// a burst of lost frames fades out to silence after 1 / FadeStep frames instead of buzzing.
class G711Codec : public AudioCodec
{
public:
    static constexpr int SampleRate = 8000;
    static constexpr int FrameSamples = SampleRate * FrameDurationMs / 1000;
    static constexpr double FadeStep = 0.25; // 4 concealed frames (80 ms) to silence

    explicit G711Codec(G711::Law law);

    QString name() const override;
    int clockRate() const override { return SampleRate; }
    int sampleRate() const override { return SampleRate; }
    int channels() const override { return 1; }

    G711::Law law() const { return m_law; }

    int encode(const int16_t *pcm, int samples, uint8_t *out, int capacity) override;
    int decode(const uint8_t *payload, int size, int16_t *out, int capacity) override;
    int conceal(int16_t *out, int capacity) override;

private:
    G711::Law m_law;
    std::array<int16_t, FrameSamples> m_lastFrame {};
    int m_lastFrameSamples = 0;
    double m_concealGain = 1.0; // gain at the start of the next concealed frame
};

} // namespace Media
