# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Level meters and volume (media/dsp/AudioLevelMeter, AudioGain) and MediaEngine's input
# meter, on known signals.
parlo_add_qt_test(NAME tst_audio_level SOURCES tst_audio_level.cpp LIBS media LABELS unit)
