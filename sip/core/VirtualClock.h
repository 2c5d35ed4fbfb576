// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"
#include "TimerQueue.h"

#include <optional>

namespace Sip {

// Clock for tests: time stands still until the test moves it.
//
// Timers fire only from advance(), advanceTo() and runUntilIdle(), in deadline order
// (ties in start order), and now() reads exactly the timer's deadline while its callback
// runs. A timer started by a callback fires within the same advance if its deadline is
// still inside the advanced range, so chains such as RFC 3261 §17.1.1.2 Timer A
// retransmissions (T1, 2*T1, 4*T1, ...) play out fully in one advance() call.
class VirtualClock final : public Clock
{
public:
    explicit VirtualClock(TimePoint start = TimePoint(0));
    ~VirtualClock() override;

    TimePoint now() const override { return m_now; }
    TimerId startTimer(Duration delay, Callback callback) override;
    void cancelTimer(TimerId id) override;

    // Moves time forward by delta (a negative delta is treated as zero), firing every
    // timer that falls due. Returns the number of timers fired.
    int advance(Duration delta);
    // Moves time forward to t; a t in the past does not move time back. Returns the
    // number of timers fired.
    int advanceTo(TimePoint t);
    // Jumps from deadline to deadline until no timer is pending, and returns the number
    // fired. maxTimers bounds the work so a callback that re-arms itself forever (a
    // periodic keep-alive, say) cannot hang a test; when the bound is hit, the remaining
    // timers stay pending.
    int runUntilIdle(int maxTimers = 100000);

    int pendingTimerCount() const;
    std::optional<TimePoint> nextDeadline() const { return m_queue.nextDeadline(); }
    bool isTimerPending(TimerId id) const { return m_queue.contains(id); }

private:
    bool fireNextDue(TimePoint limit);

    TimerQueue m_queue;
    TimePoint m_now;
};

} // namespace Sip
