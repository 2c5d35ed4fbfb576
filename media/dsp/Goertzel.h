// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <cstdint>

namespace Media {

// Goertzel's algorithm: the energy of one frequency in a block of samples, one DFT bin at
// an arbitrary (not necessarily integer-bin) frequency for O(N) work. Used to check tones in
// tests and is the classic building block of DTMF detectors (ITU-T Q.24).
//
// For a sine of peak amplitude A spanning N samples, |X|^2 is about (A * N / 2)^2, so
// amplitude() returns A, and relativePower() the fraction (0..1) of the block's energy that
// the frequency holds.
class Goertzel
{
public:
    Goertzel(double frequency, int sampleRate);

    void reset();
    void process(const int16_t *samples, int count);

    // Squared magnitude of the bin over everything processed since reset().
    double power() const;
    // Peak amplitude of a sine at the frequency, in sample units.
    double amplitude() const;
    // power() relative to the block's total energy, 0..1 (1: a pure tone at the frequency).
    double relativePower() const;
    int count() const { return m_count; }

    static double amplitude(const int16_t *samples, int count, double frequency, int sampleRate);
    static double relativePower(const int16_t *samples, int count, double frequency,
                                int sampleRate);
    // The frequency in [minHz, maxHz] (in steps of stepHz) with the most energy.
    static double dominantFrequency(const int16_t *samples, int count, int sampleRate,
                                    double minHz = 50.0, double maxHz = 4000.0,
                                    double stepHz = 10.0);

private:
    double m_coefficient;
    double m_cosine;
    double m_sine;
    double m_s1 = 0.0;
    double m_s2 = 0.0;
    double m_energy = 0.0;
    int m_count = 0;
};

} // namespace Media
