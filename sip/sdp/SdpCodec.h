// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace Sip {

/// A codec we can use, as SdpNegotiator offers and matches it: the rtpmap identity
/// (name, clock rate, channels) plus the fmtp we advertise for it.
struct SdpCodec
{
    std::string name;      // encoding name as written in rtpmap ("opus", "PCMU")
    int clockRate = 8000;
    int channels = 1;      // rtpmap encoding parameter; Opus is always "/2" (RFC 7587 §7)
    std::string fmtp;      // our a=fmtp parameters, empty: none
    int payloadType = -1;  // static type (RFC 3551 §6) or preferred dynamic one; -1: allocate

    // Opus (RFC 7587): in-band FEC on.
    static SdpCodec opus() { return {"opus", 48000, 2, "useinbandfec=1", -1}; }
    static SdpCodec pcmu() { return {"PCMU", 8000, 1, {}, 0}; }
    static SdpCodec pcma() { return {"PCMA", 8000, 1, {}, 8}; }
    static SdpCodec g722() { return {"G722", 8000, 1, {}, 9}; } // clock rate 8000 by RFC 3551 §4.5.2

    friend bool operator==(const SdpCodec &, const SdpCodec &) = default;
};

} // namespace Sip
