// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "EngineConfig.h"
#include "ua/AccountConfig.h"
#include "ua/CallState.h"
#include "ua/RegistrationState.h"

#include <QObject>
#include <QThread>

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
    void makeCall(const QString &callId, const QString &uri);
    void answerCall(const QString &callId);
    void rejectCall(const QString &callId, int code);
    void hangupCall(const QString &callId);
    void holdCall(const QString &callId, bool hold);
    void sendDtmf(const QString &callId, const QString &digits);
    void transferCall(const QString &callId, const QString &uri);
    void subscribePresence(const QString &uri);
    void unsubscribePresence(const QString &uri);
    void publishPresence(const QString &status, const QString &note);
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
    void incomingCall(const QString &callId, const QString &from, const QString &displayName);
    void callStateChanged(const QString &callId, const Sip::CallStatus &status);
    void callMediaChanged(const QString &callId, const Sip::CallMedia &media);
    void callDtmfReceived(const QString &callId, const QString &digit);
    void certificateRejected(const QString &serverName, const QString &sha256Fingerprint,
                             const QStringList &errors);
    void shutdownComplete();

private:
    QThread m_thread;
    UserAgent *m_agent = nullptr; // lives in m_thread
};

} // namespace Sip
