// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TimerQueue.h"

#include <limits>

namespace Sip {

Clock::TimePoint TimerQueue::deadlineAfter(Clock::TimePoint now, Clock::Duration delay)
{
    constexpr auto max = std::numeric_limits<Clock::Duration::rep>::max();
    const auto d = delay.count() < 0 ? Clock::Duration::rep(0) : delay.count();
    if (d > max - now.count())
        return Clock::TimePoint(max);
    return now + Clock::Duration(d);
}

TimerId TimerQueue::add(Clock::TimePoint deadline, Clock::Callback callback)
{
    const quint64 id = ++m_lastId;
    m_byDeadline.emplace(Key { deadline.count(), id }, std::move(callback));
    m_deadlineById.emplace(id, deadline.count());
    return static_cast<TimerId>(id);
}

bool TimerQueue::cancel(TimerId id)
{
    const auto it = m_deadlineById.find(static_cast<quint64>(id));
    if (it == m_deadlineById.end())
        return false;
    m_byDeadline.erase(Key { it->second, it->first });
    m_deadlineById.erase(it);
    return true;
}

bool TimerQueue::contains(TimerId id) const
{
    return m_deadlineById.find(static_cast<quint64>(id)) != m_deadlineById.end();
}

std::optional<TimerQueue::DueTimer> TimerQueue::takeDue(Clock::TimePoint limit)
{
    const auto first = m_byDeadline.begin();
    if (first == m_byDeadline.end() || first->first.first > limit.count())
        return std::nullopt;
    DueTimer due { static_cast<TimerId>(first->first.second), Clock::TimePoint(first->first.first),
                   std::move(first->second) };
    m_deadlineById.erase(first->first.second);
    m_byDeadline.erase(first);
    return due;
}

std::optional<Clock::TimePoint> TimerQueue::nextDeadline() const
{
    if (m_byDeadline.empty())
        return std::nullopt;
    return Clock::TimePoint(m_byDeadline.begin()->first.first);
}

void TimerQueue::clear()
{
    m_byDeadline.clear();
    m_deadlineById.clear();
}

} // namespace Sip
