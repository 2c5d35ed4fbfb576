// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// InviteSession in virtual time against a fake channel: the UAC side (INVITE content,
// provisional and final responses, early media, authentication, CANCEL / BYE, the
// CANCEL-200 race, forking, redirects), the UAS side (180, 200 retransmitted until the
// ACK, offerless INVITE, CANCEL, BYE, 488 for an offer we cannot answer, rejections),
// and in the dialog: hold/resume and 491 glare (RFC 3261 §14), DTMF by INFO, session
// timers (RFC 4028) and REFER transfers (RFC 3515, RFC 3891).
#include "tst_transaction_util.h"

#include "sip/auth/CredentialCache.h"
#include "sip/dialog/Dialog.h"
#include "sip/sdp/SdpNegotiator.h"
#include "sip/sdp/SdpParser.h"
#include "sip/ua/InviteSession.h"

#include <memory>
#include <set>

using namespace Sip;
using namespace TransactionTest;
using namespace std::chrono_literals;

namespace {

QString qstr(std::string_view v)
{
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

// The proxy everything goes through is udpPeer() (192.0.2.10:5060); Bob's phones:
constexpr const char *bobContact = "sip:bob@192.0.2.20:5060";
constexpr const char *bobContact2 = "sip:bob@192.0.2.21:5062";
constexpr const char *aliceContact = "sip:alice@192.0.2.1:5060";

Endpoint bobPhone()
{
    return endpoint(TransportType::Udp, "192.0.2.20", 5060);
}
Endpoint bobPhone2()
{
    return endpoint(TransportType::Udp, "192.0.2.21", 5062);
}

SdpLocalConfig aliceSdp()
{
    SdpLocalConfig c;
    c.address = "192.0.2.1";
    c.rtpPort = 40000;
    return c;
}

SdpLocalConfig bobSdp()
{
    SdpLocalConfig c;
    c.address = "192.0.2.20";
    c.rtpPort = 50000;
    c.codecs = { SdpCodec::pcmu(), SdpCodec::pcma() };
    return c;
}

SessionDescription parseSdp(std::string_view text)
{
    const auto parsed = SdpParser::parse(text);
    if (!parsed.ok())
        qWarning("SDP does not parse: %s", parsed.error.toString().c_str());
    return parsed.description;
}

QString describe(const CallStatus &s)
{
    return callStateName(s.state) + QLatin1Char('/') + QString::number(s.statusCode);
}

// Bob as the UAS of Alice's INVITE: answers offers with his negotiator.
struct FarEnd
{
    SdpNegotiator sdp { bobSdp() };

    std::string answer(const SipMessage &offer)
    {
        const SdpNegotiationResult r = sdp.createAnswer(parseSdp(offer.body()));
        if (!r.ok)
            qWarning("far end cannot answer: %s", r.reason.c_str());
        return sdp.localDescription()->toString();
    }
};

// A response of Bob's phone to a request as sent (so with its Via).
SipMessage reply(const SipMessage &sent, int code, const std::string &tag = "bob-tag",
                 const std::string &sdp = {}, const std::string &contact = bobContact)
{
    SipMessage r = makeResponse(sent, code, {}, code > 100 ? tag : std::string());
    if (code > 100 && code < 300 && str(sent.method()) != "BYE" && str(sent.method()) != "INFO")
        r.addHeader("Contact", "<" + contact + ">");
    if (!sdp.empty())
        r.setBody("application/sdp", sdp);
    return r;
}

void addVia(SipMessage &request, const std::string &sentBy = "192.0.2.20:5060")
{
    request.prependHeader("Via", "SIP/2.0/UDP " + sentBy + ";branch=" + newBranch());
}

// Bob's INVITE to Alice (UAS tests), through the proxy.
SipMessage bobInvite(const std::string &sdp, const std::string &extra = {})
{
    std::string t = "INVITE sip:alice@192.0.2.1:5060 SIP/2.0\r\n"
                    "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-bob-invite-1\r\n"
                    "Max-Forwards: 70\r\n"
                    "From: \"Bob\" <sip:bob@example.com>;tag=bob-tag\r\n"
                    "To: <sip:alice@example.com>\r\n"
                    "Call-ID: in-1@example.com\r\n"
                    "CSeq: 1 INVITE\r\n"
                    "Contact: <sip:bob@192.0.2.10:5060>\r\n"
                    "Allow: INVITE, ACK, CANCEL, BYE, UPDATE, INFO, REFER, NOTIFY\r\n";
    t += extra;
    if (!sdp.empty())
        t += "Content-Type: application/sdp\r\n";
    t += "Content-Length: " + std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
    return SipMessage::parse(t);
}

// Everything a call's owner would see.
struct Recorder
{
    QStringList states;
    std::vector<CallStatus> statuses;
    std::vector<CallMedia> media;
    QString dtmf;
    QStringList transfers;
    std::vector<CallTransferRequest> referrals;
    int ended = 0;

    CallStatus last() const { return statuses.empty() ? CallStatus() : statuses.back(); }
};

struct Call
{
    std::unique_ptr<InviteSession> session;
    Recorder rec;
};

} // namespace

class TestInviteSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // UAC
    void uacInviteContent();
    void uacRingingThenAnswer();
    void uacEarlyMedia();
    void uacBusy();
    void uacProxyAuthentication();
    void uacWrongPassword();
    void uacHangupBeforeAnyResponse();
    void uacHangupWhileRinging();
    void uacHangupConfirmed();
    void uacCancelRacesWith200();
    void uacNoAnswerTimeout();
    void uacForkedAnswers();
    void uacTimeoutAndTransportError();
    void uacUnusableAnswer();
    void uacRemoteBye();
    void uacInDialogAuthentication();
    void uacDeletedFromEndedSlot();

    // UAS
    void uasRingsWithToTag();
    void uasAnswerRetransmittedUntilAck();
    void uasAckTimeoutSendsBye();
    void uasCancelIsMissedCall();
    void uasRemoteBye();
    void uasUnanswerableOffer();
    void uasRejectCodes_data();
    void uasRejectCodes();
    void uasOfferlessInvite();
    void uasHangupBeforeAck();
    void uasBadRequests();
    void uasByeBeforeAnswer();
    void uasNoAnswerTimeout();

    // Extras
    void holdAndResume();
    void remoteHold();
    void updateWithOffer();
    void reinvite481EndsCall();
    void reinviteGlare();
    void redirect();
    void dtmfInfo();
    void sessionTimerRefresh();
    void sessionTimerExpiry();
    void sessionTimer422();
    void transferBlind();
    void transferee();
    void transferAttended();

private:
    Call *newCall(InviteSession::Settings settings = {});
    Call *startCall(InviteSession::Settings settings = {}, InviteSession::CallParams params = {});
    // UAC call confirmed by Bob's phone; returns the INVITE as sent and the 200.
    Call *confirmedCall(SipMessage *sentInvite = nullptr, SipMessage *ok = nullptr,
                        InviteSession::Settings settings = {}, const std::string &extra200 = {});
    // UAS call: Bob's INVITE arrives, returns the call (after 180).
    Call *incomingCall(const SipMessage &invite, InviteSession::Settings settings = {});
    InviteSession::CallParams aliceParams() const;
    std::vector<FakeChannel::Sent> sentTo(const std::string &what,
                                          const Endpoint &destination) const;
    Dialog peerDialog(const SipMessage &sentInvite, const SipMessage &ok) const;
    void flush() { clock->advance(0ms); }
    // Requests sent, not counting retransmissions (distinct branches).
    int requests(const std::string &method) const { return channel->countDistinct(method); }

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::vector<std::unique_ptr<Call>> calls;
    std::function<void(const ServerTransactionHandle &, const IncomingMessage &)> onNewInvite;
    FarEnd bob;
};

void TestInviteSession::init()
{
    calls.clear();
    layer.reset();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    layer = std::make_unique<TransactionLayer>(*channel, *clock);
    bob = FarEnd();
    onNewInvite = nullptr;
    // A minimal UA core: requests with a To tag go to the session whose dialog they
    // name (else 481), CANCEL and ACK to the session that claims them.
    layer->setRequestHandler([this](const ServerTransactionHandle &tx, const IncomingMessage &in) {
        const SipMessage &request = in.message;
        if (request.to() && !request.to()->tag().empty()) {
            for (const auto &call : calls) {
                if (call->session->ownsRequest(request)) {
                    call->session->handleRequest(tx, in);
                    return;
                }
            }
            tx.respond(481);
            return;
        }
        if (request.methodId() == Method::Invite && onNewInvite) {
            onNewInvite(tx, in);
            return;
        }
        tx.respond(405);
    });
    layer->setCancelHandler(
            [this](const ServerTransactionHandle &invite, const IncomingMessage &cancel) {
                for (const auto &call : calls) {
                    if (call->session->handleCancel(invite, cancel))
                        return;
                }
                invite.respond(487);
            });
    layer->setAckHandler([this](const IncomingMessage &ack, TransactionId invite) {
        for (const auto &call : calls) {
            if (call->session->handleAck(ack, invite))
                return;
        }
    });
}

void TestInviteSession::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    calls.clear();
    layer.reset();
}

Call *TestInviteSession::newCall(InviteSession::Settings settings)
{
    auto call = std::make_unique<Call>();
    call->session = std::make_unique<InviteSession>(*layer, resolveLiteral, settings);
    Recorder *rec = &call->rec;
    InviteSession *s = call->session.get();
    connect(s, &InviteSession::stateChanged, s, [rec](const CallStatus &status) {
        rec->states << describe(status);
        rec->statuses.push_back(status);
    });
    connect(s, &InviteSession::mediaChanged, s,
            [rec](const CallMedia &m) { rec->media.push_back(m); });
    connect(s, &InviteSession::ended, s, [rec] { ++rec->ended; });
    connect(s, &InviteSession::dtmfReceived, s, [rec](QChar d, int) { rec->dtmf += d; });
    connect(s, &InviteSession::transferProgress, s, [rec](int code, const QString &, bool final) {
        rec->transfers << QString::number(code) + (final ? QStringLiteral("/final") : QString());
    });
    connect(s, &InviteSession::transferRequested, s,
            [rec](const CallTransferRequest &r) { rec->referrals.push_back(r); });
    calls.push_back(std::move(call));
    return calls.back().get();
}

