// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/qt/QtAudioEndpoint.h"

#include <QMediaDevices>
#include <QTimer>

namespace Media {

QtAudioEndpoint::QtAudioEndpoint(Direction direction, const AudioFormat &engineFormat,
                                 QObject *parent)
    : QObject(parent)
    , m_ring(engineFormat.sampleRate * engineFormat.channels * RingMs / 1000)
    , m_direction(direction)
    , m_engineFormat(engineFormat)
    , m_mediaDevices(new QMediaDevices(this))
    , m_pollTimer(new QTimer(this))
    , m_knownDeviceIds(deviceIds(direction))
{
    if (direction == Direction::Input)
        connect(m_mediaDevices, &QMediaDevices::audioInputsChanged, this,
                &QtAudioEndpoint::onDevicesChanged);
    else
        connect(m_mediaDevices, &QMediaDevices::audioOutputsChanged, this,
                &QtAudioEndpoint::onDevicesChanged);
    connect(m_pollTimer, &QTimer::timeout, this, &QtAudioEndpoint::onDevicesChanged);
    m_pollTimer->start(DevicePollMs);
}

QList<QByteArray> QtAudioEndpoint::deviceIds(Direction direction)
{
    QList<QByteArray> ids;
    for (const QAudioDevice &device : devices(direction))
        ids << device.id();
    return ids;
}

QtAudioEndpoint::~QtAudioEndpoint() = default;

QList<QAudioDevice> QtAudioEndpoint::devices(Direction direction)
{
    return direction == Direction::Input ? QMediaDevices::audioInputs()
                                         : QMediaDevices::audioOutputs();
}

QStringList QtAudioEndpoint::deviceNames(Direction direction)
{
    QStringList names;
    for (const QAudioDevice &device : devices(direction))
        names << device.description();
    return names;
}

QAudioDevice QtAudioEndpoint::defaultDevice(Direction direction)
{
    return direction == Direction::Input ? QMediaDevices::defaultAudioInput()
                                         : QMediaDevices::defaultAudioOutput();
}

QAudioDevice QtAudioEndpoint::findDevice(Direction direction, const QString &name)
{
    if (name.isEmpty())
        return {};
    const QList<QAudioDevice> all = devices(direction);
    for (const QAudioDevice &device : all) {
        if (device.description() == name)
            return device;
    }
    for (const QAudioDevice &device : all) {
        if (QString::fromUtf8(device.id()) == name)
            return device;
    }
    return {};
}

QAudioFormat QtAudioEndpoint::chooseFormat(const QAudioDevice &device) const
{
    // Int16 at the engine's rate and channels needs no conversion here at all; most sound
    // servers (PulseAudio, PipeWire, WASAPI shared mode) accept it and convert themselves.
    QAudioFormat format;
    format.setSampleFormat(QAudioFormat::Int16);
    format.setSampleRate(m_deviceSampleRateHint > 0 ? m_deviceSampleRateHint
                                                    : m_engineFormat.sampleRate);
    format.setChannelCount(m_engineFormat.channels);
    if (device.isFormatSupported(format))
        return format;
    // Otherwise the device's own format, still as Int16; we convert channels and rate.
    QAudioFormat preferred = device.preferredFormat();
    preferred.setSampleFormat(QAudioFormat::Int16);
    if (device.isFormatSupported(preferred))
        return preferred;
    format.setChannelCount(preferred.channelCount());
    format.setSampleRate(preferred.sampleRate());
    return format; // let the backend say whether it works
}

bool QtAudioEndpoint::openBest(const QAudioDevice &device)
{
    const QAudioFormat format = chooseFormat(device);
    if (format.sampleRate() <= 0 || format.channelCount() <= 0
        || format.channelCount() > AudioFormat::MaxChannels) {
        reportError(QStringLiteral("%1: no usable format").arg(device.description()));
        return false;
    }
    if (!openDevice(device, format))
        return false;
    m_currentDevice = device;
    m_deviceFormat = format;
    return true;
}

bool QtAudioEndpoint::start(const QString &deviceName)
{
    stop();
    m_requestedDevice = deviceName;
    m_lastError.clear();
    if (!m_engineFormat.isValid()) {
        reportError(QStringLiteral("invalid engine format"));
        return false;
    }
    QAudioDevice device = findDevice(m_direction, deviceName);
    if (device.isNull())
        device = defaultDevice(m_direction);
    if (device.isNull()) {
        reportError(m_direction == Direction::Input ? QStringLiteral("no audio input device")
                                                    : QStringLiteral("no audio output device"));
        return false;
    }
    if (!openBest(device))
        return false;
    m_running = true;
    emit currentDeviceChanged(m_currentDevice.description());
    return true;
}

void QtAudioEndpoint::stop()
{
    if (!m_running)
        return;
    closeDevice();
    m_running = false;
    m_currentDevice = QAudioDevice();
    m_deviceFormat = QAudioFormat();
}

void QtAudioEndpoint::reportError(const QString &error)
{
    m_lastError = error;
    emit errorOccurred(error);
}

void QtAudioEndpoint::onDevicesChanged()
{
    QList<QByteArray> ids = deviceIds(m_direction);
    if (ids == m_knownDeviceIds)
        return; // the poll found nothing new, or the signal and the poll saw the same change
    m_knownDeviceIds = std::move(ids);
    emit devicesChanged();
    if (!m_running)
        return;

    const QList<QAudioDevice> all = devices(m_direction);
    const bool currentPresent = all.contains(m_currentDevice);
    const QAudioDevice requested = findDevice(m_direction, m_requestedDevice);
    QAudioDevice target;
    if (!currentPresent) {
        target = requested.isNull() ? defaultDevice(m_direction) : requested;
    } else if (!requested.isNull() && requested != m_currentDevice) {
        target = requested; // the device the user chose is back
    } else {
        return;
    }

    const QString lost = m_currentDevice.description();
    closeDevice();
    m_running = false;
    if (target.isNull() || !openBest(target)) {
        m_currentDevice = QAudioDevice();
        reportError(QStringLiteral("%1 disappeared and no other device could be opened").arg(lost));
        return;
    }
    m_running = true;
    if (!currentPresent)
        emit deviceFallback(lost, m_currentDevice.description());
    emit currentDeviceChanged(m_currentDevice.description());
}

} // namespace Media
