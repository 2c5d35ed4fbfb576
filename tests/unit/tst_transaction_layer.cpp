// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// TransactionLayer as a whole: CANCEL in both directions (§9), transport errors
// (§17.1.4, §17.2.4), transaction matching (§17.1.3, §17.2.3, RFC 2543 fallback) and the
// stateless message builders (§8.2.6, §17.1.1.3).
#include "tst_transaction_util.h"

#include "sip/transaction/Transaction.h"
#include "sip/transaction/TransactionKey.h"

#include <set>

using namespace Sip;
using namespace TransactionTest;

class TestTransactionLayer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // CANCEL, client side
    void cancelAfterProvisional();
    void cancelBeforeProvisionalWaits();
    void cancelBeforeProvisionalThenFinal();
    void cancelBeforeProvisionalThenTimeout();
    void cancelRefused();
    void cancelGuardGivesUp();
    void cancelRaceWith2xx();

    // CANCEL, server side
    void incomingCancelReportedToTu();
    void incomingCancelWithoutHandlerSends487();
    void incomingCancelAfterFinal();
    void incomingCancelUnmatchedGets481();
    void incomingCancelOtherSentByGets481();

    // Transport errors
    void sendFailureIs503();
    void asyncErrorEndsAffectedClientTransactions();
    void retransmissionFailureIs503();
    void serverSendFailure();
    void serverAsyncError();

    // Matching
    void serverBranchSentByMethod();
    void sentByDefaultPortAndCase();
    void clientCancelAndInviteShareBranch();
    void rfc2543Fallback();
    void nothingAfterShutdown();
    void destroyedFromClientCallback();
    void destroyedFromServerCallbacks();
    void tuMayReenterFromCallbacks();

    // Stateless helpers
    void makeResponseCopiesHeaders();
    void makeResponseRecordRoute();
    void makeNon2xxAckTakesTopViaOnly();
    void makeCancelBuild();
    void branchesAndTags();
    void transactionKeys();

private:
    void makeLayer(const TimerSettings &timers = {});
    SipMessage sentInvite() const { return channel->last("INVITE"); }

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::unique_ptr<ClientRecorder> inviteRec;
    std::unique_ptr<ClientRecorder> cancelRec;
    QList<ServerTransactionHandle> requests;
    QList<ServerTransactionHandle> cancels;
};

void TestTransactionLayer::makeLayer(const TimerSettings &timers)
{
    layer.reset();
    layer = std::make_unique<TransactionLayer>(*channel, *clock, timers);
    layer->setRequestHandler(
            [this](const ServerTransactionHandle &t, const IncomingMessage &) { requests << t; });
    layer->setCancelHandler([this](const ServerTransactionHandle &invite, const IncomingMessage &) {
        cancels << invite;
    });
}

void TestTransactionLayer::init()
{
    layer.reset();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    inviteRec = std::make_unique<ClientRecorder>(*clock);
    cancelRec = std::make_unique<ClientRecorder>(*clock);
    requests.clear();
    cancels.clear();
    makeLayer();
}

void TestTransactionLayer::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    layer.reset();
}

// ---- CANCEL, client side ----------------------------------------------------------------

void TestTransactionLayer::cancelAfterProvisional()
{
    RequestSpec s = spec().withExtra("Route: <sip:proxy.example.com;lr>\r\n");
    const auto invite = layer->sendRequest(request(s), udpPeer(), inviteRec->handler());
    clock->advanceTo(300ms);
    channel->inject(responseTo(sentInvite(), 180, "ringing-tag"), udpPeer());
    clock->advanceTo(2000ms);
    QVERIFY(invite.cancel(cancelRec->handler(), "SIP;cause=600;text=\"Busy Everywhere\""));
    QCOMPARE(channel->timesOf("CANCEL"), (QList<qint64> { 2000 }));
    const auto sent = channel->lastSent("CANCEL");
    QCOMPARE(sent.destination, udpPeer());
    const SipMessage cancel = sent.message;
    const SipMessage inv = sentInvite();
    // §9.1
    QCOMPARE(cancel.requestUri().text(), inv.requestUri().text());
    QCOMPARE(cancel.callId(), inv.callId());
    QCOMPARE(cancel.header("From"), inv.header("From"));
    QCOMPARE(cancel.header("To"), inv.header("To"));
    QVERIFY(cancel.to()->tag().empty());
    QCOMPARE(cancel.cseq()->number(), inv.cseq()->number());
    QCOMPARE(cancel.cseq()->method(), "CANCEL");
    QCOMPARE(cancel.vias().size(), size_t(1));
    QCOMPARE(cancel.vias()[0].branch(), inv.vias()[0].branch());
    QCOMPARE(cancel.routes().size(), size_t(1));
    QCOMPARE(cancel.header("Reason"), "SIP;cause=600;text=\"Busy Everywhere\"");
    // The CANCEL is a non-INVITE transaction: Timer E over UDP.
    clock->advanceTo(2000ms + 1600ms);
    QCOMPARE(channel->timesOf("CANCEL"), (QList<qint64> { 2000, 2500, 3500 }));
    channel->inject(responseTo(cancel, 200, "ringing-tag"), udpPeer());
    QCOMPARE(cancelRec->summary(), (QStringList { "200" }));
    QCOMPARE(inviteRec->summary(), (QStringList { "180" })); // the 200 was the CANCEL's
    channel->inject(responseTo(inv, 487, "ringing-tag"), udpPeer());
    QCOMPARE(inviteRec->summary(), (QStringList { "180", "487" }));
    QCOMPARE(channel->count("ACK"), 1);
    QVERIFY(!invite.cancel()); // too late now
    clock->runUntilIdle();
    QCOMPARE(inviteRec->summary(), (QStringList { "180", "487", "Terminated" }));
    QCOMPARE(cancelRec->summary(), (QStringList { "200", "Terminated" }));
}