InviteSession::CallParams TestInviteSession::aliceParams() const
{
    InviteSession::CallParams p;
    p.fromUri = "sip:alice@example.com";
    p.displayName = "Alice";
    p.fromTag = "alice-tag";
    p.targetUri = "sip:bob@example.com";
    p.contact = aliceContact;
    p.destination = udpPeer();
    p.sdp = aliceSdp();
    p.callId = "call-1@example.com";
    return p;
}

Call *TestInviteSession::startCall(InviteSession::Settings settings,
                                   InviteSession::CallParams params)
{
    Call *call = newCall(settings);
    if (params.targetUri.empty())
        params = aliceParams();
    QString error;
    const bool ok = call->session->makeCall(params, &error);
    if (!ok)
        qWarning("makeCall: %s", qPrintable(error));
    return ok ? call : nullptr;
}

Call *TestInviteSession::confirmedCall(SipMessage *sentInvite, SipMessage *ok,
                                       InviteSession::Settings settings,
                                       const std::string &extra200)
{
    Call *call = startCall(settings);
    if (!call)
        return nullptr;
    const SipMessage invite = channel->last("INVITE");
    SipMessage answer = reply(invite, 200, "bob-tag", bob.answer(invite));
    if (!extra200.empty()) {
        const size_t colon = extra200.find(':');
        answer.addHeader(extra200.substr(0, colon), extra200.substr(colon + 2));
    }
    channel->inject(answer, udpPeer());
    if (sentInvite)
        *sentInvite = invite;
    if (ok)
        *ok = answer;
    return call->session->state() == CallState::Confirmed ? call : nullptr;
}

Call *TestInviteSession::incomingCall(const SipMessage &invite, InviteSession::Settings settings)
{
    Call *call = nullptr;
    onNewInvite = [&, settings](const ServerTransactionHandle &tx, const IncomingMessage &in) {
        call = newCall(settings);
        call->session->incoming(tx, in, aliceContact, aliceSdp());
    };
    channel->inject(invite, udpPeer());
    onNewInvite = nullptr;
    return call;
}

std::vector<FakeChannel::Sent> TestInviteSession::sentTo(const std::string &what,
                                                         const Endpoint &destination) const
{
    std::vector<FakeChannel::Sent> out;
    for (const auto &s : channel->sent) {
        if (FakeChannel::matches(s.message, what) && s.destination == destination)
            out.push_back(s);
    }
    return out;
}

Dialog TestInviteSession::peerDialog(const SipMessage &sentInvite, const SipMessage &ok) const
{
    // Bob's side of the call Alice made: the UAS dialog of her INVITE.
    std::string error;
    auto d = Dialog::createUas(sentInvite, ok, &error);
    if (!d)
        qWarning("peer dialog: %s", error.c_str());
    return d ? *d : Dialog();
}

// ---- UAC -----------------------------------------------------------------------------------

void TestInviteSession::uacInviteContent()
{
    InviteSession::Settings settings;
    settings.userAgent = "Parlo/0.1";
    Call *call = startCall(settings);
    QVERIFY(call);
    QCOMPARE(call->session->role(), InviteSession::Role::Uac);
    QCOMPARE(call->session->state(), CallState::Calling);
    QCOMPARE(channel->count("INVITE"), 1);
    const FakeChannel::Sent sent = channel->lastSent("INVITE");
    QCOMPARE(sent.destination, udpPeer());
    const SipMessage &invite = sent.message;
    QCOMPARE(invite.requestUri().toString(), std::string("sip:bob@example.com"));
    QCOMPARE(invite.from()->uri().toString(), std::string("sip:alice@example.com"));
    QCOMPARE(invite.from()->displayNameText(), std::string("Alice"));
    QCOMPARE(str(invite.from()->tag()), std::string("alice-tag"));
    QCOMPARE(invite.to()->uri().toString(), std::string("sip:bob@example.com"));
    QVERIFY(invite.to()->tag().empty());
    QCOMPARE(str(invite.callId()), std::string("call-1@example.com"));
    QCOMPARE(invite.cseq()->number(), 1u);
    QCOMPARE(invite.maxForwards(), 70);
    QCOMPARE(int(invite.contacts().size()), 1);
    QCOMPARE(invite.contacts()[0].uri().toString(), std::string(aliceContact));
    for (const char *m :
         { "INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "REFER", "NOTIFY", "UPDATE" })
        QVERIFY2(std::find(invite.allow().begin(), invite.allow().end(), std::string_view(m))
                         != invite.allow().end(),
                 m);
    QVERIFY(std::find(invite.supported().begin(), invite.supported().end(), "replaces")
            != invite.supported().end());
    QVERIFY(std::find(invite.supported().begin(), invite.supported().end(), "timer")
            != invite.supported().end());
    QCOMPARE(str(invite.header("User-Agent")), std::string("Parlo/0.1"));
    QCOMPARE(str(invite.header("Session-Expires")), std::string("1800"));
    QCOMPARE(int(invite.vias().size()), 1);
    QVERIFY(invite.vias()[0].hasRfc3261Branch());
    // The SDP offer: our address, port and codecs.
    QVERIFY(invite.contentType() && invite.contentType()->matches("application", "sdp"));
    const SessionDescription offer = parseSdp(invite.body());
    QCOMPARE(int(offer.media.size()), 1);
    QCOMPARE(offer.media[0].media, std::string("audio"));
    QCOMPARE(offer.media[0].port, 40000);
    QVERIFY(contains(invite.body(), "c=IN IP4 192.0.2.1"));
    QVERIFY(contains(invite.body(), "PCMU/8000"));
    QVERIFY(contains(invite.body(), "telephone-event"));
    QCOMPARE(call->session->callId(), std::string("call-1@example.com"));

    // A second makeCall on the same session is refused; so is a bad target.
    QString error;
    QVERIFY(!call->session->makeCall(aliceParams(), &error));
    QVERIFY(!error.isEmpty());
    Call *bad = newCall();
    InviteSession::CallParams p = aliceParams();
    p.targetUri = "not a uri";
    QVERIFY(!bad->session->makeCall(p, &error));
    p = aliceParams();
    p.destination = {};
    p.targetUri = "sip:bob@unresolvable.invalid";
    QVERIFY(!bad->session->makeCall(p, &error));
    QVERIFY(bad->rec.states.isEmpty());
}

void TestInviteSession::uacRingingThenAnswer()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 100), udpPeer());
    channel->inject(reply(invite, 180), udpPeer());
    QCOMPARE(call->session->state(), CallState::Ringing);
    QVERIFY(call->rec.media.empty());
    channel->inject(reply(invite, 200, "bob-tag", bob.answer(invite)), udpPeer());
    QCOMPARE(call->rec.states, QStringList({ "calling/100", "ringing/180", "confirmed/200" }));
    QCOMPARE(call->session->state(), CallState::Confirmed);

    // The negotiated media: Bob's address, port, PCMU (our best codec he has), events.
    QCOMPARE(int(call->rec.media.size()), 1);
    const CallMedia &m = call->rec.media.back();
    QVERIFY(m.active);
    QVERIFY(!m.early);
    QCOMPARE(m.audio.remoteAddress, std::string("192.0.2.20"));
    QCOMPARE(m.audio.remoteRtpPort, 50000);
    QCOMPARE(m.audio.codec.name, std::string("PCMU"));
    QCOMPARE(m.audio.codec.payloadType, 0);
    QVERIFY(m.audio.telephoneEventPayloadType >= 96);
    QCOMPARE(m.audio.direction, SdpDirection::SendRecv);
    QCOMPARE(m.audio.localRtpPort, 40000);

    // §13.2.2.4: the 2xx is ACKed by us, to Bob's Contact, CSeq 1 ACK.
    const auto acks = sentTo("ACK", bobPhone());
    QCOMPARE(int(acks.size()), 1);
    QCOMPARE(acks[0].message.requestUri().toString(), std::string(bobContact));
    QCOMPARE(acks[0].message.cseq()->number(), 1u);
    QCOMPARE(str(acks[0].message.to()->tag()), std::string("bob-tag"));
    QVERIFY(acks[0].message.body().empty());
    // A retransmitted 2xx is ACKed again; no new state.
    channel->inject(reply(invite, 200, "bob-tag", bob.sdp.localDescription()->toString()),
                    udpPeer());
    QCOMPARE(int(sentTo("ACK", bobPhone()).size()), 2);
    QCOMPARE(call->rec.states.size(), 3);
    QVERIFY(call->session->dialog());
    QCOMPARE(call->session->dialog()->remoteTag(), std::string("bob-tag"));
    QCOMPARE(call->session->dialogId().localTag, std::string("alice-tag"));
    QCOMPARE(call->rec.ended, 0);
}

