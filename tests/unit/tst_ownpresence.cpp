// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// OwnPresence (sip/ua/OwnPresence.h): serverless presence, where watchers SUBSCRIBE to us
// and the app decides who may see us. In virtual time against a fake channel: unknown
// watchers held pending until the app answers, the contact list and remembered decisions
// answered at once, decisions remembered for later subscriptions, our status NOTIFYed to
// every active watcher, refresh / expiry / un-SUBSCRIBE, 489 for other event packages,
// and terminated NOTIFYs on quit.
#include "tst_presence_util.h"
#include "tst_transaction_util.h"

#include "sip/dialog/Dialog.h"
#include "sip/presence/PresenceDocument.h"
#include "sip/ua/OwnPresence.h"

#include <QSignalSpy>

#include <memory>
#include <set>

using namespace Sip;
using namespace PresenceTest;
using namespace TransactionTest;
using namespace std::chrono_literals;

namespace {

constexpr const char *ourContact = "sip:parlo@192.0.2.1:5060";

// A watcher's phone: its SUBSCRIBEs and its side of the dialog.
struct Watcher
{
    std::string user;
    std::string host;
    std::string tag;
    std::string callId;
    Dialog dialog;

    Watcher(std::string name, std::string address)
        : user(name)
        , host(std::move(address))
        , tag(name + "-tag")
        , callId("sub-" + name + "@example.com")
    {
    }
    Endpoint phone() const { return endpoint(TransportType::Udp, host.c_str(), 5060); }
    QString uri() const { return QString::fromStdString("sip:" + user + "@example.com"); }

    SipMessage subscribe(int expires = 3600, const std::string &event = "presence") const
    {
        const std::string t = "SUBSCRIBE sip:parlo@192.0.2.1:5060 SIP/2.0\r\n"
                              "Via: SIP/2.0/UDP "
                + host + ":5060;branch=" + newBranch()
                + "\r\n"
                  "Max-Forwards: 70\r\n"
                  "From: \""
                + user + " display\" <" + uri().toStdString() + ">;tag=" + tag
                + "\r\n"
                  "To: <sip:parlo@192.0.2.1:5060>\r\n"
                  "Call-ID: "
                + callId
                + "\r\n"
                  "CSeq: 1 SUBSCRIBE\r\n"
                  "Contact: <sip:"
                + user + "@" + host
                + ":5060>\r\n"
                  "Event: "
                + event
                + "\r\n"
                  "Expires: "
                + std::to_string(expires)
                + "\r\n"
                  "Accept: application/pidf+xml\r\n"
                  "Content-Length: 0\r\n\r\n";
        return SipMessage::parse(t);
    }

    SipMessage inDialog(int expires)
    {
        SipMessage s = dialog.createRequest("SUBSCRIBE");
        s.prependHeader("Via", "SIP/2.0/UDP " + host + ":5060;branch=" + newBranch());
        s.addHeader("Event", "presence");
        s.addHeader("Expires", std::to_string(expires));
        s.setBody({}, {});
        return s;
    }
};

} // namespace

class TestOwnPresence : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void unknownWatcherPendingUntilAllowed();
    void contactListAcceptedAtOnce();
    void rememberedDecisions();
    void decisionRememberedForTheNextSubscription();
    void statusNotifiedToActiveWatchersOnly();
    void refreshExpiryAndUnsubscribe();
    void otherEventPackageRefused();
    void quitTerminatesEveryWatcher();

private:
    SipMessage subscribe(Watcher &w, int expires = 3600, const std::string &event = "presence");
    std::vector<SipMessage> notifies(const Watcher &w) const
    {
        return channel->distinct("NOTIFY", w.phone());
    }
    void answer(const Watcher &w, int code = 200)
    {
        channel->inject(makeResponse(notifies(w).back(), code), w.phone());
    }

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::unique_ptr<OwnPresence> presence;
    QStringList requests; // "uri|display name" of every watcherRequest()
};

void TestOwnPresence::init()
{
    presence.reset();
    layer.reset();
    requests.clear();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    layer = std::make_unique<TransactionLayer>(*channel, *clock);
    presence = std::make_unique<OwnPresence>(*layer, resolveLiteral);
    connect(presence.get(), &OwnPresence::watcherRequest, presence.get(),
            [this](const QString &uri, const QString &name) {
                requests << uri + QLatin1Char('|') + name;
            });
    // The UA's routing: dialog requests to the notifier, new SUBSCRIBEs too.
    layer->setRequestHandler([this](const ServerTransactionHandle &tx, const IncomingMessage &in) {
        const SipMessage &request = in.message;
        if (request.to() && !request.to()->tag().empty()) {
            if (presence->ownsRequest(request))
                presence->handleRequest(tx, in);
            else
                tx.respond(481);
            return;
        }
        if (request.methodId() == Method::Subscribe) {
            presence->handleSubscribe(tx, in, ourContact);
            return;
        }
        tx.respond(405);
    });
}

void TestOwnPresence::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    presence.reset();
    layer.reset();
}

