# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tones in a WAV recording, 20 ms window by window (Goertzel): which of two dominates,
how much of a stretch of the recording holds a given tone, and a tone's frequency."""
import math
import struct
import wave


def tone_share(path, expected, other, skip_seconds=0.3):
    """Share of the voiced 20 ms windows in which `expected` Hz beats `other` Hz, and the
    number of voiced windows."""
    with wave.open(str(path)) as w:
        rate, channels, frames = w.getframerate(), w.getnchannels(), w.getnframes()
        samples = struct.unpack("<%dh" % (frames * channels), w.readframes(frames))[::channels]
    window = rate // 50
    voiced = wins = 0
    for start in range(int(rate * skip_seconds), len(samples) - window, window):
        segment = samples[start:start + window]
        power = {}
        for freq in (expected, other):
            k = 2 * math.cos(2 * math.pi * freq / rate)
            s1 = s2 = 0.0
            for x in segment:
                s1, s2 = x + k * s1 - s2, s1
            power[freq] = s1 * s1 + s2 * s2 - k * s1 * s2
        if max(power.values()) < 1e6:
            continue  # silence
        voiced += 1
        wins += power[expected] > power[other]
    return (wins / voiced if voiced else 0.0), voiced


def read_mono(path):
    """The first channel of a PCM16 WAV file as a tuple of samples, and its rate."""
    with wave.open(str(path)) as w:
        rate, channels, frames = w.getframerate(), w.getnchannels(), w.getnframes()
        samples = struct.unpack("<%dh" % (frames * channels), w.readframes(frames))[::channels]
    return samples, rate


# A window "holds the tone" when it is not near-silent (RMS above about -40 dBFS) and at
# least half of its energy is at the tone's frequency.
TONE_MIN_RMS = 300.0
TONE_MIN_PURITY = 0.5


def tone_windows(path, freq, start_seconds=0.0, end_seconds=None):
    """One flag per 20 ms window of the recording between `start_seconds` and `end_seconds`
    (default: the end): True when the window holds `freq` Hz (see TONE_MIN_*)."""
    samples, rate = read_mono(path)
    window = rate // 50
    last = len(samples) if end_seconds is None else min(len(samples), int(rate * end_seconds))
    k = 2 * math.cos(2 * math.pi * freq / rate)
    flags = []
    for start in range(int(rate * start_seconds), last - window + 1, window):
        segment = samples[start:start + window]
        energy = 0.0
        s1 = s2 = 0.0
        for x in segment:
            energy += x * x
            s1, s2 = x + k * s1 - s2, s1
        if energy <= 0 or math.sqrt(energy / window) < TONE_MIN_RMS:
            flags.append(False)
            continue
        # For a pure sine at `freq`, |X|^2 = (A N / 2)^2 and the energy is A^2 N / 2.
        power = s1 * s1 + s2 * s2 - k * s1 * s2
        flags.append(2 * power / (window * energy) >= TONE_MIN_PURITY)
    return flags


def tone_seconds(path, freq, start_seconds=0.0, end_seconds=None):
    """How many seconds of the recording (in 20 ms windows) hold `freq` Hz."""
    return sum(tone_windows(path, freq, start_seconds, end_seconds)) * 0.02


def recording_seconds(path):
    samples, rate = read_mono(path)
    return len(samples) / rate


def dominant_frequency(path, start_seconds=0.0, seconds=None):
    """The frequency of the steady tone in the recording: the median of the estimates of
    its voiced 200 ms pieces (from their zero crossings, about 1 Hz accurate for a clean
    sine), so that short other sounds (a DTMF digit, a click) do not shift it. 0 when
    nothing is voiced."""
    samples, rate = read_mono(path)
    end = len(samples) if seconds is None else min(len(samples), int(rate * (start_seconds + seconds)))
    piece = rate // 5
    estimates = []
    for start in range(int(rate * start_seconds), end - piece + 1, piece):
        segment = samples[start:start + piece]
        if math.sqrt(sum(x * x for x in segment) / piece) < TONE_MIN_RMS:
            continue
        crossings = [i - 1 + segment[i - 1] / (segment[i - 1] - segment[i])
                     for i in range(1, piece) if segment[i - 1] < 0 <= segment[i]]
        if len(crossings) >= 2:
            estimates.append((len(crossings) - 1) * rate / (crossings[-1] - crossings[0]))
    if not estimates:
        return 0.0
    estimates.sort()
    return estimates[len(estimates) // 2]
