// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MediaEngine.h"

#include "MediaEngineWorker.h"

namespace Media {

MediaEngine::MediaEngine(QObject *parent)
    : QObject(parent)
{
    init(EndpointFactory());
}

MediaEngine::MediaEngine(const EndpointFactory &factory, QObject *parent)
    : QObject(parent)
{
    init(factory);
}

void MediaEngine::init(const EndpointFactory &factory)
{
    qRegisterMetaType<Media::MediaSessionConfig>();
    qRegisterMetaType<Media::MediaStatistics>();
    m_thread.setObjectName(QStringLiteral("media"));
    m_worker = new MediaEngineWorker(factory);
    m_worker->moveToThread(&m_thread);
    // The worker (and its sessions) are deleted in their own thread, where their sockets
    // and timers live.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &MediaEngineWorker::sessionStarted, this, &MediaEngine::sessionStarted);
    connect(m_worker, &MediaEngineWorker::sessionFailed, this, &MediaEngine::sessionFailed);
    connect(m_worker, &MediaEngineWorker::sessionUpdated, this, &MediaEngine::sessionUpdated);
    connect(m_worker, &MediaEngineWorker::sessionStopped, this, &MediaEngine::sessionStopped);
    connect(m_worker, &MediaEngineWorker::requestFailed, this, &MediaEngine::requestFailed);
    connect(m_worker, &MediaEngineWorker::statistics, this, &MediaEngine::statistics);
    connect(m_worker, &MediaEngineWorker::dtmfReceived, this, &MediaEngine::dtmfReceived);
    // Real-time audio: ahead of the GUI and the SIP engine when the CPU is busy.
    m_thread.start(QThread::TimeCriticalPriority);
}

MediaEngine::~MediaEngine()
{
    // Stop the sessions in the media thread (BYE out, files closed), then leave its loop.
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker] {
                worker->stopAll();
                worker->thread()->quit();
            },
            Qt::QueuedConnection);
    if (!m_thread.wait(ThreadStopTimeoutMs)) {
        qWarning("media thread did not stop within %lu ms", ThreadStopTimeoutMs);
        m_thread.quit();
        m_thread.wait(ThreadStopTimeoutMs);
    }
}

// Every call is posted to the media thread and returns at once.
void MediaEngine::setEndpointFactory(const EndpointFactory &factory)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, factory] { worker->setEndpointFactory(factory); },
            Qt::QueuedConnection);
}

void MediaEngine::startSession(const QString &id, const MediaSessionConfig &config)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id, config] { worker->startSession(id, config); },
            Qt::QueuedConnection);
}

void MediaEngine::stopSession(const QString &id)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id] { worker->stopSession(id); }, Qt::QueuedConnection);
}

void MediaEngine::updateSession(const QString &id, const MediaSessionConfig &config)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id, config] { worker->updateSession(id, config); },
            Qt::QueuedConnection);
}

void MediaEngine::setDirection(const QString &id, MediaSessionConfig::Direction direction)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id, direction] { worker->setDirection(id, direction); },
            Qt::QueuedConnection);
}

void MediaEngine::sendDtmf(const QString &id, const QString &digits)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id, digits] { worker->sendDtmf(id, digits); },
            Qt::QueuedConnection);
}

void MediaEngine::requestStatistics(const QString &id)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id] { worker->requestStatistics(id); },
            Qt::QueuedConnection);
}

void MediaEngine::stopAll()
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->stopAll(); }, Qt::QueuedConnection);
}

} // namespace Media
