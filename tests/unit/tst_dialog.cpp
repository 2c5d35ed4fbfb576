// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 3261 §12 dialogs on their own: creation on both sides (§12.1.1, §12.1.2), route
// sets and request construction with loose and strict routing (§12.2.1.1, the §16.12
// examples), CSeq handling (§12.2.1.1, §12.2.2, §13.2.2.4), target refresh, state
// changes (§12.1.2, §12.2.1.2, §12.3), DialogId and DialogTable.
#include "sip/dialog/Dialog.h"
#include "sip/dialog/DialogId.h"
#include "sip/dialog/DialogSet.h"
#include "sip/dialog/DialogTable.h"
#include "sip/dialog/RouteSet.h"
#include "sip/message/SipMessage.h"
#include "sip/transaction/TransactionMessages.h"

#include <QTest>

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

using namespace Sip;

namespace {

// Joins header lines into a message (CRLF, blank line, Content-Length: 0 added).
SipMessage message(std::initializer_list<std::string> lines)
{
    std::string text;
    for (const std::string &line : lines)
        text += line + "\r\n";
    text += "Content-Length: 0\r\n\r\n";
    return SipMessage::parse(text);
}

std::string str(std::string_view v)
{
    return std::string(v);
}

std::vector<std::string> routeUris(const SipMessage &m)
{
    std::vector<std::string> out;
    for (const NameAddr &r : m.routes())
        out.push_back(r.uri().toString());
    return out;
}

// §16.12.1.1: the INVITE U1 sends (through P1 and P2) to U2.
SipMessage trapezoidInviteAtU1()
{
    return message({ "INVITE sip:callee@domain.com SIP/2.0",
                     "Via: SIP/2.0/UDP u1.example.com;branch=z9hG4bKnashds8", "Max-Forwards: 70",
                     "From: Caller <sip:caller@example.com>;tag=9fxced76sl",
                     "To: Callee <sip:callee@domain.com>",
                     "Call-ID: 3848276298220188511@u1.example.com", "CSeq: 1 INVITE",
                     "Contact: <sip:caller@u1.example.com>" });
}

// The same INVITE as U2 receives it, with the Record-Route values P1 and P2 added.
SipMessage trapezoidInviteAtU2()
{
    return message(
            { "INVITE sip:callee@u2.domain.com SIP/2.0",
              "Via: SIP/2.0/UDP p2.domain.com;branch=z9hG4bKp2",
              "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKp1",
              "Via: SIP/2.0/UDP u1.example.com;branch=z9hG4bKnashds8", "Max-Forwards: 68",
              "Record-Route: <sip:p2.domain.com;lr>", "Record-Route: <sip:p1.example.com;lr>",
              "From: Caller <sip:caller@example.com>;tag=9fxced76sl",
              "To: Callee <sip:callee@domain.com>", "Call-ID: 3848276298220188511@u1.example.com",
              "CSeq: 1 INVITE", "Contact: <sip:caller@u1.example.com>" });
}

// U2's 200 OK as U1 receives it (Record-Route copied back, §12.1.1).
SipMessage trapezoidOkAtU1()
{
    return message({ "SIP/2.0 200 OK", "Via: SIP/2.0/UDP u1.example.com;branch=z9hG4bKnashds8",
                     "Record-Route: <sip:p2.domain.com;lr>",
                     "Record-Route: <sip:p1.example.com;lr>",
                     "From: Caller <sip:caller@example.com>;tag=9fxced76sl",
                     "To: Callee <sip:callee@domain.com>;tag=314159",
                     "Call-ID: 3848276298220188511@u1.example.com", "CSeq: 1 INVITE",
                     "Contact: <sip:callee@u2.domain.com>" });
}

// A response to `request` with To tag `tag`, a Contact, and the given Record-Route lines.
SipMessage answer(const SipMessage &request, int code, const std::string &tag,
                  const std::string &contact, std::initializer_list<std::string> recordRoutes = {})
{
    SipMessage r = makeResponse(request, code, {}, tag);
    for (const std::string &rr : recordRoutes)
        r.addHeader("Record-Route", rr);
    if (!contact.empty())
        r.addHeader("Contact", "<" + contact + ">");
    return r;
}

// A confirmed UAC dialog: Alice called Bob (INVITE CSeq 1), Bob answered with tag "bob".
Dialog aliceCallsBob(std::initializer_list<std::string> recordRoutes = {},
                     const std::string &bobContact = "sip:bob@192.0.2.20:5060")
{
    const SipMessage invite = message(
            { "INVITE sip:bob@example.com SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKa1",
              "Max-Forwards: 70", "From: \"Alice\" <sip:alice@example.com>;tag=alice",
              "To: <sip:bob@example.com>", "Call-ID: call-ab@example.com", "CSeq: 1 INVITE",
              "Contact: <sip:alice@192.0.2.1:5060>" });
    auto d = Dialog::createUac(invite, answer(invite, 200, "bob", bobContact, recordRoutes));
    return d ? *d : Dialog();
}

// A request Bob sends in that dialog (as Alice receives it).
SipMessage fromBob(const std::string &method, uint32_t cseq, const std::string &contact = {},
                   const std::string &toTag = "alice")
{
    std::string cseqLine = "CSeq: " + std::to_string(cseq) + " " + method;
    SipMessage m = message({ method + " sip:alice@192.0.2.1:5060 SIP/2.0",
                             "Via: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bKb" + std::to_string(cseq),
                             "Max-Forwards: 70", "From: <sip:bob@example.com>;tag=bob",
                             "To: \"Alice\" <sip:alice@example.com>;tag=" + toTag,
                             "Call-ID: call-ab@example.com", cseqLine });
    if (!contact.empty())
        m.addHeader("Contact", "<" + contact + ">");
    return m;
}

} // namespace

class TestDialog : public QObject
{
    Q_OBJECT

private slots:
    // DialogId
    void dialogIdFromMessages();
    void dialogIdHashAndOrder();

    // RouteSet
    void routeSetUasKeepsOrder();
    void routeSetUacReverses();
    void routeSetFromValues();
    void requestUriFormStripsMethodAndHeaders();

    // Creation
    void uacDialogFromTrapezoid();
    void uasDialogFromTrapezoid();
    void creationRefused();
    void secureFlag();

    // Request construction (§12.2.1.1)
    void looseRoutingUacBye();
    void looseRoutingUasBye();
    void strictRoutingExample();
    void strictRoutingProxyInTheMiddle();
    void strictFirstRouteStripped();
    void noRouteSet();
    void contactOnTargetRefreshOnly();

    // CSeq
    void localCseqIncrements();
    void ackAndCancelReuseInviteCseq();
    void uasLocalCseqStartsFresh();
    void remoteCseqOrdering();
    void uacRemoteCseqStartsEmpty();

    // Target refresh
    void targetRefreshOnReInviteRequest();
    void targetRefreshOnUpdateRequest();
    void targetRefreshOn2xx();

