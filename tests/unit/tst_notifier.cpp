// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Notifier (sip/ua/Notifier.h), the presentity side of RFC 6665 / RFC 3856 for
// serverless mode, in virtual time against a fake channel: SUBSCRIBE -> 2xx + NOTIFY with
// our PIDF, the authorization policy (allow, pending -> decision, deny), setPresence()
// to every active watcher, refreshes, expiry (reason=timeout), unsubscribing, fetches,
// failed NOTIFYs, and the requests it refuses (489, 423, 406, 481).
#include "tst_presence_util.h"
#include "tst_transaction_util.h"

#include "sip/dialog/Dialog.h"
#include "sip/presence/PresenceDocument.h"
#include "sip/ua/Notifier.h"

#include <memory>
#include <set>

using namespace Sip;
using namespace PresenceTest;
using namespace TransactionTest;
using namespace std::chrono_literals;

namespace {

constexpr const char *aliceContact = "sip:alice@192.0.2.1:5060"; // us

// A watcher's phone, its SUBSCRIBE and its side of the dialog.
struct Watcher
{
    std::string user = "bob";
    std::string host = "192.0.2.20";
    std::string tag = "bob-tag";
    std::string callId = "sub-bob@example.com";
    Dialog dialog; // the watcher's (UAC) dialog, once our 2xx came

    Endpoint phone() const { return endpoint(TransportType::Udp, host.c_str(), 5060); }
    std::string uri() const { return "sip:" + user + "@example.com"; }

    SipMessage subscribe(int expires = 3600, const std::string &extra = {},
                         const std::string &event = "presence") const
    {
        std::string t = "SUBSCRIBE sip:alice@192.0.2.1:5060 SIP/2.0\r\n"
                        "Via: SIP/2.0/UDP " + host + ":5060;branch=" + newBranch() + "\r\n"
                        "Max-Forwards: 70\r\n"
                        "From: \"" + user + "\" <" + uri() + ">;tag=" + tag + "\r\n"
                        "To: <sip:alice@192.0.2.1:5060>\r\n"
                        "Call-ID: " + callId + "\r\n"
                        "CSeq: 1 SUBSCRIBE\r\n"
                        "Contact: <sip:" + user + "@" + host + ":5060>\r\n"
                        "Event: " + event + "\r\n";
        if (expires >= 0)
            t += "Expires: " + std::to_string(expires) + "\r\n";
        if (extra.find("Accept:") == std::string::npos)
            t += "Accept: application/pidf+xml\r\n";
        t += extra + "Content-Length: 0\r\n\r\n";
        return SipMessage::parse(t);
    }

    // A request in the dialog (a refresh, an unsubscribe).
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

struct Recorder
{
    QStringList changes; // "sip:bob@example.com active", ...
    std::vector<PresenceWatcher> watchers;
    QStringList asked;
};

} // namespace

class TestNotifier : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void subscribeAllowed();
    void pendingThenAllowed();
    void pendingDecisionWhileNotifyInFlight();
    void denied();
    void pendingThenDenied();
    void setPresenceNotifiesAll();
    void refreshAndExpiry();
    void unsubscribe();
    void fetch();
    void notifyFailureDropsWatcher();
    void refusedSubscribes();
    void terminateAll();
    void eventIdEchoed();
    void pending202();

private:
    Notifier *make(Notifier::Settings settings = {});
    // Bob (or another watcher) subscribes; returns our 2xx, and fills w.dialog.
    SipMessage subscribe(Watcher &w, int expires = 3600, const std::string &extra = {});
    // NOTIFYs sent to a watcher (not counting retransmissions), in order.
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
    std::unique_ptr<Notifier> notifier;
    Recorder rec;
};

void TestNotifier::init()
{
    notifier.reset();
    layer.reset();
    rec = Recorder();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    layer = std::make_unique<TransactionLayer>(*channel, *clock);
    // A minimal UA core: dialog requests to the notifier (else 481), new SUBSCRIBEs too.
    layer->setRequestHandler([this](const ServerTransactionHandle &tx, const IncomingMessage &in) {
        const SipMessage &request = in.message;
        if (request.to() && !request.to()->tag().empty()) {
            if (notifier && notifier->ownsRequest(request))
                notifier->handleRequest(tx, in);
            else
                tx.respond(481);
            return;
        }
        if (notifier && request.methodId() == Method::Subscribe) {
            notifier->handleSubscribe(tx, in, aliceContact);
            return;
        }
        tx.respond(405);
    });
}

