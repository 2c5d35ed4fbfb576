// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MediaEngineWorker.h"

#include "MediaSession.h"

namespace Media {

MediaEngineWorker::MediaEngineWorker(const EndpointFactory &factory, QObject *parent)
    : QObject(parent)
    , m_factory(factory)
{
}

MediaEngineWorker::~MediaEngineWorker()
{
    stopAll();
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

void MediaEngineWorker::stopAll()
{
    const QStringList ids = m_sessions.keys();
    for (const QString &id : ids)
        stopSession(id);
}

} // namespace Media
