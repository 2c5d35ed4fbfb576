// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioFormat.h"
#include "audio/AudioRing.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QObject>
#include <QStringList>

#include <atomic>

class QMediaDevices;
class QTimer;

namespace Media {

// What QtAudioInput and QtAudioOutput share: choosing a Qt Multimedia device by name,
// following device changes, and the AudioRing that decouples Qt's audio callbacks from the
// media thread.
//
// Threads: the endpoint (a QObject) lives in a thread with an event loop - Qt Multimedia
// delivers and requests audio there, and device changes arrive there. The media thread
// only calls readFrame()/writeFrame() of the subclasses, which touch nothing but the ring.
// All format conversion (channels, sample rate) happens on the endpoint's thread, so a
// device change can rebuild the converters without locking anything the media thread uses;
// the ring always carries the engine's format.
//
// Devices are chosen by description (what QMediaDevices shows) or id; an empty name, or
// one that matches nothing, means the system default. When the device in use disappears
// the endpoint moves to the default device and emits deviceFallback(); when the requested
// device comes back it moves back.
//
// Device changes are taken from QMediaDevices::audioInputsChanged/audioOutputsChanged and,
// because Qt 6.4's PulseAudio backend updates its device list without emitting those
// signals (it gained the connection in a later release), also from polling the list every
// DevicePollMs. Either way devicesChanged() is emitted once per actual change.
class QtAudioEndpoint : public QObject
{
    Q_OBJECT

public:
    enum class Direction { Input, Output };
    Q_ENUM(Direction)

    // Ring capacity and the latency bound beyond which old audio is dropped.
    static constexpr int RingMs = 500;
    static constexpr int MaxLatencyMs = 200;
    static constexpr int DevicePollMs = 1000;
    static constexpr int DefaultBufferMs = 60;

    ~QtAudioEndpoint() override;

    static QList<QAudioDevice> devices(Direction direction);
    static QStringList deviceNames(Direction direction);
    static QAudioDevice defaultDevice(Direction direction);
    // A device whose description or id equals `name`; a null device if there is none.
    static QAudioDevice findDevice(Direction direction, const QString &name);

    Direction direction() const { return m_direction; }
    AudioFormat engineFormat() const { return m_engineFormat; }

    // Device rate to ask for; 0 (default) asks for the engine's rate and lets the sound
    // server convert. Set it to a device's native rate to convert here instead.
    void setDeviceSampleRate(int rate) { m_deviceSampleRateHint = rate; }

    // Device buffer asked of Qt Multimedia, applied at the next start(); 0 (default) uses
    // DefaultBufferMs. Larger survives a starved event loop, smaller lowers the delay.
    void setBufferDurationMs(int ms) { m_bufferDurationMs = ms; }
    int bufferDurationMs() const
    {
        return m_bufferDurationMs > 0 ? m_bufferDurationMs : DefaultBufferMs;
    }

    // Opens `deviceName` (empty: the default device). False with errorString() on failure.
    bool start(const QString &deviceName = {});
    void stop();
    bool isRunning() const { return m_running; }

    QString requestedDevice() const { return m_requestedDevice; }
    QAudioDevice currentDevice() const { return m_currentDevice; }
    QString currentDeviceName() const { return m_currentDevice.description(); }
    QAudioFormat deviceFormat() const { return m_deviceFormat; }
    QString lastError() const { return m_lastError; }

    // Samples dropped because the ring was full / frames of silence played or missing
    // because it was empty. Readable from any thread.
    int overruns() const { return m_overruns.load(std::memory_order_relaxed); }
    int underruns() const { return m_underruns.load(std::memory_order_relaxed); }

signals:
    void devicesChanged();
    void deviceFallback(const QString &lostDevice, const QString &newDevice);
    void currentDeviceChanged(const QString &device);
    void errorOccurred(const QString &error);

protected:
    QtAudioEndpoint(Direction direction, const AudioFormat &engineFormat, QObject *parent);

    // Opens `device` with `format`; the subclass builds its converters from the two formats.
    virtual bool openDevice(const QAudioDevice &device, const QAudioFormat &format) = 0;
    virtual void closeDevice() = 0;

    void reportError(const QString &error);

    AudioRing m_ring;
    std::atomic<int> m_overruns { 0 };
    std::atomic<int> m_underruns { 0 };

private:
    void onDevicesChanged();
    static QList<QByteArray> deviceIds(Direction direction);
    bool openBest(const QAudioDevice &device);
    QAudioFormat chooseFormat(const QAudioDevice &device) const;

    Direction m_direction;
    AudioFormat m_engineFormat;
    QMediaDevices *m_mediaDevices;
    QTimer *m_pollTimer;
    QList<QByteArray> m_knownDeviceIds;
    QString m_requestedDevice;
    QAudioDevice m_currentDevice;
    QAudioFormat m_deviceFormat;
    QString m_lastError;
    int m_deviceSampleRateHint = 0;
    int m_bufferDurationMs = 0;
    bool m_running = false;
};

} // namespace Media