void TestNotifier::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    notifier.reset();
    layer.reset();
}

Notifier *TestNotifier::make(Notifier::Settings settings)
{
    notifier = std::make_unique<Notifier>(*layer, resolveLiteral, settings);
    Recorder *r = &rec;
    connect(notifier.get(), &Notifier::watcherChanged, notifier.get(),
            [r](const PresenceWatcher &w) {
                r->changes << w.uri + QLatin1Char(' ') + watcherStateName(w.state)
                                + (w.reason.isEmpty() ? QString() : QLatin1Char('/') + w.reason);
                r->watchers.push_back(w);
            });
    connect(notifier.get(), &Notifier::authorizationRequested, notifier.get(),
            [r](const PresenceWatcher &w) { r->asked << w.uri; });
    return notifier.get();
}

SipMessage TestNotifier::subscribe(Watcher &w, int expires, const std::string &extra)
{
    const SipMessage request = w.subscribe(expires, extra);
    channel->inject(request, w.phone());
    const SipMessage response = channel->lastResponse();
    if (response.statusCode() >= 200 && response.statusCode() < 300) {
        std::string error;
        auto d = Dialog::createUac(request, response, &error);
        if (!d)
            qWarning("watcher dialog: %s", error.c_str());
        else
            w.dialog = *d;
    }
    return response;
}

// ---- tests ---------------------------------------------------------------------------------

void TestNotifier::subscribeAllowed()
{
    Notifier::Settings settings;
    settings.userAgent = "Parlo/0.1";
    make(settings);
    QList<PresenceWatcher> asked;
    notifier->setPolicy([&asked](const PresenceWatcher &w) {
        asked << w;
        return Notifier::Decision::Allow;
    });
    notifier->setPresence(PresenceStatus::Away, QStringLiteral("At lunch"));
    Watcher bob;
    const SipMessage ok = subscribe(bob);
    // RFC 6665 §4.2.1.1: 200 with Expires and Contact, creating the dialog.
    QCOMPARE(ok.statusCode(), 200);
    QVERIFY(!ok.to()->tag().empty());
    QCOMPARE(ok.expires(), int64_t(3600));
    QCOMPARE(ok.contacts()[0].uri().toString(), std::string(aliceContact));
    QCOMPARE(str(ok.header("Server")), std::string("Parlo/0.1"));
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0].uri, QStringLiteral("sip:bob@example.com"));
    QCOMPARE(asked[0].displayName, QStringLiteral("bob"));

    // ... and a NOTIFY at once, to the watcher's Contact, with our PIDF.
    const auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 1);
    const SipMessage &n = sent[0];
    QCOMPARE(n.requestUri().toString(), std::string("sip:bob@192.0.2.20:5060"));
    QCOMPARE(str(n.callId()), bob.callId);
    QCOMPARE(str(n.from()->tag()), str(ok.to()->tag()));
    QCOMPARE(str(n.to()->tag()), bob.tag);
    QCOMPARE(str(n.event()->package()), std::string("presence"));
    QCOMPARE(stateOf(n), std::string("active;expires=3600"));
    QCOMPARE(n.contacts()[0].uri().toString(), std::string(aliceContact));
    QCOMPARE(str(n.header("User-Agent")), std::string("Parlo/0.1"));
    QVERIFY(n.contentType()->matches("application", "pidf+xml"));
    const auto doc = documentOf(n);
    QVERIFY(doc);
    QCOMPARE(doc->entity, QStringLiteral("sip:alice@192.0.2.1:5060")); // what Bob watches
    QCOMPARE(doc->status(), PresenceStatus::Away);
    QCOMPARE(doc->bestNote(), QStringLiteral("At lunch"));

    QCOMPARE(rec.changes, QStringList({ "sip:bob@example.com active" }));
    QCOMPARE(notifier->watcherCount(), 1);
    const PresenceWatcher w = notifier->watchers().first();
    QCOMPARE(w.state, WatcherState::Active);
    QCOMPARE(w.expires, 3600);
    QVERIFY(!w.id.isEmpty());
    QVERIFY(rec.asked.isEmpty());
    answer(bob);
    QCOMPARE(notifier->watcherCount(), 1);
}

