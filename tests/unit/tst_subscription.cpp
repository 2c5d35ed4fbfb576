// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Subscription (sip/ua/Subscription.h), the subscriber side of RFC 6665 / RFC 3856, in
// virtual time against a fake channel: the SUBSCRIBE, the dialog from the 2xx or from a
// NOTIFY that overtakes it, refreshes, NOTIFY handling (PIDF, malformed bodies, forks,
// CSeq order), Subscription-State reasons, failures and back-off, Timer N, 423, 489,
// authentication and unsubscribing.
#include "tst_transaction_util.h"

#include "sip/auth/CredentialCache.h"
#include "sip/dialog/Dialog.h"
#include "sip/presence/PresenceDocument.h"
#include "sip/ua/Subscription.h"

#include <memory>
#include <set>

using namespace Sip;
using namespace TransactionTest;
using namespace std::chrono_literals;

namespace {

// The proxy every initial SUBSCRIBE goes through is udpPeer() (192.0.2.10:5060); the
// presence server (the notifier) answers with this Contact.
constexpr const char *aliceContact = "sip:alice@192.0.2.1:5060";
constexpr const char *serverContact = "sip:presence@192.0.2.40:5060";

Endpoint presenceServer()
{
    return endpoint(TransportType::Udp, "192.0.2.40", 5060);
}

std::string pidf(PresenceStatus status, const QString &note)
{
    return PresenceDocument::forOwnStatus(QStringLiteral("sip:bob@example.com"), status, note)
            .toXml()
            .toStdString();
}

// The notifier's side of one subscription: its UAS dialog and the NOTIFYs it sends.
struct Notifier
{
    Dialog dialog;

    SipMessage notify(const std::string &state, const std::string &body = {},
                      const std::string &type = "application/pidf+xml",
                      const std::string &event = "presence")
    {
        SipMessage n = dialog.createRequest("NOTIFY");
        n.prependHeader("Via", "SIP/2.0/UDP 192.0.2.40:5060;branch=" + newBranch());
        n.addHeader("Event", event);
        if (!state.empty())
            n.addHeader("Subscription-State", state);
        if (body.empty())
            n.setBody({}, {});
        else
            n.setBody(type, body);
        return n;
    }
};

struct Recorder
{
    QStringList phases; // "active", "retrying/481", ...
    std::vector<SubscriptionStatus> statuses;
    std::vector<PresenceUpdate> presences;
    QStringList rejected;
    QStringList notified;
    int ended = 0;

    SubscriptionStatus last() const
    {
        return statuses.empty() ? SubscriptionStatus() : statuses.back();
    }
};

} // namespace

class TestSubscription : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void subscribeContent();
    void okThenNotifyActive();
    void notifyBeforeOk();
    void pendingThenActive();
    void refreshTiming();
    void notifyExpiresRetimesRefresh();
    void terminatedDeactivated();
    void terminatedTimeout();
    void terminatedRejected();
    void terminatedProbationRetryAfter();
    void refresh481Backoff();
    void backoffIsBounded();
    void malformedPidfKeepsState();
    void notifyChecks();
    void forkedNotify();
    void timerN();
    void unsubscribe();
    void unsubscribeWithoutFinalNotify();
    void unsubscribeBeforeDialog();
    void proxyAuthentication();
    void wrongPassword();
    void badEvent();
    void intervalTooBrief();
    void permanentFailure();
    void otherPackage();
    void resubscribeAfterNetworkChange();

private:
    Subscription *start(Subscription::Settings settings = {}, Subscription::Params params = {});
    Subscription::Params aliceParams() const;
    // Answers the last SUBSCRIBE with 200 (and makes the notifier's dialog).
    Notifier accept(int expires = 3600, const std::string &tag = "srv-tag");
    // The usual start: 200, then NOTIFY active with Bob away.
    Notifier established();
    void inject(const SipMessage &m, const Endpoint &from = udpPeer()) { channel->inject(m, from); }
    // SUBSCRIBE requests sent, not counting retransmissions (distinct branches).
    int subscribes() const { return channel->countDistinct("SUBSCRIBE"); }
    // Responses we sent with this code (to NOTIFYs).
    int responses(int code) const
    {
        int n = 0;
        for (const auto &s : channel->sent)
            n += s.message.isResponse() && s.message.statusCode() == code;
        return n;
    }

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::unique_ptr<Subscription> sub;
    Recorder rec;
};

void TestSubscription::init()
{
    sub.reset();
    layer.reset();
    rec = Recorder();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    layer = std::make_unique<TransactionLayer>(*channel, *clock);
    // A minimal UA core: requests the subscription claims go to it, the rest get 481.
    layer->setRequestHandler([this](const ServerTransactionHandle &tx, const IncomingMessage &in) {
        if (sub && sub->ownsRequest(in.message)) {
            sub->handleRequest(tx, in);
            return;
        }
        tx.respond(481);
    });
}

void TestSubscription::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    sub.reset();
    layer.reset();
}

Subscription::Params TestSubscription::aliceParams() const
{
    Subscription::Params p;
    p.fromUri = "sip:alice@example.com";
    p.displayName = "Alice";
    p.targetUri = "sip:bob@example.com";
    p.contact = aliceContact;
    p.destination = udpPeer();
    return p;
}

