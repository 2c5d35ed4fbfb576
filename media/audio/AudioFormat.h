// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

namespace Media {

// Format of the PCM frames exchanged between audio endpoints and the media engine:
// interleaved signed 16-bit samples in native byte order, 20 ms per frame (the packetisation
// of every codec we use, RFC 3551 §4.2 / RFC 7587 §4.2).
struct AudioFormat
{
    static constexpr int FrameDurationMs = 20;
    static constexpr int MaxChannels = 8;
    static constexpr int MaxSampleRate = 384000;

    int sampleRate = 48000;
    int channels = 1;

    bool isValid() const
    {
        return sampleRate >= 1000 && sampleRate <= MaxSampleRate && channels >= 1
                && channels <= MaxChannels;
    }
    // Samples per channel in one frame.
    int frameSamples() const { return sampleRate * FrameDurationMs / 1000; }
    // int16 values in one interleaved frame.
    int frameLength() const { return frameSamples() * channels; }

    friend bool operator==(const AudioFormat &, const AudioFormat &) = default;
};

} // namespace Media