void TestTransactionLayer::cancelBeforeProvisionalWaits()
{
    const auto invite = layer->sendRequest(request(spec()), udpPeer(), inviteRec->handler());
    clock->advanceTo(100ms);
    QVERIFY(layer->cancel(invite.id(), cancelRec->handler()));
    QVERIFY(!layer->cancel(invite.id())); // once only
    clock->advanceTo(1600ms);
    QCOMPARE(channel->count("CANCEL"), 0); // §9.1: not before a provisional response
    QCOMPARE(channel->timesOf("INVITE"), (QList<qint64> { 0, 500, 1500 }));
    channel->inject(responseTo(sentInvite(), 100), udpPeer());
    QCOMPARE(channel->timesOf("CANCEL"), (QList<qint64> { 1600 }));
    QCOMPARE(inviteRec->summary(), (QStringList { "100" }));
    channel->inject(responseTo(channel->last("CANCEL"), 200), udpPeer());
    channel->inject(responseTo(sentInvite(), 487), udpPeer());
    QCOMPARE(cancelRec->summary(), (QStringList { "200" }));
    QCOMPARE(inviteRec->summary(), (QStringList { "100", "487" }));
}

void TestTransactionLayer::cancelBeforeProvisionalThenFinal()
{
    const auto invite = layer->sendRequest(request(spec()), udpPeer(), inviteRec->handler());
    QVERIFY(invite.cancel(cancelRec->handler()));
    clock->advanceTo(700ms);
    channel->inject(responseTo(sentInvite(), 200), udpPeer());
    // The INVITE ended (Accepted): the CANCEL is never sent; its handler hears Terminated.
    QCOMPARE(cancelRec->summary(), (QStringList { "Terminated" }));
    clock->runUntilIdle();
    QCOMPARE(channel->count("CANCEL"), 0);
    QCOMPARE(inviteRec->summary(), (QStringList { "200", "Terminated" }));
}

void TestTransactionLayer::cancelBeforeProvisionalThenTimeout()
{
    const auto invite = layer->sendRequest(request(spec()), udpPeer(), inviteRec->handler());
    QVERIFY(invite.cancel(cancelRec->handler()));
    clock->runUntilIdle();
    QCOMPARE(channel->count("CANCEL"), 0);
    QCOMPARE(inviteRec->summary(), (QStringList { "T/408", "Terminated" }));
    QCOMPARE(cancelRec->summary(), (QStringList { "Terminated" }));
}

void TestTransactionLayer::cancelRefused()
{
    QVERIFY(!layer->cancel(TransactionId(12345)));
    const auto options = layer->sendRequest(request(spec("OPTIONS")), udpPeer(), {});
    QVERIFY(!options.cancel()); // not an INVITE
    const auto invite = layer->sendRequest(request(spec().withBranch("z9hG4bKinv")), udpPeer(),
                                           inviteRec->handler());
    channel->inject(responseTo(sentInvite(), 486), udpPeer());
    bool called = false;
    QVERIFY(!invite.cancel([&](const ClientEvent &) { called = true; })); // Completed
    clock->runUntilIdle();
    QVERIFY(!called);
    QVERIFY(!invite.cancel()); // gone
    QVERIFY(!ClientTransactionHandle().cancel());
}

