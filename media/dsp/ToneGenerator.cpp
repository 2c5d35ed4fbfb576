// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dsp/ToneGenerator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace Media {

namespace {

constexpr double TwoPi = 2.0 * std::numbers::pi;

// ITU-T Q.23 keypad: rows are the low group, columns the high group.
constexpr std::array<double, 4> DtmfLow { 697.0, 770.0, 852.0, 941.0 };
constexpr std::array<double, 4> DtmfHigh { 1209.0, 1336.0, 1477.0, 1633.0 };
constexpr std::array<const char *, 4> DtmfKeys { "123A", "456B", "789C", "*0#D" };

} // namespace

ToneGenerator::Tone ToneGenerator::sine(double frequency, double amplitude)
{
    Tone tone;
    tone.frequency1 = frequency;
    tone.amplitude = amplitude;
    return tone;
}

ToneGenerator::Tone ToneGenerator::ringbackUs()
{
    return Tone { 440.0, 480.0, 0.2, { 2000, 4000, 0, 0 } };
}

ToneGenerator::Tone ToneGenerator::ringbackEu()
{
    return Tone { 425.0, 0.0, 0.3, { 1000, 4000, 0, 0 } };
}

ToneGenerator::Tone ToneGenerator::busyUs()
{
    return Tone { 480.0, 620.0, 0.2, { 500, 500, 0, 0 } };
}

ToneGenerator::Tone ToneGenerator::busyEu()
{
    return Tone { 425.0, 0.0, 0.3, { 500, 500, 0, 0 } };
}

bool ToneGenerator::dtmfFrequencies(char digit, double *low, double *high)
{
    if (digit >= 'a' && digit <= 'd')
        digit = char(digit - 'a' + 'A');
    for (std::size_t row = 0; row < DtmfKeys.size(); ++row) {
        for (std::size_t column = 0; column < 4; ++column) {
            if (DtmfKeys[row][column] == digit) {
                if (low)
                    *low = DtmfLow[row];
                if (high)
                    *high = DtmfHigh[column];
                return true;
            }
        }
    }
    return false;
}

std::optional<ToneGenerator::Tone> ToneGenerator::dtmf(char digit)
{
    double low = 0.0;
    double high = 0.0;
    if (!dtmfFrequencies(digit, &low, &high))
        return std::nullopt;
    return Tone { low, high, 0.25, {} };
}

ToneGenerator::ToneGenerator(int sampleRate)
    : m_sampleRate(sampleRate > 0 ? sampleRate : 8000)
{
}

ToneGenerator::ToneGenerator(int sampleRate, const Tone &tone)
    : ToneGenerator(sampleRate)
{
    setTone(tone);
}

void ToneGenerator::setTone(const Tone &tone)
{
    m_tone = tone;
    m_cycleSamples = 0;
    m_cadenceSamples.fill(0);
    for (std::size_t i = 0; i < tone.cadenceMs.size() && tone.cadenceMs[i] > 0; ++i) {
        m_cadenceSamples[i] = int64_t(tone.cadenceMs[i]) * m_sampleRate / 1000;
        m_cycleSamples += m_cadenceSamples[i];
    }
    reset();
}

void ToneGenerator::reset()
{
    m_position = 0;
    m_phase1 = 0.0;
    m_phase2 = 0.0;
}

bool ToneGenerator::isOn() const
{
    if (m_cycleSamples == 0)
        return true;
    int64_t position = m_position;
    for (std::size_t i = 0; i < m_cadenceSamples.size() && m_cadenceSamples[i] > 0; ++i) {
        if (position < m_cadenceSamples[i])
            return i % 2 == 0;
        position -= m_cadenceSamples[i];
    }
    return false;
}

void ToneGenerator::generate(int16_t *out, int samples)
{
    if (!out || samples <= 0)
        return;
    const double step1 = TwoPi * m_tone.frequency1 / m_sampleRate;
    const double step2 = TwoPi * m_tone.frequency2 / m_sampleRate;
    const double scale = 32767.0 * std::clamp(m_tone.amplitude, 0.0, 1.0);
    int written = 0;
    while (written < samples) {
        // Length of the current cadence segment left, so the inner loop needs no checks.
        int64_t segmentLeft = samples - written;
        bool on = true;
        if (m_cycleSamples > 0) {
            int64_t position = m_position;
            std::size_t segment = 0;
            while (segment + 1 < m_cadenceSamples.size() && m_cadenceSamples[segment + 1] > 0
                   && position >= m_cadenceSamples[segment]) {
                position -= m_cadenceSamples[segment];
                ++segment;
            }
            on = segment % 2 == 0;
            segmentLeft = std::min(segmentLeft, m_cadenceSamples[segment] - position);
            if (on && position == 0) {
                m_phase1 = 0.0;
                m_phase2 = 0.0;
            }
        }
        const int count = int(segmentLeft);
        if (on) {
            for (int i = 0; i < count; ++i) {
                double value = std::sin(m_phase1);
                if (m_tone.frequency2 > 0.0)
                    value += std::sin(m_phase2);
                out[written + i]
                        = int16_t(std::lround(std::clamp(value * scale, -32768.0, 32767.0)));
                m_phase1 += step1;
                m_phase2 += step2;
                if (m_phase1 >= TwoPi)
                    m_phase1 -= TwoPi;
                if (m_phase2 >= TwoPi)
                    m_phase2 -= TwoPi;
            }
        } else {
            std::fill(out + written, out + written + count, int16_t(0));
        }
        written += count;
        if (m_cycleSamples > 0)
            m_position = (m_position + count) % m_cycleSamples;
    }
}

} // namespace Media
