// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/ToneSource.h"

namespace Media {

ToneSource::ToneSource(const AudioFormat &format, const ToneGenerator::Tone &tone, int durationMs)
    : m_format(format)
    , m_generator(format.sampleRate, tone)
    , m_framesLeft(durationMs < 0 ? -1
                                  : (durationMs + AudioFormat::FrameDurationMs - 1)
                                   / AudioFormat::FrameDurationMs)
{
}

AudioSource::ReadResult ToneSource::readFrame(std::span<int16_t> frame)
{
    if (!m_format.isValid() || frame.size() != std::size_t(m_format.frameLength())) {
        setErrorString(QStringLiteral("ToneSource: frame of %1 samples, expected %2")
                               .arg(frame.size())
                               .arg(m_format.frameLength()));
        return ReadResult::Error;
    }
    if (m_framesLeft == 0)
        return ReadResult::End;
    if (m_framesLeft > 0)
        --m_framesLeft;

    const int samples = m_format.frameSamples();
    const int channels = m_format.channels;
    m_generator.generate(frame.data(), samples);
    // Spread the mono signal over the channels in place, back to front so nothing is
    // overwritten before it is copied.
    if (channels > 1) {
        for (int i = samples - 1; i >= 0; --i) {
            const int16_t value = frame[std::size_t(i)];
            for (int c = channels - 1; c >= 0; --c)
                frame[std::size_t(i * channels + c)] = value;
        }
    }
    return ReadResult::Frame;
}

} // namespace Media
