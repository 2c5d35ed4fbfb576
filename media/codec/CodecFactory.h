// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "codec/AudioCodec.h"

#include <QByteArrayView>
#include <QStringList>
#include <QStringView>

#include <memory>

namespace Media {

// Creates codecs from what SDP negotiated: the rtpmap encoding name, clock rate and channel
// count (RFC 4566 §6 "a=rtpmap:<pt> <name>/<rate>[/<channels>]") plus the fmtp line.
// Names compare case-insensitively (RFC 4855 §3: media subtype names are case-insensitive).
//
//   PCMU/8000, PCMA/8000  - G711Codec (channels must be 1)
//   opus/48000/2          - OpusCodec (RFC 7587 §7: always 48000/2; fmtp picks mono/stereo)
//
// telephone-event is not an AudioCodec; see TelephoneEventSender/Receiver.
class CodecFactory
{
public:
    static bool isSupported(QStringView name, int clockRate, int channels = 1);
    // nullptr if unsupported or the codec could not be set up.
    static std::unique_ptr<AudioCodec> create(QStringView name, int clockRate, int channels = 1,
                                              QByteArrayView fmtp = {});
    // Supported formats in our order of preference, as "name/rate[/channels]" strings.
    static QStringList supportedFormats();
};

} // namespace Media
