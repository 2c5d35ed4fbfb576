// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/AudioRing.h"

#include <algorithm>

namespace Media {

AudioRing::AudioRing(int capacity)
    : m_capacity(std::max(capacity, 1))
    , m_buffer(std::make_unique<int16_t[]>(std::size_t(m_capacity)))
{
}

int AudioRing::availableToRead() const
{
    const uint64_t write = m_writePosition.load(std::memory_order_acquire);
    const uint64_t read = m_readPosition.load(std::memory_order_acquire);
    return int(write - read);
}

int AudioRing::availableToWrite() const
{
    return m_capacity - availableToRead();
}

int AudioRing::write(const int16_t *data, int count)
{
    if (!data || count <= 0)
        return 0;
    const uint64_t write = m_writePosition.load(std::memory_order_relaxed); // ours
    const uint64_t read = m_readPosition.load(std::memory_order_acquire);
    const int free = m_capacity - int(write - read);
    const int n = std::min(count, free);
    if (n <= 0)
        return 0;
    const int start = int(write % uint64_t(m_capacity));
    const int first = std::min(n, m_capacity - start);
    std::copy(data, data + first, m_buffer.get() + start);
    std::copy(data + first, data + n, m_buffer.get());
    m_writePosition.store(write + uint64_t(n), std::memory_order_release);
    return n;
}

int AudioRing::read(int16_t *data, int count)
{
    if (!data || count <= 0)
        return 0;
    const uint64_t read = m_readPosition.load(std::memory_order_relaxed); // ours
    const uint64_t write = m_writePosition.load(std::memory_order_acquire);
    const int n = std::min(count, int(write - read));
    if (n <= 0)
        return 0;
    const int start = int(read % uint64_t(m_capacity));
    const int first = std::min(n, m_capacity - start);
    std::copy(m_buffer.get() + start, m_buffer.get() + start + first, data);
    std::copy(m_buffer.get(), m_buffer.get() + (n - first), data + first);
    m_readPosition.store(read + uint64_t(n), std::memory_order_release);
    return n;
}

int AudioRing::discard(int count)
{
    if (count <= 0)
        return 0;
    const uint64_t read = m_readPosition.load(std::memory_order_relaxed);
    const uint64_t write = m_writePosition.load(std::memory_order_acquire);
    const int n = std::min(count, int(write - read));
    if (n <= 0)
        return 0;
    m_readPosition.store(read + uint64_t(n), std::memory_order_release);
    return n;
}

void AudioRing::reset()
{
    m_writePosition.store(0, std::memory_order_relaxed);
    m_readPosition.store(0, std::memory_order_relaxed);
}

} // namespace Media
