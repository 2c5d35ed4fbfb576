// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PresenceUpdate.h"
#include "SubscriptionStatus.h"
#include "core/Clock.h"
#include "core/TimerHandle.h"
#include "dialog/Dialog.h"
#include "dialog/DialogSender.h"
#include "message/SipMessage.h"
#include "transaction/TransactionLayer.h"
#include "transport/Endpoint.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Sip {

class CredentialCache;

/// The subscriber side of one SIP event subscription (RFC 6665), by default to the
/// presence of one contact (RFC 3856: Event: presence, Accept: application/pidf+xml).
///
/// subscribe() sends a SUBSCRIBE outside any dialog to the contact's URI through the
/// given first hop (the account's proxy). The dialog is created by the 2xx, or by a
/// NOTIFY that overtakes it (RFC 6665 §4.1.2.4, matched by Call-ID, To tag = our From
/// tag and Event); a NOTIFY from a second fork (another From tag) is answered 481, which
/// ends that fork's subscription (§4.5.2: only the first dialog is kept).
///
/// Refreshes: an in-dialog SUBSCRIBE before the subscription runs out, timed from the
/// Expires of the last 2xx or the expires parameter of the last Subscription-State
/// (§4.1.2.2; see PresenceSupport::refreshDelay: 3600 s -> after 3240 s).
///
/// NOTIFYs are answered 200 (§4.1.3) - also when the body is malformed, which is reported
/// with documentRejected() while the last good state is kept. A NOTIFY out of CSeq order
/// gets 500, one without Subscription-State 400, one for another event 489, one for a
/// dialog we no longer have 481.
///
/// Subscription-State (§4.1.3, §4.2.2):
///   active / pending           phase Active / Pending; expires re-times the refresh
///   terminated;reason=
///     deactivated, timeout     a new subscription at once (new Call-ID and From tag)
///     probation, unknown, none a new subscription after retry-after, else at once
///     giveup                   a new subscription after retry-after; without one: stop
///     rejected, noresource,
///     invariant                stop (Terminated)
/// "At once" becomes the back-off when the subscription being replaced lived less than
/// Settings::stableAfter, so a notifier that terminates every subscription at once is
/// not hammered.
///
/// Failures of a SUBSCRIBE (initial or refresh): 401/407 answered from the credentials
/// (RequestAuthenticator; a wrong password stops), 423 retried with Min-Expires, 489 Bad
/// Event stops; 408 / timeout / transport error (synthetic 503), 481, 480, 486, 5xx and
/// 600 start a new subscription after the back-off (Settings::firstRetry doubling up to
/// Settings::maxRetry, or Retry-After); other 3xx-6xx (403, 404, 603, ...) stop. No
/// NOTIFY within 64*T1 of the initial SUBSCRIBE (Timer N, §4.1.2.4) is a failure too.
///
/// unsubscribe(): SUBSCRIBE with Expires: 0 in the dialog (§4.1.2.3), then Terminated on
/// the final NOTIFY (terminated), a failure response, or Timer N. Before the dialog
/// exists the unsubscribe waits for it; while a retry is pending it ends at once.
///
/// Wiring: the UA gives the subscription every request whose To tag and Call-ID are its
/// own (ownsRequest() -> handleRequest()); requests inside the dialog go to its next hop,
/// resolved by the `resolver` given to the constructor.
///
/// Single-threaded (the signalling thread), everything on the layer's Clock. Signals are
/// emitted synchronously; do not delete the subscription from a slot of statusChanged(),
/// presenceChanged(), notified() or documentRejected() - wait for ended(), which is
/// emitted from the clock once the subscription is Terminated, and from whose slot it may
/// be deleted at once.
class Subscription : public QObject
{
    Q_OBJECT
public:
    using Resolver = DialogSender::Resolver;

