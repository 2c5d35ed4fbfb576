// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallMediaController.h"

namespace App {

namespace {

Media::MediaSessionConfig::Direction toMediaDirection(Sip::SdpDirection direction)
{
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
    connect(&m_media, &Media::MediaEngine::sessionStarted, this, &CallMediaController::mediaStarted);
    connect(&m_media, &Media::MediaEngine::sessionFailed, this, &CallMediaController::mediaFailed);
    connect(&m_media, &Media::MediaEngine::statistics, this, &CallMediaController::statistics);
    connect(&m_media, &Media::MediaEngine::dtmfReceived, this,
            [this](const QString &id, QChar digit) { emit dtmfReceived(id, QString(digit)); });
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
    config.telephoneEventClockRate = audio.telephoneEventClockRate > 0 ? audio.telephoneEventClockRate : audio.codec.clockRate;
    config.ptimeMs = audio.remotePtime > 0 ? audio.remotePtime : 20;
    config.direction = toMediaDirection(audio.direction);
    if (audio.secure) {
        config.srtpSuite = QString::fromStdString(audio.srtp.suite);
        config.srtpLocalKeyParams = QString::fromStdString(audio.srtp.localKeyParams);
        config.srtpRemoteKeyParams = QString::fromStdString(audio.srtp.remoteKeyParams);
    }
    config.sourceSpec = m_source;
    config.sinkSpec = m_sink;
    config.echoCancellation = m_echoCancellation;
    config.noiseSuppression = m_echoCancellation;
    if (m_active.contains(callId))
        m_media.updateSession(callId, config);
    else
        m_media.startSession(callId, config);
    m_active.insert(callId, media);
}

void CallMediaController::onStateChanged(const QString &callId, const Sip::CallStatus &status)
{
    if (status.state != Sip::CallState::Terminated || !m_active.remove(callId))
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
