// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Server transactions (RFC 3261 §17.2, RFC 6026 §8.5-8.7) through TransactionLayer, in
// virtual time against a fake channel.
#include "tst_transaction_util.h"

#include "sip/transaction/Transaction.h"

#include <malloc.h>

using namespace Sip;
using namespace TransactionTest;

class TestTransactionServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    // INVITE server
    void trying100After200ms();
    void noTryingWhenTuRespondsInTime();
    void tryingImmediately();
    void retransmittedInviteGetsLastProvisional();
    void retransmittedInviteBeforeAnyResponseGetsTrying();
    void timerGSchedule();
    void timerHReportsMissingAck();
    void ackStopsTimerGAndTimerI();
    void completedRetransmitsFinalOnRetransmittedInvite();
    void reliableNoTimerGAndTimerIZero();
    void acceptedRetransmits2xxUntilAck();
    void acceptedTimerLWithoutAck();
    void acceptedReliableStillRetransmits2xx();
    void ackMatchingNon2xxVs2xx();
    void responseRules();

    // non-INVITE server
    void nonInviteRetransmissionAbsorbed();
    void nonInviteTimerJ();
    void nonInviteReliableTimerJZero();
    void nonInviteLateResponseRefused();
    void nonInviteReleasesRequestAfterFinal();
    void nonInviteRetainedBytesAfterFinal();
    void inviteReleasesRequestAfterFinal();

    // TU interface
    void noRequestHandlerAnswers503();
    void responseGoesToViaAddress();
    void inDialogRequestKeepsToTag();
    void handleSafeAfterTermination();
    void handleSafeAfterLayerDestroyed();

private:
    void makeLayer(const TimerSettings &timers = {});
    SipMessage injectInvite(const RequestSpec &spec = RequestSpec(),
                            const Endpoint &from = udpPeer());
    // The ACK a UAC sends for a non-2xx (§17.1.1.3): same branch as the INVITE.
    SipMessage non2xxAck(const SipMessage &invite, const SipMessage &response);
    // The ACK for a 2xx: a new branch, To tag of the 2xx.
    SipMessage ackFor2xx(const SipMessage &invite, const SipMessage &ok);

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::unique_ptr<ServerRecorder> events;
    QList<ServerTransactionHandle> requests;
    QList<std::pair<TransactionId, std::string>> acks; // invite id, ACK branch
    // What the TU does with each new request (default: nothing yet).
    std::function<void(const ServerTransactionHandle &, const IncomingMessage &)> onRequest;
};

void TestTransactionServer::makeLayer(const TimerSettings &timers)
{
    layer.reset();
    layer = std::make_unique<TransactionLayer>(*channel, *clock, timers);
    layer->setRequestHandler([this](const ServerTransactionHandle &t, const IncomingMessage &in) {
        requests << t;
        t.setEventHandler(events->handler());
        if (onRequest)
            onRequest(t, in);
    });
    layer->setAckHandler([this](const IncomingMessage &ack, TransactionId invite) {
        acks.push_back({ invite, std::string(ack.message.vias()[0].branch()) });
    });
}

void TestTransactionServer::init()
{
    layer.reset();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    events = std::make_unique<ServerRecorder>(*clock);
    requests.clear();
    acks.clear();
    onRequest = nullptr;
    makeLayer();
}

void TestTransactionServer::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    layer.reset();
}

SipMessage TestTransactionServer::injectInvite(const RequestSpec &spec, const Endpoint &from)
{
    const SipMessage invite = request(spec);
    channel->inject(invite, from);
    return invite;
}

SipMessage TestTransactionServer::non2xxAck(const SipMessage &invite, const SipMessage &response)
{
    return makeNon2xxAck(invite, response);
}

SipMessage TestTransactionServer::ackFor2xx(const SipMessage &invite, const SipMessage &ok)
{
    SipMessage ack = makeNon2xxAck(invite, ok);
    ack.setHeader("Via", "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKack2xx");
    return ack;
}

// ---- INVITE server ----------------------------------------------------------------------

