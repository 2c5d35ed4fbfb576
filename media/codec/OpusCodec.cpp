// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/OpusCodec.h"

#include <opus/opus.h>

#include <QByteArray>
#include <QList>

#include <algorithm>

namespace Media {

namespace {

// RFC 7587 §6.1: maxaveragebitrate is 6000..510000.
constexpr int MinBitrate = 6000;
constexpr int MaxBitrate = 510000;

bool isOne(QByteArrayView value)
{
    return value.trimmed() == "1";
}

} // namespace

OpusCodec::Config OpusCodec::Config::fromFmtp(QByteArrayView fmtp, const Config &base)
{
    Config config = base;
    const QList<QByteArray> parameters = fmtp.toByteArray().split(';');
    for (const QByteArray &parameter : parameters) {
        const qsizetype equals = parameter.indexOf('=');
        if (equals < 0)
            continue;
        const QByteArray key = parameter.left(equals).trimmed().toLower();
        const QByteArrayView value = QByteArrayView(parameter).sliced(equals + 1);
        if (key == "stereo") {
            config.encodeChannels = isOne(value) ? 2 : 1;
        } else if (key == "sprop-stereo") {
            config.decodeChannels = isOne(value) ? 2 : 1;
        } else if (key == "useinbandfec") {
            config.inbandFec = isOne(value);
        } else if (key == "usedtx") {
            config.dtx = isOne(value);
        } else if (key == "maxaveragebitrate") {
            bool ok = false;
            const int bitrate = value.trimmed().toByteArray().toInt(&ok);
            if (ok && bitrate > 0)
                config.bitrate
                        = std::clamp(std::min(bitrate, config.bitrate), MinBitrate, MaxBitrate);
        }
    }
    return config;
}

void OpusCodec::EncoderDeleter::operator()(OpusEncoder *encoder) const
{
    opus_encoder_destroy(encoder);
}

void OpusCodec::DecoderDeleter::operator()(OpusDecoder *decoder) const
{
    opus_decoder_destroy(decoder);
}

OpusCodec::OpusCodec()
    : OpusCodec(Config())
{
}

OpusCodec::OpusCodec(const Config &config)
    : m_config(config)
{
    if (config.encodeChannels < 1 || config.encodeChannels > 2 || config.decodeChannels < 1
        || config.decodeChannels > 2) {
        m_errorString = QStringLiteral("Opus: channels must be 1 or 2");
        return;
    }
    int error = OPUS_OK;
    m_encoder.reset(
            opus_encoder_create(SampleRate, config.encodeChannels, OPUS_APPLICATION_VOIP, &error));
    if (error != OPUS_OK) {
        m_encoder.reset();
        m_errorString
                = QStringLiteral("Opus encoder: %1").arg(QString::fromUtf8(opus_strerror(error)));
        return;
    }
    m_decoder.reset(opus_decoder_create(SampleRate, config.decodeChannels, &error));
    if (error != OPUS_OK) {
        m_encoder.reset();
        m_decoder.reset();
        m_errorString
                = QStringLiteral("Opus decoder: %1").arg(QString::fromUtf8(opus_strerror(error)));
        return;
    }
    OpusEncoder *encoder = m_encoder.get();
    bool ok = opus_encoder_ctl(encoder,
                               OPUS_SET_BITRATE(std::clamp(config.bitrate, MinBitrate, MaxBitrate)))
                    == OPUS_OK
            && opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(config.inbandFec ? 1 : 0)) == OPUS_OK
            && opus_encoder_ctl(
                       encoder,
                       OPUS_SET_PACKET_LOSS_PERC(std::clamp(config.packetLossPercent, 0, 100)))
                    == OPUS_OK
            && opus_encoder_ctl(encoder, OPUS_SET_DTX(config.dtx ? 1 : 0)) == OPUS_OK
            // We send speech: lets the encoder favour SILK/hybrid, the modes that carry FEC.
            && opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE)) == OPUS_OK;
    if (ok && config.complexity >= 0)
        ok = opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY(std::clamp(config.complexity, 0, 10)))
                == OPUS_OK;
    if (!ok) {
        m_encoder.reset();
        m_decoder.reset();
        m_errorString = QStringLiteral("Opus: encoder configuration rejected");
    }
}

OpusCodec::~OpusCodec() = default;

bool OpusCodec::setBitrate(int bitsPerSecond)
{
    if (!m_encoder)
        return false;
    const int bitrate = std::clamp(bitsPerSecond, MinBitrate, MaxBitrate);
    if (opus_encoder_ctl(m_encoder.get(), OPUS_SET_BITRATE(bitrate)) != OPUS_OK)
        return false;
    m_config.bitrate = bitrate;
    return true;
}

bool OpusCodec::setPacketLossPercent(int percent)
{
    if (!m_encoder)
        return false;
    const int loss = std::clamp(percent, 0, 100);
    if (opus_encoder_ctl(m_encoder.get(), OPUS_SET_PACKET_LOSS_PERC(loss)) != OPUS_OK)
        return false;
    m_config.packetLossPercent = loss;
    return true;
}

int OpusCodec::encode(const int16_t *pcm, int samples, uint8_t *out, int capacity)
{
    if (!m_encoder || !pcm || !out || samples <= 0 || capacity <= 0)
        return -1;
    const opus_int32 bytes = opus_encode(m_encoder.get(), pcm, samples, out, capacity);
    return bytes < 0 ? -1 : int(bytes);
}

int OpusCodec::decode(const uint8_t *payload, int size, int16_t *out, int capacity)
{
    if (!m_decoder || !payload || size <= 0 || !out)
        return -1;
    const int maxSamples = std::min(capacity / m_config.decodeChannels, MaxFrameSamples);
    const int samples = opus_decode(m_decoder.get(), payload, size, out, maxSamples, 0);
    return samples < 0 ? -1 : samples;
}

int OpusCodec::conceal(int16_t *out, int capacity)
{
    if (!m_decoder || !out || capacity < FrameSamples * m_config.decodeChannels)
        return -1;
    // A null packet asks libopus for PLC of exactly frame_size samples (RFC 6716 §4.4):
    // CELT extrapolates the pitch, SILK keeps its LPC state, both fade with repeated loss.
    const int samples = opus_decode(m_decoder.get(), nullptr, 0, out, FrameSamples, 0);
    return samples < 0 ? -1 : samples;
}

int OpusCodec::decodeFec(const uint8_t *nextPayload, int size, int16_t *out, int capacity)
{
    if (!m_decoder || !nextPayload || size <= 0 || !out
        || capacity < FrameSamples * m_config.decodeChannels)
        return -1;
    const int config = nextPayload[0] >> 3; // TOC byte, RFC 6716 §3.1
    if (config >= 16)
        return -1; // CELT-only: no SILK layer, no LBRR
    // decode_fec=1 with frame_size = the lost frame's duration decodes the LBRR copy of the
    // previous frame carried in nextPayload; the packet itself is decoded normally afterwards.
    const int samples = opus_decode(m_decoder.get(), nextPayload, size, out, FrameSamples, 1);
    return samples < 0 ? -1 : samples;
}

} // namespace Media