    // State
    void earlyToConfirmed();
    void earlyTerminatedByFailure();
    void terminatedBy481And408();
    void foreignResponsesIgnored();
    void uasResponseSent();
    void terminatedDialogRefuses();

    // DialogTable
    void dialogTableMatching();

    // DialogSet without a transaction layer
    void dialogSetClassifies();
};

// ---- DialogId ------------------------------------------------------------------------

void TestDialog::dialogIdFromMessages()
{
    const SipMessage bye = fromBob("BYE", 5);
    const DialogId atUas = DialogId::forIncomingRequest(bye);
    QCOMPARE(atUas.callId, std::string("call-ab@example.com"));
    QCOMPARE(atUas.localTag, std::string("alice"));
    QCOMPARE(atUas.remoteTag, std::string("bob"));
    QVERIFY(atUas.isComplete());

    const DialogId outgoing = DialogId::forOutgoingRequest(bye);
    QCOMPARE(outgoing.localTag, std::string("bob"));
    QCOMPARE(outgoing.remoteTag, std::string("alice"));

    const SipMessage ok = makeResponse(bye, 200);
    const DialogId atUac = DialogId::forIncomingResponse(ok);
    QCOMPARE(atUac, outgoing);
    QCOMPARE(QString::fromStdString(atUac.toString()),
             QStringLiteral("call-ab@example.com;local=bob;remote=alice"));

    const SipMessage outOfDialog = message(
            { "OPTIONS sip:alice@example.com SIP/2.0",
              "Via: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bKo", "From: <sip:bob@example.com>;tag=bob",
              "To: <sip:alice@example.com>", "Call-ID: x", "CSeq: 1 OPTIONS" });
    QVERIFY(DialogId::forIncomingRequest(outOfDialog).localTag.empty());
    QVERIFY(!DialogId::forIncomingRequest(outOfDialog).isComplete());
    QVERIFY(DialogId().isNull());
}

void TestDialog::dialogIdHashAndOrder()
{
    const DialogId a { "c", "l", "r" };
    const DialogId b { "c", "l", "r" };
    const DialogId c { "c", "r", "l" }; // the other side's view is another id
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QCOMPARE(qHash(a), qHash(b));
    QVERIFY(a < c);
    std::unordered_set<DialogId> set { a, b, c };
    QCOMPARE(int(set.size()), 2);
    // Call-IDs and tags are compared octet by octet.
    QVERIFY(DialogId({ "C", "l", "r" }) != a);
}

// ---- RouteSet ------------------------------------------------------------------------

void TestDialog::routeSetUasKeepsOrder()
{
    const RouteSet set = RouteSet::fromRequest(trapezoidInviteAtU2());
    QCOMPARE(set.size(), 2);
    QCOMPARE(set.uris(),
             (std::vector<std::string> { "sip:p2.domain.com;lr", "sip:p1.example.com;lr" }));
    QCOMPARE(set.entries().front().value, std::string("<sip:p2.domain.com;lr>"));
    QVERIFY(!set.isStrict());
    QCOMPARE(set.nextHop("sip:caller@u1.example.com"), std::string("sip:p2.domain.com;lr"));
}

void TestDialog::routeSetUacReverses()
{
    // Several values in one header field and across fields, one with a display name and
    // a header parameter: all kept, order reversed as a whole (§12.1.2).
    const SipMessage ok
            = message({ "SIP/2.0 200 OK", "Via: SIP/2.0/UDP a;branch=z9hG4bKx",
                        "Record-Route: <sip:p4.domain.com;lr>, <sip:p3.middle.com>",
                        "Record-Route: \"P 2\" <sip:p2.example.com;lr>;foo=bar",
                        "Record-Route: <sip:p1.example.com;lr>", "From: <sip:a@x>;tag=1",
                        "To: <sip:b@x>;tag=2", "Call-ID: c", "CSeq: 1 INVITE" });
    QVERIFY(!ok.isNull());
    const RouteSet set = RouteSet::fromResponse(ok);
    QCOMPARE(set.uris(),
             (std::vector<std::string> { "sip:p1.example.com;lr", "sip:p2.example.com;lr",
                                         "sip:p3.middle.com", "sip:p4.domain.com;lr" }));
    QCOMPARE(set.entries()[1].value, std::string("\"P 2\" <sip:p2.example.com;lr>;foo=bar"));
    QVERIFY(!set.isStrict());
    QVERIFY(RouteSet::fromRequest(ok).uris().front() == "sip:p4.domain.com;lr");

    QVERIFY(RouteSet().isEmpty());
    QCOMPARE(RouteSet().nextHop("sip:bob@h"), std::string("sip:bob@h"));
}

void TestDialog::routeSetFromValues()
{
    std::string error;
    const auto set = RouteSet::fromValues(
            { "<sip:proxy.example.com;lr>", "sip:edge.example.com;lr" }, &error);
    QVERIFY2(set, error.c_str());
    // The bare URI keeps its lr (it is not read as a header parameter).
    QCOMPARE(set->uris(),
             (std::vector<std::string> { "sip:proxy.example.com;lr", "sip:edge.example.com;lr" }));
    QVERIFY(!RouteSet::fromValues({ "<sip:ok;lr>", "<not a uri" }, &error));
    QVERIFY(!error.empty());
}

void TestDialog::requestUriFormStripsMethodAndHeaders()
{
    QCOMPARE(RouteSet::requestUriForm("sip:p1.example.com;lr"),
             std::string("sip:p1.example.com;lr"));
    QCOMPARE(RouteSet::requestUriForm("sip:u@h:5070;method=INVITE;transport=tcp?Subject=x"),
             std::string("sip:u@h:5070;transport=tcp"));
    QCOMPARE(RouteSet::requestUriForm("sip:u@h?Subject=x&Priority=urgent"), std::string("sip:u@h"));
    QCOMPARE(RouteSet::requestUriForm("sips:u@h;METHOD=BYE"), std::string("sips:u@h"));
    QCOMPARE(RouteSet::requestUriForm("tel:+15551234567"), std::string("tel:+15551234567"));
}

// ---- Creation ------------------------------------------------------------------------

void TestDialog::uacDialogFromTrapezoid()
{
    const auto d = Dialog::createUac(trapezoidInviteAtU1(), trapezoidOkAtU1());
    QVERIFY(d);
    QCOMPARE(d->role(), Dialog::Role::Uac);
    QCOMPARE(d->state(), Dialog::State::Confirmed);
    QCOMPARE(d->callId(), std::string("3848276298220188511@u1.example.com"));
    QCOMPARE(d->localTag(), std::string("9fxced76sl"));
    QCOMPARE(d->remoteTag(), std::string("314159"));
    QCOMPARE(d->id(), DialogId::forIncomingResponse(trapezoidOkAtU1()));
    QCOMPARE(d->localUri(), std::string("sip:caller@example.com"));
    QCOMPARE(d->remoteUri(), std::string("sip:callee@domain.com"));
    QCOMPARE(d->localDisplayName(), std::string("Caller"));
    QCOMPARE(d->remoteTarget(), std::string("sip:callee@u2.domain.com"));
    QCOMPARE(d->routeSet().uris(),
             (std::vector<std::string> { "sip:p1.example.com;lr", "sip:p2.domain.com;lr" }));
    QCOMPARE(d->localCseq(), std::optional<uint32_t>(1));
    QCOMPARE(d->remoteCseq(), std::optional<uint32_t>());
    QCOMPARE(d->lastInviteCseq(), std::optional<uint32_t>(1));
    QCOMPARE(d->creatingMethod(), std::string("INVITE"));
    QVERIFY(!d->isSecure());
    QCOMPARE(d->nextHopUri(), std::string("sip:p1.example.com;lr"));
}