void TestNotifier::pendingThenAllowed()
{
    make(); // no policy: every watcher pending
    Watcher bob;
    const SipMessage ok = subscribe(bob);
    QCOMPARE(ok.statusCode(), 200); // RFC 6665 §8.3.1: not 202
    QCOMPARE(rec.asked, QStringList({ "sip:bob@example.com" }));
    auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 1);
    // RFC 3856 §6.6.2: pending, and nothing about us.
    QCOMPARE(stateOf(sent[0]), std::string("pending;expires=3600"));
    QVERIFY(sent[0].body().empty());
    answer(bob);
    clock->advance(10s);
    // The app says yes: an active NOTIFY with the body.
    QVERIFY(notifier->authorize(QStringLiteral("sip:bob@EXAMPLE.com"), true));
    sent = notifies(bob);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(stateOf(sent[1]), std::string("active;expires=3590"));
    QCOMPARE(documentOf(sent[1])->status(), PresenceStatus::Available);
    QCOMPARE(rec.changes, QStringList({ "sip:bob@example.com pending", "sip:bob@example.com active" }));
    // Nothing is pending any more.
    QVERIFY(!notifier->authorize(QStringLiteral("sip:bob@example.com"), true));
    QVERIFY(!notifier->authorize(QStringLiteral("sip:carol@example.com"), true));
}

void TestNotifier::pendingDecisionWhileNotifyInFlight()
{
    make();
    Watcher bob;
    subscribe(bob);
    // The pending NOTIFY is not answered yet: the active one waits for it.
    QVERIFY(notifier->authorize(QStringLiteral("sip:bob@example.com"), true));
    QCOMPARE(int(notifies(bob).size()), 1);
    answer(bob);
    const auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(sent[1].subscriptionState()->state(), std::string_view("active"));
    QVERIFY(!sent[1].body().empty());
    QVERIFY(sent[1].cseq()->number() > sent[0].cseq()->number());
}

void TestNotifier::denied()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Deny; });
    Watcher bob;
    const SipMessage ok = subscribe(bob);
    QCOMPARE(ok.statusCode(), 200);
    const auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 1);
    QCOMPARE(stateOf(sent[0]), std::string("terminated;reason=rejected"));
    QVERIFY(sent[0].body().empty());
    QCOMPARE(rec.changes, QStringList({ "sip:bob@example.com terminated/rejected" }));
    QCOMPARE(notifier->watcherCount(), 1); // until the NOTIFY is answered
    answer(bob);
    QCOMPARE(notifier->watcherCount(), 0);
    // The dialog is gone: a refresh gets 481.
    channel->inject(bob.inDialog(3600), bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 481);
    // setPresence sends it nothing.
    notifier->setPresence(PresenceStatus::Busy);
    QCOMPARE(int(notifies(bob).size()), 1);
}

void TestNotifier::pendingThenDenied()
{
    make();
    Watcher bob;
    subscribe(bob);
    answer(bob);
    QVERIFY(notifier->authorize(QStringLiteral("sip:bob@example.com"), false));
    const auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(stateOf(sent[1]), std::string("terminated;reason=rejected"));
    QVERIFY(sent[1].body().empty());
    answer(bob);
    QCOMPARE(notifier->watcherCount(), 0);
}

