// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioEndpoint.h"

#include <cstdint>
#include <span>

namespace Media {

// Produces 20 ms frames of format().
class AudioSource : public AudioEndpoint
{
public:
    enum class ReadResult {
        Frame, // `frame` was filled
        NotReady, // a live source has no full frame yet; try again later
        End, // no more frames, ever
        Error, // see errorString()
    };

    // `frame` must hold exactly format().frameLength() values.
    virtual ReadResult readFrame(std::span<int16_t> frame) = 0;
};

} // namespace Media
