// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "InputLevelMonitor.h"

#include "audio/AudioSource.h"
#include "dsp/AudioGain.h"

#include <QTimer>

#include <algorithm>

namespace Media {

InputLevelMonitor::InputLevelMonitor(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(FrameMs);
    connect(m_timer, &QTimer::timeout, this, &InputLevelMonitor::onTick);
}

InputLevelMonitor::~InputLevelMonitor()
{
    stop();
}

bool InputLevelMonitor::start(const EndpointFactory &factory, const QString &sourceSpec,
                              double gain, QString *error)
{
    stop();
    QString message;
    m_source = factory.createSource(sourceSpec, AudioFormat { 48000, 1 }, &message);
    if (!m_source) {
        if (error)
            *error = message;
        return false;
    }
    m_frame.assign(std::size_t(m_source->format().frameLength()), 0);
    m_gain = gain;
    m_ended = false;
    m_nextFrame = 0;
    m_nextReportMs = ReportIntervalMs;
    m_meter.take();
    m_clock.start();
    m_timer->start();
    return true;
}

void InputLevelMonitor::stop()
{
    m_timer->stop();
    m_source.reset();
}

void InputLevelMonitor::onTick()
{
    if (!m_source)
        return;
    const qint64 now = m_clock.elapsed();
    // Frames due by now: a file or tone source is read at real-time pace, a device as far as
    // it has frames.
    const qint64 due = now / FrameMs;
    m_nextFrame = std::max(m_nextFrame, due - MaxFramesPerTick + 1);
    while (!m_ended && m_nextFrame <= due) {
        const AudioSource::ReadResult result = m_source->readFrame(m_frame);
        if (result == AudioSource::ReadResult::NotReady)
            break;
        if (result != AudioSource::ReadResult::Frame) {
            m_ended = true;
            break;
        }
        AudioGain::apply(m_frame, m_gain);
        m_meter.add(m_frame);
        ++m_nextFrame;
    }
    if (now >= m_nextReportMs) {
        m_nextReportMs = now + ReportIntervalMs;
        emit audioLevels(AudioLevels { m_meter.take(), AudioLevel {} });
    }
}

} // namespace Media
