# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Which of a few tones dominates a WAV recording, 20 ms window by window (Goertzel)."""
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
