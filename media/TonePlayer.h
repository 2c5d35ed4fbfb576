// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioFormat.h"
#include "audio/EndpointFactory.h"
#include "dsp/ToneGenerator.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QTimer;

namespace Media {

class AudioSink;

// Plays a call progress tone (ringtone, ringback, busy) or a DTMF key's tone to an audio
// sink, independently of any call's media session: a QObject of the media thread.
//
// Like MediaSession it keeps a 20 ms frame clock against a QElapsedTimer (frame k is due at
// k * 20 ms; a late wake-up writes every frame due, at most MaxCatchUpFrames), so the
// cadence keeps time whatever the timer jitter. With a duration it stops by itself and
// emits finished(); otherwise it plays until stop(). Tests drive it in virtual time with
// setManualClock() / advanceClock(), as they do sessions.
class TonePlayer : public QObject
{
    Q_OBJECT
public:
    static constexpr int FrameMs = AudioFormat::FrameDurationMs;
    static constexpr int MaxCatchUpFrames = 5;
    static constexpr int SampleRate = 48000;

    TonePlayer(const QString &id, const ToneGenerator::Tone &tone, int durationMs,
               QObject *parent = nullptr);
    ~TonePlayer() override;

    QString id() const { return m_id; }
    bool isPlaying() const { return m_playing; }

    // Opens `sinkSpec` through `factory` (preferring 48 kHz mono) and starts at the start of
    // an on-burst. False with *error if the sink cannot be opened.
    bool start(const EndpointFactory &factory, const QString &sinkSpec, QString *error = nullptr);
    // Closes the sink (a WAV file gets its final header). Idempotent; emits nothing.
    void stop();

    void setManualClock(bool manual) { m_manualClock = manual; }
    void advanceClock(qint64 microseconds);

signals:
    // The duration elapsed; the player stopped.
    void finished();

private:
    qint64 nowMs() const;
    void scheduleTick();
    void onTick();

    QString m_id;
    ToneGenerator m_generator;
    int m_durationMs;
    std::unique_ptr<AudioSink> m_sink;
    std::vector<int16_t> m_mono; // one frame of the tone
    std::vector<int16_t> m_frame; // the sink's format
    QTimer *m_timer;
    QElapsedTimer m_clock;
    bool m_manualClock = false;
    qint64 m_manualNowUs = 0;
    qint64 m_nextFrame = 0;
    bool m_playing = false;
};

} // namespace Media