void TestNotifier::setPresenceNotifiesAll()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &w) {
        return w.uri.contains(QStringLiteral("dave")) ? Notifier::Decision::Pending
                                                     : Notifier::Decision::Allow;
    });
    Watcher bob;
    Watcher carol;
    carol.user = "carol";
    carol.host = "192.0.2.21";
    carol.tag = "carol-tag";
    carol.callId = "sub-carol@example.com";
    Watcher dave;
    dave.user = "dave";
    dave.host = "192.0.2.22";
    dave.tag = "dave-tag";
    dave.callId = "sub-dave@example.com";
    for (Watcher *w : { &bob, &carol, &dave }) {
        subscribe(*w);
        answer(*w);
    }
    QCOMPARE(notifier->watcherCount(), 3);
    notifier->setPresence(PresenceStatus::Busy, QStringLiteral("Meeting"));
    // Every active watcher hears of it; the pending one does not.
    for (Watcher *w : { &bob, &carol }) {
        const auto sent = notifies(*w);
        QCOMPARE(int(sent.size()), 2);
        QCOMPARE(sent[1].subscriptionState()->state(), std::string_view("active"));
        QCOMPARE(documentOf(sent[1])->status(), PresenceStatus::Busy);
        QCOMPARE(documentOf(sent[1])->bestNote(), QStringLiteral("Meeting"));
    }
    QCOMPARE(int(notifies(dave).size()), 1);
    // Two changes before Bob answers: he gets the latest once his NOTIFY is answered.
    answer(carol);
    notifier->setPresence(PresenceStatus::Away);
    notifier->setPresence(PresenceStatus::OnThePhone);
    QCOMPARE(int(notifies(bob).size()), 2);
    QCOMPARE(int(notifies(carol).size()), 3); // answered: sent at once, then the next waits
    answer(bob);
    QCOMPARE(int(notifies(bob).size()), 3);
    QCOMPARE(documentOf(notifies(bob).back())->status(), PresenceStatus::OnThePhone);
    answer(carol);
    QCOMPARE(int(notifies(carol).size()), 4);
    QCOMPARE(documentOf(notifies(carol).back())->status(), PresenceStatus::OnThePhone);
    // A whole document works too.
    answer(bob);
    answer(carol);
    PresenceDocument doc = PresenceDocument::forOwnStatus(QStringLiteral("sip:alice@example.com"),
                                                          PresenceStatus::DoNotDisturb);
    notifier->setPresence(doc);
    QCOMPARE(documentOf(notifies(bob).back())->entity, QStringLiteral("sip:alice@example.com"));
    QCOMPARE(documentOf(notifies(bob).back())->status(), PresenceStatus::DoNotDisturb);
}

void TestNotifier::refreshAndExpiry()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Allow; });
    Watcher bob;
    subscribe(bob, 600);
    answer(bob);
    // A refresh at 500 s: 200 with Expires, and a NOTIFY with the state (§4.2.1.2).
    clock->advance(500s);
    channel->inject(bob.inDialog(600), bob.phone());
    const SipMessage ok = channel->lastResponse();
    QCOMPARE(ok.statusCode(), 200);
    QCOMPARE(ok.expires(), int64_t(600));
    auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(stateOf(sent[1]), std::string("active;expires=600"));
    answer(bob);
    // Not refreshed again: at 1100 s it runs out (§4.2.2: reason=timeout).
    clock->advance(599s);
    QCOMPARE(int(notifies(bob).size()), 2);
    clock->advance(1s);
    sent = notifies(bob);
    QCOMPARE(int(sent.size()), 3);
    QCOMPARE(stateOf(sent[2]), std::string("terminated;reason=timeout"));
    QVERIFY(sent[2].body().empty());
    QCOMPARE(rec.changes.last(), QStringLiteral("sip:bob@example.com terminated/timeout"));
    answer(bob);
    QCOMPARE(notifier->watcherCount(), 0);
}

void TestNotifier::unsubscribe()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Allow; });
    notifier->setPresence(PresenceStatus::Busy);
    Watcher bob;
    subscribe(bob);
    answer(bob);
    clock->advance(30s);
    channel->inject(bob.inDialog(0), bob.phone());
    const SipMessage ok = channel->lastResponse();
    QCOMPARE(ok.statusCode(), 200);
    QCOMPARE(ok.expires(), int64_t(0));
    // §4.2.1.4: a final NOTIFY, terminated, with our state one last time.
    const auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 2);
    QCOMPARE(stateOf(sent[1]), std::string("terminated;reason=timeout"));
    QCOMPARE(documentOf(sent[1])->status(), PresenceStatus::Busy);
    answer(bob);
    QCOMPARE(notifier->watcherCount(), 0);
    // No expiry NOTIFY later.
    clock->advance(2h);
    QCOMPARE(int(notifies(bob).size()), 2);
}

void TestNotifier::fetch()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Allow; });
    Watcher bob;
    const SipMessage ok = subscribe(bob, 0);
    QCOMPARE(ok.statusCode(), 200);
    QCOMPARE(ok.expires(), int64_t(0));
    const auto sent = notifies(bob);
    QCOMPARE(int(sent.size()), 1);
    QCOMPARE(stateOf(sent[0]), std::string("terminated;reason=timeout"));
    QCOMPARE(documentOf(sent[0])->status(), PresenceStatus::Available);
    answer(bob);
    QCOMPARE(notifier->watcherCount(), 0);
}