Subscription *TestSubscription::start(Subscription::Settings settings, Subscription::Params params)
{
    sub = std::make_unique<Subscription>(*layer, resolveLiteral, settings);
    Recorder *r = &rec;
    Subscription *s = sub.get();
    connect(s, &Subscription::statusChanged, s, [r](const SubscriptionStatus &status) {
        QString text = subscriptionPhaseName(status.phase);
        if (status.statusCode)
            text += QLatin1Char('/') + QString::number(status.statusCode);
        if (!status.reason.isEmpty())
            text += QLatin1Char('/') + status.reason;
        if (r->phases.isEmpty() || r->phases.last() != text)
            r->phases << text;
        r->statuses.push_back(status);
    });
    connect(s, &Subscription::presenceChanged, s,
            [r](const PresenceUpdate &p) { r->presences.push_back(p); });
    connect(s, &Subscription::documentRejected, s, [r](const QString &why) { r->rejected << why; });
    connect(s, &Subscription::notified, s,
            [r](const QString &type, const QByteArray &) { r->notified << type; });
    connect(s, &Subscription::ended, s, [r] { ++r->ended; });
    if (params.targetUri.empty())
        params = aliceParams();
    QString error;
    if (!sub->subscribe(params, &error)) {
        qWarning("subscribe: %s", qPrintable(error));
        return nullptr;
    }
    return sub.get();
}

Notifier TestSubscription::accept(int expires, const std::string &tag)
{
    const SipMessage subscribe = channel->last("SUBSCRIBE");
    SipMessage ok = makeResponse(subscribe, 200, {}, tag);
    ok.addHeader("Contact", std::string("<") + serverContact + ">");
    ok.addHeader("Expires", std::to_string(expires));
    Notifier n;
    std::string error;
    auto d = Dialog::createUas(subscribe, ok, &error);
    if (!d)
        qWarning("notifier dialog: %s", error.c_str());
    else
        n.dialog = *d;
    n.dialog.setLocalContact(serverContact);
    inject(ok);
    return n;
}

Notifier TestSubscription::established()
{
    Notifier n = accept();
    inject(n.notify("active;expires=3600", pidf(PresenceStatus::Away, QStringLiteral("At lunch"))),
           presenceServer());
    return n;
}

// ---- tests ---------------------------------------------------------------------------------

void TestSubscription::subscribeContent()
{
    Subscription::Settings settings;
    settings.userAgent = "Parlo/0.1";
    QVERIFY(start(settings));
    QCOMPARE(sub->phase(), SubscriptionPhase::Subscribing);
    QCOMPARE(subscribes(), 1);
    const FakeChannel::Sent sent = channel->lastSent("SUBSCRIBE");
    QCOMPARE(sent.destination, udpPeer());
    const SipMessage &s = sent.message;
    QCOMPARE(s.requestUri().toString(), std::string("sip:bob@example.com"));
    QCOMPARE(s.from()->uri().toString(), std::string("sip:alice@example.com"));
    QCOMPARE(s.from()->displayNameText(), std::string("Alice"));
    QVERIFY(!s.from()->tag().empty());
    QCOMPARE(str(s.from()->tag()), sub->localTag());
    QCOMPARE(s.to()->uri().toString(), std::string("sip:bob@example.com"));
    QVERIFY(s.to()->tag().empty());
    QCOMPARE(str(s.callId()), sub->callId());
    QCOMPARE(s.cseq()->number(), 1u);
    QCOMPARE(s.maxForwards(), 70);
    // RFC 6665 §4.1.2.1 / RFC 3856 §6: Event, Accept, Expires, Contact.
    QVERIFY(s.event());
    QCOMPARE(str(s.event()->package()), std::string("presence"));
    QVERIFY(s.hasAccept());
    QCOMPARE(int(s.accept().size()), 1);
    QVERIFY(s.accept()[0].matches("application", "pidf+xml"));
    QCOMPARE(s.expires(), int64_t(3600));
    QCOMPARE(int(s.contacts().size()), 1);
    QCOMPARE(s.contacts()[0].uri().toString(), std::string(aliceContact));
    QCOMPARE(str(s.header("User-Agent")), std::string("Parlo/0.1"));
    QVERIFY(std::find(s.allow().begin(), s.allow().end(), std::string_view("NOTIFY"))
            != s.allow().end());
    QCOMPARE(s.contentLength(), int64_t(0));

    // Used once; bad parameters refused without a signal.
    QString error;
    QVERIFY(!sub->subscribe(aliceParams(), &error));
    QVERIFY(!error.isEmpty());
    Subscription other(*layer, resolveLiteral);
    Subscription::Params p = aliceParams();
    p.targetUri = "not a uri";
    QVERIFY(!other.subscribe(p, &error));
    p = aliceParams();
    p.contact.clear();
    QVERIFY(!other.subscribe(p, &error));
    QCOMPARE(other.phase(), SubscriptionPhase::Idle);
    QCOMPARE(subscribes(), 1);
}

