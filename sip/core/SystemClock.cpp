// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SystemClock.h"

#include <QThread>

#include <algorithm>
#include <limits>

namespace Sip {

SystemClock::SystemClock()
{
    m_elapsed.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    // &m_timer as context: the connection dies with the timer, before `this` is gone.
    QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { dispatch(); });
}

SystemClock::~SystemClock()
{
    if (m_destroyedFlag)
        *m_destroyedFlag = true;
}

Clock::TimePoint SystemClock::now() const
{
    // QElapsedTimer uses the monotonic clock where the platform has one, which is what
    // timers need: wall-clock jumps (NTP, DST, user changes) must not fire or stall them.
    return TimePoint(m_elapsed.elapsed());
}

TimerId SystemClock::startTimer(Duration delay, Callback callback)
{
    Q_ASSERT_X(QThread::currentThread() == m_timer.thread(), "SystemClock::startTimer",
               "SystemClock used from a thread other than its own");
    const TimerId id = m_queue.add(TimerQueue::deadlineAfter(now(), delay), std::move(callback));
    // Deferred to the end of dispatch() when called from a callback, so the QTimer is
    // re-armed once per pass rather than once per started timer.
    if (!m_dispatching)
        rearm();
    return id;
}

void SystemClock::cancelTimer(TimerId id)
{
    Q_ASSERT_X(QThread::currentThread() == m_timer.thread(), "SystemClock::cancelTimer",
               "SystemClock used from a thread other than its own");
    if (m_queue.cancel(id) && !m_dispatching)
        rearm();
}

void SystemClock::dispatch()
{
    // Fire only what is due at the start of the pass. A callback that keeps starting
    // zero-delay timers would otherwise starve the event loop; with the snapshot such a
    // chain runs for at most the rest of the current millisecond, then yields.
    const TimePoint limit = now();
    bool destroyed = false;
    m_destroyedFlag = &destroyed;
    m_dispatching = true;
    while (auto due = m_queue.takeDue(limit)) {
        if (due->callback)
            due->callback();
        if (destroyed)
            return;
    }
    m_destroyedFlag = nullptr;
    m_dispatching = false;
    rearm();
}

void SystemClock::rearm()
{
    const auto next = m_queue.nextDeadline();
    if (!next) {
        m_timer.stop();
        return;
    }
    // Truncating QElapsedTimer to whole ms makes now() <= the true time, so waiting
    // (deadline - now()) ms can only end at or after the deadline. If the platform timer
    // ever fires early, dispatch() finds nothing due and simply lands here again.
    // QTimer takes an int, so far deadlines are reached in steps of at most ~24 days.
    const qint64 wait
            = std::clamp<qint64>((*next - now()).count(), 0, std::numeric_limits<int>::max());
    m_timer.start(std::chrono::milliseconds(wait));
}

} // namespace Sip
