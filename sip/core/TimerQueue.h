// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"

#include <cstddef>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace Sip {

// Deadline-ordered store of pending single-shot timers, shared by SystemClock and
// VirtualClock so both fire in exactly the same order: by deadline, ties by start order.
//
// The queue never invokes callbacks itself. takeDue() removes the timer before handing
// its callback out, so the clock can run the callback with the queue in a consistent
// state; that is what makes starting and cancelling timers from a callback safe.
class TimerQueue
{
public:
    struct DueTimer
    {
        TimerId id = TimerId::Invalid;
        Clock::TimePoint deadline {};
        Clock::Callback callback;
    };

    // now + delay, with a negative delay treated as zero and the sum saturated instead
    // of overflowing, so a hostile or absurd delay cannot wrap into the past.
    static Clock::TimePoint deadlineAfter(Clock::TimePoint now, Clock::Duration delay);

    TimerId add(Clock::TimePoint deadline, Clock::Callback callback);
    // Returns false if the id is not pending (fired, cancelled, or never issued).
    bool cancel(TimerId id);
    bool contains(TimerId id) const;

    // Removes and returns the earliest timer whose deadline is <= limit, if any.
    std::optional<DueTimer> takeDue(Clock::TimePoint limit);

    std::optional<Clock::TimePoint> nextDeadline() const;
    std::size_t size() const { return m_byDeadline.size(); }
    bool isEmpty() const { return m_byDeadline.empty(); }
    void clear();

private:
    // Ids increase monotonically, so (deadline, id) orders ties by start order.
    using Key = std::pair<qint64, quint64>;

    std::map<Key, Clock::Callback> m_byDeadline;
    std::unordered_map<quint64, qint64> m_deadlineById;
    quint64 m_lastId = 0;
};

} // namespace Sip
