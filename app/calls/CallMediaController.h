// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sip/SipEngine.h"

#include "MediaEngine.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

namespace App {

/// Joins the two engines for calls: every media description a call negotiates (plain
/// data from the SIP engine) becomes a media session (plain data for the media engine),
/// updated on re-INVITEs and stopped when the call ends. Neither engine knows the other.
class CallMediaController : public QObject
{
    Q_OBJECT
public:
    CallMediaController(Sip::SipEngine &sip, QObject *parent = nullptr);

    // Where audio comes from and goes to: "tone:440", "wav:FILE", "null" (and "device:NAME"
    // once a device endpoint factory is registered: by the GUI, or by parlo-cli from its
    // sound device plugin). "{call}" in the sink spec is replaced by the call id.
    void setAudio(const QString &sourceSpec, const QString &sinkSpec);
    void setEchoCancellation(bool on) { m_echoCancellation = on; }

    // RFC 4733 in RTP when the call negotiated telephone-event; false when it did not
    // (the caller then falls back to SIP INFO).
    bool sendDtmf(const QString &callId, const QString &digits);
    void requestStatistics(const QString &callId);

    // Mute is per call and local: the microphone stays open, the peer gets digital silence
    // in an unbroken RTP stream (MediaSession::capture()). Kept for a call whose media has
    // not started yet, forgotten when the call ends.
    void setMuted(const QString &callId, bool muted);
    bool isMuted(const QString &callId) const { return m_muted.contains(callId); }
    // Volume of every call, now and later, as a linear gain (0..Media::AudioGain::MaxGain,
    // 1 = unchanged), applied in the media thread: on the microphone and on the speaker.
    void setInputGain(double gain);
    void setOutputGain(double gain);
    double inputGain() const { return m_inputGain; }
    double outputGain() const { return m_outputGain; }

    // A microphone meter outside any call (the audio settings): audioLevels(InputMeterName,
    // ...) about every 100 ms from `sourceSpec` (e.g. "device:NAME") until stopped;
    // mediaFailed(InputMeterName, reason) if it cannot be opened.
    void startInputMeter(const QString &sourceSpec);
    void stopInputMeter();

    // Sound devices. The GUI registers the "device" scheme (media_qt_audio's
    // QtAudioEndpointFactory::install) and a device monitor (QtAudioDeviceMonitor), parlo-cli
    // the same from Media::AudioEndpointPlugin; this layer links neither, so they come in
    // as a factory and a creator run on the media thread. Device lists then arrive as audioInputsChanged/audioOutputsChanged, and a
    // call whose device disappears goes on with the default one (audioDeviceFallback).
    void setEndpointFactory(const Media::EndpointFactory &factory);
    void setDeviceMonitor(std::function<std::unique_ptr<Media::AudioDeviceMonitor>()> creator);

    // Tones, played by the media engine apart from any call. The ringtone goes to the
    // ringer output (e.g. "device:Speakers"), call progress and key feedback to the call
    // output, both endpoint specs ("null" by default: nothing audible until the GUI says
    // where). Ringback and busy follow ETSI/ITU (425 Hz) or, with usTones, the North American
    // plan (ToneGenerator's presets).
    void setToneOutputs(const QString &ringerSpec, const QString &callToneSpec);
    void setUsTones(bool us) { m_usTones = us; }
    void playRingtone(); // incoming call: 400+450 Hz, 0.4 s on, 0.2 off, 0.4 on, 2 s off
    void stopRingtone();
    void playRingback(); // outgoing call ringing (180 without early media)
    void stopRingback();
    void playBusy(); // outgoing call rejected busy (486/600)
    void stopBusy();
    // Local feedback of a dial-pad key (0-9 * # A-D): the key's Q.23 tone pair while the
    // key is held (stopDtmfTone on release), or for `durationMs` when positive. False for a
    // character that is not a key.
    bool playDtmfTone(QChar digit, int durationMs = 0);
    void stopDtmfTone();
    // Any other tone by name (e.g. the settings' test tone): a sine of `hz` on `sinkSpec`
    // for `durationMs`, reported by name through toneStarted/toneStopped/toneFailed.
    void playTone(const QString &name, double hz, const QString &sinkSpec, int durationMs);
    void stopTone(const QString &name);

    // Tone names in toneStarted/toneStopped/toneFailed.
    static inline const QString RingtoneName = QStringLiteral("ringtone");
    static inline const QString RingbackName = QStringLiteral("ringback");
    static inline const QString BusyName = QStringLiteral("busy");
    static inline const QString DtmfToneName = QStringLiteral("dtmf");
    static inline const QString InputMeterName = QStringLiteral("input-meter");

signals:
    void mediaStarted(const QString &callId, quint16 localPort);
    void mediaFailed(const QString &callId, const QString &reason);
    void dtmfReceived(const QString &callId, const QString &digit);
    void statistics(const QString &callId, const Media::MediaStatistics &statistics);
    void audioInputsChanged(const QStringList &names);
    void audioOutputsChanged(const QStringList &names);
    // `output`: the call's sink moved to `newDevice`; otherwise its source did.
    void audioDeviceFallback(const QString &callId, bool output, const QString &lostDevice,
                             const QString &newDevice);
    void toneStarted(const QString &name);
    void toneStopped(const QString &name);
    void toneFailed(const QString &name, const QString &reason);
    // A call's (or the input meter's) levels, about every 100 ms while it runs.
    void audioLevels(const QString &callId, const Media::AudioLevels &levels);

private:
    void onMediaChanged(const QString &callId, const Sip::CallMedia &media);
    void onStateChanged(const QString &callId, const Sip::CallStatus &status);

    Media::MediaEngine m_media;
    QHash<QString, Sip::CallMedia> m_active; // calls with a running media session
    QSet<QString> m_localHold; // calls we put on hold: our audio is not sent
    QSet<QString> m_muted; // calls whose microphone is muted
    double m_inputGain = 1.0;
    double m_outputGain = 1.0;
    QString m_source = QStringLiteral("null");
    QString m_sink = QStringLiteral("null");
    bool m_echoCancellation = false;
    QString m_ringerSpec = QStringLiteral("null");
    QString m_callToneSpec = QStringLiteral("null");
    bool m_usTones = false;
};

} // namespace App