void TestTransactionServer::trying100After200ms()
{
    injectInvite(spec().withExtra("Timestamp: 54\r\n"));
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].state(), TransactionState::Proceeding);
    clock->advanceTo(199ms);
    QVERIFY(channel->sent.empty());
    clock->advanceTo(200ms);
    QCOMPARE(channel->timesOf("100"), (QList<qint64> { 200 }));
    const SipMessage trying = channel->last("100");
    QVERIFY(trying.to()->tag().empty()); // §8.2.6.2
    QCOMPARE(trying.header("Timestamp"), "54"); // §8.2.6.1
    QCOMPARE(trying.vias()[0].branch(), "z9hG4bKclient1");
    QCOMPARE(channel->sent[0].destination, udpPeer());
    clock->advanceTo(100000ms);
    QCOMPARE(channel->count("100"), 1); // a provisional response is never retransmitted by a timer
    QCOMPARE(requests[0].state(), TransactionState::Proceeding);
}

void TestTransactionServer::noTryingWhenTuRespondsInTime()
{
    injectInvite();
    clock->advanceTo(150ms);
    QVERIFY(requests[0].respond(180));
    clock->advanceTo(1000ms);
    QCOMPARE(channel->count("100"), 0);
    QCOMPARE(channel->timesOf("180"), (QList<qint64> { 150 }));
    QCOMPARE(channel->last("180").to()->tag(), requests[0].localTag());
}

void TestTransactionServer::tryingImmediately()
{
    TimerSettings timers;
    timers.trying100 = 0ms;
    makeLayer(timers);
    int sentWhenTuSawIt = -1;
    onRequest = [&](const ServerTransactionHandle &, const IncomingMessage &) {
        sentWhenTuSawIt = int(channel->sent.size());
    };
    injectInvite();
    QCOMPARE(sentWhenTuSawIt, 1);
    QCOMPARE(channel->timesOf("100"), (QList<qint64> { 0 }));
}

void TestTransactionServer::retransmittedInviteGetsLastProvisional()
{
    onRequest = [](const ServerTransactionHandle &t, const IncomingMessage &) { t.respond(180); };
    const SipMessage invite = injectInvite();
    clock->advanceTo(500ms);
    channel->inject(invite, udpPeer());
    clock->advanceTo(1500ms);
    requests[0].respond(183);
    channel->inject(invite, udpPeer());
    QCOMPARE(requests.size(), 1); // not passed to the TU again
    QCOMPARE(layer->transactionCount(), 1);
    QCOMPARE(channel->timesOf("180"), (QList<qint64> { 0, 500 }));
    QCOMPARE(channel->timesOf("183"), (QList<qint64> { 1500, 1500 }));
    QCOMPARE(channel->count("100"), 0);
}

void TestTransactionServer::retransmittedInviteBeforeAnyResponseGetsTrying()
{
    const SipMessage invite = injectInvite();
    clock->advanceTo(50ms);
    channel->inject(invite, udpPeer());
    QCOMPARE(channel->timesOf("100"), (QList<qint64> { 50 }));
    clock->advanceTo(1000ms); // the 200 ms timer does not send a second one
    QCOMPARE(channel->timesOf("100"), (QList<qint64> { 50 }));
    QCOMPARE(requests.size(), 1);
}

void TestTransactionServer::timerGSchedule()
{
    injectInvite();
    clock->advanceTo(1000ms);
    QVERIFY(requests[0].respond(486));
    QCOMPARE(requests[0].state(), TransactionState::Completed);
    clock->advanceTo(1000ms + 31999ms);
    // §17.2.1: T1, then doubling capped at T2: intervals 500, 1000, 2000, 4000, 4000, ...
    QCOMPARE(channel->timesOf("486"),
             (QList<qint64> { 1000, 1500, 2500, 4500, 8500, 12500, 16500, 20500, 24500, 28500,
                              32500 }));
    for (const auto &s : channel->sent) {
        if (s.message.statusCode() == 486)
            QVERIFY(s.message == channel->last("486"));
    }
}