    struct Settings
    {
        // The event package (RFC 6665 §8.2.1) and the Accept header field value; an empty
        // accept sends no Accept (the package default applies, §4.1.2.1).
        std::string event = "presence";
        std::string accept = "application/pidf+xml";
        // The duration asked for, seconds (RFC 3856 §6.4: presence defaults to 3600).
        int expires = 3600;
        // Back-off of new subscriptions after failures: first, doubling, capped.
        std::chrono::seconds firstRetry { 5 };
        std::chrono::seconds maxRetry { 300 };
        // A subscription that lasted at least this long resets the back-off.
        std::chrono::seconds stableAfter { 60 };
        // Authentication rounds per request (proxy + server challenge + a stale nonce).
        int maxAuthRounds = 3;
        // User-Agent of our requests; empty: none.
        std::string userAgent;
        std::string allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, SUBSCRIBE, NOTIFY, REFER, INFO, UPDATE";
    };

    // What subscribe() needs.
    struct Params
    {
        std::string fromUri; // our AOR, e.g. "sip:alice@example.com"
        std::string displayName; // may be empty
        std::string targetUri; // the presentity: Request-URI and To
        std::string contact; // our Contact URI, e.g. "sip:alice@192.0.2.1:5060"
        // The first hop of every initial SUBSCRIBE (the outbound proxy, or the target).
        // Null: the target URI is resolved with the resolver.
        Endpoint destination;
        // For 401/407 challenges; may be null. Must outlive the subscription.
        CredentialCache *credentials = nullptr;
        // More header fields for every initial SUBSCRIBE (a preloaded Route, ...).
        std::vector<std::pair<std::string, std::string>> extraHeaders;
    };

    Subscription(TransactionLayer &layer, Resolver resolver, QObject *parent = nullptr);
    Subscription(TransactionLayer &layer, Resolver resolver, Settings settings,
                 QObject *parent = nullptr);
    // Abandons the subscription silently (no unsubscribe): unsubscribe() first and wait
    // for ended() to leave the notifier clean.
    ~Subscription() override;

    Subscription(const Subscription &) = delete;
    Subscription &operator=(const Subscription &) = delete;

    // Sends the initial SUBSCRIBE. False (with the reason; no signal, nothing sent) when
    // the parameters are unusable or the first hop does not resolve. Call once.
    bool subscribe(const Params &params, QString *error = nullptr);
    // Ends the subscription (see the class comment). No-op when already Terminated or
    // unsubscribing.
    void unsubscribe();
    // Starts a new subscription at once (a new dialog, the back-off forgotten), e.g.
    // after a network change gave us a new Contact: `contact` replaces it when not empty.
    // The old dialog is dropped without unsubscribing. No-op when Terminated or
    // unsubscribing.
    void resubscribe(const std::string &contact = {});

    // ---- Routing (the UA calls these) ---------------------------------------------------

    // Whether `request` (a NOTIFY, or any request with a To tag) is for this subscription:
    // its Call-ID is ours and its To tag our From tag. A NOTIFY from another fork is
    // claimed too (and answered 481).
    bool ownsRequest(const SipMessage &request) const;
    // Answers a request ownsRequest() claimed (see the class comment).
    void handleRequest(const ServerTransactionHandle &transaction, const IncomingMessage &request);

    // ---- State ---------------------------------------------------------------------------

    const SubscriptionStatus &status() const { return m_status; }
    SubscriptionPhase phase() const { return m_status.phase; }
    const Settings &settings() const { return m_settings; }
    const Params &params() const { return m_params; }
    const std::string &targetUri() const { return m_params.targetUri; }
    // The Call-ID and From tag of the current subscription (change on every new one).
    const std::string &callId() const { return m_callId; }
    const std::string &localTag() const { return m_fromTag; }
    // The dialog of the current subscription; null before it exists.
    std::shared_ptr<const Dialog> dialog() const { return m_dialog; }
    // The last good presence (survives new subscriptions); nullopt before the first.
    const std::optional<PresenceUpdate> &presence() const { return m_presence; }
    // When the current subscription runs out (Clock time), nullopt when unknown.
    std::optional<Clock::TimePoint> expiresAt() const { return m_expiresAt; }
    bool isEnded() const { return m_ended; }

signals:
    // Every change of phase, reason, code, error, expires or retry delay.
    void statusChanged(const Sip::SubscriptionStatus &status);
    // A NOTIFY carried a new, well-formed presence document (event package "presence").
    void presenceChanged(const Sip::PresenceUpdate &presence);
    // Every NOTIFY with a body, whatever the package (for packages other than presence).
    void notified(const QString &contentType, const QByteArray &body);
    // A NOTIFY body we could not use (malformed PIDF, another content type); the NOTIFY
    // was still answered 200 and the last good presence is kept.
    void documentRejected(const QString &reason);
    // Terminated and nothing left to do: delete it (from the slot, if you like).
    void ended();
    // A new subscription (a new dialog) got a new Call-ID: callId() and localTag() changed
    // (emitted before its SUBSCRIBE is sent). The UA re-indexes it (SubscriptionIndex).
    void callIdChanged();

private:
    struct Attempt;

