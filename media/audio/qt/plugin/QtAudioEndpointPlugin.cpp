// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/qt/plugin/QtAudioEndpointPlugin.h"

#include "audio/qt/QtAudioDeviceMonitor.h"
#include "audio/qt/QtAudioEndpointFactory.h"

namespace Media {

void QtAudioEndpointPlugin::install(EndpointFactory &factory)
{
    QtAudioEndpointFactory::install(factory);
}

std::unique_ptr<AudioDeviceMonitor> QtAudioEndpointPlugin::createDeviceMonitor()
{
    return std::make_unique<QtAudioDeviceMonitor>();
}

} // namespace Media
