// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioDeviceMonitor.h"

class QMediaDevices;
class QTimer;

namespace Media {

// The sound device lists of Qt Multimedia (device descriptions, the names "device:NAME"
// takes), for MediaEngine::setDeviceMonitor():
//
//   engine.setDeviceMonitor([] { return std::make_unique<Media::QtAudioDeviceMonitor>(); });
//
// Changes come from QMediaDevices::audioInputsChanged/audioOutputsChanged and, because
// Qt 6.4's PulseAudio backend does not emit those (see QtAudioEndpoint), from polling every
// PollMs; each list's signal is emitted once per actual change.
class QtAudioDeviceMonitor : public AudioDeviceMonitor
{
    Q_OBJECT
public:
    static constexpr int PollMs = 1000;

    explicit QtAudioDeviceMonitor(QObject *parent = nullptr);

    QStringList inputs() const override { return m_inputs; }
    QStringList outputs() const override { return m_outputs; }

private:
    void refresh();

    QMediaDevices *m_mediaDevices;
    QTimer *m_pollTimer;
    QStringList m_inputs;
    QStringList m_outputs;
};

} // namespace Media
