// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "dsp/AudioLevelMeter.h"

#include <QMetaType>

namespace Media {

// A session's (or an input meter's) levels over the last report interval: what its
// microphone captured (after the input gain, before muting, so a muted user still sees
// that they are heard by the microphone) and what it played (after the output gain).
struct AudioLevels
{
    AudioLevel input;
    AudioLevel output;
};

} // namespace Media

Q_DECLARE_METATYPE(Media::AudioLevels)
