// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Dialogs over the TransactionLayer, in virtual time against a fake channel: UAS dialogs
// made from server transactions (§12.1.1), the DialogTable lookup a UA does for requests
// inside dialogs (§12.2.2, 481), in-dialog requests through DialogSender, and a forked
// INVITE (§13.2.2.4, RFC 6026) handled by InviteForkHandler: every 2xx ACKed, the first
// one the call, any other fork's 2xx ACKed and hung up with a BYE.
#include "tst_transaction_util.h"

#include "sip/dialog/Dialog.h"
#include "sip/dialog/DialogSender.h"
#include "sip/dialog/DialogSet.h"
#include "sip/dialog/DialogTable.h"
#include "sip/dialog/InviteForkHandler.h"

#include <map>
#include <memory>
#include <set>

using namespace Sip;
using namespace TransactionTest;

namespace {

// Contacts of the two forks of Bob (two phones behind the proxy).
constexpr const char *contactA = "sip:bob@192.0.2.20:5060";
constexpr const char *contactB = "sip:bob@192.0.2.21:5062";

Endpoint phoneA()
{
    return endpoint(TransportType::Udp, "192.0.2.20", 5060);
}
Endpoint phoneB()
{
    return endpoint(TransportType::Udp, "192.0.2.21", 5062);
}

// Alice's INVITE to bob@example.com, CSeq 7, without Via (the layer adds it).
SipMessage aliceInvite()
{
    SipMessage m = SipMessage::createRequest("INVITE", "sip:bob@example.com");
    m.addHeader("Max-Forwards", "70");
    m.addHeader("From", "\"Alice\" <sip:alice@example.com>;tag=alice-tag");
    m.addHeader("To", "<sip:bob@example.com>");
    m.addHeader("Call-ID", "fork-1@example.com");
    m.addHeader("CSeq", "7 INVITE");
    m.addHeader("Contact", "<sip:alice@192.0.2.1:5060>");
    return m;
}

// A response of one fork to the INVITE as sent (so with its Via), with its Contact.
SipMessage forkResponse(const SipMessage &sentInvite, int code, const std::string &tag,
                        const std::string &contact)
{
    SipMessage r = makeResponse(sentInvite, code, {}, tag);
    r.addHeader("Contact", "<" + contact + ">");
    return r;
}

} // namespace

class TestDialogFork : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // UAS side
    void uasDialogFromServerTransaction();
    void uaAnswers481WithoutDialog();
    void uasRejectsOutOfOrderCseq();

    // In-dialog requests through the layer
    void senderRoutesToNextHop();
    void senderAckAddsVia();

    // Forking
    void forkedInviteTwoAnswers();
    void forkedInviteWithRecordRoute();
    void forkedInviteFails();
    void leftoverEarlyDialogsEndWithTransaction();
    void handlerDestroyedMidCall();

private:
    std::vector<FakeChannel::Sent> sentTo(const std::string &what,
                                          const Endpoint &destination) const;

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
};

void TestDialogFork::init()
{
    layer.reset();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    layer = std::make_unique<TransactionLayer>(*channel, *clock);
}

void TestDialogFork::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    layer.reset();
}

std::vector<FakeChannel::Sent> TestDialogFork::sentTo(const std::string &what,
                                                      const Endpoint &destination) const
{
    std::vector<FakeChannel::Sent> out;
    for (const auto &s : channel->sent) {
        if (FakeChannel::matches(s.message, what) && s.destination == destination)
            out.push_back(s);
    }
    return out;
}

// ---- UAS side ------------------------------------------------------------------------