void TestTransactionLayer::cancelGuardGivesUp()
{
    const auto invite = layer->sendRequest(request(spec()), udpPeer(), inviteRec->handler());
    channel->inject(responseTo(sentInvite(), 180), udpPeer());
    clock->advanceTo(10000ms);
    QVERIFY(invite.cancel(cancelRec->handler()));
    channel->inject(responseTo(channel->last("CANCEL"), 200), udpPeer());
    // §9.1: no final response for the INVITE 64*T1 after the CANCEL: given up.
    clock->advanceTo(41999ms);
    QCOMPARE(inviteRec->summary(), (QStringList { "180" }));
    clock->advanceTo(42000ms);
    QCOMPARE(inviteRec->summary(), (QStringList { "180", "T/487", "Terminated" }));
}

void TestTransactionLayer::cancelRaceWith2xx()
{
    const auto invite = layer->sendRequest(request(spec()), udpPeer(), inviteRec->handler());
    channel->inject(responseTo(sentInvite(), 180), udpPeer());
    QVERIFY(invite.cancel(cancelRec->handler()));
    // The callee answered before the CANCEL got there: 200 for the CANCEL, 200 for the
    // INVITE. The TU sees the 2xx (and must ACK and BYE).
    channel->inject(responseTo(channel->last("CANCEL"), 200), udpPeer());
    channel->inject(responseTo(sentInvite(), 200), udpPeer());
    QCOMPARE(inviteRec->summary(), (QStringList { "180", "200" }));
    QCOMPARE(invite.state(), TransactionState::Accepted);
    clock->advanceTo(31999ms); // the cancel guard does not fire in Accepted
    QCOMPARE(inviteRec->summary(), (QStringList { "180", "200" }));
}

// ---- CANCEL, server side ----------------------------------------------------------------

void TestTransactionLayer::incomingCancelReportedToTu()
{
    const SipMessage invite = request(spec());
    channel->inject(invite, udpPeer());
    requests[0].respond(180);
    clock->advanceTo(3000ms);
    const SipMessage cancel = makeCancel(invite);
    channel->inject(cancel, udpPeer());
    // The layer answers the CANCEL (To tag of the INVITE's responses, §9.2) ...
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 3000 }));
    const SipMessage ok = channel->last("200");
    QCOMPARE(ok.cseq()->method(), "CANCEL");
    QCOMPARE(ok.to()->tag(), requests[0].localTag());
    // ... and hands the INVITE to the TU, which ends it with 487.
    QCOMPARE(cancels.size(), 1);
    QCOMPARE(cancels[0].id(), requests[0].id());
    QCOMPARE(requests.size(), 1); // the CANCEL is not a new request for the TU
    QVERIFY(cancels[0].respond(487));
    const SipMessage terminated = channel->last("487");
    QCOMPARE(terminated.cseq()->method(), "INVITE");
    QCOMPARE(terminated.to()->tag(), requests[0].localTag());
    // A retransmitted CANCEL gets the same 200 from the CANCEL's own transaction.
    clock->advanceTo(3500ms);
    channel->inject(cancel, udpPeer());
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 3000, 3500 }));
    QCOMPARE(cancels.size(), 1);
    // The ACK for the 487 is absorbed by the INVITE transaction.
    channel->inject(makeNon2xxAck(invite, terminated), udpPeer());
    QCOMPARE(requests[0].state(), TransactionState::Confirmed);
}

void TestTransactionLayer::incomingCancelWithoutHandlerSends487()
{
    layer->setCancelHandler({});
    const SipMessage invite = request(spec());
    channel->inject(invite, udpPeer());
    channel->inject(makeCancel(invite), udpPeer());
    QCOMPARE(channel->count("200"), 1);
    QCOMPARE(channel->count("487"), 1);
    QCOMPARE(requests[0].state(), TransactionState::Completed);
}

void TestTransactionLayer::incomingCancelAfterFinal()
{
    const SipMessage invite = request(spec());
    channel->inject(invite, udpPeer());
    requests[0].respond(200);
    channel->inject(makeCancel(invite), udpPeer());
    // §9.2: the CANCEL still gets 200, but has no effect on the answered INVITE.
    QCOMPARE(channel->count("200"), 2);
    QVERIFY(cancels.isEmpty());
    QCOMPARE(channel->count("487"), 0);
}

void TestTransactionLayer::incomingCancelUnmatchedGets481()
{
    const SipMessage cancel = request(spec("CANCEL"));
    channel->inject(cancel, udpPeer());
    QCOMPARE(channel->timesOf("481"), (QList<qint64> { 0 }));
    QCOMPARE(channel->last("481").cseq()->method(), "CANCEL");
    QVERIFY(cancels.isEmpty());
    QVERIFY(requests.isEmpty());
    clock->advanceTo(500ms);
    channel->inject(cancel, udpPeer()); // retransmission: the same 481
    QCOMPARE(channel->timesOf("481"), (QList<qint64> { 0, 500 }));
    QCOMPARE(channel->last("481").to()->tag(), channel->sent[0].message.to()->tag());
}

