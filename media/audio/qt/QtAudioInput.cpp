// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/qt/QtAudioInput.h"

#include "dsp/ChannelMixer.h"
#include "dsp/Resampler.h"

#include <QAudioSource>
#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace Media {

// The QIODevice QAudioSource pushes captured audio into.
class QtAudioInput::CaptureDevice : public QIODevice
{
public:
    explicit CaptureDevice(QtAudioInput *owner)
        : m_owner(owner)
    {
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 length) override
    {
        m_owner->captured(data, length);
        return length;
    }

private:
    QtAudioInput *m_owner;
};

QtAudioInput::QtAudioInput(const AudioFormat &engineFormat, QObject *parent)
    : QtAudioEndpoint(Direction::Input, engineFormat, parent)
{
    // The session driving this endpoint learns of a device fallback through AudioEndpoint's
    // handler (it knows no Qt Multimedia types).
    connect(this, &QtAudioEndpoint::deviceFallback, this,
            [this](const QString &lost, const QString &now) { notifyDeviceFallback(lost, now); });
}

QtAudioInput::~QtAudioInput()
{
    stop();
}

bool QtAudioInput::openDevice(const QAudioDevice &device, const QAudioFormat &format)
{
    const AudioFormat engine = engineFormat();
    m_deviceChannels = format.channelCount();
    m_chunkFrames = format.sampleRate() * ChunkMs / 1000;
    m_deviceScratch = std::make_unique<int16_t[]>(std::size_t(m_chunkFrames * m_deviceChannels));
    m_mixScratch = std::make_unique<int16_t[]>(std::size_t(m_chunkFrames * engine.channels));
    m_resampler.reset();
    m_resampleCapacity = 0;
    if (format.sampleRate() != engine.sampleRate) {
        m_resampler = std::make_unique<Resampler>(engine.channels, format.sampleRate(),
                                                  engine.sampleRate);
        if (!m_resampler->isValid()) {
            reportError(m_resampler->errorString());
            return false;
        }
        m_resampleCapacity = m_resampler->maxOutputFrames(m_chunkFrames);
        m_resampleScratch
                = std::make_unique<int16_t[]>(std::size_t(m_resampleCapacity * engine.channels));
    }
    m_partialBytes = 0;

    m_device = std::make_unique<CaptureDevice>(this);
    m_device->open(QIODevice::WriteOnly);
    m_source = std::make_unique<QAudioSource>(device, format);
    // Small device buffer: the ring absorbs scheduling jitter, latency matters more.
    m_source->setBufferSize(format.bytesForDuration(qint64(bufferDurationMs()) * 1000));
    m_source->start(m_device.get());
    if (m_source->error() != QAudio::NoError) {
        reportError(QStringLiteral("%1: cannot start capture (error %2)")
                            .arg(device.description())
                            .arg(int(m_source->error())));
        closeDevice();
        return false;
    }
    return true;
}

void QtAudioInput::closeDevice()
{
    if (m_source)
        m_source->stop();
    m_source.reset();
    m_device.reset();
}

void QtAudioInput::captured(const char *data, qint64 bytes)
{
    const int frameBytes = 2 * m_deviceChannels;
    // Complete a frame split across two deliveries.
    if (m_partialBytes > 0) {
        const int take = int(std::min<qint64>(bytes, frameBytes - m_partialBytes));
        std::memcpy(m_partial.data() + m_partialBytes, data, std::size_t(take));
        m_partialBytes += take;
        data += take;
        bytes -= take;
        if (m_partialBytes < frameBytes)
            return;
        std::memcpy(m_deviceScratch.get(), m_partial.data(), std::size_t(frameBytes));
        convertAndQueue(m_deviceScratch.get(), 1);
        m_partialBytes = 0;
    }
    while (bytes >= frameBytes) {
        const int frames = int(std::min<qint64>(bytes / frameBytes, m_chunkFrames));
        // Copy rather than cast: Qt's buffer need not be 2-byte aligned.
        std::memcpy(m_deviceScratch.get(), data, std::size_t(frames * frameBytes));
        convertAndQueue(m_deviceScratch.get(), frames);
        data += frames * frameBytes;
        bytes -= frames * frameBytes;
    }
    if (bytes > 0) {
        std::memcpy(m_partial.data(), data, std::size_t(bytes));
        m_partialBytes = int(bytes);
    }
}

void QtAudioInput::convertAndQueue(const int16_t *deviceFrames, int frames)
{
    const int channels = engineFormat().channels;
    ChannelMixer::convert(deviceFrames, m_deviceChannels, m_mixScratch.get(), channels, frames);
    const int16_t *queued = m_mixScratch.get();
    int queuedFrames = frames;
    if (m_resampler) {
        int offset = 0;
        queuedFrames = 0;
        while (offset < frames) {
            int consumed = 0;
            const int produced
                    = m_resampler->process(m_mixScratch.get() + offset * channels, frames - offset,
                                           m_resampleScratch.get() + queuedFrames * channels,
                                           m_resampleCapacity - queuedFrames, &consumed);
            if (produced < 0 || consumed == 0)
                break;
            queuedFrames += produced;
            offset += consumed;
        }
        queued = m_resampleScratch.get();
    }
    const int samples = queuedFrames * channels;
    const int written = m_ring.write(queued, samples);
    if (written < samples)
        m_overruns.fetch_add(samples - written, std::memory_order_relaxed);
}

AudioSource::ReadResult QtAudioInput::readFrame(std::span<int16_t> frame)
{
    const AudioFormat engine = engineFormat();
    if (frame.size() != std::size_t(engine.frameLength())) {
        setErrorString(QStringLiteral("QtAudioInput: frame of %1 samples, expected %2")
                               .arg(frame.size())
                               .arg(engine.frameLength()));
        return ReadResult::Error;
    }
    // Keep the delay bounded if we fell behind the device (or its clock runs fast): drop
    // the oldest audio down to two frames.
    const int maxLatency = engine.sampleRate * engine.channels * MaxLatencyMs / 1000;
    const int available = m_ring.availableToRead();
    if (available > maxLatency)
        m_ring.discard(available - 2 * engine.frameLength());
    if (m_ring.availableToRead() < engine.frameLength())
        return ReadResult::NotReady;
    m_ring.read(frame.data(), engine.frameLength());
    return ReadResult::Frame;
}

} // namespace Media
