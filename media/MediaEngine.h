// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "MediaSessionConfig.h"
#include "MediaStatistics.h"
#include "audio/EndpointFactory.h"

#include <QObject>
#include <QString>
#include <QThread>

namespace Media {

class MediaEngineWorker;

// The media engine as the application sees it: the one façade for calls' audio.
//
// It owns a thread of its own ("media") where every MediaSession lives, so RTP timing never
// waits for the GUI. Like Sip::SipEngine, calls are posted to that thread and return at once;
// results come back as queued signals carrying plain values. Sessions are named by the
// caller (e.g. the SIP dialog's id). Several engines can live in one process (tests do).
//
// Audio endpoints come from an EndpointFactory; the built-in one knows "wav:", "tone:" and
// "null". The application adds sound devices by registering a "device" scheme whose
// creators build media_qt_audio's QtAudioInput/QtAudioOutput (which then live in the media
// thread, which has the event loop they need):
//
//   Media::EndpointFactory factory;
//   factory.setSourceCreator(QStringLiteral("device"),
//       [](const QString &name, const Media::AudioFormat &format, QString *error)
//               -> std::unique_ptr<Media::AudioSource> {
//           auto input = std::make_unique<Media::QtAudioInput>(format);
//           if (!input->start(name)) {
//               *error = input->lastError();
//               return nullptr;
//           }
//           return input;
//       });
//   // ... and setSinkCreator() with QtAudioOutput alike
//   engine.setEndpointFactory(factory);
class MediaEngine : public QObject
{
    Q_OBJECT
public:
    // How long the destructor waits for the media thread to finish.
    static constexpr unsigned long ThreadStopTimeoutMs = 3000;

    explicit MediaEngine(QObject *parent = nullptr);
    explicit MediaEngine(const EndpointFactory &factory, QObject *parent = nullptr);
    // Stops every session (RTCP BYE, files closed), then the thread (bounded wait).
    ~MediaEngine() override;

    // For sessions started afterwards.
    void setEndpointFactory(const EndpointFactory &factory);

    // -> sessionStarted(id, localPort) or sessionFailed(id, reason).
    void startSession(const QString &id, const MediaSessionConfig &config);
    // -> sessionStopped(id), once the session's sockets and endpoints are closed.
    void stopSession(const QString &id);
    // A re-INVITE/UPDATE result -> sessionUpdated(id) or requestFailed(id, reason).
    void updateSession(const QString &id, const MediaSessionConfig &config);
    // Hold/resume without renegotiating anything else -> sessionUpdated(id).
    void setDirection(const QString &id, Media::MediaSessionConfig::Direction direction);
    // RFC 4733 events; failures (unknown session, no telephone-event) -> requestFailed.
    void sendDtmf(const QString &id, const QString &digits);
    // -> statistics(id, snapshot).
    void requestStatistics(const QString &id);
    // Stops every session (-> sessionStopped for each).
    void stopAll();

signals:
    void sessionStarted(const QString &id, quint16 localPort);
    void sessionFailed(const QString &id, const QString &reason);
    void sessionUpdated(const QString &id);
    void sessionStopped(const QString &id);
    void requestFailed(const QString &id, const QString &reason);
    void statistics(const QString &id, const Media::MediaStatistics &statistics);
    void dtmfReceived(const QString &id, QChar digit);

private:
    void init(const EndpointFactory &factory);

    QThread m_thread;
    MediaEngineWorker *m_worker = nullptr; // lives in m_thread
};

} // namespace Media