void TestDialog::uasDialogFromTrapezoid()
{
    const SipMessage invite = trapezoidInviteAtU2();
    const SipMessage ringing = makeResponse(invite, 180, {}, "314159");
    const auto d = Dialog::createUas(invite, ringing);
    QVERIFY(d);
    QCOMPARE(d->role(), Dialog::Role::Uas);
    QCOMPARE(d->state(), Dialog::State::Early);
    QCOMPARE(d->localTag(), std::string("314159"));
    QCOMPARE(d->remoteTag(), std::string("9fxced76sl"));
    QCOMPARE(d->id(), (DialogId { "3848276298220188511@u1.example.com", "314159", "9fxced76sl" }));
    QCOMPARE(d->localUri(), std::string("sip:callee@domain.com"));
    QCOMPARE(d->remoteUri(), std::string("sip:caller@example.com"));
    QCOMPARE(d->remoteTarget(), std::string("sip:caller@u1.example.com"));
    QCOMPARE(d->routeSet().uris(),
             (std::vector<std::string> { "sip:p2.domain.com;lr", "sip:p1.example.com;lr" }));
    QCOMPARE(d->localCseq(), std::optional<uint32_t>());
    QCOMPARE(d->remoteCseq(), std::optional<uint32_t>(1));
    QCOMPARE(d->lastInviteCseq(), std::optional<uint32_t>());

    const auto confirmed = Dialog::createUas(invite, makeResponse(invite, 200, {}, "314159"));
    QVERIFY(confirmed);
    QCOMPARE(confirmed->state(), Dialog::State::Confirmed);
}

void TestDialog::creationRefused()
{
    const SipMessage invite = trapezoidInviteAtU1();
    std::string error;
    // 100 Trying and a tagless 180 create nothing; nor does a final failure.
    QVERIFY(!Dialog::createUac(invite, makeResponse(invite, 100), &error));
    SipMessage tagless = makeResponse(invite, 180, {}, "x");
    tagless.setHeader("To", "Callee <sip:callee@domain.com>");
    QVERIFY(!Dialog::createUac(invite, tagless, &error));
    QVERIFY(!Dialog::createUac(invite, makeResponse(invite, 486, {}, "x"), &error));
    // A response to another request.
    SipMessage other = trapezoidOkAtU1();
    other.setHeader("CSeq", "2 INVITE");
    QVERIFY(!Dialog::createUac(invite, other, &error));
    QVERIFY(!error.empty());

    // UAS: no Contact in the request; a response without To tag.
    SipMessage noContact = trapezoidInviteAtU2();
    noContact.removeHeader("Contact");
    QVERIFY(!Dialog::createUas(noContact, makeResponse(noContact, 200, {}, "t"), &error));
    QCOMPARE(error, std::string("the request has no Contact"));
    QVERIFY(!Dialog::createUas(trapezoidInviteAtU2(), makeResponse(trapezoidInviteAtU2(), 100),
                               &error));

    // A 2xx without Contact still makes a dialog (its ACK must go somewhere): the
    // Request-URI is the target.
    SipMessage noContactOk = trapezoidOkAtU1();
    noContactOk.removeHeader("Contact");
    const auto d = Dialog::createUac(invite, noContactOk);
    QVERIFY(d);
    QCOMPARE(d->remoteTarget(), std::string("sip:callee@domain.com"));
}

void TestDialog::secureFlag()
{
    const SipMessage invite = message(
            { "INVITE sips:bob@example.com SIP/2.0", "Via: SIP/2.0/TLS 192.0.2.1;branch=z9hG4bKs",
              "From: <sips:alice@example.com>;tag=a", "To: <sips:bob@example.com>", "Call-ID: s",
              "CSeq: 1 INVITE", "Contact: <sips:alice@192.0.2.1>" });
    const auto uac = Dialog::createUac(invite, answer(invite, 200, "b", "sips:bob@192.0.2.20"));
    QVERIFY(uac && uac->isSecure());
    const auto uas = Dialog::createUas(invite, makeResponse(invite, 200, {}, "b"));
    QVERIFY(uas && uas->isSecure());
    QVERIFY(!aliceCallsBob().isSecure());
}

// ---- Request construction ------------------------------------------------------------

void TestDialog::looseRoutingUacBye()
{
    // §16.12.1.1: "BYE sip:callee@u2.domain.com" with
    // "Route: <sip:p1.example.com;lr>,<sip:p2.domain.com;lr>".
    auto d = Dialog::createUac(trapezoidInviteAtU1(), trapezoidOkAtU1());
    QVERIFY(d);
    std::string error;
    const SipMessage bye = d->createRequest("BYE", &error);
    QVERIFY2(!bye.isNull(), error.c_str());
    QCOMPARE(str(bye.method()), std::string("BYE"));
    QCOMPARE(bye.requestUri().toString(), std::string("sip:callee@u2.domain.com"));
    QCOMPARE(routeUris(bye),
             (std::vector<std::string> { "sip:p1.example.com;lr", "sip:p2.domain.com;lr" }));
    QCOMPARE(str(bye.to()->tag()), std::string("314159"));
    QCOMPARE(bye.to()->uri().toString(), std::string("sip:callee@domain.com"));
    QCOMPARE(str(bye.from()->tag()), std::string("9fxced76sl"));
    QCOMPARE(bye.from()->uri().toString(), std::string("sip:caller@example.com"));
    QCOMPARE(bye.from()->displayNameText(), std::string("Caller"));
    QCOMPARE(str(bye.callId()), std::string("3848276298220188511@u1.example.com"));
    QCOMPARE(bye.cseq()->number(), 2u);
    QCOMPARE(str(bye.cseq()->method()), std::string("BYE"));
    QCOMPARE(bye.maxForwards(), 70);
    QVERIFY(bye.vias().empty()); // the transaction layer adds it
    QVERIFY(bye.contacts().empty());
    // Through text and back, once the transaction layer's Via is on.
    SipMessage wire = bye;
    QVERIFY(addTopVia(wire, TransportType::Udp));
    QVERIFY(!SipMessage::parse(wire.toString()).isNull());
}

