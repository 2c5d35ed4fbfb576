// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>
#include <span>

namespace Media {

// One level reading: RMS and peak in dBFS, relative to full scale (32768). RMS is relative
// to a full-scale square wave, so a full-scale sine reads -3.01 dB RMS and 0 dB peak.
// Silence reads FloorDbfs.
struct AudioLevel
{
    static constexpr double FloorDbfs = -100.0;
    double rmsDbfs = FloorDbfs;
    double peakDbfs = FloorDbfs;
};

// Accumulates the level of the samples it is given until take(): a sum of squares and a
// maximum, so metering a 20 ms frame costs one pass over it in the media thread; the
// logarithms are taken only when a reading is taken (~10 times a second).
class AudioLevelMeter
{
public:
    void add(std::span<const int16_t> samples);
    // Samples added since the last take(), as a reading; starts a new reading.
    AudioLevel take();
    bool isEmpty() const { return m_count == 0; }

    // 20 log10(amplitude / 32768), FloorDbfs for 0 and below.
    static double toDbfs(double amplitude);

private:
    double m_sumOfSquares = 0.0;
    int m_peak = 0;
    std::int64_t m_count = 0;
};

} // namespace Media
