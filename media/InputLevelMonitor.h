// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "AudioLevels.h"
#include "audio/EndpointFactory.h"
#include "dsp/AudioLevelMeter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QTimer;

namespace Media {

class AudioSource;

// Meters an audio source outside any call - the microphone meter of the audio settings: a
// QObject of the media thread that reads the source on a 20 ms frame clock (as sessions
// do) and reports its level every ReportIntervalMs. Nothing is sent or played.
class InputLevelMonitor : public QObject
{
    Q_OBJECT
public:
    static constexpr int FrameMs = AudioFormat::FrameDurationMs;
    static constexpr int ReportIntervalMs = 100;
    static constexpr int MaxFramesPerTick = 5;

    explicit InputLevelMonitor(QObject *parent = nullptr);
    ~InputLevelMonitor() override;

    // Opens `sourceSpec` through `factory` (48 kHz mono by preference). False with *error if
    // it cannot be opened.
    bool start(const EndpointFactory &factory, const QString &sourceSpec, double gain,
               QString *error = nullptr);
    void stop(); // closes the source; idempotent
    void setGain(double gain) { m_gain = gain; }

signals:
    // `levels.output` is always silent.
    void audioLevels(const Media::AudioLevels &levels);

private:
    void onTick();

    std::unique_ptr<AudioSource> m_source;
    std::vector<int16_t> m_frame;
    AudioLevelMeter m_meter;
    double m_gain = 1.0;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    qint64 m_nextFrame = 0;
    qint64 m_nextReportMs = 0;
    bool m_ended = false;
};

} // namespace Media
