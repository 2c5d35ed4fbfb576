// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/qt/QtAudioDeviceMonitor.h"

#include "audio/qt/QtAudioEndpoint.h"

#include <QMediaDevices>
#include <QTimer>

namespace Media {

QtAudioDeviceMonitor::QtAudioDeviceMonitor(QObject *parent)
    : AudioDeviceMonitor(parent)
    , m_mediaDevices(new QMediaDevices(this))
    , m_pollTimer(new QTimer(this))
    , m_inputs(QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Input))
    , m_outputs(QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Output))
{
    connect(m_mediaDevices, &QMediaDevices::audioInputsChanged, this,
            &QtAudioDeviceMonitor::refresh);
    connect(m_mediaDevices, &QMediaDevices::audioOutputsChanged, this,
            &QtAudioDeviceMonitor::refresh);
    connect(m_pollTimer, &QTimer::timeout, this, &QtAudioDeviceMonitor::refresh);
    m_pollTimer->start(PollMs);
}

void QtAudioDeviceMonitor::refresh()
{
    QStringList inputs = QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Input);
    if (inputs != m_inputs) {
        m_inputs = std::move(inputs);
        emit inputsChanged(m_inputs);
    }
    QStringList outputs = QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Output);
    if (outputs != m_outputs) {
        m_outputs = std::move(outputs);
        emit outputsChanged(m_outputs);
    }
}

} // namespace Media
