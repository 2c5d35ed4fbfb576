// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioDeviceMonitor.h"
#include "audio/EndpointFactory.h"

#include <QtPlugin>

#include <memory>

namespace Media {

// Sound devices as a Qt plugin, for programs that must not link Qt Multimedia (and with it
// Qt Gui) unless a device is really used: parlo-cli loads the plugin built from
// media/audio/qt/plugin with QPluginLoader only when a "device:" endpoint or the device
// list is asked for. The GUI links media_qt_audio directly and needs none of this.
//
// The plugin carries its own copy of the media code it uses, so objects cross the
// boundary only through this interface, EndpointFactory's creators and the virtual
// functions and signals of AudioSource, AudioSink and AudioDeviceMonitor. It must stay
// loaded while anything it created lives (parlo-cli never unloads it).
class AudioEndpointPlugin
{
public:
    virtual ~AudioEndpointPlugin() = default;

    // Registers the "device" source and sink schemes (see QtAudioEndpointFactory).
    virtual void install(EndpointFactory &factory) = 0;
    // A monitor of the device lists, for MediaEngine::setDeviceMonitor(); called on the
    // media thread.
    virtual std::unique_ptr<AudioDeviceMonitor> createDeviceMonitor() = 0;
};

} // namespace Media

#define ParloAudioEndpointPlugin_iid "io.parlo.Parlo.AudioEndpointPlugin/1.0"
Q_DECLARE_INTERFACE(Media::AudioEndpointPlugin, ParloAudioEndpointPlugin_iid)
