// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dsp/Resampler.h"

#include <speex/speex_resampler.h>

#include <algorithm>

namespace Media {

Resampler::Resampler(int channels, int inputRate, int outputRate, int quality)
    : m_channels(channels)
    , m_inputRate(inputRate)
    , m_outputRate(outputRate)
{
    if (channels < 1 || channels > 8 || inputRate <= 0 || outputRate <= 0) {
        m_errorString = QStringLiteral("Resampler: invalid channels or rates");
        return;
    }
    int error = RESAMPLER_ERR_SUCCESS;
    m_state = speex_resampler_init(
            spx_uint32_t(channels), spx_uint32_t(inputRate), spx_uint32_t(outputRate),
            std::clamp(quality, SPEEX_RESAMPLER_QUALITY_MIN, SPEEX_RESAMPLER_QUALITY_MAX), &error);
    if (!m_state || error != RESAMPLER_ERR_SUCCESS) {
        if (m_state)
            speex_resampler_destroy(m_state);
        m_state = nullptr;
        m_errorString = QStringLiteral("Resampler: %1")
                                .arg(QString::fromUtf8(speex_resampler_strerror(error)));
        return;
    }
    // Without this the first output samples are the filter's zero history; skipping them
    // aligns output with input (the latency is then only the filter's group delay).
    speex_resampler_skip_zeros(m_state);
}

Resampler::~Resampler()
{
    if (m_state)
        speex_resampler_destroy(m_state);
}

int Resampler::inputLatency() const
{
    return m_state ? speex_resampler_get_input_latency(m_state) : 0;
}

int Resampler::maxOutputFrames(int inputFrames) const
{
    return int((qint64(inputFrames) * m_outputRate + m_inputRate - 1) / m_inputRate) + 1;
}

int Resampler::process(const int16_t *in, int inputFrames, int16_t *out, int outputCapacity,
                       int *consumed)
{
    if (consumed)
        *consumed = 0;
    if (!m_state || !in || !out || inputFrames < 0 || outputCapacity < 0)
        return -1;
    spx_uint32_t inLength = spx_uint32_t(inputFrames);
    spx_uint32_t outLength = spx_uint32_t(outputCapacity);
    const int error
            = speex_resampler_process_interleaved_int(m_state, in, &inLength, out, &outLength);
    if (error != RESAMPLER_ERR_SUCCESS)
        return -1;
    if (consumed)
        *consumed = int(inLength);
    return int(outLength);
}

void Resampler::reset()
{
    if (m_state) {
        speex_resampler_reset_mem(m_state);
        speex_resampler_skip_zeros(m_state);
    }
}

} // namespace Media
