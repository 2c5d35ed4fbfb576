// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/SdpDirection.h"
#include "sdp/SdpLocalConfig.h"
#include "sdp/SdpNegotiationResult.h"
#include "sdp/SessionDescription.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace Sip {

/// The offer/answer model (RFC 3264) for one call (one dialog's media session), audio
/// only: one audio stream is used, every other m= line is rejected with port 0.
///
/// Offerer:  createOffer() -> send it -> processAnswer(answer) (or cancelOffer() when the
///           request carrying the offer failed, e.g. a 488 to a re-INVITE).
/// Answerer: createAnswer(offer) -> on ok send localDescription(), else reject the
///           request with result.statusCode (488) and result.reason.
/// Hold:     createOffer(SdpDirection::SendOnly) (or Inactive); resume with
///           createOffer(SdpDirection::SendRecv). While we hold, answers to the peer's
///           re-offers keep us sending only (setLocalDirection() sets the same without
///           an offer).
///
/// The session keeps what RFC 3264 §8 requires across re-offers: the same o= session id
/// with a version incremented whenever our SDP changes (kept when it is identical), the
/// same m= lines in the same order (rejected ones stay, port 0), and the same payload
/// type number for a codec throughout the session.
class SdpNegotiator
{
public:
    // sessionId: the o= sess-id; 0 picks a random one.
    explicit SdpNegotiator(SdpLocalConfig config, uint64_t sessionId = 0);

    const SdpLocalConfig &config() const { return m_config; }
    // New address/port/codecs/keys for the next offer or answer (e.g. after a network
    // change); the o= version increments when the resulting SDP differs.
    void setConfig(SdpLocalConfig config) { m_config = std::move(config); }

    SdpDirection localDirection() const { return m_localDirection; }
    void setLocalDirection(SdpDirection direction) { m_localDirection = direction; }

    // ---- offerer --------------------------------------------------------------------
    // Builds an offer (initial or re-offer) with our direction set to `direction`.
    SessionDescription createOffer(SdpDirection direction);
    SessionDescription createOffer() { return createOffer(m_localDirection); }
    bool hasPendingOffer() const { return m_pendingOffer.has_value(); }
    // Validates the answer against the pending offer (same m= lines in order, same
    // media and proto, codecs from the offer, legal direction, a matching crypto line)
    // and returns the negotiated streams. On failure the previous negotiation stays
    // current and the offer is no longer pending.
    SdpNegotiationResult processAnswer(const SessionDescription &answer);
    // The offer was not answered (request rejected or timed out): the session goes on
    // with the previous negotiation and direction (RFC 3264 §8).
    void cancelOffer();

    // ---- answerer -------------------------------------------------------------------
    // Answers a remote offer (initial or re-offer). On success localDescription() is the
    // answer to send and current() the new negotiation; on failure nothing changes.
    SdpNegotiationResult createAnswer(const SessionDescription &offer);

    // ---- state ----------------------------------------------------------------------
    // The SDP we sent last (offer or answer), null before the first.
    const std::optional<SessionDescription> &localDescription() const { return m_lastSent; }
    // The peer's SDP of the last completed exchange.
    const std::optional<SessionDescription> &remoteDescription() const { return m_remote; }
    // The last successful negotiation (ok == false before the first one).
    const SdpNegotiationResult &current() const { return m_current; }
    const std::string &sessionId() const { return m_sessionId; }

private:
    struct Slot
    {
        std::string media;
        std::string proto;
        std::vector<std::string> formats;
        bool audio = false;
    };
    struct OfferedCodec
    {
        int payloadType = -1;
        std::string name;
        int clockRate = 0;
        int channels = 1;
        std::string fmtp;
    };

    SessionDescription baseDescription() const;
    void stamp(SessionDescription &sdp);
    std::string defaultProto() const;
    std::vector<OfferedCodec> offerCodecs();
    MediaDescription offerAudio(const std::string &proto);
    static MediaDescription rejectedCopy(const MediaDescription &m);
    static std::string codecKey(const std::string &name, int rate, int channels);

    SdpLocalConfig m_config;
    std::string m_sessionId;
    SdpDirection m_localDirection = SdpDirection::SendRecv;
    SdpDirection m_directionBeforeOffer = SdpDirection::SendRecv;

    std::optional<SessionDescription> m_lastSent;
    std::optional<SessionDescription> m_pendingOffer;
    std::optional<SessionDescription> m_remote;
    SdpNegotiationResult m_current;

    std::vector<Slot> m_layout;               // the session's m= lines so far
    std::map<std::string, int> m_payloadTypes; // codecKey -> PT, fixed for the session
    std::set<int> m_reservedPayloadTypes;      // PTs the peer uses for other codecs
};

} // namespace Sip
