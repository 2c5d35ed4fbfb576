// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "AudioLevels.h"
#include "MediaSessionConfig.h"
#include "MediaStatistics.h"
#include "audio/EndpointFactory.h"
#include "codec/TelephoneEventReceiver.h"
#include "codec/TelephoneEventSender.h"
#include "dsp/AudioLevelMeter.h"
#include "rtp/RtpReceiveStatistics.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

class QTimer;
class QUdpSocket;

namespace Media {

class AudioCodec;
class EchoCanceller;
class JitterBuffer;
class MediaFormatConverter;
class SrtpSession;

// One RTP audio stream (RFC 3550) of one call: sockets, codec, SRTP, jitter buffer, audio
// endpoints, RTCP and RFC 4733 DTMF. A QObject of the media thread: every function must be
// called there (MediaEngine posts them), and its timers and sockets run on that thread's
// event loop.
//
// Timing. A precise single-shot timer is re-armed for each 20 ms frame against a
// QElapsedTimer, so the frame clock does not drift with timer jitter: frame k is due at
// k * 20 ms after start; a late wake-up processes every frame that is due (at most
// MaxCatchUpFrames, beyond which the clock skips ahead, e.g. after a suspend). The RTP
// timestamp of frame k is origin + k * samples per frame, so timestamps follow real time
// (RFC 3550 §5.1) whether or not a frame was sent.
//
// Each frame: playout first (jitter buffer -> decode / FEC / conceal -> convert -> sink),
// then capture (source -> convert -> echo cancellation against the frame just played ->
// encode -> RTP -> SRTP -> socket). Received packets are handled as they arrive: SRTP
// unprotect -> RTP parse -> latch (RFC 4961) -> statistics (RFC 3550 A.1/A.8) ->
// telephone-event or jitter buffer.
//
// RTCP (RFC 3550 §6): an SR (or RR when we have not sent) with one report block on the
// peer's stream and an SDES CNAME every ~rtcpIntervalMs (randomised 0.5..1.5, §6.3.1, the
// first after half of that), a BYE on stop(); received report blocks about our SSRC give
// the round-trip time (§6.4.1).
class MediaSession : public QObject
{
    Q_OBJECT
public:
    static constexpr int FrameMs = 20;
    static constexpr int MaxCatchUpFrames = 5;
    static constexpr int DtmfDurationMs = 100; // per digit (ITU-T Q.24 minimum is 40 ms)
    static constexpr int DtmfGapMs = TelephoneEventSender::UpdateIntervalMs; // between digits
    static constexpr int MaxPacketSize = 1500;
    // audioLevels() every this many frames: 10 readings a second, enough for a meter.
    static constexpr int LevelReportFrames = 5;

    MediaSession(const QString &id, const MediaSessionConfig &config,
                 const EndpointFactory &factory, QObject *parent = nullptr);
    ~MediaSession() override;

    QString id() const { return m_id; }
    const MediaSessionConfig &config() const { return m_config; }
    bool isRunning() const { return m_running; }
    quint16 localPort() const;
    quint16 localRtcpPort() const;
    quint32 ssrc() const { return m_ssrc; }

    // Opens the endpoints, codec and SRTP contexts and binds the sockets; starts the frame
    // clock and RTCP. False with *error on failure (nothing is left open).
    bool start(QString *error = nullptr);
    // Sends an RTCP BYE (RFC 3550 §6.6), stops the timers, closes the sockets and the
    // endpoints (a WAV recording gets its final header). Idempotent.
    void stop();

    // Applies a renegotiated description (re-INVITE / UPDATE): remote transport, direction,
    // codec, telephone-event, SRTP keys, endpoints, jitter and RTCP settings. The new parts
    // are built first; on failure nothing changes and *error says why. The local port and
    // address stay (they were in our SDP); a changed rtcp-mux is followed where possible.
    bool update(const MediaSessionConfig &config, QString *error = nullptr);
    // Hold / resume (RFC 3264 §8.4).
    void setDirection(MediaSessionConfig::Direction direction);
    // New remote transport; latching starts over (RFC 4961).
    void updateRemote(const QHostAddress &address, quint16 rtpPort, quint16 rtcpPort, bool rtcpMux);

    // Queues DTMF digits (0-9 * # A-D; others are rejected) as RFC 4733 events.
    bool sendDtmf(const QString &digits, QString *error = nullptr);

    MediaStatistics statistics() const;

    // Mute without touching the device, and volume (see MediaSessionConfig); they take
    // effect with the next frame, and the config keeps them across update().
    void setMuted(bool muted) { m_config.muted = muted; }
    bool isMuted() const { return m_config.muted; }
    void setGains(double inputGain, double outputGain);

    // Virtual time, for benchmarks and memory checks that run a call faster than real time.
    // With a manual clock (chosen before start()) neither the frame timer nor the RTCP timer
    // is armed: advanceClock() moves the session's clock on and does what the timers would
    // have done by then (frames due, RTCP reports due). Packets are still real datagrams,
    // handled when the thread's event loop delivers them.
    void setManualClock(bool manual) { m_manualClock = manual; }
    void advanceClock(qint64 microseconds);

signals:
    // A DTMF digit the peer sent as an RFC 4733 event, once per event.
    void dtmfReceived(QChar digit);
    // A sound device endpoint lost its device and went on with the default one (the call
    // goes on); `output`: the sink, otherwise the source.
    void audioDeviceFallback(bool output, const QString &lostDevice, const QString &newDevice);
    // The levels captured and played over the last LevelReportFrames frames.
    void audioLevels(const Media::AudioLevels &levels);

private:
    // Everything update() may replace, built apart and swapped in as a whole.
    struct Pipeline;

