// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/StoredMessage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

class QTimer;

namespace Sip {
class SipEngine;
struct RegistrationStatus;
} // namespace Sip

namespace App {

class StorageThread;

/// Instant messages (RFC 3428 pager mode) and typing indications (RFC 3994) for the GUI
/// and parlo-cli alike: the one place that ties the SIP engine to the message store.
/// Lives in the GUI (or CLI) thread; every disk access runs in the StorageThread.
///
/// Outgoing: a message is stored Queued before anything goes out, then Sending, then
/// Sent (2xx) or Failed (code and reason). While the account is offline it stays Queued
/// and goes out when the account is back, together with what a previous run left pending.
/// Incoming: a MESSAGE is stored first and only then answered 200 OK (RFC 3428 §7: a 200
/// promises delivery); a retransmission is answered again but reported once, and a
/// storage failure is answered 500 so the sender knows.
///
/// Nothing is sent before the engine reports started() (connect the engine to this
/// controller before starting it, or call engineStarted() when it already runs).
/// Serverless use (no account) is always online; with an account call
/// setAccountOnline(false) before registering, and SipEngine::registrationChanged takes it
/// from there.
class MessagingController : public QObject
{
    Q_OBJECT

public:
    MessagingController(Sip::SipEngine &engine, StorageThread &storage, QObject *parent = nullptr);
    ~MessagingController() override;

    // Stored as Queued (messageAdded), then sent when online.
    void sendText(const QString &peerUri, const QString &text);
    // A Failed outgoing message goes back to Queued and is sent again.
    void resend(qint64 messageId);
    // RFC 3994: "active" is sent when typing starts and refreshed while it goes on; "idle"
    // when it stops (or 15 s after the last call with active = true). Never stored.
    void sendTyping(const QString &peerUri, bool active);
    void setAccountOnline(bool online);
    // With several accounts, only `accountId`'s registration (the account messages go
    // from) says whether we are online; empty: any account's.
    void setOnlineAccount(const QString &accountId) { m_onlineAccountId = accountId; }
    bool isAccountOnline() const { return m_online; }
    void markRead(qint64 conversationId);

    // The text/plain bodies are stored as text; everything else is kept as base64 of the
    // raw bytes with its content type, and shown as unsupported content.
    static bool isPlainText(const QString &contentType);
    static QString contentTypeWithoutParameters(const QString &contentType);

public slots:
    // The engine runs (connected to SipEngine::started by the constructor).
    void engineStarted();

signals:
    // An outgoing message was queued or an incoming one stored: it is durable.
    void messageAdded(const App::StoredMessage &message);
    void messageStatusChanged(qint64 messageId, App::MessageState state, int code,
                              const QString &reason);
    void typingChanged(const QString &peerUri, bool active);
    void unreadChanged(int totalUnread);
    // A request the controller could not carry out (storage error, unknown message id).
    void operationFailed(const QString &operation, const QString &reason);

private:
    struct TypingState
    {
        bool active = false;
        QElapsedTimer lastActiveSent;
        QTimer *idleTimer = nullptr;
    };

    void flushPending();
    void send(const StoredMessage &message);
    void onMessageFinished(const QString &requestId, int code, const QString &reason);
    void onMessageReceived(const QString &engineMessageId, const QString &from,
                           const QString &contentType, const QByteArray &body,
                           const QString &callId, quint32 cseq, qint64 dateSeconds);
    void onComposingReceived(const QString &from, bool active);
    void onRegistrationChanged(const Sip::RegistrationStatus &status);
    void sendTypingIndication(const QString &peerUri, bool active);
    void stopTyping(const QString &peerUri); // our state only: nothing is sent
    void setPeerTyping(const QString &peerUri, bool active, int timeoutSeconds);
    void refreshUnread();

    Sip::SipEngine &m_engine;
    StorageThread &m_storage;
    QString m_onlineAccountId;
    bool m_online = true;
    bool m_engineStarted = false;
    bool m_flushRunning = false;
    bool m_flushAgain = false;
    quint64 m_nextRequest = 1;
    QHash<QString, qint64> m_requests; // engine request id -> message id
    QSet<qint64> m_inFlight; // being sent: never picked up twice
    QHash<QString, TypingState> m_typing; // ours, per peer
    QHash<QString, QTimer *> m_peerTyping; // theirs: lapses after the RFC 3994 timeout
};

} // namespace App