void TestDialogFork::uasDialogFromServerTransaction()
{
    std::shared_ptr<Dialog> dialog;
    ServerTransactionHandle inviteTx;
    layer->setRequestHandler([&](const ServerTransactionHandle &t, const IncomingMessage &in) {
        QCOMPARE(str(in.message.method()), std::string("INVITE"));
        inviteTx = t;
        SipMessage ringing = t.createResponse(180);
        ringing.addHeader("Contact", "<sip:bob@192.0.2.1:5060>");
        std::string error;
        auto d = Dialog::createUas(t.request(), ringing, &error);
        QVERIFY2(d, error.c_str());
        dialog = std::make_shared<Dialog>(std::move(*d));
        t.respond(ringing);
    });
    channel->injectText(
            requestText(spec("INVITE").withExtra("Record-Route: <sip:proxy.example.com;lr>\r\n"
                                                 "Contact: <sip:alice@192.0.2.10:5060>\r\n")),
            udpPeer());
    QVERIFY(dialog);
    // §12.1.1: the local tag is the one the transaction put in the To of its responses.
    QVERIFY(!inviteTx.localTag().empty());
    QCOMPARE(dialog->localTag(), inviteTx.localTag());
    QCOMPARE(str(channel->last("180").to()->tag()), inviteTx.localTag());
    QCOMPARE(dialog->remoteTag(), std::string("alice-tag"));
    QCOMPARE(dialog->state(), Dialog::State::Early);
    QCOMPARE(dialog->remoteTarget(), std::string("sip:alice@192.0.2.10:5060"));
    QCOMPARE(dialog->routeSet().uris(), std::vector<std::string> { "sip:proxy.example.com;lr" });
    // The 180 carries the Record-Route back (makeResponse, §12.1.1).
    QCOMPARE(channel->last("180").headerCount("Record-Route"), 1);

    SipMessage ok = inviteTx.createResponse(200);
    ok.addHeader("Contact", "<sip:bob@192.0.2.1:5060>");
    QVERIFY(inviteTx.respond(ok));
    dialog->responseSent(ok);
    QCOMPARE(dialog->state(), Dialog::State::Confirmed);
    QCOMPARE(str(channel->last("200").to()->tag()), dialog->localTag());

    // Our BYE: From = our tag, To = the caller's, to the caller's Contact via the proxy.
    SipMessage bye = dialog->createRequest("BYE");
    QCOMPARE(str(bye.from()->tag()), inviteTx.localTag());
    QCOMPARE(str(bye.to()->tag()), std::string("alice-tag"));
    QCOMPARE(bye.requestUri().toString(), std::string("sip:alice@192.0.2.10:5060"));
    QCOMPARE(int(bye.routes().size()), 1);
}

void TestDialogFork::uaAnswers481WithoutDialog()
{
    // What a UA core does with DialogTable: requests with a To tag go to their dialog,
    // or get 481 (§12.2.2).
    DialogTable<std::shared_ptr<Dialog>> table;
    std::vector<std::string> handled;
    layer->setRequestHandler([&](const ServerTransactionHandle &t, const IncomingMessage &in) {
        const SipMessage &request = in.message;
        if (request.to() && !request.to()->tag().empty()) {
            auto *dialog = table.findForRequest(request);
            if (!dialog) {
                t.respond(481);
                return;
            }
            const Dialog::RequestCheck check = (*dialog)->handleRequest(request);
            if (!check.accepted()) {
                t.respond(check.statusCode, check.reasonPhrase);
                return;
            }
            handled.push_back(str(request.method()));
            t.respond(200);
            return;
        }
        SipMessage ok = t.createResponse(200);
        ok.addHeader("Contact", "<sip:bob@192.0.2.1:5060>");
        auto d = Dialog::createUas(t.request(), ok);
        QVERIFY(d);
        auto shared = std::make_shared<Dialog>(std::move(*d));
        table.insert(shared->id(), shared);
        t.respond(ok);
    });
    channel->injectText(
            requestText(spec("INVITE").withExtra("Contact: <sip:alice@192.0.2.10>\r\n")),
            udpPeer());
    QCOMPARE(table.size(), 1);
    const std::string localTag = str(channel->last("200").to()->tag());

    // BYE in the dialog: found.
    channel->injectText(
            requestText(spec("BYE").withBranch("z9hG4bKbye1").withToTag(localTag).withCseq(2)),
            udpPeer());
    QCOMPARE(handled, std::vector<std::string> { "BYE" });
    QCOMPARE(str(channel->last("200").cseq()->method()), std::string("BYE"));
    // Unknown To tag, and unknown Call-ID: 481.
    channel->injectText(
            requestText(spec("BYE").withBranch("z9hG4bKbye2").withToTag("stale").withCseq(3)),
            udpPeer());
    QCOMPARE(channel->count("481"), 1);
    channel->injectText(requestText(spec("INFO")
                                            .withBranch("z9hG4bKbye3")
                                            .withToTag(localTag)
                                            .withCallId("other@example.com")
                                            .withCseq(3)),
                        udpPeer());
    QCOMPARE(channel->count("481"), 2);
    QCOMPARE(int(handled.size()), 1);
}