void TestInviteSession::uacEarlyMedia()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    const std::string answer = bob.answer(invite);
    // RFC 3960: 183 with SDP - early media.
    channel->inject(reply(invite, 183, "bob-tag", answer), udpPeer());
    QCOMPARE(call->session->state(), CallState::Early);
    QCOMPARE(call->rec.states, QStringList({ "early/183" }));
    QCOMPARE(int(call->rec.media.size()), 1);
    QVERIFY(call->rec.media[0].early);
    QVERIFY(call->rec.media[0].active);
    QCOMPARE(call->rec.media[0].audio.remoteRtpPort, 50000);
    // A 180 after it keeps the early media.
    channel->inject(reply(invite, 180, "bob-tag"), udpPeer());
    QCOMPARE(call->session->state(), CallState::Early);
    // The 2xx without SDP: the answer of the 183 stands (no 100rel, common practice).
    channel->inject(reply(invite, 200, "bob-tag"), udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    QCOMPARE(int(call->rec.media.size()), 2);
    QVERIFY(!call->rec.media[1].early);
    QCOMPARE(call->rec.media[1].audio.remoteRtpPort, 50000);
    QCOMPARE(channel->count("BYE"), 0);
}

void TestInviteSession::uacBusy()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 180), udpPeer());
    channel->inject(reply(invite, 486, "bob-tag"), udpPeer());
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 486);
    QCOMPARE(call->rec.last().endCause, CallEndCause::Rejected);
    QCOMPARE(call->rec.last().reason, QStringLiteral("Busy Here"));
    // The non-2xx is ACKed by the INVITE client transaction, to the proxy, same branch.
    QCOMPARE(channel->count("ACK"), 1);
    const FakeChannel::Sent ack = channel->lastSent("ACK");
    QCOMPARE(ack.destination, udpPeer());
    QCOMPARE(ack.message.vias()[0].branch(), invite.vias()[0].branch());
    QCOMPARE(channel->count("BYE"), 0);
    QCOMPARE(call->rec.ended, 0);
    flush();
    QCOMPARE(call->rec.ended, 1);
    QVERIFY(call->session->isEnded());
    // Nothing more happens (the no-answer timer is gone).
    clock->advance(200s);
    QCOMPARE(channel->count("CANCEL"), 0);
    QCOMPARE(call->rec.ended, 1);
}

void TestInviteSession::uacProxyAuthentication()
{
    CredentialCache credentials;
    credentials.store({ QStringLiteral("alice"), QStringLiteral("secret"), QString() });
    InviteSession::CallParams params = aliceParams();
    params.credentials = &credentials;
    Call *call = startCall({}, params);
    QVERIFY(call);
    const SipMessage first = channel->last("INVITE");
    SipMessage challenge = reply(first, 407, "proxy-tag");
    challenge.addHeader("Proxy-Authenticate",
                        "Digest realm=\"example.com\", nonce=\"n-1\", algorithm=MD5, qop=\"auth\"");
    channel->inject(challenge, udpPeer());
    // §22.2: a new INVITE: CSeq + 1, same Call-ID and From tag, new branch, credentials.
    QCOMPARE(channel->count("INVITE"), 2);
    const SipMessage second = channel->last("INVITE");
    QCOMPARE(second.cseq()->number(), 2u);
    QCOMPARE(str(second.callId()), str(first.callId()));
    QCOMPARE(str(second.from()->tag()), str(first.from()->tag()));
    QVERIFY(second.to()->tag().empty());
    QVERIFY(second.vias()[0].branch() != first.vias()[0].branch());
    QCOMPARE(int(second.proxyAuthorization().size()), 1);
    QVERIFY(contains(second.header("Proxy-Authorization"), "username=\"alice\""));
    QVERIFY(contains(second.header("Proxy-Authorization"), "nonce=\"n-1\""));
    QCOMPARE(str(second.body()), str(first.body()));
    // The 407 was ACKed by its transaction.
    QCOMPARE(channel->count("ACK"), 1);
    QCOMPARE(call->session->state(), CallState::Calling);
    channel->inject(reply(second, 180), udpPeer());
    channel->inject(reply(second, 200, "bob-tag", bob.answer(second)), udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    QCOMPARE(call->rec.states, QStringList({ "ringing/180", "confirmed/200" }));
    // The ACK for the 2xx carries CSeq 2 and the INVITE's credentials (§13.2.2.4).
    const SipMessage ack = sentTo("ACK", bobPhone()).back().message;
    QCOMPARE(ack.cseq()->number(), 2u);
    QCOMPARE(str(ack.header("Proxy-Authorization")), str(second.header("Proxy-Authorization")));
    // A BYE in the dialog has CSeq 3.
    call->session->hangup();
    QCOMPARE(channel->last("BYE").cseq()->number(), 3u);
}

void TestInviteSession::uacWrongPassword()
{
    CredentialCache credentials;
    credentials.store({ QStringLiteral("alice"), QStringLiteral("wrong"), QString() });
    InviteSession::CallParams params = aliceParams();
    params.credentials = &credentials;
    Call *call = startCall({}, params);
    QVERIFY(call);
    for (int round = 0; round < 2; ++round) {
        const SipMessage invite = channel->last("INVITE");
        SipMessage challenge = reply(invite, 401, "bob-tag");
        challenge.addHeader("WWW-Authenticate", "Digest realm=\"example.com\", nonce=\"same\"");
        channel->inject(challenge, udpPeer());
    }
    // Answered once; the same nonce again means a wrong password: no third INVITE.
    QCOMPARE(channel->count("INVITE"), 2);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 401);
    QCOMPARE(call->rec.last().endCause, CallEndCause::Failed);
    QVERIFY(call->rec.last().reason.contains(QStringLiteral("wrong")));
    flush();
    QCOMPARE(call->rec.ended, 1);

    // Without credentials a 401 simply ends the call.
    Call *plain = startCall();
    QVERIFY(plain);
    const SipMessage invite = channel->last("INVITE");
    SipMessage challenge = reply(invite, 401, "bob-tag");
    challenge.addHeader("WWW-Authenticate", "Digest realm=\"example.com\", nonce=\"x\"");
    channel->inject(challenge, udpPeer());
    QCOMPARE(plain->rec.last().statusCode, 401);
    QCOMPARE(plain->session->state(), CallState::Terminated);
}

void TestInviteSession::uacHangupBeforeAnyResponse()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    call->session->hangup();
    // The state changes at once; the CANCEL waits for a provisional response (§9.1).
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().endCause, CallEndCause::LocalCancel);
    QCOMPARE(channel->count("CANCEL"), 0);
    call->session->hangup(); // no-op
    QCOMPARE(call->rec.states.size(), 1);
    channel->inject(reply(invite, 180), udpPeer());
    QCOMPARE(channel->count("CANCEL"), 1);
    const SipMessage cancel = channel->last("CANCEL");
    QCOMPARE(cancel.vias()[0].branch(), invite.vias()[0].branch());
    QCOMPARE(cancel.cseq()->number(), 1u);
    QCOMPARE(call->rec.states.size(), 1); // the 180 is not reported any more
    flush();
    QCOMPARE(call->rec.ended, 0); // the INVITE is still pending
    channel->inject(reply(cancel, 200, "bob-tag"), udpPeer());
    channel->inject(reply(invite, 487, "bob-tag"), udpPeer());
    QCOMPARE(channel->count("ACK"), 1); // the 487 ACKed by the transaction
    flush();
    QCOMPARE(call->rec.ended, 1);
    QCOMPARE(call->rec.states, QStringList({ "terminated/0" }));
}

void TestInviteSession::uacHangupWhileRinging()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 180), udpPeer());
    call->session->hangup();
    QCOMPARE(channel->count("CANCEL"), 1);
    QCOMPARE(channel->lastSent("CANCEL").destination, udpPeer());
    QCOMPARE(channel->count("BYE"), 0);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.states, QStringList({ "ringing/180", "terminated/0" }));
    channel->inject(reply(channel->last("CANCEL"), 200, "bob-tag"), udpPeer());
    channel->inject(reply(invite, 487, "bob-tag"), udpPeer());
    flush();
    QCOMPARE(call->rec.ended, 1);

    // Early media state: CANCEL as well.
    Call *early = startCall({}, [&] {
        auto p = aliceParams();
        p.callId = "call-2@example.com";
        return p;
    }());
    QVERIFY(early);
    const SipMessage invite2 = channel->last("INVITE");
    channel->inject(reply(invite2, 183, "bob-tag", bob.answer(invite2)), udpPeer());
    QCOMPARE(early->session->state(), CallState::Early);
    early->session->hangup();
    QCOMPARE(channel->count("CANCEL"), 2);
    QCOMPARE(channel->count("BYE"), 0);
}

void TestInviteSession::uacHangupConfirmed()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    call->session->hangup();
    QCOMPARE(channel->count("CANCEL"), 0);
    QCOMPARE(channel->count("BYE"), 1);
    const FakeChannel::Sent bye = channel->lastSent("BYE");
    QCOMPARE(bye.destination, bobPhone());
    QCOMPARE(bye.message.requestUri().toString(), std::string(bobContact));
    QCOMPARE(bye.message.cseq()->number(), 2u);
    QCOMPARE(str(bye.message.from()->tag()), std::string("alice-tag"));
    QCOMPARE(str(bye.message.to()->tag()), std::string("bob-tag"));
    QCOMPARE(call->rec.last().endCause, CallEndCause::LocalHangup);
    QCOMPARE(call->session->state(), CallState::Terminated);
    channel->inject(reply(bye.message, 200, "bob-tag"), bobPhone());
    flush();
    // The INVITE transaction lives on until Timer M (late 2xx of other forks).
    QCOMPARE(call->rec.ended, 0);
    clock->advance(33s);
    QCOMPARE(call->rec.ended, 1);
}

