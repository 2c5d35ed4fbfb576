// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Client transactions (RFC 3261 §17.1, RFC 6026 §8.4) through TransactionLayer, in
// virtual time against a fake channel.
#include "tst_transaction_util.h"

#include "sip/transaction/Transaction.h"

using namespace Sip;
using namespace TransactionTest;

class TestTransactionClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // INVITE client
    void inviteTimerASchedule();
    void inviteTimerBTimeout();
    void inviteProvisionalStopsRetransmission();
    void inviteNon2xxIsAcked();
    void inviteNon2xxRetransmissionReAckedAndTimerD();
    void inviteNon2xxAfterProvisional();
    void inviteReliableNoRetransmission();
    void inviteReliableTimerDZero();
    void inviteMovedToTcpBehavesAsReliable();
    void invite2xxAcceptedForking();
    void invite2xxAfterProvisionalTimerM();
    void inviteAcceptedIgnoresNon2xx();

    // non-INVITE client
    void nonInviteTimerESchedule();
    void nonInviteProvisionalSwitchesToT2();
    void nonInviteFinalTimerK();
    void nonInviteReliable();
    void nonInviteMovedToTcpBehavesAsReliable();
    void requestReleasedAfterFinal();
    void nonInviteCustomTimers();

    // TU interface
    void handlerNeverCalledFromSendRequest();
    void requestValidation();
    void viaAddedWhenMissing();
    void responsesMatchBranchAndMethod();
    void emptyHandlerIsFine();
    void strayResponses();

private:
    void makeLayer(const TimerSettings &timers = {});
    SipMessage sentInvite() const;

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::unique_ptr<ClientRecorder> rec;
};

void TestTransactionClient::makeLayer(const TimerSettings &timers)
{
    layer.reset();
    layer = std::make_unique<TransactionLayer>(*channel, *clock, timers);
}

void TestTransactionClient::init()
{
    // The layer must go before the clock and channel it uses (init() also runs mid-test).
    layer.reset();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    rec = std::make_unique<ClientRecorder>(*clock);
    makeLayer();
}

void TestTransactionClient::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    layer.reset();
    rec.reset();
    channel.reset();
    clock.reset();
}

SipMessage TestTransactionClient::sentInvite() const
{
    return channel->last("INVITE");
}

// ---- INVITE client ----------------------------------------------------------------------

void TestTransactionClient::inviteTimerASchedule()
{
    const auto h = layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    QVERIFY(h);
    QCOMPARE(h.state(), TransactionState::Calling);
    clock->advanceTo(31999ms);
    // §17.1.1.2: T1, then doubling without a cap.
    QCOMPARE(channel->timesOf("INVITE"),
             (QList<qint64> { 0, 500, 1500, 3500, 7500, 15500, 31500 }));
    for (const auto &s : channel->sent) {
        QCOMPARE(s.destination, udpPeer());
        QVERIFY(s.message == channel->sent.front().message); // identical retransmissions
    }
    QVERIFY(rec->events.empty());
    QCOMPARE(h.state(), TransactionState::Calling);
}

void TestTransactionClient::inviteTimerBTimeout()
{
    const auto h = layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    clock->advanceTo(31999ms);
    QVERIFY(rec->events.empty());
    clock->advanceTo(32000ms);
    QCOMPARE(rec->summary(), (QStringList { "T/408", "Terminated" }));
    QCOMPARE(rec->events[0].at, 32000ms);
    const SipMessage &r = rec->events[0].event.response;
    QCOMPARE(r.reasonPhrase(), "Request Timeout");
    QCOMPARE(r.callId(), "call-1@example.com");
    QCOMPARE(r.cseq()->method(), "INVITE");
    QVERIFY(r.to()->tag().empty()); // synthetic: no dialog
    QVERIFY(rec->events[0].event.isSynthetic());
    QCOMPARE(rec->events[0].event.transaction, h.id());
    QVERIFY(!h.isAlive());
    QCOMPARE(layer->transactionCount(), 0);
    clock->runUntilIdle();
    QCOMPARE(channel->count("INVITE"), 7);
    QCOMPARE(rec->events.size(), size_t(2));
}

