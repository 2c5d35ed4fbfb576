// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <cstdint>

struct SpeexEchoState_;
struct SpeexPreprocessState_;

namespace Media {

// Acoustic echo cancellation and noise suppression for the microphone path (speexdsp).
//
// The echo canceller (speex_echo, an MDF adaptive filter) learns the path from the
// loudspeaker signal (far end) to the microphone (near end) and subtracts its estimate. The
// preprocessor then removes residual echo it is told about (SET_ECHO_STATE) and, when
// enabled, stationary noise. Mono, 20 ms frames at 16 or 48 kHz (8 kHz works too).
//
// process() must see the far-end frame that was played while the near-end frame was
// captured; a small constant offset between them is absorbed by the filter tail (tailMs),
// so the tail must cover the device round trip plus the room's echo (200 ms is typical).
// No allocation after construction.
class EchoCanceller
{
public:
    static constexpr int DefaultTailMs = 200;

    explicit EchoCanceller(int sampleRate, int tailMs = DefaultTailMs);
    ~EchoCanceller();

    EchoCanceller(const EchoCanceller &) = delete;
    EchoCanceller &operator=(const EchoCanceller &) = delete;

    bool isValid() const { return m_echo && m_preprocess; }
    QString errorString() const { return m_errorString; }

    int sampleRate() const { return m_sampleRate; }
    int frameSamples() const { return m_frameSamples; }

    // Echo cancellation on/off (off: the near end passes through, except for noise
    // suppression when that is on). Turning it on again restarts adaptation.
    void setEchoCancellationEnabled(bool enabled);
    bool isEchoCancellationEnabled() const { return m_aecEnabled; }

    void setNoiseSuppressionEnabled(bool enabled);
    bool isNoiseSuppressionEnabled() const { return m_nsEnabled; }
    // Maximum attenuation of noise in dB (negative; speexdsp default -15).
    void setNoiseSuppressionLevel(int dB);

    // Processes one frame (frameSamples() samples each). `out` must not overlap the inputs
    // (speexdsp does not promise in-place operation).
    // Returns false if the canceller is invalid or a pointer is null.
    bool process(const int16_t *nearEnd, const int16_t *farEnd, int16_t *out);

    void reset();

private:
    void updatePreprocessor();

    int m_sampleRate;
    int m_frameSamples;
    SpeexEchoState_ *m_echo = nullptr;
    SpeexPreprocessState_ *m_preprocess = nullptr;
    bool m_aecEnabled = true;
    bool m_nsEnabled = true;
    QString m_errorString;
};

} // namespace Media
