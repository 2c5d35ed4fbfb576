// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DialogId.h"
#include "RouteSet.h"

#include <QtGlobal>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Sip {

class SipMessage;
enum class Method : uint8_t;

/// The state of one RFC 3261 §12 dialog, seen from this user agent: a value type that
/// builds the requests sent inside the dialog and checks the ones received. It sends
/// nothing itself (see DialogSender, InviteForkHandler) and does not know the usages
/// (INVITE session, subscriptions) that share it: ending a usage is theirs, ending the
/// dialog is terminate().
///
/// State: Early (created by a 101-199 with a To tag), Confirmed (2xx), Terminated.
///
/// Everything is kept as owned text, so a Dialog can be copied and stored freely.
class Dialog
{
public:
    enum class State : quint8 { Early, Confirmed, Terminated };
    // Which side of the dialog-creating request we were.
    enum class Role : quint8 { Uac, Uas };

    // What handleRequest() says about an incoming request: accepted (statusCode 0), or
    // the response to reject it with.
    struct RequestCheck
    {
        int statusCode = 0;
        std::string reasonPhrase;

        bool accepted() const { return statusCode == 0; }
    };

    // Not a dialog: isNull(). Use createUac() / createUas().
    Dialog() = default;

    // §12.1.2: the UAC's dialog, from the request it sent and a response to it that
    // creates a dialog: 101-199 with a To tag (Early) or 2xx (Confirmed; a 2xx without
    // To tag is taken as having an empty one). Local URI/tag from the request's From,
    // remote URI from its To, remote tag from the response's To, route set from the
    // response's Record-Route reversed, remote target from the response's Contact (the
    // request's Request-URI when it has none), local CSeq = the request's, remote CSeq
    // empty, secure when the Request-URI is a sips URI (which is only ever sent over
    // TLS, §26.2.2). Nullopt (with the reason) when the response cannot create a dialog
    // or does not answer `request` (other Call-ID, From tag or CSeq).
    static std::optional<Dialog> createUac(const SipMessage &request, const SipMessage &response,
                                           std::string *error = nullptr);

    // §12.1.1: the UAS's dialog, from the request it received and the response it sends
    // (101-199: Early, 2xx: Confirmed), whose To tag is the local tag (the server
    // transaction's localTag()). Remote tag from the request's From (may be empty for an
    // RFC 2543 peer), local URI from its To, remote URI from its From, route set from its
    // Record-Route in order, remote target from its Contact, remote CSeq = the request's,
    // local CSeq empty. Nullopt (with the reason) when the request has no usable Contact
    // (answer it 400) or the response cannot create a dialog.
    static std::optional<Dialog> createUas(const SipMessage &request, const SipMessage &response,
                                           std::string *error = nullptr);

    bool isNull() const { return m_id.callId.empty(); }

    const DialogId &id() const { return m_id; }
    State state() const { return m_state; }
    Role role() const { return m_role; }
    bool isEarly() const { return m_state == State::Early; }
    bool isConfirmed() const { return m_state == State::Confirmed; }
    bool isTerminated() const { return m_state == State::Terminated; }

    const std::string &callId() const { return m_id.callId; }
    const std::string &localTag() const { return m_id.localTag; }
    const std::string &remoteTag() const { return m_id.remoteTag; }
    const std::string &localUri() const { return m_localUri; }
    const std::string &remoteUri() const { return m_remoteUri; }
    const std::string &localDisplayName() const { return m_localDisplayName; } // unquoted
    const std::string &remoteDisplayName() const { return m_remoteDisplayName; } // unquoted
    // The URI requests inside the dialog are addressed to (the peer's Contact).
    const std::string &remoteTarget() const { return m_remoteTarget; }
    const RouteSet &routeSet() const { return m_routeSet; }
    bool isSecure() const { return m_secure; }

    // The CSeq number of the last request we sent in the dialog (empty: none yet, UAS).
    std::optional<uint32_t> localCseq() const { return m_localCseq; }
    // The highest CSeq number of the requests the peer sent in the dialog (empty: none).
    std::optional<uint32_t> remoteCseq() const { return m_remoteCseq; }
    // The CSeq number of the last INVITE we sent (the creating one, or a re-INVITE); what
    // createRequest("ACK") and createRequest("CANCEL") use.
    std::optional<uint32_t> lastInviteCseq() const { return m_lastInviteCseq; }
    // The request that created the dialog: its method and CSeq number (in the UAC's
    // numbering: ours when Uac, the peer's when Uas).
    const std::string &creatingMethod() const { return m_creatingMethod; }
    uint32_t creatingCseq() const { return m_creatingCseq; }

    // The Contact header field value put in target refresh requests (§12.2.1.1), e.g.
    // "<sip:alice@192.0.2.1:5060;transport=tcp>"; a bare URI is put in angle brackets.
    const std::string &localContact() const { return m_localContact; }
    void setLocalContact(std::string contact) { m_localContact = std::move(contact); }