void TestTransactionClient::inviteProvisionalStopsRetransmission()
{
    const auto h = layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    clock->advanceTo(700ms);
    channel->inject(responseTo(sentInvite(), 100), udpPeer());
    QCOMPARE(h.state(), TransactionState::Proceeding);
    clock->advanceTo(1000ms);
    channel->inject(responseTo(sentInvite(), 180), udpPeer());
    clock->advanceTo(300000ms);
    QCOMPARE(channel->timesOf("INVITE"), (QList<qint64> { 0, 500 }));
    QCOMPARE(rec->summary(), (QStringList { "100", "180" }));
    // No Timer B in Proceeding: the TU decides how long it rings.
    QCOMPARE(h.state(), TransactionState::Proceeding);
    QCOMPARE(clock->pendingTimerCount(), 0);
}

void TestTransactionClient::inviteNon2xxIsAcked()
{
    RequestSpec spec;
    spec.extra = "Route: <sip:proxy1.example.com;lr>\r\nRoute: <sip:proxy2.example.com;lr>\r\n"
                 "Subject: hello\r\n";
    layer->sendRequest(request(spec), udpPeer(), rec->handler());
    clock->advanceTo(100ms);
    channel->inject(responseTo(sentInvite(), 486, "busy-tag"), udpPeer());
    QCOMPARE(rec->summary(), (QStringList { "486" }));
    QCOMPARE(channel->timesOf("ACK"), (QList<qint64> { 100 }));
    const auto ackSent = channel->lastSent("ACK");
    QCOMPARE(ackSent.destination, udpPeer());
    const SipMessage ack = ackSent.message;
    const SipMessage invite = sentInvite();
    // §17.1.1.3
    QCOMPARE(ack.requestUri().text(), invite.requestUri().text());
    QCOMPARE(ack.callId(), invite.callId());
    QCOMPARE(ack.header("From"), invite.header("From"));
    QCOMPARE(ack.cseq()->number(), 1u);
    QCOMPARE(ack.cseq()->method(), "ACK");
    QCOMPARE(ack.vias().size(), size_t(1));
    QCOMPARE(ack.vias()[0].branch(), invite.vias()[0].branch());
    QCOMPARE(ack.to()->tag(), "busy-tag");
    QCOMPARE(ack.routes().size(), size_t(2));
    QCOMPARE(ack.routes()[0].uri().host(), "proxy1.example.com");
    QCOMPARE(ack.routes()[1].uri().host(), "proxy2.example.com");
    QCOMPARE(ack.maxForwards(), 70);
    QCOMPARE(ack.contentLength(), 0);
    QCOMPARE(ack.headerCount("Subject"), 0);
    // No more INVITE retransmissions.
    clock->advanceTo(20000ms);
    QCOMPARE(channel->timesOf("INVITE"), (QList<qint64> { 0 }));
}

void TestTransactionClient::inviteNon2xxRetransmissionReAckedAndTimerD()
{
    const auto h = layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    clock->advanceTo(100ms);
    const SipMessage busy = responseTo(sentInvite(), 486);
    channel->inject(busy, udpPeer());
    QCOMPARE(h.state(), TransactionState::Completed);
    clock->advanceTo(2000ms);
    channel->inject(busy, udpPeer());
    clock->advanceTo(6000ms);
    channel->inject(busy, udpPeer());
    // Re-ACKed, never passed up again.
    QCOMPARE(channel->timesOf("ACK"), (QList<qint64> { 100, 2000, 6000 }));
    QCOMPARE(rec->summary(), (QStringList { "486" }));
    // Timer D: 32 s after entering Completed.
    clock->advanceTo(32099ms);
    QCOMPARE(h.state(), TransactionState::Completed);
    clock->advanceTo(32100ms);
    QCOMPARE(rec->summary(), (QStringList { "486", "Terminated" }));
    QCOMPARE(rec->events.back().at, 32100ms);
    QCOMPARE(layer->transactionCount(), 0);
    // Afterwards a retransmission matches nothing: no ACK.
    channel->inject(busy, udpPeer());
    QCOMPARE(channel->count("ACK"), 3);
}