void TestDialogFork::uasRejectsOutOfOrderCseq()
{
    std::shared_ptr<Dialog> dialog;
    layer->setRequestHandler([&](const ServerTransactionHandle &t, const IncomingMessage &in) {
        if (dialog) {
            const Dialog::RequestCheck check = dialog->handleRequest(in.message);
            t.respond(check.accepted() ? 200 : check.statusCode, check.reasonPhrase);
            return;
        }
        SipMessage ok = t.createResponse(200);
        ok.addHeader("Contact", "<sip:bob@192.0.2.1>");
        dialog = std::make_shared<Dialog>(*Dialog::createUas(t.request(), ok));
        t.respond(ok);
    });
    channel->injectText(requestText(spec("INVITE").withCseq(5).withExtra(
                                "Contact: <sip:alice@192.0.2.10>\r\n")),
                        udpPeer());
    QVERIFY(dialog);
    const std::string tag = dialog->localTag();
    channel->injectText(
            requestText(spec("INFO").withBranch("z9hG4bKi6").withToTag(tag).withCseq(6)),
            udpPeer());
    QCOMPARE(channel->last("200").cseq()->number(), 6u);
    // §12.2.2: an older CSeq (a delayed request) is answered 500.
    channel->injectText(
            requestText(spec("INFO").withBranch("z9hG4bKi4").withToTag(tag).withCseq(4)),
            udpPeer());
    QCOMPARE(channel->count("500"), 1);
    QCOMPARE(channel->last("500").cseq()->number(), 4u);
    // The re-INVITE refreshes the target.
    channel->injectText(
            requestText(spec("INVITE")
                                .withBranch("z9hG4bKr7")
                                .withToTag(tag)
                                .withCseq(7)
                                .withExtra("Contact: <sip:alice@198.51.100.4:5070>\r\n")),
            udpPeer());
    QCOMPARE(dialog->remoteTarget(), std::string("sip:alice@198.51.100.4:5070"));
}

// ---- In-dialog requests --------------------------------------------------------------

void TestDialogFork::senderRoutesToNextHop()
{
    const SipMessage invite = aliceInvite();
    QVERIFY(invite.from() && invite.cseq());
    SipMessage ok = forkResponse(invite, 200, "A", contactA);
    ok.addHeader("Record-Route", "<sip:192.0.2.10:5060;lr>");
    Dialog dialog = *Dialog::createUac(invite, ok);
    DialogSender sender(*layer, resolveLiteral);
    QCOMPARE(*sender.nextHop(dialog), udpPeer());

    ClientRecorder rec(*clock);
    const SipMessage bye = dialog.createRequest("BYE");
    std::string error;
    ClientTransactionHandle tx = sender.send(bye, dialog, rec.handler(), &error);
    QVERIFY2(tx, error.c_str());
    const FakeChannel::Sent sent = channel->lastSent("BYE");
    QCOMPARE(sent.destination, udpPeer()); // the proxy, first in the route set
    QCOMPARE(sent.message.requestUri().toString(), std::string(contactA));
    QCOMPARE(int(sent.message.vias().size()), 1);
    channel->inject(makeResponse(sent.message, 200), udpPeer());
    QCOMPARE(rec.summary().first(), QStringLiteral("200"));
    QVERIFY(dialog.handleResponse(rec.events.front().event.response));

    // Unresolvable next hop: refused, nothing sent.
    Dialog lost = *Dialog::createUac(
            invite, forkResponse(invite, 200, "B", "sip:bob@unresolvable.invalid"));
    const size_t before = channel->sent.size();
    QVERIFY(sender.send(lost.createRequest("BYE"), lost, {}, &error).isNull());
    QVERIFY(!error.empty());
    QCOMPARE(channel->sent.size(), before);
}