void TestTransactionLayer::incomingCancelOtherSentByGets481()
{
    channel->inject(request(spec()), udpPeer());
    // Same branch, another sent-by: another client's transaction (§17.2.3).
    channel->inject(request(spec("CANCEL").withSentBy("192.0.2.99:5060")), udpPeer());
    QCOMPARE(channel->count("481"), 1);
    QVERIFY(cancels.isEmpty());
}

// ---- Transport errors -------------------------------------------------------------------

void TestTransactionLayer::sendFailureIs503()
{
    channel->failSends = true;
    const auto options
            = layer->sendRequest(request(spec("OPTIONS")), udpPeer(), inviteRec->handler());
    QVERIFY(options);
    QVERIFY(inviteRec->events.empty()); // never from inside sendRequest()
    clock->advance(0ms);
    QCOMPARE(inviteRec->summary(), (QStringList { "E/503", "Terminated" }));
    const ClientEvent &e = inviteRec->events[0].event;
    QCOMPARE(e.response.reasonPhrase(), "Service Unavailable");
    QVERIFY(e.response.to()->tag().empty());
    QVERIFY(!e.error.isEmpty());
    QCOMPARE(channel->count("OPTIONS"), 1); // no retransmission after the failure
    clock->runUntilIdle();
    QCOMPARE(channel->count("OPTIONS"), 1);
}

void TestTransactionLayer::asyncErrorEndsAffectedClientTransactions()
{
    ClientRecorder other(*clock);
    ClientRecorder proceeding(*clock);
    const auto a = layer->sendRequest(request(spec().withTransport("TCP")), tcpPeer(),
                                      inviteRec->handler());
    const auto b = layer->sendRequest(request(spec("OPTIONS")), udpPeer(), other.handler());
    const auto c
            = layer->sendRequest(request(spec().withBranch("z9hG4bKring").withTransport("TCP")),
                                 tcpPeer(), proceeding.handler());
    channel->inject(responseTo(channel->last("INVITE"), 180), tcpPeer()); // c is Proceeding
    QCOMPARE(c.state(), TransactionState::Proceeding);
    clock->advanceTo(100ms);
    channel->failAsync(tcpPeer(), QStringLiteral("connection refused"));
    QCOMPARE(inviteRec->summary(), (QStringList { "E/503", "Terminated" }));
    QCOMPARE(inviteRec->events[0].event.error, QStringLiteral("connection refused"));
    QVERIFY(!a.isAlive());
    QVERIFY(other.events.empty()); // another destination
    QVERIFY(b.isAlive());
    QCOMPARE(proceeding.summary(), (QStringList { "180" })); // sends nothing in Proceeding
    QVERIFY(c.isAlive());
}

void TestTransactionLayer::retransmissionFailureIs503()
{
    layer->sendRequest(request(spec("OPTIONS")), udpPeer(), inviteRec->handler());
    clock->advanceTo(1000ms);
    channel->failSends = true;
    clock->advanceTo(1500ms); // the retransmission at 1500 fails
    QCOMPARE(inviteRec->summary(), (QStringList { "E/503", "Terminated" }));
    QCOMPARE(inviteRec->events[0].at, 1500ms);
}

void TestTransactionLayer::serverSendFailure()
{
    ServerRecorder events(*clock);
    channel->inject(request(spec("OPTIONS")), udpPeer());
    requests[0].setEventHandler(events.handler());
    channel->failSends = true;
    QVERIFY(!requests[0].respond(200));
    QVERIFY(events.events.isEmpty()); // never from inside respond()
    clock->advance(0ms);
    QCOMPARE(events.events, (QStringList { "TransportError", "Terminated" }));
    QVERIFY(!requests[0].isAlive());
}

void TestTransactionLayer::serverAsyncError()
{
    ServerRecorder events(*clock);
    channel->inject(request(spec().withTransport("TCP").withSentBy("192.0.2.10:40123")), tcpPeer());
    requests[0].setEventHandler(events.handler());
    requests[0].respond(486);
    channel->failAsync(tcpPeer(), QStringLiteral("connection reset"));
    QCOMPARE(events.events, (QStringList { "TransportError", "Terminated" }));
}

// ---- Matching ---------------------------------------------------------------------------