void TestDialog::looseRoutingUasBye()
{
    // §16.12.1.1: "BYE sip:caller@u1.example.com" with
    // "Route: <sip:p2.domain.com;lr>,<sip:p1.example.com;lr>".
    const SipMessage invite = trapezoidInviteAtU2();
    auto d = Dialog::createUas(invite, makeResponse(invite, 200, {}, "314159"));
    QVERIFY(d);
    const SipMessage bye = d->createRequest("BYE");
    QVERIFY(!bye.isNull());
    QCOMPARE(bye.requestUri().toString(), std::string("sip:caller@u1.example.com"));
    QCOMPARE(routeUris(bye),
             (std::vector<std::string> { "sip:p2.domain.com;lr", "sip:p1.example.com;lr" }));
    QCOMPARE(str(bye.from()->tag()), std::string("314159"));
    QCOMPARE(bye.from()->uri().toString(), std::string("sip:callee@domain.com"));
    QCOMPARE(str(bye.to()->tag()), std::string("9fxced76sl"));
    QCOMPARE(bye.to()->uri().toString(), std::string("sip:caller@example.com"));
}

void TestDialog::strictRoutingExample()
{
    // §12.2.1.1: remote target sip:user@remoteua, route set
    // <sip:proxy1>,<sip:proxy2>,<sip:proxy3;lr>,<sip:proxy4> gives
    //   METHOD sip:proxy1
    //   Route: <sip:proxy2>,<sip:proxy3;lr>,<sip:proxy4>,<sip:user@remoteua>
    // The UAC learns it from a 2xx with the Record-Route values in the opposite order.
    Dialog d = aliceCallsBob({ "<sip:proxy4>", "<sip:proxy3;lr>", "<sip:proxy2>", "<sip:proxy1>" },
                             "sip:user@remoteua");
    QVERIFY(!d.isNull());
    QVERIFY(d.routeSet().isStrict());
    const SipMessage info = d.createRequest("INFO");
    QVERIFY(!info.isNull());
    QCOMPARE(info.requestUri().toString(), std::string("sip:proxy1"));
    QCOMPARE(routeUris(info),
             (std::vector<std::string> { "sip:proxy2", "sip:proxy3;lr", "sip:proxy4",
                                         "sip:user@remoteua" }));
    QCOMPARE(d.nextHopUri(), std::string("sip:proxy1"));
    // The ACK of a 2xx is routed the same way.
    const SipMessage ack = d.createAck(1);
    QCOMPARE(ack.requestUri().toString(), std::string("sip:proxy1"));
    QCOMPARE(routeUris(ack), routeUris(info));
}

void TestDialog::strictRoutingProxyInTheMiddle()
{
    // §16.12.1.2: U1 -> P1 -> P2 -> P3 (strict) -> P4 -> U2. U2 receives
    //   Record-Route: <sip:p4.domain.com;lr>, <sip:p3.middle.com>,
    //                 <sip:p2.example.com;lr>, <sip:p1.example.com;lr>
    // and its BYE goes to P4 (loose): Request-URI sip:caller@u1.example.com, the four
    // routes in that order.
    const SipMessage invite = message(
            { "INVITE sip:callee@u2.domain.com SIP/2.0",
              "Via: SIP/2.0/UDP p4.domain.com;branch=z9hG4bKp4",
              "Record-Route: <sip:p4.domain.com;lr>", "Record-Route: <sip:p3.middle.com>",
              "Record-Route: <sip:p2.example.com;lr>", "Record-Route: <sip:p1.example.com;lr>",
              "From: <sip:caller@example.com>;tag=c", "To: <sip:callee@domain.com>",
              "Call-ID: strict", "CSeq: 7 INVITE", "Contact: sip:caller@u1.example.com" });
    QVERIFY(!invite.isNull());
    auto uas = Dialog::createUas(invite, makeResponse(invite, 200, {}, "u2"));
    QVERIFY(uas);
    const SipMessage bye = uas->createRequest("BYE");
    QCOMPARE(bye.requestUri().toString(), std::string("sip:caller@u1.example.com"));
    QCOMPARE(routeUris(bye),
             (std::vector<std::string> { "sip:p4.domain.com;lr", "sip:p3.middle.com",
                                         "sip:p2.example.com;lr", "sip:p1.example.com;lr" }));

    // U1's side: the route set reversed, first hop P1 (loose), so also loose routing.
    const SipMessage u1Invite = message({ "INVITE sip:callee@domain.com SIP/2.0",
                                          "Via: SIP/2.0/UDP u1.example.com;branch=z9hG4bKu1",
                                          "From: <sip:caller@example.com>;tag=c",
                                          "To: <sip:callee@domain.com>", "Call-ID: strict",
                                          "CSeq: 7 INVITE", "Contact: sip:caller@u1.example.com" });
    SipMessage ok = makeResponse(u1Invite, 200, {}, "u2");
    ok.addHeader("Record-Route", "<sip:p4.domain.com;lr>, <sip:p3.middle.com>");
    ok.addHeader("Record-Route", "<sip:p2.example.com;lr>, <sip:p1.example.com;lr>");
    ok.addHeader("Contact", "<sip:callee@u2.domain.com>");
    auto uac = Dialog::createUac(u1Invite, ok);
    QVERIFY(uac);
    const SipMessage bye1 = uac->createRequest("BYE");
    QCOMPARE(bye1.requestUri().toString(), std::string("sip:callee@u2.domain.com"));
    QCOMPARE(routeUris(bye1),
             (std::vector<std::string> { "sip:p1.example.com;lr", "sip:p2.example.com;lr",
                                         "sip:p3.middle.com", "sip:p4.domain.com;lr" }));
}

void TestDialog::strictFirstRouteStripped()
{
    // A strict first hop with parameters a Request-URI may not carry (§19.1.1): "method"
    // and headers go, the rest stays.
    Dialog d = aliceCallsBob(
            { "<sip:proxy2;lr>", "<sip:proxy1;transport=tcp;method=INVITE?Subject=x>" });
    QVERIFY(!d.isNull());
    QVERIFY(d.routeSet().isStrict());
    const SipMessage bye = d.createRequest("BYE");
    QVERIFY(!bye.isNull());
    QCOMPARE(bye.requestUri().toString(), std::string("sip:proxy1;transport=tcp"));
    QCOMPARE(routeUris(bye),
             (std::vector<std::string> { "sip:proxy2;lr", "sip:bob@192.0.2.20:5060" }));
    // The next hop is the route as learned (a resolver ignores method and headers).
    QCOMPARE(d.nextHopUri(), std::string("sip:proxy1;transport=tcp;method=INVITE?Subject=x"));
}

void TestDialog::noRouteSet()
{
    Dialog d = aliceCallsBob({}, "sip:bob@192.0.2.20:5062;transport=tcp");
    const SipMessage bye = d.createRequest("BYE");
    QCOMPARE(bye.requestUri().toString(), std::string("sip:bob@192.0.2.20:5062;transport=tcp"));
    QVERIFY(bye.routes().empty());
    QCOMPARE(bye.headerCount("Route"), 0);
    QCOMPARE(d.nextHopUri(), std::string("sip:bob@192.0.2.20:5062;transport=tcp"));
}

