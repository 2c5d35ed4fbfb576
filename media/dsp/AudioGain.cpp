// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AudioGain.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace Media {

void AudioGain::apply(std::span<int16_t> samples, double gain)
{
    gain = std::clamp(gain, 0.0, MaxGain);
    if (gain == 1.0)
        return;
    if (gain == 0.0) {
        std::fill(samples.begin(), samples.end(), int16_t(0));
        return;
    }
    // Q16 fixed point: one integer multiply per sample, and exact for gain 1/2, 1/4, 2...
    const std::int64_t factor = std::llround(gain * 65536.0);
    for (int16_t &sample : samples) {
        const std::int64_t scaled = (std::int64_t(sample) * factor) >> 16;
        sample = int16_t(std::clamp<std::int64_t>(scaled, std::numeric_limits<int16_t>::min(),
                                                  std::numeric_limits<int16_t>::max()));
    }
}

double AudioGain::toDecibels(double gain)
{
    if (gain <= 0.0)
        return -std::numeric_limits<double>::infinity();
    return 20.0 * std::log10(gain);
}

} // namespace Media
