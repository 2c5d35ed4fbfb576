// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QMetaType>
#include <QString>
#include <QtGlobal>

namespace Media {

// Everything one audio stream needs, as the SIP layer negotiated it (RFC 3264 offer/answer
// of an RFC 4566 "m=audio" line) plus local choices. Plain data: media/ never sees SDP or SIP
// types, the app copies the negotiated values in.
//
// Endpoint specs (sourceSpec / sinkSpec), resolved by EndpointFactory:
//   "wav:FILE"      play a PCM16 WAV file (source; once, then silence) / record to one (sink)
//   "tone:HZ[+HZ]"  a continuous sine (or two summed sines) (source only)
//   "null"          silence (source) / discard (sink)
//   "device:NAME"   a sound device, if the application registered a "device" scheme
struct MediaSessionConfig
{
    // The direction attribute of *our* side of the stream (RFC 3264 §5.1, §6.1): what this
    // session does, not what the peer does. Put on hold by the peer (it offered sendonly),
    // we answer recvonly: we stop sending and keep playing. RTCP flows in every direction,
    // inactive included (RFC 3264 §5.1).
    enum class Direction { SendRecv, SendOnly, RecvOnly, Inactive };

    static constexpr int DefaultRtcpIntervalMs = 5000; // RFC 3550 §6.2 minimum interval

    // --- Local transport
    // The address to bind (Any: every interface, IPv4 and IPv6).
    QHostAddress localAddress = QHostAddress(QHostAddress::Any);
    // The RTP port; 0 picks a free even port (RFC 3550 §11: RTP on an even port, RTCP on the
    // next odd one), from [portRangeMin, portRangeMax] when a range is given.
    quint16 localPort = 0;
    quint16 portRangeMin = 0;
    quint16 portRangeMax = 0;

    // --- Remote transport (from the peer's c= and m= lines, RFC 4566 §5.7, §5.14)
    QHostAddress remoteAddress;
    quint16 remoteRtpPort = 0;
    // The peer's RTCP port (RFC 3605 a=rtcp); 0: remoteRtpPort + 1.
    quint16 remoteRtcpPort = 0;
    // RTP and RTCP on one port (RFC 5761, a=rtcp-mux negotiated).
    bool rtcpMux = false;
    // Symmetric RTP (RFC 4961) with latching: send to wherever the peer's authenticated
    // packets come from, so calls work behind NATs that rewrite the peer's port.
    bool symmetricRtp = true;

    // --- Codec (from the a=rtpmap / a=fmtp of the chosen payload type, RFC 4566 §6)
    QString codecName = QStringLiteral("PCMU");
    int clockRate = 8000;
    int channels = 1;
    int payloadType = 0;
    QByteArray fmtp;
    // telephone-event (RFC 4733 §7); payload type -1: not negotiated (sendDtmf fails,
    // received events are ignored). Its clock rate should equal the codec's (§2.1).
    int telephoneEventPayloadType = -1;
    int telephoneEventClockRate = 8000;
    // Packetisation (RFC 4566 §6 a=ptime). Only 20 ms is implemented; other values are
    // treated as 20 (a=ptime is a preference, and every codec here does 20 ms frames).
    int ptimeMs = 20;

    Direction direction = Direction::SendRecv;

    // --- SRTP with SDES keys (RFC 4568); an empty suite means plain RTP.
    // The suite name as in a=crypto, e.g. "AES_CM_128_HMAC_SHA1_80".
    QString srtpSuite;
    // Our key ("inline:..." from our a=crypto line) protects what we send; the peer's key
    // (from its a=crypto line) checks and decrypts what we receive.
    QString srtpLocalKeyParams;
    QString srtpRemoteKeyParams;

    // --- Audio
    QString sourceSpec = QStringLiteral("null");
    QString sinkSpec = QStringLiteral("null");
    bool echoCancellation = false;
    bool noiseSuppression = false;
    // Muted: the microphone is still read (the device is not touched) but digital silence
    // is encoded and sent in its place, so the RTP stream keeps its timing (see
    // MediaSession::capture()).
    bool muted = false;
    // Volume, as a linear factor (AudioGain: 0..4, 1 = unchanged): on what the source
    // captured, and on what the sink plays.
    double inputGain = 1.0;
    double outputGain = 1.0;

    // --- Jitter buffer (see JitterBuffer::Config)
    // The floor of the adaptive target. Frames are played on our 20 ms frame clock, so a
    // packet already waits 0..20 ms for its tick (10 on average) on top of this; with the
    // buffer's half-frame hysteresis, 10 ms keeps a clean network's mouth-to-ear delay below
    // 50 ms (docs/performance.md, "Latency") and still absorbs the sender's timer wake-ups
    // running a few ms late. Real jitter raises the target above it.
    int jitterMinDelayMs = 10;
    int jitterMaxDelayMs = 500;

    // --- RTCP (RFC 3550 §6)
    // Average report interval; reports are sent at 0.5..1.5 times it (§6.3.1). Shorter than
    // 5 s only for tests or RFC 4585-style profiles.
    int rtcpIntervalMs = DefaultRtcpIntervalMs;
    // SDES CNAME (RFC 3550 §6.5.1, RFC 7022); empty: a random one per session.
    QByteArray cname;

    bool isSending() const
    {
        return direction == Direction::SendRecv || direction == Direction::SendOnly;
    }
    bool isReceiving() const
    {
        return direction == Direction::SendRecv || direction == Direction::RecvOnly;
    }
    bool hasSrtp() const { return !srtpSuite.isEmpty(); }
    quint16 effectiveRemoteRtcpPort() const
    {
        if (rtcpMux)
            return remoteRtpPort;
        if (remoteRtcpPort != 0)
            return remoteRtcpPort;
        return remoteRtpPort == 0 ? 0 : quint16(remoteRtpPort + 1);
    }

    static QString directionName(Direction direction);
};

inline QString MediaSessionConfig::directionName(Direction direction)
{
    switch (direction) {
    case Direction::SendRecv:
        return QStringLiteral("sendrecv");
    case Direction::SendOnly:
        return QStringLiteral("sendonly");
    case Direction::RecvOnly:
        return QStringLiteral("recvonly");
    case Direction::Inactive:
        return QStringLiteral("inactive");
    }
    return {};
}

} // namespace Media

Q_DECLARE_METATYPE(Media::MediaSessionConfig)
