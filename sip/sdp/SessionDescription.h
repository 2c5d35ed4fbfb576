// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/MediaDescription.h"
#include "sdp/SdpAttribute.h"
#include "sdp/SdpBandwidth.h"
#include "sdp/SdpConnection.h"
#include "sdp/SdpDirection.h"
#include "sdp/SdpOrigin.h"
#include "sdp/SdpTiming.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Sip {

/// A whole SDP session description (RFC 8866 §5), as a plain value: parse it with
/// SdpParser::parse(), build or edit it field by field, write it with toString().
/// Round trips hold at the model level: SdpParser::parse(x.toString()) == x.
struct SessionDescription
{
    static constexpr const char *ContentType = "application/sdp"; // RFC 8866 §8.1

    int version = 0; // v=, always 0 (RFC 8866 §5.1)
    SdpOrigin origin;
    std::string sessionName = "-"; // s= (empty is written as "s= ", §5.3)
    std::optional<std::string> information; // i=
    std::optional<std::string> uri;         // u=
    std::vector<std::string> emails;        // e=
    std::vector<std::string> phones;        // p=
    std::optional<SdpConnection> connection; // session-level c=
    std::vector<SdpBandwidth> bandwidths;
    std::vector<SdpTiming> timings{SdpTiming{}}; // at least one t= (§5.9)
    std::optional<std::string> zone; // z= (kept raw)
    std::optional<std::string> key;  // k= (obsolete, kept)
    std::vector<SdpAttribute> attributes; // session-level a=
    std::vector<MediaDescription> media;

    // ---- session-level attributes ----------------------------------------------------
    bool hasAttribute(std::string_view name) const;
    std::optional<std::string> attribute(std::string_view name) const;
    // Session-level direction attribute, if any (RFC 8866 §6.7: default for all media).
    std::optional<SdpDirection> direction() const;
    void setDirection(SdpDirection direction);

    // The direction in force for media[index]: its own attribute, else the session's,
    // else sendrecv (RFC 3264 §5.1).
    SdpDirection effectiveDirection(size_t index) const;
    // The connection in force for media[index] (its c=, else the session c=), or null.
    const SdpConnection *effectiveConnection(size_t index) const;

    // The text, CRLF line ends, fields in the RFC 8866 §5 order.
    std::string toString() const;

    friend bool operator==(const SessionDescription &, const SessionDescription &) = default;
};

} // namespace Sip
