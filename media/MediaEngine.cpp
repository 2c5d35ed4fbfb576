// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MediaEngine.h"

#include "MediaEngineWorker.h"
#include "audio/AudioDeviceMonitor.h"
#include "rtp/SrtpSession.h"

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
    qRegisterMetaType<Media::AudioLevels>();
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
    connect(m_worker, &MediaEngineWorker::audioDeviceFallback, this,
            &MediaEngine::audioDeviceFallback);
    connect(m_worker, &MediaEngineWorker::audioInputsChanged, this,
            &MediaEngine::audioInputsChanged);
    connect(m_worker, &MediaEngineWorker::audioOutputsChanged, this,
            &MediaEngine::audioOutputsChanged);
    connect(m_worker, &MediaEngineWorker::toneStarted, this, &MediaEngine::toneStarted);
    connect(m_worker, &MediaEngineWorker::toneFailed, this, &MediaEngine::toneFailed);
    connect(m_worker, &MediaEngineWorker::toneStopped, this, &MediaEngine::toneStopped);
    connect(m_worker, &MediaEngineWorker::audioLevels, this, &MediaEngine::audioLevels);
    // Real-time audio: ahead of the GUI and the SIP engine when the CPU is busy.
    m_thread.start(QThread::TimeCriticalPriority);
    // libsrtp's one-time set-up (srtp_init() self-tests its ciphers) runs now rather than
    // when the first secure call starts, whose first audio would wait for it.
    QMetaObject::invokeMethod(
            m_worker, [] { SrtpSession::isSuiteSupported(SrtpCryptoSuite::AesCm128HmacSha1_80); },
            Qt::QueuedConnection);
}

MediaEngine::~MediaEngine()
{
    // Stop the sessions in the media thread (BYE out, files closed), then leave its loop.
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker] {
                worker->stopAll();
                worker->stopAllTones();
                worker->stopAllInputMeters();
                worker->setDeviceMonitor({});
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

void MediaEngine::setMuted(const QString &id, bool muted)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id, muted] { worker->setMuted(id, muted); },
            Qt::QueuedConnection);
}

void MediaEngine::setGains(const QString &id, double inputGain, double outputGain)
{
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, id, inputGain, outputGain] {
                worker->setGains(id, inputGain, outputGain);
            },
            Qt::QueuedConnection);
}

void MediaEngine::startInputMeter(const QString &id, const QString &sourceSpec, double gain)
{
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, id, sourceSpec, gain] {
                worker->startInputMeter(id, sourceSpec, gain);
            },
            Qt::QueuedConnection);
}

void MediaEngine::stopInputMeter(const QString &id)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id] { worker->stopInputMeter(id); },
            Qt::QueuedConnection);
}

void MediaEngine::stopAll()
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->stopAll(); }, Qt::QueuedConnection);
}

void MediaEngine::setDeviceMonitor(std::function<std::unique_ptr<AudioDeviceMonitor>()> creator)
{
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, creator = std::move(creator)] {
                worker->setDeviceMonitor(creator);
            },
            Qt::QueuedConnection);
}

void MediaEngine::startTone(const QString &id, const ToneGenerator::Tone &tone,
                            const QString &sinkSpec, int durationMs)
{
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, id, tone, sinkSpec, durationMs] {
                worker->startTone(id, tone, sinkSpec, durationMs);
            },
            Qt::QueuedConnection);
}

void MediaEngine::stopTone(const QString &id)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, id] { worker->stopTone(id); }, Qt::QueuedConnection);
}

} // namespace Media