void TestTransactionLayer::serverBranchSentByMethod()
{
    channel->inject(request(spec()), udpPeer());
    channel->inject(request(spec()), udpPeer()); // retransmission
    QCOMPARE(requests.size(), 1);
    // Same branch, other sent-by: another transaction.
    channel->inject(request(spec().withSentBy("192.0.2.11:5060")), udpPeer2());
    QCOMPARE(requests.size(), 2);
    // Same branch and sent-by, other method: another transaction.
    channel->inject(request(spec("OPTIONS")), udpPeer());
    QCOMPARE(requests.size(), 3);
    // CANCEL with the INVITE's branch: its own transaction, not a retransmission.
    channel->inject(request(spec("CANCEL")), udpPeer());
    QCOMPARE(requests.size(), 3);
    QCOMPARE(cancels.size(), 1);
    QCOMPARE(cancels[0].id(), requests[0].id());
    QCOMPARE(layer->transactionCount(), 4);
    QCOMPARE(layer->transaction(requests[1].id())->peer(), udpPeer2());
}

void TestTransactionLayer::sentByDefaultPortAndCase()
{
    channel->inject(request(spec().withSentBy("Host.Example.COM")), udpPeer());
    channel->inject(request(spec().withSentBy("host.example.com:5060")), udpPeer());
    QCOMPARE(requests.size(), 1);
    channel->inject(request(spec().withSentBy("host.example.com:5070")), udpPeer());
    QCOMPARE(requests.size(), 2);
}

void TestTransactionLayer::clientCancelAndInviteShareBranch()
{
    const auto invite = layer->sendRequest(request(spec()), udpPeer(), inviteRec->handler());
    channel->inject(responseTo(sentInvite(), 183), udpPeer());
    invite.cancel(cancelRec->handler());
    const SipMessage cancel = channel->last("CANCEL");
    QCOMPARE(cancel.vias()[0].branch(), sentInvite().vias()[0].branch());
    // A 487 goes to the INVITE, a 200 (CSeq CANCEL) to the CANCEL, by CSeq method.
    channel->inject(responseTo(sentInvite(), 487), udpPeer());
    channel->inject(responseTo(cancel, 200), udpPeer());
    QCOMPARE(inviteRec->summary(), (QStringList { "183", "487" }));
    QCOMPARE(cancelRec->summary(), (QStringList { "200" }));
}

void TestTransactionLayer::rfc2543Fallback()
{
    // No magic cookie: matched by Request-URI, From tag, Call-ID, CSeq and top Via.
    RequestSpec old = spec().withBranch("1");
    const SipMessage invite = request(old);
    channel->inject(invite, udpPeer());
    channel->inject(invite, udpPeer());
    QCOMPARE(requests.size(), 1);
    QCOMPARE(channel->count("100"), 1); // the retransmission got a 100 Trying
    requests[0].respond(486);
    channel->inject(makeNon2xxAck(invite, channel->last("486")), udpPeer());
    QCOMPARE(requests[0].state(), TransactionState::Confirmed);
    // Another CSeq: a new transaction.
    channel->inject(request(spec().withBranch("1").withCseq(2)), udpPeer());
    QCOMPARE(requests.size(), 2);
    // A CANCEL for it finds it (§9.2 with the 2543 rules).
    channel->inject(request(spec("CANCEL").withBranch("1").withCseq(2)), udpPeer());
    QCOMPARE(cancels.size(), 1);
    QCOMPARE(cancels[0].id(), requests[1].id());
    // No branch at all behaves the same.
    SipMessage noBranch = request(spec().withCallId("nobranch@x"));
    noBranch.setHeader("Via", "SIP/2.0/UDP 192.0.2.10:5060");
    channel->inject(noBranch, udpPeer());
    channel->inject(noBranch, udpPeer());
    QCOMPARE(requests.size(), 3);
}

void TestTransactionLayer::nothingAfterShutdown()
{
    layer->sendRequest(request(spec()), udpPeer(), inviteRec->handler());
    channel->inject(request(spec("OPTIONS").withBranch("z9hG4bKin")), udpPeer());
    QCOMPARE(clock->pendingTimerCount() > 0, true);
    layer.reset();
    QCOMPARE(clock->pendingTimerCount(), 0);
    // The channel no longer delivers to the layer.
    channel->inject(request(spec("OPTIONS").withBranch("z9hG4bKin2")), udpPeer());
    QCOMPARE(requests.size(), 1);
    clock->runUntilIdle();
    QVERIFY(inviteRec->events.empty());
}

