// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Clock.h"
#include "TimerQueue.h"

#include <QElapsedTimer>
#include <QTimer>

namespace Sip {

// Production clock: QElapsedTimer for now(), one QTimer for dispatch.
//
// All pending timers live in a TimerQueue and a single Qt::PreciseTimer is armed for the
// earliest deadline. Compared with one QTimer per SIP timer this gives the exact
// ordering guarantees of VirtualClock (deadline, then start order), so a transaction
// behaves the same in tests and in production, and it keeps hundreds of concurrent
// transactions down to one Qt timer registration. PreciseTimer matters here: a
// CoarseTimer may be off by 5%, which would blur T1 = 500 ms (RFC 3261 §17.1.1.1).
//
// The clock lives in the thread that constructs it (its QTimer's affinity) and must only
// be used from that thread; callbacks run from that thread's event loop.
class SystemClock final : public Clock
{
public:
    SystemClock();
    ~SystemClock() override;

    TimePoint now() const override;
    TimerId startTimer(Duration delay, Callback callback) override;
    void cancelTimer(TimerId id) override;

    int pendingTimerCount() const { return static_cast<int>(m_queue.size()); }

private:
    void dispatch();
    void rearm();

    QElapsedTimer m_elapsed;
    QTimer m_timer;
    TimerQueue m_queue;
    bool m_dispatching = false;
    // Points at a local of the running dispatch(), so a callback that destroys the
    // clock (e.g. tearing down the whole SIP stack) does not make dispatch() touch
    // freed members afterwards.
    bool *m_destroyedFlag = nullptr;
};

} // namespace Sip
