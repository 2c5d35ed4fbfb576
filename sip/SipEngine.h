// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EngineConfig.h"
#include "ua/AccountConfig.h"
#include "ua/CallState.h"
#include "ua/RegistrationState.h"

#include <QMap>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>
#include <utility>

namespace Sip {

class UserAgent;

/// The SIP engine as the application sees it: the one façade app/ includes.
///
/// It owns a thread of its own in which the user agent (transports, transactions,
/// registrations, timers) lives, so a busy GUI never delays a retransmission. Calls are
/// posted to that thread and return at once; results come back as queued signals
/// carrying plain values. Several engines can live in one process (tests do that).
class SipEngine : public QObject
{
    Q_OBJECT
public:
    explicit SipEngine(QObject *parent = nullptr);
    ~SipEngine() override; // stops the engine thread (bounded wait)

    void start(const EngineConfig &config);
    void addAccount(const QString &accountId, const AccountConfig &account);
    void removeAccount(const QString &accountId);
    // The account calls, messages, OPTIONS, subscriptions and PUBLISH go out from when
    // none is named; empty: the first account added.
    void setDefaultAccount(const QString &accountId);
    void registerAccount(const QString &accountId);
    void unregisterAccount(const QString &accountId);
    // The network changed (interface up/down, wake from sleep): rebuild and re-register.
    void networkChanged();
    void sendOptions(const QString &requestId, const QString &uri);
    void sendMessage(const QString &requestId, const QString &uri, const QString &contentType,
                     const QByteArray &body);
    // Answers a received message once the app has stored it (200), or refuses it.
    void acceptIncomingMessage(const QString &messageId);
    void rejectIncomingMessage(const QString &messageId, int code, const QString &reason);
    // Calls, named by the app's `callId` (incoming ones get an id from the engine).
    // From `accountId`; empty: the default account.
    void makeCall(const QString &callId, const QString &uri, const QString &accountId = {});
    void answerCall(const QString &callId);
    void rejectCall(const QString &callId, int code);
    void hangupCall(const QString &callId);
    void holdCall(const QString &callId, bool hold);
    void sendDtmf(const QString &callId, const QString &digits);
    void transferCall(const QString &callId, const QString &uri);
    // Attended transfer: the peer of `callId` replaces our call `consultationCallId`.
    void transferCallAttended(const QString &callId, const QString &consultationCallId);
    void subscribePresence(const QString &uri);
    void unsubscribePresence(const QString &uri);
    // Our status (a PresenceStatuses name) and note: NOTIFYed to every active watcher of
    // ours, and PUBLISHed (RFC 3903) when there is an account.
    void publishPresence(const QString &status, const QString &note);
    // Serverless presence: who may watch us. Watchers in the allowed list (the contact
    // list) or with a decision (URI -> allowed) are answered at once; anyone else is held
    // pending (watcherRequest()) until authorizeWatcher(), whose answer is also remembered
    // for the rest of the run.
    void setAllowedWatchers(const QStringList &uris);
    void setWatcherDecisions(const QMap<QString, bool> &decisions);
    void authorizeWatcher(const QString &watcherUri, bool allow);
    // The voicemail indicator (RFC 3842 message-summary) of `uri`; empty: the account's AOR.
    void subscribeMessageSummary(const QString &uri);
    void unsubscribeMessageSummary(const QString &uri);
    // Unregisters every account (bounded time), then emits shutdownComplete.
    void shutdown();

signals:
    void started(const QStringList &listening); // e.g. "udp:127.0.0.1:5070"
    void startFailed(const QString &reason);
    void registrationChanged(const QString &accountId, const Sip::RegistrationStatus &status);
    void optionsFinished(const QString &requestId, int code, const QString &reason,
                         const QStringList &allow);
    void requestFailed(const QString &requestId, const QString &reason);
    void messageFinished(const QString &requestId, int code, const QString &reason);
    void messageReceived(const QString &messageId, const QString &from, const QString &to,
                         const QString &contentType, const QByteArray &body, const QString &callId,
                         quint32 cseq, qint64 dateSeconds);
    void composingReceived(const QString &from, bool active);
    void presenceChanged(const QString &uri, const QString &status, const QString &note);
    void subscriptionStateChanged(const QString &uri, const QString &state, const QString &reason);
    void publicationStateChanged(const QString &state, int code, const QString &error);
    // A NOTIFY of `uri` carried a document we could not use (it was answered 200; the last
    // good state stays): `reason` says why, e.g. "malformed PIDF from ...: line 3 ...".
    void presenceDocumentRejected(const QString &uri, const QString &reason);
    // A watcher nobody decided on wants our presence; answer with authorizeWatcher().
    void watcherRequest(const QString &watcherUri, const QString &displayName);
    // A watcher's subscription to us: "pending", "active" or "terminated" (with a reason).
    void watcherStateChanged(const QString &watcherUri, const QString &state,
                             const QString &reason);
    // A message-summary NOTIFY (RFC 3842): messages waiting, voice messages new/old, and
    // the Message-Account (may be empty). A body that does not parse keeps the last one
    // and is reported by messageSummaryStateChanged() with the reason.
    void messageSummaryChanged(const QString &uri, bool waiting, int newMessages, int oldMessages,
                               const QString &account);
    void messageSummaryStateChanged(const QString &uri, const QString &state,
                                    const QString &reason);
    void incomingCall(const QString &callId, const QString &from, const QString &displayName);
    void callStateChanged(const QString &callId, const Sip::CallStatus &status);
    void callMediaChanged(const QString &callId, const Sip::CallMedia &media);
    void callDtmfReceived(const QString &callId, const QString &digit);
    void callTransferProgress(const QString &callId, int code, const QString &reason, bool final);
    void callTransferStarted(const QString &callId, const QString &newCallId,
                             const QString &target);
    void callReplaces(const QString &callId, const QString &replacedCallId);
    void certificateRejected(const QString &serverName, const QString &sha256Fingerprint,
                             const QStringList &errors);
    void shutdownComplete();

private:
    // Runs `call` in the engine thread, unless the engine is being destroyed by then.
    template<typename Call>
    void post(Call &&call)
    {
        QMetaObject::invokeMethod(
                m_agent,
                [stopping = m_stopping, call = std::forward<Call>(call)] {
                    if (!stopping->load())
                        call();
                },
                Qt::QueuedConnection);
    }

    QThread m_thread;
    UserAgent *m_agent = nullptr; // lives in m_thread
    // Shared with the queued calls, which may outlive this object.
    std::shared_ptr<std::atomic_bool> m_stopping = std::make_shared<std::atomic_bool>(false);
};

} // namespace Sip
