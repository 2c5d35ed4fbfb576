// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AudioTestController.h"

#include "calls/CallMediaController.h"

namespace App {

namespace {
const QString TestToneName = QStringLiteral("test-tone");
}

AudioTestController::AudioTestController(CallMediaController &media, SpecForDevice specFor,
                                         QObject *parent)
    : QObject(parent)
    , m_media(media)
    , m_specFor(std::move(specFor))
{
    connect(&media, &CallMediaController::toneStarted, this, [this](const QString &name) {
        if (name == TestToneName)
            emit testToneStarted();
    });
    connect(&media, &CallMediaController::toneStopped, this, [this](const QString &name) {
        if (name != TestToneName)
            return;
        m_tonePlaying = false;
        emit testToneStopped();
    });
    connect(&media, &CallMediaController::toneFailed, this,
            [this](const QString &name, const QString &reason) {
                if (name != TestToneName)
                    return;
                m_tonePlaying = false;
                emit testToneFailed(reason);
            });
    connect(&media, &CallMediaController::audioLevels, this,
            [this](const QString &id, const Media::AudioLevels &levels) {
                if (id == CallMediaController::InputMeterName && m_meterRunning)
                    emit microphoneLevel(levels.input.rmsDbfs, levels.input.peakDbfs);
            });
    connect(&media, &CallMediaController::mediaFailed, this,
            [this](const QString &id, const QString &reason) {
                if (id != CallMediaController::InputMeterName)
                    return;
                m_meterRunning = false;
                emit microphoneFailed(reason);
            });
}

AudioTestController::~AudioTestController()
{
    stopTestTone();
    stopMicrophoneMeter();
}

void AudioTestController::playTestTone(const QString &outputDevice)
{
    m_tonePlaying = true;
    m_media.playTone(TestToneName, TestToneHz, m_specFor(true, outputDevice), TestToneMs);
}

void AudioTestController::stopTestTone()
{
    if (m_tonePlaying)
        m_media.stopTone(TestToneName);
}

void AudioTestController::startMicrophoneMeter(const QString &inputDevice)
{
    m_meterRunning = true;
    m_media.startInputMeter(m_specFor(false, inputDevice));
}

void AudioTestController::stopMicrophoneMeter()
{
    if (!m_meterRunning)
        return;
    m_meterRunning = false;
    m_media.stopInputMeter();
}

} // namespace App