void TestTransactionServer::timerHReportsMissingAck()
{
    injectInvite();
    clock->advanceTo(1000ms);
    requests[0].respond(486);
    clock->advanceTo(32999ms);
    QVERIFY(events->events.isEmpty());
    clock->advanceTo(33000ms); // Timer H = 64*T1 after the final response
    QCOMPARE(events->events, (QStringList { "AckTimeout", "Terminated" }));
    QCOMPARE(events->times, (QList<qint64> { 33000, 33000 }));
    QCOMPARE(layer->transactionCount(), 0);
    QVERIFY(!requests[0].isAlive());
    const int sent = int(channel->sent.size());
    clock->runUntilIdle();
    QCOMPARE(int(channel->sent.size()), sent);
}

void TestTransactionServer::ackStopsTimerGAndTimerI()
{
    const SipMessage invite = injectInvite();
    requests[0].respond(486);
    clock->advanceTo(1000ms);
    const SipMessage ack = non2xxAck(invite, channel->last("486"));
    channel->inject(ack, udpPeer());
    QCOMPARE(requests[0].state(), TransactionState::Confirmed);
    QVERIFY(acks.isEmpty()); // the ACK for a non-2xx stays in the transaction
    clock->advanceTo(3000ms);
    channel->inject(ack, udpPeer()); // retransmitted ACK: absorbed
    channel->inject(invite, udpPeer()); // and so is a late INVITE retransmission
    QVERIFY(acks.isEmpty());
    QCOMPARE(requests.size(), 1);
    QCOMPARE(channel->timesOf("486"), (QList<qint64> { 0, 500 }));
    // Timer I = T4 after the ACK.
    clock->advanceTo(5999ms);
    QCOMPARE(requests[0].state(), TransactionState::Confirmed);
    clock->advanceTo(6000ms);
    QCOMPARE(events->events, (QStringList { "Terminated" }));
    QCOMPARE(events->times, (QList<qint64> { 6000 }));
}

void TestTransactionServer::completedRetransmitsFinalOnRetransmittedInvite()
{
    const SipMessage invite = injectInvite();
    requests[0].respond(603);
    clock->advanceTo(700ms);
    channel->inject(invite, udpPeer());
    QCOMPARE(channel->timesOf("603"), (QList<qint64> { 0, 500, 700 }));
    QCOMPARE(requests.size(), 1);
}

void TestTransactionServer::reliableNoTimerGAndTimerIZero()
{
    const SipMessage invite
            = injectInvite(spec().withTransport("TCP").withSentBy("192.0.2.10:40123"), tcpPeer());
    requests[0].respond(486);
    clock->advanceTo(31999ms);
    QCOMPARE(channel->timesOf("486"), (QList<qint64> { 0 }));
    QCOMPARE(channel->sent[0].destination, tcpPeer());
    channel->inject(non2xxAck(invite, channel->last("486")), tcpPeer());
    QCOMPARE(requests[0].state(), TransactionState::Confirmed);
    clock->advance(0ms); // Timer I = 0
    QCOMPARE(events->events, (QStringList { "Terminated" }));

    // Timer H is 64*T1 on reliable transports too.
    injectInvite(
            spec().withTransport("TCP").withSentBy("192.0.2.10:40123").withBranch("z9hG4bKsecond"),
            tcpPeer());
    requests[1].respond(486);
    const qint64 start = clock->now().count();
    clock->advance(32000ms);
    QCOMPARE(events->events, (QStringList { "Terminated", "AckTimeout", "Terminated" }));
    QCOMPARE(events->times.last() - start, 32000);
}

