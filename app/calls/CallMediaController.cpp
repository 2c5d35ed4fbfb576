// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallMediaController.h"

#include "dsp/AudioGain.h"

#include <algorithm>

namespace App {

namespace {

Media::MediaSessionConfig::Direction toMediaDirection(Sip::SdpDirection direction, bool localHold)
{
    // Whoever puts a call on hold expects the other side to stop hearing them: the SDP says
    // sendonly (RFC 6337, so the peer may keep its stream open), but we send nothing.
    if (localHold)
        direction = Sip::SdpDirections::receives(direction) ? Sip::SdpDirection::RecvOnly
                                                            : Sip::SdpDirection::Inactive;
    switch (direction) {
    case Sip::SdpDirection::SendRecv:
        return Media::MediaSessionConfig::Direction::SendRecv;
    case Sip::SdpDirection::SendOnly:
        return Media::MediaSessionConfig::Direction::SendOnly;
    case Sip::SdpDirection::RecvOnly:
        return Media::MediaSessionConfig::Direction::RecvOnly;
    case Sip::SdpDirection::Inactive:
        return Media::MediaSessionConfig::Direction::Inactive;
    }
    return Media::MediaSessionConfig::Direction::SendRecv;
}

} // namespace

CallMediaController::CallMediaController(Sip::SipEngine &sip, QObject *parent)
    : QObject(parent)
{
    connect(&sip, &Sip::SipEngine::callMediaChanged, this, &CallMediaController::onMediaChanged);
    connect(&sip, &Sip::SipEngine::callStateChanged, this, &CallMediaController::onStateChanged);
    connect(&m_media, &Media::MediaEngine::sessionStarted, this,
            &CallMediaController::mediaStarted);
    connect(&m_media, &Media::MediaEngine::sessionFailed, this, &CallMediaController::mediaFailed);
    connect(&m_media, &Media::MediaEngine::statistics, this, &CallMediaController::statistics);
    connect(&m_media, &Media::MediaEngine::dtmfReceived, this,
            [this](const QString &id, QChar digit) { emit dtmfReceived(id, QString(digit)); });
    connect(&m_media, &Media::MediaEngine::audioInputsChanged, this,
            &CallMediaController::audioInputsChanged);
    connect(&m_media, &Media::MediaEngine::audioOutputsChanged, this,
            &CallMediaController::audioOutputsChanged);
    connect(&m_media, &Media::MediaEngine::audioDeviceFallback, this,
            &CallMediaController::audioDeviceFallback);
    connect(&m_media, &Media::MediaEngine::toneStarted, this, &CallMediaController::toneStarted);
    connect(&m_media, &Media::MediaEngine::toneStopped, this, &CallMediaController::toneStopped);
    connect(&m_media, &Media::MediaEngine::toneFailed, this, &CallMediaController::toneFailed);
    connect(&m_media, &Media::MediaEngine::audioLevels, this, &CallMediaController::audioLevels);
    connect(&m_media, &Media::MediaEngine::requestFailed, this,
            [this](const QString &id, const QString &reason) {
                if (id == InputMeterName)
                    emit mediaFailed(id, reason);
            });
}

void CallMediaController::setMuted(const QString &callId, bool muted)
{
    if (muted == m_muted.contains(callId))
        return;
    if (muted)
        m_muted.insert(callId);
    else
        m_muted.remove(callId);
    if (m_active.contains(callId))
        m_media.setMuted(callId, muted);
}

void CallMediaController::setInputGain(double gain)
{
    m_inputGain = std::clamp(gain, 0.0, Media::AudioGain::MaxGain);
    for (auto it = m_active.constBegin(); it != m_active.constEnd(); ++it)
        m_media.setGains(it.key(), m_inputGain, m_outputGain);
}

void CallMediaController::setOutputGain(double gain)
{
    m_outputGain = std::clamp(gain, 0.0, Media::AudioGain::MaxGain);
    for (auto it = m_active.constBegin(); it != m_active.constEnd(); ++it)
        m_media.setGains(it.key(), m_inputGain, m_outputGain);
}

void CallMediaController::startInputMeter(const QString &sourceSpec)
{
    m_media.startInputMeter(InputMeterName, sourceSpec, m_inputGain);
}

void CallMediaController::stopInputMeter()
{
    m_media.stopInputMeter(InputMeterName);
}

void CallMediaController::setEndpointFactory(const Media::EndpointFactory &factory)
{
    m_media.setEndpointFactory(factory);
}

void CallMediaController::setDeviceMonitor(
        std::function<std::unique_ptr<Media::AudioDeviceMonitor>()> creator)
{
    m_media.setDeviceMonitor(std::move(creator));
}

void CallMediaController::setToneOutputs(const QString &ringerSpec, const QString &callToneSpec)
{
    m_ringerSpec = ringerSpec;
    m_callToneSpec = callToneSpec;
}

void CallMediaController::playRingtone()
{
    // The BT (UK) ringing cadence: a double ring, distinct from the ringback tones.
    Media::ToneGenerator::Tone ring;
    ring.frequency1 = 400.0;
    ring.frequency2 = 450.0;
    ring.amplitude = 0.3;
    ring.cadenceMs = { 400, 200, 400, 2000 };
    m_media.startTone(RingtoneName, ring, m_ringerSpec);
}

void CallMediaController::stopRingtone()
{
    m_media.stopTone(RingtoneName);
}

void CallMediaController::playRingback()
{
    m_media.startTone(RingbackName,
                      m_usTones ? Media::ToneGenerator::ringbackUs()
                                : Media::ToneGenerator::ringbackEu(),
                      m_callToneSpec);
}

void CallMediaController::stopRingback()
{
    m_media.stopTone(RingbackName);
}

void CallMediaController::playBusy()
{
    m_media.startTone(BusyName,
                      m_usTones ? Media::ToneGenerator::busyUs() : Media::ToneGenerator::busyEu(),
                      m_callToneSpec);
}

void CallMediaController::stopBusy()
{
    m_media.stopTone(BusyName);
}

bool CallMediaController::playDtmfTone(QChar digit, int durationMs)
{
    const auto tone = Media::ToneGenerator::dtmf(char(digit.toUpper().toLatin1()));
    if (!tone || digit.unicode() > 0x7f)
        return false;
    m_media.startTone(DtmfToneName, *tone, m_callToneSpec, std::max(0, durationMs));
    return true;
}

void CallMediaController::stopDtmfTone()
{
    m_media.stopTone(DtmfToneName);
}

void CallMediaController::playTone(const QString &name, double hz, const QString &sinkSpec,
                                   int durationMs)
{
    m_media.startTone(name, Media::ToneGenerator::sine(hz), sinkSpec, std::max(0, durationMs));
}

void CallMediaController::stopTone(const QString &name)
{
    m_media.stopTone(name);
}

void CallMediaController::setAudio(const QString &sourceSpec, const QString &sinkSpec)
{
    m_source = sourceSpec;
    m_sink = sinkSpec;
}

void CallMediaController::onMediaChanged(const QString &callId, const Sip::CallMedia &media)
{
    if (!media.active) {
        if (m_active.remove(callId))
            m_media.stopSession(callId);
        return;
    }
    const Sip::SdpNegotiatedStream &audio = media.audio;
    Media::MediaSessionConfig config;
    // The port the SDP advertised is the one the session binds.
    config.localPort = static_cast<quint16>(audio.localRtpPort);
    config.remoteAddress = QHostAddress(QString::fromStdString(audio.remoteAddress));
    config.remoteRtpPort = static_cast<quint16>(audio.remoteRtpPort);
    config.remoteRtcpPort = static_cast<quint16>(audio.remoteRtcpPort);
    config.rtcpMux = audio.rtcpMux;
    config.codecName = QString::fromStdString(audio.codec.name);
    config.clockRate = audio.codec.clockRate;
    config.channels = audio.codec.channels;
    config.payloadType = audio.codec.payloadType;
    // Encode as the peer asked to receive (its fmtp, RFC 7587 for Opus).
    config.fmtp = QByteArray::fromStdString(audio.codec.remoteFmtp.params);
    config.telephoneEventPayloadType = audio.telephoneEventPayloadType;
    config.telephoneEventClockRate = audio.telephoneEventClockRate > 0
            ? audio.telephoneEventClockRate
            : audio.codec.clockRate;
    config.ptimeMs = audio.remotePtime > 0 ? audio.remotePtime : 20;
    config.direction = toMediaDirection(audio.direction, m_localHold.contains(callId));
    if (audio.secure) {
        config.srtpSuite = QString::fromStdString(audio.srtp.suite);
        config.srtpLocalKeyParams = QString::fromStdString(audio.srtp.localKeyParams);
        config.srtpRemoteKeyParams = QString::fromStdString(audio.srtp.remoteKeyParams);
    }
    config.sourceSpec = m_source;
    // "{call}" in a sink spec names a file per call: two calls at once (a transfer, call
    // waiting) must not write into one WAV file.
    config.sinkSpec = QString(m_sink).replace(QLatin1String("{call}"), callId);
    config.echoCancellation = m_echoCancellation;
    config.noiseSuppression = m_echoCancellation;
    config.muted = m_muted.contains(callId);
    config.inputGain = m_inputGain;
    config.outputGain = m_outputGain;
    if (m_active.contains(callId))
        m_media.updateSession(callId, config);
    else
        m_media.startSession(callId, config);
    m_active.insert(callId, media);
}

void CallMediaController::onStateChanged(const QString &callId, const Sip::CallStatus &status)
{
    if (status.state != Sip::CallState::Terminated) {
        if (status.localHold == m_localHold.contains(callId))
            return;
        if (status.localHold)
            m_localHold.insert(callId);
        else
            m_localHold.remove(callId);
        if (const auto it = m_active.constFind(callId); it != m_active.constEnd()) {
            const Sip::CallMedia media = *it;
            onMediaChanged(callId, media); // mute or unmute our side
        }
        return;
    }
    m_localHold.remove(callId);
    m_muted.remove(callId);
    if (!m_active.remove(callId))
        return;
    // The statistics are taken before the session stops: both are queued in order.
    m_media.requestStatistics(callId);
    m_media.stopSession(callId);
}

bool CallMediaController::sendDtmf(const QString &callId, const QString &digits)
{
    const auto it = m_active.constFind(callId);
    if (it == m_active.constEnd() || it->audio.telephoneEventPayloadType < 0)
        return false;
    m_media.sendDtmf(callId, digits);
    return true;
}

void CallMediaController::requestStatistics(const QString &callId)
{
    if (m_active.contains(callId))
        m_media.requestStatistics(callId);
}

} // namespace App
