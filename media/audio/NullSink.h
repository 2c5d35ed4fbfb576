// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioSink.h"

#include <QtGlobal>

namespace Media {

// Discards frames (a call on hold, a muted speaker, a benchmark), counting them.
class NullSink : public AudioSink
{
public:
    explicit NullSink(const AudioFormat &format = {});

    AudioFormat format() const override { return m_format; }
    bool writeFrame(std::span<const int16_t> frame) override;

    qint64 framesWritten() const { return m_framesWritten; }

private:
    AudioFormat m_format;
    qint64 m_framesWritten = 0;
};

} // namespace Media
