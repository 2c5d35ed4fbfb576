// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MediaFormatConverter.h"

#include "dsp/ChannelMixer.h"
#include "dsp/Resampler.h"

#include <algorithm>
#include <cstring>

namespace Media {

MediaFormatConverter::MediaFormatConverter(const AudioFormat &input, const AudioFormat &output)
    : m_input(input)
    , m_output(output)
{
    if (!input.isValid() || !output.isValid()) {
        m_errorString = QStringLiteral("invalid audio format for conversion");
        return;
    }
    m_mixed.resize(std::size_t(input.frameSamples()) * std::size_t(output.channels));
    if (input.sampleRate != output.sampleRate) {
        m_resampler
                = std::make_unique<Resampler>(output.channels, input.sampleRate, output.sampleRate);
        if (!m_resampler->isValid()) {
            m_errorString = m_resampler->errorString();
            return;
        }
        const int capacity = m_resampler->maxOutputFrames(input.frameSamples()) + 1;
        m_resampled.resize(std::size_t(capacity) * std::size_t(output.channels));
    }
    m_fifo.resize(std::size_t(output.frameLength()) * (MaxBufferedFrames + 2));
    m_valid = true;
}

MediaFormatConverter::~MediaFormatConverter() = default;

int MediaFormatConverter::availableSamples() const
{
    return int(m_fifoSize / std::size_t(m_output.channels));
}

void MediaFormatConverter::reset()
{
    m_fifoSize = 0;
    if (m_resampler)
        m_resampler->reset();
}

void MediaFormatConverter::append(const int16_t *data, int samples)
{
    std::size_t values = std::size_t(samples) * std::size_t(m_output.channels);
    const std::size_t limit = std::size_t(m_output.frameLength()) * MaxBufferedFrames;
    if (values > limit) {
        data += values - limit;
        values = limit;
    }
    if (m_fifoSize + values > limit) {
        // Drop the oldest whole samples to stay within the bound.
        const std::size_t drop = m_fifoSize + values - limit;
        std::memmove(m_fifo.data(), m_fifo.data() + drop, (m_fifoSize - drop) * sizeof(int16_t));
        m_fifoSize -= drop;
        m_dropped += qint64(drop);
    }
    std::memcpy(m_fifo.data() + m_fifoSize, data, values * sizeof(int16_t));
    m_fifoSize += values;
}

bool MediaFormatConverter::push(std::span<const int16_t> frame)
{
    if (!m_valid || frame.size() != std::size_t(m_input.frameLength()))
        return false;
    const int samples = m_input.frameSamples();
    const int16_t *mixed = frame.data();
    if (m_input.channels != m_output.channels) {
        ChannelMixer::convert(frame.data(), m_input.channels, m_mixed.data(), m_output.channels,
                              samples);
        mixed = m_mixed.data();
    }
    if (!m_resampler) {
        append(mixed, samples);
        return true;
    }
    const int capacity = int(m_resampled.size() / std::size_t(m_output.channels));
    const int produced = m_resampler->process(mixed, samples, m_resampled.data(), capacity);
    if (produced < 0)
        return false;
    append(m_resampled.data(), produced);
    return true;
}

bool MediaFormatConverter::pop(std::span<int16_t> frame)
{
    const std::size_t values = std::size_t(m_output.frameLength());
    if (!m_valid || frame.size() != values || m_fifoSize < values)
        return false;
    std::memcpy(frame.data(), m_fifo.data(), values * sizeof(int16_t));
    std::memmove(m_fifo.data(), m_fifo.data() + values, (m_fifoSize - values) * sizeof(int16_t));
    m_fifoSize -= values;
    return true;
}

} // namespace Media