void TestInviteSession::uacCancelRacesWith200()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 180), udpPeer());
    call->session->hangup();
    QCOMPARE(channel->count("CANCEL"), 1);
    // Bob answered before the CANCEL reached him: 200 to the INVITE, 200 to the CANCEL.
    channel->inject(reply(invite, 200, "bob-tag", bob.answer(invite)), udpPeer());
    channel->inject(reply(channel->last("CANCEL"), 200, "bob-tag"), udpPeer());
    // §9.1 / §15: ACK the 2xx, then BYE.
    QCOMPARE(int(sentTo("ACK", bobPhone()).size()), 1);
    QCOMPARE(int(sentTo("BYE", bobPhone()).size()), 1);
    const SipMessage bye = channel->last("BYE");
    QCOMPARE(bye.cseq()->number(), 2u);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.states, QStringList({ "ringing/180", "terminated/0" })); // never confirmed
    QVERIFY(call->rec.media.empty());
    channel->inject(reply(bye, 200, "bob-tag"), bobPhone());
    clock->advance(33s);
    QCOMPARE(call->rec.ended, 1);
}

void TestInviteSession::uacNoAnswerTimeout()
{
    InviteSession::Settings settings;
    settings.noAnswerTimeout = 30s;
    Call *call = startCall(settings);
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 180), udpPeer());
    clock->advance(29s);
    QCOMPARE(channel->count("CANCEL"), 0);
    clock->advance(1s);
    QCOMPARE(channel->count("CANCEL"), 1);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().endCause, CallEndCause::NoAnswer);
    channel->inject(reply(invite, 487, "bob-tag"), udpPeer());
    flush();
    QCOMPARE(call->rec.ended, 1);
}

void TestInviteSession::uacForkedAnswers()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 180, "tagA", {}, bobContact), udpPeer());
    channel->inject(reply(invite, 180, "tagB", {}, bobContact2), udpPeer());
    const std::string answer = bob.answer(invite);
    channel->inject(reply(invite, 200, "tagA", answer, bobContact), udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    // Fork B answers too: ACK + BYE to B, the call stays with A.
    FarEnd bob2;
    channel->inject(reply(invite, 200, "tagB", bob2.answer(invite), bobContact2), udpPeer());
    QCOMPARE(int(sentTo("ACK", bobPhone2()).size()), 1);
    QCOMPARE(int(sentTo("BYE", bobPhone2()).size()), 1);
    QCOMPARE(int(sentTo("BYE", bobPhone()).size()), 0);
    QCOMPARE(call->session->dialog()->remoteTag(), std::string("tagA"));
    QCOMPARE(call->rec.states, QStringList({ "ringing/180", "confirmed/200" }));
    QCOMPARE(int(call->rec.media.size()), 1);
    QCOMPARE(call->session->state(), CallState::Confirmed);
}

void TestInviteSession::uacTimeoutAndTransportError()
{
    Call *call = startCall();
    QVERIFY(call);
    clock->advance(33s); // Timer B
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 408);
    QCOMPARE(call->rec.last().endCause, CallEndCause::Failed);
    QCOMPARE(call->rec.ended, 1);

    auto p = aliceParams();
    p.callId = "call-2@example.com";
    Call *broken = startCall({}, p);
    QVERIFY(broken);
    channel->failAsync(udpPeer(), QStringLiteral("connection refused"));
    QCOMPARE(broken->session->state(), CallState::Terminated);
    QCOMPARE(broken->rec.last().statusCode, 503);
    QCOMPARE(broken->rec.last().endCause, CallEndCause::Failed);
}

void TestInviteSession::uacUnusableAnswer()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    // A 2xx without any SDP answer: ACK it, then BYE (the call cannot have media).
    channel->inject(reply(invite, 200, "bob-tag"), udpPeer());
    QCOMPARE(int(sentTo("ACK", bobPhone()).size()), 1);
    QCOMPARE(int(sentTo("BYE", bobPhone()).size()), 1);
    QVERIFY(contains(channel->last("BYE").header("Reason"), "cause=488"));
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 488);
    QCOMPARE(call->rec.last().endCause, CallEndCause::Failed);
}

void TestInviteSession::uacRemoteBye()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    Dialog bobDialog = peerDialog(invite, ok);
    SipMessage bye = bobDialog.createRequest("BYE");
    addVia(bye);
    channel->inject(bye, bobPhone());
    QCOMPARE(channel->count("200"), 1);
    QCOMPARE(str(channel->last("200").cseq()->method()), std::string("BYE"));
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().endCause, CallEndCause::RemoteHangup);
    clock->advance(33s);
    QCOMPARE(call->rec.ended, 1);
    // A BYE for a dialog nobody has: the UA's 481.
    SipMessage again = bobDialog.createRequest("BYE");
    addVia(again);
    calls.clear();
    channel->inject(again, bobPhone());
    QCOMPARE(channel->count("481"), 1);
}

void TestInviteSession::uacInDialogAuthentication()
{
    CredentialCache credentials;
    credentials.store({ QStringLiteral("alice"), QStringLiteral("secret"), QString() });
    InviteSession::CallParams params = aliceParams();
    params.credentials = &credentials;
    Call *call = startCall({}, params);
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 200, "bob-tag", bob.answer(invite)), udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    call->session->hangup();
    const SipMessage bye = channel->last("BYE");
    QCOMPARE(bye.cseq()->number(), 2u);
    // A proxy on the route challenges the BYE: answered with CSeq 3, a new branch.
    SipMessage challenge = reply(bye, 407, "bob-tag");
    challenge.addHeader("Proxy-Authenticate", "Digest realm=\"example.com\", nonce=\"b-1\"");
    channel->inject(challenge, bobPhone());
    QCOMPARE(requests("BYE"), 2);
    const SipMessage retry = channel->last("BYE");
    QCOMPARE(retry.cseq()->number(), 3u);
    QVERIFY(retry.vias()[0].branch() != bye.vias()[0].branch());
    QVERIFY(contains(retry.header("Proxy-Authorization"), "nonce=\"b-1\""));
    channel->inject(reply(retry, 200, "bob-tag"), bobPhone());
    clock->advance(33s);
    QCOMPARE(call->rec.ended, 1);
    QVERIFY(call->session->dialog()->isTerminated());
}

void TestInviteSession::uacDeletedFromEndedSlot()
{
    Call *call = startCall();
    QVERIFY(call);
    InviteSession *session = call->session.get();
    connect(session, &InviteSession::ended, this, [this, session] {
        // The owner deletes the session right from the slot.
        for (auto it = calls.begin(); it != calls.end(); ++it) {
            if ((*it)->session.get() == session) {
                calls.erase(it);
                break;
            }
        }
    });
    const SipMessage invite = channel->last("INVITE");
    channel->inject(reply(invite, 486, "bob-tag"), udpPeer());
    flush();
    QVERIFY(calls.empty());
    // Whatever still comes is absorbed by the layer; nothing reaches the dead session.
    channel->inject(reply(invite, 486, "bob-tag"), udpPeer());
    channel->inject(reply(invite, 200, "bob-tag"), udpPeer());
    clock->advance(60s);
    QCOMPARE(channel->count("ACK"), 2);
}

void TestInviteSession::uasByeBeforeAnswer()
{
    FarEnd caller;
    const SipMessage invite = bobInvite(caller.sdp.createOffer().toString());
    Call *call = incomingCall(invite);
    QVERIFY(call);
    // §15.1.2: a BYE in the early dialog: 200 to it, 487 to the INVITE.
    Dialog bobDialog = *Dialog::createUac(invite, channel->last("180"));
    SipMessage bye = bobDialog.createRequest("BYE");
    addVia(bye, "192.0.2.10:5060");
    channel->inject(bye, udpPeer());
    QCOMPARE(str(channel->last("200").cseq()->method()), std::string("BYE"));
    QCOMPARE(channel->count("487"), 1);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().endCause, CallEndCause::RemoteHangup);
    QVERIFY(!call->session->answer());
}

void TestInviteSession::uasNoAnswerTimeout()
{
    InviteSession::Settings settings;
    settings.noAnswerTimeout = 20s;
    FarEnd caller;
    Call *call = incomingCall(bobInvite(caller.sdp.createOffer().toString()), settings);
    QVERIFY(call);
    clock->advance(19s);
    QCOMPARE(call->session->state(), CallState::Ringing);
    clock->advance(1s);
    QCOMPARE(channel->count("480"), 1);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().endCause, CallEndCause::NoAnswer);

    // Without autoRinging the owner rings (or answers) itself.
    settings.autoRinging = false;
    settings.noAnswerTimeout = 0ms;
    std::string text = bobInvite(caller.sdp.createOffer().toString()).toString();
    text.replace(text.find("in-1@"), 5, "in-8@");
    text.replace(text.find("invite-1"), 8, "invite-8");
    const SipMessage invite = SipMessage::parse(text);
    const int ringing = channel->count("180");
    Call *quiet = incomingCall(invite, settings);
    QVERIFY(quiet);
    QCOMPARE(channel->count("180"), ringing);
    QVERIFY(quiet->session->answer());
    const SipMessage ok = channel->last("200");
    QCOMPARE(str(ok.callId()), std::string("in-8@example.com"));
    QVERIFY(!ok.to()->tag().empty());
    QCOMPARE(str(ok.to()->tag()), quiet->session->dialog()->localTag());
    clock->advance(200s);
    for (const auto &sent : channel->sent)
        QVERIFY(sent.message.statusCode() != 480
                || str(sent.message.callId()) != "in-8@example.com");
}

void TestInviteSession::updateWithOffer()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    // RFC 3311: the peer holds us with an UPDATE; the answer is in its 200.
    Dialog bobDialog = peerDialog(invite, ok);
    SipMessage update = bobDialog.createRequest("UPDATE");
    update.setBody("application/sdp", bob.sdp.createOffer(SdpDirection::Inactive).toString());
    addVia(update);
    channel->inject(update, bobPhone());
    const SipMessage answer = channel->last("200");
    QCOMPARE(str(answer.cseq()->method()), std::string("UPDATE"));
    QVERIFY(contains(answer.body(), "a=inactive"));
    QCOMPARE(answer.contacts()[0].uri().toString(), std::string(aliceContact));
    QCOMPARE(call->session->state(), CallState::Held);
    QVERIFY(call->session->status().remoteHold);
    // No ACK for UPDATE: we may re-offer at once.
    QVERIFY(bob.sdp.processAnswer(parseSdp(answer.body())).ok);
    QVERIFY(call->session->hold());
    QVERIFY(contains(channel->last("INVITE").body(), "a=sendonly"));
}

