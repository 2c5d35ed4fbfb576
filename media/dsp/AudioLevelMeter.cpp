// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AudioLevelMeter.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace Media {

namespace {
constexpr double FullScale = 32768.0;
}

void AudioLevelMeter::add(std::span<const int16_t> samples)
{
    // Integer squares summed per frame: exact, and cheaper than a double per sample.
    std::int64_t sum = 0;
    int peak = m_peak;
    for (const int16_t sample : samples) {
        const int value = sample;
        sum += std::int64_t(value) * value;
        peak = std::max(peak, std::abs(value));
    }
    m_sumOfSquares += double(sum);
    m_peak = peak;
    m_count += std::int64_t(samples.size());
}

AudioLevel AudioLevelMeter::take()
{
    AudioLevel level;
    if (m_count > 0) {
        level.rmsDbfs = toDbfs(std::sqrt(m_sumOfSquares / double(m_count)));
        level.peakDbfs = toDbfs(double(m_peak));
    }
    m_sumOfSquares = 0.0;
    m_peak = 0;
    m_count = 0;
    return level;
}

double AudioLevelMeter::toDbfs(double amplitude)
{
    if (amplitude <= 0.0)
        return AudioLevel::FloorDbfs;
    return std::max(AudioLevel::FloorDbfs, 20.0 * std::log10(amplitude / FullScale));
}

} // namespace Media
