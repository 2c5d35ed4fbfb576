// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dsp/Goertzel.h"

#include <cmath>
#include <numbers>

namespace Media {

Goertzel::Goertzel(double frequency, int sampleRate)
{
    const double omega = 2.0 * std::numbers::pi * frequency / (sampleRate > 0 ? sampleRate : 1);
    m_cosine = std::cos(omega);
    m_sine = std::sin(omega);
    m_coefficient = 2.0 * m_cosine;
}

void Goertzel::reset()
{
    m_s1 = 0.0;
    m_s2 = 0.0;
    m_energy = 0.0;
    m_count = 0;
}

void Goertzel::process(const int16_t *samples, int count)
{
    if (!samples)
        return;
    for (int i = 0; i < count; ++i) {
        const double x = samples[i];
        const double s0 = x + m_coefficient * m_s1 - m_s2;
        m_s2 = m_s1;
        m_s1 = s0;
        m_energy += x * x;
    }
    m_count += count > 0 ? count : 0;
}

double Goertzel::power() const
{
    // |X|^2 of the (generalised, non-integer k) bin: the phase term of the final step does
    // not change the magnitude, so the usual real-only form applies.
    const double real = m_s1 - m_s2 * m_cosine;
    const double imaginary = m_s2 * m_sine;
    return real * real + imaginary * imaginary;
}

double Goertzel::amplitude() const
{
    return m_count > 0 ? 2.0 * std::sqrt(power()) / m_count : 0.0;
}

double Goertzel::relativePower() const
{
    if (m_count == 0 || m_energy <= 0.0)
        return 0.0;
    return 2.0 * power() / (m_count * m_energy);
}

double Goertzel::amplitude(const int16_t *samples, int count, double frequency, int sampleRate)
{
    Goertzel goertzel(frequency, sampleRate);
    goertzel.process(samples, count);
    return goertzel.amplitude();
}

double Goertzel::relativePower(const int16_t *samples, int count, double frequency, int sampleRate)
{
    Goertzel goertzel(frequency, sampleRate);
    goertzel.process(samples, count);
    return goertzel.relativePower();
}

double Goertzel::dominantFrequency(const int16_t *samples, int count, int sampleRate, double minHz,
                                   double maxHz, double stepHz)
{
    double best = minHz;
    double bestPower = -1.0;
    for (double frequency = minHz; frequency <= maxHz; frequency += stepHz) {
        Goertzel goertzel(frequency, sampleRate);
        goertzel.process(samples, count);
        if (goertzel.power() > bestPower) {
            bestPower = goertzel.power();
            best = frequency;
        }
    }
    return best;
}

} // namespace Media