void TestInviteSession::reinvite481EndsCall()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    QVERIFY(call->session->hold());
    // §12.2.1.2: 481 to a request in the dialog: the dialog (and the call) is gone.
    channel->inject(reply(channel->last("INVITE"), 481, "bob-tag"), bobPhone());
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 481);
    QCOMPARE(call->rec.last().endCause, CallEndCause::Failed);
    QCOMPARE(channel->count("BYE"), 0);
    clock->advance(33s);
    QCOMPARE(call->rec.ended, 1);
}

// ---- UAS -------------------------------------------------------------------------------------

void TestInviteSession::uasRingsWithToTag()
{
    FarEnd caller;
    const std::string offer = caller.sdp.createOffer().toString();
    InviteSession::Settings settings;
    settings.userAgent = "Parlo/0.1";
    Call *call = incomingCall(bobInvite(offer), settings);
    QVERIFY(call);
    QCOMPARE(call->session->role(), InviteSession::Role::Uas);
    QCOMPARE(call->session->state(), CallState::Ringing);
    QCOMPARE(call->rec.states, QStringList({ "ringing/180" }));
    QCOMPARE(channel->count("180"), 1);
    const SipMessage ringing = channel->last("180");
    QVERIFY(!ringing.to()->tag().empty());
    QCOMPARE(str(ringing.to()->tag()), call->session->dialog()->localTag());
    QCOMPARE(ringing.contacts()[0].uri().toString(), std::string(aliceContact));
    QCOMPARE(str(ringing.header("Server")), std::string("Parlo/0.1"));
    QVERIFY(ringing.body().empty());
    QCOMPARE(call->session->remoteUri(), std::string("sip:bob@example.com"));
    QCOMPARE(call->session->remoteDisplayName(), std::string("Bob"));
    QCOMPARE(call->session->callId(), std::string("in-1@example.com"));
    QVERIFY(call->session->dialog()->isEarly());
}

void TestInviteSession::uasAnswerRetransmittedUntilAck()
{
    FarEnd caller;
    const SipMessage invite = bobInvite(caller.sdp.createOffer().toString());
    Call *call = incomingCall(invite);
    QVERIFY(call);
    QVERIFY(call->session->answer());
    QVERIFY(!call->session->answer()); // once
    QCOMPARE(channel->count("200"), 1);
    const SipMessage ok = channel->last("200");
    QCOMPARE(str(ok.to()->tag()), call->session->dialog()->localTag());
    QCOMPARE(ok.contacts()[0].uri().toString(), std::string(aliceContact));
    QVERIFY(ok.contentType()->matches("application", "sdp"));
    QVERIFY(contains(ok.body(), "m=audio 40000"));
    QVERIFY(contains(ok.body(), "PCMU"));
    QVERIFY(!ok.allow().empty());
    // The caller can use the answer.
    QVERIFY(caller.sdp.processAnswer(parseSdp(ok.body())).ok);
    // Media is known as soon as the answer is sent; the state waits for the ACK.
    QCOMPARE(int(call->rec.media.size()), 1);
    QCOMPARE(call->rec.media[0].audio.remoteRtpPort, 50000);
    QCOMPARE(call->session->state(), CallState::Ringing);
    // §13.3.1.4: 2xx retransmitted at T1, 2T1, 4T1... until the ACK.
    clock->advance(500ms);
    QCOMPARE(channel->count("200"), 2);
    clock->advance(1000ms);
    QCOMPARE(channel->count("200"), 3);
    Dialog bobDialog = *Dialog::createUac(invite, ok);
    SipMessage ack = bobDialog.createAck(1);
    addVia(ack, "192.0.2.10:5060");
    channel->inject(ack, udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    QCOMPARE(call->rec.states, QStringList({ "ringing/180", "confirmed/200" }));
    clock->advance(10s);
    QCOMPARE(channel->count("200"), 3);
    QCOMPARE(channel->count("BYE"), 0);
    // A retransmitted ACK is absorbed.
    channel->inject(ack, udpPeer());
    QCOMPARE(call->rec.states.size(), 2);
}

void TestInviteSession::uasAckTimeoutSendsBye()
{
    FarEnd caller;
    Call *call = incomingCall(bobInvite(caller.sdp.createOffer().toString()));
    QVERIFY(call);
    QVERIFY(call->session->answer());
    clock->advance(31s);
    QCOMPARE(channel->count("BYE"), 0);
    clock->advance(1s); // Timer L: 64*T1
    QCOMPARE(channel->count("BYE"), 1);
    const FakeChannel::Sent bye = channel->lastSent("BYE");
    QCOMPARE(bye.destination, udpPeer()); // the caller's Contact 192.0.2.10:5060
    QCOMPARE(str(bye.message.to()->tag()), std::string("bob-tag"));
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 408);
    QCOMPARE(call->rec.last().endCause, CallEndCause::Failed);
    channel->inject(reply(bye.message, 200, "bob-tag"), udpPeer());
    flush();
    QCOMPARE(call->rec.ended, 1);
}

void TestInviteSession::uasCancelIsMissedCall()
{
    FarEnd caller;
    const SipMessage invite = bobInvite(caller.sdp.createOffer().toString());
    Call *call = incomingCall(invite);
    QVERIFY(call);
    channel->inject(makeCancel(invite), udpPeer());
    QCOMPARE(channel->count("487"), 1);
    QCOMPARE(str(channel->last("487").to()->tag()), str(channel->last("180").to()->tag()));
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 487);
    QCOMPARE(call->rec.last().endCause, CallEndCause::RemoteCancel);
    QVERIFY(!call->session->answer());
    flush();
    QCOMPARE(call->rec.ended, 1);

    // "Answered elsewhere" (RFC 3326 Reason cause=200).
    std::string text = invite.toString();
    text.replace(text.find("in-1@"), 5, "in-2@");
    text.replace(text.find("invite-1"), 8, "invite-2");
    const SipMessage invite2 = SipMessage::parse(text);
    Call *other = incomingCall(invite2);
    QVERIFY(other);
    channel->inject(makeCancel(invite2, "SIP;cause=200;text=\"Call completed elsewhere\""),
                    udpPeer());
    QCOMPARE(other->rec.last().endCause, CallEndCause::AnsweredElsewhere);
}

void TestInviteSession::uasRemoteBye()
{
    FarEnd caller;
    const SipMessage invite = bobInvite(caller.sdp.createOffer().toString());
    Call *call = incomingCall(invite);
    QVERIFY(call && call->session->answer());
    Dialog bobDialog = *Dialog::createUac(invite, channel->last("200"));
    SipMessage ack = bobDialog.createAck(1);
    addVia(ack, "192.0.2.10:5060");
    channel->inject(ack, udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    SipMessage bye = bobDialog.createRequest("BYE");
    addVia(bye, "192.0.2.10:5060");
    channel->inject(bye, udpPeer());
    const SipMessage ok = channel->last("200");
    QCOMPARE(str(ok.cseq()->method()), std::string("BYE"));
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().endCause, CallEndCause::RemoteHangup);
    flush();
    QCOMPARE(call->rec.ended, 1);
}

void TestInviteSession::uasUnanswerableOffer()
{
    // Only G.729: no codec in common.
    const std::string offer = "v=0\r\n"
                              "o=bob 1 1 IN IP4 192.0.2.10\r\n"
                              "s=-\r\n"
                              "c=IN IP4 192.0.2.10\r\n"
                              "t=0 0\r\n"
                              "m=audio 5004 RTP/AVP 18\r\n"
                              "a=rtpmap:18 G729/8000\r\n";
    Call *call = incomingCall(bobInvite(offer));
    QVERIFY(call);
    QCOMPARE(channel->count("180"), 0);
    QCOMPARE(channel->count("488"), 1);
    const SipMessage rejected = channel->last("488");
    const std::string warning = str(rejected.header("Warning"));
    QVERIFY2(warning.rfind("305 192.0.2.1 \"", 0) == 0 || warning.rfind("304 192.0.2.1 \"", 0) == 0,
             warning.c_str());
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 488);
    QCOMPARE(call->rec.last().endCause, CallEndCause::LocalReject);
    flush();
    QCOMPARE(call->rec.ended, 1);

    // Malformed SDP: 488 with a 399 warning.
    std::string text = bobInvite("v=0\r\nthis is not sdp\r\n").toString();
    text.replace(text.find("in-1@"), 5, "in-3@");
    text.replace(text.find("invite-1"), 8, "invite-3");
    Call *bad = incomingCall(SipMessage::parse(text));
    QVERIFY(bad);
    QCOMPARE(channel->count("488"), 2);
    QVERIFY(str(channel->last("488").header("Warning")).rfind("399 ", 0) == 0);
}

void TestInviteSession::uasRejectCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::newRow("486 busy") << 486 << QStringLiteral("Busy Here");
    QTest::newRow("603 decline") << 603 << QStringLiteral("Decline");
    QTest::newRow("480 unavailable") << 480 << QStringLiteral("Temporarily Unavailable");
}

