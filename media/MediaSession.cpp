// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MediaSession.h"

#include "MediaFormatConverter.h"
#include "codec/AudioCodec.h"
#include "codec/CodecFactory.h"
#include "dsp/AudioGain.h"
#include "dsp/EchoCanceller.h"
#include "jitter/JitterBuffer.h"
#include "rtp/NtpTime.h"
#include "rtp/RtcpCompoundBuilder.h"
#include "rtp/RtcpCompoundReader.h"
#include "rtp/RtpPacket.h"
#include "rtp/SrtpSession.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>
#include <QUdpSocket>

#include <algorithm>
#include <cstring>

Q_LOGGING_CATEGORY(lcMediaSession, "parlo.media.session", QtInfoMsg)

namespace Media {

namespace {

constexpr int ReceiveBufferSize = 8192;
constexpr int EncodeBufferSize = MediaSession::MaxPacketSize;
// RFC 3551 §6: payload type 13 is comfort noise (RFC 3389); accepted and ignored.
constexpr int ComfortNoisePayloadType = 13;
// DSCP EF (RFC 3246, RFC 4594 §4.2 "Telephony") in the TOS/traffic class octet.
constexpr int DscpExpeditedForwarding = 46 << 2;
constexpr int PortAttempts = 64;

bool sameCodec(const MediaSessionConfig &a, const MediaSessionConfig &b)
{
    return a.codecName.compare(b.codecName, Qt::CaseInsensitive) == 0 && a.clockRate == b.clockRate
            && a.channels == b.channels && a.payloadType == b.payloadType && a.fmtp == b.fmtp;
}

bool sameSrtp(const MediaSessionConfig &a, const MediaSessionConfig &b)
{
    return a.srtpSuite == b.srtpSuite && a.srtpLocalKeyParams == b.srtpLocalKeyParams
            && a.srtpRemoteKeyParams == b.srtpRemoteKeyParams;
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

QByteArray randomCname()
{
    // RFC 7022 §4.2: a per-session random CNAME of at least 96 bits, base64 encoded.
    QByteArray bytes(12, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 3);
    return bytes.toBase64();
}

} // namespace

struct MediaSession::Pipeline
{
    std::unique_ptr<AudioCodec> codec;
    AudioFormat encodeFormat; // what encode() takes
    AudioFormat decodeFormat; // what decode() gives
    quint32 frameTimestampUnits = 0; // RTP clock units per 20 ms frame
    std::unique_ptr<JitterBuffer> jitter;
    std::unique_ptr<SrtpSession> srtp;
    std::unique_ptr<AudioSource> source;
    std::unique_ptr<AudioSink> sink;
    std::unique_ptr<MediaFormatConverter> sourceConverter; // null: source is in encodeFormat
    std::unique_ptr<MediaFormatConverter> sinkConverter; // null: sink takes decodeFormat
    std::unique_ptr<EchoCanceller> echo;
    bool sourceEnded = false;
    bool decodedAny = false;
    std::vector<int16_t> sourceFrame; // source format
    std::vector<int16_t> captured; // encodeFormat
    std::vector<int16_t> processed; // encodeFormat, echo canceller output
    std::vector<int16_t> decoded; // decodeFormat, room for the longest Opus packet
    std::vector<int16_t> farEnd; // the frame just played, encodeFormat (mono only)
    std::vector<int16_t> sinkFrame; // sink format
};

MediaSession::MediaSession(const QString &id, const MediaSessionConfig &config,
                           const EndpointFactory &factory, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_config(config)
    , m_factory(factory)
    , m_receiveBuffer(ReceiveBufferSize)
    , m_sendBuffer(std::size_t(MaxPacketSize + SrtpSession::MaxOverhead))
    , m_encodeBuffer(EncodeBufferSize)
{
    m_tickTimer = new QTimer(this);
    m_tickTimer->setSingleShot(true);
    m_tickTimer->setTimerType(Qt::PreciseTimer);
    connect(m_tickTimer, &QTimer::timeout, this, &MediaSession::onTick);

    m_rtcpTimer = new QTimer(this);
    m_rtcpTimer->setSingleShot(true);
    connect(m_rtcpTimer, &QTimer::timeout, this, [this] {
        sendRtcp(false);
        scheduleRtcp(false);
    });

    m_dtmfTimer = new QTimer(this);
    m_dtmfTimer->setTimerType(Qt::PreciseTimer);
    m_dtmfTimer->setInterval(TelephoneEventSender::UpdateIntervalMs);
    connect(m_dtmfTimer, &QTimer::timeout, this, &MediaSession::onDtmfTimer);
}

MediaSession::~MediaSession()
{
    stop();
}

quint16 MediaSession::localPort() const
{
    return m_rtpSocket ? m_rtpSocket->localPort() : 0;
}

quint16 MediaSession::localRtcpPort() const
{
    if (m_rtcpSocket)
        return m_rtcpSocket->localPort();
    return localPort();
}

qint64 MediaSession::nowMicroseconds() const
{
    if (m_manualClock)
        return m_manualNowUs;
    return m_clock.isValid() ? m_clock.nsecsElapsed() / 1000 : 0;
}

quint64 MediaSession::ntpNow() const
{
    // Wall clock at start plus the monotonic clock since: RTCP's NTP timestamps and the
    // arrival times of report blocks then share one clock, so RTT = A - LSR - DLSR is not
    // disturbed by wall clock steps (RFC 3550 §6.4.1).
    return NtpTime::fromUnixMicroseconds(m_ntpOriginUs + nowMicroseconds());
}

// --- Setup

std::unique_ptr<MediaSession::Pipeline>
MediaSession::buildPipeline(const MediaSessionConfig &config, Pipeline *current, QString *error)
{
    auto pipeline = std::make_unique<Pipeline>();
    const bool keepCodec = current && sameCodec(config, m_config);
    const bool keepJitter = keepCodec && config.jitterMinDelayMs == m_config.jitterMinDelayMs
            && config.jitterMaxDelayMs == m_config.jitterMaxDelayMs;
    const bool keepSrtp = current && sameSrtp(config, m_config);
    const bool keepSource = current && config.sourceSpec == m_config.sourceSpec;
    const bool keepSink = current && config.sinkSpec == m_config.sinkSpec;
    const bool keepEcho = keepCodec && config.echoCancellation == m_config.echoCancellation
            && config.noiseSuppression == m_config.noiseSuppression;

    // Codec (RFC 4566 §6 rtpmap + fmtp).
    if (config.payloadType < 0 || config.payloadType > 127) {
        setError(error, QStringLiteral("bad payload type %1").arg(config.payloadType));
        return nullptr;
    }
    if (config.telephoneEventPayloadType > 127
        || config.telephoneEventPayloadType == config.payloadType) {
        setError(error,
                 QStringLiteral("bad telephone-event payload type %1")
                         .arg(config.telephoneEventPayloadType));
        return nullptr;
    }
    if (config.ptimeMs != FrameMs)
        qCInfo(lcMediaSession, "%s: ptime %d ms requested; sending 20 ms frames", qPrintable(m_id),
               config.ptimeMs);
    if (!keepCodec) {
        pipeline->codec = CodecFactory::create(config.codecName, config.clockRate, config.channels,
                                               config.fmtp);
        if (!pipeline->codec) {
            setError(error,
                     QStringLiteral("unsupported codec %1/%2/%3")
                             .arg(config.codecName)
                             .arg(config.clockRate)
                             .arg(config.channels));
            return nullptr;
        }
    }
    AudioCodec *codec = keepCodec ? current->codec.get() : pipeline->codec.get();
    const AudioFormat encodeFormat { codec->sampleRate(), codec->encodeChannels() };
    const AudioFormat decodeFormat { codec->sampleRate(), codec->channels() };

    if (!keepJitter) {
        JitterBuffer::Config jitterConfig;
        jitterConfig.clockRate = codec->clockRate();
        jitterConfig.frameDurationMs = FrameMs;
        jitterConfig.minDelayMs = std::max(0, config.jitterMinDelayMs);
        jitterConfig.maxDelayMs = std::max(jitterConfig.minDelayMs, config.jitterMaxDelayMs);
        jitterConfig.maxPayloadSize = MaxPacketSize;
        pipeline->jitter = std::make_unique<JitterBuffer>(jitterConfig);
    }

    // SRTP with SDES keys (RFC 4568): ours outbound, the peer's inbound.
    if (!keepSrtp && config.hasSrtp()) {
        const auto suite = SrtpKeyParams::suiteFromName(config.srtpSuite);
        if (!suite) {
            setError(error, QStringLiteral("unknown SRTP suite %1").arg(config.srtpSuite));
            return nullptr;
        }
        if (!SrtpSession::isSuiteSupported(*suite)) {
            setError(error,
                     QStringLiteral("SRTP suite %1 not supported by libsrtp2")
                             .arg(config.srtpSuite));
            return nullptr;
        }
        const auto localKey = SrtpKeyParams::parse(config.srtpLocalKeyParams, *suite);
        const auto remoteKey = SrtpKeyParams::parse(config.srtpRemoteKeyParams, *suite);
        if (!localKey || !remoteKey) {
            setError(error,
                     QStringLiteral("bad SRTP %1 key parameters")
                             .arg(localKey ? QStringLiteral("remote") : QStringLiteral("local")));
            return nullptr;
        }
        pipeline->srtp = std::make_unique<SrtpSession>();
        SrtpSession::Error srtpError = pipeline->srtp->setOutboundKey(*suite, *localKey);
        if (srtpError == SrtpSession::Error::None)
            srtpError = pipeline->srtp->setInboundKey(*suite, *remoteKey);
        if (srtpError != SrtpSession::Error::None) {
            setError(error,
                     QStringLiteral("SRTP setup failed: %1")
                             .arg(SrtpSession::errorString(srtpError)));
            return nullptr;
        }
    }

    // Endpoints, in the codec's format by preference.
    if (!keepSource) {
        QString message;
        pipeline->source = m_factory.createSource(config.sourceSpec, encodeFormat, &message);
        if (!pipeline->source) {
            setError(error, message);
            return nullptr;
        }
        pipeline->source->setDeviceFallbackHandler([this](const QString &lost, const QString &now) {
            emit audioDeviceFallback(false, lost, now);
        });
    }
    if (!keepSink) {
        QString message;
        pipeline->sink = m_factory.createSink(config.sinkSpec, decodeFormat, &message);
        if (!pipeline->sink) {
            setError(error, message);
            return nullptr;
        }
        pipeline->sink->setDeviceFallbackHandler([this](const QString &lost, const QString &now) {
            emit audioDeviceFallback(true, lost, now);
        });
    }

    // Echo cancellation / noise suppression on the (mono) capture path, referenced to the
    // (mono) frames played.
    const bool wantEcho = (config.echoCancellation || config.noiseSuppression)
            && encodeFormat.channels == 1 && decodeFormat.channels == 1;
    if (!keepEcho && wantEcho) {
        pipeline->echo = std::make_unique<EchoCanceller>(encodeFormat.sampleRate);
        if (!pipeline->echo->isValid()
            || pipeline->echo->frameSamples() != encodeFormat.frameSamples()) {
            qCWarning(lcMediaSession, "%s: echo canceller unavailable: %s", qPrintable(m_id),
                      qPrintable(pipeline->echo->errorString()));
            pipeline->echo.reset();
        } else {
            pipeline->echo->setEchoCancellationEnabled(config.echoCancellation);
            pipeline->echo->setNoiseSuppressionEnabled(config.noiseSuppression);
        }
    }

    // Format converters between the endpoints and the codec.
    const AudioFormat sourceFormat = (keepSource ? current->source : pipeline->source)->format();
    if (sourceFormat != encodeFormat) {
        pipeline->sourceConverter
                = std::make_unique<MediaFormatConverter>(sourceFormat, encodeFormat);
        if (!pipeline->sourceConverter->isValid()) {
            setError(error, pipeline->sourceConverter->errorString());
            return nullptr;
        }
    }
    const AudioFormat sinkFormat = (keepSink ? current->sink : pipeline->sink)->format();
    if (sinkFormat != decodeFormat) {
        pipeline->sinkConverter = std::make_unique<MediaFormatConverter>(decodeFormat, sinkFormat);
        if (!pipeline->sinkConverter->isValid()) {
            setError(error, pipeline->sinkConverter->errorString());
            return nullptr;
        }
    }

    // Everything new exists: take over what stays. Nothing can fail from here on.
    if (current) {
        if (keepCodec) {
            pipeline->codec = std::move(current->codec);
            pipeline->decodedAny = current->decodedAny;
        }
        if (keepJitter)
            pipeline->jitter = std::move(current->jitter);
        if (keepSrtp)
            pipeline->srtp = std::move(current->srtp);
        if (keepSource) {
            pipeline->source = std::move(current->source);
            pipeline->sourceEnded = current->sourceEnded;
        }
        if (keepSink)
            pipeline->sink = std::move(current->sink);
        if (keepEcho && wantEcho)
            pipeline->echo = std::move(current->echo);
    }

    pipeline->encodeFormat = encodeFormat;
    pipeline->decodeFormat = decodeFormat;
    pipeline->frameTimestampUnits = quint32(pipeline->codec->clockRate() * FrameMs / 1000);

    pipeline->sourceFrame.assign(std::size_t(sourceFormat.frameLength()), 0);
    pipeline->captured.assign(std::size_t(encodeFormat.frameLength()), 0);
    pipeline->processed.assign(std::size_t(encodeFormat.frameLength()), 0);
    // Opus packets may hold up to 120 ms (RFC 6716 §3.2.5): room for six frames.
    pipeline->decoded.assign(std::size_t(decodeFormat.frameLength()) * 6, 0);
    pipeline->farEnd.assign(std::size_t(encodeFormat.frameLength()), 0);
    pipeline->sinkFrame.assign(std::size_t(sinkFormat.frameLength()), 0);
    return pipeline;
}

bool MediaSession::bindRtcpSocket(quint16 port, QString *error)
{
    auto *socket = new QUdpSocket(this);
    if (port == 0
        || !socket->bind(m_config.localAddress, port, QAbstractSocket::DontShareAddress)) {
        setError(error,
                 QStringLiteral("cannot bind RTCP port %1: %2")
                         .arg(port)
                         .arg(socket->errorString()));
        delete socket;
        return false;
    }
    socket->setSocketOption(QAbstractSocket::TypeOfServiceOption, DscpExpeditedForwarding);
    connect(socket, &QUdpSocket::readyRead, this, &MediaSession::onRtcpReadyRead);
    m_rtcpSocket = socket;
    return true;
}

bool MediaSession::bindSockets(QString *error)
{
    const bool needRtcp = !m_config.rtcpMux;
    QString lastError;

    // RFC 3550 §11: RTP on an even port, RTCP on the next (odd) one.
    auto tryPort = [&](quint16 port) {
        auto *rtp = new QUdpSocket(this);
        if (!rtp->bind(m_config.localAddress, port, QAbstractSocket::DontShareAddress)) {
            lastError = rtp->errorString();
            delete rtp;
            return false;
        }
        const quint16 bound = rtp->localPort();
        if (port == 0 && bound % 2 != 0) {
            delete rtp;
            return false;
        }
        if (needRtcp && (bound == 65535 || !bindRtcpSocket(quint16(bound + 1), &lastError))) {
            delete rtp;
            return false;
        }
        rtp->setSocketOption(QAbstractSocket::TypeOfServiceOption, DscpExpeditedForwarding);
        connect(rtp, &QUdpSocket::readyRead, this, &MediaSession::onRtpReadyRead);
        m_rtpSocket = rtp;
        return true;
    };

    if (m_config.localPort != 0) {
        if (!tryPort(m_config.localPort)) {
            setError(error,
                     QStringLiteral("cannot bind %1 port %2: %3")
                             .arg(m_config.localAddress.toString())
                             .arg(m_config.localPort)
                             .arg(lastError));
            return false;
        }
        return true;
    }
    const int rangeMin = (m_config.portRangeMin + 1) & ~1; // first even port
    const int rangeMax = m_config.portRangeMax;
    const bool useRange = m_config.portRangeMin != 0 && rangeMax >= rangeMin;
    for (int attempt = 0; attempt < PortAttempts; ++attempt) {
        quint16 port = 0;
        if (useRange) {
            const int evenPorts = (rangeMax - rangeMin) / 2 + 1;
            port = quint16(rangeMin + 2 * int(QRandomGenerator::global()->bounded(evenPorts)));
        }
        if (tryPort(port))
            return true;
    }
    setError(error,
             QStringLiteral("no free even RTP port on %1%2")
                     .arg(m_config.localAddress.toString(),
                          lastError.isEmpty() ? QString() : QStringLiteral(": ") + lastError));
    return false;
}

void MediaSession::closeSockets()
{
    delete m_rtpSocket;
    m_rtpSocket = nullptr;
    delete m_rtcpSocket;
    m_rtcpSocket = nullptr;
}

void MediaSession::resetRemote()
{
    m_remoteRtpAddress = m_config.remoteAddress;
    m_remoteRtpPort = m_config.remoteRtpPort;
    m_remoteRtcpAddress = m_config.remoteAddress;
    m_remoteRtcpPort = m_config.effectiveRemoteRtcpPort();
    m_rtpLatched = false;
    m_rtcpLatched = false;
}

bool MediaSession::start(QString *error)
{
    if (m_running)
        return true;
    m_pipeline = buildPipeline(m_config, nullptr, error);
    if (!m_pipeline)
        return false;
    if (!bindSockets(error)) {
        m_pipeline.reset();
        return false;
    }

    auto *random = QRandomGenerator::system();
    m_ssrc = random->generate();
    // RFC 3550 §5.1 random initial sequence number; below 2^15 so that SRTP's rollover
    // counter guess cannot go wrong at the first wrap (RFC 3711 §3.3.1).
    m_sequence = quint16(random->bounded(0x8000));
    m_timestampOrigin = random->generate();
    m_cname = m_config.cname.isEmpty() ? randomCname() : m_config.cname;
    m_markerNext = true;
    m_nextFrame = 0;
    resetRemote();

    m_running = true;
    m_ntpOriginUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    m_clock.start();
    scheduleTick();
    scheduleRtcp(true);
    qCInfo(lcMediaSession, "%s: started on port %u, %s, ssrc %08x%s", qPrintable(m_id), localPort(),
           qPrintable(m_pipeline->codec->name()), m_ssrc, m_pipeline->srtp ? " (SRTP)" : "");
    return true;
}

void MediaSession::stop()
{
    if (!m_running)
        return;
    m_tickTimer->stop();
    m_rtcpTimer->stop();
    m_dtmfTimer->stop();
    m_dtmfQueue.clear();
    m_dtmfBusy = false;
    sendRtcp(true); // RFC 3550 §6.6: BYE when leaving
    closeSockets();
    m_pipeline.reset(); // closes the endpoints (a WAV sink writes its final header)
    m_running = false;
    qCInfo(lcMediaSession, "%s: stopped (sent %lld, received %lld packets)", qPrintable(m_id),
           m_packetsSent, m_packetsReceived);
}

// --- Renegotiation

bool MediaSession::update(const MediaSessionConfig &newConfig, QString *error)
{
    MediaSessionConfig config = newConfig;
    // Our address and port were in our SDP; they do not move.
    config.localAddress = m_config.localAddress;
    config.localPort = m_config.localPort;
    config.portRangeMin = m_config.portRangeMin;
    config.portRangeMax = m_config.portRangeMax;
    if (!m_running) {
        m_config = config;
        return true;
    }

    // rtcp-mux turned off (RFC 5761 §5.1.3): RTCP needs its own port again.
    QUdpSocket *oldRtcpSocket = m_rtcpSocket;
    const bool needRtcpSocket = !config.rtcpMux && !m_rtcpSocket;
    if (needRtcpSocket) {
        m_rtcpSocket = nullptr;
        const quint16 port = localPort() == 65535 ? 0 : quint16(localPort() + 1);
        if (!bindRtcpSocket(port, error))
            return false;
    }

    auto pipeline = buildPipeline(config, m_pipeline.get(), error);
    if (!pipeline) {
        if (needRtcpSocket) {
            delete m_rtcpSocket;
            m_rtcpSocket = oldRtcpSocket;
        }
        return false;
    }
    if (config.rtcpMux && m_rtcpSocket) {
        m_rtcpSocket->deleteLater();
        m_rtcpSocket = nullptr;
    }

    const MediaSessionConfig old = m_config;
    if (pipeline->frameTimestampUnits != m_pipeline->frameTimestampUnits) {
        // Another clock rate: continue the timestamps from where they are (RFC 3550 §5.1
        // only needs them monotonic at the new rate), and restart the reception
        // statistics, whose jitter is in the old clock's units.
        const quint32 current = timestampForFrame(m_nextFrame);
        m_timestampOrigin = current - quint32(m_nextFrame) * pipeline->frameTimestampUnits;
        m_receiveStatistics = RtpReceiveStatistics();
    }
    if (!sameCodec(config, old))
        m_markerNext = true;
    m_pipeline = std::move(pipeline);
    m_config = config;

    if (config.telephoneEventPayloadType != old.telephoneEventPayloadType)
        m_dtmfReceiver.reset();
    if (config.remoteAddress != old.remoteAddress || config.remoteRtpPort != old.remoteRtpPort
        || config.effectiveRemoteRtcpPort() != old.effectiveRemoteRtcpPort()
        || config.rtcpMux != old.rtcpMux || config.symmetricRtp != old.symmetricRtp) {
        resetRemote();
    }
    // Apply the direction change (the config already holds the new one).
    m_config.direction = old.direction;
    setDirection(config.direction);
    if (config.rtcpIntervalMs != old.rtcpIntervalMs)
        scheduleRtcp(false);
    qCInfo(lcMediaSession, "%s: updated: %s, %s, remote %s:%u", qPrintable(m_id),
           qPrintable(m_pipeline->codec->name()),
           qPrintable(MediaSessionConfig::directionName(m_config.direction)),
           qPrintable(m_remoteRtpAddress.toString()), m_remoteRtpPort);
    return true;
}

void MediaSession::setDirection(MediaSessionConfig::Direction direction)
{
    const bool wasSending = m_config.isSending();
    const bool wasReceiving = m_config.isReceiving();
    m_config.direction = direction;
    if (!m_pipeline)
        return;
    if (wasSending && !m_config.isSending()) {
        m_dtmfQueue.clear();
        m_dtmfTimer->stop();
        m_dtmfSender.reset();
        m_dtmfBusy = false;
    }
    if (!wasSending && m_config.isSending()) {
        // A new talkspurt (RFC 3551 §4.1); the source restarts from what it has now.
        m_markerNext = true;
        if (m_pipeline->sourceConverter)
            m_pipeline->sourceConverter->reset();
    }
    if (!wasReceiving && m_config.isReceiving()) {
        // Nothing was buffered while not receiving; start playout afresh.
        m_pipeline->jitter->reset();
        if (m_pipeline->sinkConverter)
            m_pipeline->sinkConverter->reset();
    }
}

void MediaSession::setGains(double inputGain, double outputGain)
{
    m_config.inputGain = std::clamp(inputGain, 0.0, AudioGain::MaxGain);
    m_config.outputGain = std::clamp(outputGain, 0.0, AudioGain::MaxGain);
}

void MediaSession::updateRemote(const QHostAddress &address, quint16 rtpPort, quint16 rtcpPort,
                                bool rtcpMux)
{
    MediaSessionConfig config = m_config;
    config.remoteAddress = address;
    config.remoteRtpPort = rtpPort;
    config.remoteRtcpPort = rtcpPort;
    config.rtcpMux = rtcpMux;
    QString error;
    if (!update(config, &error))
        qCWarning(lcMediaSession, "%s: remote update failed: %s", qPrintable(m_id),
                  qPrintable(error));
}

// --- Frame clock

quint32 MediaSession::timestampForFrame(qint64 frame) const
{
    return m_timestampOrigin + quint32(frame) * (m_pipeline ? m_pipeline->frameTimestampUnits : 0);
}

void MediaSession::scheduleTick()
{
    if (m_manualClock)
        return; // advanceClock() runs the frames
    const qint64 delay = m_nextFrame * FrameMs - nowMicroseconds() / 1000;
    m_tickTimer->start(int(std::clamp<qint64>(delay, 0, FrameMs)));
}

void MediaSession::onTick()
{
    if (!m_running)
        return;
    const qint64 now = nowMicroseconds() / 1000;
    const qint64 due = now / FrameMs; // frames 0..due are due
    if (due - m_nextFrame >= MaxCatchUpFrames) {
        // Far behind (a suspend, a stalled thread): skip the missed frames rather than
        // burst them out. Their timestamps are skipped too, so the peer sees a gap.
        qCDebug(lcMediaSession, "%s: frame clock skips %lld frames", qPrintable(m_id),
                due - m_nextFrame);
        m_nextFrame = due;
        m_markerNext = true;
    }
    while (m_nextFrame <= due) {
        processFrame(now);
        ++m_nextFrame;
    }
    scheduleTick();
}

void MediaSession::processFrame(qint64 nowMs)
{
    playout(nowMs);
    capture();
    if (++m_framesSinceLevels >= LevelReportFrames) {
        m_framesSinceLevels = 0;
        emit audioLevels(AudioLevels { m_inputMeter.take(), m_outputMeter.take() });
    }
}

void MediaSession::playout(qint64 nowMs)
{
    Pipeline &p = *m_pipeline;
    if (!m_config.isReceiving()) {
        std::fill(p.farEnd.begin(), p.farEnd.end(), int16_t(0));
        return;
    }
    const int frameSamples = p.decodeFormat.frameSamples();
    const int capacity = int(p.decoded.size());
    int samples = -1;
    bool conceal = false;
    const JitterBuffer::Output out = p.jitter->pop(nowMs);
    switch (out.status) {
    case JitterBuffer::Status::Frame:
        samples = p.codec->decode(out.payload.data(), int(out.payload.size()), p.decoded.data(),
                                  capacity);
        if (samples >= 0)
            p.decodedAny = true;
        else
            conceal = true;
        break;
    case JitterBuffer::Status::Lost:
        // RFC 7587 §4.2 / RFC 6716 §2.1.7: Opus in-band FEC rebuilds the lost frame from
        // the next packet when it is already here; otherwise conceal.
        if (p.codec->supportsFec() && out.nextAvailable) {
            samples = p.codec->decodeFec(out.nextPayload.data(), int(out.nextPayload.size()),
                                         p.decoded.data(), capacity);
            if (samples > 0)
                ++m_fecFrames;
        }
        if (samples < 0)
            conceal = true;
        break;
    case JitterBuffer::Status::Empty:
        conceal = p.decodedAny;
        samples = 0;
        break;
    }
    if (conceal) {
        samples = p.codec->conceal(p.decoded.data(), capacity);
        ++m_concealed;
    }
    // Exactly one frame goes on: longer packets are cut to 20 ms (only 20 ms packetisation
    // is supported), silence fills whatever is missing.
    samples = std::clamp(samples, 0, frameSamples);
    const std::size_t frameLength = std::size_t(p.decodeFormat.frameLength());
    std::fill(p.decoded.begin() + qsizetype(samples) * p.decodeFormat.channels,
              p.decoded.begin() + qsizetype(frameLength), int16_t(0));

    // The volume applies to what is played, and so to the echo canceller's reference too.
    const std::span<int16_t> played(p.decoded.data(), frameLength);
    AudioGain::apply(played, m_config.outputGain);
    m_outputMeter.add(played);

    if (p.echo)
        std::copy_n(p.decoded.begin(), p.farEnd.size(), p.farEnd.begin());

    const std::span<const int16_t> frame(played);
    bool ok = true;
    if (!p.sinkConverter) {
        ok = p.sink->writeFrame(frame);
    } else {
        p.sinkConverter->push(frame);
        while (p.sinkConverter->pop(p.sinkFrame))
            ok = p.sink->writeFrame(p.sinkFrame) && ok;
    }
    if (!ok && !m_warnedSinkError && !p.sink->errorString().isEmpty()) {
        m_warnedSinkError = true;
        qCWarning(lcMediaSession, "%s: audio sink: %s", qPrintable(m_id),
                  qPrintable(p.sink->errorString()));
    }
}

void MediaSession::capture()
{
    Pipeline &p = *m_pipeline;
    if (!m_config.isSending())
        return;

    auto readSource = [this, &p](std::span<int16_t> frame) {
        if (!p.sourceEnded) {
            switch (p.source->readFrame(frame)) {
            case AudioSource::ReadResult::Frame:
                return true;
            case AudioSource::ReadResult::NotReady:
                break;
            case AudioSource::ReadResult::End:
                p.sourceEnded = true;
                break;
            case AudioSource::ReadResult::Error:
                p.sourceEnded = true;
                if (!m_warnedSourceError) {
                    m_warnedSourceError = true;
                    qCWarning(lcMediaSession, "%s: audio source: %s", qPrintable(m_id),
                              qPrintable(p.source->errorString()));
                }
                break;
            }
        }
        return false;
    };

    bool haveFrame = false;
    if (!p.sourceConverter) {
        haveFrame = readSource(p.captured);
    } else {
        const int needed = p.encodeFormat.frameSamples();
        for (int reads = 0; reads < 4 && p.sourceConverter->availableSamples() < needed; ++reads) {
            if (!readSource(p.sourceFrame))
                break;
            p.sourceConverter->push(p.sourceFrame);
        }
        haveFrame = p.sourceConverter->pop(p.captured);
    }
    // A live source without a frame yet, or one that ended: send silence, keeping the
    // stream (and NAT bindings, and the peer's jitter buffer) going.
    if (!haveFrame)
        std::fill(p.captured.begin(), p.captured.end(), int16_t(0));
    AudioGain::apply(p.captured, m_config.inputGain);
    m_inputMeter.add(p.captured);

    const int16_t *pcm = p.captured.data();
    if (p.echo && p.echo->process(p.captured.data(), p.farEnd.data(), p.processed.data()))
        pcm = p.processed.data();

    // Muted: the source was read all the same (a live device's buffer must not fill up, and
    // the echo canceller keeps adapting) but digital silence is encoded in its place. The
    // stream goes on every 20 ms with consecutive sequence numbers and timestamps, so the
    // peer's jitter buffer, RTCP and NAT bindings see no gap. Silence encodes to a few
    // bytes with Opus (and to DTX frames when the peer asked for usedtx=1); G.711 sends its
    // silence code. No RFC 3389 comfort noise: the peer may not have negotiated it.
    if (m_config.muted) {
        std::fill(p.processed.begin(), p.processed.end(), int16_t(0));
        pcm = p.processed.data();
    }

    // RFC 4733 §2.5.1.2: while an event is sent, the audio it replaces is not.
    if (m_dtmfBusy)
        return;

    const quint32 timestamp = timestampForFrame(m_nextFrame);
    const int size = p.codec->encode(pcm, p.encodeFormat.frameSamples(), m_encodeBuffer.data(),
                                     int(m_encodeBuffer.size()));
    if (size <= 0)
        return;
    if (sendRtp(m_config.payloadType, m_markerNext, timestamp,
                std::span<const quint8>(m_encodeBuffer.data(), std::size_t(size))))
        m_markerNext = false;
}

// --- Sending

bool MediaSession::sendRtp(int payloadType, bool marker, quint32 timestamp,
                           std::span<const quint8> payload)
{
    if (!m_rtpSocket || m_remoteRtpAddress.isNull() || m_remoteRtpPort == 0)
        return false;
    RtpPacket packet;
    packet.setPayloadType(quint8(payloadType));
    packet.setMarker(marker);
    packet.setSequenceNumber(m_sequence);
    packet.setTimestamp(timestamp);
    packet.setSsrc(m_ssrc);
    packet.setPayload(payload);
    qsizetype length = packet.serialize(std::span<quint8>(m_sendBuffer.data(), MaxPacketSize));
    if (length < 0)
        return false;
    // The sequence number is used even if the send fails: a gap is what the peer should see.
    ++m_sequence;
    if (m_pipeline->srtp) {
        const SrtpSession::Error error = m_pipeline->srtp->protectRtp(m_sendBuffer, length);
        if (error != SrtpSession::Error::None) {
            qCWarning(lcMediaSession, "%s: SRTP protect failed: %s", qPrintable(m_id),
                      qPrintable(SrtpSession::errorString(error)));
            return false;
        }
    }
    const qint64 written
            = m_rtpSocket->writeDatagram(reinterpret_cast<const char *>(m_sendBuffer.data()),
                                         length, m_remoteRtpAddress, m_remoteRtpPort);
    if (written < 0) {
        if (!m_warnedSendError) {
            m_warnedSendError = true;
            qCWarning(lcMediaSession, "%s: RTP send to %s:%u failed: %s", qPrintable(m_id),
                      qPrintable(m_remoteRtpAddress.toString()), m_remoteRtpPort,
                      qPrintable(m_rtpSocket->errorString()));
        }
        return false;
    }
    ++m_packetsSent;
    m_octetsSent += qint64(payload.size());
    return true;
}

void MediaSession::scheduleRtcp(bool initial)
{
    if (!m_running)
        return;
    // RFC 3550 §6.3.1: the interval randomised over [0.5, 1.5] times the average so that
    // participants do not synchronise; §6.2: the first report after half an interval.
    const double factor = 0.5 + QRandomGenerator::global()->generateDouble();
    double interval = std::max(1, m_config.rtcpIntervalMs) * factor;
    if (initial)
        interval /= 2;
    if (m_manualClock) {
        m_manualRtcpDueUs = nowMicroseconds() + qint64(interval * 1000.0);
        return;
    }
    m_rtcpTimer->start(std::max(1, int(interval)));
}

void MediaSession::advanceClock(qint64 microseconds)
{
    if (!m_manualClock)
        return;
    m_manualNowUs += std::max<qint64>(0, microseconds);
    if (!m_running)
        return;
    if (m_manualNowUs >= m_manualRtcpDueUs) {
        sendRtcp(false);
        scheduleRtcp(false);
    }
    onTick();
}

void MediaSession::sendRtcp(bool bye)
{
    if (!m_pipeline || m_remoteRtcpAddress.isNull() || m_remoteRtcpPort == 0)
        return;
    QUdpSocket *socket = m_config.rtcpMux || !m_rtcpSocket ? m_rtpSocket : m_rtcpSocket;
    if (!socket)
        return;

    const qint64 nowUs = nowMicroseconds();
    QList<RtcpReportBlock> blocks;
    if (m_receiveStatistics.hasSource() && m_receiveStatistics.expected() > 0)
        blocks.append(m_receiveStatistics.reportBlock(nowUs));

    RtcpCompoundBuilder builder;
    // RFC 3550 §6.4: an SR if we sent RTP since the report before last, an RR otherwise.
    const bool weSent = m_packetsSent > m_sentAtReportBefore;
    m_sentAtReportBefore = m_sentAtLastReport;
    m_sentAtLastReport = m_packetsSent;
    if (weSent) {
        RtcpSenderReport report;
        report.ssrc = m_ssrc;
        report.senderInfo.ntpTimestamp = ntpNow();
        // The RTP timestamp of the same instant (§6.4.1), on the frame clock.
        const qint64 units = qint64(m_pipeline->codec->clockRate()) * nowUs / 1000000;
        report.senderInfo.rtpTimestamp = m_timestampOrigin + quint32(units);
        report.senderInfo.packetCount = quint32(m_packetsSent);
        report.senderInfo.octetCount = quint32(m_octetsSent);
        report.reportBlocks = blocks;
        builder.addSenderReport(report);
    } else {
        RtcpReceiverReport report;
        report.ssrc = m_ssrc;
        report.reportBlocks = blocks;
        builder.addReceiverReport(report);
    }
    builder.addCname(m_ssrc, m_cname);
    if (bye) {
        RtcpGoodbye goodbye;
        goodbye.ssrcs.append(m_ssrc);
        builder.addGoodbye(goodbye);
    }

    const QByteArray &data = builder.data();
    if (data.size() > MaxPacketSize)
        return;
    std::memcpy(m_sendBuffer.data(), data.constData(), std::size_t(data.size()));
    qsizetype length = data.size();
    if (m_pipeline->srtp) {
        const SrtpSession::Error error = m_pipeline->srtp->protectRtcp(m_sendBuffer, length);
        if (error != SrtpSession::Error::None) {
            qCWarning(lcMediaSession, "%s: SRTCP protect failed: %s", qPrintable(m_id),
                      qPrintable(SrtpSession::errorString(error)));
            return;
        }
    }
    if (socket->writeDatagram(reinterpret_cast<const char *>(m_sendBuffer.data()), length,
                              m_remoteRtcpAddress, m_remoteRtcpPort)
        >= 0)
        ++m_rtcpSent;
}

// --- Receiving

void MediaSession::onRtpReadyRead()
{
    readDatagrams(m_rtpSocket, false);
}

void MediaSession::onRtcpReadyRead()
{
    readDatagrams(m_rtcpSocket, true);
}

void MediaSession::readDatagrams(QUdpSocket *socket, bool rtcpSocket)
{
    while (socket && socket->hasPendingDatagrams()) {
        QHostAddress from;
        quint16 port = 0;
        const qint64 size = socket->readDatagram(reinterpret_cast<char *>(m_receiveBuffer.data()),
                                                 qint64(m_receiveBuffer.size()), &from, &port);
        if (size < 0)
            break; // an error (reported by the socket), not a datagram
        if (size == 0)
            continue;
        handleDatagram(std::span<quint8>(m_receiveBuffer.data(), std::size_t(size)), from, port,
                       rtcpSocket);
    }
}

void MediaSession::handleDatagram(std::span<quint8> data, const QHostAddress &from, quint16 port,
                                  bool rtcpSocket)
{
    if (!m_running || !m_pipeline)
        return;
    // RFC 5761 §4: the second octet tells RTCP (types 192..223) from RTP. Applied on the RTP
    // port always (a peer may multiplex before we know), and on the RTCP port nothing
    // but RTCP is expected.
    if (rtcpSocket || RtcpPacket::isRtcp(data))
        handleRtcp(data, from, port);
    else
        handleRtp(data, from, port);
}

bool MediaSession::countSrtpError(int error)
{
    switch (SrtpSession::Error(error)) {
    case SrtpSession::Error::None:
        return false;
    case SrtpSession::Error::AuthFailure:
        ++m_srtpAuthFailures;
        break;
    case SrtpSession::Error::ReplayDuplicate:
    case SrtpSession::Error::ReplayTooOld:
        ++m_srtpReplayDrops;
        break;
    default:
        ++m_dropped;
        break;
    }
    return true;
}

void MediaSession::handleRtp(std::span<quint8> data, const QHostAddress &from, quint16 port)
{
    Pipeline &p = *m_pipeline;
    qsizetype length = qsizetype(data.size());
    if (p.srtp && countSrtpError(int(p.srtp->unprotectRtp(data, length))))
        return;
    RtpPacket packet;
    if (RtpPacket::parse(std::span<const quint8>(data.data(), std::size_t(length)), packet)
        != RtpPacket::ParseError::None) {
        ++m_dropped;
        return;
    }
    if (packet.ssrc() == m_ssrc) {
        ++m_dropped; // our own stream looped back
        return;
    }
    const int payloadType = packet.payloadType();
    const bool isAudio = payloadType == m_config.payloadType;
    const bool isEvent = payloadType == m_config.telephoneEventPayloadType;
    if (!isAudio && !isEvent && payloadType != ComfortNoisePayloadType) {
        ++m_dropped;
        return;
    }

    // Symmetric RTP (RFC 4961): answer to where the peer's valid (and, with SRTP,
    // authenticated) packets come from.
    if (m_config.symmetricRtp && !m_rtpLatched) {
        m_rtpLatched = true;
        // A dual-stack socket reports IPv4 peers as ::ffff:a.b.c.d: the same address.
        if (!from.isEqual(m_remoteRtpAddress, QHostAddress::TolerantConversion)
            || port != m_remoteRtpPort) {
            qCInfo(lcMediaSession, "%s: latched RTP to %s:%u (was %s:%u)", qPrintable(m_id),
                   qPrintable(from.toString()), port, qPrintable(m_remoteRtpAddress.toString()),
                   m_remoteRtpPort);
            m_remoteRtpAddress = from;
            m_remoteRtpPort = port;
        }
        if (m_config.rtcpMux && !m_rtcpLatched) {
            m_rtcpLatched = true;
            m_remoteRtcpAddress = from;
            m_remoteRtcpPort = port;
        }
    }

    ++m_packetsReceived;
    m_octetsReceived += qint64(packet.payload().size());
    if (!m_config.isReceiving())
        return;

    const qint64 nowUs = nowMicroseconds();
    const quint32 arrival = quint32(nowUs * p.codec->clockRate() / 1000000);
    const auto result = m_receiveStatistics.onPacket(packet.ssrc(), packet.sequenceNumber(),
                                                     packet.timestamp(), arrival);
    if (result == RtpReceiveStatistics::Result::SourceChanged) {
        // A new source (RFC 3550 §8.2: e.g. the peer restarted, or a transfer): its
        // sequence numbers and timestamps have nothing to do with the old ones.
        p.jitter->reset();
        m_dtmfReceiver.reset();
    }
    if (m_receiveStatistics.ssrc() != packet.ssrc()) {
        ++m_dropped; // a candidate source still in probation
        return;
    }
    if (result == RtpReceiveStatistics::Result::Duplicate)
        return;

    if (isEvent) {
        const auto event = m_dtmfReceiver.process(packet.payload().data(),
                                                  int(packet.payload().size()), packet.timestamp());
        if (event && event->digit != '\0') {
            ++m_dtmfReceivedCount;
            emit dtmfReceived(QChar::fromLatin1(event->digit));
        }
        return;
    }
    if (isAudio)
        p.jitter->insert(packet.sequenceNumber(), packet.timestamp(), nowUs / 1000,
                         packet.payload());
}

void MediaSession::handleRtcp(std::span<quint8> data, const QHostAddress &from, quint16 port)
{
    Pipeline &p = *m_pipeline;
    qsizetype length = qsizetype(data.size());
    if (p.srtp && countSrtpError(int(p.srtp->unprotectRtcp(data, length))))
        return;
    const std::span<const quint8> datagram(data.data(), std::size_t(length));
    // RFC 3550 A.2 compound validation; reduced-size RTCP (RFC 5506) is accepted as well.
    const auto validation = RtcpCompoundReader::validate(datagram) == RtcpPacket::ParseError::None
            ? RtcpCompoundReader::Validation::Compound
            : RtcpCompoundReader::Validation::ReducedSize;
    RtcpCompoundReader reader(datagram, validation);
    if (!reader.isValid()) {
        ++m_dropped;
        return;
    }
    ++m_rtcpReceived;
    if (m_config.symmetricRtp && !m_rtcpLatched) {
        m_rtcpLatched = true;
        m_remoteRtcpAddress = from;
        m_remoteRtcpPort = port;
    }

    const qint64 nowUs = nowMicroseconds();
    auto takeBlocks = [this](const QList<RtcpReportBlock> &blocks) {
        for (const RtcpReportBlock &block : blocks) {
            if (block.ssrc != m_ssrc)
                continue;
            m_remoteLossPercent = block.fractionLost * 100.0 / 256.0;
            if (m_pipeline->codec)
                m_remoteJitterMs = block.jitter * 1000.0 / m_pipeline->codec->clockRate();
            // RFC 3550 §6.4.1: RTT = A - LSR - DLSR.
            const auto rtt = NtpTime::roundTripTimeMicroseconds(NtpTime::compact(ntpNow()),
                                                                block.lastSenderReport,
                                                                block.delaySinceLastSenderReport);
            if (rtt)
                m_rttMs = double(*rtt) / 1000.0;
        }
    };

    RtcpPacket packet;
    while (reader.next(packet)) {
        switch (packet.type()) {
        case RtcpPacket::SenderReport: {
            RtcpSenderReport report;
            if (packet.parseSenderReport(report) != RtcpPacket::ParseError::None)
                break;
            m_receiveStatistics.onSenderReport(report.ssrc, report.senderInfo.ntpTimestamp, nowUs);
            takeBlocks(report.reportBlocks);
            break;
        }
        case RtcpPacket::ReceiverReport: {
            RtcpReceiverReport report;
            if (packet.parseReceiverReport(report) == RtcpPacket::ParseError::None)
                takeBlocks(report.reportBlocks);
            break;
        }
        case RtcpPacket::SourceDescription: {
            RtcpSourceDescription sdes;
            if (packet.parseSourceDescription(sdes) != RtcpPacket::ParseError::None)
                break;
            for (const RtcpSdesChunk &chunk : std::as_const(sdes.chunks)) {
                if (chunk.ssrc != m_ssrc && !chunk.cname.isEmpty())
                    m_remoteCname = QString::fromUtf8(chunk.cname);
            }
            break;
        }
        case RtcpPacket::Goodbye: {
            RtcpGoodbye goodbye;
            if (packet.parseGoodbye(goodbye) != RtcpPacket::ParseError::None)
                break;
            if (m_receiveStatistics.hasSource()
                && goodbye.ssrcs.contains(m_receiveStatistics.ssrc()))
                m_remoteBye = true;
            break;
        }
        default:
            break;
        }
    }
}

// --- DTMF (RFC 4733)

bool MediaSession::sendDtmf(const QString &digits, QString *error)
{
    if (!m_running) {
        setError(error, QStringLiteral("session not running"));
        return false;
    }
    if (m_config.telephoneEventPayloadType < 0) {
        setError(error, QStringLiteral("telephone-event not negotiated"));
        return false;
    }
    if (!m_config.isSending()) {
        setError(error,
                 QStringLiteral("not sending (%1)")
                         .arg(MediaSessionConfig::directionName(m_config.direction)));
        return false;
    }
    for (const QChar c : digits) {
        if (!TelephoneEvent::eventForDigit(char(c.toUpper().toLatin1()))) {
            setError(error, QStringLiteral("not a DTMF digit: '%1'").arg(c));
            return false;
        }
    }
    m_dtmfQueue += digits.toUpper();
    if (!m_dtmfBusy) {
        m_dtmfBusy = true;
        startNextDigit();
        m_dtmfTimer->start();
    }
    return true;
}

bool MediaSession::startNextDigit()
{
    if (m_dtmfQueue.isEmpty())
        return false;
    const char digit = m_dtmfQueue.at(0).toLatin1();
    m_dtmfQueue.remove(0, 1);
    const auto event = TelephoneEvent::eventForDigit(digit);
    if (!event)
        return false;
    m_dtmfSender.emplace(m_config.telephoneEventClockRate);
    // §2.5.1.1: the event starts now, at the timestamp of the frame it replaces.
    m_dtmfSender->start(*event, DtmfDurationMs, timestampForFrame(m_nextFrame));
    ++m_dtmfSentCount;
    onDtmfTimer(); // the first packet at once
    return true;
}

void MediaSession::onDtmfTimer()
{
    if (m_dtmfSender && m_dtmfSender->isActive()) {
        if (const auto packet = m_dtmfSender->next()) {
            quint8 payload[TelephoneEvent::PayloadSize];
            if (packet->payload.write(payload, sizeof payload))
                sendRtp(m_config.telephoneEventPayloadType, packet->marker, packet->timestamp,
                        payload);
        }
        return;
    }
    // One update interval of quiet after an event, then the next digit or the audio.
    if (startNextDigit())
        return;
    m_dtmfSender.reset();
    m_dtmfTimer->stop();
    m_dtmfBusy = false;
    m_markerNext = true; // audio resumes after the event (RFC 4733 §2.5.1.2 / RFC 3551 §4.1)
}

// --- Statistics

MediaStatistics MediaSession::statistics() const
{
    MediaStatistics s;
    s.payloadType = m_config.payloadType;
    s.codec = m_config.codecName + QLatin1Char('/') + QString::number(m_config.clockRate)
            + (m_config.channels > 1 ? QLatin1Char('/') + QString::number(m_config.channels)
                                     : QString());
    s.direction = MediaSessionConfig::directionName(m_config.direction);
    s.localPort = localPort();
    s.remoteAddress = m_remoteRtpAddress.toString();
    s.remoteRtpPort = m_remoteRtpPort;
    s.latched = m_rtpLatched;
    s.packetsSent = m_packetsSent;
    s.octetsSent = m_octetsSent;
    s.packetsReceived = m_packetsReceived;
    s.octetsReceived = m_octetsReceived;
    if (m_receiveStatistics.hasSource()) {
        const qint64 expected = m_receiveStatistics.expected();
        s.packetsLost = std::max<qint64>(0, m_receiveStatistics.cumulativeLost());
        s.lossPercent = expected > 0 ? 100.0 * double(s.packetsLost) / double(expected) : 0.0;
        if (m_pipeline && m_pipeline->codec)
            s.jitterMs
                    = m_receiveStatistics.jitterExact() * 1000.0 / m_pipeline->codec->clockRate();
    }
    s.rttMs = m_rttMs;
    s.remoteLossPercent = m_remoteLossPercent;
    s.remoteJitterMs = m_remoteJitterMs;
    if (m_pipeline) {
        const JitterBuffer &jitter = *m_pipeline->jitter;
        s.jitterBufferTargetDelayMs = jitter.targetDelayMs();
        s.jitterBufferCurrentDelayMs = jitter.currentDelayMs();
        s.jitterBufferLost = jitter.statistics().lost;
        s.jitterBufferLate = jitter.statistics().late;
        s.srtp = m_pipeline->srtp != nullptr;
    } else {
        s.srtp = m_config.hasSrtp();
    }
    s.concealedFrames = m_concealed;
    s.fecFrames = m_fecFrames;
    s.srtpAuthFailures = m_srtpAuthFailures;
    s.srtpReplayDrops = m_srtpReplayDrops;
    s.rtcpSent = m_rtcpSent;
    s.rtcpReceived = m_rtcpReceived;
    s.remoteBye = m_remoteBye;
    s.remoteCname = m_remoteCname;
    s.dtmfSent = m_dtmfSentCount;
    s.dtmfReceived = m_dtmfReceivedCount;
    s.droppedPackets = m_dropped;
    return s;
}

} // namespace Media
