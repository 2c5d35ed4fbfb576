// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallState.h"
#include "core/TimerHandle.h"
#include "dialog/Dialog.h"
#include "dialog/DialogSender.h"
#include "message/SipMessage.h"
#include "sdp/SdpLocalConfig.h"
#include "sdp/SdpNegotiator.h"
#include "sdp/SessionDescription.h"
#include "transaction/TransactionLayer.h"
#include "transport/Endpoint.h"

#include <QObject>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace Sip {

class CredentialCache;
class InviteForkHandler;
struct ForkResult;
class RequestAuthenticator;

/// The INVITE dialog usage of one call (RFC 3261 §13-§15), either side:
///
/// UAC  makeCall() builds the INVITE with an SDP offer (RFC 3264) and sends it through an
///      InviteForkHandler (every 2xx ACKed, the first one is the call, other forks' 2xx
///      get ACK + BYE). 1xx -> Ringing / Early (183 with SDP: early media), 2xx ->
///      Confirmed, 3xx followed (up to Settings::maxRedirects), 401/407 answered once per
///      challenge (a new INVITE, CSeq + 1), 422 retried with the peer's Min-SE (RFC 4028),
///      other finals -> Terminated. hangup() CANCELs before the answer (held back by the
///      transaction layer until a 1xx arrived, §9.1) and BYEs after it; a 2xx that beats
///      the CANCEL is ACKed and BYEd. A no-answer timer CANCELs.
/// UAS  incoming() takes a new INVITE from the UA: checks the offer (488 + Warning when it
///      cannot be answered, 415 for a body that is not SDP), sends 180 with a To tag,
///      answer() sends 200 with the SDP answer (or an offer, when the INVITE had none:
///      the answer then comes in the ACK, §13.2.1), the ACK confirms the call, no ACK
///      (Timer L, RFC 6026) ends it with BYE. reject(), CANCEL -> 487 (missed call).
/// Both In the dialog: BYE, hold/resume by re-INVITE (sendonly / sendrecv offers) with 491
///      glare back-off (§14.1), the peer's re-INVITE / UPDATE (a hold from the peer ->
///      Held), DTMF by INFO (application/dtmf-relay) both ways, session timers
///      (RFC 4028), REFER transfers (RFC 3515: blind, attended with Replaces, RFC 3891)
///      as transferor and transferee.
///
/// Wiring. The UA owns the TransactionLayer and its handlers; it gives the session what
/// belongs to it:
///   - a new INVITE (no To tag)              -> new session, incoming()
///   - a request whose dialog matches         -> handleRequest() (see ownsRequest())
///   - the CancelHandler's INVITE             -> handleCancel() (true when it was ours)
///   - the AckHandler's ACK                   -> handleAck() (true when it was ours)
/// Requests inside the dialog go to the dialog's next hop (route set, remote target),
/// resolved by the `resolver` given to the constructor.
///
/// Single-threaded (the signalling thread), virtual-time testable (everything runs on the
/// layer's Clock). Signals are emitted synchronously; do not delete the session from a
/// slot of stateChanged() / mediaChanged() - wait for ended(), which is emitted from the
/// clock (never from inside a call into the session) once the session has nothing left
/// to do, and from whose slot it may be deleted at once.
class InviteSession : public QObject
{
    Q_OBJECT
public:
    enum class Role : quint8 { Uac, Uas };
    using Resolver = DialogSender::Resolver;

    struct Settings
    {
        // UAC: CANCEL a call not answered by then; UAS: stop ringing with 480 (a missed
        // call). Zero: never.
        std::chrono::milliseconds noAnswerTimeout { std::chrono::seconds(120) };
        // UAS: send 180 Ringing from incoming(); false: the owner calls ring().
        bool autoRinging = true;
        // UAC: how many 3xx redirections to follow (RFC 3261 §8.1.3.4); 0: none.
        int maxRedirects = 5;
        // User-Agent of requests and Server of responses; empty: none.
        std::string userAgent;
        std::string allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE";
        std::string supported = "replaces, timer";
        // RFC 4028 session timers. UAC: the Session-Expires (seconds) asked for in the
        // INVITE, 0: none asked (we still follow a UAS or proxy that wants one). Both: the
        // smallest interval we accept (Min-SE, >= 90): a shorter request gets 422.
        int sessionExpires = 1800;
        int minSessionExpires = 90;
        // Transferor: hang up once the transfer target answered (NOTIFY with a 2xx).
        bool hangupAfterTransfer = true;
    };

