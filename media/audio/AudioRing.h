// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace Media {

// Lock-free single-producer / single-consumer ring of int16 samples, between a sound
// device callback and the media thread: neither side ever blocks or allocates after
// construction, so a slow side costs samples (overrun/underrun counted by the caller), never
// a glitch in the other.
//
// Exactly one thread may call write() and one (other) thread read()/discard(); the
// available*() queries are exact for the calling side and conservative for the other.
// Positions are 64-bit counters that never wrap in practice (2^63 samples is millions of
// years at 48 kHz), so "full" and "empty" need no extra flag. The write position is
// published with release and read with acquire, so the consumer sees the samples before it
// sees the position that covers them (and vice versa for the space the consumer frees).
class AudioRing
{
public:
    explicit AudioRing(int capacity);

    AudioRing(const AudioRing &) = delete;
    AudioRing &operator=(const AudioRing &) = delete;

    int capacity() const { return m_capacity; }
    int availableToRead() const;
    int availableToWrite() const;

    // Producer: copies up to `count` samples; returns how many fitted.
    int write(const int16_t *data, int count);
    // Consumer: copies up to `count` samples out; returns how many there were.
    int read(int16_t *data, int count);
    // Consumer: drops up to `count` samples (e.g. to bound latency); returns how many.
    int discard(int count);

    // Empties the ring. Only while neither side is running.
    void reset();

private:
    const int m_capacity;
    std::unique_ptr<int16_t[]> m_buffer;
    // Separate cache lines: each is written by one side only, so they should not bounce.
    alignas(64) std::atomic<uint64_t> m_writePosition { 0 };
    alignas(64) std::atomic<uint64_t> m_readPosition { 0 };
};

} // namespace Media