void TestTransactionClient::inviteNon2xxAfterProvisional()
{
    layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    clock->advanceTo(200ms);
    channel->inject(responseTo(sentInvite(), 180), udpPeer());
    clock->advanceTo(5000ms);
    channel->inject(responseTo(sentInvite(), 603), udpPeer());
    QCOMPARE(rec->summary(), (QStringList { "180", "603" }));
    QCOMPARE(channel->timesOf("ACK"), (QList<qint64> { 5000 }));
    clock->advanceTo(37000ms);
    QCOMPARE(rec->summary(), (QStringList { "180", "603", "Terminated" }));
    QCOMPARE(rec->events.back().at, 37000ms);
}

void TestTransactionClient::inviteReliableNoRetransmission()
{
    layer->sendRequest(request(spec().withTransport("TCP")), tcpPeer(), rec->handler());
    clock->advanceTo(31999ms);
    QCOMPARE(channel->timesOf("INVITE"), (QList<qint64> { 0 }));
    QVERIFY(rec->events.empty());
    clock->advanceTo(32000ms); // Timer B runs on every transport
    QCOMPARE(rec->summary(), (QStringList { "T/408", "Terminated" }));
}

void TestTransactionClient::inviteReliableTimerDZero()
{
    const auto h
            = layer->sendRequest(request(spec().withTransport("TCP")), tcpPeer(), rec->handler());
    clock->advanceTo(300ms);
    channel->inject(responseTo(sentInvite(), 404), tcpPeer());
    QCOMPARE(channel->timesOf("ACK"), (QList<qint64> { 300 }));
    QCOMPARE(rec->summary(), (QStringList { "404" }));
    // Timer D = 0: terminated from the clock at the same instant.
    QCOMPARE(h.state(), TransactionState::Completed);
    clock->advance(0ms);
    QCOMPARE(rec->summary(), (QStringList { "404", "Terminated" }));
    QCOMPARE(rec->events.back().at, 300ms);
}

// RFC 3261 §18.1.1: the transport sent a large request for a UDP destination over TCP,
// so the transaction runs as over TCP (§17.1.1.2: no Timer A, Timer D = 0).
void TestTransactionClient::inviteMovedToTcpBehavesAsReliable()
{
    channel->movedToTcpAbove = 100;
    const auto h = layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    QVERIFY(channel->sent.front().message.toString().size() > 100);
    clock->advanceTo(20000ms);
    QCOMPARE(channel->timesOf("INVITE"), (QList<qint64> { 0 }));
    channel->inject(responseTo(sentInvite(), 486), udpPeer());
    QCOMPARE(channel->timesOf("ACK"), (QList<qint64> { 20000 }));
    clock->advance(0ms);
    QCOMPARE(rec->summary(), (QStringList { "486", "Terminated" }));
    QVERIFY(!h.isAlive());

    // Under the limit it stays UDP: Timer A retransmits.
    channel->movedToTcpAbove = 100000;
    layer->sendRequest(request(spec().withBranch("z9hG4bKsmall")), udpPeer(), rec->handler());
    clock->advance(1500ms);
    QCOMPARE(channel->timesOf("INVITE"), (QList<qint64> { 0, 20000, 20500, 21500 }));
}