void TestTransactionServer::acceptedRetransmits2xxUntilAck()
{
    const SipMessage invite = injectInvite();
    QVERIFY(requests[0].respond(180));
    clock->advanceTo(1000ms);
    SipMessage ok = requests[0].createResponse(200);
    ok.addHeader("Contact", "<sip:bob@192.0.2.1:5060>");
    QVERIFY(requests[0].respond(ok));
    QCOMPARE(requests[0].state(), TransactionState::Accepted);
    QCOMPARE(channel->last("200").to()->tag(), channel->last("180").to()->tag());
    clock->advanceTo(5000ms);
    // Retransmitted INVITEs are absorbed in Accepted (RFC 6026 §8.7).
    channel->inject(invite, udpPeer());
    QCOMPARE(requests.size(), 1);
    // The 2xx itself: T1, doubling, capped at T2 (§13.3.1.4).
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 1000, 1500, 2500, 4500 }));
    clock->advanceTo(6000ms);
    const SipMessage ack = ackFor2xx(invite, channel->last("200"));
    channel->inject(ack, udpPeer());
    QCOMPARE(acks.size(), 1);
    QCOMPARE(acks[0].first, requests[0].id());
    QCOMPARE(acks[0].second, "z9hG4bKack2xx");
    clock->advanceTo(20000ms);
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 1000, 1500, 2500, 4500 }));
    // A retransmitted ACK goes to the TU too (the dialog ignores it).
    channel->inject(ack, udpPeer());
    QCOMPARE(acks.size(), 2);
    // Timer L = 64*T1 after the 2xx; no AckTimeout since the ACK came.
    clock->advanceTo(32999ms);
    QCOMPARE(requests[0].state(), TransactionState::Accepted);
    clock->advanceTo(33000ms);
    QCOMPARE(events->events, (QStringList { "Terminated" }));
    // After Timer L an ACK matches nothing, and reaches the TU with no transaction.
    channel->inject(ack, udpPeer());
    QCOMPARE(acks.size(), 3);
    QCOMPARE(acks[2].first, TransactionId::Invalid);
}

void TestTransactionServer::acceptedTimerLWithoutAck()
{
    injectInvite();
    requests[0].respond(200);
    clock->advanceTo(31999ms);
    QCOMPARE(
            channel->timesOf("200"),
            (QList<qint64> { 0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500 }));
    QVERIFY(events->events.isEmpty());
    clock->advanceTo(32000ms);
    QCOMPARE(events->events, (QStringList { "AckTimeout", "Terminated" }));
}

void TestTransactionServer::acceptedReliableStillRetransmits2xx()
{
    const SipMessage invite
            = injectInvite(spec().withTransport("TCP").withSentBy("192.0.2.10:40123"), tcpPeer());
    requests[0].respond(200);
    clock->advanceTo(4000ms);
    // §13.3.1.4: "independent of whatever transport protocols are used".
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 0, 500, 1500, 3500 }));
    channel->inject(ackFor2xx(invite, channel->last("200")), tcpPeer());
    QCOMPARE(acks.size(), 1);
    clock->advanceTo(31999ms);
    QCOMPARE(channel->count("200"), 4);
    QCOMPARE(requests[0].state(), TransactionState::Accepted); // Timer L on TCP too
    clock->advanceTo(32000ms);
    QCOMPARE(requests[0].state(), TransactionState::Terminated);
}

void TestTransactionServer::ackMatchingNon2xxVs2xx()
{
    // Two INVITEs: one rejected, one accepted. Each ACK finds its own transaction.
    const SipMessage rejected = injectInvite(spec().withBranch("z9hG4bKrej").withCallId("rej@x"));
    const SipMessage accepted = injectInvite(spec().withBranch("z9hG4bKacc").withCallId("acc@x"));
    requests[0].respond(488);
    requests[1].respond(200);
    channel->inject(non2xxAck(rejected, channel->last("488")), udpPeer());
    QCOMPARE(requests[0].state(), TransactionState::Confirmed);
    QVERIFY(acks.isEmpty());
    channel->inject(ackFor2xx(accepted, channel->last("200")), udpPeer());
    QCOMPARE(acks.size(), 1);
    QCOMPARE(acks[0].first, requests[1].id());
    // An ACK for the 2xx with the wrong To tag (another dialog): not ours.
    SipMessage wrongTag = ackFor2xx(accepted, channel->last("200"));
    wrongTag.setHeader("To", "<sip:bob@example.com>;tag=other");
    channel->inject(wrongTag, udpPeer());
    QCOMPARE(acks.size(), 2);
    QCOMPARE(acks[1].first, TransactionId::Invalid);
    // An ACK reusing the INVITE's branch in Accepted (RFC 6026 §8.7): passed up as well.
    SipMessage sameBranch = makeNon2xxAck(accepted, channel->last("200"));
    channel->inject(sameBranch, udpPeer());
    QCOMPARE(acks.size(), 3);
    QCOMPARE(acks[2].first, requests[1].id());
}

