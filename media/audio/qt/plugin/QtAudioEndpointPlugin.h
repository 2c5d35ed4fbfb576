// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioEndpointPlugin.h"

#include <QObject>

namespace Media {

// media_qt_audio (QtAudioInput, QtAudioOutput, QtAudioDeviceMonitor) as a Qt plugin,
// loaded by parlo-cli on demand (see AudioEndpointPlugin).
class QtAudioEndpointPlugin : public QObject, public AudioEndpointPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID ParloAudioEndpointPlugin_iid)
    Q_INTERFACES(Media::AudioEndpointPlugin)
public:
    using QObject::QObject;

    void install(EndpointFactory &factory) override;
    std::unique_ptr<AudioDeviceMonitor> createDeviceMonitor() override;
};

} // namespace Media
