// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "MediaSessionConfig.h"
#include "MediaStatistics.h"
#include "audio/EndpointFactory.h"

#include <QHash>
#include <QObject>
#include <QString>

namespace Media {

class MediaSession;

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
    void stopAll();

    int sessionCount() const { return int(m_sessions.size()); }

signals:
    void sessionStarted(const QString &id, quint16 localPort);
    void sessionFailed(const QString &id, const QString &reason);
    void sessionUpdated(const QString &id);
    void sessionStopped(const QString &id);
    void requestFailed(const QString &id, const QString &reason);
    void statistics(const QString &id, const Media::MediaStatistics &statistics);
    void dtmfReceived(const QString &id, QChar digit);

private:
    MediaSession *find(const QString &id, const char *operation);

    EndpointFactory m_factory;
    QHash<QString, MediaSession *> m_sessions; // children of this worker
};

} // namespace Media