void TestTransactionLayer::destroyedFromClientCallback()
{
    // Timer path: the TU tears the stack down on a 408.
    ClientRecorder other(*clock);
    QStringList seen;
    layer->sendRequest(request(spec("OPTIONS")), udpPeer(), [&](const ClientEvent &e) {
        seen << ClientRecorder::describe(e);
        if (e.type == ClientEvent::Type::Timeout)
            layer.reset();
    });
    layer->sendRequest(request(spec("OPTIONS").withBranch("z9hG4bKsecond")), udpPeer2(),
                       other.handler());
    clock->runUntilIdle();
    QVERIFY(!layer);
    QCOMPARE(seen, (QStringList { "T/408", "Terminated" }));
    QVERIFY(other.events.empty()); // abandoned, silently
    QCOMPARE(clock->pendingTimerCount(), 0);

    // Receive path: on a final response.
    init();
    seen.clear();
    layer->sendRequest(request(spec("OPTIONS")), udpPeer(), [&](const ClientEvent &e) {
        seen << ClientRecorder::describe(e);
        if (e.type == ClientEvent::Type::Response)
            layer.reset();
    });
    channel->inject(responseTo(channel->last("OPTIONS"), 200), udpPeer());
    QVERIFY(!layer);
    QCOMPARE(seen, (QStringList { "200" }));
    channel->inject(responseTo(channel->last("OPTIONS"), 200), udpPeer()); // nobody listens
    clock->runUntilIdle();
    QCOMPARE(seen, (QStringList { "200" }));

    // Async transport error path: both transactions are hit; whichever is told first
    // tears the layer down, and the other is abandoned without a word.
    init();
    seen.clear();
    const ClientHandler tearDown = [&](const ClientEvent &e) {
        seen << ClientRecorder::describe(e);
        layer.reset();
    };
    layer->sendRequest(request(spec()), udpPeer(), tearDown);
    layer->sendRequest(request(spec().withBranch("z9hG4bKb")), udpPeer(), tearDown);
    channel->failAsync(udpPeer(), QStringLiteral("unreachable"));
    QVERIFY(!layer);
    QCOMPARE(seen, (QStringList { "E/503", "Terminated" }));
    QCOMPARE(clock->pendingTimerCount(), 0);
}

void TestTransactionLayer::destroyedFromServerCallbacks()
{
    layer->setRequestHandler([&](const ServerTransactionHandle &t, const IncomingMessage &) {
        t.respond(200);
        layer.reset();
        QVERIFY(!t.respond(200));
    });
    channel->inject(request(spec("OPTIONS")), udpPeer());
    QVERIFY(!layer);
    QCOMPARE(channel->count("200"), 1);
    QCOMPARE(clock->pendingTimerCount(), 0);

    init();
    channel->inject(request(spec()), udpPeer());
    layer->setCancelHandler([&](const ServerTransactionHandle &invite, const IncomingMessage &) {
        layer.reset();
        QVERIFY(!invite.respond(487));
    });
    channel->inject(request(spec("CANCEL")), udpPeer());
    QVERIFY(!layer);
    QCOMPARE(channel->count("487"), 0);

    init();
    ServerRecorder events(*clock);
    channel->inject(request(spec()), udpPeer());
    requests[0].setEventHandler([&](const ServerEvent &e) {
        if (e.type == ServerEvent::Type::AckTimeout)
            layer.reset();
        events.handler()(e);
    });
    requests[0].respond(486);
    clock->runUntilIdle();
    QVERIFY(!layer);
    QCOMPARE(events.events, (QStringList { "AckTimeout", "Terminated" }));
}

void TestTransactionLayer::tuMayReenterFromCallbacks()
{
    // A TU that, on every final response, starts the next request from inside the
    // callback (as registration refreshes and auth retries do).
    int finals = 0;
    std::function<void()> next;
    ClientHandler handler = [&](const ClientEvent &e) {
        if (e.type == ClientEvent::Type::Response && e.isFinal() && ++finals < 3)
            next();
    };
    next = [&] {
        SipMessage r = request(spec("REGISTER"));
        r.removeHeader("Via");
        r.setHeader("CSeq", std::to_string(finals + 1) + " REGISTER");
        QVERIFY(layer->sendRequest(r, udpPeer(), handler));
    };
    next();
    for (int i = 0; i < 3; ++i)
        channel->inject(responseTo(channel->last("REGISTER"), 401), udpPeer());
    QCOMPARE(finals, 3);
    QCOMPARE(channel->count("REGISTER"), 3);
    // Server side: answering, and even starting a client transaction, from the handler.
    layer->setRequestHandler([&](const ServerTransactionHandle &t, const IncomingMessage &) {
        t.respond(200);
        layer->sendRequest(request(spec("NOTIFY").withBranch("z9hG4bKnotify")), udpPeer(), {});
    });
    channel->inject(request(spec("SUBSCRIBE").withBranch("z9hG4bKsub")), udpPeer());
    QCOMPARE(channel->count("NOTIFY"), 1);
    QCOMPARE(channel->count("200"), 1);
}

