// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/NullSink.h"

namespace Media {

NullSink::NullSink(const AudioFormat &format)
    : m_format(format)
{
}

bool NullSink::writeFrame(std::span<const int16_t> frame)
{
    if (frame.size() != std::size_t(m_format.frameLength())) {
        setErrorString(QStringLiteral("NullSink: frame of %1 samples, expected %2")
                               .arg(frame.size())
                               .arg(m_format.frameLength()));
        return false;
    }
    ++m_framesWritten;
    return true;
}

} // namespace Media
