// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/WavFileSource.h"

#include <QtEndian>

#include <algorithm>
#include <array>
#include <cstring>

namespace Media {

namespace {

constexpr quint16 WaveFormatPcm = 0x0001;
constexpr quint16 WaveFormatExtensible = 0xFFFE;
// KSDATAFORMAT_SUBTYPE_PCM {00000001-0000-0010-8000-00aa00389b71} after its first 2 bytes
// (which hold the format tag).
constexpr std::array<uchar, 14> PcmSubFormatTail { 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80,
                                                   0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 };

QString chunkName(const char *id)
{
    QString name;
    for (int i = 0; i < 4; ++i) {
        const uchar c = uchar(id[i]);
        name += (c >= 0x20 && c < 0x7F) ? QChar(c) : QChar(u'?');
    }
    return name;
}

} // namespace

WavFileSource::WavFileSource(const QString &fileName)
{
    open(fileName);
}

bool WavFileSource::fail(const QString &message)
{
    setErrorString(QStringLiteral("%1: %2").arg(m_file.fileName(), message));
    m_file.close();
    m_format = AudioFormat();
    m_dataOffset = m_dataSize = m_position = 0;
    return false;
}

bool WavFileSource::open(const QString &fileName)
{
    close();
    setErrorString({});
    m_file.setFileName(fileName);
    if (!m_file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: %1").arg(m_file.errorString()));

    const qint64 fileSize = m_file.size();
    char riff[12];
    if (m_file.read(riff, sizeof riff) != qint64(sizeof riff))
        return fail(QStringLiteral("truncated RIFF header (file is %1 bytes, need at least 12)")
                            .arg(fileSize));
    if (std::memcmp(riff, "RIFF", 4) != 0) {
        if (std::memcmp(riff, "RF64", 4) == 0)
            return fail(QStringLiteral("RF64 (64-bit WAV) is not supported"));
        return fail(QStringLiteral("not a RIFF file"));
    }
    if (std::memcmp(riff + 8, "WAVE", 4) != 0)
        return fail(QStringLiteral("RIFF form type is not WAVE"));
    // The RIFF size is not trusted (streaming writers leave it 0 or wrong); the actual file
    // size bounds everything below.

    bool haveFormat = false;
    int channels = 0;
    int sampleRate = 0;
    qint64 position = 12;
    for (int chunk = 0;; ++chunk) {
        if (chunk >= MaxChunks)
            return fail(QStringLiteral("no data chunk within the first %1 chunks").arg(MaxChunks));
        char header[8];
        if (fileSize - position < qint64(sizeof header)
            || m_file.read(header, sizeof header) != qint64(sizeof header)) {
            return fail(
                    haveFormat
                            ? QStringLiteral("no data chunk (truncated chunk header at offset %1)")
                                      .arg(position)
                            : QStringLiteral("no fmt chunk (truncated chunk header at offset %1)")
                                      .arg(position));
        }
        position += 8;
        const qint64 size = qFromLittleEndian<quint32>(header + 4);
        const qint64 left = fileSize - position;

        if (std::memcmp(header, "fmt ", 4) == 0) {
            if (haveFormat)
                return fail(QStringLiteral("more than one fmt chunk"));
            if (size < 16)
                return fail(QStringLiteral("fmt chunk too small (%1 bytes, need 16)").arg(size));
            if (size > MaxFmtChunkSize)
                return fail(QStringLiteral("fmt chunk too large (%1 bytes, limit %2)")
                                    .arg(size)
                                    .arg(MaxFmtChunkSize));
            if (size > left)
                return fail(
                        QStringLiteral(
                                "fmt chunk (%1 bytes) extends beyond end of file (%2 bytes left)")
                                .arg(size)
                                .arg(left));
            std::array<uchar, MaxFmtChunkSize> fmt {};
            if (m_file.read(reinterpret_cast<char *>(fmt.data()), size) != size)
                return fail(
                        QStringLiteral("read error in fmt chunk: %1").arg(m_file.errorString()));
            quint16 tag = qFromLittleEndian<quint16>(fmt.data());
            channels = qFromLittleEndian<quint16>(fmt.data() + 2);
            const quint32 rate = qFromLittleEndian<quint32>(fmt.data() + 4);
            const quint32 byteRate = qFromLittleEndian<quint32>(fmt.data() + 8);
            const int blockAlign = qFromLittleEndian<quint16>(fmt.data() + 12);
            const int bits = qFromLittleEndian<quint16>(fmt.data() + 14);
            if (tag == WaveFormatExtensible) {
                // WAVEFORMATEXTENSIBLE: cbSize (22), valid bits, channel mask, sub-format GUID.
                if (size < 40)
                    return fail(QStringLiteral("WAVE_FORMAT_EXTENSIBLE fmt chunk too small (%1 "
                                               "bytes, need 40)")
                                        .arg(size));
                const quint16 subFormat = qFromLittleEndian<quint16>(fmt.data() + 24);
                if (subFormat != WaveFormatPcm
                    || !std::equal(PcmSubFormatTail.begin(), PcmSubFormatTail.end(),
                                   fmt.data() + 26))
                    return fail(QStringLiteral("WAVE_FORMAT_EXTENSIBLE sub-format is not PCM"));
                tag = WaveFormatPcm;
            }
            if (tag != WaveFormatPcm)
                return fail(QStringLiteral("unsupported format tag 0x%1 (only PCM)")
                                    .arg(tag, 4, 16, QChar(u'0')));
            if (channels == 0)
                return fail(QStringLiteral("zero channels"));
            if (channels > AudioFormat::MaxChannels)
                return fail(QStringLiteral("%1 channels (at most %2)")
                                    .arg(channels)
                                    .arg(AudioFormat::MaxChannels));
            if (rate == 0)
                return fail(QStringLiteral("sample rate 0 Hz"));
            if (rate < 1000 || rate > quint32(AudioFormat::MaxSampleRate))
                return fail(QStringLiteral("unsupported sample rate %1 Hz").arg(rate));
            if (bits != 16)
                return fail(QStringLiteral("%1 bits per sample (only 16-bit PCM is supported)")
                                    .arg(bits));
            if (blockAlign != channels * 2)
                return fail(QStringLiteral("block align %1 does not match %2 channels of 16 bits")
                                    .arg(blockAlign)
                                    .arg(channels));
            if (byteRate != rate * quint32(blockAlign))
                return fail(QStringLiteral("byte rate %1 does not match %2 Hz * %3 bytes")
                                    .arg(byteRate)
                                    .arg(rate)
                                    .arg(blockAlign));
            sampleRate = int(rate);
            m_blockAlign = blockAlign;
            haveFormat = true;
            position += size;
            if (size % 2) { // chunks are padded to even sizes (RIFF)
                if (!m_file.seek(position + 1))
                    return fail(QStringLiteral("fmt chunk padding beyond end of file"));
                ++position;
            }
        } else if (std::memcmp(header, "data", 4) == 0) {
            if (!haveFormat)
                return fail(QStringLiteral("data chunk before fmt chunk"));
            if (size > left)
                return fail(QStringLiteral(
                                    "data chunk size %1 extends beyond end of file (%2 bytes left)")
                                    .arg(size)
                                    .arg(left));
            m_dataOffset = position;
            m_dataSize = size - size % m_blockAlign; // a trailing partial sample is ignored
            break;
        } else {
            const qint64 skip = size + (size % 2);
            if (skip > left)
                return fail(
                        QStringLiteral(
                                "chunk '%1' (%2 bytes) extends beyond end of file (%3 bytes left)")
                                .arg(chunkName(header))
                                .arg(size)
                                .arg(left));
            position += skip;
            if (!m_file.seek(position))
                return fail(QStringLiteral("seek error: %1").arg(m_file.errorString()));
        }
    }

    m_format.sampleRate = sampleRate;
    m_format.channels = channels;
    m_position = 0;
    m_ended = false;
    return true;
}

void WavFileSource::close()
{
    m_file.close();
    m_format = AudioFormat();
    m_dataOffset = m_dataSize = m_position = 0;
    m_ended = false;
}

bool WavFileSource::rewind()
{
    if (!m_file.isOpen() || !m_file.seek(m_dataOffset))
        return false;
    m_position = 0;
    m_ended = false;
    return true;
}

AudioSource::ReadResult WavFileSource::readFrame(std::span<int16_t> frame)
{
    if (!m_file.isOpen()) {
        setErrorString(QStringLiteral("WavFileSource: not open"));
        return ReadResult::Error;
    }
    if (frame.size() != std::size_t(m_format.frameLength())) {
        setErrorString(QStringLiteral("WavFileSource: frame of %1 samples, expected %2")
                               .arg(frame.size())
                               .arg(m_format.frameLength()));
        return ReadResult::Error;
    }
    if (m_ended || m_dataSize == 0)
        return ReadResult::End;

    char *out = reinterpret_cast<char *>(frame.data());
    const qint64 wanted = qint64(frame.size_bytes());
    qint64 filled = 0;
    while (filled < wanted) {
        if (m_position >= m_dataSize) {
            if (!m_looping)
                break;
            if (!rewind()) {
                setErrorString(QStringLiteral("%1: seek error: %2")
                                       .arg(m_file.fileName(), m_file.errorString()));
                return ReadResult::Error;
            }
        }
        const qint64 chunk = std::min(wanted - filled, m_dataSize - m_position);
        const qint64 got = m_file.read(out + filled, chunk);
        if (got != chunk) {
            // The file shrank under us (it was validated against its size at open).
            setErrorString(QStringLiteral("%1: read error: %2")
                                   .arg(m_file.fileName(), m_file.errorString()));
            return ReadResult::Error;
        }
        filled += got;
        m_position += got;
    }
    if (filled == 0) {
        m_ended = true;
        return ReadResult::End;
    }
    std::memset(out + filled, 0, std::size_t(wanted - filled));
    qFromLittleEndian<qint16>(frame.data(), qsizetype(frame.size()), frame.data());
    return ReadResult::Frame;
}

} // namespace Media