void TestTransactionServer::responseRules()
{
    injectInvite();
    const auto t = requests[0];
    QVERIFY(!t.respond(SipMessage())); // not a response
    QVERIFY(!t.respond(request(spec()))); // not a response either
    QVERIFY(t.respond(180));
    QVERIFY(t.respond(486));
    QVERIFY(!t.respond(180)); // after the final
    QVERIFY(!t.respond(200));
    QVERIFY(!t.respond(500));
    QCOMPARE(channel->count("200"), 0);

    // In Accepted only further 2xx are taken.
    injectInvite(spec().withBranch("z9hG4bKother"));
    const auto u = requests[1];
    QVERIFY(u.respond(200));
    QVERIFY(!u.respond(180));
    QVERIFY(!u.respond(404));
    QVERIFY(u.respond(200));
}

// ---- non-INVITE server ------------------------------------------------------------------

void TestTransactionServer::nonInviteRetransmissionAbsorbed()
{
    const SipMessage options = request(spec("OPTIONS"));
    channel->inject(options, udpPeer());
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests[0].state(), TransactionState::Trying);
    clock->advanceTo(500ms);
    channel->inject(options, udpPeer()); // Trying: absorbed without an answer
    QVERIFY(channel->sent.empty());
    QVERIFY(requests[0].respond(100));
    QCOMPARE(requests[0].state(), TransactionState::Proceeding);
    clock->advanceTo(1500ms);
    channel->inject(options, udpPeer()); // Proceeding: the provisional again
    QCOMPARE(channel->timesOf("100"), (QList<qint64> { 500, 1500 }));
    QVERIFY(requests[0].respond(200));
    clock->advanceTo(3500ms);
    channel->inject(options, udpPeer()); // Completed: the final again
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 1500, 3500 }));
    QCOMPARE(requests.size(), 1);
    // No timer retransmits a non-INVITE response.
    clock->advanceTo(20000ms);
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 1500, 3500 }));
}

void TestTransactionServer::nonInviteTimerJ()
{
    channel->inject(request(spec("MESSAGE")), udpPeer());
    clock->advanceTo(100ms);
    requests[0].respond(200);
    clock->advanceTo(32099ms);
    QCOMPARE(requests[0].state(), TransactionState::Completed);
    clock->advanceTo(32100ms); // Timer J = 64*T1
    QCOMPARE(events->events, (QStringList { "Terminated" }));
    QCOMPARE(events->times, (QList<qint64> { 32100 }));
    // A retransmission after that is a new request to the TU.
    channel->inject(request(spec("MESSAGE")), udpPeer());
    QCOMPARE(requests.size(), 2);
}

void TestTransactionServer::nonInviteReliableTimerJZero()
{
    channel->inject(request(spec("BYE").withTransport("TCP").withSentBy("192.0.2.10:40123")),
                    tcpPeer());
    requests[0].respond(200);
    QCOMPARE(requests[0].state(), TransactionState::Completed);
    clock->advance(0ms);
    QCOMPARE(requests[0].state(), TransactionState::Terminated);
    QCOMPARE(events->events, (QStringList { "Terminated" }));
}

