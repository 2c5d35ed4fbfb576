// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dsp/EchoCanceller.h"

#include <speex/speex_echo.h>
#include <speex/speex_preprocess.h>

#include <algorithm>

namespace Media {

EchoCanceller::EchoCanceller(int sampleRate, int tailMs)
    : m_sampleRate(sampleRate)
    , m_frameSamples(sampleRate / 50)
{
    if (sampleRate != 8000 && sampleRate != 16000 && sampleRate != 32000 && sampleRate != 48000) {
        m_errorString = QStringLiteral("EchoCanceller: unsupported sample rate %1").arg(sampleRate);
        return;
    }
    const int tailSamples = sampleRate / 1000 * std::clamp(tailMs, 20, 1000);
    m_echo = speex_echo_state_init(m_frameSamples, tailSamples);
    m_preprocess = speex_preprocess_state_init(m_frameSamples, sampleRate);
    if (!m_echo || !m_preprocess) {
        m_errorString = QStringLiteral("EchoCanceller: speexdsp initialisation failed");
        return;
    }
    int rate = sampleRate;
    speex_echo_ctl(m_echo, SPEEX_ECHO_SET_SAMPLING_RATE, &rate);
    // AGC and dereverb stay off (VAD is off by default; setting it only prints a warning).
    int off = 0;
    speex_preprocess_ctl(m_preprocess, SPEEX_PREPROCESS_SET_AGC, &off);
    speex_preprocess_ctl(m_preprocess, SPEEX_PREPROCESS_SET_DEREVERB, &off);
    updatePreprocessor();
}

EchoCanceller::~EchoCanceller()
{
    if (m_preprocess)
        speex_preprocess_state_destroy(m_preprocess);
    if (m_echo)
        speex_echo_state_destroy(m_echo);
}

void EchoCanceller::updatePreprocessor()
{
    if (!m_preprocess)
        return;
    int denoise = m_nsEnabled ? 1 : 0;
    speex_preprocess_ctl(m_preprocess, SPEEX_PREPROCESS_SET_DENOISE, &denoise);
    // The preprocessor's residual echo suppressor reads the canceller's state; detach it
    // when cancellation is off so it does not suppress a signal nobody cancelled.
    speex_preprocess_ctl(m_preprocess, SPEEX_PREPROCESS_SET_ECHO_STATE,
                         m_aecEnabled ? m_echo : nullptr);
}

void EchoCanceller::setEchoCancellationEnabled(bool enabled)
{
    if (enabled == m_aecEnabled)
        return;
    m_aecEnabled = enabled;
    if (enabled && m_echo)
        speex_echo_state_reset(m_echo);
    updatePreprocessor();
}

void EchoCanceller::setNoiseSuppressionEnabled(bool enabled)
{
    m_nsEnabled = enabled;
    updatePreprocessor();
}

void EchoCanceller::setNoiseSuppressionLevel(int dB)
{
    if (!m_preprocess)
        return;
    int level = std::min(dB, 0);
    speex_preprocess_ctl(m_preprocess, SPEEX_PREPROCESS_SET_NOISE_SUPPRESS, &level);
}

bool EchoCanceller::process(const int16_t *nearEnd, const int16_t *farEnd, int16_t *out)
{
    if (!isValid() || !nearEnd || !farEnd || !out)
        return false;
    if (m_aecEnabled) {
        speex_echo_cancellation(m_echo, nearEnd, farEnd, out);
    } else {
        std::copy(nearEnd, nearEnd + m_frameSamples, out);
    }
    if (m_aecEnabled || m_nsEnabled)
        speex_preprocess_run(m_preprocess, out);
    return true;
}

void EchoCanceller::reset()
{
    if (m_echo)
        speex_echo_state_reset(m_echo);
}

} // namespace Media
