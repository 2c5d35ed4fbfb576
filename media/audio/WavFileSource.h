// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "audio/AudioSource.h"

#include <QFile>

namespace Media {

// Plays a PCM16 WAV file (RIFF WAVE with a WAVE_FORMAT_PCM or WAVE_FORMAT_EXTENSIBLE/PCM fmt
// chunk) at whatever rate and channel count it has; format() reports them, and the caller
// resamples. At the end of the data it loops or reports End; a last partial frame is padded
// with silence.
//
// Files come from users (custom ringtones, music on hold), so parsing trusts nothing: every
// size is checked against the file's actual size before use, the fmt chunk is bounded, at
// most MaxChunks chunks are walked before the data chunk, and each failure has its own
// message (errorString()). Frames are streamed from the file, never loaded whole.
class WavFileSource : public AudioSource
{
public:
    static constexpr int MaxChunks = 64;
    static constexpr qint64 MaxFmtChunkSize = 64; // PCM needs 16, WAVE_FORMAT_EXTENSIBLE 40

    WavFileSource() = default;
    explicit WavFileSource(const QString &fileName);

    // Opens and validates the file; false with errorString() on failure.
    bool open(const QString &fileName);
    void close();
    bool isOpen() const { return m_file.isOpen(); }

    void setLooping(bool looping) { m_looping = looping; }
    bool isLooping() const { return m_looping; }

    AudioFormat format() const override { return m_format; }
    ReadResult readFrame(std::span<int16_t> frame) override;

    // Data chunk size in samples per channel.
    qint64 totalSamples() const { return m_dataSize / m_blockAlign; }
    // Back to the first sample.
    bool rewind();

private:
    bool fail(const QString &message);

    QFile m_file;
    AudioFormat m_format;
    qint64 m_dataOffset = 0;
    qint64 m_dataSize = 0; // whole blocks only
    qint64 m_position = 0; // bytes into the data chunk
    int m_blockAlign = 2;
    bool m_looping = false;
    bool m_ended = false;
};

} // namespace Media