void TestDialogFork::senderAckAddsVia()
{
    const SipMessage invite = aliceInvite();
    Dialog dialog = *Dialog::createUac(invite, forkResponse(invite, 200, "A", contactA));
    DialogSender sender(*layer, resolveLiteral);
    SipMessage ack = dialog.createAck(7);
    QVERIFY(ack.vias().empty());
    const auto destination = sender.sendAck(ack, dialog);
    QVERIFY(destination);
    QCOMPARE(*destination, phoneA());
    QCOMPARE(int(ack.vias().size()), 1);
    QVERIFY(ack.vias()[0].hasRfc3261Branch());
    QCOMPARE(channel->count("ACK"), 1);
    QCOMPARE(channel->last("ACK").vias()[0].branch(), ack.vias()[0].branch());
    QVERIFY(sender.sendAgain(ack, *destination));
    QCOMPARE(channel->count("ACK"), 2);
    // To a destination known already (TCP here): the Via says so.
    SipMessage ack2 = dialog.createAck(7);
    QVERIFY(sender.sendAckTo(ack2, tcpPeer()));
    QCOMPARE(channel->lastSent("ACK").destination, tcpPeer());
    QCOMPARE(str(ack2.vias()[0].transport()), std::string("TCP"));
    QVERIFY(ack2.vias()[0].branch() != ack.vias()[0].branch());
    SipMessage notAck = dialog.createRequest("INFO");
    std::string error;
    QVERIFY(!sender.sendAck(notAck, dialog, &error));
}

// ---- Forking -------------------------------------------------------------------------

