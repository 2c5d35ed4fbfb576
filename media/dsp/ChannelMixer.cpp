// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dsp/ChannelMixer.h"

#include <algorithm>

namespace Media {

void ChannelMixer::convert(const int16_t *in, int inputChannels, int16_t *out, int outputChannels,
                           int frames)
{
    if (!in || !out || inputChannels <= 0 || outputChannels <= 0 || frames <= 0)
        return;
    if (inputChannels == outputChannels) {
        std::copy(in, in + frames * inputChannels, out);
        return;
    }
    if (outputChannels == 1) {
        for (int i = 0; i < frames; ++i) {
            int sum = 0;
            for (int c = 0; c < inputChannels; ++c)
                sum += in[i * inputChannels + c];
            out[i] = int16_t(sum / inputChannels);
        }
        return;
    }
    for (int i = 0; i < frames; ++i) {
        for (int c = 0; c < outputChannels; ++c)
            out[i * outputChannels + c] = in[i * inputChannels + c % inputChannels];
    }
}

} // namespace Media
