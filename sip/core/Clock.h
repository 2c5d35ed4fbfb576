// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <chrono>
#include <functional>

namespace Sip {

// Identifies one timer started on a Clock. Ids are never reused by a clock (64-bit
// counter), so cancelling a stale id can never hit a newer timer. Invalid (0) is never
// handed out and may be used as "no timer".
enum class TimerId : quint64 { Invalid = 0 };

// Time source and single-shot timer service for the transaction layer.
//
// The RFC 3261 §17 transaction state machines are driven entirely by timers (A-K, T1,
// T2, T4). Routing every timer through this interface, instead of QTimer directly, lets
// the same state machine code run against SystemClock in production and VirtualClock in
// tests, where a 32 s Timer B (64*T1, §17.1.1.2) is checked in microseconds.
//
// Deliberately not a QObject: the interface needs no signals, no properties and no
// thread affinity of its own, and a plain abstract class keeps VirtualClock free of any
// event loop. SystemClock owns the one QObject (a QTimer) it needs internally.
//
// Contract for every implementation:
//  - now() is monotonic: it never goes backwards. Its epoch is arbitrary (per clock);
//    only differences between two values of the same clock are meaningful.
//  - startTimer() is single shot; a negative delay is treated as zero. The callback is
//    always invoked later from the clock's dispatch, never from inside startTimer().
//  - Timers due at the same instant fire in the order they were started.
//  - cancelTimer() of an id that already fired, was already cancelled, or is unknown
//    is a no-op.
//  - A callback may start and cancel timers (including cancelling timers that are due
//    in the same dispatch pass; a cancelled timer never fires afterwards).
//  - Not thread-safe: use a clock from a single thread.
class Clock
{
public:
    using Duration = std::chrono::milliseconds;
    // Milliseconds since the clock's (arbitrary) epoch.
    using TimePoint = std::chrono::milliseconds;
    using Callback = std::function<void()>;

    Clock() = default;
    virtual ~Clock();

    Clock(const Clock &) = delete;
    Clock &operator=(const Clock &) = delete;
    Clock(Clock &&) = delete;
    Clock &operator=(Clock &&) = delete;

    virtual TimePoint now() const = 0;
    virtual TimerId startTimer(Duration delay, Callback callback) = 0;
    virtual void cancelTimer(TimerId id) = 0;
};

} // namespace Sip
