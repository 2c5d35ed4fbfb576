// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountConfig.h"
#include "EngineConfig.h"
#include "CallState.h"
#include "RegistrationState.h"
#include "StartWindow.h"
#include "SubscriptionIndex.h"
#include "core/Clock.h"
#include "transaction/TimerSettings.h"
#include "transaction/TransactionLayer.h"
#include "transport/Endpoint.h"

#include <QFile>
#include <QHash>
#include <QMap>
#include <QObject>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace Sip {

class InviteSession;
class OwnPresence;
class Publication;
class Subscription;
class Registration;
struct SdpLocalConfig;
class RequestAuthenticator;
class RequestScreen;
class TransactionLayer;
class TransportManager;
class SipMessage;
struct IncomingMessage;

/// The user agent core: transports, the transaction layer, registrations, and the UAS
/// answers every SIP endpoint owes (OPTIONS, 405/501/416/481/482/420). Lives in the
/// signalling thread; SipEngine posts calls to it and relays its signals. Tests may use
/// it directly on their own thread, with a VirtualClock.
class UserAgent : public QObject
{
    Q_OBJECT
public:
    // `clock` may be null: the agent then makes a SystemClock in its own thread.
    explicit UserAgent(Clock *clock = nullptr, QObject *parent = nullptr);
    ~UserAgent() override;