SipMessage TestOwnPresence::subscribe(Watcher &w, int expires, const std::string &event)
{
    const SipMessage request = w.subscribe(expires, event);
    channel->inject(request, w.phone());
    const SipMessage response = channel->lastResponse();
    if (response.statusCode() >= 200 && response.statusCode() < 300) {
        std::string error;
        if (auto d = Dialog::createUac(request, response, &error))
            w.dialog = *d;
        else
            qWarning("watcher dialog: %s", error.c_str());
    }
    return response;
}

void TestOwnPresence::unknownWatcherPendingUntilAllowed()
{
    presence->setPresence(PresenceStatus::Busy, QStringLiteral("writing"));
    Watcher bob("bob", "192.0.2.20");
    const SipMessage ok = subscribe(bob);
    // RFC 6665 §4.2.1.1: a 2xx, then at once a NOTIFY; RFC 3856 §6.6.2: pending, no body.
    QCOMPARE(ok.statusCode(), 200);
    QCOMPARE(ok.expires(), int64_t(3600));
    QCOMPARE(requests, QStringList({ "sip:bob@example.com|bob display" }));
    auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 1);
    QCOMPARE(stateOf(sent[0]), std::string("pending;expires=3600"));
    QVERIFY(sent[0].body().empty());
    answer(bob);
    QCOMPARE(presence->watchers().first().state, WatcherState::Pending);

    clock->advance(30s);
    QVERIFY(presence->authorize(QStringLiteral("sip:bob@example.com"), true));
    sent = notifies(bob);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(stateOf(sent[1]), std::string("active;expires=3570"));
    const auto doc = documentOf(sent[1]);
    QVERIFY(doc);
    QCOMPARE(doc->status(), PresenceStatus::Busy);
    QCOMPARE(doc->bestNote(), QStringLiteral("writing"));
    QCOMPARE(doc->entity, QStringLiteral("sip:parlo@192.0.2.1:5060"));
    QCOMPARE(presence->watchers().first().state, WatcherState::Active);
    QCOMPARE(requests.size(), 1); // asked once
}

void TestOwnPresence::contactListAcceptedAtOnce()
{
    presence->setAllowedWatchers({ QStringLiteral("sip:Bob@EXAMPLE.com;transport=tcp"),
                                   QStringLiteral("sip:carol@example.com") });
    Watcher bob("Bob", "192.0.2.20");
    QCOMPARE(subscribe(bob).statusCode(), 200);
    const auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 1);
    QCOMPARE(stateOf(sent[0]), std::string("active;expires=3600"));
    QCOMPARE(documentOf(sent[0])->status(), PresenceStatus::Available);
    QVERIFY(requests.isEmpty());

    // Someone not in the list is still asked about.
    Watcher dave("dave", "192.0.2.21");
    subscribe(dave);
    QCOMPARE(stateOf(notifies(dave)[0]), std::string("pending;expires=3600"));
    QCOMPARE(requests, QStringList({ "sip:dave@example.com|dave display" }));
}

void TestOwnPresence::rememberedDecisions()
{
    presence->setAllowedWatchers({ QStringLiteral("sip:bob@example.com") });
    // An explicit decision wins over the contact list.
    presence->setWatcherDecisions({ { QStringLiteral("sip:bob@example.com"), false },
                                    { QStringLiteral("sip:carol@example.com"), true } });
    Watcher bob("bob", "192.0.2.20");
    QCOMPARE(subscribe(bob).statusCode(), 200);
    auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 1);
    // RFC 6665 §4.2.2 / RFC 3856 §5.1: a polite refusal, nothing about us.
    QCOMPARE(stateOf(sent[0]), std::string("terminated;reason=rejected"));
    QVERIFY(sent[0].body().empty());

    Watcher carol("carol", "192.0.2.22");
    subscribe(carol);
    QCOMPARE(stateOf(notifies(carol)[0]), std::string("active;expires=3600"));
    QVERIFY(requests.isEmpty());
    answer(bob);
    QCOMPARE(presence->watcherCount(), 1); // bob's is over once the final NOTIFY is answered
}

void TestOwnPresence::decisionRememberedForTheNextSubscription()
{
    Watcher bob("bob", "192.0.2.20");
    subscribe(bob);
    answer(bob);
    QVERIFY(presence->authorize(QStringLiteral("sip:bob@example.com"), false));
    QCOMPARE(stateOf(notifies(bob).back()), std::string("terminated;reason=rejected"));
    answer(bob);
    QCOMPARE(presence->watcherCount(), 0);

    // Bob tries again (a new dialog): refused at once, not asked about again.
    Watcher bobAgain("bob", "192.0.2.30");
    bobAgain.callId = "sub-bob-2@example.com";
    bobAgain.tag = "bob-tag-2";
    subscribe(bobAgain);
    QCOMPARE(stateOf(notifies(bobAgain)[0]), std::string("terminated;reason=rejected"));
    QCOMPARE(requests.size(), 1);

    // A decision for someone not (yet) watching is remembered too.
    QVERIFY(!presence->authorize(QStringLiteral("sip:carol@example.com"), true));
    Watcher carol("carol", "192.0.2.22");
    subscribe(carol);
    QCOMPARE(stateOf(notifies(carol)[0]), std::string("active;expires=3600"));
    QCOMPARE(requests.size(), 1);
}

