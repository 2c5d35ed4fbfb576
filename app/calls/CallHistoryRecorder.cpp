// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "calls/CallHistoryRecorder.h"

#include "storage/StorageThread.h"

#include "sip/SipEngine.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCallHistory, "parlo.callhistory", QtInfoMsg)

namespace App {

CallHistoryRecorder::CallHistoryRecorder(Sip::SipEngine &engine, StorageThread &storage,
                                         QObject *parent)
    : QObject(parent)
    , m_storage(storage)
{
    qRegisterMetaType<App::CallRecord>();
    // At once when the storage runs, else as soon as it does (or at the first call).
    closeInterruptedCalls();
    connect(&storage, &StorageThread::opened, this, [this](bool ok) {
        if (ok)
            closeInterruptedCalls();
    });
    connect(&engine, &Sip::SipEngine::incomingCall, this, &CallHistoryRecorder::onIncomingCall);
    connect(&engine, &Sip::SipEngine::callStateChanged, this,
            &CallHistoryRecorder::onCallStateChanged);
    // A transfer (REFER) makes the engine place a call of its own to the target.
    connect(&engine, &Sip::SipEngine::callTransferStarted, this,
            [this](const QString &, const QString &newCallId, const QString &target) {
                begin(newCallId, CallDirection::Outgoing, target, {});
            });
}

CallHistoryRecorder::~CallHistoryRecorder() = default;

void CallHistoryRecorder::closeInterruptedCalls()
{
    if (m_interruptedClosed || !m_storage.isStarted())
        return;
    // Calls a killed run left open end before this run adds any (CallHistoryStore).
    m_interruptedClosed = true;
    m_storage.post([](StorageContext &s) { s.calls().closeInterrupted(); });
}

void CallHistoryRecorder::recordOutgoing(const QString &callId, const QString &peerUri,
                                         const QString &peerName)
{
    begin(callId, CallDirection::Outgoing, peerUri, peerName);
}

void CallHistoryRecorder::onIncomingCall(const QString &callId, const QString &from,
                                         const QString &displayName)
{
    begin(callId, CallDirection::Incoming, from, displayName);
}

void CallHistoryRecorder::begin(const QString &callId, CallDirection direction,
                                const QString &peerUri, const QString &peerName)
{
    if (m_calls.contains(callId))
        return;
    closeInterruptedCalls();
    TrackedCall call;
    call.record.direction = direction;
    call.record.peerUri = peerUri;
    call.record.peerName = peerName;
    call.record.startMs = QDateTime::currentMSecsSinceEpoch();
    call.record.callId = callId;
    call.record.seen = direction == CallDirection::Outgoing;
    m_calls.insert(callId, call);
    m_storage.run(
            this,
            [record = call.record, row = call.row](StorageContext &s) {
                const auto id = s.calls().add(record);
                *row = id.value_or(0);
                return id ? QString() : s.database().lastError();
            },
            [this, callId](const QString &error) {
                if (!error.isEmpty()) {
                    qCWarning(lcCallHistory) << "call" << callId << "not recorded:" << error;
                    emit recordFailed(callId, error);
                }
            });
}

void CallHistoryRecorder::onCallStateChanged(const QString &callId, const Sip::CallStatus &status)
{
    const auto found = m_calls.find(callId);
    if (found == m_calls.end())
        return; // not announced (e.g. placed without recordOutgoing): nothing to attach to
    CallRecord &record = found->record;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (status.state == Sip::CallState::Confirmed && record.answerMs == 0) {
        record.answerMs = now;
        record.seen = true; // an answered call needs no missed-call badge
        store(*found, false);
        return;
    }
    if (status.state != Sip::CallState::Terminated)
        return;
    record.endMs = now;
    // The outcome of the call's INVITE: 200 once answered, else the final status that
    // ended it (486, 603, 487 for a cancel, 408 ...).
    record.resultCode = record.answerMs != 0 ? 200 : status.statusCode;
    record.reason
            = !status.reason.isEmpty() ? status.reason : Sip::callEndCauseName(status.endCause);
    if (status.endCause == Sip::CallEndCause::AnsweredElsewhere)
        record.seen = true; // taken on another device: nothing was missed
    const TrackedCall call = *found;
    m_calls.erase(found);
    store(call, true);
}

void CallHistoryRecorder::store(const TrackedCall &call, bool final)
{
    m_storage.run(
            this,
            [record = call.record, row = call.row](StorageContext &s) {
                if (*row == 0)
                    return std::optional<CallRecord>(); // the add failed and was reported
                CallRecord stored = record;
                stored.id = *row;
                if (!s.calls().update(stored))
                    return std::optional<CallRecord>();
                return s.calls().call(*row);
            },
            [this, callId = call.record.callId, final](const std::optional<CallRecord> &stored) {
                if (!stored) {
                    emit recordFailed(callId, QStringLiteral("the call record was not updated"));
                    return;
                }
                if (final)
                    emit recorded(*stored);
            });
}

} // namespace App
