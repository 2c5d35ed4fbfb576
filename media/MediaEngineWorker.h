// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "AudioLevels.h"
#include "MediaSessionConfig.h"
#include "MediaStatistics.h"
#include "audio/EndpointFactory.h"
#include "dsp/ToneGenerator.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace Media {

class AudioDeviceMonitor;
class InputLevelMonitor;
class MediaSession;
class TonePlayer;

// MediaEngine's half inside the media thread: owns the sessions by id and runs the calls
// MediaEngine posts. Every function runs on the media thread; results leave as signals that
// MediaEngine forwards (queued) to its own thread. Not for use outside MediaEngine.
class MediaEngineWorker : public QObject
{
    Q_OBJECT
public:
    explicit MediaEngineWorker(const EndpointFactory &factory, QObject *parent = nullptr);
    ~MediaEngineWorker() override; // stops every session

    void setEndpointFactory(const EndpointFactory &factory);
    void startSession(const QString &id, const MediaSessionConfig &config);
    void stopSession(const QString &id);
    void updateSession(const QString &id, const MediaSessionConfig &config);
    void setDirection(const QString &id, MediaSessionConfig::Direction direction);
    void sendDtmf(const QString &id, const QString &digits);
    void requestStatistics(const QString &id);
    void setMuted(const QString &id, bool muted);
    void setGains(const QString &id, double inputGain, double outputGain);
    void stopAll();
    void startInputMeter(const QString &id, const QString &sourceSpec, double gain);
    void stopInputMeter(const QString &id);
    void stopAllInputMeters();

    void setDeviceMonitor(const std::function<std::unique_ptr<AudioDeviceMonitor>()> &creator);
    void startTone(const QString &id, const ToneGenerator::Tone &tone, const QString &sinkSpec,
                   int durationMs);
    void stopTone(const QString &id);
    void stopAllTones();

    int sessionCount() const { return int(m_sessions.size()); }

signals:
    void sessionStarted(const QString &id, quint16 localPort);
    void sessionFailed(const QString &id, const QString &reason);
    void sessionUpdated(const QString &id);
    void sessionStopped(const QString &id);
    void requestFailed(const QString &id, const QString &reason);
    void statistics(const QString &id, const Media::MediaStatistics &statistics);
    void dtmfReceived(const QString &id, QChar digit);
    void audioDeviceFallback(const QString &id, bool output, const QString &lostDevice,
                             const QString &newDevice);
    void audioInputsChanged(const QStringList &names);
    void audioOutputsChanged(const QStringList &names);
    void toneStarted(const QString &id);
    void toneFailed(const QString &id, const QString &reason);
    void toneStopped(const QString &id);
    void audioLevels(const QString &id, const Media::AudioLevels &levels);

private:
    MediaSession *find(const QString &id, const char *operation);

    EndpointFactory m_factory;
    QHash<QString, MediaSession *> m_sessions; // children of this worker
    QHash<QString, TonePlayer *> m_tones; // children of this worker
    QHash<QString, InputLevelMonitor *> m_inputMeters; // children of this worker
    AudioDeviceMonitor *m_deviceMonitor = nullptr; // child of this worker
};

} // namespace Media
