// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioSource.h"
#include "audio/qt/QtAudioEndpoint.h"

#include <array>
#include <memory>

class QAudioSource;

namespace Media {

class Resampler;

// A microphone (or any capture device) as an AudioSource.
//
// QAudioSource runs in push mode into a private QIODevice; each block Qt delivers is
// converted on the endpoint's thread to the engine's channels (ChannelMixer) and rate
// (Resampler) and queued in the ring. readFrame(), called by the media thread, takes one
// 20 ms frame from the ring or answers NotReady; if the media thread falls behind by more
// than MaxLatencyMs the oldest audio is dropped so the call's delay stays bounded.
class QtAudioInput : public QtAudioEndpoint, public AudioSource
{
    Q_OBJECT

public:
    explicit QtAudioInput(const AudioFormat &engineFormat, QObject *parent = nullptr);
    ~QtAudioInput() override;

    AudioFormat format() const override { return engineFormat(); }
    // Media thread.
    ReadResult readFrame(std::span<int16_t> frame) override;

protected:
    bool openDevice(const QAudioDevice &device, const QAudioFormat &format) override;
    void closeDevice() override;

private:
    class CaptureDevice;
    friend class CaptureDevice;

    // Endpoint thread: one block of device bytes from Qt.
    void captured(const char *data, qint64 bytes);
    void convertAndQueue(const int16_t *deviceFrames, int frames);

    static constexpr int ChunkMs = 10;

    std::unique_ptr<QAudioSource> m_source;
    std::unique_ptr<CaptureDevice> m_device;
    std::unique_ptr<Resampler> m_resampler;
    int m_deviceChannels = 1;
    int m_chunkFrames = 0; // device frames converted at once
    std::unique_ptr<int16_t[]> m_deviceScratch; // one chunk, device channels
    std::unique_ptr<int16_t[]> m_mixScratch; // one chunk, engine channels
    std::unique_ptr<int16_t[]> m_resampleScratch; // resampled chunk, engine channels
    int m_resampleCapacity = 0; // frames
    std::array<char, 2 * AudioFormat::MaxChannels> m_partial {}; // a split device frame
    int m_partialBytes = 0;
};

} // namespace Media
