// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"

namespace Sip {

// Move-only owner of one Clock timer that cancels it on destruction.
//
// Meant as a member of a transaction or dialog: when the object dies, its timers cannot
// fire into freed memory. Restarting via start() cancels the previous timer first, which
// suits RFC 3261 §17.1.1.2 Timer A, re-armed with a doubled interval on every firing.
// The Clock must outlive the handle. Cancelling after the timer fired is harmless
// (Clock::cancelTimer of a fired id is a no-op and ids are never reused).
class TimerHandle
{
public:
    TimerHandle() = default;
    TimerHandle(Clock &clock, Clock::Duration delay, Clock::Callback callback);
    ~TimerHandle();

    TimerHandle(const TimerHandle &) = delete;
    TimerHandle &operator=(const TimerHandle &) = delete;
    TimerHandle(TimerHandle &&other) noexcept;
    TimerHandle &operator=(TimerHandle &&other) noexcept;

    // Cancels any timer held, then starts a new one on clock.
    void start(Clock &clock, Clock::Duration delay, Clock::Callback callback);
    // Cancels the held timer (if any) and empties the handle.
    void cancel();
    // Empties the handle without cancelling; the timer keeps running unowned.
    TimerId release();

    // True if the handle holds a timer id; the timer may have fired since.
    bool isSet() const { return m_id != TimerId::Invalid; }
    TimerId id() const { return m_id; }

private:
    Clock *m_clock = nullptr;
    TimerId m_id = TimerId::Invalid;
};

} // namespace Sip
