// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <cstdint>

struct SpeexResamplerState_;

namespace Media {

// Streaming sample rate conversion of interleaved int16 PCM (speexdsp's windowed-sinc
// resampler). Quality 5 is speexdsp's own default for VoIP: good enough for a 48 kHz device
// feeding an 8 kHz codec, cheap enough for the media thread.
//
// Streaming: the filter keeps its history between calls, so a signal fed in arbitrary
// chunks comes out continuous. The filter delays the signal by inputLatency() input samples;
// nothing is lost, it comes out later. No allocation after construction.
class Resampler
{
public:
    static constexpr int DefaultQuality = 5; // SPEEX_RESAMPLER_QUALITY_VOIP

    Resampler(int channels, int inputRate, int outputRate, int quality = DefaultQuality);
    ~Resampler();

    Resampler(const Resampler &) = delete;
    Resampler &operator=(const Resampler &) = delete;

    bool isValid() const { return m_state != nullptr; }
    QString errorString() const { return m_errorString; }

    int channels() const { return m_channels; }
    int inputRate() const { return m_inputRate; }
    int outputRate() const { return m_outputRate; }
    int inputLatency() const;

    // Output frames `inputFrames` can produce at most (plus the rounding slack of one).
    int maxOutputFrames(int inputFrames) const;

    // Converts up to `inputFrames` frames (samples per channel) from `in` into `out`, which
    // holds `outputCapacity` frames. Returns frames written, or -1 on error; `consumed`
    // (optional) receives the input frames used, which is less than inputFrames only when
    // `out` was too small.
    int process(const int16_t *in, int inputFrames, int16_t *out, int outputCapacity,
                int *consumed = nullptr);

    // Forgets the history (e.g. at a stream discontinuity).
    void reset();

private:
    SpeexResamplerState_ *m_state = nullptr;
    int m_channels;
    int m_inputRate;
    int m_outputRate;
    QString m_errorString;
};

} // namespace Media
