// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AudioPluginLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace App {

namespace {

// CMake's file name of a MODULE library: libNAME.so on Linux and macOS, NAME.dll on Windows.
QString pluginFileName()
{
#ifdef Q_OS_WIN
    return AudioPluginLoader::PluginName + QStringLiteral(".dll");
#else
    return QStringLiteral("lib") + AudioPluginLoader::PluginName + QStringLiteral(".so");
#endif
}

} // namespace

QStringList AudioPluginLoader::searchDirectories()
{
    const QString programDirectory = QCoreApplication::applicationDirPath();
    QStringList directories { programDirectory };
    const QString installed = QDir::cleanPath(programDirectory + QLatin1Char('/')
                                              + QStringLiteral(PARLO_AUDIO_PLUGIN_RELATIVE_DIR));
    if (!directories.contains(installed))
        directories.append(installed);
    return directories;
}

Media::AudioEndpointPlugin *AudioPluginLoader::plugin(QString *error)
{
    if (m_plugin)
        return m_plugin;
    const QStringList directories = searchDirectories();
    QString path;
    for (const QString &directory : directories) {
        const QFileInfo candidate(QDir(directory).filePath(pluginFileName()));
        if (candidate.isFile()) {
            path = candidate.absoluteFilePath();
            break;
        }
    }
    if (path.isEmpty()) {
        if (error)
            *error = QStringLiteral("sound devices need the plugin %1, which is not installed "
                                    "(looked in %2)")
                             .arg(pluginFileName(), directories.join(QStringLiteral(", ")));
        return nullptr;
    }
    m_loader.setFileName(path);
    QObject *instance = m_loader.instance();
    m_plugin = qobject_cast<Media::AudioEndpointPlugin *>(instance);
    if (!m_plugin && error)
        *error = instance ? QStringLiteral("%1 is not a Parlo sound device plugin").arg(path)
                          : QStringLiteral("cannot load the sound device plugin: %1")
                                    .arg(m_loader.errorString());
    return m_plugin;
}

} // namespace App