    // Builds the pipeline for `config`. With `current` (update()), parts whose settings did
    // not change are taken over from it (endpoints keep playing, SRTP keeps its replay and
    // rollover state) - but only once everything new was built, so on failure `current` is
    // untouched.
    std::unique_ptr<Pipeline> buildPipeline(const MediaSessionConfig &config, Pipeline *current,
                                            QString *error);
    bool bindSockets(QString *error);
    bool bindRtcpSocket(quint16 port, QString *error);
    void closeSockets();
    void resetRemote();

    void scheduleTick();
    void onTick();
    void processFrame(qint64 nowMs);
    void playout(qint64 nowMs);
    void capture();
    quint32 timestampForFrame(qint64 frame) const;

    void onRtpReadyRead();
    void onRtcpReadyRead();
    void readDatagrams(QUdpSocket *socket, bool rtcpSocket);
    void handleDatagram(std::span<quint8> data, const QHostAddress &from, quint16 port,
                        bool rtcpSocket);
    void handleRtp(std::span<quint8> data, const QHostAddress &from, quint16 port);
    void handleRtcp(std::span<quint8> data, const QHostAddress &from, quint16 port);
    bool countSrtpError(int error);

    bool sendRtp(int payloadType, bool marker, quint32 timestamp, std::span<const quint8> payload);
    void sendRtcp(bool bye);
    void scheduleRtcp(bool initial);

    void onDtmfTimer();
    bool startNextDigit();

    qint64 nowMicroseconds() const;
    quint64 ntpNow() const;

    QString m_id;
    MediaSessionConfig m_config;
    EndpointFactory m_factory;
    std::unique_ptr<Pipeline> m_pipeline;
    bool m_running = false;

    QUdpSocket *m_rtpSocket = nullptr;
    QUdpSocket *m_rtcpSocket = nullptr; // null with rtcp-mux
    QTimer *m_tickTimer = nullptr;
    QTimer *m_rtcpTimer = nullptr;
    QTimer *m_dtmfTimer = nullptr;
    QElapsedTimer m_clock; // frame clock, jitter buffer and RTCP timing
    bool m_manualClock = false; // m_manualNowUs instead of m_clock (advanceClock())
    qint64 m_manualNowUs = 0;
    qint64 m_manualRtcpDueUs = 0;
    qint64 m_ntpOriginUs = 0; // wall clock (Unix us) at m_clock's start, for RTCP NTP times

    // Where we send (from the config, then latched from received packets).
    QHostAddress m_remoteRtpAddress;
    quint16 m_remoteRtpPort = 0;
    QHostAddress m_remoteRtcpAddress;
    quint16 m_remoteRtcpPort = 0;
    bool m_rtpLatched = false;
    bool m_rtcpLatched = false;

    // Sending state (RFC 3550 §5.1: random SSRC, initial sequence number and timestamp).
    quint32 m_ssrc = 0;
    quint16 m_sequence = 0;
    quint32 m_timestampOrigin = 0; // timestamp of frame 0
    qint64 m_nextFrame = 0; // index of the next frame to process
    bool m_markerNext = true;
    QByteArray m_cname;

    // DTMF (RFC 4733).
    QString m_dtmfQueue;
    std::optional<TelephoneEventSender> m_dtmfSender;
    bool m_dtmfBusy = false; // events (or the gap after one) are being sent: audio paused
    TelephoneEventReceiver m_dtmfReceiver;

    // Reception.
    RtpReceiveStatistics m_receiveStatistics;

    // Counters.
    qint64 m_packetsSent = 0;
    qint64 m_octetsSent = 0;
    qint64 m_packetsReceived = 0;
    qint64 m_octetsReceived = 0;
    qint64 m_sentAtLastReport = 0;
    qint64 m_sentAtReportBefore = 0;
    qint64 m_srtpAuthFailures = 0;
    qint64 m_srtpReplayDrops = 0;
    qint64 m_dropped = 0;
    qint64 m_rtcpSent = 0;
    qint64 m_rtcpReceived = 0;
    qint64 m_dtmfSentCount = 0;
    qint64 m_dtmfReceivedCount = 0;
    qint64 m_concealed = 0;
    qint64 m_fecFrames = 0;
    double m_rttMs = -1.0;
    double m_remoteLossPercent = 0.0;
    double m_remoteJitterMs = 0.0;
    bool m_remoteBye = false;
    QString m_remoteCname;
    bool m_warnedSendError = false;
    bool m_warnedSinkError = false;
    bool m_warnedSourceError = false;

    // Levels, read out every LevelReportFrames frames.
    AudioLevelMeter m_inputMeter;
    AudioLevelMeter m_outputMeter;
    int m_framesSinceLevels = 0;

    // Per-packet buffers, allocated once.
    std::vector<quint8> m_receiveBuffer;
    std::vector<quint8> m_sendBuffer;
    std::vector<quint8> m_encodeBuffer;
};

} // namespace Media
