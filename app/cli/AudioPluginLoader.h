// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audio/AudioEndpointPlugin.h"

#include <QPluginLoader>
#include <QString>
#include <QStringList>

namespace App {

/// Finds and loads the sound device plugin (Media::AudioEndpointPlugin, built from
/// media/audio/qt/plugin) for parlo-cli, which links no Qt Multimedia itself. Looked for
/// next to the executable, then in the installation's lib/parlo relative to it (the build
/// tree has the same layout). Loaded once and never unloaded: the endpoints and the device
/// monitor it creates run its code.
class AudioPluginLoader
{
public:
    static inline const QString PluginName = QStringLiteral("parlo_audio_qt");

    // The plugin, loading it on the first call; nullptr with *error set when it is missing
    // or cannot be loaded.
    Media::AudioEndpointPlugin *plugin(QString *error);
    bool isLoaded() const { return m_plugin != nullptr; }

    static QStringList searchDirectories();

private:
    QPluginLoader m_loader;
    Media::AudioEndpointPlugin *m_plugin = nullptr;
};

} // namespace App
