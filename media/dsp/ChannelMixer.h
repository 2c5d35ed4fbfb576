// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>

namespace Media {

// Converts interleaved int16 PCM between channel counts, for devices whose channel layout
// differs from the engine's (a stereo headset feeding a mono codec and back).
//
// To mono: the average of all channels (a sum would clip). From mono: the same signal on
// every channel. Otherwise channel c takes input channel c % inputChannels, which keeps
// front left/right in place for the usual layouts (WAVE_FORMAT_EXTENSIBLE and PulseAudio
// both start with FL, FR).
class ChannelMixer
{
public:
    // Converts `frames` frames. `in` and `out` must not overlap.
    static void convert(const int16_t *in, int inputChannels, int16_t *out, int outputChannels,
                        int frames);
};

} // namespace Media