// ---- Stateless helpers ------------------------------------------------------------------

void TestTransactionLayer::makeResponseCopiesHeaders()
{
    const std::string text = "INVITE sip:bob@example.com SIP/2.0\r\n"
                             "v: SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp1, "
                             "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKc1;received=192.0.2.10\r\n"
                             "Via: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bKc0\r\n"
                             "Max-Forwards: 69\r\n"
                             "f: Alice <sip:alice@example.com>;tag=a1\r\n"
                             "t: Bob <sip:bob@example.com>\r\n"
                             "i: abc@def\r\n"
                             "CSeq: 7 INVITE\r\n"
                             "Timestamp: 12.5 0.3\r\n"
                             "Contact: <sip:alice@192.0.2.10>\r\n"
                             "Subject: lunch\r\n"
                             "Content-Length: 0\r\n\r\n";
    const SipMessage invite = SipMessage::parse(text);
    QVERIFY(!invite.isNull());
    const SipMessage trying = SipMessage::parse(makeResponse(invite, 100).toString());
    QVERIFY(!trying.isNull());
    QCOMPARE(trying.statusCode(), 100);
    QCOMPARE(trying.reasonPhrase(), "Trying");
    QCOMPARE(trying.vias().size(), size_t(3));
    QCOMPARE(trying.vias()[0].branch(), "z9hG4bKp1");
    QCOMPARE(trying.vias()[1].received(), "192.0.2.10");
    QCOMPARE(trying.vias()[2].branch(), "z9hG4bKc0");
    QCOMPARE(trying.from()->tag(), "a1");
    QVERIFY(trying.to()->tag().empty());
    QCOMPARE(trying.callId(), "abc@def");
    QCOMPARE(trying.cseq()->number(), 7u);
    QCOMPARE(trying.cseq()->method(), "INVITE");
    QCOMPARE(trying.header("Timestamp"), "12.5 0.3");
    QCOMPARE(trying.headerCount("Contact"), 0);
    QCOMPARE(trying.headerCount("Subject"), 0);
    QCOMPARE(trying.headerCount("Max-Forwards"), 0);
    QCOMPARE(trying.contentLength(), 0);

    const SipMessage ringing = SipMessage::parse(makeResponse(invite, 180, {}, "b7").toString());
    QCOMPARE(ringing.to()->tag(), "b7");
    QCOMPARE(ringing.to()->displayNameText(), "Bob");
    QCOMPARE(ringing.headerCount("Timestamp"), 0); // only the 100 copies it
    const SipMessage busy = SipMessage::parse(makeResponse(invite, 486, "Not Now").toString());
    QCOMPARE(busy.reasonPhrase(), "Not Now");
    QVERIFY(busy.to()->tag().size() >= 8); // a fresh tag
    const SipMessage synthetic = SipMessage::parse(makeSyntheticResponse(invite, 408).toString());
    QVERIFY(synthetic.to()->tag().empty());
    QCOMPARE(synthetic.reasonPhrase(), "Request Timeout");
    QVERIFY(makeResponse(busy, 200).isNull()); // not a request

    // A To tag already there is kept, never doubled.
    const SipMessage inDialog = request(spec("BYE").withToTag("x1"));
    const SipMessage ok = makeResponse(inDialog, 200, {}, "ignored");
    QCOMPARE(ok.to()->tag(), "x1");
    QCOMPARE(defaultReasonPhrase(481), "Call/Transaction Does Not Exist");
    QCOMPARE(defaultReasonPhrase(299), "");
}

void TestTransactionLayer::makeResponseRecordRoute()
{
    const std::string rr = "Record-Route: <sip:p1.example.com;lr>\r\n"
                           "Record-Route: <sip:p2.example.com;lr>\r\n";
    const SipMessage invite = request(spec().withExtra(rr));
    QCOMPARE(makeResponse(invite, 200).recordRoutes().size(), size_t(2));
    QCOMPARE(makeResponse(invite, 180).recordRoutes().size(), size_t(2));
    QCOMPARE(makeResponse(invite, 100).recordRoutes().size(), size_t(0));
    QCOMPARE(makeResponse(invite, 486).recordRoutes().size(), size_t(0));
    QCOMPARE(makeResponse(request(spec("OPTIONS").withExtra(rr)), 200).recordRoutes().size(),
             size_t(0));
    QCOMPARE(makeResponse(request(spec("SUBSCRIBE").withExtra(rr)), 200).recordRoutes().size(),
             size_t(2));
    // Inside a dialog the route set is fixed: not copied.
    QCOMPARE(makeResponse(request(spec().withToTag("t").withExtra(rr)), 200).recordRoutes().size(),
             size_t(0));
}