void TestInviteSession::uasRejectCodes()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    FarEnd caller;
    Call *call = incomingCall(bobInvite(caller.sdp.createOffer().toString()));
    QVERIFY(call);
    QVERIFY(call->session->reject(code));
    QVERIFY(!call->session->reject(code));
    QCOMPARE(channel->count(std::to_string(code)), 1);
    const SipMessage r = channel->last(std::to_string(code));
    QCOMPARE(qstr(r.reasonPhrase()), reason);
    QCOMPARE(str(r.to()->tag()), str(channel->last("180").to()->tag()));
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, code);
    QCOMPARE(call->rec.last().endCause, CallEndCause::LocalReject);
    flush();
    QCOMPARE(call->rec.ended, 1);
    // The caller's ACK for the non-2xx is absorbed by the transaction.
    SipMessage ack = makeNon2xxAck(bobInvite(""), r);
    channel->inject(ack, udpPeer());
    QCOMPARE(channel->count(std::to_string(code)), 1);
}

void TestInviteSession::uasOfferlessInvite()
{
    const SipMessage invite = bobInvite({});
    Call *call = incomingCall(invite);
    QVERIFY(call);
    QVERIFY(call->session->answer());
    // §13.2.1: our offer in the 2xx ...
    const SipMessage ok = channel->last("200");
    QVERIFY(contains(ok.body(), "m=audio 40000"));
    QVERIFY(call->rec.media.empty());
    // ... the answer in the ACK.
    FarEnd caller;
    const std::string answer = caller.answer(ok);
    Dialog bobDialog = *Dialog::createUac(invite, ok);
    SipMessage ack = bobDialog.createAck(1);
    ack.setBody("application/sdp", answer);
    addVia(ack, "192.0.2.10:5060");
    channel->inject(ack, udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    QCOMPARE(int(call->rec.media.size()), 1);
    QCOMPARE(call->rec.media[0].audio.remoteRtpPort, 50000);

    // An offerless INVITE whose ACK brings no answer: BYE.
    std::string text = invite.toString();
    text.replace(text.find("in-1@"), 5, "in-4@");
    text.replace(text.find("invite-1"), 8, "invite-4");
    const SipMessage invite2 = SipMessage::parse(text);
    Call *second = incomingCall(invite2);
    QVERIFY(second && second->session->answer());
    Dialog d2 = *Dialog::createUac(invite2, channel->last("200"));
    SipMessage ack2 = d2.createAck(1);
    addVia(ack2, "192.0.2.10:5060");
    channel->inject(ack2, udpPeer());
    QCOMPARE(second->session->state(), CallState::Terminated);
    QCOMPARE(channel->count("BYE"), 1);
}

void TestInviteSession::uasHangupBeforeAck()
{
    FarEnd caller;
    const SipMessage invite = bobInvite(caller.sdp.createOffer().toString());
    Call *call = incomingCall(invite);
    QVERIFY(call && call->session->answer());
    call->session->hangup();
    QCOMPARE(call->session->state(), CallState::Terminated);
    // §15: no BYE before the ACK.
    QCOMPARE(channel->count("BYE"), 0);
    Dialog bobDialog = *Dialog::createUac(invite, channel->last("200"));
    SipMessage ack = bobDialog.createAck(1);
    addVia(ack, "192.0.2.10:5060");
    channel->inject(ack, udpPeer());
    QCOMPARE(channel->count("BYE"), 1);
    QCOMPARE(call->rec.states, QStringList({ "ringing/180", "terminated/0" }));
    channel->inject(reply(channel->last("BYE"), 200, "bob-tag"), udpPeer());
    flush();
    QCOMPARE(call->rec.ended, 1);

    // Hanging up an incoming call that still rings declines it.
    std::string text = invite.toString();
    text.replace(text.find("in-1@"), 5, "in-5@");
    text.replace(text.find("invite-1"), 8, "invite-5");
    Call *ringing = incomingCall(SipMessage::parse(text));
    QVERIFY(ringing);
    ringing->session->hangup();
    QCOMPARE(channel->count("603"), 1);
}

void TestInviteSession::uasBadRequests()
{
    // Not SDP: 415 with Accept.
    std::string t = bobInvite({}).toString();
    t.replace(t.find("Content-Length: 0"), 17,
              "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
    t.resize(t.find("hello") + 5);
    Call *call = incomingCall(SipMessage::parse(t));
    QVERIFY(call);
    QCOMPARE(channel->count("415"), 1);
    QCOMPARE(str(channel->last("415").header("Accept")), std::string("application/sdp"));
    QCOMPARE(call->session->state(), CallState::Terminated);

    // No Contact: 400.
    std::string noContact = bobInvite({}).toString();
    noContact.erase(noContact.find("Contact: "),
                    std::string("Contact: <sip:bob@192.0.2.10:5060>\r\n").size());
    noContact.replace(noContact.find("in-1@"), 5, "in-6@");
    noContact.replace(noContact.find("invite-1"), 8, "invite-6");
    Call *second = incomingCall(SipMessage::parse(noContact));
    QVERIFY(second);
    QCOMPARE(channel->count("400"), 1);
    QCOMPARE(second->session->state(), CallState::Terminated);
}

// ---- Extras ------------------------------------------------------------------------------------

void TestInviteSession::holdAndResume()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    QVERIFY(call->session->hold());
    QCOMPARE(channel->count("INVITE"), 2);
    const FakeChannel::Sent reinvite = channel->lastSent("INVITE");
    QCOMPARE(reinvite.destination, bobPhone());
    QCOMPARE(reinvite.message.cseq()->number(), 2u);
    QCOMPARE(str(reinvite.message.to()->tag()), std::string("bob-tag"));
    QVERIFY(contains(reinvite.message.body(), "a=sendonly"));
    QCOMPARE(reinvite.message.contacts()[0].uri().toString(), std::string(aliceContact));
    // Bob answers recvonly.
    channel->inject(reply(reinvite.message, 200, "bob-tag", bob.answer(reinvite.message)),
                    bobPhone());
    QCOMPARE(call->session->state(), CallState::Held);
    QVERIFY(call->session->status().localHold);
    QVERIFY(!call->session->status().remoteHold);
    QCOMPARE(call->rec.media.back().audio.direction, SdpDirection::SendOnly);
    // The re-INVITE's 2xx is ACKed (CSeq 2).
    const auto acks = sentTo("ACK", bobPhone());
    QCOMPARE(acks.back().message.cseq()->number(), 2u);
    const int acksBefore = int(acks.size());
    // A retransmission of that 2xx: the same ACK again.
    channel->inject(reply(reinvite.message, 200, "bob-tag", bob.sdp.localDescription()->toString()),
                    bobPhone());
    QCOMPARE(int(sentTo("ACK", bobPhone()).size()), acksBefore + 1);
    QCOMPARE(sentTo("ACK", bobPhone()).back().message, acks.back().message);

    QVERIFY(call->session->resume());
    const SipMessage resume = channel->last("INVITE");
    QCOMPARE(resume.cseq()->number(), 3u);
    QVERIFY(contains(resume.body(), "a=sendrecv"));
    channel->inject(reply(resume, 200, "bob-tag", bob.answer(resume)), bobPhone());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    QCOMPARE(call->rec.media.back().audio.direction, SdpDirection::SendRecv);
    QCOMPARE(call->rec.states.mid(call->rec.states.size() - 2),
             QStringList({ "held/200", "confirmed/200" }));

    // A hold refused by the peer (e.g. 488) leaves the call as it was.
    QVERIFY(call->session->hold());
    const SipMessage refused = channel->last("INVITE");
    channel->inject(reply(refused, 488, "bob-tag"), bobPhone());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    QCOMPARE(call->rec.last().statusCode, 488);
    QCOMPARE(channel->count("INVITE"), 4);
    clock->advance(10s);
    QCOMPARE(channel->count("INVITE"), 4);
}

void TestInviteSession::remoteHold()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    Dialog bobDialog = peerDialog(invite, ok);
    SipMessage reinvite = bobDialog.createRequest("INVITE");
    reinvite.setBody("application/sdp", bob.sdp.createOffer(SdpDirection::SendOnly).toString());
    addVia(reinvite);
    channel->inject(reinvite, bobPhone());
    const SipMessage answer = channel->last("200");
    QCOMPARE(str(answer.cseq()->method()), std::string("INVITE"));
    QVERIFY(contains(answer.body(), "a=recvonly"));
    QCOMPARE(call->session->state(), CallState::Held);
    QVERIFY(call->session->status().remoteHold);
    QVERIFY(!call->session->status().localHold);
    QCOMPARE(call->rec.media.back().audio.direction, SdpDirection::RecvOnly);
    QVERIFY(bob.sdp.processAnswer(parseSdp(answer.body())).ok);
    SipMessage ack = bobDialog.createAck(reinvite.cseq()->number());
    addVia(ack);
    channel->inject(ack, bobPhone());
    // Bob resumes with a re-INVITE without SDP: our offer in the 200, his answer in the ACK.
    SipMessage resume = bobDialog.createRequest("INVITE");
    addVia(resume);
    channel->inject(resume, bobPhone());
    const SipMessage offer = channel->last("200");
    QVERIFY(contains(offer.body(), "a=sendrecv"));
    bob.sdp.setLocalDirection(SdpDirection::SendRecv);
    const std::string bobAnswer = bob.answer(offer);
    SipMessage ack2 = bobDialog.createAck(resume.cseq()->number());
    ack2.setBody("application/sdp", bobAnswer);
    addVia(ack2);
    channel->inject(ack2, bobPhone());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    QVERIFY(!call->session->status().remoteHold);
    // A re-offer we cannot take: 488, the call goes on.
    SipMessage bad = bobDialog.createRequest("INVITE");
    bad.setBody("application/sdp",
                "v=0\r\no=bob 1 9 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\n"
                "t=0 0\r\nm=video 5006 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n");
    addVia(bad);
    channel->inject(bad, bobPhone());
    QCOMPARE(channel->count("488"), 1);
    QVERIFY(!channel->last("488").header("Warning").empty());
    QCOMPARE(call->session->state(), CallState::Confirmed);
}