void TestTransactionClient::invite2xxAcceptedForking()
{
    const auto h = layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    clock->advanceTo(1000ms);
    const SipMessage okA = responseTo(sentInvite(), 200, "fork-a");
    const SipMessage okB = responseTo(sentInvite(), 200, "fork-b");
    channel->inject(okA, udpPeer());
    QCOMPARE(h.state(), TransactionState::Accepted);
    clock->advanceTo(1200ms);
    channel->inject(okB, udpPeer());
    clock->advanceTo(1500ms);
    channel->inject(okA, udpPeer()); // a retransmission: the TU re-ACKs it
    QCOMPARE(rec->summary(), (QStringList { "200", "200", "200" }));
    QCOMPARE(rec->events[0].event.response.to()->tag(), "fork-a");
    QCOMPARE(rec->events[1].event.response.to()->tag(), "fork-b");
    QCOMPARE(rec->events[2].event.response.to()->tag(), "fork-a");
    // The transaction never ACKs a 2xx, and INVITE retransmissions stopped.
    QCOMPARE(channel->count("ACK"), 0);
    QCOMPARE(channel->timesOf("INVITE"), (QList<qint64> { 0, 500 }));
    // Timer M = 64*T1 after the first 2xx.
    clock->advanceTo(32999ms);
    QCOMPARE(h.state(), TransactionState::Accepted);
    channel->inject(responseTo(sentInvite(), 200, "fork-c"), udpPeer());
    clock->advanceTo(33000ms);
    QCOMPARE(rec->summary(), (QStringList { "200", "200", "200", "200", "Terminated" }));
    QCOMPARE(rec->events.back().at, 33000ms);
}

void TestTransactionClient::invite2xxAfterProvisionalTimerM()
{
    TimerSettings timers;
    timers.t1 = 100ms; // Timer M = 6.4 s
    makeLayer(timers);
    const auto h
            = layer->sendRequest(request(spec().withTransport("TCP")), tcpPeer(), rec->handler());
    clock->advanceTo(50ms);
    channel->inject(responseTo(sentInvite(), 183), tcpPeer());
    clock->advanceTo(2000ms);
    channel->inject(responseTo(sentInvite(), 200), tcpPeer());
    // Over a reliable transport too, Accepted lasts Timer M (RFC 6026 §8.4).
    clock->advanceTo(8399ms);
    QCOMPARE(h.state(), TransactionState::Accepted);
    clock->advanceTo(8400ms);
    QCOMPARE(rec->summary(), (QStringList { "183", "200", "Terminated" }));
}

void TestTransactionClient::inviteAcceptedIgnoresNon2xx()
{
    const auto h = layer->sendRequest(request(spec()), udpPeer(), rec->handler());
    channel->inject(responseTo(sentInvite(), 200, "a"), udpPeer());
    channel->inject(responseTo(sentInvite(), 180, "b"), udpPeer());
    channel->inject(responseTo(sentInvite(), 486, "c"), udpPeer());
    QCOMPARE(rec->summary(), (QStringList { "200" }));
    QCOMPARE(channel->count("ACK"), 0);
    QCOMPARE(h.state(), TransactionState::Accepted);
}

// ---- non-INVITE client ------------------------------------------------------------------

void TestTransactionClient::nonInviteTimerESchedule()
{
    const auto h = layer->sendRequest(request(spec("OPTIONS")), udpPeer(), rec->handler());
    QCOMPARE(h.state(), TransactionState::Trying);
    clock->advanceTo(31999ms);
    // §17.1.2.2: intervals 500, 1000, 2000, 4000, 4000, ...
    QCOMPARE(
            channel->timesOf("OPTIONS"),
            (QList<qint64> { 0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 }));
    QVERIFY(rec->events.empty());
    clock->advanceTo(32000ms); // Timer F
    QCOMPARE(rec->summary(), (QStringList { "T/408", "Terminated" }));
    QCOMPARE(rec->events[0].event.response.cseq()->method(), "OPTIONS");
    clock->runUntilIdle();
    QCOMPARE(channel->count("OPTIONS"), 11);
}