    void setTimerSettings(const TimerSettings &timers) { m_timers = timers; }
    // How often a registered UDP account sends OPTIONS to its registrar to keep the NAT
    // binding and notice a dead server (a failed ping re-registers at once).
    void setKeepAliveInterval(std::chrono::seconds interval) { m_keepAliveInterval = interval; }
    TransportManager *transports() const { return m_transports.get(); }

public slots:
    void start(const Sip::EngineConfig &config);
    void addAccount(const QString &accountId, const Sip::AccountConfig &account);
    void removeAccount(const QString &accountId);
    // The account requests are sent from when none is named (calls, messages, OPTIONS,
    // subscriptions, PUBLISH); empty or unknown: the first account added.
    void setDefaultAccount(const QString &accountId);
    void registerAccount(const QString &accountId);
    void unregisterAccount(const QString &accountId);
    void networkChanged();
    void sendOptions(const QString &requestId, const QString &uri);
    // Pager-mode MESSAGE (RFC 3428) outside any dialog.
    void sendMessage(const QString &requestId, const QString &uri, const QString &contentType,
                     const QByteArray &body);
    // The app has stored an incoming message (or refuses it): only now is it answered, so a
    // message is never acknowledged before it is safe (RFC 3428 §7: 200 means delivered).
    void acceptIncomingMessage(const QString &messageId);
    void rejectIncomingMessage(const QString &messageId, int code, const QString &reason);
    // Calls (RFC 3261 INVITE sessions); `callId` is the app's name for the call.
    // `accountId` empty: the default account (setDefaultAccount()).
    void makeCall(const QString &callId, const QString &uri, const QString &accountId = {});
    void answerCall(const QString &callId);
    void rejectCall(const QString &callId, int code);
    void hangupCall(const QString &callId);
    void holdCall(const QString &callId, bool hold);
    void sendDtmf(const QString &callId, const QString &digits);
    // Blind transfer (RFC 3515): REFER the peer of `callId` to `uri`.
    void transferCall(const QString &callId, const QString &uri);
    // Attended transfer (RFC 5589 §7): REFER the peer of `callId` to the remote party of
    // `consultationCallId`, with a Replaces (RFC 3891) of that call's dialog.
    void transferCallAttended(const QString &callId, const QString &consultationCallId);
    // Presence (RFC 3856): watch a contact; publish our own status (RFC 3903).
    void subscribePresence(const QString &uri);
    void unsubscribePresence(const QString &uri);
    void publishPresence(const QString &status, const QString &note);
    // Serverless presence (we are the notifier, RFC 3856 §5.1): who may watch us.
    void setAllowedWatchers(const QStringList &uris);
    void setWatcherDecisions(const QMap<QString, bool> &decisions);
    void authorizeWatcher(const QString &watcherUri, bool allow);
    // The voicemail indicator (RFC 3842 message-summary) of `uri`; empty: the account's AOR.
    void subscribeMessageSummary(const QString &uri);
    void unsubscribeMessageSummary(const QString &uri);
    void shutdown();

signals:
    void started(const QStringList &listening);
    void startFailed(const QString &reason);
    void registrationChanged(const QString &accountId, const Sip::RegistrationStatus &status);
    void optionsFinished(const QString &requestId, int code, const QString &reason,
                         const QStringList &allow);
    void requestFailed(const QString &requestId, const QString &reason);
    // The final outcome of sendMessage(): 2xx (200, or 202 stored for later) or failure.
    void messageFinished(const QString &requestId, int code, const QString &reason);
    // `messageId` is answered by acceptIncomingMessage()/rejectIncomingMessage().
    // `dateSeconds` is the Date header (msilo offline messages), or -1.
    void messageReceived(const QString &messageId, const QString &from, const QString &to,
                         const QString &contentType, const QByteArray &body,
                         const QString &callId, quint32 cseq, qint64 dateSeconds);
    // RFC 3994: the peer is (or stopped) typing a message to us.
    void composingReceived(const QString &from, bool active);
    void presenceChanged(const QString &uri, const QString &status, const QString &note);
    void subscriptionStateChanged(const QString &uri, const QString &state, const QString &reason);
    void publicationStateChanged(const QString &state, int code, const QString &error);
    // A NOTIFY of `uri` carried a document we could not use; the last good state stays.
    void presenceDocumentRejected(const QString &uri, const QString &reason);
    // A watcher nobody decided on SUBSCRIBEd to us: pending until authorizeWatcher().
    void watcherRequest(const QString &watcherUri, const QString &displayName);
    // A watcher's subscription to us changed: "pending", "active" or "terminated".
    void watcherStateChanged(const QString &watcherUri, const QString &state, const QString &reason);
    // A message-summary NOTIFY: messages waiting, and the voice message counts.
    void messageSummaryChanged(const QString &uri, bool waiting, int newMessages, int oldMessages,
                               const QString &account);
    // The message-summary subscription of `uri` (states as subscriptionStateChanged).
    void messageSummaryStateChanged(const QString &uri, const QString &state, const QString &reason);
    void incomingCall(const QString &callId, const QString &from, const QString &displayName);
    void callStateChanged(const QString &callId, const Sip::CallStatus &status);
    void callMediaChanged(const QString &callId, const Sip::CallMedia &media);
    void callDtmfReceived(const QString &callId, const QString &digit);
    // Transferor: the peer's answer to our REFER, then the sipfrag status of each NOTIFY;
    // `final` when the transfer is over (a 2xx: it worked).
    void callTransferProgress(const QString &callId, int code, const QString &reason, bool final);
    // Transferee: `callId`'s peer REFERred us and we now call `target` as `newCallId` (its
    // progress goes back to the transferor as NOTIFYs).
    void callTransferStarted(const QString &callId, const QString &newCallId,
                             const QString &target);
    // An INVITE with Replaces (RFC 3891) took over `replacedCallId`: the new incoming call
    // `callId` is answered at once, without ringing. Emitted just before its incomingCall().
    void callReplaces(const QString &callId, const QString &replacedCallId);
    // A TLS peer's certificate failed verification: the app may ask the user and store
    // the fingerprint as the account's accepted certificate.
    void certificateRejected(const QString &serverName, const QString &sha256Fingerprint,
                             const QStringList &errors);
    void shutdownComplete();

private:
    struct Account;

