// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimerHandle.h"

#include <utility>

namespace Sip {

TimerHandle::TimerHandle(Clock &clock, Clock::Duration delay, Clock::Callback callback)
{
    start(clock, delay, std::move(callback));
}

TimerHandle::~TimerHandle()
{
    cancel();
}

TimerHandle::TimerHandle(TimerHandle &&other) noexcept
    : m_clock(std::exchange(other.m_clock, nullptr))
    , m_id(std::exchange(other.m_id, TimerId::Invalid))
{
}

TimerHandle &TimerHandle::operator=(TimerHandle &&other) noexcept
{
    if (this != &other) {
        cancel();
        m_clock = std::exchange(other.m_clock, nullptr);
        m_id = std::exchange(other.m_id, TimerId::Invalid);
    }
    return *this;
}

void TimerHandle::start(Clock &clock, Clock::Duration delay, Clock::Callback callback)
{
    cancel();
    m_clock = &clock;
    m_id = clock.startTimer(delay, std::move(callback));
}

void TimerHandle::cancel()
{
    // Clear first: cancelTimer() is a no-op for fired timers, but keeping the handle
    // empty afterwards makes a second cancel() (e.g. from the destructor) free.
    Clock *clock = std::exchange(m_clock, nullptr);
    const TimerId id = std::exchange(m_id, TimerId::Invalid);
    if (clock && id != TimerId::Invalid)
        clock->cancelTimer(id);
}

TimerId TimerHandle::release()
{
    m_clock = nullptr;
    return std::exchange(m_id, TimerId::Invalid);
}

} // namespace Sip