    // §12.2.1.1 / §8.1.2: the URI the next request goes to first: the first route, or the
    // remote target. Resolve it (RFC 3263) to find the transport destination.
    std::string nextHopUri() const { return m_routeSet.nextHop(m_remoteTarget); }

    // §12.2.1.1: a request inside the dialog, without Via (the transaction layer adds it)
    // and without body: Request-URI and Route from the route set and remote target
    // (RouteSet::applyTo: loose or strict routing), Max-Forwards: 70, From = local URI +
    // local tag, To = remote URI + remote tag, Call-ID, CSeq, and Contact (localContact())
    // for target refresh methods (isTargetRefresh()). The caller adds the rest.
    // CSeq: the local CSeq plus one (a random start below 2^31 when empty, §8.1.1.5),
    // which becomes the local CSeq - except for ACK and CANCEL, which reuse the number of
    // the last INVITE (§13.2.2.4, §9.1) and change nothing; prefer createAck() and
    // TransactionLayer::cancel().
    // Null (with the reason) when the dialog is terminated, the method is not a token,
    // or the stored URIs are refused.
    SipMessage createRequest(std::string_view method, std::string *error = nullptr);

    // §13.2.2.4: the ACK for a 2xx to the INVITE with CSeq `inviteCseq`: built like any
    // request in the dialog, with CSeq "<inviteCseq> ACK". No Via (sendStateless() does
    // not add one: add it with addTopVia(), or use DialogSender::sendAck()), no body.
    // Works in any state (a retransmitted 2xx is ACKed even after a BYE).
    SipMessage createAck(uint32_t inviteCseq, std::string *error = nullptr) const;

    // §12.2.2: checks a request the peer sent in this dialog, and updates the dialog:
    //   not this dialog (Call-ID, To tag = local tag, From tag = remote tag), or the
    //   dialog terminated                                 -> 481
    //   ACK / CANCEL                                      -> accepted, nothing changes
    //   CSeq not above the remote CSeq                    -> 500 (out of order)
    //   otherwise: remote CSeq := its CSeq; a target refresh request with a Contact
    //   replaces the remote target (§12.2.2)              -> accepted
    // A BYE does not end the dialog here: call terminate() when its usages are over.
    RequestCheck handleRequest(const SipMessage &request);

    // §12.1.2, §12.2.1.2, §12.3, §13.2.2.4: a response (real or synthetic) to a request we
    // sent in this dialog, or to the request that created it (UAC). False, and nothing
    // changes, when it is not for this dialog (Call-ID, From tag, To tag except as below)
    // or the dialog is terminated.
    //   creating request, 2xx, our To tag:   Early -> Confirmed, the route set recomputed
    //                                        from its Record-Route, target refreshed
    //   creating request, 300-699 (any To tag: §12.3 - the request failed):
    //                                        an Early dialog -> Terminated
    //   481 or 408 to a request in the dialog (§12.2.1.2): -> Terminated
    //   2xx to a target refresh request:     remote target := its Contact (§12.2.1.2)
    bool handleResponse(const SipMessage &response);

    // UAS: a response we send to a request of this dialog. For the creating request a 2xx
    // confirms an Early dialog and a 300-699 terminates it (§12.1.1, §12.3).
    void responseSent(const SipMessage &response);

    // Ends the dialog (BYE sent or received and its usages over, §15).
    void terminate() { m_state = State::Terminated; }

    // For tests and recovery: the local CSeq the next createRequest() continues from.
    void setLocalCseq(uint32_t cseq) { m_localCseq = cseq; }

    // Target refresh requests update the remote target (§12.2): INVITE (§12.2, re-INVITE),
    // UPDATE (RFC 3311), SUBSCRIBE and NOTIFY (RFC 6665).
    static bool isTargetRefresh(Method method);
    static bool isTargetRefresh(std::string_view method);

private:
    SipMessage build(std::string_view method, uint32_t cseq, std::string *error) const;
    void refreshTarget(const SipMessage &message);
    bool isCreatingCseq(const SipMessage &message) const;

    DialogId m_id;
    State m_state = State::Terminated;
    Role m_role = Role::Uac;
    std::string m_localUri;
    std::string m_remoteUri;
    std::string m_localDisplayName;
    std::string m_remoteDisplayName;
    std::string m_remoteTarget;
    RouteSet m_routeSet;
    std::string m_localContact;
    std::string m_creatingMethod;
    uint32_t m_creatingCseq = 0;
    std::optional<uint32_t> m_localCseq;
    std::optional<uint32_t> m_remoteCseq;
    std::optional<uint32_t> m_lastInviteCseq;
    bool m_secure = false;
};

const char *toString(Dialog::State state);

} // namespace Sip