void TestNotifier::notifyFailureDropsWatcher()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Allow; });
    Watcher bob;
    subscribe(bob);
    answer(bob, 481); // the watcher forgot the subscription
    QCOMPARE(notifier->watcherCount(), 0);
    QCOMPARE(rec.watchers.back().state, WatcherState::Terminated);
    QVERIFY(rec.watchers.back().error.startsWith(QStringLiteral("481")));
    channel->inject(bob.inDialog(3600), bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 481);

    // No answer at all (Timer F): dropped after 32 s.
    Watcher carol;
    carol.user = "carol";
    carol.host = "192.0.2.21";
    carol.tag = "carol-tag";
    carol.callId = "sub-carol@example.com";
    subscribe(carol);
    answer(carol);
    notifier->setPresence(PresenceStatus::Away);
    QCOMPARE(notifier->watcherCount(), 1);
    clock->advance(32s);
    QCOMPARE(notifier->watcherCount(), 0);
    QVERIFY(rec.watchers.back().error.startsWith(QStringLiteral("408")));
}

void TestNotifier::refusedSubscribes()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Allow; });
    Watcher bob;
    // Another package: 489 with Allow-Events (RFC 6665 §8.3.2).
    channel->inject(bob.subscribe(3600, {}, "dialog"), bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 489);
    QCOMPARE(str(channel->lastResponse().header("Allow-Events")), std::string("presence"));
    // Too brief: 423 with Min-Expires.
    channel->inject(bob.subscribe(10), bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 423);
    QCOMPARE(channel->lastResponse().minExpires(), int64_t(60));
    // Takes no PIDF: 406.
    channel->inject(bob.subscribe(3600, "Accept: text/plain\r\n"), bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 406);
    QCOMPARE(notifier->watcherCount(), 0);
    QVERIFY(channel->count("NOTIFY") == 0);
    // Too long: lowered to the maximum. No Expires: the default.
    SipMessage ok = subscribe(bob, 86400);
    QCOMPARE(ok.expires(), int64_t(3600));
    Watcher carol;
    carol.user = "carol";
    carol.host = "192.0.2.21";
    carol.tag = "carol-tag";
    carol.callId = "sub-carol@example.com";
    ok = subscribe(carol, -1);
    QCOMPARE(ok.expires(), int64_t(3600));
    QCOMPARE(notifier->watcherCount(), 2);
    // A refresh that is too brief: 423, the subscription unchanged.
    answer(bob);
    channel->inject(bob.inDialog(5), bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 423);
    QCOMPARE(notifier->watcherCount(), 2);
}

void TestNotifier::terminateAll()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Allow; });
    Watcher bob;
    Watcher carol;
    carol.user = "carol";
    carol.host = "192.0.2.21";
    carol.tag = "carol-tag";
    carol.callId = "sub-carol@example.com";
    subscribe(bob);
    subscribe(carol);
    answer(bob);
    notifier->terminateAll();
    // Bob's goes at once; Carol's after her first NOTIFY is answered.
    QCOMPARE(stateOf(notifies(bob).back()), std::string("terminated;reason=noresource"));
    QCOMPARE(int(notifies(carol).size()), 1);
    answer(carol);
    QCOMPARE(stateOf(notifies(carol).back()), std::string("terminated;reason=noresource"));
    answer(bob);
    answer(carol);
    QCOMPARE(notifier->watcherCount(), 0);
}

void TestNotifier::eventIdEchoed()
{
    make();
    notifier->setPolicy([](const PresenceWatcher &) { return Notifier::Decision::Allow; });
    Watcher bob;
    const SipMessage request = bob.subscribe(3600);
    std::string text = request.toString();
    const size_t at = text.find("Event: presence");
    text.replace(at, 15, "Event: presence;id=42");
    channel->injectText(text, bob.phone());
    QCOMPARE(channel->lastResponse().statusCode(), 200);
    // RFC 6665 §8.2.1: the NOTIFY carries the same id.
    QCOMPARE(str(notifies(bob).back().event()->id()), std::string("42"));
}

void TestNotifier::pending202()
{
    Notifier::Settings settings;
    settings.pendingResponseCode = 202;
    make(settings);
    Watcher bob;
    const SipMessage ok = subscribe(bob);
    QCOMPARE(ok.statusCode(), 202); // for RFC 3265 watchers
    QCOMPARE(stateOf(notifies(bob).back()), std::string("pending;expires=3600"));
}

QTEST_GUILESS_MAIN(TestNotifier)
#include "tst_notifier.moc"
