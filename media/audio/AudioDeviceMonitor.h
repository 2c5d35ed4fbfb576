// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QStringList>

namespace Media {

// Watches the system's sound devices for the media engine, which knows no sound system:
// the application supplies an implementation (media_qt_audio's QtAudioDeviceMonitor) and
// MediaEngine forwards its signals. Lives on the media thread; the lists hold the names
// that "device:NAME" endpoint specs take.
class AudioDeviceMonitor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QStringList inputs() const = 0;
    virtual QStringList outputs() const = 0;

signals:
    // Emitted once per actual change of the list (a device plugged in or removed).
    void inputsChanged(const QStringList &names);
    void outputsChanged(const QStringList &names);
};

} // namespace Media