    void handleRequest(const ServerTransactionHandle &transaction, const IncomingMessage &request);
    void sendWithAuth(Account *account, const SipMessage &request, const Endpoint &destination,
                      std::function<void(const SipMessage &final)> onFinal);
    void sendAuthenticated(std::shared_ptr<RequestAuthenticator> authenticator, const SipMessage &request,
                           const Endpoint &destination, std::function<void(const SipMessage &)> onFinal,
                           int authRounds);
    std::optional<Endpoint> destinationFor(const QString &uri, TransportType preferred) const;
    Endpoint registrarFor(const Account &account) const;
    QString contactFor(const Account &account) const;
    void startRegistration(Account &account);
    void startKeepAlive(Account &account);
    // OPTIONS to the account's registrar; `done(true)` on any final response.
    void sendPing(Account &account, std::function<void(bool answered)> done);
    void accountConnectionLost(const Endpoint &remote);
    void logMessage(bool outgoing, const Endpoint &peer, QByteArrayView bytes);
    void finishShutdownIfDone();
    // subscription->unsubscribe() through m_unsubscribes; the slot is freed at ended().
    void unsubscribePaced(const QString &key, Subscription *subscription);
    void startOwnPresence(); // the notifier of our own presence, once the layer exists
    SipMessage newOutOfDialogRequest(const char *method, const QString &uri, Account *account,
                                     const Endpoint &destination, std::string *error) const;
    Endpoint destinationForRequest(const QString &uri, Account *account) const;
    QHostAddress localAddressToward(const QHostAddress &peer) const;
    InviteSession *adoptSession(const QString &callId, InviteSession *session);
    // Starts an outgoing call; null (callStateChanged(Terminated) emitted) when it failed.
    InviteSession *startCall(const QString &callId, const QString &uri,
                             const std::vector<std::pair<std::string, std::string>> &extraHeaders,
                             const QString &accountId = {});
    // setDefaultAccount()'s, else the first added; null without accounts.
    Account *defaultAccount() const;
    // Transferee: places the call a REFER of `referredCallId` asked for, NOTIFYing progress.
    void placeTransferCall(const QString &referredCallId, const CallTransferRequest &request);
    // UAS of an INVITE with Replaces (RFC 3891 §3); true when it was one (answered).
    bool takeOverCall(const ServerTransactionHandle &transaction, const IncomingMessage &incoming);
    // Takes an RTP port; SRTP as `account` says, else as the engine's configuration.
    SdpLocalConfig mediaConfigFor(const QHostAddress &address, const Account *account = nullptr);
    int takeRtpPort();
    QString contactForSocket(const Endpoint &local, const Endpoint &peer,
                             const QString &user) const;

    std::unique_ptr<Clock> m_ownClock;
    Clock *m_clock;
    TimerSettings m_timers;
    std::chrono::seconds m_keepAliveInterval { 30 };
    std::unique_ptr<TransportManager> m_transports;
    std::unique_ptr<TransactionLayer> m_transactions;
    std::unique_ptr<RequestScreen> m_screen;
    QHash<QString, std::shared_ptr<Account>> m_accounts;
    QStringList m_accountOrder; // ids as added: the first is the default without a choice
    QString m_defaultAccountId;
    QHash<QString, ServerTransactionHandle> m_pendingMessages;
    mutable QHash<QHostAddress, QHostAddress> m_localAddressCache;
    QHash<QString, InviteSession *> m_calls;
    QHash<QString, Subscription *> m_subscriptions; // by watched URI
    SubscriptionIndex m_subscriptionsByCallId; // the same, for in-dialog requests
    // Initial SUBSCRIBEs waiting for their first answer, at most this many at a time: a
    // burst of thousands (every contact at start-up) overflows the server's UDP socket.
    static constexpr int SubscriptionsStartingAtOnce = 100;
    StartWindow m_subscriptionStarts { SubscriptionsStartingAtOnce };
    // Un-SUBSCRIBEs whose subscription has not ended yet, as many at most: unsubscribing
    // every contact (shutdown) is the same burst (unsubscribePaced()).
    StartWindow m_unsubscribes { SubscriptionsStartingAtOnce };
    Publication *m_publication = nullptr;
    OwnPresence *m_ownPresence = nullptr; // once started
    QStringList m_allowedWatchers;
    QMap<QString, bool> m_watcherDecisions;
    QString m_ownStatus = QStringLiteral("available");
    QString m_ownNote;
    quint64 m_nextIncomingCall = 1;
    quint64 m_nextTransferCall = 1;
    int m_nextRtpPort = 0;
    quint64 m_nextMessageId = 1;
    EngineConfig m_config;
    QFile m_sipLog;
    bool m_shuttingDown = false;
    bool m_started = false;
};

} // namespace Sip
