// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/WavFileSink.h"

#include <QtEndian>

#include <array>
#include <cstring>

namespace Media {

namespace {

// RIFF chunk sizes are 32-bit and the RIFF size covers everything after its own field.
constexpr qint64 MaxDataBytes = 0xFFFFFFFFLL - (WavFileSink::HeaderSize - 8);

} // namespace

WavFileSink::WavFileSink() = default;

WavFileSink::~WavFileSink()
{
    close();
}

void WavFileSink::setHeaderUpdateIntervalMs(int intervalMs)
{
    m_headerUpdateIntervalMs = intervalMs > 0 ? intervalMs : DefaultHeaderUpdateIntervalMs;
    m_updateIntervalBytes
            = qint64(m_format.sampleRate) * m_format.channels * 2 * m_headerUpdateIntervalMs / 1000;
}

bool WavFileSink::open(const QString &fileName, const AudioFormat &format)
{
    close();
    setErrorString({});
    if (!format.isValid()) {
        setErrorString(QStringLiteral("%1: invalid format (%2 Hz, %3 channels)")
                               .arg(fileName)
                               .arg(format.sampleRate)
                               .arg(format.channels));
        return false;
    }
    m_format = format;
    m_file.setFileName(fileName);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        setErrorString(QStringLiteral("%1: cannot open: %2").arg(fileName, m_file.errorString()));
        return false;
    }
    m_scratch = std::make_unique<int16_t[]>(std::size_t(format.frameLength()));
    m_dataBytes = 0;
    m_bytesSinceUpdate = 0;
    setHeaderUpdateIntervalMs(m_headerUpdateIntervalMs);
    if (!writeHeader() || !m_file.flush()) {
        setErrorString(
                QStringLiteral("%1: cannot write header: %2").arg(fileName, m_file.errorString()));
        m_file.close();
        return false;
    }
    return true;
}

bool WavFileSink::writeHeader()
{
    const int blockAlign = m_format.channels * 2;
    std::array<uchar, HeaderSize> header {};
    std::memcpy(header.data(), "RIFF", 4);
    qToLittleEndian<quint32>(quint32(HeaderSize - 8 + m_dataBytes), header.data() + 4);
    std::memcpy(header.data() + 8, "WAVE", 4);
    std::memcpy(header.data() + 12, "fmt ", 4);
    qToLittleEndian<quint32>(16, header.data() + 16);
    qToLittleEndian<quint16>(1, header.data() + 20); // WAVE_FORMAT_PCM
    qToLittleEndian<quint16>(quint16(m_format.channels), header.data() + 22);
    qToLittleEndian<quint32>(quint32(m_format.sampleRate), header.data() + 24);
    qToLittleEndian<quint32>(quint32(m_format.sampleRate * blockAlign), header.data() + 28);
    qToLittleEndian<quint16>(quint16(blockAlign), header.data() + 32);
    qToLittleEndian<quint16>(16, header.data() + 34);
    std::memcpy(header.data() + 36, "data", 4);
    qToLittleEndian<quint32>(quint32(m_dataBytes), header.data() + 40);
    return m_file.write(reinterpret_cast<const char *>(header.data()), HeaderSize) == HeaderSize;
}

bool WavFileSink::updateSizes()
{
    const qint64 end = m_file.pos();
    std::array<uchar, 4> riffSize {};
    std::array<uchar, 4> dataSize {};
    qToLittleEndian<quint32>(quint32(HeaderSize - 8 + m_dataBytes), riffSize.data());
    qToLittleEndian<quint32>(quint32(m_dataBytes), dataSize.data());
    // Flush the samples before the header that covers them, so the sizes on disk never
    // claim data the OS has not got.
    const bool ok = m_file.flush() && m_file.seek(4)
            && m_file.write(reinterpret_cast<const char *>(riffSize.data()), 4) == 4
            && m_file.seek(40)
            && m_file.write(reinterpret_cast<const char *>(dataSize.data()), 4) == 4
            && m_file.seek(end) && m_file.flush();
    m_bytesSinceUpdate = 0;
    return ok;
}

bool WavFileSink::writeFrame(std::span<const int16_t> frame)
{
    if (!m_file.isOpen()) {
        setErrorString(QStringLiteral("WavFileSink: not open"));
        return false;
    }
    if (frame.size() != std::size_t(m_format.frameLength())) {
        setErrorString(QStringLiteral("WavFileSink: frame of %1 samples, expected %2")
                               .arg(frame.size())
                               .arg(m_format.frameLength()));
        return false;
    }
    const qint64 bytes = qint64(frame.size_bytes());
    if (m_dataBytes + bytes > MaxDataBytes) {
        setErrorString(QStringLiteral("%1: WAV size limit (4 GiB) reached").arg(m_file.fileName()));
        return false;
    }
    qToLittleEndian<qint16>(frame.data(), qsizetype(frame.size()), m_scratch.get());
    if (m_file.write(reinterpret_cast<const char *>(m_scratch.get()), bytes) != bytes) {
        setErrorString(
                QStringLiteral("%1: write error: %2").arg(m_file.fileName(), m_file.errorString()));
        return false;
    }
    m_dataBytes += bytes;
    m_bytesSinceUpdate += bytes;
    if (m_bytesSinceUpdate >= m_updateIntervalBytes && !updateSizes()) {
        setErrorString(QStringLiteral("%1: cannot update header: %2")
                               .arg(m_file.fileName(), m_file.errorString()));
        return false;
    }
    return true;
}

bool WavFileSink::close()
{
    if (!m_file.isOpen())
        return true;
    const bool ok = updateSizes();
    if (!ok)
        setErrorString(QStringLiteral("%1: cannot write final header: %2")
                               .arg(m_file.fileName(), m_file.errorString()));
    m_file.close();
    m_scratch.reset();
    return ok;
}

} // namespace Media
