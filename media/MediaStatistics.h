// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMetaType>
#include <QString>
#include <QtGlobal>

namespace Media {

// A snapshot of one media session, for the call window and for tests. Plain values.
struct MediaStatistics
{
    QString codec; // "opus/48000/2", "PCMU/8000"
    int payloadType = -1;
    QString direction; // "sendrecv", ...
    quint16 localPort = 0;
    QString remoteAddress; // where we send RTP now (after latching, RFC 4961)
    quint16 remoteRtpPort = 0;
    bool latched = false; // the destination was learnt from received packets

    // Sent: RTP packets and payload octets (audio and telephone-event), as in our SR
    // (RFC 3550 §6.4.1 sender's packet/octet count).
    qint64 packetsSent = 0;
    qint64 octetsSent = 0;
    // Received: RTP packets of the peer that passed SRTP and RTP validation.
    qint64 packetsReceived = 0;
    qint64 octetsReceived = 0;
    // RFC 3550 A.3: expected - received for the current source (not negative here).
    qint64 packetsLost = 0;
    double lossPercent = 0.0;
    // RFC 3550 A.8 interarrival jitter, in ms.
    double jitterMs = 0.0;
    // Round-trip time from the peer's report blocks (RFC 3550 §6.4.1); -1 until known.
    double rttMs = -1.0;
    // What the peer reports about our stream (its last report block on our SSRC).
    double remoteLossPercent = 0.0; // fraction lost of its last interval, in %
    double remoteJitterMs = 0.0;

    int jitterBufferTargetDelayMs = 0;
    int jitterBufferCurrentDelayMs = 0;
    qint64 jitterBufferLost = 0; // frames concealed at playout
    qint64 jitterBufferLate = 0;
    qint64 concealedFrames = 0;
    qint64 fecFrames = 0;

    bool srtp = false;
    qint64 srtpAuthFailures = 0; // RTP and RTCP packets that failed authentication
    qint64 srtpReplayDrops = 0;

    qint64 rtcpSent = 0;
    qint64 rtcpReceived = 0;
    bool remoteBye = false; // the peer sent an RTCP BYE (RFC 3550 §6.6)
    QString remoteCname;

    qint64 dtmfSent = 0; // events (digits) sent
    qint64 dtmfReceived = 0;
    qint64 droppedPackets = 0; // unknown payload type, malformed, other SSRC, while not receiving
};

} // namespace Media

Q_DECLARE_METATYPE(Media::MediaStatistics)