void TestDialog::contactOnTargetRefreshOnly()
{
    Dialog d = aliceCallsBob();
    d.setLocalContact("sip:alice@192.0.2.1:5070");
    const SipMessage reinvite = d.createRequest("INVITE");
    QCOMPARE(int(reinvite.contacts().size()), 1);
    QCOMPARE(reinvite.contacts()[0].uri().toString(), std::string("sip:alice@192.0.2.1:5070"));
    QCOMPARE(int(d.createRequest("UPDATE").contacts().size()), 1);
    QCOMPARE(int(d.createRequest("NOTIFY").contacts().size()), 1);
    QCOMPARE(int(d.createRequest("SUBSCRIBE").contacts().size()), 1);
    QVERIFY(d.createRequest("BYE").contacts().empty());
    QVERIFY(d.createRequest("INFO").contacts().empty());
    QVERIFY(d.createRequest("ACK").contacts().empty());
    QVERIFY(Dialog::isTargetRefresh("INVITE"));
    QVERIFY(!Dialog::isTargetRefresh("MESSAGE"));

    d.setLocalContact("<sip:alice@192.0.2.1:5070;transport=tcp>;+sip.instance=\"<urn:uuid:1>\"");
    const SipMessage again = d.createRequest("INVITE");
    QCOMPARE(again.contacts()[0].uri().toString(),
             std::string("sip:alice@192.0.2.1:5070;transport=tcp"));
    QVERIFY(again.contacts()[0].params().contains("+sip.instance"));

    // An unknown method still works (the caller adds what it needs); a non-token fails.
    QVERIFY(!d.createRequest("FOO").isNull());
    std::string error;
    QVERIFY(d.createRequest("BAD METHOD", &error).isNull());
    QVERIFY(!error.empty());
}

// ---- CSeq ----------------------------------------------------------------------------

void TestDialog::localCseqIncrements()
{
    Dialog d = aliceCallsBob();
    QCOMPARE(d.createRequest("INFO").cseq()->number(), 2u);
    QCOMPARE(d.createRequest("UPDATE").cseq()->number(), 3u);
    QCOMPARE(d.localCseq(), std::optional<uint32_t>(3));
    const SipMessage reinvite = d.createRequest("INVITE");
    QCOMPARE(reinvite.cseq()->number(), 4u);
    QCOMPARE(d.lastInviteCseq(), std::optional<uint32_t>(4));
    QCOMPARE(d.createRequest("BYE").cseq()->number(), 5u);

    // A failed build does not use up a number.
    std::string error;
    QVERIFY(d.createRequest("BAD METHOD", &error).isNull());
    QCOMPARE(d.localCseq(), std::optional<uint32_t>(5));

    // §8.1.1.5: below 2^31.
    d.setLocalCseq(0x7ffffffe);
    QCOMPARE(d.createRequest("INFO").cseq()->number(), 0x7fffffffu);
    QVERIFY(d.createRequest("INFO", &error).isNull());
    QCOMPARE(error, std::string("the local CSeq is exhausted"));
}

void TestDialog::ackAndCancelReuseInviteCseq()
{
    Dialog d = aliceCallsBob();
    // §13.2.2.4: the ACK for the 2xx carries the INVITE's CSeq number.
    const SipMessage ack = d.createAck(1);
    QCOMPARE(str(ack.method()), std::string("ACK"));
    QCOMPARE(ack.cseq()->number(), 1u);
    QCOMPARE(str(ack.cseq()->method()), std::string("ACK"));
    QCOMPARE(str(ack.to()->tag()), std::string("bob"));
    QCOMPARE(ack.requestUri().toString(), std::string("sip:bob@192.0.2.20:5060"));
    QCOMPARE(d.localCseq(), std::optional<uint32_t>(1)); // unchanged

    d.createRequest("INFO"); // 2
    const SipMessage reinvite = d.createRequest("INVITE"); // 3
    d.createRequest("INFO"); // 4
    // ACK and CANCEL through createRequest(): the last INVITE's number, nothing used up.
    QCOMPARE(d.createRequest("ACK").cseq()->number(), 3u);
    const SipMessage cancel = d.createRequest("CANCEL");
    QCOMPARE(cancel.cseq()->number(), 3u);
    QCOMPARE(str(cancel.cseq()->method()), std::string("CANCEL"));
    QCOMPARE(d.localCseq(), std::optional<uint32_t>(4));
    QCOMPARE(d.createRequest("BYE").cseq()->number(), 5u);
    QCOMPARE(d.createAck(reinvite.cseq()->number()).cseq()->number(), 3u);
}

void TestDialog::uasLocalCseqStartsFresh()
{
    const SipMessage invite = trapezoidInviteAtU2();
    auto d = Dialog::createUas(invite, makeResponse(invite, 200, {}, "314159"));
    QVERIFY(d);
    QVERIFY(!d->localCseq());
    // §12.2.1.1 with an empty local sequence number: any start below 2^31.
    std::string error;
    QVERIFY(d->createRequest("ACK", &error).isNull()); // we sent no INVITE: nothing to ACK
    QCOMPARE(error, std::string("no INVITE was sent in this dialog"));
    const uint32_t first = d->createRequest("INFO").cseq()->number();
    QVERIFY(first >= 1 && first < 0x80000000u);
    QCOMPARE(d->createRequest("BYE").cseq()->number(), first + 1);
    QCOMPARE(d->localCseq(), std::optional<uint32_t>(first + 1));
    // Our numbers and the peer's are separate spaces.
    QCOMPARE(d->remoteCseq(), std::optional<uint32_t>(1));
}

void TestDialog::remoteCseqOrdering()
{
    // UAS dialog, the INVITE had CSeq 10.
    SipMessage invite = trapezoidInviteAtU2();
    invite.setHeader("CSeq", "10 INVITE");
    auto d = Dialog::createUas(invite, makeResponse(invite, 200, {}, "314159"));
    QVERIFY(d);
    auto inDialog = [](const std::string &method, uint32_t cseq) {
        return message(
                { method + " sip:callee@u2.domain.com SIP/2.0",
                  "Via: SIP/2.0/UDP p2.domain.com;branch=z9hG4bKr" + std::to_string(cseq) + method,
                  "From: Caller <sip:caller@example.com>;tag=9fxced76sl",
                  "To: Callee <sip:callee@domain.com>;tag=314159",
                  "Call-ID: 3848276298220188511@u1.example.com",
                  "CSeq: " + std::to_string(cseq) + " " + method });
    };
    // The ACK for the 2xx has the INVITE's number: fine.
    QVERIFY(d->handleRequest(inDialog("ACK", 10)).accepted());
    // §12.2.2: lower → 500; equal (a new transaction reusing the number) → 500.
    Dialog::RequestCheck check = d->handleRequest(inDialog("INFO", 9));
    QCOMPARE(check.statusCode, 500);
    QVERIFY(!check.reasonPhrase.empty());
    QCOMPARE(d->handleRequest(inDialog("INFO", 10)).statusCode, 500);
    QCOMPARE(d->remoteCseq(), std::optional<uint32_t>(10));
    QVERIFY(d->handleRequest(inDialog("INFO", 11)).accepted());
    QCOMPARE(d->remoteCseq(), std::optional<uint32_t>(11));
    // Gaps are fine (§12.2.2: only ordering matters).
    QVERIFY(d->handleRequest(inDialog("BYE", 20)).accepted());
    QCOMPARE(d->remoteCseq(), std::optional<uint32_t>(20));
    QCOMPARE(d->handleRequest(inDialog("UPDATE", 19)).statusCode, 500);
    // CANCEL is not checked (it carries the INVITE's number).
    QVERIFY(d->handleRequest(inDialog("CANCEL", 10)).accepted());
    // A BYE does not end the dialog by itself.
    QCOMPARE(d->state(), Dialog::State::Confirmed);

    // Another dialog's request (other From tag) is not for us: 481.
    SipMessage stranger = inDialog("INFO", 30);
    stranger.setHeader("From", "<sip:caller@example.com>;tag=other");
    QCOMPARE(d->handleRequest(stranger).statusCode, 481);
}

