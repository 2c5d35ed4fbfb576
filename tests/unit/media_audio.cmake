# SPDX-FileCopyrightText: 2026 The Parlo authors
# SPDX-License-Identifier: GPL-3.0-or-later

# Codecs, DSP and audio endpoints of the media engine (media/codec, media/dsp, media/audio).
parlo_add_qt_test(NAME tst_opus SOURCES tst_opus.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_audio_codec SOURCES tst_audio_codec.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_dsp SOURCES tst_dsp.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_audio_wav SOURCES tst_audio_wav.cpp LIBS media LABELS unit)
parlo_add_qt_test(NAME tst_audio_ring SOURCES tst_audio_ring.cpp LIBS media LABELS unit)
# Ringtone, ringback, busy and DTMF feedback tones (TonePlayer, MediaEngine::startTone).
parlo_add_qt_test(NAME tst_tone_player SOURCES tst_tone_player.cpp LIBS media parlo_test_wav
                  LABELS unit)

# Qt Multimedia endpoints against a private PulseAudio daemon the test starts itself.
if(TARGET media_qt_audio)
    parlo_add_qt_test(NAME tst_audio_qt SOURCES tst_audio_qt.cpp
                      LIBS media_qt_audio parlo_test_pulse LABELS unit)
endif()