    // What makeCall() needs.
    struct CallParams
    {
        std::string fromUri; // our AOR, e.g. "sip:alice@example.com"
        std::string displayName; // may be empty
        std::string fromTag; // empty: a new random tag
        std::string targetUri; // Request-URI and To
        std::string contact; // our Contact URI, e.g. "sip:alice@192.0.2.1:5060"
        // The first hop of the INVITE: the outbound proxy, or the target itself. Null:
        // the target URI is resolved with the resolver.
        Endpoint destination;
        // True when `destination` is an outbound proxy: INVITEs to redirect targets go
        // there too. False: they go to where the resolver locates the new target.
        bool destinationIsProxy = true;
        SdpLocalConfig sdp;
        // For 401/407 challenges (INVITE and requests in the dialog); may be null. Must
        // outlive the session.
        CredentialCache *credentials = nullptr;
        std::string callId; // empty: a new random one
        // More header fields for the INVITE: Route (preloaded route set), Replaces and
        // Referred-By (when calling a transfer target), P-Preferred-Identity, ...
        std::vector<std::pair<std::string, std::string>> extraHeaders;
    };

    InviteSession(TransactionLayer &layer, Resolver resolver, QObject *parent = nullptr);
    InviteSession(TransactionLayer &layer, Resolver resolver, Settings settings,
                  QObject *parent = nullptr);
    // Abandons the call silently (no BYE, no CANCEL): hang up first and wait for ended().
    ~InviteSession() override;

    InviteSession(const InviteSession &) = delete;
    InviteSession &operator=(const InviteSession &) = delete;

    // ---- UAC ---------------------------------------------------------------------------

    // Starts the call. False (with the reason; no signal, nothing sent) when the
    // parameters are unusable or the destination does not resolve. Call once.
    bool makeCall(const CallParams &params, QString *error = nullptr);

    // ---- UAS ---------------------------------------------------------------------------

    // Takes a new INVITE (no To tag) the UA received. `contact`: our Contact URI for the
    // responses; `sdp`: our media for the answer (may be replaced by answer(sdp)). False
    // when the INVITE was refused here (already answered: 400 without Contact, 415 for a
    // body that is not SDP, 488 + Warning for an offer we cannot answer, 422 for a too
    // short Session-Expires); the session then goes Terminated and ends.
    bool incoming(const ServerTransactionHandle &invite, const IncomingMessage &request,
                  const std::string &contact, const SdpLocalConfig &sdp);
    // Sends 180 Ringing (done by incoming() unless Settings::autoRinging is off).
    bool ring();
    // Answers with 200 and the SDP answer; `sdp` replaces the media config first (e.g.
    // the RTP port the media engine allocated). False when there is nothing to answer.
    bool answer();
    bool answer(const SdpLocalConfig &sdp);
    // Refuses the call (UAS, before answer()): 486 Busy Here, 603 Decline, 480
    // Temporarily Unavailable, any 300-699. False when already answered or ended.
    bool reject(int statusCode = 486, const QString &reasonPhrase = {});

    // ---- Both --------------------------------------------------------------------------