void TestDialog::uacRemoteCseqStartsEmpty()
{
    Dialog d = aliceCallsBob();
    QVERIFY(!d.remoteCseq());
    // Bob's numbering is his own: any first value is taken.
    QVERIFY(d.handleRequest(fromBob("INFO", 4711)).accepted());
    QCOMPARE(d.remoteCseq(), std::optional<uint32_t>(4711));
    QCOMPARE(d.handleRequest(fromBob("INFO", 4711)).statusCode, 500);
    QVERIFY(d.handleRequest(fromBob("BYE", 4712)).accepted());
}

// ---- Target refresh ------------------------------------------------------------------

void TestDialog::targetRefreshOnReInviteRequest()
{
    Dialog d = aliceCallsBob({ "<sip:proxy.example.com;lr>" });
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@192.0.2.20:5060"));
    // §12.2.2: a re-INVITE with a Contact replaces the remote target ...
    QVERIFY(d.handleRequest(fromBob("INVITE", 1, "sip:bob@198.51.100.7:5080")).accepted());
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.7:5080"));
    // ... and nothing else: the route set stays (§12.2).
    QCOMPARE(d.routeSet().uris(), (std::vector<std::string> { "sip:proxy.example.com;lr" }));
    const SipMessage bye = d.createRequest("BYE");
    QCOMPARE(bye.requestUri().toString(), std::string("sip:bob@198.51.100.7:5080"));
    QCOMPARE(routeUris(bye), (std::vector<std::string> { "sip:proxy.example.com;lr" }));
    // A request that is not a target refresh does not change it.
    QVERIFY(d.handleRequest(fromBob("INFO", 2, "sip:bob@203.0.113.9")).accepted());
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.7:5080"));
    // A re-INVITE without Contact keeps it.
    QVERIFY(d.handleRequest(fromBob("INVITE", 3)).accepted());
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.7:5080"));
    // An out-of-order re-INVITE changes nothing.
    QCOMPARE(d.handleRequest(fromBob("INVITE", 3, "sip:bob@203.0.113.9")).statusCode, 500);
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.7:5080"));
}

void TestDialog::targetRefreshOnUpdateRequest()
{
    Dialog d = aliceCallsBob();
    QVERIFY(d.handleRequest(fromBob("UPDATE", 5, "sip:bob@198.51.100.8")).accepted());
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.8"));
}

void TestDialog::targetRefreshOn2xx()
{
    Dialog d = aliceCallsBob();
    // §12.2.1.2: the 2xx to our re-INVITE carries Bob's new Contact.
    const SipMessage reinvite = d.createRequest("INVITE");
    QVERIFY(d.handleResponse(answer(reinvite, 200, "bob", "sip:bob@198.51.100.9:5090")));
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.9:5090"));
    QCOMPARE(d.createAck(reinvite.cseq()->number()).requestUri().toString(),
             std::string("sip:bob@198.51.100.9:5090"));
    // A provisional or failed answer does not refresh.
    const SipMessage reinvite2 = d.createRequest("INVITE");
    QVERIFY(d.handleResponse(answer(reinvite2, 180, "bob", "sip:bob@203.0.113.1")));
    QVERIFY(d.handleResponse(answer(reinvite2, 488, "bob", "sip:bob@203.0.113.1")));
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.9:5090"));
    QCOMPARE(d.state(), Dialog::State::Confirmed); // a failed re-INVITE leaves the dialog
    // UPDATE is a target refresh too; INFO is not.
    const SipMessage update = d.createRequest("UPDATE");
    QVERIFY(d.handleResponse(answer(update, 200, "bob", "sip:bob@198.51.100.10")));
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.10"));
    const SipMessage info = d.createRequest("INFO");
    QVERIFY(d.handleResponse(answer(info, 200, "bob", "sip:bob@203.0.113.2")));
    QCOMPARE(d.remoteTarget(), std::string("sip:bob@198.51.100.10"));
}

// ---- State ---------------------------------------------------------------------------

void TestDialog::earlyToConfirmed()
{
    const SipMessage invite = trapezoidInviteAtU1();
    // The 180 went through P1 only (a proxy that record-routes on the 2xx path alone
    // would differ); the 2xx brings the full route set and another Contact.
    auto d = Dialog::createUac(invite,
                               answer(invite, 180, "314159", "sip:callee@early.domain.com",
                                      { "<sip:p1.example.com;lr>" }));
    QVERIFY(d);
    QCOMPARE(d->state(), Dialog::State::Early);
    QCOMPARE(d->routeSet().uris(), (std::vector<std::string> { "sip:p1.example.com;lr" }));
    QCOMPARE(d->remoteTarget(), std::string("sip:callee@early.domain.com"));
    // Requests can be sent in an early dialog (PRACK, UPDATE, §12.1).
    QCOMPARE(d->createRequest("UPDATE").requestUri().toString(),
             std::string("sip:callee@early.domain.com"));

    // Another 1xx keeps it early.
    QVERIFY(d->handleResponse(answer(invite, 183, "314159", "sip:callee@early.domain.com",
                                     { "<sip:p1.example.com;lr>" })));
    QCOMPARE(d->state(), Dialog::State::Early);

    // §13.2.2.4: the 2xx confirms it and its route set is recomputed from the 2xx.
    QVERIFY(d->handleResponse(trapezoidOkAtU1()));
    QCOMPARE(d->state(), Dialog::State::Confirmed);
    QCOMPARE(d->routeSet().uris(),
             (std::vector<std::string> { "sip:p1.example.com;lr", "sip:p2.domain.com;lr" }));
    QCOMPARE(d->remoteTarget(), std::string("sip:callee@u2.domain.com"));

    // A retransmitted 2xx with other Record-Route values (it cannot really) does not
    // change a confirmed dialog's route set.
    SipMessage odd = trapezoidOkAtU1();
    odd.removeHeader("Record-Route");
    QVERIFY(d->handleResponse(odd));
    QCOMPARE(d->routeSet().size(), 2);
}

