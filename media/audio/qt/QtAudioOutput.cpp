// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/qt/QtAudioOutput.h"

#include "dsp/ChannelMixer.h"
#include "dsp/Resampler.h"

#include <QAudioSink>
#include <QIODevice>

#include <algorithm>
#include <cstring>

namespace Media {

// The QIODevice QAudioSink pulls playback audio from.
class QtAudioOutput::PlaybackDevice : public QIODevice
{
public:
    explicit PlaybackDevice(QtAudioOutput *owner)
        : m_owner(owner)
    {
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        // Never "empty": underruns are covered with silence in render().
        return QIODevice::bytesAvailable() + 4096;
    }

protected:
    qint64 readData(char *data, qint64 maxLength) override
    {
        return m_owner->render(data, maxLength);
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QtAudioOutput *m_owner;
};

QtAudioOutput::QtAudioOutput(const AudioFormat &engineFormat, QObject *parent)
    : QtAudioEndpoint(Direction::Output, engineFormat, parent)
{
    // The session driving this endpoint learns of a device fallback through AudioEndpoint's
    // handler (it knows no Qt Multimedia types).
    connect(this, &QtAudioEndpoint::deviceFallback, this,
            [this](const QString &lost, const QString &now) { notifyDeviceFallback(lost, now); });
}

QtAudioOutput::~QtAudioOutput()
{
    stop();
}

bool QtAudioOutput::writeFrame(std::span<const int16_t> frame)
{
    const AudioFormat engine = engineFormat();
    if (frame.size() != std::size_t(engine.frameLength())) {
        setErrorString(QStringLiteral("QtAudioOutput: frame of %1 samples, expected %2")
                               .arg(frame.size())
                               .arg(engine.frameLength()));
        return false;
    }
    // All or nothing: half a frame would be a click. Only counted (overruns()): setting an
    // error string would allocate on the media thread.
    if (m_ring.availableToWrite() < engine.frameLength()) {
        m_overruns.fetch_add(engine.frameLength(), std::memory_order_relaxed);
        return false;
    }
    m_ring.write(frame.data(), engine.frameLength());
    return true;
}

bool QtAudioOutput::openDevice(const QAudioDevice &device, const QAudioFormat &format)
{
    const AudioFormat engine = engineFormat();
    m_deviceChannels = format.channelCount();
    m_deviceRate = format.sampleRate();
    m_chunkFrames = engine.sampleRate * ChunkMs / 1000;
    m_engineScratch = std::make_unique<int16_t[]>(std::size_t(m_chunkFrames * engine.channels));
    m_resampler.reset();
    int deviceChunkFrames = m_chunkFrames;
    if (format.sampleRate() != engine.sampleRate) {
        m_resampler = std::make_unique<Resampler>(engine.channels, engine.sampleRate,
                                                  format.sampleRate());
        if (!m_resampler->isValid()) {
            reportError(m_resampler->errorString());
            return false;
        }
        m_resampleCapacity = m_resampler->maxOutputFrames(m_chunkFrames);
        m_resampleScratch
                = std::make_unique<int16_t[]>(std::size_t(m_resampleCapacity * engine.channels));
        deviceChunkFrames = m_resampleCapacity;
    }
    // Room for PendingMs plus one converted chunk, so fill() never overflows.
    m_pendingCapacity = format.sampleRate() * PendingMs / 1000 + deviceChunkFrames;
    m_pending = std::make_unique<int16_t[]>(std::size_t(m_pendingCapacity * m_deviceChannels));
    m_pendingFrames = 0;

    m_device = std::make_unique<PlaybackDevice>(this);
    // Unbuffered: QAudioSink's request (one period) reaches render() as it is, rather than
    // QIODevice reading 16 kB ahead into its own buffer (up to 100 ms more delay).
    m_device->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_sink = std::make_unique<QAudioSink>(device, format);
    m_sink->setBufferSize(format.bytesForDuration(qint64(bufferDurationMs()) * 1000));
    m_sink->start(m_device.get());
    if (m_sink->error() != QAudio::NoError) {
        reportError(QStringLiteral("%1: cannot start playback (error %2)")
                            .arg(device.description())
                            .arg(int(m_sink->error())));
        closeDevice();
        return false;
    }
    return true;
}

void QtAudioOutput::closeDevice()
{
    if (m_sink)
        m_sink->stop();
    m_sink.reset();
    m_device.reset();
}

void QtAudioOutput::fill(int frames)
{
    const AudioFormat engine = engineFormat();
    const int channels = engine.channels;
    // Bound the delay: if the media thread got ahead (or the device clock is slow), drop the
    // oldest queued audio. We are the ring's consumer, so this is ours to do.
    const int maxLatency = engine.sampleRate * channels * MaxLatencyMs / 1000;
    const int available = m_ring.availableToRead();
    if (available > maxLatency)
        m_ring.discard(available - maxLatency / 2);

    while (m_pendingFrames < frames) {
        const int chunk = std::min(m_ring.availableToRead() / channels, m_chunkFrames);
        if (chunk <= 0)
            return;
        const int converted = m_resampler ? m_resampleCapacity : chunk;
        if (m_pendingFrames + converted > m_pendingCapacity)
            return;
        m_ring.read(m_engineScratch.get(), chunk * channels);
        const int16_t *source = m_engineScratch.get();
        int sourceFrames = chunk;
        if (m_resampler) {
            int consumed = 0;
            sourceFrames = std::max(0,
                                    m_resampler->process(m_engineScratch.get(), chunk,
                                                         m_resampleScratch.get(),
                                                         m_resampleCapacity, &consumed));
            source = m_resampleScratch.get();
        }
        ChannelMixer::convert(source, channels,
                              m_pending.get() + m_pendingFrames * m_deviceChannels,
                              m_deviceChannels, sourceFrames);
        m_pendingFrames += sourceFrames;
    }
}

qint64 QtAudioOutput::render(char *data, qint64 maxBytes)
{
    const int frameBytes = 2 * m_deviceChannels;
    const int wanted = int(std::min<qint64>(maxBytes / frameBytes, m_pendingCapacity));
    if (wanted <= 0)
        return 0;
    fill(wanted);
    const int frames = std::min(wanted, m_pendingFrames);
    std::memcpy(data, m_pending.get(), std::size_t(frames * frameBytes));
    m_pendingFrames -= frames;
    std::memmove(m_pending.get(), m_pending.get() + frames * m_deviceChannels,
                 std::size_t(m_pendingFrames * frameBytes));
    if (frames < wanted) {
        // Underrun: silence for the rest, so the device keeps running (no click at a
        // restart) and always gets all it asked for. Qt 6.4's PulseAudio sink writes in
        // whole periods only: a short answer can leave its stream just below the
        // prebuffering threshold with less than a period writable, and it never starts.
        std::memset(data + std::size_t(frames * frameBytes), 0,
                    std::size_t((wanted - frames) * frameBytes));
        m_underruns.fetch_add(1, std::memory_order_relaxed);
    }
    return qint64(wanted) * frameBytes;
}

} // namespace Media