    // Ends the call however it stands: UAC before the answer: CANCEL; UAS before the
    // answer: 603 Decline; after it: BYE (a UAS waiting for the ACK sends it once the
    // ACK came or timed out, §15). The state goes Terminated at once; ended() follows
    // when the clean-up is done. No-op when already Terminated.
    void hangup();
    // Puts the call on hold with a re-INVITE offering sendonly (RFC 6337 §5.3), or takes
    // it off hold (sendrecv). Queued while another offer/answer runs; a 491 is retried
    // after the §14.1 back-off. False when the call is not Confirmed/Held.
    bool hold();
    bool resume();
    // Sends one DTMF digit (0-9, *, #, A-D) by SIP INFO, application/dtmf-relay
    // ("Signal=5\r\nDuration=160"); digits are sent one after the other, in order.
    // (RFC 4733 telephone-events in RTP are the media layer's.)
    bool sendDtmf(QChar digit, int durationMs = 160);
    // Blind transfer (RFC 3515): REFER the peer to `targetUri`; progress arrives through
    // transferProgress(). With Settings::hangupAfterTransfer the call ends once the
    // target answered.
    bool transfer(const QString &targetUri);
    // Attended transfer (RFC 5589 §7): REFER the peer to the remote party of
    // `consultation` (our established call with the transfer target) by its address of
    // record, with a Replaces of that dialog (RFC 3891) in the Refer-To.
    bool transferAttended(const InviteSession &consultation);
    // Transferee: the progress of the call we placed for a REFER of this session
    // (transferRequested()): sent to the transferor as NOTIFY with a message/sipfrag
    // "SIP/2.0 <code> <reason>"; a final code (>= 200) ends the implicit subscription.
    bool notifyTransferProgress(int statusCode, const QString &reasonPhrase = {});
    // RFC 3891: ends this call because an INVITE with Replaces took it over: BYE, or
    // before the answer CANCEL (UAC) / 487 (UAS); CallEndCause::Replaced.
    void replaced();

    // ---- Routing (the UA calls these) ---------------------------------------------------

    // Whether `request` (with a To tag) belongs to this session's dialog (§12.2.2:
    // Call-ID, To tag = our tag, From tag = the peer's).
    bool ownsRequest(const SipMessage &request) const;
    // RFC 3891 §3: whether a Replaces header (Call-ID; to-tag; from-tag, as the sender
    // sees it: to-tag = our tag) names this session's dialog. `earlyOnly` dialogs match
    // only before the answer.
    bool matchesReplaces(const Replaces &replaces) const;
    // A request inside our dialog (not ACK, not CANCEL): BYE, re-INVITE, UPDATE, INFO,
    // REFER, NOTIFY, OPTIONS. Answers it (481 when it is not ours after all).
    void handleRequest(const ServerTransactionHandle &transaction, const IncomingMessage &request);
    // The CancelHandler's INVITE: true (and 487 sent, missed call) when it is our INVITE.
    bool handleCancel(const ServerTransactionHandle &invite, const IncomingMessage &cancel);
    // The AckHandler's ACK (for a 2xx): true when it acknowledges our 2xx or is in our
    // dialog (a late ACK, absorbed).
    bool handleAck(const IncomingMessage &ack, TransactionId invite);

    // ---- State ---------------------------------------------------------------------------

    Role role() const { return m_role; }
    CallState state() const { return m_status.state; }
    const CallStatus &status() const { return m_status; }
    const CallMedia &media() const { return m_media; }
    bool isEnded() const { return m_ended; }
    const Settings &settings() const { return m_settings; }

