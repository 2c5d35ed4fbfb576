// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace Media {

// Generates call progress and DTMF tones: one or two summed sines, optionally switched on
// and off by a cadence. Mono int16 at any sample rate; no allocation.
//
// Presets (frequencies and cadences):
//  - ringbackUs: 440 + 480 Hz, 2 s on / 4 s off (ATIS-0300011, the North American
//    "precise tone plan");
//  - ringbackEu: 425 Hz, 1 s on / 4 s off (ETSI TR 101 041 / ITU-T E.180 recommended
//    ringing tone);
//  - busyUs: 480 + 620 Hz, 0.5 s on / 0.5 s off; busyEu: 425 Hz, 0.5 s on / 0.5 s off;
//  - dtmf: the ITU-T Q.23 row (697, 770, 852, 941 Hz) and column (1209, 1336, 1477,
//    1633 Hz) pair of a key, continuous (the caller times the key press).
// Every on-burst starts at phase zero so the tone starts without a click.
class ToneGenerator
{
public:
    struct Tone
    {
        double frequency1 = 0.0;
        double frequency2 = 0.0; // 0 for a single sine
        double amplitude = 0.25; // peak of each component, fraction of full scale
        // on, off, on, off ... in ms; a zero entry ends the list. All zero: continuous.
        std::array<int, 4> cadenceMs {};
    };

    static Tone sine(double frequency, double amplitude = 0.25);
    static Tone ringbackUs();
    static Tone ringbackEu();
    static Tone busyUs();
    static Tone busyEu();
    // nullopt for a character that is not a DTMF key (0-9 * # A-D).
    static std::optional<Tone> dtmf(char digit);
    // Q.23 low (row) and high (column) frequency of a key; false if not a key.
    static bool dtmfFrequencies(char digit, double *low, double *high);

    explicit ToneGenerator(int sampleRate);
    ToneGenerator(int sampleRate, const Tone &tone);

    int sampleRate() const { return m_sampleRate; }
    const Tone &tone() const { return m_tone; }

    // Switches to `tone`, restarting its cadence at the start of an on-burst.
    void setTone(const Tone &tone);
    void reset();

    // Writes `samples` mono samples.
    void generate(int16_t *out, int samples);

    // Whether the next generated sample falls in an on-burst.
    bool isOn() const;

private:
    int m_sampleRate;
    Tone m_tone;
    std::array<int64_t, 4> m_cadenceSamples {};
    int64_t m_cycleSamples = 0; // 0: continuous
    int64_t m_position = 0; // within the cadence cycle
    double m_phase1 = 0.0;
    double m_phase2 = 0.0;
};

} // namespace Media
