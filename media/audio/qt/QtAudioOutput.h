// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioSink.h"
#include "audio/qt/QtAudioEndpoint.h"

#include <memory>

class QAudioSink;

namespace Media {

class Resampler;

// A loudspeaker (or any playback device) as an AudioSink.
//
// writeFrame(), called by the media thread, queues one engine frame in the ring (or drops
// it and returns false when the ring is full). QAudioSink pulls from a private QIODevice on
// the endpoint's thread, which takes audio from the ring, resamples and remixes it to the
// device format. When the ring runs dry it plays silence rather than stall the device.
class QtAudioOutput : public QtAudioEndpoint, public AudioSink
{
    Q_OBJECT

public:
    explicit QtAudioOutput(const AudioFormat &engineFormat, QObject *parent = nullptr);
    ~QtAudioOutput() override;

    AudioFormat format() const override { return engineFormat(); }
    // Media thread.
    bool writeFrame(std::span<const int16_t> frame) override;

protected:
    bool openDevice(const QAudioDevice &device, const QAudioFormat &format) override;
    void closeDevice() override;

private:
    class PlaybackDevice;
    friend class PlaybackDevice;

    // Endpoint thread: fills `data` for QAudioSink; returns bytes.
    qint64 render(char *data, qint64 maxBytes);
    // Moves audio from the ring into m_pending (device format) until `frames` are there.
    void fill(int frames);

    static constexpr int ChunkMs = 10;
    static constexpr int PendingMs = 100;

    std::unique_ptr<QAudioSink> m_sink;
    std::unique_ptr<PlaybackDevice> m_device;
    std::unique_ptr<Resampler> m_resampler;
    int m_deviceChannels = 1;
    int m_deviceRate = 0;
    int m_chunkFrames = 0; // engine frames taken from the ring at once
    std::unique_ptr<int16_t[]> m_engineScratch; // one chunk, engine format
    std::unique_ptr<int16_t[]> m_resampleScratch; // resampled chunk, engine channels
    int m_resampleCapacity = 0; // frames
    std::unique_ptr<int16_t[]> m_pending; // device format, ready to play
    int m_pendingCapacity = 0; // frames
    int m_pendingFrames = 0;
};

} // namespace Media