    const std::string &callId() const { return m_callId; }
    // The call's dialog: null before it exists (UAC: before the 2xx; UAS: before 180/2xx).
    std::shared_ptr<const Dialog> dialog() const { return m_dialog; }
    DialogId dialogId() const;
    // The peer: To of our INVITE (UAC) or From of theirs (UAS), as a URI and display name.
    const std::string &remoteUri() const { return m_remoteUri; }
    const std::string &remoteDisplayName() const { return m_remoteDisplayName; }
    const std::string &localUri() const { return m_localUri; }
    // UAC: the INVITE last sent (without Via). UAS: the INVITE received.
    const SipMessage &inviteRequest() const { return m_invite; }
    // UAS: the INVITE server transaction.
    TransactionId inviteTransaction() const { return m_inviteTx.id(); }
    const SdpNegotiator &negotiator() const { return m_negotiator; }
    // The RFC 4028 interval in force (seconds), 0: no session timer; whether we refresh.
    int sessionInterval() const { return m_sessionInterval; }
    bool isSessionRefresher() const { return m_weRefresh; }

signals:
    // Every change of state, status code, hold flags.
    void stateChanged(const Sip::CallStatus &status);
    // Every change of the negotiated media (early media, answer, hold, re-INVITE...).
    void mediaChanged(const Sip::CallMedia &media);
    // A DTMF digit the peer sent by INFO.
    void dtmfReceived(QChar digit, int durationMs);
    // Transferor: the peer's answer to our REFER (202, or a failure), then each NOTIFY's
    // sipfrag status (100, 180, 200, 486, ...); `final` when the transfer is over.
    void transferProgress(int statusCode, const QString &reason, bool final);
    // Transferee: the peer REFERred us (202 and NOTIFY 100 already sent). Place the call
    // (a new session with `replaces` / `referredBy` as extra headers) and report its
    // progress with notifyTransferProgress().
    void transferRequested(const Sip::CallTransferRequest &request);
    // The session has nothing left to do: delete it (from the slot, if you like).
    void ended();

private:
    // Gets the events of a request sent in the dialog: 1xx, the final response (after
    // authentication retries), and 2xx retransmissions; `request` is the one sent.
    using RequestHandler = std::function<void(const ClientEvent &event, const SipMessage &request)>;
    using HeaderList = std::vector<std::pair<std::string, std::string>>;
    struct InDialogRequest;

    // status
    void setStatus(CallState state, int code, const QString &reason,
                   CallEndCause cause = CallEndCause::None);
    void terminate(int code, const QString &reason, CallEndCause cause);
    void updateMedia(const SdpNegotiationResult &result, bool early);
    void updateHoldState(int code, const QString &reason);
    void maybeEnd();
    std::function<void()> guarded(std::function<void()> fn);

    // UAC
    bool startInvite(const SipMessage &invite, const Endpoint &destination, QString *error);
    void onForkEvent(const ForkResult &result, const ClientEvent &event);
    void onProvisional(const SipMessage &response, const std::shared_ptr<Dialog> &dialog);
    void onAnswered(const std::shared_ptr<Dialog> &dialog, const SipMessage &response);
    void onInviteFailed(const ClientEvent &event);
    bool retryWithAuth(const SipMessage &challenge);
    bool retryWithMinSe(const SipMessage &response);
    void collectRedirectTargets(const SipMessage &response);
    bool tryNextTarget(int code, const QString &reason);
    void noAnswer();

    // UAS
    void onInviteServerEvent(const ServerEvent &event);
    void respondInvite(int code, const QString &reason, CallEndCause cause,
                       const HeaderList &headers = {});
    std::string warnAgent() const;
    SipMessage createInviteResponse(const ServerTransactionHandle &tx, int code,
                                    std::string_view reason = {}) const;

    // both
    void endCall(CallEndCause cause);
    bool canModify() const;

    // in-dialog
    ClientTransactionHandle sendInDialog(SipMessage request, RequestHandler handler);
    ClientTransactionHandle sendAttempt(const SipMessage &request,
                                        const std::shared_ptr<InDialogRequest> &state);
    void onInDialogEvent(const ClientEvent &event, const SipMessage &request,
                         const std::shared_ptr<InDialogRequest> &state);
    void sendBye(const std::string &reasonHeader = {});
    void addCapabilities(SipMessage &message) const;
    void addCommonHeaders(SipMessage &message, bool request) const;
    bool answerOffer(const ServerTransactionHandle &tx, const SipMessage &request,
                     SipMessage &response);
    void onBye(const ServerTransactionHandle &tx);
    void onReinvite(const ServerTransactionHandle &tx, const SipMessage &request);
    void onUpdate(const ServerTransactionHandle &tx, const SipMessage &request);
    void onInfo(const ServerTransactionHandle &tx, const SipMessage &request);
    void onRefer(const ServerTransactionHandle &tx, const SipMessage &request);
    void onNotify(const ServerTransactionHandle &tx, const SipMessage &request);
    bool offerPending() const;
    void syncHold();
    void sendReinvite(SdpDirection direction);
    void onReinviteEvent(const ClientEvent &event, const SipMessage &request, bool wantHold);
    void completeIncomingReinvite(const SipMessage *ack);
    void pumpDtmf();
    bool sendRefer(const std::string &referTo);
    bool sendNotify(int code, const std::string &reason, bool final);

