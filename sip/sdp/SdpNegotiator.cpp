// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpNegotiator.h"

#include "sdp/SdpText.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <algorithm>

namespace Sip {

namespace {

constexpr int DefaultPtime = 20; // RFC 3551 §4.5: 20 ms when a=ptime is absent
constexpr int FirstDynamicPayloadType = 96;
constexpr int LastDynamicPayloadType = 127;
constexpr int PreferredTelephoneEventPayloadType = 101;

bool isTelephoneEvent(std::string_view name)
{
    return SdpText::equalsIgnoreCase(name, "telephone-event");
}

std::string decodeBase64(const std::string &text)
{
    const auto r = QByteArray::fromBase64Encoding(QByteArray::fromStdString(text),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    return r ? r.decoded.toStdString() : std::string();
}

// Where the peer receives RTP and RTCP for media[index] of `remote`.
void fillTransport(SdpNegotiatedStream &s, const SessionDescription &remote, size_t index, bool mux)
{
    const MediaDescription &m = remote.media[index];
    const SdpConnection *c = remote.effectiveConnection(index);
    s.remoteAddress = c ? c->address : std::string();
    s.remoteRtpPort = m.port;
    s.rtcpMux = mux;
    if (mux) {
        // RFC 5761 §5.1.3: RTCP goes to the RTP port.
        s.remoteRtcpAddress = s.remoteAddress;
        s.remoteRtcpPort = m.port;
    } else if (const auto rtcp = m.rtcp()) {
        // RFC 3605 §2.1
        s.remoteRtcpAddress = rtcp->hasAddress() ? rtcp->address : s.remoteAddress;
        s.remoteRtcpPort = rtcp->port;
    } else {
        // RFC 3550 §11: the next higher (odd) port.
        s.remoteRtcpAddress = s.remoteAddress;
        s.remoteRtcpPort = m.port + 1 <= 65535 ? m.port + 1 : 0;
    }
    s.remotePtime = m.ptime().value_or(DefaultPtime);
}

bool connectionIsHold(const SessionDescription &d, size_t index)
{
    const SdpConnection *c = d.effectiveConnection(index);
    return c && c->isNullAddress();
}

// The first telephone-event in `m` at `clockRate`, else the first one at any rate.
std::optional<SdpRtpMap> findTelephoneEvent(const MediaDescription &m, int clockRate)
{
    std::optional<SdpRtpMap> any;
    for (int pt : m.payloadTypes()) {
        const auto c = m.codec(pt);
        if (!c || !isTelephoneEvent(c->encodingName))
            continue;
        if (c->clockRate == clockRate)
            return c;
        if (!any)
            any = c;
    }
    return any;
}

} // namespace

SdpNegotiator::SdpNegotiator(SdpLocalConfig config, uint64_t sessionId)
    : m_config(std::move(config))
{
    if (sessionId == 0)
        sessionId = QRandomGenerator::global()->bounded(1u, 0x7fffffffu);
    m_sessionId = std::to_string(sessionId);
}

std::string SdpNegotiator::codecKey(const std::string &name, int rate, int channels)
{
    return SdpText::toLower(name) + '/' + std::to_string(rate) + '/' + std::to_string(channels > 0 ? channels : 1);
}

std::string SdpNegotiator::defaultProto() const
{
    return m_config.srtp == SdpSrtpPolicy::Mandatory ? "RTP/SAVP" : "RTP/AVP";
}

SessionDescription SdpNegotiator::baseDescription() const
{
    SessionDescription sdp;
    sdp.origin.username = m_config.username.empty() ? "-" : m_config.username;
    sdp.origin.sessionId = m_sessionId;
    sdp.origin.addrType = m_config.isIPv6() ? "IP6" : "IP4";
    sdp.origin.address = m_config.address;
    sdp.sessionName = m_config.sessionName;
    sdp.connection = SdpConnection::ip(m_config.address);
    return sdp;
}

void SdpNegotiator::stamp(SessionDescription &sdp)
{
    // RFC 3264 §8: the version increments when the SDP changes and only then.
    if (m_lastSent) {
        SessionDescription previous = *m_lastSent;
        previous.origin.sessionVersion = 0;
        sdp.origin.sessionVersion = 0;
        const uint64_t last = m_lastSent->origin.sessionVersion;
        sdp.origin.sessionVersion = previous == sdp ? last : last + 1;
    } else {
        sdp.origin.sessionVersion = 1;
    }
    m_lastSent = sdp;
}

std::vector<SdpNegotiator::OfferedCodec> SdpNegotiator::offerCodecs()
{
    std::set<int> used;
    for (const auto &[key, pt] : m_payloadTypes)
        used.insert(pt);
    const auto allocate = [&](int preferred) -> int {
        if (preferred >= 0 && !used.count(preferred) && !m_reservedPayloadTypes.count(preferred))
            return preferred;
        for (int pt = FirstDynamicPayloadType; pt <= LastDynamicPayloadType; ++pt) {
            if (!used.count(pt) && !m_reservedPayloadTypes.count(pt))
                return pt;
        }
        return -1;
    };
    const auto ptFor = [&](const std::string &key, int preferred) -> int {
        if (const auto it = m_payloadTypes.find(key); it != m_payloadTypes.end())
            return it->second;
        const int pt = allocate(preferred);
        if (pt >= 0) {
            m_payloadTypes[key] = pt;
            used.insert(pt);
        }
        return pt;
    };

    std::vector<OfferedCodec> out;
    std::vector<int> rates;
    for (const SdpCodec &c : m_config.codecs) {
        const int pt = ptFor(codecKey(c.name, c.clockRate, c.channels), c.payloadType);
        if (pt < 0)
            continue;
        out.push_back({pt, c.name, c.clockRate, c.channels, c.fmtp});
        if (std::find(rates.begin(), rates.end(), c.clockRate) == rates.end())
            rates.push_back(c.clockRate);
    }
    if (m_config.telephoneEvent) {
        // RFC 4733 §2.1: events use the clock rate of the audio codec, so one
        // telephone-event per offered rate.
        for (int rate : rates) {
            const int pt = ptFor(codecKey("telephone-event", rate, 1),
                                 rate == 8000 ? PreferredTelephoneEventPayloadType : -1);
            if (pt >= 0)
                out.push_back({pt, "telephone-event", rate, 1, m_config.telephoneEventFmtp});
        }
    }
    return out;
}

MediaDescription SdpNegotiator::offerAudio(const std::string &proto)
{
    MediaDescription m;
    m.media = "audio";
    m.port = m_config.rtpPort;
    m.proto = proto;
    for (const OfferedCodec &c : offerCodecs()) {
        m.formats.push_back(std::to_string(c.payloadType));
        m.addAttribute("rtpmap", SdpRtpMap{c.payloadType, c.name, c.clockRate,
                                           c.name == "telephone-event" || c.channels <= 1 ? 0 : c.channels}
                                     .toString());
        if (!c.fmtp.empty())
            m.addAttribute("fmtp", std::to_string(c.payloadType) + ' ' + c.fmtp);
    }
    if (m_config.ptime > 0)
        m.addAttribute("ptime", std::to_string(m_config.ptime));
    if (m_config.maxptime > 0)
        m.addAttribute("maxptime", std::to_string(m_config.maxptime));
    if (m_config.rtcpPort > 0)
        m.addAttribute("rtcp", std::to_string(m_config.rtcpPort));
    if (m_config.rtcpMux)
        m.addProperty("rtcp-mux");
    if (m_config.srtp != SdpSrtpPolicy::Off) {
        int tag = 1;
        for (const SdpSrtpKey &k : m_config.srtpKeys) {
            if (!SdpSrtpKey::isSupportedSuite(k.suite) || k.decoded().empty())
                continue;
            m.addAttribute("crypto", SdpCrypto{tag++, k.suite, SdpCrypto::inlineKeyParams(k.keySalt), {}}.toString());
        }
    }
    m.setDirection(m_localDirection);
    return m;
}

MediaDescription SdpNegotiator::rejectedCopy(const MediaDescription &m)
{
    // RFC 3264 §6: a rejected stream keeps its media, proto and formats, port 0.
    MediaDescription r;
    r.media = m.media;
    r.port = 0;
    r.proto = m.proto;
    r.formats = m.formats;
    return r;
}

SessionDescription SdpNegotiator::createOffer(SdpDirection direction)
{
    if (!m_pendingOffer)
        m_directionBeforeOffer = m_localDirection;
    m_localDirection = direction;

    SessionDescription sdp = baseDescription();
    if (m_layout.empty())
        m_layout.push_back({"audio", defaultProto(), {}, true});
    bool haveAudio = false;
    for (const Slot &slot : m_layout) {
        if (slot.audio && !haveAudio) {
            sdp.media.push_back(offerAudio(slot.proto));
            haveAudio = true;
        } else {
            MediaDescription m;
            m.media = slot.media;
            m.proto = slot.proto;
            m.formats = slot.formats.empty() ? std::vector<std::string>{"0"} : slot.formats;
            sdp.media.push_back(rejectedCopy(m));
        }
    }
    if (!haveAudio) {
        // The previous exchange left no usable audio slot: add one at the end (RFC 3264
        // §8.1 allows new m= lines at the end).
        sdp.media.push_back(offerAudio(defaultProto()));
        m_layout.push_back({"audio", defaultProto(), {}, true});
    }
    stamp(sdp);
    m_pendingOffer = sdp;
    return sdp;
}

void SdpNegotiator::cancelOffer()
{
    if (!m_pendingOffer)
        return;
    m_pendingOffer.reset();
    m_localDirection = m_directionBeforeOffer;
}

SdpNegotiationResult SdpNegotiator::processAnswer(const SessionDescription &answer)
{
    if (!m_pendingOffer)
        return SdpNegotiationResult::failure(0, 0, "no offer is pending");
    const SessionDescription offer = *m_pendingOffer;
    m_pendingOffer.reset();
    const auto fail = [this](std::string reason) {
        m_localDirection = m_directionBeforeOffer;
        return SdpNegotiationResult::failure(0, 0, std::move(reason));
    };

    // RFC 3264 §6: one m= line in the answer per m= line in the offer, same order.
    if (answer.media.size() != offer.media.size())
        return fail("answer has " + std::to_string(answer.media.size()) + " media descriptions, the offer had "
                    + std::to_string(offer.media.size()));

    SdpNegotiationResult result;
    for (size_t i = 0; i < offer.media.size(); ++i) {
        const MediaDescription &o = offer.media[i];
        const MediaDescription &a = answer.media[i];
        SdpNegotiatedStream s;
        s.index = i;
        s.media = o.media;
        s.proto = o.proto;
        if (a.media != o.media)
            return fail("answer m= line " + std::to_string(i + 1) + " is '" + a.media + "', the offer had '" + o.media + "'");
        if (o.port == 0 || a.port == 0) {
            if (o.port == 0 && a.port != 0)
                result.warnings.push_back("answer accepts m= line " + std::to_string(i + 1) + " that the offer rejected");
            s.rejectReason = o.port == 0 ? "not offered" : "rejected by the answerer";
            result.streams.push_back(std::move(s));
            continue;
        }
        if (a.proto != o.proto)
            return fail("answer changed the transport protocol of m= line " + std::to_string(i + 1) + " from "
                        + o.proto + " to " + a.proto);

        // Codec: the first one in the answer that we offered (RFC 3264 §6.1, §7).
        std::optional<SdpRtpMap> chosen;
        for (int pt : a.payloadTypes()) {
            const auto c = a.codec(pt);
            if (!c || isTelephoneEvent(c->encodingName))
                continue;
            const auto it = std::find_if(m_config.codecs.begin(), m_config.codecs.end(), [&](const SdpCodec &mine) {
                return c->sameCodec(mine.name, mine.clockRate, mine.channels);
            });
            if (it == m_config.codecs.end())
                continue;
            bool offered = false;
            for (int opt : o.payloadTypes()) {
                const auto oc = o.codec(opt);
                if (oc && oc->sameCodec(c->encodingName, c->clockRate, c->channelCount())) {
                    offered = true;
                    if (opt != pt)
                        result.warnings.push_back("answer uses payload type " + std::to_string(pt) + " for "
                                                  + c->encodingName + ", offered as " + std::to_string(opt));
                }
            }
            if (offered) {
                chosen = c;
                s.codec.localFmtp = it->fmtp;
                break;
            }
        }
        if (!chosen)
            return fail("no common codec: the answer lists no codec from the offer");
        s.codec.name = chosen->encodingName;
        s.codec.payloadType = chosen->payloadType;
        s.codec.clockRate = chosen->clockRate;
        s.codec.channels = chosen->channelCount();
        s.codec.remoteFmtp = a.fmtp(chosen->payloadType).value_or(SdpFmtp{chosen->payloadType, {}});
        if (const auto te = findTelephoneEvent(a, chosen->clockRate); te && findTelephoneEvent(o, te->clockRate)) {
            s.telephoneEventPayloadType = te->payloadType;
            s.telephoneEventClockRate = te->clockRate;
        }

        // Direction (RFC 3264 §6.1 table); a non-compliant answer is clamped to what
        // the offer allowed (common: sendrecv in answer to our sendonly hold).
        const SdpDirection offered = offer.effectiveDirection(i);
        SdpDirection answered = answer.effectiveDirection(i);
        if (!SdpDirections::isValidAnswer(offered, answered)) {
            result.warnings.push_back("answer direction " + std::string(SdpDirections::name(answered))
                                      + " is not allowed for an offered " + std::string(SdpDirections::name(offered)));
            answered = SdpDirections::make(SdpDirections::sends(answered) && SdpDirections::receives(offered),
                                           SdpDirections::receives(answered) && SdpDirections::sends(offered));
        }
        const bool nullAddress = connectionIsHold(answer, i);
        s.remoteHold = !SdpDirections::receives(answered) && SdpDirections::sends(offered);
        s.remoteHold = s.remoteHold || nullAddress;
        if (nullAddress)
            answered = SdpDirections::make(SdpDirections::sends(answered), false);
        s.direction = SdpDirections::reversed(answered);

        fillTransport(s, answer, i, o.rtcpMux() && a.rtcpMux());
        s.localRtpPort = o.port;
        s.localPtime = o.ptime().value_or(DefaultPtime);

        // SRTP (RFC 4568 §7.1.3): the answer accepts one of our crypto lines by tag.
        const auto ourCryptos = o.cryptos();
        if (!ourCryptos.empty()) {
            const auto theirs = a.cryptos();
            if (!theirs.empty()) {
                if (theirs.size() > 1)
                    result.warnings.push_back("answer has more than one crypto line; using the first");
                const SdpCrypto &ac = theirs.front();
                const auto mine = std::find_if(ourCryptos.begin(), ourCryptos.end(), [&](const SdpCrypto &c) {
                    return c.tag == ac.tag && c.suite == ac.suite;
                });
                if (mine == ourCryptos.end())
                    return fail("SRTP answer crypto tag " + std::to_string(ac.tag) + " (" + ac.suite
                                + ") does not match an offered crypto line");
                const auto keys = ac.inlineKeys();
                const std::string remoteKey = keys.size() == 1 ? decodeBase64(keys[0].keySalt) : std::string();
                if (!ac.sessionParams.empty() || remoteKey.size() != static_cast<size_t>(SdpSrtpKey::keySaltLength(ac.suite)))
                    return fail("SRTP answer key for " + ac.suite + " is not usable");
                s.secure = true;
                s.srtp.suite = ac.suite;
                s.srtp.tag = ac.tag;
                s.srtp.remoteKeyParams = ac.keyParams;
                s.srtp.remoteKeySalt = remoteKey;
                s.srtp.localKeyParams = mine->keyParams;
                const auto localKeys = mine->inlineKeys();
                s.srtp.localKeySalt = localKeys.empty() ? std::string() : decodeBase64(localKeys.front().keySalt);
            } else if (o.isSecureRtpProfile()) {
                return fail("SRTP answer without a crypto line");
            } else if (m_config.srtp == SdpSrtpPolicy::Mandatory) {
                return fail("SRTP required");
            }
        }
        s.accepted = true;
        result.streams.push_back(std::move(s));
    }
    if (!result.audio())
        return fail("the answer rejected the audio stream");

    result.ok = true;
    m_remote = answer;
    m_current = result;
    for (const auto &s : result.streams) {
        if (s.accepted && s.codec.payloadType >= 0)
            m_payloadTypes.emplace(codecKey(s.codec.name, s.codec.clockRate, s.codec.channels), s.codec.payloadType);
    }
    return result;
}

SdpNegotiationResult SdpNegotiator::createAnswer(const SessionDescription &offer)
{
    m_pendingOffer.reset(); // glare is the caller's business (491); the peer's offer wins here
    if (offer.media.empty())
        return SdpNegotiationResult::failure(488, 304, "offer has no media streams");
    if (offer.media.size() < m_layout.size())
        return SdpNegotiationResult::failure(488, 305, "re-offer removed media streams (RFC 3264 §8)");

    SdpNegotiationResult result;
    result.statusCode = 0;
    SessionDescription answer = baseDescription();
    answer.timings = offer.timings; // RFC 3264 §6: t= as in the offer
    std::string firstRejection;
    int firstWarning = 304;
    const auto reject = [&](SdpNegotiatedStream &s, const MediaDescription &m, std::string reason, int warnCode) {
        s.rejectReason = reason;
        if (firstRejection.empty() && m.media == "audio" && m.port != 0) {
            firstRejection = std::move(reason);
            firstWarning = warnCode;
        }
        answer.media.push_back(rejectedCopy(m));
        result.streams.push_back(std::move(s));
    };

    std::map<std::string, int> learned;
    std::set<int> offeredPts;
    bool haveAudio = false;
    for (size_t i = 0; i < offer.media.size(); ++i) {
        const MediaDescription &m = offer.media[i];
        SdpNegotiatedStream s;
        s.index = i;
        s.media = m.media;
        s.proto = m.proto;
        for (int pt : m.payloadTypes())
            offeredPts.insert(pt);
        if (m.port == 0) {
            reject(s, m, "rejected by the offerer", 304);
            continue;
        }
        if (m.media != "audio") {
            reject(s, m, "media type " + m.media + " not supported", 304);
            continue;
        }
        if (haveAudio) {
            reject(s, m, "only one audio stream is supported", 304);
            continue;
        }
        if (m.isDtlsProfile()) {
            reject(s, m, "DTLS-SRTP not supported", 302);
            continue;
        }
        if (!m.isRtp() || (m.proto != "RTP/AVP" && m.proto != "RTP/AVPF" && !m.isSecureRtpProfile())) {
            reject(s, m, "transport protocol " + m.proto + " not supported", 302);
            continue;
        }

        // SRTP: pick the first offered crypto line we can use (RFC 4568 §7.1.1: the
        // offer lists them in preference order).
        std::optional<SdpCrypto> crypto;
        const SdpSrtpKey *localKey = nullptr;
        std::string remoteKey;
        if (m_config.srtp != SdpSrtpPolicy::Off) {
            for (const SdpCrypto &c : m.cryptos()) {
                const auto key = std::find_if(m_config.srtpKeys.begin(), m_config.srtpKeys.end(),
                                              [&](const SdpSrtpKey &k) { return k.suite == c.suite; });
                if (key == m_config.srtpKeys.end() || key->decoded().empty())
                    continue;
                // §6.3: an unknown session parameter means the line cannot be accepted;
                // we support none. One key (with or without lifetime and MKI) per line.
                if (!c.sessionParams.empty()) {
                    result.warnings.push_back("crypto tag " + std::to_string(c.tag) + ": session parameters not supported");
                    continue;
                }
                const auto keys = c.inlineKeys();
                if (keys.size() != 1) {
                    result.warnings.push_back("crypto tag " + std::to_string(c.tag) + ": several master keys not supported");
                    continue;
                }
                const std::string decoded = decodeBase64(keys[0].keySalt);
                if (decoded.size() != static_cast<size_t>(SdpSrtpKey::keySaltLength(c.suite))) {
                    result.warnings.push_back("crypto tag " + std::to_string(c.tag) + ": key has the wrong length for " + c.suite);
                    continue;
                }
                crypto = c;
                localKey = &*key;
                remoteKey = decoded;
                break;
            }
        }
        if (m.isSecureRtpProfile()) {
            if (m_config.srtp == SdpSrtpPolicy::Off) {
                reject(s, m, "SRTP not enabled", 302);
                continue;
            }
            if (!crypto) {
                reject(s, m, "no supported SRTP crypto suite", 306);
                continue;
            }
        } else if (m_config.srtp == SdpSrtpPolicy::Mandatory && !crypto) {
            reject(s, m, "SRTP required", 302);
            continue;
        }

        // Codec: the first one of the offer that we support (RFC 3264 §6.1), keeping
        // the offerer's payload type number.
        std::optional<SdpRtpMap> chosen;
        const SdpCodec *mine = nullptr;
        for (int pt : m.payloadTypes()) {
            const auto c = m.codec(pt);
            if (!c)
                continue;
            if (isTelephoneEvent(c->encodingName)) {
                // Every event rate the peer numbered keeps its number in our re-offers.
                learned.emplace(codecKey("telephone-event", c->clockRate, 1), pt);
                continue;
            }
            const auto it = std::find_if(m_config.codecs.begin(), m_config.codecs.end(), [&](const SdpCodec &local) {
                return c->sameCodec(local.name, local.clockRate, local.channels);
            });
            if (it == m_config.codecs.end())
                continue;
            learned.emplace(codecKey(it->name, it->clockRate, it->channels), pt);
            if (!chosen) {
                chosen = c;
                mine = &*it;
            }
        }
        if (!chosen) {
            reject(s, m, "no common codec", 305);
            continue;
        }
        s.codec.name = chosen->encodingName;
        s.codec.payloadType = chosen->payloadType;
        s.codec.clockRate = chosen->clockRate;
        s.codec.channels = chosen->channelCount();
        s.codec.remoteFmtp = m.fmtp(chosen->payloadType).value_or(SdpFmtp{chosen->payloadType, {}});
        s.codec.localFmtp = mine->fmtp;
        std::optional<SdpRtpMap> te;
        if (m_config.telephoneEvent)
            te = findTelephoneEvent(m, chosen->clockRate);
        if (te) {
            s.telephoneEventPayloadType = te->payloadType;
            s.telephoneEventClockRate = te->clockRate;
        }

        // Direction (RFC 3264 §6.1); c=0.0.0.0 is the RFC 2543 hold: the offerer does
        // not receive (§8.4).
        SdpDirection offered = offer.effectiveDirection(i);
        const bool nullAddress = connectionIsHold(offer, i);
        if (nullAddress)
            offered = SdpDirections::make(SdpDirections::sends(offered), false);
        const SdpDirection answered = SdpDirections::answerFor(offered, m_localDirection);
        s.direction = answered;
        s.remoteHold = nullAddress || !SdpDirections::receives(offered);

        const bool mux = m_config.rtcpMux && m.rtcpMux();
        fillTransport(s, offer, i, mux);
        s.localRtpPort = m_config.rtpPort;
        s.localPtime = m_config.ptime > 0 ? m_config.ptime : DefaultPtime;

        MediaDescription a;
        a.media = "audio";
        a.port = m_config.rtpPort;
        a.proto = m.proto;
        a.formats.push_back(std::to_string(chosen->payloadType));
        a.addAttribute("rtpmap", chosen->toString());
        if (!mine->fmtp.empty())
            a.addAttribute("fmtp", std::to_string(chosen->payloadType) + ' ' + mine->fmtp);
        if (te) {
            a.formats.push_back(std::to_string(te->payloadType));
            a.addAttribute("rtpmap", te->toString());
            if (!m_config.telephoneEventFmtp.empty())
                a.addAttribute("fmtp", std::to_string(te->payloadType) + ' ' + m_config.telephoneEventFmtp);
        }
        if (m_config.ptime > 0)
            a.addAttribute("ptime", std::to_string(m_config.ptime));
        if (m_config.maxptime > 0)
            a.addAttribute("maxptime", std::to_string(m_config.maxptime));
        if (m_config.rtcpPort > 0 && !mux)
            a.addAttribute("rtcp", std::to_string(m_config.rtcpPort));
        if (mux)
            a.addProperty("rtcp-mux");
        if (crypto) {
            // RFC 4568 §7.1.2: same tag and suite, our own key.
            const SdpCrypto ours{crypto->tag, crypto->suite, SdpCrypto::inlineKeyParams(localKey->keySalt), {}};
            a.addAttribute("crypto", ours.toString());
            s.secure = true;
            s.srtp.suite = crypto->suite;
            s.srtp.tag = crypto->tag;
            s.srtp.remoteKeyParams = crypto->keyParams;
            s.srtp.remoteKeySalt = remoteKey;
            s.srtp.localKeyParams = ours.keyParams;
            s.srtp.localKeySalt = localKey->decoded();
        }
        a.setDirection(answered);
        answer.media.push_back(std::move(a));
        s.accepted = true;
        haveAudio = true;
        result.streams.push_back(std::move(s));
    }

    if (!haveAudio) {
        if (firstRejection.empty())
            return SdpNegotiationResult::failure(488, 304, "no audio stream offered");
        return SdpNegotiationResult::failure(488, firstWarning, firstRejection);
    }

    // Commit: the offer's m= lines become the session's layout, its payload type
    // numbers ours for later re-offers (RFC 3264 §8.3.2).
    m_layout.clear();
    bool audioSlot = false;
    for (size_t i = 0; i < offer.media.size(); ++i) {
        const bool audio = result.streams[i].accepted && !audioSlot;
        audioSlot = audioSlot || audio;
        m_layout.push_back({offer.media[i].media, offer.media[i].proto, offer.media[i].formats, audio});
    }
    for (const auto &[key, pt] : learned) {
        // A codec keeps the number the peer gave it; drop any older different binding.
        for (auto it = m_payloadTypes.begin(); it != m_payloadTypes.end();) {
            if (it->second == pt && it->first != key)
                it = m_payloadTypes.erase(it);
            else
                ++it;
        }
        m_payloadTypes[key] = pt;
    }
    for (int pt : offeredPts) {
        bool ours = false;
        for (const auto &[key, mapped] : m_payloadTypes)
            ours = ours || mapped == pt;
        if (!ours)
            m_reservedPayloadTypes.insert(pt);
    }
    stamp(answer);
    result.ok = true;
    m_remote = offer;
    m_current = result;
    return result;
}

} // namespace Sip