void TestTransactionClient::nonInviteProvisionalSwitchesToT2()
{
    const auto h = layer->sendRequest(request(spec("REGISTER")), udpPeer(), rec->handler());
    clock->advanceTo(1600ms); // sends at 0, 500, 1500; Timer E next due at 3500
    channel->inject(responseTo(channel->last("REGISTER"), 100), udpPeer());
    QCOMPARE(h.state(), TransactionState::Proceeding);
    clock->advanceTo(31999ms);
    // The running Timer E fires as scheduled; from then on every T2 (§17.1.2.2).
    QCOMPARE(
            channel->timesOf("REGISTER"),
            (QList<qint64> { 0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 }));

    // Switch earlier: provisional before the first retransmission.
    init();
    layer->sendRequest(request(spec("REGISTER")), udpPeer(), rec->handler());
    clock->advanceTo(200ms);
    channel->inject(responseTo(channel->last("REGISTER"), 100), udpPeer());
    clock->advanceTo(31999ms);
    QCOMPARE(channel->timesOf("REGISTER"),
             (QList<qint64> { 0, 500, 4500, 8500, 12500, 16500, 20500, 24500, 28500 }));
    clock->advanceTo(32000ms); // Timer F also runs in Proceeding
    QCOMPARE(rec->summary(), (QStringList { "100", "T/408", "Terminated" }));
}

void TestTransactionClient::nonInviteFinalTimerK()
{
    const auto h = layer->sendRequest(request(spec("BYE").withToTag("bob-tag")), udpPeer(),
                                      rec->handler());
    clock->advanceTo(1000ms);
    const SipMessage ok = responseTo(channel->last("BYE"), 200);
    channel->inject(ok, udpPeer());
    QCOMPARE(h.state(), TransactionState::Completed);
    QCOMPARE(rec->summary(), (QStringList { "200" }));
    clock->advanceTo(3000ms);
    channel->inject(ok, udpPeer()); // absorbed
    QCOMPARE(rec->summary(), (QStringList { "200" }));
    QCOMPARE(channel->timesOf("BYE"), (QList<qint64> { 0, 500 }));
    // Timer K = T4 = 5 s.
    clock->advanceTo(5999ms);
    QCOMPARE(h.state(), TransactionState::Completed);
    clock->advanceTo(6000ms);
    QCOMPARE(rec->summary(), (QStringList { "200", "Terminated" }));
    QCOMPARE(rec->events.back().at, 6000ms);
}

void TestTransactionClient::nonInviteReliable()
{
    const auto h = layer->sendRequest(request(spec("MESSAGE").withTransport("TCP")), tcpPeer(),
                                      rec->handler());
    clock->advanceTo(20000ms);
    QCOMPARE(channel->timesOf("MESSAGE"), (QList<qint64> { 0 }));
    channel->inject(responseTo(channel->last("MESSAGE"), 202), tcpPeer());
    QCOMPARE(rec->summary(), (QStringList { "202" }));
    clock->advance(0ms); // Timer K = 0
    QCOMPARE(rec->summary(), (QStringList { "202", "Terminated" }));
    QVERIFY(!h.isAlive());

    // Timer F also applies over TCP.
    layer->sendRequest(request(spec("MESSAGE").withBranch("z9hG4bKother").withTransport("TCP")),
                       tcpPeer(), rec->handler());
    clock->advance(31999ms);
    QCOMPARE(rec->summary().size(), 2);
    clock->advance(1ms);
    QCOMPARE(rec->summary(), (QStringList { "202", "Terminated", "T/408", "Terminated" }));
}