    // session timers (RFC 4028)
    void applySessionTimer(int interval, bool weRefresh);
    void addSessionTimerHeaders(SipMessage &request) const;
    struct SessionTimerChange
    {
        int interval = 0; // 0: no session timer
        bool weRefresh = false;
    };
    bool checkSessionTimer(const SipMessage &request, SipMessage &response,
                           const ServerTransactionHandle &tx, SessionTimerChange &change);
    void refreshSession();

    TransactionLayer &m_layer;
    DialogSender m_sender;
    Settings m_settings;
    Role m_role = Role::Uac;

    CallStatus m_status;
    CallMedia m_media;
    SdpNegotiator m_negotiator;
    std::shared_ptr<Dialog> m_dialog;
    CredentialCache *m_credentials = nullptr;
    std::string m_callId;
    std::string m_localUri;
    std::string m_remoteUri;
    std::string m_remoteDisplayName;
    std::string m_contact;
    SipMessage m_invite;
    bool m_started = false;
    bool m_ended = false;
    bool m_endScheduled = false;
    int m_pendingRequests = 0;
    TimerHandle m_endTimer;
    TimerHandle m_noAnswerTimer;

    // UAC
    CallParams m_params;
    Endpoint m_destination;
    std::unique_ptr<InviteForkHandler> m_fork;
    std::unique_ptr<RequestAuthenticator> m_inviteAuth;
    std::optional<SdpNegotiator> m_offerState; // right after the INVITE's offer
    std::map<std::string, SessionDescription> m_earlyAnswers; // per fork To tag
    std::set<std::string> m_triedTargets;
    std::vector<std::string> m_redirectTargets; // from 3xx Contacts, to try in order
    int m_redirects = 0;
    int m_minSeRetries = 0;
    bool m_cancelRequested = false;
    QString m_authError;

    // UAS
    ServerTransactionHandle m_inviteTx;
    std::optional<SessionDescription> m_remoteOffer; // the INVITE's offer
    bool m_ringing = false;
    bool m_answered = false; // 2xx sent
    bool m_acked = false;
    bool m_offerInAnswer = false; // offerless INVITE: our offer went in the 2xx
    bool m_byeAfterAck = false;
    std::string m_uasSessionTimer; // Session-Expires value for our 2xx

    // re-INVITE / UPDATE
    bool m_reinviteOutFinal = true; // no re-INVITE of ours is waiting for its final response
    SipMessage m_lastReinviteAck;
    Endpoint m_lastReinviteAckDestination;
    uint32_t m_lastReinviteAckCseq = 0;
    ServerTransactionHandle m_reinviteIn; // the peer's, until its ACK
    bool m_reinviteInOfferInAnswer = false;
    bool m_wantHold = false;
    bool m_localHold = false;
    TimerHandle m_glareTimer;

    // session timers
    int m_sessionInterval = 0;
    bool m_weRefresh = false;
    bool m_peerAllowsUpdate = false;
    bool m_refreshDue = false;
    TimerHandle m_sessionTimer;

    // DTMF
    std::deque<std::pair<QChar, int>> m_dtmfQueue;
    bool m_dtmfInFlight = false;

    // REFER
    bool m_referPending = false; // transferor: our REFER's subscription is active
    bool m_referSubscription = false; // transferee: we owe NOTIFYs
    bool m_referNotifyFinal = false;
};

} // namespace Sip
