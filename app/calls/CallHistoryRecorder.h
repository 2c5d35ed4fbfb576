// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/CallRecord.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace Sip {
class SipEngine;
struct CallStatus;
} // namespace Sip

namespace App {

class StorageThread;

/// Writes every call into the call history (CallHistoryStore) as it happens: a row when
/// the call starts, updated on answer and on hang-up, so a crash mid-call still leaves a
/// record (closed as "Interrupted" at the next start). Incoming calls are seen through
/// SipEngine::incomingCall; outgoing ones are announced by whoever places them
/// (recordOutgoing(), right after SipEngine::makeCall) since only the app knows the URI
/// it dialled. An incoming call that ends unanswered (cancelled, declined, timed out) is
/// a missed call. Lives in the GUI (or CLI) thread; the disk is touched only in the
/// StorageThread.
class CallHistoryRecorder : public QObject
{
    Q_OBJECT

public:
    CallHistoryRecorder(Sip::SipEngine &engine, StorageThread &storage, QObject *parent = nullptr);
    ~CallHistoryRecorder() override;

    void recordOutgoing(const QString &callId, const QString &peerUri,
                        const QString &peerName = {});

signals:
    // The call ended and its final record is stored (record.id set).
    void recorded(const App::CallRecord &record);
    void recordFailed(const QString &callId, const QString &reason);

private:
    struct TrackedCall
    {
        CallRecord record;
        // The row id, written by the add job and read by later jobs: all in the storage
        // thread, in posting order, so no lock is needed.
        std::shared_ptr<qint64> row = std::make_shared<qint64>(0);
    };

    void closeInterruptedCalls();
    void begin(const QString &callId, CallDirection direction, const QString &peerUri,
               const QString &peerName);
    void onIncomingCall(const QString &callId, const QString &from, const QString &displayName);
    void onCallStateChanged(const QString &callId, const Sip::CallStatus &status);
    void store(const TrackedCall &call, bool final);

    StorageThread &m_storage;
    QHash<QString, TrackedCall> m_calls;
    bool m_interruptedClosed = false;
};

} // namespace App
