// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MediaEngineWorker.h"

#include "InputLevelMonitor.h"
#include "MediaSession.h"
#include "TonePlayer.h"
#include "audio/AudioDeviceMonitor.h"

namespace Media {

MediaEngineWorker::MediaEngineWorker(const EndpointFactory &factory, QObject *parent)
    : QObject(parent)
    , m_factory(factory)
{
}

MediaEngineWorker::~MediaEngineWorker()
{
    stopAll();
    stopAllTones();
    stopAllInputMeters();
}

void MediaEngineWorker::setEndpointFactory(const EndpointFactory &factory)
{
    m_factory = factory;
}

MediaSession *MediaEngineWorker::find(const QString &id, const char *operation)
{
    MediaSession *session = m_sessions.value(id);
    if (!session)
        emit requestFailed(
                id,
                QStringLiteral("%1: no media session \"%2\"").arg(QLatin1String(operation), id));
    return session;
}

void MediaEngineWorker::startSession(const QString &id, const MediaSessionConfig &config)
{
    if (m_sessions.contains(id)) {
        emit sessionFailed(id, QStringLiteral("media session \"%1\" already exists").arg(id));
        return;
    }
    auto *session = new MediaSession(id, config, m_factory, this);
    QString error;
    if (!session->start(&error)) {
        delete session;
        emit sessionFailed(id, error);
        return;
    }
    connect(session, &MediaSession::dtmfReceived, this,
            [this, id](QChar digit) { emit dtmfReceived(id, digit); });
    connect(session, &MediaSession::audioDeviceFallback, this,
            [this, id](bool output, const QString &lost, const QString &now) {
                emit audioDeviceFallback(id, output, lost, now);
            });
    connect(session, &MediaSession::audioLevels, this,
            [this, id](const AudioLevels &levels) { emit audioLevels(id, levels); });
    m_sessions.insert(id, session);
    emit sessionStarted(id, session->localPort());
}

void MediaEngineWorker::stopSession(const QString &id)
{
    MediaSession *session = m_sessions.take(id);
    if (!session) {
        emit requestFailed(id, QStringLiteral("stop: no media session \"%1\"").arg(id));
        return;
    }
    session->stop();
    delete session;
    emit sessionStopped(id);
}

void MediaEngineWorker::updateSession(const QString &id, const MediaSessionConfig &config)
{
    MediaSession *session = find(id, "update");
    if (!session)
        return;
    QString error;
    if (session->update(config, &error))
        emit sessionUpdated(id);
    else
        emit requestFailed(id, error);
}

void MediaEngineWorker::setDirection(const QString &id, MediaSessionConfig::Direction direction)
{
    if (MediaSession *session = find(id, "direction")) {
        session->setDirection(direction);
        emit sessionUpdated(id);
    }
}

void MediaEngineWorker::sendDtmf(const QString &id, const QString &digits)
{
    MediaSession *session = find(id, "dtmf");
    if (!session)
        return;
    QString error;
    if (!session->sendDtmf(digits, &error))
        emit requestFailed(id, error);
}

void MediaEngineWorker::requestStatistics(const QString &id)
{
    if (MediaSession *session = find(id, "statistics"))
        emit statistics(id, session->statistics());
}

void MediaEngineWorker::setMuted(const QString &id, bool muted)
{
    if (MediaSession *session = find(id, "mute"))
        session->setMuted(muted);
}

void MediaEngineWorker::setGains(const QString &id, double inputGain, double outputGain)
{
    if (MediaSession *session = find(id, "volume"))
        session->setGains(inputGain, outputGain);
}

void MediaEngineWorker::startInputMeter(const QString &id, const QString &sourceSpec, double gain)
{
    // One meter per id: starting it again (another device chosen) replaces it.
    delete m_inputMeters.take(id);
    auto *meter = new InputLevelMonitor(this);
    QString error;
    if (!meter->start(m_factory, sourceSpec, gain, &error)) {
        delete meter;
        emit requestFailed(id, error);
        return;
    }
    connect(meter, &InputLevelMonitor::audioLevels, this,
            [this, id](const AudioLevels &levels) { emit audioLevels(id, levels); });
    m_inputMeters.insert(id, meter);
}

void MediaEngineWorker::stopInputMeter(const QString &id)
{
    delete m_inputMeters.take(id);
}

void MediaEngineWorker::stopAllInputMeters()
{
    qDeleteAll(m_inputMeters);
    m_inputMeters.clear();
}

void MediaEngineWorker::stopAll()
{
    const QStringList ids = m_sessions.keys();
    for (const QString &id : ids)
        stopSession(id);
}

void MediaEngineWorker::setDeviceMonitor(
        const std::function<std::unique_ptr<AudioDeviceMonitor>()> &creator)
{
    delete m_deviceMonitor;
    m_deviceMonitor = nullptr;
    if (!creator)
        return;
    std::unique_ptr<AudioDeviceMonitor> monitor = creator();
    if (!monitor)
        return;
    m_deviceMonitor = monitor.release();
    m_deviceMonitor->setParent(this);
    connect(m_deviceMonitor, &AudioDeviceMonitor::inputsChanged, this,
            &MediaEngineWorker::audioInputsChanged);
    connect(m_deviceMonitor, &AudioDeviceMonitor::outputsChanged, this,
            &MediaEngineWorker::audioOutputsChanged);
    // The lists as they are now, so the application starts from something.
    emit audioInputsChanged(m_deviceMonitor->inputs());
    emit audioOutputsChanged(m_deviceMonitor->outputs());
}

void MediaEngineWorker::startTone(const QString &id, const ToneGenerator::Tone &tone,
                                  const QString &sinkSpec, int durationMs)
{
    // One tone per id: starting it again restarts it (a new key press, a new ring).
    if (TonePlayer *old = m_tones.take(id))
        delete old;
    auto *player = new TonePlayer(id, tone, durationMs, this);
    QString error;
    if (!player->start(m_factory, sinkSpec, &error)) {
        delete player;
        emit toneFailed(id, error);
        return;
    }
    connect(player, &TonePlayer::finished, this, [this, id, player] {
        if (m_tones.value(id) != player)
            return;
        m_tones.remove(id);
        player->deleteLater();
        emit toneStopped(id);
    });
    m_tones.insert(id, player);
    emit toneStarted(id);
}

void MediaEngineWorker::stopTone(const QString &id)
{
    TonePlayer *player = m_tones.take(id);
    if (!player)
        return; // already over (a timed tone) or never started: nothing to report
    player->stop();
    delete player;
    emit toneStopped(id);
}

void MediaEngineWorker::stopAllTones()
{
    const QStringList ids = m_tones.keys();
    for (const QString &id : ids)
        stopTone(id);
}

} // namespace Media