void TestInviteSession::reinviteGlare()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    QVERIFY(call->session->hold());
    const SipMessage ours = channel->last("INVITE");
    // Bob re-INVITEs at the same time: we answer 491 (§14.2) ...
    Dialog bobDialog = peerDialog(invite, ok);
    SipMessage theirs = bobDialog.createRequest("INVITE");
    theirs.setBody("application/sdp", bob.sdp.createOffer(SdpDirection::SendRecv).toString());
    addVia(theirs);
    channel->inject(theirs, bobPhone());
    QCOMPARE(channel->count("491"), 1);
    bob.sdp.cancelOffer();
    // ... and he answers ours 491 too: we own the Call-ID, so we retry after 2.1-4 s.
    channel->inject(reply(ours, 491, "bob-tag"), bobPhone());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    const int invites = requests("INVITE");
    clock->advance(2099ms);
    QCOMPARE(requests("INVITE"), invites);
    clock->advance(1901ms);
    QCOMPARE(requests("INVITE"), invites + 1);
    const SipMessage retry = channel->last("INVITE");
    QVERIFY(contains(retry.body(), "a=sendonly"));
    QVERIFY(retry.cseq()->number() > ours.cseq()->number());
    channel->inject(reply(retry, 200, "bob-tag", bob.answer(retry)), bobPhone());
    QCOMPARE(call->session->state(), CallState::Held);

    // As the UAS of the dialog (not the Call-ID owner) the wait is 0-2 s.
    FarEnd caller;
    const SipMessage in = bobInvite(caller.sdp.createOffer().toString());
    Call *uas = incomingCall(in);
    QVERIFY(uas && uas->session->answer());
    Dialog callerDialog = *Dialog::createUac(in, channel->last("200"));
    SipMessage ack = callerDialog.createAck(1);
    addVia(ack, "192.0.2.10:5060");
    channel->inject(ack, udpPeer());
    QVERIFY(uas->session->hold());
    const SipMessage uasReinvite = channel->last("INVITE");
    QCOMPARE(str(uasReinvite.callId()), std::string("in-1@example.com"));
    channel->inject(reply(uasReinvite, 491, "bob-tag"), udpPeer());
    const int before = requests("INVITE");
    clock->advance(2001ms);
    QCOMPARE(requests("INVITE"), before + 1);
}

void TestInviteSession::redirect()
{
    Call *call = startCall();
    QVERIFY(call);
    const SipMessage invite = channel->last("INVITE");
    SipMessage moved = reply(invite, 302, "redirect-tag");
    moved.addHeader("Contact",
                    "<sip:bob@192.0.2.30:5070>;q=0.5, <sip:bob-mobile@192.0.2.31>;q=0.9");
    channel->inject(moved, udpPeer());
    // §8.1.3.4: the best Contact first, CSeq + 1, same Call-ID/From/To, via the proxy.
    QCOMPARE(channel->count("INVITE"), 2);
    const FakeChannel::Sent next = channel->lastSent("INVITE");
    QCOMPARE(next.destination, udpPeer());
    QCOMPARE(next.message.requestUri().toString(), std::string("sip:bob-mobile@192.0.2.31"));
    QCOMPARE(next.message.cseq()->number(), 2u);
    QCOMPARE(str(next.message.callId()), str(invite.callId()));
    QCOMPARE(next.message.to()->uri().toString(), std::string("sip:bob@example.com"));
    QCOMPARE(call->rec.last().statusCode, 302);
    QCOMPARE(call->session->state(), CallState::Calling);
    // That one fails too: the next Contact.
    channel->inject(reply(next.message, 480, "m-tag"), udpPeer());
    const SipMessage third = channel->last("INVITE");
    QCOMPARE(third.requestUri().toString(), std::string("sip:bob@192.0.2.30:5070"));
    QCOMPARE(third.cseq()->number(), 3u);
    QCOMPARE(call->session->state(), CallState::Calling);
    channel->inject(reply(third, 200, "bob-tag", bob.answer(third)), udpPeer());
    QCOMPARE(call->session->state(), CallState::Confirmed);

    // Without a proxy the new target is resolved; the redirect limit holds.
    InviteSession::Settings settings;
    settings.maxRedirects = 1;
    auto p = aliceParams();
    p.callId = "call-2@example.com";
    p.destinationIsProxy = false;
    Call *direct = startCall(settings, p);
    QVERIFY(direct);
    SipMessage m1 = reply(channel->last("INVITE"), 302, "r1");
    m1.addHeader("Contact", "<sip:bob@192.0.2.30:5070>");
    channel->inject(m1, udpPeer());
    QCOMPARE(channel->lastSent("INVITE").destination,
             endpoint(TransportType::Udp, "192.0.2.30", 5070));
    SipMessage m2 = reply(channel->last("INVITE"), 302, "r2");
    m2.addHeader("Contact", "<sip:bob@192.0.2.31>");
    channel->inject(m2, endpoint(TransportType::Udp, "192.0.2.30", 5070));
    QCOMPARE(direct->session->state(), CallState::Terminated);
    QCOMPARE(direct->rec.last().statusCode, 302);
}

void TestInviteSession::dtmfInfo()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    QVERIFY(call->session->sendDtmf(QChar(u'5')));
    QVERIFY(call->session->sendDtmf(QChar(u'#'), 250));
    QVERIFY(!call->session->sendDtmf(QChar(u'x')));
    // One at a time, in order.
    QCOMPARE(channel->count("INFO"), 1);
    const SipMessage first = channel->last("INFO");
    QVERIFY(first.contentType()->matches("application", "dtmf-relay"));
    QCOMPARE(str(first.body()), std::string("Signal=5\r\nDuration=160\r\n"));
    channel->inject(reply(first, 200, "bob-tag"), bobPhone());
    QCOMPARE(channel->count("INFO"), 2);
    QCOMPARE(str(channel->last("INFO").body()), std::string("Signal=#\r\nDuration=250\r\n"));
    channel->inject(reply(channel->last("INFO"), 200, "bob-tag"), bobPhone());

    // Received: application/dtmf-relay and application/dtmf.
    Dialog bobDialog = peerDialog(invite, ok);
    SipMessage info = bobDialog.createRequest("INFO");
    info.setBody("application/dtmf-relay", "Signal=7\r\nDuration=100\r\n");
    addVia(info);
    channel->inject(info, bobPhone());
    SipMessage info2 = bobDialog.createRequest("INFO");
    info2.setBody("application/dtmf", "*");
    addVia(info2);
    channel->inject(info2, bobPhone());
    QCOMPARE(call->rec.dtmf, QStringLiteral("7*"));
    // Another INFO package: 415.
    SipMessage other = bobDialog.createRequest("INFO");
    other.setBody("application/x-unknown", "?");
    addVia(other);
    channel->inject(other, bobPhone());
    QCOMPARE(channel->count("415"), 1);
    QCOMPARE(call->session->state(), CallState::Confirmed);
}

void TestInviteSession::sessionTimerRefresh()
{
    // The UAS picks 90 s with us (the UAC) refreshing; Bob allows UPDATE.
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok, {}, "Session-Expires: 90;refresher=uac");
    QVERIFY(call);
    QCOMPARE(call->session->sessionInterval(), 90);
    QVERIFY(call->session->isSessionRefresher());
    clock->advance(44s);
    QCOMPARE(channel->count("INVITE"), 1);
    QCOMPARE(channel->count("UPDATE"), 0);
    clock->advance(1s);
    // No UPDATE in Bob's Allow (the 200 has none): a re-INVITE with the same SDP.
    QCOMPARE(channel->count("INVITE"), 2);
    const SipMessage refresh = channel->last("INVITE");
    QCOMPARE(str(refresh.header("Session-Expires")), std::string("90;refresher=uac"));
    QVERIFY(contains(refresh.body(), "a=sendrecv"));
    SipMessage refreshed = reply(refresh, 200, "bob-tag", bob.answer(refresh));
    refreshed.addHeader("Session-Expires", "90;refresher=uac");
    channel->inject(refreshed, bobPhone());
    QCOMPARE(call->session->state(), CallState::Confirmed);
    clock->advance(45s);
    QCOMPARE(channel->count("INVITE"), 3);

    // With UPDATE allowed, refreshes are UPDATEs without SDP.
    auto p = aliceParams();
    p.callId = "call-2@example.com";
    Call *second = startCall({}, p);
    QVERIFY(second);
    const SipMessage inv2 = channel->last("INVITE");
    FarEnd bob2;
    SipMessage ok2 = reply(inv2, 200, "bob-tag", bob2.answer(inv2));
    ok2.addHeader("Session-Expires", "120;refresher=uac");
    ok2.addHeader("Allow", "INVITE, ACK, BYE, CANCEL, UPDATE");
    channel->inject(ok2, udpPeer());
    clock->advance(60s);
    QCOMPARE(channel->count("UPDATE"), 1);
    const SipMessage update = channel->last("UPDATE");
    QVERIFY(update.body().empty());
    QCOMPARE(str(update.header("Session-Expires")), std::string("120;refresher=uac"));
    QCOMPARE(second->session->state(), CallState::Confirmed);

    // The peer refreshes us: an UPDATE with Session-Expires is answered with it.
    Dialog bobDialog = peerDialog(inv2, ok2);
    SipMessage theirs = bobDialog.createRequest("UPDATE");
    theirs.addHeader("Session-Expires", "300;refresher=uas");
    theirs.addHeader("Supported", "timer");
    addVia(theirs);
    channel->inject(theirs, bobPhone());
    const SipMessage answered = channel->last("200");
    QCOMPARE(str(answered.cseq()->method()), std::string("UPDATE"));
    QCOMPARE(str(answered.header("Session-Expires")), std::string("300;refresher=uas"));
    QCOMPARE(str(answered.header("Require")), std::string("timer"));
    QCOMPARE(second->session->sessionInterval(), 300);
    QVERIFY(second->session->isSessionRefresher()); // we are the UAS of that UPDATE
}

