// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// SubscriptionIndex (sip/ua/SubscriptionIndex.h): how the UA finds the subscription an
// in-dialog request (NOTIFY) belongs to among many, by Call-ID, in virtual time against
// a fake channel. It must find exactly the owner (Call-ID and To tag), follow a
// subscription to its new Call-ID when it starts a new dialog, and forget removed ones.

#include "tst_transaction_util.h"

#include "sip/presence/PresenceDocument.h"
#include "sip/ua/Subscription.h"
#include "sip/ua/SubscriptionIndex.h"

#include <memory>
#include <vector>

using namespace Sip;
using namespace TransactionTest;

namespace {

// A NOTIFY of the notifier of `contact` in the dialog of a subscription with this
// Call-ID and From tag (our tag, the NOTIFY's To tag).
std::string notifyText(int contact, const std::string &callId, const std::string &ourTag,
                       unsigned cseq = 1, const std::string &body = {})
{
    std::string t = "NOTIFY sip:alice@192.0.2.1:5060 SIP/2.0\r\n";
    t += "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-n" + std::to_string(contact) + "-"
            + std::to_string(cseq) + "\r\n";
    t += "From: <sip:user" + std::to_string(contact) + "@example.com>;tag=srv"
            + std::to_string(contact) + "\r\n";
    t += "To: <sip:alice@example.com>;tag=" + ourTag + "\r\n";
    t += "Call-ID: " + callId + "\r\n";
    t += "CSeq: " + std::to_string(cseq) + " NOTIFY\r\n";
    t += "Contact: <sip:presence@192.0.2.10:5060>\r\n";
    t += "Max-Forwards: 70\r\n";
    t += "Event: presence\r\n";
    t += "Subscription-State: active;expires=3600\r\n";
    if (!body.empty())
        t += "Content-Type: application/pidf+xml\r\n";
    t += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return t;
}

} // namespace

class TestSubscriptionIndex : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void findsEveryOwner();
    void requiresTheToTag();
    void followsANewCallId();
    void forgetsRemovedSubscriptions();
    void routesNotifiesOfManySubscriptions();

private:
    // Starts `count` subscriptions (alice watching user0..user<count-1>), indexed as the UA
    // does: on callIdChanged.
    void startSubscriptions(int count);
    Subscription *find(const std::string &text) const
    {
        return index.find(SipMessage::parse(text));
    }

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::vector<std::unique_ptr<Subscription>> subs;
    SubscriptionIndex index;
    int presences = 0;
};

void TestSubscriptionIndex::init()
{
    subs.clear();
    layer.reset();
    index = SubscriptionIndex();
    presences = 0;
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    layer = std::make_unique<TransactionLayer>(*channel, *clock);
    // The UA's routing: the owner by the index, 481 for the rest.
    layer->setRequestHandler([this](const ServerTransactionHandle &tx, const IncomingMessage &in) {
        if (Subscription *sub = index.find(in.message)) {
            sub->handleRequest(tx, in);
            return;
        }
        tx.respond(481);
    });
}

void TestSubscriptionIndex::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    for (const auto &sub : subs)
        index.remove(sub.get());
    subs.clear();
    layer.reset();
}

void TestSubscriptionIndex::startSubscriptions(int count)
{
    for (int i = 0; i < count; ++i) {
        auto sub = std::make_unique<Subscription>(*layer, resolveLiteral);
        Subscription *s = sub.get();
        connect(s, &Subscription::callIdChanged, s, [this, s] { index.update(s); });
        connect(s, &Subscription::presenceChanged, s,
                [this](const PresenceUpdate &) { ++presences; });
        Subscription::Params p;
        p.fromUri = "sip:alice@example.com";
        p.targetUri = "sip:user" + std::to_string(i) + "@example.com";
        p.contact = "sip:alice@192.0.2.1:5060";
        p.destination = udpPeer();
        QString error;
        QVERIFY2(s->subscribe(p, &error), qPrintable(error));
        subs.push_back(std::move(sub));
    }
    QCOMPARE(index.size(), size_t(count));
}

void TestSubscriptionIndex::findsEveryOwner()
{
    startSubscriptions(300);
    for (int i = 0; i < 300; ++i) {
        const Subscription *s = subs[size_t(i)].get();
        QCOMPARE(find(notifyText(i, s->callId(), s->localTag())), s);
    }
    // A Call-ID nobody has.
    QCOMPARE(find(notifyText(0, "nobody@example.com", subs[0]->localTag())), nullptr);
}

void TestSubscriptionIndex::requiresTheToTag()
{
    startSubscriptions(3);
    const Subscription *s = subs[1].get();
    // Right Call-ID, wrong To tag (not our dialog): not this subscription's.
    QCOMPARE(find(notifyText(1, s->callId(), "not-our-tag")), nullptr);
    // A response is never routed as a request.
    std::string response = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-x\r\n"
                           "From: <sip:alice@example.com>;tag="
            + s->localTag() + "\r\nTo: <sip:user1@example.com>;tag=srv\r\nCall-ID: " + s->callId()
            + "\r\nCSeq: 1 SUBSCRIBE\r\nContent-Length: 0\r\n\r\n";
    QCOMPARE(find(response), nullptr);
}

void TestSubscriptionIndex::followsANewCallId()
{
    startSubscriptions(5);
    Subscription *s = subs[2].get();
    const std::string oldCallId = s->callId();
    const std::string oldTag = s->localTag();
    s->resubscribe(); // a new dialog: new Call-ID and tag
    QVERIFY(s->callId() != oldCallId);
    QCOMPARE(index.size(), size_t(5));
    QCOMPARE(find(notifyText(2, oldCallId, oldTag)), nullptr);
    QCOMPARE(find(notifyText(2, s->callId(), s->localTag())), s);
    // The others are untouched.
    QCOMPARE(find(notifyText(3, subs[3]->callId(), subs[3]->localTag())), subs[3].get());
}

void TestSubscriptionIndex::forgetsRemovedSubscriptions()
{
    startSubscriptions(4);
    const Subscription *s = subs[0].get();
    index.remove(s);
    index.remove(s); // twice: harmless
    QCOMPARE(index.size(), size_t(3));
    QCOMPARE(find(notifyText(0, s->callId(), s->localTag())), nullptr);
    QCOMPARE(find(notifyText(1, subs[1]->callId(), subs[1]->localTag())), subs[1].get());
}

void TestSubscriptionIndex::routesNotifiesOfManySubscriptions()
{
    const int count = 1000;
    startSubscriptions(count);
    const std::string pidf
            = PresenceDocument::forOwnStatus(QStringLiteral("sip:user@example.com"),
                                             PresenceStatus::Away, QStringLiteral("x"))
                      .toXml()
                      .toStdString();
    // Every notifier sends its NOTIFY (overtaking the 200, RFC 6665 §4.1.2.4): each
    // subscription gets exactly its own, answered 200; one for no dialog gets 481.
    for (int i = 0; i < count; ++i) {
        const Subscription *s = subs[size_t(i)].get();
        channel->injectText(notifyText(i, s->callId(), s->localTag(), 1, pidf), udpPeer());
    }
    channel->injectText(notifyText(count, "stale@example.com", "stale-tag"), udpPeer());
    QCOMPARE(presences, count);
    QCOMPARE(channel->count("200"), count);
    QCOMPARE(channel->count("481"), 1);
    for (const auto &sub : subs)
        QCOMPARE(sub->phase(), SubscriptionPhase::Active);
}

QTEST_GUILESS_MAIN(TestSubscriptionIndex)
#include "tst_subscription_index.moc"