void TestOwnPresence::statusNotifiedToActiveWatchersOnly()
{
    presence->setAllowedWatchers(
            { QStringLiteral("sip:bob@example.com"), QStringLiteral("sip:carol@example.com") });
    Watcher bob("bob", "192.0.2.20"), carol("carol", "192.0.2.22"), dave("dave", "192.0.2.23");
    subscribe(bob);
    subscribe(carol);
    subscribe(dave); // pending
    answer(bob);
    answer(carol);
    answer(dave);
    presence->setPresence(PresenceStatus::Away, QStringLiteral("back at 3"));
    QCOMPARE(presence->status(), PresenceStatus::Away);
    for (const Watcher *w : { &bob, &carol }) {
        const auto sent = notifies(*w);
        QCOMPARE(int(sent.size()), 2);
        QCOMPARE(stateOf(sent[1]), std::string("active;expires=3600"));
        QCOMPARE(documentOf(sent[1])->status(), PresenceStatus::Away);
        QCOMPARE(documentOf(sent[1])->bestNote(), QStringLiteral("back at 3"));
    }
    QCOMPARE(int(notifies(dave).size()), 1); // pending watchers learn nothing
    // Invisible: closed, no note.
    answer(bob);
    presence->setPresence(PresenceStatus::Offline, QStringLiteral("secret"));
    const auto doc = documentOf(notifies(bob).back());
    QCOMPARE(doc->status(), PresenceStatus::Offline);
    QVERIFY(doc->bestNote().isEmpty());
}

void TestOwnPresence::refreshExpiryAndUnsubscribe()
{
    presence->setAllowedWatchers(
            { QStringLiteral("sip:bob@example.com"), QStringLiteral("sip:carol@example.com") });
    Watcher bob("bob", "192.0.2.20");
    subscribe(bob, 600);
    answer(bob);
    // RFC 6665 §4.2.1.2: a refresh gets a 200 and a NOTIFY with the current state.
    clock->advance(500s);
    channel->inject(bob.inDialog(600), bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 200);
    QCOMPARE(channel->lastResponse().expires(), int64_t(600));
    auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(stateOf(sent[1]), std::string("active;expires=600"));
    answer(bob);
    // Not refreshed again: it times out 600 s after the refresh (§4.2.2: reason=timeout).
    clock->advance(599s);
    QCOMPARE(int(notifies(bob).size()), 2);
    clock->advance(1s);
    sent = notifies(bob);
    QCOMPARE(int(sent.size()), 3);
    QCOMPARE(stateOf(sent[2]), std::string("terminated;reason=timeout"));
    answer(bob);
    QCOMPARE(presence->watcherCount(), 0);

    // Expires: 0 in the dialog: 200, then a final NOTIFY with our state (§4.2.1.4).
    Watcher carol("carol", "192.0.2.22");
    subscribe(carol);
    answer(carol);
    channel->inject(carol.inDialog(0), carol.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 200);
    sent = notifies(carol);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(stateOf(sent[1]), std::string("terminated;reason=timeout"));
    QCOMPARE(documentOf(sent[1])->status(), PresenceStatus::Available);
    answer(carol);
    QCOMPARE(presence->watcherCount(), 0);
    // A request in the finished dialog: 481.
    channel->inject(carol.inDialog(600), carol.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 481);
}

void TestOwnPresence::otherEventPackageRefused()
{
    Watcher bob("bob", "192.0.2.20");
    // RFC 6665 §8.3.2 / §4.2.1.1: a package we do not serve gets 489 with Allow-Events.
    const SipMessage refused = subscribe(bob, 3600, "message-summary");
    QCOMPARE(refused.statusCode(), 489);
    QCOMPARE(str(refused.header("Allow-Events")), std::string("presence"));
    QVERIFY(notifies(bob).empty());
    QCOMPARE(presence->watcherCount(), 0);
    QVERIFY(requests.isEmpty());
}

void TestOwnPresence::quitTerminatesEveryWatcher()
{
    presence->setAllowedWatchers({ QStringLiteral("sip:bob@example.com") });
    QSignalSpy gone(presence.get(), &OwnPresence::allWatchersGone);
    Watcher bob("bob", "192.0.2.20"), dave("dave", "192.0.2.23");
    subscribe(bob);
    subscribe(dave); // pending
    answer(bob);
    answer(dave);
    presence->terminateAll();
    for (const Watcher *w : { &bob, &dave }) {
        const auto sent = notifies(*w);
        QCOMPARE(int(sent.size()), 2);
        QCOMPARE(stateOf(sent[1]), std::string("terminated;reason=noresource"));
    }
    answer(bob);
    QCOMPARE(gone.size(), 0);
    // The other watcher never answers: the NOTIFY times out (64*T1) and the watcher goes.
    clock->advance(33s);
    QCOMPARE(presence->watcherCount(), 0);
    QCOMPARE(gone.size(), 1);
}

QTEST_GUILESS_MAIN(TestOwnPresence)
#include "tst_ownpresence.moc"