void TestInviteSession::sessionTimerExpiry()
{
    // Bob refreshes (refresher=uas) but never does: BYE at 90 - 30 s.
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok, {}, "Session-Expires: 90;refresher=uas");
    QVERIFY(call);
    QVERIFY(!call->session->isSessionRefresher());
    clock->advance(59s);
    QCOMPARE(channel->count("BYE"), 0);
    clock->advance(1s);
    QCOMPARE(channel->count("BYE"), 1);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().statusCode, 408);

    // A refresh from Bob in time keeps the call.
    auto p = aliceParams();
    p.callId = "call-2@example.com";
    Call *second = startCall({}, p);
    const SipMessage inv2 = channel->last("INVITE");
    FarEnd bob2;
    SipMessage ok2 = reply(inv2, 200, "bob-tag", bob2.answer(inv2));
    ok2.addHeader("Session-Expires", "90;refresher=uas");
    channel->inject(ok2, udpPeer());
    clock->advance(40s);
    Dialog bobDialog = peerDialog(inv2, ok2);
    SipMessage refresh = bobDialog.createRequest("UPDATE");
    refresh.addHeader("Session-Expires", "90;refresher=uac");
    refresh.addHeader("Supported", "timer");
    addVia(refresh);
    channel->inject(refresh, bobPhone());
    clock->advance(40s);
    QCOMPARE(second->session->state(), CallState::Confirmed);
    QCOMPARE(requests("BYE"), 1);
}

void TestInviteSession::sessionTimer422()
{
    // UAS: a Session-Expires below our Min-SE gets 422 with Min-SE.
    FarEnd caller;
    Call *call = incomingCall(
            bobInvite(caller.sdp.createOffer().toString(), "Session-Expires: 60\r\n"));
    QVERIFY(call);
    QCOMPARE(channel->count("422"), 1);
    QCOMPARE(str(channel->last("422").header("Min-SE")), std::string("90"));
    QCOMPARE(call->session->state(), CallState::Terminated);

    // UAS: an acceptable one is echoed in the 200 with a refresher.
    std::string text = bobInvite(caller.sdp.createOffer().toString(),
                                 "Session-Expires: 1800\r\nSupported: timer\r\n")
                               .toString();
    text.replace(text.find("in-1@"), 5, "in-7@");
    text.replace(text.find("invite-1"), 8, "invite-7");
    Call *ok = incomingCall(SipMessage::parse(text));
    QVERIFY(ok && ok->session->answer());
    QCOMPARE(str(channel->last("200").header("Session-Expires")),
             std::string("1800;refresher=uac"));
    QCOMPARE(str(channel->last("200").header("Require")), std::string("timer"));

    // UAC: a 422 makes us retry with the peer's Min-SE.
    Call *uac = startCall();
    QVERIFY(uac);
    const SipMessage invite = channel->last("INVITE");
    SipMessage tooSmall = reply(invite, 422, "bob-tag");
    tooSmall.addHeader("Min-SE", "3600");
    channel->inject(tooSmall, udpPeer());
    const SipMessage retry = channel->last("INVITE");
    QCOMPARE(retry.cseq()->number(), 2u);
    QCOMPARE(str(retry.header("Session-Expires")), std::string("3600"));
    QCOMPARE(str(retry.header("Min-SE")), std::string("3600"));
    QCOMPARE(uac->session->state(), CallState::Calling);
}

void TestInviteSession::transferBlind()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    QVERIFY(call->session->transfer(QStringLiteral("sip:carol@example.com")));
    QVERIFY(!call->session->transfer(QStringLiteral("sip:dave@example.com"))); // one at a time
    const SipMessage refer = channel->last("REFER");
    QCOMPARE(refer.referTo()->uri().toString(), std::string("sip:carol@example.com"));
    QCOMPARE(refer.referredBy()->uri().toString(), std::string("sip:alice@example.com"));
    QCOMPARE(str(refer.to()->tag()), std::string("bob-tag"));
    channel->inject(reply(refer, 202, "bob-tag"), bobPhone());
    QCOMPARE(call->rec.transfers, QStringList({ "202" }));
    // Bob's NOTIFYs: 100 Trying, then 200 OK (terminated).
    Dialog bobDialog = peerDialog(invite, ok);
    auto notify = [&](const std::string &frag, const std::string &state) {
        SipMessage n = bobDialog.createRequest("NOTIFY");
        n.addHeader("Event", "refer");
        n.addHeader("Subscription-State", state);
        n.setBody("message/sipfrag;version=2.0", frag);
        addVia(n);
        channel->inject(n, bobPhone());
    };
    notify("SIP/2.0 100 Trying\r\n", "active;expires=60");
    QCOMPARE(call->session->state(), CallState::Confirmed);
    notify("SIP/2.0 200 OK\r\n", "terminated;reason=noresource");
    QCOMPARE(call->rec.transfers, QStringList({ "202", "100", "200/final" }));
    QCOMPARE(channel->count("200"), 2); // our answers to the NOTIFYs
    // The transfer worked: we hang up.
    QCOMPARE(channel->count("BYE"), 1);
    QCOMPARE(call->session->state(), CallState::Terminated);
    QCOMPARE(call->rec.last().endCause, CallEndCause::Transferred);
}

void TestInviteSession::transferee()
{
    SipMessage invite, ok;
    Call *call = confirmedCall(&invite, &ok);
    QVERIFY(call);
    Dialog bobDialog = peerDialog(invite, ok);
    SipMessage refer = bobDialog.createRequest("REFER");
    refer.addHeader("Refer-To",
                    "<sip:carol@example.com?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>");
    refer.addHeader("Referred-By", "<sip:bob@example.com>");
    addVia(refer);
    channel->inject(refer, bobPhone());
    QCOMPARE(channel->count("202"), 1);
    QCOMPARE(int(call->rec.referrals.size()), 1);
    QCOMPARE(call->rec.referrals[0].target, QStringLiteral("sip:carol@example.com"));
    QCOMPARE(call->rec.referrals[0].replaces, QStringLiteral("abc@host;to-tag=1;from-tag=2"));
    QCOMPARE(call->rec.referrals[0].referredBy, QStringLiteral("<sip:bob@example.com>"));
    // NOTIFY 100 Trying at once (RFC 3515 §2.4.4).
    QCOMPARE(channel->count("NOTIFY"), 1);
    const SipMessage n1 = channel->last("NOTIFY");
    QCOMPARE(str(n1.event()->package()), std::string("refer"));
    QCOMPARE(str(n1.subscriptionState()->state()), std::string("active"));
    QCOMPARE(str(n1.body()), std::string("SIP/2.0 100 Trying\r\n"));
    QVERIFY(n1.contentType()->matches("message", "sipfrag"));
    channel->inject(reply(n1, 200, "bob-tag"), bobPhone());
    QVERIFY(call->session->notifyTransferProgress(180));
    QCOMPARE(str(channel->last("NOTIFY").body()), std::string("SIP/2.0 180 Ringing\r\n"));
    channel->inject(reply(channel->last("NOTIFY"), 200, "bob-tag"), bobPhone());
    QVERIFY(call->session->notifyTransferProgress(200));
    const SipMessage last = channel->last("NOTIFY");
    QCOMPARE(str(last.subscriptionState()->state()), std::string("terminated"));
    QVERIFY(!call->session->notifyTransferProgress(200)); // the subscription is over
    QCOMPARE(channel->count("NOTIFY"), 3);
}

void TestInviteSession::transferAttended()
{
    // Alice has Bob (call A) and a consultation call with Carol (call B).
    SipMessage invite, ok;
    Call *a = confirmedCall(&invite, &ok);
    QVERIFY(a);
    auto p = aliceParams();
    p.callId = "consult-1@example.com";
    p.fromTag = "alice-tag-2";
    p.targetUri = "sip:carol@example.com";
    Call *b = startCall({}, p);
    QVERIFY(b);
    const SipMessage inviteB = channel->last("INVITE");
    FarEnd carol;
    channel->inject(reply(inviteB, 200, "carol-tag", carol.answer(inviteB), "sip:carol@192.0.2.40"),
                    udpPeer());
    QCOMPARE(b->session->state(), CallState::Confirmed);
    QVERIFY(a->session->transferAttended(*b->session));
    const SipMessage refer = channel->last("REFER");
    const std::string referTo = str(refer.header("Refer-To"));
    QVERIFY2(
            contains(referTo,
                     "<sip:carol@example.com?Replaces=consult-1%40example.com%3Bto-tag%3Dcarol-tag%"
                     "3Bfrom-tag%3Dalice-tag-2>"),
            referTo.c_str());

    // Carol's side sees the Replaces: the session whose dialog it names matches.
    const SipMessage withReplaces = SipMessage::parse(
            bobInvite({}, "Replaces: call-1@example.com;to-tag=alice-tag;from-tag=bob-tag\r\n")
                    .toString());
    QVERIFY(withReplaces.replaces());
    QVERIFY(a->session->matchesReplaces(*withReplaces.replaces()));
    QVERIFY(!b->session->matchesReplaces(*withReplaces.replaces()));
    a->session->replaced();
    QCOMPARE(a->rec.last().endCause, CallEndCause::Replaced);
    QCOMPARE(int(sentTo("BYE", bobPhone()).size()), 1);
}

QTEST_GUILESS_MAIN(TestInviteSession)
#include "tst_invitesession.moc"
