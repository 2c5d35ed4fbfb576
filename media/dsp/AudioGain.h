// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <span>

namespace Media {

// A volume control on 16-bit PCM, applied in the media thread.
class AudioGain
{
public:
    static constexpr double MaxGain = 4.0; // +12 dB: enough to lift a quiet microphone

    // Multiplies every sample by `gain` (clamped to 0..MaxGain), saturating at full scale
    // rather than wrapping. A gain of 1 leaves the samples untouched.
    static void apply(std::span<int16_t> samples, double gain);
    // 20 log10(gain); a gain of 0 gives -inf.
    static double toDecibels(double gain);
};

} // namespace Media
