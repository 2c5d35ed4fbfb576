// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/SdpAttribute.h"
#include "sdp/SdpBandwidth.h"
#include "sdp/SdpConnection.h"
#include "sdp/SdpCrypto.h"
#include "sdp/SdpDirection.h"
#include "sdp/SdpFmtp.h"
#include "sdp/SdpRtcp.h"
#include "sdp/SdpRtpMap.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Sip {

/// One media description (RFC 8866 §5.14): the "m=" line and the i=, c=, b=, k= and
/// a= lines under it. Attributes are stored verbatim in order; the typed accessors
/// read them (malformed ones are skipped by the accessors, the parser reports them).
struct MediaDescription
{
    std::string media = "audio"; // audio, video, text, application, message, ...
    int port = 0;                // 0: stream rejected / disabled (RFC 3264 §6)
    std::optional<int> portCount; // "m=audio 49170/2 ..." (RFC 8866 §5.14)
    std::string proto = "RTP/AVP"; // RTP/AVP, RTP/SAVP, RTP/AVPF, RTP/SAVPF, UDP/TLS/RTP/SAVPF, udp, ...
    std::vector<std::string> formats; // payload type numbers for RTP protocols
    std::optional<std::string> information; // i=
    std::vector<SdpConnection> connections; // c= (several only for multicast)
    std::vector<SdpBandwidth> bandwidths;
    std::optional<std::string> key; // k= (obsolete, kept)
    std::vector<SdpAttribute> attributes;

    // ---- protocol -------------------------------------------------------------------
    bool isRtp() const; // proto contains "RTP/"
    bool isSecureRtpProfile() const; // RTP/SAVP, RTP/SAVPF (SDES, RFC 4568)
    bool isDtlsProfile() const; // UDP/TLS/RTP/SAVP[F] (RFC 5764)
    bool isRejected() const { return port == 0; }

    // Payload type numbers of the m= line (RTP only; non-numbers are skipped).
    std::vector<int> payloadTypes() const;
    bool hasPayloadType(int pt) const;

    // ---- generic attributes --------------------------------------------------------
    bool hasAttribute(std::string_view name) const;
    // Value of the first attribute with this name (case-sensitive, RFC 8866 §5.13).
    std::optional<std::string> attribute(std::string_view name) const;
    std::vector<std::string> attributeValues(std::string_view name) const;
    void addAttribute(std::string name, std::string value) { attributes.push_back(SdpAttribute::withValue(std::move(name), std::move(value))); }
    void addProperty(std::string name) { attributes.push_back(SdpAttribute::property(std::move(name))); }
    void removeAttributes(std::string_view name);

    // ---- typed attributes ----------------------------------------------------------
    std::vector<SdpRtpMap> rtpMaps() const;
    // The rtpmap for `pt`, or the static RFC 3551 assignment when there is none.
    std::optional<SdpRtpMap> codec(int pt) const;
    std::optional<SdpFmtp> fmtp(int pt) const;
    std::optional<int> ptime() const;    // a=ptime (RFC 8866 §6.4), ms
    std::optional<int> maxptime() const; // a=maxptime (§6.5), ms
    // The media-level direction attribute, if any (the first one).
    std::optional<SdpDirection> direction() const;
    void setDirection(SdpDirection direction); // replaces any direction attribute
    std::optional<SdpRtcp> rtcp() const; // RFC 3605
    bool rtcpMux() const { return hasAttribute("rtcp-mux"); } // RFC 5761 §5.1.1
    std::vector<SdpCrypto> cryptos() const; // RFC 4568, well-formed lines in order
    std::optional<std::string> mid() const { return attribute("mid"); } // RFC 5888
    std::vector<std::string> ssrcs() const { return attributeValues("ssrc"); } // RFC 5576, raw

    // The connection for this stream: its own first c=, else the session's.
    const SdpConnection *connection(const std::optional<SdpConnection> &sessionLevel) const;

    // Appends the lines of this media description (CRLF-terminated) to out.
    void appendTo(std::string &out) const;

    friend bool operator==(const MediaDescription &, const MediaDescription &) = default;
};

} // namespace Sip
