// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace Media {
struct AudioLevels;
}

namespace App {

class CallMediaController;

/// The audio settings' checks, outside any call: a test tone on the chosen speaker and a
/// level meter on the chosen microphone. Both run in the media thread (tone player, input
/// meter); this only names the devices and passes plain values back to the GUI.
class AudioTestController : public QObject
{
    Q_OBJECT
public:
    // Turns a device description ("" = the system default) into an endpoint spec; `output`
    // tells a speaker from a microphone. AppSession's gives "device:NAME" once sound devices
    // are installed, "null" otherwise; tests give "tone:"/"wav:" specs.
    using SpecForDevice = std::function<QString(bool output, const QString &device)>;

    static constexpr int TestToneMs = 2000;
    static constexpr double TestToneHz = 440.0;

    AudioTestController(CallMediaController &media, SpecForDevice specFor,
                        QObject *parent = nullptr);
    ~AudioTestController() override; // stops the tone and the meter

    bool isTonePlaying() const { return m_tonePlaying; }
    bool isMeterRunning() const { return m_meterRunning; }

public slots:
    // TestToneMs of a 440 Hz tone on `outputDevice` -> testToneStarted, then testToneStopped
    // (or testToneFailed). Playing again restarts it.
    void playTestTone(const QString &outputDevice);
    void stopTestTone();
    // microphoneLevel about every 100 ms from `inputDevice` until stopped or another device
    // is chosen; microphoneFailed if it cannot be opened.
    void startMicrophoneMeter(const QString &inputDevice);
    void stopMicrophoneMeter();

signals:
    void testToneStarted();
    void testToneStopped();
    void testToneFailed(const QString &reason);
    void microphoneLevel(double rmsDbfs, double peakDbfs);
    void microphoneFailed(const QString &reason);

private:
    CallMediaController &m_media;
    SpecForDevice m_specFor;
    bool m_tonePlaying = false;
    bool m_meterRunning = false;
};

} // namespace App
