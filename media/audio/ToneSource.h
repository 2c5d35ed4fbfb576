// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioSource.h"
#include "dsp/ToneGenerator.h"

#include <QtGlobal>

namespace Media {

// A source of ToneGenerator output (ringback, busy, DTMF feedback, test tones), the same
// signal on every channel. Endless unless a duration is given.
class ToneSource : public AudioSource
{
public:
    ToneSource(const AudioFormat &format, const ToneGenerator::Tone &tone, int durationMs = -1);

    AudioFormat format() const override { return m_format; }
    ReadResult readFrame(std::span<int16_t> frame) override;

    void setTone(const ToneGenerator::Tone &tone) { m_generator.setTone(tone); }
    ToneGenerator &generator() { return m_generator; }

private:
    AudioFormat m_format;
    ToneGenerator m_generator;
    qint64 m_framesLeft; // -1: endless
};

} // namespace Media