void TestSubscription::okThenNotifyActive()
{
    QVERIFY(start());
    Notifier n = accept(3600);
    // The 2xx made the dialog; no NOTIFY yet.
    QCOMPARE(sub->phase(), SubscriptionPhase::Subscribing);
    QVERIFY(sub->dialog());
    QCOMPARE(sub->dialog()->remoteTag(), std::string("srv-tag"));
    QCOMPARE(sub->dialog()->remoteTarget(), std::string(serverContact));
    QCOMPARE(sub->status().expires, 3600);

    inject(n.notify("active;expires=3600", pidf(PresenceStatus::Away, QStringLiteral("At lunch"))),
           presenceServer());
    QCOMPARE(responses(200), 1); // §4.1.3
    const SipMessage ok = channel->lastResponse();
    QCOMPARE(str(ok.to()->tag()), sub->localTag());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    QCOMPARE(int(rec.presences.size()), 1);
    const PresenceUpdate &p = rec.presences[0];
    QCOMPARE(p.entity, QStringLiteral("sip:bob@example.com"));
    QCOMPARE(p.status, PresenceStatus::Away);
    QCOMPARE(p.note, QStringLiteral("At lunch"));
    QCOMPARE(p.contentType, QStringLiteral("application/pidf+xml"));
    QVERIFY(p.rawDocument.contains("<presence"));
    QCOMPARE(p.document.entity, QStringLiteral("sip:bob@example.com"));
    QVERIFY(sub->presence());
    QCOMPARE(rec.phases, QStringList({ "subscribing", "active" }));

    // The same document again (a refresh's NOTIFY) changes nothing; a new one is reported.
    inject(n.notify("active;expires=3500", pidf(PresenceStatus::Away, QStringLiteral("At lunch"))),
           presenceServer());
    QCOMPARE(int(rec.presences.size()), 1);
    inject(n.notify("active;expires=3400", pidf(PresenceStatus::OnThePhone, {})), presenceServer());
    QCOMPARE(int(rec.presences.size()), 2);
    QCOMPARE(rec.presences[1].status, PresenceStatus::OnThePhone);
    QCOMPARE(responses(200), 3);
    QCOMPARE(rec.notified.size(), 3);
}

void TestSubscription::notifyBeforeOk()
{
    QVERIFY(start());
    const SipMessage subscribe = channel->last("SUBSCRIBE");
    // The notifier's 200 is lost or slow; its NOTIFY comes first, through two proxies
    // that record-route (the top one is nearest to us).
    SipMessage ok = makeResponse(subscribe, 200, {}, "srv-tag");
    ok.addHeader("Contact", std::string("<") + serverContact + ">");
    ok.addHeader("Expires", "600");
    Notifier n;
    n.dialog = *Dialog::createUas(subscribe, ok);
    n.dialog.setLocalContact(serverContact);
    SipMessage notify = n.notify("active;expires=600", pidf(PresenceStatus::Busy, {}));
    notify.addHeader("Record-Route", "<sip:192.0.2.30;lr>, <sip:192.0.2.10;lr>");
    inject(notify, endpoint(TransportType::Udp, "192.0.2.30", 5060));
    QCOMPARE(responses(200), 1);
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    QVERIFY(sub->dialog());
    QCOMPARE(sub->dialog()->remoteTag(), std::string("srv-tag"));
    QCOMPARE(sub->dialog()->remoteTarget(), std::string(serverContact));
    QCOMPARE(sub->dialog()->routeSet().uris(),
             std::vector<std::string>({ "sip:192.0.2.30;lr", "sip:192.0.2.10;lr" }));
    QCOMPARE(int(rec.presences.size()), 1);
    QCOMPARE(rec.presences[0].status, PresenceStatus::Busy);
    // The refresh is timed from the NOTIFY's expires: 600 s -> 540 s.
    QCOMPARE(sub->status().expires, 600);

    // The late 200 changes nothing but the timing.
    clock->advance(1s);
    inject(ok);
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    QCOMPARE(sub->dialog()->remoteTag(), std::string("srv-tag"));
    clock->advance(539s);
    QCOMPARE(subscribes(), 1);
    clock->advance(1s);
    QCOMPARE(subscribes(), 2);
    const FakeChannel::Sent refresh = channel->lastSent("SUBSCRIBE");
    // In the dialog, through the recorded route (RFC 3261 §12.2.1.1).
    QCOMPARE(refresh.destination, endpoint(TransportType::Udp, "192.0.2.30", 5060));
    QCOMPARE(str(refresh.message.to()->tag()), std::string("srv-tag"));
    QCOMPARE(refresh.message.requestUri().toString(), std::string(serverContact));
    QCOMPARE(int(refresh.message.routes().size()), 2);
}

