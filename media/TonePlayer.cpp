// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TonePlayer.h"

#include "audio/AudioSink.h"

#include <QTimer>

#include <algorithm>

namespace Media {

TonePlayer::TonePlayer(const QString &id, const ToneGenerator::Tone &tone, int durationMs,
                       QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_generator(SampleRate, tone)
    , m_durationMs(std::max(0, durationMs))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &TonePlayer::onTick);
}

TonePlayer::~TonePlayer()
{
    stop();
}

bool TonePlayer::start(const EndpointFactory &factory, const QString &sinkSpec, QString *error)
{
    stop();
    QString message;
    m_sink = factory.createSink(sinkSpec, AudioFormat { SampleRate, 1 }, &message);
    if (!m_sink) {
        if (error)
            *error = message;
        return false;
    }
    // The tone is generated at the sink's own rate and copied to each of its channels, so
    // no converter is needed whatever the device opened with.
    const AudioFormat format = m_sink->format();
    m_generator = ToneGenerator(format.sampleRate, m_generator.tone());
    m_mono.assign(std::size_t(format.frameSamples()), 0);
    m_frame.assign(std::size_t(format.frameLength()), 0);
    m_nextFrame = 0;
    m_playing = true;
    m_manualNowUs = 0;
    m_clock.start();
    onTick(); // the first frame at once: a key press is heard without delay
    return true;
}

void TonePlayer::stop()
{
    m_timer->stop();
    m_sink.reset();
    m_playing = false;
}

qint64 TonePlayer::nowMs() const
{
    return m_manualClock ? m_manualNowUs / 1000 : m_clock.elapsed();
}

void TonePlayer::advanceClock(qint64 microseconds)
{
    if (!m_manualClock)
        return;
    m_manualNowUs += std::max<qint64>(0, microseconds);
    if (m_playing)
        onTick();
}

void TonePlayer::scheduleTick()
{
    if (m_manualClock || !m_playing)
        return;
    const qint64 delay = m_nextFrame * FrameMs - nowMs();
    m_timer->start(int(std::clamp<qint64>(delay, 0, FrameMs)));
}

void TonePlayer::onTick()
{
    if (!m_playing)
        return;
    const qint64 now = nowMs();
    qint64 due = now / FrameMs; // frames 0..due are due
    if (due - m_nextFrame >= MaxCatchUpFrames)
        m_nextFrame = due; // a stalled thread: skip rather than burst (the cadence keeps time)
    const qint64 totalFrames = m_durationMs > 0 ? (m_durationMs + FrameMs - 1) / FrameMs : -1;
    if (totalFrames >= 0)
        due = std::min(due, totalFrames - 1);
    const int samples = int(m_mono.size());
    const int channels = m_sink->format().channels;
    while (m_nextFrame <= due) {
        m_generator.generate(m_mono.data(), samples);
        for (int i = 0; i < samples; ++i)
            std::fill_n(m_frame.begin() + qsizetype(i) * channels, channels,
                        m_mono[std::size_t(i)]);
        m_sink->writeFrame(m_frame); // a live sink drops on overrun; nothing to do about it
        ++m_nextFrame;
    }
    if (totalFrames >= 0 && m_nextFrame >= totalFrames) {
        stop();
        emit finished();
        return;
    }
    scheduleTick();
}

} // namespace Media
