// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/SdpCodec.h"
#include "sdp/SdpSrtpKey.h"

#include <string>
#include <vector>

namespace Sip {

/// SRTP policy (SDES, RFC 4568) for SdpNegotiator:
///  Off       - plain RTP/AVP; an RTP/SAVP offer is rejected ("SRTP not enabled").
///  Optional  - offer RTP/AVP with a=crypto lines ("best effort": SRTP if the peer
///              answers with a crypto line, RTP otherwise); accept RTP/AVP, RTP/AVP with
///              crypto (SRTP when a suite matches) and RTP/SAVP.
///  Mandatory - offer RTP/SAVP; accept only streams that end up encrypted (RTP/SAVP, or
///              RTP/AVP carrying a crypto line we can use); plain RTP: "SRTP required".
enum class SdpSrtpPolicy { Off, Optional, Mandatory };

/// What this side of the call can do, for building offers and answers.
struct SdpLocalConfig
{
    std::string username = "-";        // o= username (RFC 8866 §5.2: "-" hides the user)
    std::string sessionName = "Parlo"; // s=
    std::string address;  // our media address for c= and o= (IPv4 or IPv6 text)
    int rtpPort = 0;
    int rtcpPort = 0;     // 0: RTP port + 1, not advertised; else a=rtcp:<port> (RFC 3605)

    // Preference order, first is best. Default: Opus, PCMU, PCMA.
    std::vector<SdpCodec> codecs{SdpCodec::opus(), SdpCodec::pcmu(), SdpCodec::pcma()};
    // RFC 4733 telephone-event, offered at the clock rate of every offered codec
    // (8000 for G.711, 48000 for Opus); PT 101 for 8000 when free.
    bool telephoneEvent = true;
    std::string telephoneEventFmtp = "0-16";
    int ptime = 20;   // a=ptime (0: not advertised)
    int maxptime = 0; // a=maxptime (0: not advertised)

    SdpSrtpPolicy srtp = SdpSrtpPolicy::Off;
    // Our SDES keys in preference order (see SdpSrtpKey::generate); needed for Optional
    // and Mandatory. One a=crypto line is offered per key, tags 1, 2, ...; an offered
    // crypto line is accepted only for a suite listed here, so list only suites the media
    // layer can run (Media::SrtpKeyParams: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32,
    // AEAD_AES_128_GCM).
    std::vector<SdpSrtpKey> srtpKeys;
    bool rtcpMux = true; // offer and accept RFC 5761 rtcp-mux

    bool isIPv6() const { return address.find(':') != std::string::npos; }
};

} // namespace Sip