void TestSubscription::pendingThenActive()
{
    QVERIFY(start());
    Notifier n = accept();
    inject(n.notify("pending;expires=3600"), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Pending);
    QCOMPARE(int(rec.presences.size()), 0);
    inject(n.notify("active;expires=3590", pidf(PresenceStatus::Available, {})), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    QCOMPARE(int(rec.presences.size()), 1);
    QCOMPARE(rec.presences[0].status, PresenceStatus::Available);
    QCOMPARE(rec.phases, QStringList({ "subscribing", "pending", "active" }));
}

void TestSubscription::refreshTiming()
{
    QVERIFY(start());
    Notifier n = accept(3600);
    inject(n.notify("active", pidf(PresenceStatus::Available, {})), presenceServer());
    QVERIFY(sub->expiresAt());
    QCOMPARE(sub->expiresAt()->count(), qint64(3600000));
    // Refreshed 10 % before expiry: at 3240 s (PresenceSupport::refreshDelay).
    clock->advance(3239s);
    QCOMPARE(subscribes(), 1);
    clock->advance(1s);
    QCOMPARE(subscribes(), 2);
    const FakeChannel::Sent sent = channel->lastSent("SUBSCRIBE");
    QCOMPARE(sent.at, ms(3240000));
    QCOMPARE(sent.destination, presenceServer()); // the dialog's remote target
    const SipMessage refresh = sent.message;
    const SipMessage first = channel->sent.front().message;
    QCOMPARE(str(refresh.callId()), str(first.callId()));
    QCOMPARE(str(refresh.from()->tag()), str(first.from()->tag()));
    QCOMPARE(str(refresh.to()->tag()), std::string("srv-tag"));
    QCOMPARE(refresh.cseq()->number(), 2u);
    QCOMPARE(refresh.expires(), int64_t(3600));
    QCOMPARE(str(refresh.event()->package()), std::string("presence"));
    QVERIFY(refresh.hasAccept());
    QCOMPARE(refresh.contacts()[0].uri().toString(), std::string(aliceContact));
    // The server grants less this time: the next refresh follows its Expires.
    SipMessage ok = makeResponse(refresh, 200);
    ok.addHeader("Expires", "300");
    inject(ok, presenceServer());
    QCOMPARE(sub->status().expires, 300);
    clock->advance(267s); // 300 - 32
    QCOMPARE(subscribes(), 2);
    clock->advance(1s);
    QCOMPARE(subscribes(), 3);
    QCOMPARE(channel->last("SUBSCRIBE").cseq()->number(), 3u);
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
}

void TestSubscription::notifyExpiresRetimesRefresh()
{
    QVERIFY(start());
    Notifier n = accept(3600);
    clock->advance(10s);
    // §4.1.3: the notifier shortened the subscription in its NOTIFY.
    inject(n.notify("active;expires=120", pidf(PresenceStatus::Available, {})), presenceServer());
    QCOMPARE(sub->status().expires, 120);
    clock->advance(87s);
    QCOMPARE(subscribes(), 1);
    clock->advance(1s);
    QCOMPARE(subscribes(), 2);
    QCOMPARE(channel->lastSent("SUBSCRIBE").at, ms(98000));
}

void TestSubscription::terminatedDeactivated()
{
    QVERIFY(start());
    Notifier n = established();
    const std::string oldCallId = sub->callId();
    const std::string oldTag = sub->localTag();
    clock->advance(100s);
    inject(n.notify("terminated;reason=deactivated"), presenceServer());
    QCOMPARE(responses(200), 2);
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    QCOMPARE(sub->status().reason, QStringLiteral("deactivated"));
    QCOMPARE(sub->status().retryInSeconds, 0);
    // §4.1.3: re-subscribe at once, in a new dialog.
    clock->advance(0ms);
    QCOMPARE(subscribes(), 2);
    const SipMessage again = channel->last("SUBSCRIBE");
    QVERIFY(again.to()->tag().empty());
    QVERIFY(str(again.callId()) != oldCallId);
    QVERIFY(str(again.from()->tag()) != oldTag);
    QCOMPARE(again.cseq()->number(), 1u);
    QCOMPARE(sub->phase(), SubscriptionPhase::Subscribing);
    // The last presence is kept across subscriptions.
    QVERIFY(sub->presence());
    QCOMPARE(sub->presence()->status, PresenceStatus::Away);
    // A NOTIFY of the old dialog now gets 481.
    inject(n.notify("active;expires=100", pidf(PresenceStatus::Busy, {})), presenceServer());
    QCOMPARE(responses(481), 1);
    QCOMPARE(int(rec.presences.size()), 1);
    // The new subscription works.
    Notifier n2 = accept(3600, "srv-tag-2");
    inject(n2.notify("active;expires=3600", pidf(PresenceStatus::Busy, {})), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    QCOMPARE(rec.presences.back().status, PresenceStatus::Busy);

    // A notifier that deactivates every new subscription at once is not hammered: the
    // next re-subscription waits for the back-off (5 s).
    inject(n2.notify("terminated;reason=deactivated"), presenceServer());
    QCOMPARE(sub->status().retryInSeconds, 5);
    clock->advance(4999ms);
    QCOMPARE(subscribes(), 2);
    clock->advance(1ms);
    QCOMPARE(subscribes(), 3);
}

void TestSubscription::terminatedTimeout()
{
    QVERIFY(start());
    Notifier n = established();
    clock->advance(3000s);
    inject(n.notify("terminated;reason=timeout"), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    QCOMPARE(sub->status().reason, QStringLiteral("timeout"));
    clock->advance(0ms);
    QCOMPARE(subscribes(), 2);
    QVERIFY(channel->last("SUBSCRIBE").to()->tag().empty());
    Notifier n2 = accept(3600, "srv-tag-2");
    inject(n2.notify("active", pidf(PresenceStatus::Available, {})), presenceServer());
    // The old refresh timer is gone: no in-dialog SUBSCRIBE at 3240 s.
    clock->advance(300s);
    QCOMPARE(subscribes(), 2);
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
}

void TestSubscription::terminatedRejected()
{
    QVERIFY(start());
    Notifier n = accept();
    inject(n.notify("pending;expires=3600"), presenceServer());
    inject(n.notify("terminated;reason=rejected"), presenceServer());
    QCOMPARE(responses(200), 2);
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    QCOMPARE(sub->status().reason, QStringLiteral("rejected"));
    QVERIFY(!sub->status().error.isEmpty());
    QCOMPARE(rec.ended, 0);
    clock->advance(0ms);
    QCOMPARE(rec.ended, 1);
    clock->advance(24h);
    QCOMPARE(subscribes(), 1);
    QVERIFY(sub->isEnded());
    // noresource and giveup (without retry-after) stop too.
    for (const char *reason : { "noresource", "giveup" }) {
        init();
        QVERIFY(start());
        Notifier m = established();
        inject(m.notify(std::string("terminated;reason=") + reason), presenceServer());
        QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
        clock->advance(1h);
        QCOMPARE(subscribes(), 1);
    }
}

void TestSubscription::terminatedProbationRetryAfter()
{
    QVERIFY(start());
    Notifier n = established();
    inject(n.notify("terminated;reason=probation;retry-after=90"), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    QCOMPARE(sub->status().retryInSeconds, 90);
    clock->advance(89s);
    QCOMPARE(subscribes(), 1);
    clock->advance(1s);
    QCOMPARE(subscribes(), 2);
    // giveup with retry-after: later, too.
    Notifier n2 = accept(3600, "srv-tag-2");
    inject(n2.notify("active", pidf(PresenceStatus::Available, {})), presenceServer());
    inject(n2.notify("terminated;reason=giveup;retry-after=600"), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    QCOMPARE(sub->status().retryInSeconds, 600);
}

void TestSubscription::refresh481Backoff()
{
    QVERIFY(start());
    Notifier n = established();
    const std::string oldCallId = sub->callId();
    clock->advance(3240s);
    QCOMPARE(subscribes(), 2);
    const SipMessage refresh = channel->last("SUBSCRIBE");
    inject(makeResponse(refresh, 481), presenceServer());
    // §4.1.2.2: the subscription is gone; a new one after the back-off.
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    QCOMPARE(sub->status().statusCode, 481);
    QCOMPARE(sub->status().retryInSeconds, 5);
    QVERIFY(sub->dialog()->isTerminated());
    clock->advance(4999ms);
    QCOMPARE(subscribes(), 2);
    clock->advance(1ms);
    QCOMPARE(subscribes(), 3);
    SipMessage fresh = channel->last("SUBSCRIBE");
    QVERIFY(fresh.to()->tag().empty());
    QVERIFY(str(fresh.callId()) != oldCallId);
    QCOMPARE(channel->lastSent("SUBSCRIBE").destination, udpPeer()); // the proxy again
    // It fails too (503): the back-off doubles.
    inject(makeResponse(fresh, 503));
    QCOMPARE(sub->status().retryInSeconds, 10);
    clock->advance(10s);
    QCOMPARE(subscribes(), 4);
    // A timeout (Timer F, synthetic 408): 20 s.
    clock->advance(32s);
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    QCOMPARE(sub->status().statusCode, 408);
    QCOMPARE(sub->status().retryInSeconds, 20);
    clock->advance(20s);
    QCOMPARE(subscribes(), 5);
    // Retry-After wins over the back-off.
    SipMessage busy = makeResponse(channel->last("SUBSCRIBE"), 500);
    busy.addHeader("Retry-After", "120");
    inject(busy);
    QCOMPARE(sub->status().retryInSeconds, 120);
    // Success resets nothing until the subscription has lived: then a failure starts at 5 s.
    clock->advance(120s);
    Notifier n2 = accept(3600, "srv-tag-2");
    inject(n2.notify("active", pidf(PresenceStatus::Available, {})), presenceServer());
    clock->advance(3240s);
    inject(makeResponse(channel->last("SUBSCRIBE"), 408), presenceServer());
    QCOMPARE(sub->status().retryInSeconds, 5);
}

void TestSubscription::backoffIsBounded()
{
    Subscription::Settings settings;
    settings.firstRetry = 5s;
    settings.maxRetry = 60s;
    QVERIFY(start(settings));
    QList<int> delays;
    for (int i = 0; i < 7; ++i) {
        inject(makeResponse(channel->last("SUBSCRIBE"), 503));
        delays << sub->status().retryInSeconds;
        clock->advance(std::chrono::seconds(sub->status().retryInSeconds));
    }
    QCOMPARE(delays, QList<int>({ 5, 10, 20, 40, 60, 60, 60 }));
    QCOMPARE(subscribes(), 8);
}

void TestSubscription::malformedPidfKeepsState()
{
    QVERIFY(start());
    Notifier n = established();
    QCOMPARE(int(rec.presences.size()), 1);
    inject(n.notify("active;expires=3000",
                    "<?xml version=\"1.0\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" "
                    "entity=\"sip:bob@example.com\"><tuple id=\"a\"><status><basic>open"),
           presenceServer());
    // §4.1.3: still 200; the last good state stays; the reason is reported.
    QCOMPARE(responses(200), 2);
    QCOMPARE(channel->lastResponse().statusCode(), 200);
    QCOMPARE(int(rec.presences.size()), 1);
    QCOMPARE(sub->presence()->status, PresenceStatus::Away);
    QCOMPARE(rec.rejected.size(), 1);
    QVERIFY(rec.rejected[0].contains(QStringLiteral("malformed PIDF")));
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    // A body of another type: reported the same way.
    inject(n.notify("active", "hello", "text/plain"), presenceServer());
    QCOMPARE(channel->lastResponse().statusCode(), 200);
    QCOMPARE(rec.rejected.size(), 2);
    QVERIFY(rec.rejected[1].contains(QStringLiteral("text/plain")));
    // And a good one afterwards is taken.
    inject(n.notify("active", pidf(PresenceStatus::DoNotDisturb, QStringLiteral("Focus"))),
           presenceServer());
    QCOMPARE(int(rec.presences.size()), 2);
    QCOMPARE(rec.presences[1].status, PresenceStatus::DoNotDisturb);
    QCOMPARE(rec.presences[1].note, QStringLiteral("Focus"));
}

void TestSubscription::notifyChecks()
{
    QVERIFY(start());
    Notifier n = established();
    // Another event package: 489 (§8.2.1).
    inject(n.notify("active", pidf(PresenceStatus::Busy, {}), "application/pidf+xml", "dialog"),
           presenceServer());
    QCOMPARE(channel->lastResponse().statusCode(), 489);
    // No Subscription-State: 400.
    inject(n.notify("", pidf(PresenceStatus::Busy, {})), presenceServer());
    QCOMPARE(channel->lastResponse().statusCode(), 400);
    // Out of CSeq order: 500 (RFC 3261 §12.2.2).
    Notifier stale = n;
    stale.dialog.setLocalCseq(*n.dialog.localCseq() - 5);
    inject(stale.notify("active", pidf(PresenceStatus::Busy, {})), presenceServer());
    QCOMPARE(channel->lastResponse().statusCode(), 500);
    QCOMPARE(int(rec.presences.size()), 1);
    // Something other than NOTIFY in our dialog: 405.
    SipMessage info = n.dialog.createRequest("INFO");
    info.prependHeader("Via", "SIP/2.0/UDP 192.0.2.40:5060;branch=" + newBranch());
    info.setBody({}, {});
    inject(info, presenceServer());
    QCOMPARE(channel->lastResponse().statusCode(), 405);
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
}

void TestSubscription::forkedNotify()
{
    QVERIFY(start());
    Notifier n = established();
    // A second notifier (a fork of the SUBSCRIBE) sends its own NOTIFY: only the first
    // dialog is kept; the other one gets 481 (§4.5.2).
    const SipMessage subscribe = channel->sent.front().message;
    SipMessage ok2 = makeResponse(subscribe, 200, {}, "fork-tag");
    ok2.addHeader("Contact", "<sip:bob@192.0.2.50:5060>");
    Notifier fork;
    fork.dialog = *Dialog::createUas(subscribe, ok2);
    inject(fork.notify("active", pidf(PresenceStatus::Busy, {})),
           endpoint(TransportType::Udp, "192.0.2.50", 5060));
    QCOMPARE(channel->lastResponse().statusCode(), 481);
    QCOMPARE(int(rec.presences.size()), 1);
    QCOMPARE(sub->dialog()->remoteTag(), std::string("srv-tag"));
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
}

void TestSubscription::timerN()
{
    QVERIFY(start());
    accept();
    // §4.1.2.4: no NOTIFY within 64*T1 of the SUBSCRIBE: the subscription failed.
    clock->advance(31999ms);
    QCOMPARE(sub->phase(), SubscriptionPhase::Subscribing);
    clock->advance(1ms);
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    QCOMPARE(sub->status().statusCode, 408);
    QVERIFY(sub->status().error.contains(QStringLiteral("Timer N")));
    clock->advance(5s);
    QCOMPARE(subscribes(), 2);
}

void TestSubscription::unsubscribe()
{
    QVERIFY(start());
    Notifier n = established();
    clock->advance(60s);
    sub->unsubscribe();
    QCOMPARE(sub->phase(), SubscriptionPhase::Unsubscribing);
    QCOMPARE(subscribes(), 2);
    const FakeChannel::Sent sent = channel->lastSent("SUBSCRIBE");
    QCOMPARE(sent.destination, presenceServer());
    QCOMPARE(sent.message.expires(), int64_t(0)); // RFC 6665 §4.1.2.3
    QCOMPARE(str(sent.message.to()->tag()), std::string("srv-tag"));
    QCOMPARE(sent.message.cseq()->number(), 2u);
    SipMessage ok = makeResponse(sent.message, 200);
    ok.addHeader("Expires", "0");
    inject(ok, presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Unsubscribing);
    // The final NOTIFY (with the last state) ends it.
    inject(n.notify("terminated;reason=timeout", pidf(PresenceStatus::Offline, {})),
           presenceServer());
    QCOMPARE(channel->lastResponse().statusCode(), 200);
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    QVERIFY(sub->status().error.isEmpty());
    QCOMPARE(rec.presences.back().status, PresenceStatus::Offline);
    clock->advance(0ms);
    QCOMPARE(rec.ended, 1);
    // Nothing more: no refresh, no retry.
    clock->advance(2h);
    QCOMPARE(subscribes(), 2);
    QCOMPARE(rec.phases.last(), QStringLiteral("terminated/timeout"));
    // A second unsubscribe is a no-op.
    sub->unsubscribe();
    QCOMPARE(subscribes(), 2);
}

void TestSubscription::unsubscribeWithoutFinalNotify()
{
    QVERIFY(start());
    established();
    sub->unsubscribe();
    inject(makeResponse(channel->last("SUBSCRIBE"), 200), presenceServer());
    clock->advance(31999ms);
    QCOMPARE(sub->phase(), SubscriptionPhase::Unsubscribing);
    clock->advance(1ms);
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    clock->advance(0ms);
    QCOMPARE(rec.ended, 1);

    // A failure response ends it at once, too.
    init();
    QVERIFY(start());
    established();
    sub->unsubscribe();
    inject(makeResponse(channel->last("SUBSCRIBE"), 481), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    clock->advance(0ms);
    QCOMPARE(rec.ended, 1);
    QCOMPARE(subscribes(), 2);
}

void TestSubscription::unsubscribeBeforeDialog()
{
    // Before any answer: the unsubscribe waits for the dialog, then goes out.
    QVERIFY(start());
    sub->unsubscribe();
    QCOMPARE(sub->phase(), SubscriptionPhase::Unsubscribing);
    QCOMPARE(subscribes(), 1);
    Notifier n = accept();
    QCOMPARE(subscribes(), 2);
    QCOMPARE(channel->last("SUBSCRIBE").expires(), int64_t(0));
    // The first NOTIFY (active) does not revive it; the final one ends it.
    inject(n.notify("active;expires=3600", pidf(PresenceStatus::Busy, {})), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Unsubscribing);
    inject(n.notify("terminated;reason=timeout"), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);

    // While a retry is pending, it ends at once.
    init();
    QVERIFY(start());
    inject(makeResponse(channel->last("SUBSCRIBE"), 503));
    QCOMPARE(sub->phase(), SubscriptionPhase::Retrying);
    sub->unsubscribe();
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    clock->advance(1h);
    QCOMPARE(subscribes(), 1);
    QCOMPARE(rec.ended, 1);
}

void TestSubscription::proxyAuthentication()
{
    CredentialCache credentials;
    credentials.store({ QStringLiteral("alice"), QStringLiteral("secret"), QString() });
    Subscription::Params params = aliceParams();
    params.credentials = &credentials;
    QVERIFY(start({}, params));
    const SipMessage first = channel->last("SUBSCRIBE");
    SipMessage challenge = makeResponse(first, 407, {}, "proxy-tag");
    challenge.addHeader("Proxy-Authenticate",
                        "Digest realm=\"example.com\", nonce=\"n-1\", algorithm=MD5, qop=\"auth\"");
    inject(challenge);
    // RFC 3261 §22.2: the same SUBSCRIBE, CSeq + 1, credentials, same Call-ID and tag.
    QCOMPARE(subscribes(), 2);
    const SipMessage second = channel->last("SUBSCRIBE");
    QCOMPARE(second.cseq()->number(), 2u);
    QCOMPARE(str(second.callId()), str(first.callId()));
    QCOMPARE(str(second.from()->tag()), str(first.from()->tag()));
    QVERIFY(second.to()->tag().empty());
    QVERIFY(contains(second.header("Proxy-Authorization"), "username=\"alice\""));
    QVERIFY(contains(second.header("Proxy-Authorization"), "nonce=\"n-1\""));
    QCOMPARE(sub->phase(), SubscriptionPhase::Subscribing);
    Notifier n = accept();
    QCOMPARE(sub->dialog()->localCseq(), std::optional<uint32_t>(2));
    inject(n.notify("active;expires=3600", pidf(PresenceStatus::Available, {})), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    // The refresh is challenged again (new nonce) and answered with CSeq + 1.
    clock->advance(3240s);
    const SipMessage refresh = channel->last("SUBSCRIBE");
    QCOMPARE(refresh.cseq()->number(), 3u);
    SipMessage challenge2 = makeResponse(refresh, 407);
    challenge2.addHeader("Proxy-Authenticate",
                         "Digest realm=\"example.com\", nonce=\"n-2\", qop=\"auth\"");
    inject(challenge2, presenceServer());
    const SipMessage refresh2 = channel->last("SUBSCRIBE");
    QCOMPARE(refresh2.cseq()->number(), 4u);
    QVERIFY(contains(refresh2.header("Proxy-Authorization"), "nonce=\"n-2\""));
    QCOMPARE(str(refresh2.to()->tag()), std::string("srv-tag"));
    inject(makeResponse(refresh2, 200), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
}

void TestSubscription::wrongPassword()
{
    CredentialCache credentials;
    credentials.store({ QStringLiteral("alice"), QStringLiteral("wrong"), QString() });
    Subscription::Params params = aliceParams();
    params.credentials = &credentials;
    QVERIFY(start({}, params));
    for (int round = 0; round < 2; ++round) {
        SipMessage challenge = makeResponse(channel->last("SUBSCRIBE"), 401, {}, "srv-tag");
        challenge.addHeader("WWW-Authenticate", "Digest realm=\"example.com\", nonce=\"same\"");
        inject(challenge);
    }
    QCOMPARE(subscribes(), 2);
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    QCOMPARE(sub->status().statusCode, 401);
    QVERIFY(sub->status().error.contains(QStringLiteral("wrong")));

    // Without credentials a challenge stops at once.
    init();
    QVERIFY(start());
    SipMessage challenge = makeResponse(channel->last("SUBSCRIBE"), 407, {}, "p");
    challenge.addHeader("Proxy-Authenticate", "Digest realm=\"example.com\", nonce=\"x\"");
    inject(challenge);
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    QCOMPARE(sub->status().statusCode, 407);
}

void TestSubscription::badEvent()
{
    QVERIFY(start());
    inject(makeResponse(channel->last("SUBSCRIBE"), 489));
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    QCOMPARE(sub->status().statusCode, 489);
    QVERIFY(sub->status().error.contains(QStringLiteral("presence")));
    clock->advance(0ms);
    QCOMPARE(rec.ended, 1);
    clock->advance(1h);
    QCOMPARE(subscribes(), 1);
}

void TestSubscription::intervalTooBrief()
{
    Subscription::Settings settings;
    settings.expires = 60;
    QVERIFY(start(settings));
    SipMessage brief = makeResponse(channel->last("SUBSCRIBE"), 423, {}, "srv-tag");
    brief.addHeader("Min-Expires", "600");
    inject(brief);
    QCOMPARE(subscribes(), 2);
    const SipMessage again = channel->last("SUBSCRIBE");
    QCOMPARE(again.expires(), int64_t(600));
    QCOMPARE(again.cseq()->number(), 2u);
    QVERIFY(again.to()->tag().empty());
    Notifier n = accept(600);
    inject(n.notify("active", pidf(PresenceStatus::Available, {})), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    clock->advance(540s);
    QCOMPARE(channel->last("SUBSCRIBE").expires(), int64_t(600)); // refreshes keep it
}

void TestSubscription::permanentFailure()
{
    QVERIFY(start());
    inject(makeResponse(channel->last("SUBSCRIBE"), 404));
    QCOMPARE(sub->phase(), SubscriptionPhase::Terminated);
    QCOMPARE(sub->status().statusCode, 404);
    QCOMPARE(sub->status().error, QStringLiteral("404 Not Found"));
    clock->advance(1h);
    QCOMPARE(subscribes(), 1);
}

void TestSubscription::otherPackage()
{
    // The event package is configurable: message-summary (RFC 3842) bodies are passed on.
    Subscription::Settings settings;
    settings.event = "message-summary";
    settings.accept = "application/simple-message-summary";
    QVERIFY(start(settings));
    const SipMessage s = channel->last("SUBSCRIBE");
    QCOMPARE(str(s.event()->package()), std::string("message-summary"));
    QVERIFY(s.accept()[0].matches("application", "simple-message-summary"));
    Notifier n = accept();
    inject(n.notify("active", "Messages-Waiting: yes\r\n", "application/simple-message-summary",
                    "message-summary"),
           presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    QCOMPARE(rec.notified, QStringList({ "application/simple-message-summary" }));
    QCOMPARE(int(rec.presences.size()), 0);
    QCOMPARE(rec.rejected.size(), 0);
}

void TestSubscription::resubscribeAfterNetworkChange()
{
    QVERIFY(start());
    Notifier n = established();
    const std::string oldCallId = sub->callId();
    sub->resubscribe("sip:alice@192.0.2.99:5060");
    // A new subscription at once: new dialog, the new Contact, through the proxy.
    QCOMPARE(subscribes(), 2);
    const FakeChannel::Sent sent = channel->lastSent("SUBSCRIBE");
    QCOMPARE(sent.destination, udpPeer());
    QVERIFY(sent.message.to()->tag().empty());
    QVERIFY(str(sent.message.callId()) != oldCallId);
    QCOMPARE(sent.message.contacts()[0].uri().toString(), std::string("sip:alice@192.0.2.99:5060"));
    QCOMPARE(sub->phase(), SubscriptionPhase::Subscribing);
    // The old dialog's NOTIFYs are refused.
    inject(n.notify("active", pidf(PresenceStatus::Busy, {})), presenceServer());
    QCOMPARE(channel->lastResponse().statusCode(), 481);
    Notifier n2 = accept(3600, "srv-tag-2");
    inject(n2.notify("active", pidf(PresenceStatus::Busy, {})), presenceServer());
    QCOMPARE(sub->phase(), SubscriptionPhase::Active);
    QCOMPARE(sub->presence()->status, PresenceStatus::Busy);
}

QTEST_GUILESS_MAIN(TestSubscription)
#include "tst_subscription.moc"
