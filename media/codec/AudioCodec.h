// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

#include <cstdint>

namespace Media {

// One audio codec instance (encoder and decoder state for one RTP stream).
//
// PCM is 16-bit linear, interleaved when channels() > 1. Sample counts are per channel
// ("frames" in ALSA terms); buffer capacities are in int16_t elements (samples * channels)
// for PCM and in bytes for payloads. Every call works on caller-provided buffers and does
// not allocate after construction, so codecs can run on the media thread's per-packet path.
//
// Frames are 20 ms, the default packetisation for every codec we offer (RFC 3551 §4.2 for
// G.711, RFC 7587 §4.2 for Opus): frameSamples() = sampleRate() / 50.
class AudioCodec
{
public:
    static constexpr int FrameDurationMs = 20;

    virtual ~AudioCodec() = default;

    // Encoding name as used in SDP rtpmap (RFC 4566 §6): "PCMU", "PCMA", "opus".
    virtual QString name() const = 0;
    // RTP timestamp clock rate (may differ from the PCM rate; not for the codecs here).
    virtual int clockRate() const = 0;
    // Rate of the PCM this codec consumes and produces.
    virtual int sampleRate() const = 0;
    // Channels of decoded PCM.
    virtual int channels() const = 0;
    // Channels expected by encode(); defaults to channels().
    virtual int encodeChannels() const { return channels(); }

    int frameDurationMs() const { return FrameDurationMs; }
    int frameSamples() const { return sampleRate() * FrameDurationMs / 1000; }

    // Encodes `samples` samples per channel (normally frameSamples()) into `out`.
    // Returns the payload size in bytes, or -1 on error (bad arguments, capacity too small).
    virtual int encode(const int16_t *pcm, int samples, uint8_t *out, int capacity) = 0;

    // Decodes one payload. Returns samples per channel written to `out`, or -1 on error
    // (corrupt payload, capacity too small).
    virtual int decode(const uint8_t *payload, int size, int16_t *out, int capacity) = 0;

    // Packet loss concealment: synthesises one frame (frameSamples()) in place of a lost
    // packet. Returns samples per channel, or -1 if `capacity` is too small.
    virtual int conceal(int16_t *out, int capacity) = 0;

    // Forward error correction: rebuilds the frame *before* `nextPayload` from the redundancy
    // that payload carries. Returns samples per channel, or -1 when unsupported/unavailable
    // (callers then fall back to conceal()).
    virtual bool supportsFec() const { return false; }
    virtual int decodeFec(const uint8_t *nextPayload, int size, int16_t *out, int capacity)
    {
        Q_UNUSED(nextPayload);
        Q_UNUSED(size);
        Q_UNUSED(out);
        Q_UNUSED(capacity);
        return -1;
    }
};

} // namespace Media