void TestDialogFork::forkedInviteTwoAnswers()
{
    InviteForkHandler handler(*layer, aliceInvite(), resolveLiteral);
    std::vector<ForkResult> results;
    QStringList kinds;
    handler.setObserver([&](const ForkResult &r, const ClientEvent &e) {
        results.push_back(r);
        kinds << QString::fromLatin1(toString(r.kind)) + QLatin1Char('/')
                        + ClientRecorder::describe(e);
    });
    std::string error;
    ClientTransactionHandle tx = handler.start(udpPeer(), &error);
    QVERIFY2(tx, error.c_str());
    QCOMPARE(handler.transaction().id(), tx.id());
    const SipMessage sent = channel->last("INVITE");
    QVERIFY(!sent.isNull());

    // The proxy forks to two phones; both ring.
    channel->inject(makeResponse(sent, 100), udpPeer());
    channel->inject(forkResponse(sent, 180, "tagA", contactA), udpPeer());
    channel->inject(forkResponse(sent, 180, "tagB", contactB), udpPeer());
    QCOMPARE(kinds, QStringList({ "Trying/100", "Early/180", "Early/180" }));
    QCOMPARE(int(handler.dialogSet().earlyDialogs().size()), 2);
    const auto dialogA = handler.dialogSet().find("tagA");
    const auto dialogB = handler.dialogSet().find("tagB");
    QVERIFY(dialogA && dialogB && dialogA != dialogB);
    QVERIFY(dialogA->isEarly() && dialogB->isEarly());
    QCOMPARE(channel->count("ACK"), 0);

    // A answers: the call. Its 2xx is ACKed, to A's Contact (no route set).
    channel->inject(forkResponse(sent, 200, "tagA", contactA), udpPeer());
    QCOMPARE(kinds.last(), QStringLiteral("Answered/200"));
    QCOMPARE(handler.call(), dialogA);
    QVERIFY(dialogA->isConfirmed());
    QVERIFY(dialogB->isEarly());
    QCOMPARE(int(sentTo("ACK", phoneA()).size()), 1);
    const SipMessage ackA = sentTo("ACK", phoneA()).front().message;
    QCOMPARE(ackA.requestUri().toString(), std::string(contactA));
    QCOMPARE(str(ackA.to()->tag()), std::string("tagA"));
    QCOMPARE(str(ackA.from()->tag()), std::string("alice-tag"));
    QCOMPARE(ackA.cseq()->number(), 7u);
    QCOMPARE(str(ackA.cseq()->method()), std::string("ACK"));
    // A new branch: the ACK for a 2xx is a transaction of its own (§17.1.1.3).
    QVERIFY(ackA.vias()[0].hasRfc3261Branch());
    QVERIFY(ackA.vias()[0].branch() != sent.vias()[0].branch());

    // Each retransmission of A's 2xx gets the same ACK again.
    channel->inject(forkResponse(sent, 200, "tagA", contactA), udpPeer());
    channel->inject(forkResponse(sent, 200, "tagA", contactA), udpPeer());
    QCOMPARE(kinds.mid(kinds.size() - 2),
             QStringList({ "AnswerRepeated/200", "AnswerRepeated/200" }));
    const auto acksToA = sentTo("ACK", phoneA());
    QCOMPARE(int(acksToA.size()), 3);
    for (const auto &s : acksToA)
        QCOMPARE(s.message, ackA);

    // B answers too: ACK it (to B's Contact), then BYE in B's dialog.
    const size_t beforeB = channel->sent.size();
    channel->inject(forkResponse(sent, 200, "tagB", contactB), udpPeer());
    QCOMPARE(kinds.last(), QStringLiteral("ExtraAnswer/200"));
    QVERIFY(results.back().error.empty());
    QCOMPARE(results.back().dialog, dialogB);
    QCOMPARE(handler.call(), dialogA); // still A
    QCOMPARE(channel->sent.size(), beforeB + 2);
    const FakeChannel::Sent ackB = channel->sent[beforeB];
    const FakeChannel::Sent byeB = channel->sent[beforeB + 1];
    QCOMPARE(str(ackB.message.method()), std::string("ACK"));
    QCOMPARE(ackB.destination, phoneB());
    QCOMPARE(ackB.message.requestUri().toString(), std::string(contactB));
    QCOMPARE(str(ackB.message.to()->tag()), std::string("tagB"));
    QCOMPARE(ackB.message.cseq()->number(), 7u);
    QCOMPARE(str(ackB.message.cseq()->method()), std::string("ACK"));
    QCOMPARE(str(byeB.message.method()), std::string("BYE"));
    QCOMPARE(byeB.destination, phoneB());
    QCOMPARE(byeB.message.requestUri().toString(), std::string(contactB));
    QCOMPARE(str(byeB.message.to()->tag()), std::string("tagB"));
    QCOMPARE(str(byeB.message.from()->tag()), std::string("alice-tag"));
    QCOMPARE(str(byeB.message.callId()), std::string("fork-1@example.com"));
    QCOMPARE(byeB.message.cseq()->number(), 8u);
    QCOMPARE(str(byeB.message.cseq()->method()), std::string("BYE"));
    QVERIFY(handler.byeFor("tagB"));
    QCOMPARE(handler.ackFor("tagB"), ackB.message);
    // Nothing of this went to A.
    QCOMPARE(int(sentTo("BYE", phoneA()).size()), 0);
    QCOMPARE(int(sentTo("ACK", phoneA()).size()), 3);

    // B's 2xx again: ACK again, no second BYE.
    channel->inject(forkResponse(sent, 200, "tagB", contactB), udpPeer());
    QCOMPARE(kinds.last(), QStringLiteral("ExtraAnswerRepeated/200"));
    QCOMPARE(int(sentTo("ACK", phoneB()).size()), 2);
    std::set<std::string> byeBranches;
    for (const auto &s : sentTo("BYE", phoneB()))
        byeBranches.insert(str(s.message.vias()[0].branch()));
    QCOMPARE(int(byeBranches.size()), 1);

    // B answers the BYE: its dialog is over; A's call goes on.
    QVERIFY(dialogB->isConfirmed());
    channel->inject(makeResponse(byeB.message, 200), phoneB());
    QVERIFY(dialogB->isTerminated());
    QVERIFY(dialogA->isConfirmed());

    // RFC 6026 Timer M: the INVITE transaction ends 64*T1 after the first 2xx.
    QVERIFY(!handler.isFinished());
    clock->advance(std::chrono::seconds(33));
    QVERIFY(handler.isFinished());
    QCOMPARE(kinds.last(), QStringLiteral("Ignored/Terminated"));
    QVERIFY(dialogA->isConfirmed());
    QCOMPARE(int(handler.dialogSet().dialogs().size()), 2);

    // The call's dialog can send its own BYE later (CSeq 8 in A's dialog).
    const SipMessage byeA = dialogA->createRequest("BYE");
    QCOMPARE(byeA.cseq()->number(), 8u);
    QCOMPARE(str(byeA.to()->tag()), std::string("tagA"));
}

