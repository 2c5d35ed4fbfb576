// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/SdpDirection.h"
#include "sdp/SdpFmtp.h"

#include <cstddef>
#include <string>

namespace Sip {

/// The outcome of offer/answer for one m= line, as plain data for the media engine.
struct SdpNegotiatedStream
{
    struct Codec
    {
        std::string name;     // as the peer wrote it ("opus", "PCMU")
        int payloadType = -1; // the number to put in RTP packets we send
        int clockRate = 0;
        int channels = 1;
        SdpFmtp remoteFmtp;   // the peer's fmtp for it (what it wants to receive)
        std::string localFmtp; // what we advertised

        friend bool operator==(const Codec &, const Codec &) = default;
    };

    struct Srtp
    {
        std::string suite;          // AES_CM_128_HMAC_SHA1_80, ...
        int tag = 0;                // crypto tag of the accepted line
        std::string remoteKeyParams; // the peer's "inline:..." (decrypts what it sends)
        std::string remoteKeySalt;  // ... decoded: master key || master salt bytes
        std::string localKeyParams; // ours (the peer decrypts what we send with it)
        std::string localKeySalt;   // ... decoded

        friend bool operator==(const Srtp &, const Srtp &) = default;
    };

    size_t index = 0;          // position of the m= line
    std::string media;         // "audio", "video", ...
    bool accepted = false;     // false: port 0 in the answer
    std::string rejectReason;  // why, when not accepted

    std::string proto;         // RTP/AVP, RTP/SAVP, ...
    std::string remoteAddress; // where to send RTP
    int remoteRtpPort = 0;
    std::string remoteRtcpAddress; // where to send RTCP: same as RTP with rtcp-mux,
    int remoteRtcpPort = 0;        // else a=rtcp (RFC 3605), else RTP port + 1
    bool rtcpMux = false;          // RFC 5761: RTP and RTCP share one port both ways
    int localRtpPort = 0;

    Codec codec;
    int telephoneEventPayloadType = -1; // -1: no RFC 4733 events
    int telephoneEventClockRate = 0;
    int remotePtime = 20; // packetization the peer wants to receive (ms), default 20
    int localPtime = 20;  // what we advertised

    // Our direction for the stream: sends() = we transmit, receives() = we expect media.
    SdpDirection direction = SdpDirection::SendRecv;
    // The peer put the stream on hold: it offered/answered sendonly or inactive, or used
    // c=0.0.0.0 (RFC 3264 §8.4).
    bool remoteHold = false;

    bool secure = false; // SRTP in use; see srtp
    Srtp srtp;

    friend bool operator==(const SdpNegotiatedStream &, const SdpNegotiatedStream &) = default;
};

} // namespace Sip