void TestTransactionLayer::makeNon2xxAckTakesTopViaOnly()
{
    const std::string text = "INVITE sip:bob@example.com SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKtop;rport, "
                             "SIP/2.0/UDP 192.0.2.30;branch=z9hG4bKbelow\r\n"
                             "Max-Forwards: 70\r\n"
                             "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
                             "From: <sip:alice@example.com>;tag=a1\r\n"
                             "To: <sip:bob@example.com>\r\n"
                             "Call-ID: abc@def\r\n"
                             "CSeq: 3 INVITE\r\n"
                             "Content-Type: application/sdp\r\n"
                             "Content-Length: 3\r\n\r\nv=0";
    const SipMessage invite = SipMessage::parse(text);
    QVERIFY(!invite.isNull());
    const SipMessage response = makeResponse(invite, 404, {}, "nf");
    const SipMessage ack = SipMessage::parse(makeNon2xxAck(invite, response).toString());
    QVERIFY(!ack.isNull());
    QCOMPARE(ack.method(), "ACK");
    QCOMPARE(ack.requestUri().text(), "sip:bob@example.com");
    QCOMPARE(ack.vias().size(), size_t(1));
    QCOMPARE(ack.vias()[0].branch(), "z9hG4bKtop");
    QCOMPARE(ack.vias()[0].host(), "192.0.2.10");
    QCOMPARE(ack.vias()[0].port(), 5060);
    QVERIFY(ack.vias()[0].hasRport());
    QCOMPARE(ack.routes().size(), size_t(2));
    QCOMPARE(ack.to()->tag(), "nf");
    QCOMPARE(ack.cseq()->number(), 3u);
    QCOMPARE(ack.cseq()->method(), "ACK");
    QVERIFY(ack.body().empty());
    QVERIFY(!ack.contentType());
}

void TestTransactionLayer::makeCancelBuild()
{
    const SipMessage invite = request(spec().withCseq(42));
    const SipMessage cancel = SipMessage::parse(makeCancel(invite).toString());
    QVERIFY(!cancel.isNull());
    QCOMPARE(cancel.method(), "CANCEL");
    QCOMPARE(cancel.cseq()->number(), 42u);
    QCOMPARE(cancel.headerCount("Reason"), 0);
    QCOMPARE(cancel.maxForwards(), 70);
    // And a CANCEL's server-side key finds the INVITE's.
    QCOMPARE(TransactionKey::forRequest(cancel, "INVITE"), TransactionKey::forRequest(invite));
    QVERIFY(TransactionKey::forRequest(cancel) != TransactionKey::forRequest(invite));
}

void TestTransactionLayer::branchesAndTags()
{
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string b = TransactionLayer::newBranch();
        QVERIFY(b.rfind("z9hG4bK", 0) == 0);
        QCOMPARE(b.size(), size_t(7 + 24)); // 96 random bits
        QVERIFY(seen.insert(b).second);
    }
    const std::string tag = TransactionLayer::newTag();
    QCOMPARE(tag.size(), size_t(16));
    QVERIFY(tag != TransactionLayer::newTag());
    SipMessage r = SipMessage::createRequest("OPTIONS", "sip:x@example.com");
    QVERIFY(addTopVia(r, TransportType::Tls));
    QCOMPARE(r.vias().size(), size_t(1));
    QCOMPARE(r.vias()[0].transport(), "TLS");
    QVERIFY(r.vias()[0].hasRfc3261Branch());
}

void TestTransactionLayer::transactionKeys()
{
    const SipMessage invite = request(spec());
    const SipMessage ack = request(spec("ACK"));
    QCOMPARE(TransactionKey::forRequest(ack), TransactionKey::forRequest(invite));
    QVERIFY(TransactionKey::forRequest(request(spec("OPTIONS")))
            != TransactionKey::forRequest(invite));
    const SipMessage ok = responseTo(invite, 200);
    QCOMPARE(TransactionKey::forResponse(ok), TransactionKey::client("z9hG4bKclient1", "INVITE"));
    QCOMPARE(TransactionKey::forDialogAck(ok), "call-1@example.com|alice-tag|bob-tag|1");
    QVERIFY(TransactionKey::forDialogAck(invite).empty()); // no To tag
    QVERIFY(TransactionKey::forRequest(SipMessage()).empty());
}

QTEST_GUILESS_MAIN(TestTransactionLayer)
#include "tst_transaction_layer.moc"
