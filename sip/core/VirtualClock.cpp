// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "VirtualClock.h"

#include <algorithm>
#include <limits>

namespace Sip {

VirtualClock::VirtualClock(TimePoint start)
    : m_now(start)
{
}

VirtualClock::~VirtualClock() = default;

TimerId VirtualClock::startTimer(Duration delay, Callback callback)
{
    return m_queue.add(TimerQueue::deadlineAfter(m_now, delay), std::move(callback));
}

void VirtualClock::cancelTimer(TimerId id)
{
    m_queue.cancel(id);
}

int VirtualClock::advance(Duration delta)
{
    return advanceTo(TimerQueue::deadlineAfter(m_now, delta));
}

int VirtualClock::advanceTo(TimePoint t)
{
    int fired = 0;
    // Re-query the queue after every callback: the callback may have started timers
    // that are due before t, or cancelled ones that were.
    while (fireNextDue(t))
        ++fired;
    // std::max: a callback could itself have advanced the clock past t.
    m_now = std::max(m_now, t);
    return fired;
}

int VirtualClock::runUntilIdle(int maxTimers)
{
    int fired = 0;
    while (fired < maxTimers && fireNextDue(TimePoint(std::numeric_limits<TimePoint::rep>::max())))
        ++fired;
    return fired;
}

int VirtualClock::pendingTimerCount() const
{
    return static_cast<int>(m_queue.size());
}

bool VirtualClock::fireNextDue(TimePoint limit)
{
    auto due = m_queue.takeDue(limit);
    if (!due)
        return false;
    // A timer started with zero delay has deadline == m_now; std::max keeps now()
    // monotonic even if a callback advanced the clock on its own.
    m_now = std::max(m_now, due->deadline);
    if (due->callback)
        due->callback();
    return true;
}

} // namespace Sip