void TestDialogFork::forkedInviteWithRecordRoute()
{
    // With a record-routing proxy the ACK and BYE of the extra answer go through the
    // proxy (the next hop), addressed to B's Contact.
    InviteForkHandler handler(*layer, aliceInvite(), resolveLiteral);
    handler.setExtraAnswerReason("SIP;cause=200;text=\"Call completed elsewhere\"");
    int acksDecorated = 0;
    handler.setAckDecorator([&](SipMessage &ack, const Dialog &, const SipMessage &response) {
        ++acksDecorated;
        ack.setBody("application/sdp", "v=0\r\n");
        QCOMPARE(response.statusCode(), 200);
    });
    QVERIFY(handler.start(udpPeer()));
    const SipMessage sent = channel->last("INVITE");
    auto routed = [&](int code, const std::string &tag, const std::string &contact) {
        SipMessage r = forkResponse(sent, code, tag, contact);
        r.addHeader("Record-Route", "<sip:192.0.2.10:5060;lr>");
        return r;
    };
    channel->inject(routed(200, "tagA", contactA), udpPeer());
    channel->inject(routed(200, "tagB", contactB), udpPeer());
    const auto acks = sentTo("ACK", udpPeer());
    QCOMPARE(int(acks.size()), 2);
    QCOMPARE(acksDecorated, 2);
    QCOMPARE(str(acks[0].message.body()), std::string("v=0\r\n"));
    QCOMPARE(acks[1].message.requestUri().toString(), std::string(contactB));
    QCOMPARE(acks[1].message.routes()[0].uri().toString(), std::string("sip:192.0.2.10:5060;lr"));
    const FakeChannel::Sent bye = channel->lastSent("BYE");
    QCOMPARE(bye.destination, udpPeer());
    QCOMPARE(bye.message.requestUri().toString(), std::string(contactB));
    QCOMPARE(int(bye.message.routes().size()), 1);
    QVERIFY(bye.message.header("Reason").find("Call completed elsewhere")
            != std::string_view::npos);
    QVERIFY(bye.message.body().empty());
    // The BYE times out (no answer, Timer F): B's dialog ends anyway.
    clock->advance(std::chrono::seconds(33));
    QVERIFY(handler.dialogSet().find("tagB")->isTerminated());
    QVERIFY(handler.call()->isConfirmed());
}