void TestTransactionClient::nonInviteMovedToTcpBehavesAsReliable()
{
    channel->movedToTcpAbove = 100;
    const auto h = layer->sendRequest(request(spec("MESSAGE")), udpPeer(), rec->handler());
    QVERIFY(channel->sent.front().message.toString().size() > 100);
    clock->advanceTo(20000ms);
    // No Timer E.
    QCOMPARE(channel->timesOf("MESSAGE"), (QList<qint64> { 0 }));
    channel->inject(responseTo(channel->last("MESSAGE"), 200), udpPeer());
    QCOMPARE(rec->summary(), (QStringList { "200" }));
    clock->advance(0ms); // Timer K = 0
    QCOMPARE(rec->summary(), (QStringList { "200", "Terminated" }));
    QVERIFY(!h.isAlive());
    QCOMPARE(layer->transactionCount(), 0);
}

// Completed (Timer K/D) and Accepted (Timer M) only absorb responses: the request goes.
void TestTransactionClient::requestReleasedAfterFinal()
{
    const auto message = layer->sendRequest(request(spec("MESSAGE")), udpPeer(), rec->handler());
    const auto messageTx = layer->transaction(message.id());
    QVERIFY(!messageTx->request().isNull());
    channel->inject(responseTo(channel->last("MESSAGE"), 200), udpPeer());
    QCOMPARE(messageTx->state(), TransactionState::Completed);
    QVERIFY(messageTx->request().isNull());

    const auto rejected = layer->sendRequest(request(spec().withBranch("z9hG4bKrejected")),
                                             udpPeer(), rec->handler());
    const auto rejectedTx = layer->transaction(rejected.id());
    const SipMessage busy = responseTo(sentInvite(), 486);
    channel->inject(busy, udpPeer());
    QVERIFY(rejectedTx->request().isNull());
    // A retransmitted 486 is still ACKed, with the ACK built before the release.
    channel->inject(busy, udpPeer());
    QCOMPARE(channel->count("ACK"), 2);
    QVERIFY(channel->sent[channel->sent.size() - 1].message
            == channel->sent[channel->sent.size() - 2].message);

    const auto accepted = layer->sendRequest(request(spec().withBranch("z9hG4bKaccepted")),
                                             udpPeer(), rec->handler());
    const auto acceptedTx = layer->transaction(accepted.id());
    channel->inject(responseTo(sentInvite(), 200), udpPeer());
    QCOMPARE(acceptedTx->state(), TransactionState::Accepted);
    QVERIFY(acceptedTx->request().isNull());
    clock->runUntilIdle();
    QCOMPARE(layer->transactionCount(), 0);
}

void TestTransactionClient::nonInviteCustomTimers()
{
    TimerSettings timers;
    timers.t1 = 100ms;
    timers.t2 = 300ms;
    makeLayer(timers);
    layer->sendRequest(request(spec("OPTIONS")), udpPeer(), rec->handler());
    clock->advanceTo(6399ms);
    QCOMPARE(channel->timesOf("OPTIONS").mid(0, 6),
             (QList<qint64> { 0, 100, 300, 600, 900, 1200 }));
    QVERIFY(rec->events.empty());
    clock->advanceTo(6400ms); // F = 64*T1
    QCOMPARE(rec->summary(), (QStringList { "T/408", "Terminated" }));
}

// ---- TU interface -----------------------------------------------------------------------

void TestTransactionClient::handlerNeverCalledFromSendRequest()
{
    channel->failSends = true;
    bool inside = true;
    bool calledInside = false;
    QStringList seen;
    const auto h = layer->sendRequest(request(spec()), udpPeer(), [&](const ClientEvent &e) {
        calledInside = calledInside || inside;
        seen << ClientRecorder::describe(e);
    });
    inside = false;
    QVERIFY(h); // the transaction exists; the failure comes from the clock
    QVERIFY(seen.isEmpty());
    clock->advance(0ms);
    QVERIFY(!calledInside);
    QCOMPARE(seen, (QStringList { "E/503", "Terminated" }));
    QCOMPARE(layer->transactionCount(), 0);
}