// Timer J keeps a completed transaction 32 s on UDP; all it needs is its key (in the
// layer) and the final response, not the parsed request.
void TestTransactionServer::nonInviteReleasesRequestAfterFinal()
{
    channel->inject(request(spec("NOTIFY").withExtra("Event: presence\r\n")), udpPeer());
    const TransactionId id = requests[0].id();
    const auto tx = std::dynamic_pointer_cast<const ServerTransaction>(layer->transaction(id));
    QVERIFY(tx);
    QVERIFY(!tx->request().isNull());
    QVERIFY(!tx->incoming().message.isNull());
    QVERIFY(requests[0].respond(200));
    QCOMPARE(tx->state(), TransactionState::Completed);
    QVERIFY(tx->request().isNull());
    QVERIFY(tx->incoming().message.isNull());
    QVERIFY(tx->createResponse(500).isNull());
    // Retransmissions still get the final response, and still only the TU's handle has
    // the request.
    QVERIFY(!requests[0].request().isNull());
    clock->advanceTo(1000ms);
    channel->inject(request(spec("NOTIFY").withExtra("Event: presence\r\n")), udpPeer());
    QCOMPARE(requests.size(), 1);
    QCOMPARE(channel->timesOf("200"), (QList<qint64> { 0, 1000 }));
    clock->advanceTo(32000ms);
    QCOMPARE(events->events, (QStringList { "Terminated" }));
}

// The heap a completed non-INVITE server transaction keeps, against the same
// transactions before their final response (the in-run reference): 500 presence
// NOTIFYs with a 2 KB body, as from a presence server.
void TestTransactionServer::nonInviteRetainedBytesAfterFinal()
{
    constexpr int count = 500;
    const std::string body(2000, 'x');
    std::vector<TransactionId> ids;
    ids.reserve(count);
    // As text, parsed once by the channel like a datagram: the transaction holds the
    // only parsed copy.
    std::vector<std::string> notifies;
    notifies.reserve(count);
    for (int i = 0; i < count; ++i) {
        notifies.push_back(
                requestText(spec("NOTIFY")
                                    .withBranch("z9hG4bKnotify" + std::to_string(i))
                                    .withExtra("Event: presence\r\nX-Body: " + body + "\r\n")));
    }
    channel->sent.reserve(2 * count);
    requests.reserve(count);
    const auto heap = [] { return qint64(mallinfo2().uordblks); };
    const qint64 before = heap();
    for (const std::string &notify : notifies)
        channel->injectText(notify, udpPeer());
    for (const auto &r : std::as_const(requests))
        ids.push_back(r.id());
    for (auto &r : requests)
        r = ServerTransactionHandle(); // the TU keeps nothing (the list's buffer stays)
    const qint64 pending = heap() - before;
    for (TransactionId id : ids)
        QVERIFY(layer->serverTransaction(id).respond(200));
    channel->sent.clear(); // what the fake transport recorded is not the layer's
    QCOMPARE(layer->transactionCount(), count);
    const qint64 completed = heap() - before;
    // What keeping the final response parsed (as before) would add: its parsed form.
    const std::string okText = layer->transaction(ids.front())->request().isNull()
            ? std::dynamic_pointer_cast<const ServerTransaction>(layer->transaction(ids.front()))
                      ->finalResponse()
                      .toString()
            : std::string();
    std::vector<SipMessage> parsedResponses;
    parsedResponses.reserve(count);
    const qint64 beforeParsed = heap();
    for (int i = 0; i < count; ++i)
        parsedResponses.push_back(SipMessage::parse(okText));
    const qint64 parsedResponse = (heap() - beforeParsed) / count;
    parsedResponses.clear();
    qInfo("retained per non-INVITE server transaction: %lld bytes before the final "
          "response; in Completed (Timer J) %lld bytes, where keeping the request and the "
          "parsed response would be about %lld",
          pending / count, completed / count, pending / count + parsedResponse);
    QVERIFY(!okText.empty());
    QVERIFY2(completed * 2 < pending, "a completed transaction keeps its request");
    clock->advance(32000ms);
    QCOMPARE(layer->transactionCount(), 0);
}