void TestDialogFork::forkedInviteFails()
{
    InviteForkHandler handler(*layer, aliceInvite(), resolveLiteral);
    QStringList kinds;
    handler.setObserver([&](const ForkResult &r, const ClientEvent &e) {
        kinds << QString::fromLatin1(toString(r.kind)) + QLatin1Char('/')
                        + ClientRecorder::describe(e);
    });
    QVERIFY(handler.start(udpPeer()));
    const SipMessage sent = channel->last("INVITE");
    channel->inject(forkResponse(sent, 180, "tagA", contactA), udpPeer());
    channel->inject(forkResponse(sent, 180, "tagB", contactB), udpPeer());
    channel->inject(makeResponse(sent, 486, {}, "tagB"), udpPeer());
    QCOMPARE(kinds, QStringList({ "Early/180", "Early/180", "Failed/486" }));
    QVERIFY(handler.dialogSet().isFailed());
    QVERIFY(handler.dialogSet().find("tagA")->isTerminated());
    QVERIFY(handler.dialogSet().find("tagB")->isTerminated());
    QVERIFY(!handler.call());
    // The non-2xx is ACKed by the transaction (one ACK, to the proxy), not by us.
    QCOMPARE(channel->count("ACK"), 1);
    QCOMPARE(channel->lastSent("ACK").destination, udpPeer());
    QCOMPARE(channel->count("BYE"), 0);

    // No answer at all: Timer B's synthetic 408. (After a 1xx there is no Timer B: a
    // UA gives up on a ringing call itself, with CANCEL.)
    InviteForkHandler silent(
            *layer,
            [] {
                SipMessage m = aliceInvite();
                m.setHeader("Call-ID", "fork-2@example.com");
                return m;
            }(),
            resolveLiteral);
    QStringList silentKinds;
    silent.setObserver([&](const ForkResult &r, const ClientEvent &e) {
        silentKinds << QString::fromLatin1(toString(r.kind)) + QLatin1Char('/')
                        + ClientRecorder::describe(e);
    });
    QVERIFY(silent.start(udpPeer2()));
    clock->advance(std::chrono::seconds(40));
    QCOMPARE(silentKinds, QStringList({ "Failed/T/408", "Ignored/Terminated" }));
    QVERIFY(silent.dialogSet().isFailed());
    QCOMPARE(silent.dialogSet().failStatus(), 408);
    QVERIFY(silent.isFinished());
}

void TestDialogFork::leftoverEarlyDialogsEndWithTransaction()
{
    InviteForkHandler handler(*layer, aliceInvite(), resolveLiteral);
    QVERIFY(handler.start(udpPeer()));
    const SipMessage sent = channel->last("INVITE");
    channel->inject(forkResponse(sent, 180, "tagA", contactA), udpPeer());
    channel->inject(forkResponse(sent, 180, "tagB", contactB), udpPeer());
    channel->inject(forkResponse(sent, 200, "tagA", contactA), udpPeer());
    QVERIFY(handler.dialogSet().find("tagB")->isEarly());
    // §13.2.2.4: 64*T1 after the first 2xx, early dialogs that got no 2xx end.
    clock->advance(std::chrono::seconds(31));
    QVERIFY(handler.dialogSet().find("tagB")->isEarly());
    clock->advance(std::chrono::seconds(2));
    QVERIFY(handler.isFinished());
    QVERIFY(handler.dialogSet().find("tagB")->isTerminated());
    QVERIFY(handler.dialogSet().find("tagA")->isConfirmed());
    QCOMPARE(channel->count("BYE"), 0);
}

void TestDialogFork::handlerDestroyedMidCall()
{
    auto handler = std::make_unique<InviteForkHandler>(*layer, aliceInvite(), resolveLiteral);
    int calls = 0;
    handler->setObserver([&](const ForkResult &r, const ClientEvent &) {
        ++calls;
        if (r.kind == ForkResult::Kind::Early)
            handler.reset(); // from inside the observer
    });
    QVERIFY(handler->start(udpPeer()));
    const SipMessage sent = channel->last("INVITE");
    channel->inject(forkResponse(sent, 180, "tagA", contactA), udpPeer());
    QVERIFY(!handler);
    // Later events are dropped; nothing is ACKed by a handler that is gone.
    channel->inject(forkResponse(sent, 200, "tagA", contactA), udpPeer());
    clock->advance(std::chrono::seconds(40));
    QCOMPARE(calls, 1);
    QCOMPARE(channel->count("ACK"), 0);
}

QTEST_GUILESS_MAIN(TestDialogFork)
#include "tst_dialog_fork.moc"
