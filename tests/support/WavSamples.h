// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audio/WavFileSource.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace TestSupport {

/// Every sample (interleaved) of a WAV file a test had written, up to 100,000 frames;
/// empty when it cannot be read. `format` gets the file's format.
inline std::vector<int16_t> readWavSamples(const QString &path,
                                           Media::AudioFormat *format = nullptr)
{
    Media::WavFileSource source;
    if (!source.open(path))
        return {};
    if (format)
        *format = source.format();
    std::vector<int16_t> all;
    std::vector<int16_t> frame(std::size_t(source.format().frameLength()));
    for (int i = 0; i < 100000; ++i) {
        if (source.readFrame(frame) != Media::AudioSource::ReadResult::Frame)
            break;
        all.insert(all.end(), frame.begin(), frame.end());
    }
    return all;
}

} // namespace TestSupport