void TestTransactionClient::requestValidation()
{
    std::string error;
    RequestSpec legacy;
    legacy.branch = "1234"; // no magic cookie
    QVERIFY(layer->sendRequest(request(legacy), udpPeer(), {}, &error).isNull());
    QVERIFY(error.find("branch") != std::string::npos);

    QVERIFY(layer->sendRequest(request(spec("ACK")), udpPeer(), {}, &error).isNull());
    QVERIFY(error.find("ACK") != std::string::npos);

    QVERIFY(layer->sendRequest(responseTo(request(spec()), 200), udpPeer(), {}, &error).isNull());

    SipMessage noCallId = request(spec());
    noCallId.removeHeader("Call-ID");
    QVERIFY(layer->sendRequest(noCallId, udpPeer(), {}, &error).isNull());

    QVERIFY(layer->sendRequest(request(spec()), udpPeer(), {}, &error));
    QVERIFY(error.empty());
    // Same branch and method: refused. Same branch, other method: a different transaction.
    QVERIFY(layer->sendRequest(request(spec()), udpPeer(), {}, &error).isNull());
    QVERIFY(error.find("exists") != std::string::npos);
    QVERIFY(layer->sendRequest(request(spec("OPTIONS")), udpPeer(), {}, &error));
    QCOMPARE(layer->transactionCount(), 2);
    QCOMPARE(channel->parseFailures, 0);
}

void TestTransactionClient::viaAddedWhenMissing()
{
    SipMessage options = request(spec("OPTIONS"));
    options.removeHeader("Via");
    QVERIFY(options.vias().empty());
    const auto h = layer->sendRequest(options, tcpPeer(), rec->handler());
    QVERIFY(h);
    const SipMessage sent = channel->last("OPTIONS");
    QCOMPARE(sent.vias().size(), size_t(1));
    QVERIFY(sent.vias()[0].hasRfc3261Branch());
    QCOMPARE(sent.vias()[0].transport(), "TCP");
    QVERIFY(sent.vias()[0].hasRport());
    QVERIFY(sent.vias()[0].branch().size() >= 7 + 16);
    // The response to it matches.
    channel->inject(responseTo(sent, 200), tcpPeer());
    QCOMPARE(rec->summary(), (QStringList { "200" }));
}

void TestTransactionClient::responsesMatchBranchAndMethod()
{
    ClientRecorder inviteRec(*clock);
    ClientRecorder optionsRec(*clock);
    layer->sendRequest(request(spec()), udpPeer(), inviteRec.handler());
    layer->sendRequest(request(spec("OPTIONS")), udpPeer(), optionsRec.handler());
    // Same branch, method taken from CSeq.
    channel->inject(responseTo(channel->last("OPTIONS"), 200), udpPeer());
    QCOMPARE(optionsRec.summary(), (QStringList { "200" }));
    QVERIFY(inviteRec.events.empty());
    // Another branch: nobody's.
    channel->inject(responseTo(request(spec().withBranch("z9hG4bKnobody")), 180), udpPeer());
    QVERIFY(inviteRec.events.empty());
    channel->inject(responseTo(sentInvite(), 180), udpPeer());
    QCOMPARE(inviteRec.summary(), (QStringList { "180" }));
}

void TestTransactionClient::emptyHandlerIsFine()
{
    layer->sendRequest(request(spec()), udpPeer(), {});
    channel->inject(responseTo(sentInvite(), 486), udpPeer());
    QCOMPARE(channel->count("ACK"), 1);
    clock->runUntilIdle();
    QCOMPARE(layer->transactionCount(), 0);
}

void TestTransactionClient::strayResponses()
{
    QList<int> stray;
    layer->setStrayResponseHandler(
            [&](const IncomingMessage &in) { stray << in.message.statusCode(); });
    channel->inject(responseTo(request(spec()), 200), udpPeer());
    QCOMPARE(stray, (QList<int> { 200 }));
    QCOMPARE(layer->transactionCount(), 0);
}

QTEST_GUILESS_MAIN(TestTransactionClient)
#include "tst_transaction_client.moc"