    // status
    void setPhase(SubscriptionPhase phase, int code = 0, const QString &error = {});
    void setStatus(const SubscriptionStatus &status);
    void stop(int code, const QString &error, const QString &reason = {});
    void scheduleRetry(std::chrono::seconds delay, int code, const QString &error,
                       const QString &reason = {});
    std::chrono::seconds nextBackoff();
    std::chrono::seconds nextImmediate();
    void maybeEnd();

    // initial SUBSCRIBE
    bool startSubscription(QString *error);
    SipMessage buildInitial(int expires, QString *error);
    bool transmitInitial(const SipMessage &request, const std::shared_ptr<Attempt> &attempt,
                         std::string *error);
    void onInitialEvent(const ClientEvent &event, const SipMessage &request,
                        const std::shared_ptr<Attempt> &attempt);
    bool createDialogFromResponse(const SipMessage &request, const SipMessage &response);
    bool createDialogFromNotify(const SipMessage &notify);
    void startTimerN();

    // in-dialog SUBSCRIBE (refresh, unsubscribe)
    void sendRefresh(int expires);
    void sendInDialog(const SipMessage &request, const std::shared_ptr<Attempt> &attempt);
    void onInDialogEvent(const ClientEvent &event, const SipMessage &request,
                         const std::shared_ptr<Attempt> &attempt);
    void sendUnsubscribe();
    void addCommonHeaders(SipMessage &request, int expires) const;

    // responses common to both
    bool answerChallenge(const ClientEvent &event, const SipMessage &request,
                         const std::shared_ptr<Attempt> &attempt, SipMessage &retry, QString *why);
    void granted(const SipMessage &response, int requested);
    void setExpiry(int seconds);
    void failed(const SipMessage &response);

    // NOTIFY
    void onNotify(const ServerTransactionHandle &transaction, const SipMessage &request);
    void applyBody(const SipMessage &request);
    void onTerminated(const QString &reason, int retryAfter);

    TransactionLayer &m_layer;
    DialogSender m_sender;
    Settings m_settings;
    Params m_params;
    SubscriptionStatus m_status;
    std::shared_ptr<Dialog> m_dialog;

    // the current subscription
    std::string m_callId;
    std::string m_fromTag;
    uint32_t m_cseq = 0; // of the initial SUBSCRIBE (and its auth retries)
    SipMessage m_initial; // the initial SUBSCRIBE last sent (without Via)
    bool m_initialPending = false; // no final response to it yet
    bool m_notified = false; // a NOTIFY arrived in the current subscription
    quint64 m_generation = 0; // bumped by every new subscription: older answers are stale
    int m_expires = 3600; // asked for (423 may raise it)
    std::optional<Clock::TimePoint> m_expiresAt;
    Clock::TimePoint m_startedAt { 0 };
    int m_failures = 0;

    bool m_started = false;
    bool m_wantUnsubscribe = false;
    bool m_unsubscribeSent = false;
    bool m_ended = false;
    bool m_endScheduled = false;

    std::optional<PresenceUpdate> m_presence;

    TimerHandle m_refreshTimer;
    TimerHandle m_retryTimer;
    TimerHandle m_timerN;
    TimerHandle m_endTimer;
};

} // namespace Sip
