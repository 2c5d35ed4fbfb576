// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "AudioLevels.h"
#include "MediaSessionConfig.h"
#include "MediaStatistics.h"
#include "audio/EndpointFactory.h"
#include "dsp/ToneGenerator.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <functional>
#include <memory>

namespace Media {

class AudioDeviceMonitor;
class MediaEngineWorker;

// The media engine as the application sees it: the one façade for calls' audio.
//
// It owns a thread of its own ("media") where every MediaSession lives, so RTP timing never
// waits for the GUI. Like Sip::SipEngine, calls are posted to that thread and return at once;
// results come back as queued signals carrying plain values. Sessions are named by the
// caller (e.g. the SIP dialog's id). Several engines can live in one process (tests do).
//
// Audio endpoints come from an EndpointFactory; the built-in one knows "wav:", "tone:" and
// "null". The application adds sound devices by registering the "device" scheme of
// media_qt_audio (QtAudioInput/QtAudioOutput, which then live in the media thread, which
// has the event loop they need), and follows the device lists with a device monitor:
//
//   Media::EndpointFactory factory;
//   Media::QtAudioEndpointFactory::install(factory);
//   engine.setEndpointFactory(factory);
//   engine.setDeviceMonitor([] { return std::make_unique<Media::QtAudioDeviceMonitor>(); });
//
// A session whose device disappears goes on with the default one (audioDeviceFallback).
// Tones (ringtone, ringback, busy, DTMF feedback) play through startTone()/stopTone(),
// apart from the sessions.
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
    // Mute (digital silence is sent; the device stays open) and volume (linear gains,
    // 0..AudioGain::MaxGain) of a session; unknown session -> requestFailed.
    void setMuted(const QString &id, bool muted);
    void setGains(const QString &id, double inputGain, double outputGain);
    // Stops every session (-> sessionStopped for each).
    void stopAll();

    // Sound device lists: `creator` runs on the media thread (e.g. returning media_qt_audio's
    // QtAudioDeviceMonitor); its lists arrive as audioInputsChanged/audioOutputsChanged,
    // once at once and then on every change. An empty function stops watching.
    void setDeviceMonitor(std::function<std::unique_ptr<AudioDeviceMonitor>()> creator);

    // Tone players (ringtone, ringback, busy, DTMF feedback), apart from the sessions:
    // `tone` to the sink `sinkSpec` (an endpoint spec as for sessions) until stopTone(id),
    // or for `durationMs` when positive. -> toneStarted(id) or toneFailed(id, reason); then
    // toneStopped(id) when stopped or over. Starting a playing id restarts it.
    void startTone(const QString &id, const Media::ToneGenerator::Tone &tone,
                   const QString &sinkSpec, int durationMs = 0);
    void stopTone(const QString &id);

    // A level meter on a source outside any call (the settings' microphone meter):
    // audioLevels(id, ...) about every 100 ms until stopInputMeter(id); a source that cannot
    // be opened -> requestFailed(id, reason). Starting a running id replaces its source.
    void startInputMeter(const QString &id, const QString &sourceSpec, double gain = 1.0);
    void stopInputMeter(const QString &id);

signals:
    void sessionStarted(const QString &id, quint16 localPort);
    void sessionFailed(const QString &id, const QString &reason);
    void sessionUpdated(const QString &id);
    void sessionStopped(const QString &id);
    void requestFailed(const QString &id, const QString &reason);
    void statistics(const QString &id, const Media::MediaStatistics &statistics);
    void dtmfReceived(const QString &id, QChar digit);
    // A session's sound device went away; the session goes on with `newDevice` (the
    // default). `output`: the sink; otherwise the source.
    void audioDeviceFallback(const QString &id, bool output, const QString &lostDevice,
                             const QString &newDevice);
    void audioInputsChanged(const QStringList &names);
    void audioOutputsChanged(const QStringList &names);
    void toneStarted(const QString &id);
    void toneFailed(const QString &id, const QString &reason);
    void toneStopped(const QString &id);
    // Every session reports what it captured and played every
    // MediaSession::LevelReportFrames frames (100 ms); input meters likewise.
    void audioLevels(const QString &id, const Media::AudioLevels &levels);

private:
    void init(const EndpointFactory &factory);

    QThread m_thread;
    MediaEngineWorker *m_worker = nullptr; // lives in m_thread
};

} // namespace Media