void TestTransactionServer::inviteReleasesRequestAfterFinal()
{
    const SipMessage invite = injectInvite();
    const auto tx = layer->transaction(requests[0].id());
    QVERIFY(requests[0].respond(486));
    QVERIFY(tx->request().isNull());
    // The retransmitted INVITE gets the 486 again; the ACK ends it (Timer I).
    clock->advanceTo(100ms);
    channel->inject(invite, udpPeer());
    QCOMPARE(channel->count("486"), 2);
    channel->inject(non2xxAck(invite, channel->last("486")), udpPeer());
    QCOMPARE(requests[0].state(), TransactionState::Confirmed);

    // A 2xx: Accepted still retransmits it until the ACK.
    const SipMessage second = injectInvite(spec().withBranch("z9hG4bKsecond").withCallId("c2"));
    const auto accepted = layer->transaction(requests[1].id());
    QVERIFY(requests[1].respond(200));
    QVERIFY(accepted->request().isNull());
    clock->advance(500ms);
    QCOMPARE(channel->count("200"), 2);
    channel->inject(ackFor2xx(second, channel->last("200")), udpPeer());
    QCOMPARE(acks.size(), 1);
    QCOMPARE(acks[0].first, requests[1].id());
}

void TestTransactionServer::nonInviteLateResponseRefused()
{
    channel->inject(request(spec("OPTIONS")), udpPeer());
    QVERIFY(requests[0].respond(200));
    QVERIFY(!requests[0].respond(200));
    QVERIFY(!requests[0].respond(100));
    QCOMPARE(channel->count("200"), 1);
}

// ---- TU interface -----------------------------------------------------------------------

void TestTransactionServer::noRequestHandlerAnswers503()
{
    layer->setRequestHandler({});
    channel->inject(request(spec("OPTIONS")), udpPeer());
    QCOMPARE(channel->count("503"), 1);
    QVERIFY(!channel->last("503").to()->tag().empty());
}

void TestTransactionServer::responseGoesToViaAddress()
{
    // §18.2.2: UDP without rport: the source address, the sent-by port.
    channel->inject(request(spec("OPTIONS").withSentBy("192.0.2.10:5070")), udpPeer());
    requests[0].respond(200);
    QCOMPARE(channel->sent.back().destination, endpoint(TransportType::Udp, "192.0.2.10", 5070));
    // RFC 3581 rport: where the request came from.
    Endpoint natted = endpoint(TransportType::Udp, "198.51.100.7", 61000);
    channel->inject(request(spec("OPTIONS")
                                    .withBranch("z9hG4bKnat")
                                    .withSentBy("10.0.0.5:5060;rport=61000;received=198.51.100.7")),
                    natted);
    requests[1].respond(200);
    QCOMPARE(channel->sent.back().destination, natted);
}

void TestTransactionServer::inDialogRequestKeepsToTag()
{
    channel->inject(request(spec("BYE").withToTag("existing")), udpPeer());
    QCOMPARE(requests[0].localTag(), "existing");
    requests[0].respond(200);
    QCOMPARE(channel->last("200").to()->tag(), "existing");
    QCOMPARE(channel->last("200").headerCount("To"), 1);
}

void TestTransactionServer::handleSafeAfterTermination()
{
    channel->inject(request(spec("OPTIONS").withTransport("TCP").withSentBy("192.0.2.10:40123")),
                    tcpPeer());
    const ServerTransactionHandle t = requests[0];
    t.respond(200);
    clock->advance(0ms);
    QVERIFY(!t.isAlive());
    QCOMPARE(t.state(), TransactionState::Terminated);
    QVERIFY(!t.respond(200));
    t.setEventHandler([](const ServerEvent &) { QFAIL("no events after Terminated"); });
    // The request and a response built from it stay available.
    QCOMPARE(t.request().method(), "OPTIONS");
    QCOMPARE(t.createResponse(200).statusCode(), 200);
    QVERIFY(layer->serverTransaction(t.id()).isNull());
}

void TestTransactionServer::handleSafeAfterLayerDestroyed()
{
    injectInvite();
    const ServerTransactionHandle t = requests[0];
    requests[0].respond(486);
    layer.reset(); // abandons everything: no events, no timers left
    QCOMPARE(clock->pendingTimerCount(), 0);
    QVERIFY(!t.isAlive());
    QVERIFY(!t.respond(200));
    QVERIFY(events->events.isEmpty());
    clock->runUntilIdle();
    QCOMPARE(channel->count("486"), 1);
}

QTEST_GUILESS_MAIN(TestTransactionServer)
#include "tst_transaction_server.moc"
