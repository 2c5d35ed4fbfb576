// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioSink.h"

#include <QFile>

#include <memory>

namespace Media {

// Records frames to a PCM16 WAV file (call recording, test captures).
//
// A WAV header states the sizes of the RIFF and data chunks, which are known only at the
// end. Writing them only on close() would leave a file that claims to be empty if the
// process dies mid-call, so the header is rewritten every headerUpdateIntervalMs of audio
// (1 s by default) and the file flushed to the OS: after a crash the file is valid and
// holds everything up to the last update (the rest is past the stated data size, where
// readers ignore it). close() writes the final sizes.
//
// RIFF sizes are 32-bit: at 4 GiB the sink stops accepting frames with an error rather
// than write a header that lies.
class WavFileSink : public AudioSink
{
public:
    static constexpr int HeaderSize = 44;
    static constexpr int DefaultHeaderUpdateIntervalMs = 1000;

    WavFileSink();
    ~WavFileSink() override;

    bool open(const QString &fileName, const AudioFormat &format);
    // Writes the final header and closes; false if that failed.
    bool close();
    bool isOpen() const { return m_file.isOpen(); }

    void setHeaderUpdateIntervalMs(int intervalMs);

    AudioFormat format() const override { return m_format; }
    bool writeFrame(std::span<const int16_t> frame) override;

    qint64 dataBytes() const { return m_dataBytes; }

private:
    bool writeHeader();
    bool updateSizes();

    QFile m_file;
    AudioFormat m_format;
    std::unique_ptr<int16_t[]> m_scratch; // little-endian copy of one frame
    qint64 m_dataBytes = 0;
    qint64 m_bytesSinceUpdate = 0;
    qint64 m_updateIntervalBytes = 0;
    int m_headerUpdateIntervalMs = DefaultHeaderUpdateIntervalMs;
};

} // namespace Media
