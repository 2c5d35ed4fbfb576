// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioEndpoint.h"

#include <cstdint>
#include <span>

namespace Media {

// Consumes 20 ms frames of format().
class AudioSink : public AudioEndpoint
{
public:
    // `frame` must hold exactly format().frameLength() values. Returns false on error (see
    // errorString()); a live sink that has to drop the frame (overrun) also returns false.
    virtual bool writeFrame(std::span<const int16_t> frame) = 0;
};

} // namespace Media