void TestDialog::earlyTerminatedByFailure()
{
    const SipMessage invite = trapezoidInviteAtU1();
    auto d = Dialog::createUac(invite, answer(invite, 180, "314159", "sip:callee@u2.domain.com"));
    QVERIFY(d);
    // §12.3: a non-2xx final to the creating INVITE ends the early dialog, whichever
    // fork (To tag) it came from.
    QVERIFY(d->handleResponse(makeResponse(invite, 486, {}, "other-fork")));
    QCOMPARE(d->state(), Dialog::State::Terminated);

    // The synthetic 408 of Timer B has no To tag at all: same.
    auto d2 = Dialog::createUac(invite, answer(invite, 180, "314159", "sip:callee@u2.domain.com"));
    QVERIFY(d2->handleResponse(makeSyntheticResponse(invite, 408)));
    QCOMPARE(d2->state(), Dialog::State::Terminated);
}

void TestDialog::terminatedBy481And408()
{
    {
        Dialog d = aliceCallsBob();
        const SipMessage info = d.createRequest("INFO");
        QVERIFY(d.handleResponse(makeResponse(info, 481)));
        QCOMPARE(d.state(), Dialog::State::Terminated);
    }
    {
        // §12.2.1.2: a 408, also the transaction layer's synthetic one (Timer F), which
        // keeps the To tag of the in-dialog request.
        Dialog d = aliceCallsBob();
        const SipMessage info = d.createRequest("INFO");
        QVERIFY(d.handleResponse(makeSyntheticResponse(info, 408)));
        QCOMPARE(d.state(), Dialog::State::Terminated);
    }
    {
        // Other failures leave the dialog alone.
        Dialog d = aliceCallsBob();
        for (int code : { 400, 403, 486, 488, 491, 500, 503 }) {
            const SipMessage info = d.createRequest("INFO");
            QVERIFY(d.handleResponse(makeResponse(info, code)));
        }
        QCOMPARE(d.state(), Dialog::State::Confirmed);
    }
    {
        // A 481 in an early dialog ends it too.
        const SipMessage invite = trapezoidInviteAtU1();
        auto d = Dialog::createUac(invite,
                                   answer(invite, 180, "314159", "sip:callee@u2.domain.com"));
        const SipMessage update = d->createRequest("UPDATE");
        QVERIFY(d->handleResponse(makeResponse(update, 481)));
        QVERIFY(d->isTerminated());
    }
}

void TestDialog::foreignResponsesIgnored()
{
    Dialog d = aliceCallsBob();
    const SipMessage info = d.createRequest("INFO");
    SipMessage otherTag = makeResponse(info, 481);
    otherTag.setHeader("To", "<sip:bob@example.com>;tag=somebody-else");
    QVERIFY(!d.handleResponse(otherTag));
    SipMessage otherCall = makeResponse(info, 481);
    otherCall.setHeader("Call-ID", "another-call");
    QVERIFY(!d.handleResponse(otherCall));
    SipMessage otherFrom = makeResponse(info, 481);
    otherFrom.setHeader("From", "<sip:alice@example.com>;tag=not-me");
    QVERIFY(!d.handleResponse(otherFrom));
    QVERIFY(!d.handleResponse(info)); // a request
    QCOMPARE(d.state(), Dialog::State::Confirmed);

    // A 2xx to the creating INVITE from another fork is not this dialog's.
    const SipMessage invite = trapezoidInviteAtU1();
    auto early = Dialog::createUac(invite, answer(invite, 180, "A", "sip:a@192.0.2.30"));
    QVERIFY(!early->handleResponse(answer(invite, 200, "B", "sip:b@192.0.2.31")));
    QCOMPARE(early->state(), Dialog::State::Early);
}

void TestDialog::uasResponseSent()
{
    const SipMessage invite = trapezoidInviteAtU2();
    auto d = Dialog::createUas(invite, makeResponse(invite, 180, {}, "314159"));
    QVERIFY(d);
    d->responseSent(makeResponse(invite, 183, {}, "314159"));
    QCOMPARE(d->state(), Dialog::State::Early);
    d->responseSent(makeResponse(invite, 200, {}, "314159"));
    QCOMPARE(d->state(), Dialog::State::Confirmed);

    auto rejected = Dialog::createUas(invite, makeResponse(invite, 180, {}, "314159"));
    rejected->responseSent(makeResponse(invite, 486, {}, "314159"));
    QCOMPARE(rejected->state(), Dialog::State::Terminated);

    // A response to some other request of the dialog does not touch the state.
    auto d2 = Dialog::createUas(invite, makeResponse(invite, 180, {}, "314159"));
    const SipMessage update
            = message({ "UPDATE sip:callee@u2.domain.com SIP/2.0",
                        "Via: SIP/2.0/UDP p2.domain.com;branch=z9hG4bKupd",
                        "From: Caller <sip:caller@example.com>;tag=9fxced76sl",
                        "To: Callee <sip:callee@domain.com>;tag=314159",
                        "Call-ID: 3848276298220188511@u1.example.com", "CSeq: 2 UPDATE" });
    d2->responseSent(makeResponse(update, 200));
    d2->responseSent(makeResponse(update, 500));
    QCOMPARE(d2->state(), Dialog::State::Early);
}

void TestDialog::terminatedDialogRefuses()
{
    Dialog d = aliceCallsBob();
    d.terminate();
    std::string error;
    QVERIFY(d.createRequest("BYE", &error).isNull());
    QCOMPARE(error, std::string("the dialog is terminated"));
    QCOMPARE(d.handleRequest(fromBob("BYE", 9)).statusCode, 481);
    // A retransmitted 2xx is still ACKed after the BYE (§13.2.2.4).
    QVERIFY(!d.createAck(1).isNull());
    QVERIFY(Dialog().isNull());
    QVERIFY(Dialog().createAck(1).isNull());
}

// ---- DialogTable ---------------------------------------------------------------------

