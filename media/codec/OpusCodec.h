// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "codec/AudioCodec.h"

#include <QByteArrayView>

#include <memory>

struct OpusEncoder;
struct OpusDecoder;

namespace Media {

// Opus (RFC 6716) over RTP (RFC 7587): always "opus/48000/2" in SDP, the RTP clock is 48 kHz
// whatever the audio bandwidth, and the channel count in the rtpmap is always 2; whether a
// side actually sends or wants stereo is signalled by the fmtp parameters instead (§6.1).
//
// We encode mono by default (a softphone microphone is mono; stereo doubles the bitrate for
// nothing) with in-band FEC and DTX on, as recommended for interactive speech:
//  - in-band FEC (LBRR, RFC 6716 §2.1.7) carries a low-bitrate copy of the previous frame in
//    each packet; the encoder only spends bits on it when told to expect loss, hence
//    OPUS_SET_PACKET_LOSS_PERC alongside OPUS_SET_INBAND_FEC;
//  - DTX sends one near-empty frame every 400 ms during silence; packets of 2 octets or less
//    carry no audio and need not be sent at all (RFC 7587 §3.1.3).
//
// The decoder works at 48 kHz with decodeChannels (1, or 2 when the remote declared
// sprop-stereo=1): libopus downmixes or upmixes whatever the packet carries.
class OpusCodec : public AudioCodec
{
public:
    static constexpr int SampleRate = 48000;
    static constexpr int FrameSamples = SampleRate * FrameDurationMs / 1000; // 960
    // Largest Opus frame (120 ms, RFC 6716 §3.2.5) at 48 kHz, per channel.
    static constexpr int MaxFrameSamples = SampleRate * 120 / 1000;

    struct Config
    {
        int encodeChannels = 1;
        int decodeChannels = 1;
        int bitrate = 32000; // bits/s; wideband speech is transparent well below this
        bool inbandFec = true;
        int packetLossPercent = 10; // expected loss, tunes how many bits FEC gets
        bool dtx = true;
        int complexity = -1; // 0..10, -1 keeps the libopus default

        // Applies the remote side's fmtp (RFC 7587 §6.1), which says what *it* wants to
        // receive (stereo, useinbandfec, usedtx, maxaveragebitrate) and what it will send
        // (sprop-stereo). Unknown parameters are ignored; the result starts from `base`.
        static Config fromFmtp(QByteArrayView fmtp, const Config &base);
        static Config fromFmtp(QByteArrayView fmtp) { return fromFmtp(fmtp, Config()); }
    };

    OpusCodec();
    explicit OpusCodec(const Config &config);
    ~OpusCodec() override;

    OpusCodec(const OpusCodec &) = delete;
    OpusCodec &operator=(const OpusCodec &) = delete;

    // False if libopus refused the configuration; errorString() says why.
    bool isValid() const { return m_encoder && m_decoder; }
    QString errorString() const { return m_errorString; }
    const Config &config() const { return m_config; }

    QString name() const override { return QStringLiteral("opus"); }
    int clockRate() const override { return SampleRate; }
    int sampleRate() const override { return SampleRate; }
    int channels() const override { return m_config.decodeChannels; }
    int encodeChannels() const override { return m_config.encodeChannels; }

    // Run-time tuning, e.g. from RTCP receiver reports (RFC 3550 §6.4.2 fraction lost).
    bool setBitrate(int bitsPerSecond);
    bool setPacketLossPercent(int percent);

    int encode(const int16_t *pcm, int samples, uint8_t *out, int capacity) override;
    int decode(const uint8_t *payload, int size, int16_t *out, int capacity) override;
    int conceal(int16_t *out, int capacity) override;
    bool supportsFec() const override { return true; }
    // Returns -1 for CELT-only packets, which cannot carry LBRR (RFC 6716 §3.1 TOC config
    // 16..31). For SILK/hybrid packets without LBRR data libopus falls back to PLC itself.
    int decodeFec(const uint8_t *nextPayload, int size, int16_t *out, int capacity) override;

private:
    struct EncoderDeleter
    {
        void operator()(OpusEncoder *encoder) const;
    };
    struct DecoderDeleter
    {
        void operator()(OpusDecoder *decoder) const;
    };

    Config m_config;
    std::unique_ptr<OpusEncoder, EncoderDeleter> m_encoder;
    std::unique_ptr<OpusDecoder, DecoderDeleter> m_decoder;
    QString m_errorString;
};

} // namespace Media
