// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioFormat.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace Media {

class Resampler;

// Turns a stream of 20 ms frames in one AudioFormat into 20 ms frames of another: channel
// count (ChannelMixer) and then sample rate (Resampler). A resampler does not always emit
// exactly a frame's worth per input frame, so the output goes through a small FIFO and
// pop() hands out exact frames once there are enough. The FIFO is bounded (MaxBufferedFrames);
// beyond that the oldest samples are dropped so latency cannot pile up.
//
// Allocation-free after construction; not thread-safe (media thread).
class MediaFormatConverter
{
public:
    static constexpr int MaxBufferedFrames = 6;

    MediaFormatConverter(const AudioFormat &input, const AudioFormat &output);
    ~MediaFormatConverter();
    MediaFormatConverter(const MediaFormatConverter &) = delete;
    MediaFormatConverter &operator=(const MediaFormatConverter &) = delete;

    bool isValid() const { return m_valid; }
    QString errorString() const { return m_errorString; }
    const AudioFormat &inputFormat() const { return m_input; }
    const AudioFormat &outputFormat() const { return m_output; }

    // Converts one input frame (inputFormat().frameLength() values) into the FIFO.
    bool push(std::span<const int16_t> frame);
    // One output frame (outputFormat().frameLength() values); false if not enough is queued.
    bool pop(std::span<int16_t> frame);
    // Queued output samples per channel.
    int availableSamples() const;
    void reset();

private:
    void append(const int16_t *data, int samples);

    AudioFormat m_input;
    AudioFormat m_output;
    bool m_valid = false;
    QString m_errorString;
    std::unique_ptr<Resampler> m_resampler;
    std::vector<int16_t> m_mixed; // one input frame at the output channel count
    std::vector<int16_t> m_resampled;
    std::vector<int16_t> m_fifo; // interleaved, output format
    std::size_t m_fifoSize = 0; // values queued (samples * channels)
    qint64 m_dropped = 0;
};

} // namespace Media