void TestDialog::dialogTableMatching()
{
    DialogTable<std::shared_ptr<Dialog>> table;
    auto call = std::make_shared<Dialog>(aliceCallsBob());
    const SipMessage invite = trapezoidInviteAtU2();
    auto incoming = std::make_shared<Dialog>(
            *Dialog::createUas(invite, makeResponse(invite, 200, {}, "314159")));
    QVERIFY(table.insert(call->id(), call));
    QVERIFY(table.insert(incoming->id(), incoming));
    QVERIFY(!table.insert(DialogId(), call));
    QCOMPARE(table.size(), 2);

    // §12.2.2: Call-ID + To tag (ours) + From tag (theirs).
    auto *found = table.findForRequest(fromBob("BYE", 3));
    QVERIFY(found);
    QCOMPARE(found->get(), call.get());
    // The peer's view of the tags (swapped) matches nothing: answer 481.
    QVERIFY(!table.findForRequest(fromBob("BYE", 3, {}, "bob")));
    QVERIFY(!table.findForRequest(fromBob("BYE", 3, {}, "unknown")));
    SipMessage otherCall = fromBob("BYE", 3);
    otherCall.setHeader("Call-ID", "nope");
    QVERIFY(!table.findForRequest(otherCall));
    // No To tag: not a request inside a dialog.
    const SipMessage initial = message(
            { "INVITE sip:alice@192.0.2.1 SIP/2.0", "Via: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bKi",
              "From: <sip:bob@example.com>;tag=bob", "To: <sip:alice@example.com>",
              "Call-ID: call-ab@example.com", "CSeq: 1 INVITE" });
    QVERIFY(!table.findForRequest(initial));

    // The UAS dialog: a BYE from the caller.
    const SipMessage byeFromCaller
            = message({ "BYE sip:callee@u2.domain.com SIP/2.0",
                        "Via: SIP/2.0/UDP p2.domain.com;branch=z9hG4bKbye",
                        "From: Caller <sip:caller@example.com>;tag=9fxced76sl",
                        "To: Callee <sip:callee@domain.com>;tag=314159",
                        "Call-ID: 3848276298220188511@u1.example.com", "CSeq: 2 BYE" });
    QVERIFY(table.findForRequest(byeFromCaller));
    QCOMPARE(table.findForRequest(byeFromCaller)->get(), incoming.get());

    // Responses to our requests: From tag (ours) + To tag (theirs).
    const SipMessage info = call->createRequest("INFO");
    QCOMPARE(table.findForResponse(makeResponse(info, 200))->get(), call.get());
    QVERIFY(!table.findForResponse(makeResponse(initial, 100)));

    QCOMPARE(int(table.idsForCallId("call-ab@example.com").size()), 1);
    QVERIFY(table.contains(call->id()));
    QVERIFY(table.remove(call->id()));
    QVERIFY(!table.remove(call->id()));
    QVERIFY(!table.findForRequest(fromBob("BYE", 3)));

    incoming->terminate();
    QCOMPARE(table.removeIf([](const DialogId &, std::shared_ptr<Dialog> &d) {
        return d->isTerminated();
    }),
             1);
    QVERIFY(table.isEmpty());

    // Any value type: e.g. a session id.
    DialogTable<int> ids;
    ids.insert({ "c", "l", "r" }, 7);
    QCOMPARE(*ids.find({ "c", "l", "r" }), 7);
    ids.insert({ "c", "l", "r" }, 8); // replaces
    QCOMPARE(*ids.find({ "c", "l", "r" }), 8);
    QCOMPARE(ids.size(), 1);
}

// ---- DialogSet -----------------------------------------------------------------------

void TestDialog::dialogSetClassifies()
{
    const SipMessage invite = trapezoidInviteAtU1();
    DialogSet set(invite);
    using K = ForkResult::Kind;
    QCOMPARE(set.handleResponse(makeResponse(invite, 100)).kind, K::Trying);
    ForkResult a = set.handleResponse(answer(invite, 180, "A", "sip:a@192.0.2.30"));
    QCOMPARE(a.kind, K::Early);
    QVERIFY(a.isNewDialog);
    QVERIFY(!a.needsAck());
    ForkResult again = set.handleResponse(answer(invite, 183, "A", "sip:a@192.0.2.30"));
    QCOMPARE(again.kind, K::Early);
    QVERIFY(!again.isNewDialog);
    QCOMPARE(again.dialog, a.dialog);
    QCOMPARE(set.handleResponse(answer(invite, 180, "B", "sip:b@192.0.2.31")).kind, K::Early);
    QCOMPARE(int(set.earlyDialogs().size()), 2);

    // A response to something else.
    SipMessage other = answer(invite, 200, "A", "sip:a@192.0.2.30");
    other.setHeader("CSeq", "2 INVITE");
    QCOMPARE(set.handleResponse(other).kind, K::Ignored);

    ForkResult answered = set.handleResponse(answer(invite, 200, "B", "sip:b@192.0.2.31"));
    QCOMPARE(answered.kind, K::Answered);
    QVERIFY(answered.needsAck() && !answered.needsBye());
    QCOMPARE(set.primary(), answered.dialog);
    QVERIFY(answered.dialog->isConfirmed());
    QCOMPARE(set.handleResponse(answer(invite, 200, "B", "sip:b@192.0.2.31")).kind,
             K::AnswerRepeated);
    // A late 1xx from the answered fork.
    QCOMPARE(set.handleResponse(answer(invite, 180, "B", "sip:b@192.0.2.31")).kind, K::Ignored);

    ForkResult extra = set.handleResponse(answer(invite, 200, "A", "sip:a@192.0.2.30"));
    QCOMPARE(extra.kind, K::ExtraAnswer);
    QVERIFY(extra.needsAck() && extra.needsBye());
    QCOMPARE(extra.dialog, a.dialog); // the early dialog of A, now confirmed
    QVERIFY(a.dialog->isConfirmed());
    QCOMPARE(set.handleResponse(answer(invite, 200, "A", "sip:a@192.0.2.30")).kind,
             K::ExtraAnswerRepeated);
    // A third fork answering directly (no 1xx before).
    ForkResult c = set.handleResponse(answer(invite, 200, "C", "sip:c@192.0.2.32"));
    QCOMPARE(c.kind, K::ExtraAnswer);
    QVERIFY(c.isNewDialog);
    QCOMPARE(int(set.dialogs().size()), 3);
    QVERIFY(set.hasAnswered("C"));
    QVERIFY(!set.find("D"));

    // Failure before any answer: the early dialogs end.
    DialogSet failing(invite);
    failing.handleResponse(answer(invite, 180, "A", "sip:a@192.0.2.30"));
    failing.handleResponse(answer(invite, 180, "B", "sip:b@192.0.2.31"));
    QCOMPARE(failing.handleResponse(makeResponse(invite, 486, {}, "B")).kind, K::Failed);
    QVERIFY(failing.isFailed());
    QCOMPARE(failing.failStatus(), 486);
    QVERIFY(failing.earlyDialogs().empty());
    for (const auto &d : failing.dialogs())
        QVERIFY(d->isTerminated());
    QCOMPARE(failing.handleResponse(answer(invite, 180, "C", "sip:c@192.0.2.32")).kind, K::Ignored);

    // Transaction over: leftover early dialogs end.
    DialogSet leftover(invite);
    leftover.handleResponse(answer(invite, 180, "A", "sip:a@192.0.2.30"));
    leftover.handleResponse(answer(invite, 200, "B", "sip:b@192.0.2.31"));
    leftover.transactionTerminated();
    QVERIFY(leftover.find("A")->isTerminated());
    QVERIFY(leftover.find("B")->isConfirmed());
}

QTEST_GUILESS_MAIN(TestDialog)
#include "tst_dialog.moc"
