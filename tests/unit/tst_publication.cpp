// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Publication (sip/ua/Publication.h), the EPA side of RFC 3903, in virtual time against a
// fake channel: the initial PUBLISH and its entity-tag, refreshes (SIP-If-Match, no body)
// at the right time, modify, remove, 412 -> publish afresh, 423 -> Min-Expires, one
// PUBLISH at a time, authentication, 489 and retries after failures.
#include "tst_presence_util.h"
#include "tst_transaction_util.h"

#include "sip/auth/CredentialCache.h"
#include "sip/presence/PresenceDocument.h"
#include "sip/ua/Publication.h"

#include <memory>
#include <set>

using namespace Sip;
using namespace PresenceTest;
using namespace TransactionTest;
using namespace std::chrono_literals;

namespace {

struct Recorder
{
    QStringList states; // "published/200", "failed/503", ...
    std::vector<PublicationStatus> statuses;
    QStringList errors; // "489: ..."
};

} // namespace

class TestPublication : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void initialPublish();
    void refreshWithIfMatch();
    void modify();
    void remove();
    void conditionalRequestFailed();
    void intervalTooBrief();
    void oneAtATime();
    void authentication();
    void badEvent();
    void retryAfterTimeout();
    void removeWhileInFlight();
    void refusedParameters();
    void refreshNow();

private:
    Publication *make(Publication::Settings settings = {}, CredentialCache *credentials = nullptr);
    // Answers the last PUBLISH.
    void answer(int code, const std::string &etag = {}, int expires = -1,
                const std::string &extraName = {}, const std::string &extraValue = {});
    // PUBLISH requests sent, not counting retransmissions.
    int publishes() const { return channel->countDistinct("PUBLISH"); }
    SipMessage lastPublish() const { return channel->last("PUBLISH"); }

    std::unique_ptr<VirtualClock> clock;
    std::unique_ptr<FakeChannel> channel;
    std::unique_ptr<TransactionLayer> layer;
    std::unique_ptr<Publication> pub;
    Recorder rec;
};

void TestPublication::init()
{
    pub.reset();
    layer.reset();
    rec = Recorder();
    clock = std::make_unique<VirtualClock>();
    channel = std::make_unique<FakeChannel>(*clock);
    layer = std::make_unique<TransactionLayer>(*channel, *clock);
}

void TestPublication::cleanup()
{
    QCOMPARE(channel->parseFailures, 0);
    pub.reset();
    layer.reset();
}

Publication *TestPublication::make(Publication::Settings settings, CredentialCache *credentials)
{
    Publication::Params params;
    params.aor = "sip:alice@example.com";
    params.displayName = "Alice";
    params.destination = udpPeer();
    params.credentials = credentials;
    params.pidfContact = "sip:alice@example.com";
    pub = std::make_unique<Publication>(*layer, params, settings);
    Recorder *r = &rec;
    connect(pub.get(), &Publication::statusChanged, pub.get(), [r](const PublicationStatus &s) {
        QString text = publicationStateName(s.state);
        if (s.statusCode)
            text += QLatin1Char('/') + QString::number(s.statusCode);
        r->states << text;
        r->statuses.push_back(s);
    });
    connect(pub.get(), &Publication::errorOccurred, pub.get(), [r](int code, const QString &why) {
        r->errors << QString::number(code) + QStringLiteral(": ") + why;
    });
    return pub.get();
}

void TestPublication::answer(int code, const std::string &etag, int expires,
                             const std::string &extraName, const std::string &extraValue)
{
    SipMessage response = makeResponse(lastPublish(), code, {}, "esc-tag");
    if (!etag.empty())
        response.addHeader("SIP-ETag", etag);
    if (expires >= 0)
        response.addHeader("Expires", std::to_string(expires));
    if (!extraName.empty())
        response.addHeader(extraName, extraValue);
    channel->inject(response, udpPeer());
}

// ---- tests ---------------------------------------------------------------------------------

void TestPublication::initialPublish()
{
    Publication::Settings settings;
    settings.userAgent = "Parlo/0.1";
    QVERIFY(make(settings));
    QVERIFY(pub->publish(PresenceStatus::Away, QStringLiteral("At lunch")));
    QCOMPARE(pub->state(), PublicationState::Publishing);
    QCOMPARE(publishes(), 1);
    const FakeChannel::Sent sent = channel->lastSent("PUBLISH");
    QCOMPARE(sent.destination, udpPeer());
    const SipMessage &p = sent.message;
    // RFC 3903 §4.1: Request-URI = our AOR, Event, Expires, the body, no SIP-If-Match.
    QCOMPARE(p.requestUri().toString(), std::string("sip:alice@example.com"));
    QCOMPARE(p.from()->uri().toString(), std::string("sip:alice@example.com"));
    QVERIFY(!p.from()->tag().empty());
    QCOMPARE(p.to()->uri().toString(), std::string("sip:alice@example.com"));
    QVERIFY(p.to()->tag().empty());
    QCOMPARE(str(p.event()->package()), std::string("presence"));
    QCOMPARE(p.expires(), int64_t(3600));
    QVERIFY(p.sipIfMatch().empty());
    QCOMPARE(str(p.header("User-Agent")), std::string("Parlo/0.1"));
    QVERIFY(p.contentType() && p.contentType()->matches("application", "pidf+xml"));
    const auto doc = documentOf(p);
    QVERIFY(doc);
    QCOMPARE(doc->entity, QStringLiteral("sip:alice@example.com"));
    QCOMPARE(doc->status(), PresenceStatus::Away);
    QCOMPARE(doc->bestNote(), QStringLiteral("At lunch"));
    QCOMPARE(doc->tuples.size(), 1);
    QCOMPARE(doc->tuples[0].contact, QStringLiteral("sip:alice@example.com"));

    answer(200, "etag-1", 3600);
    QCOMPARE(pub->state(), PublicationState::Published);
    QCOMPARE(pub->etag(), std::string("etag-1"));
    QCOMPARE(pub->status().etag, QStringLiteral("etag-1"));
    QCOMPARE(pub->status().expires, 3600);
    QCOMPARE(pub->expiresAt()->count(), qint64(3600000));
    QCOMPARE(rec.states, QStringList({ "publishing", "published/200" }));
    QVERIFY(rec.errors.isEmpty());
}

void TestPublication::refreshWithIfMatch()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Available));
    answer(200, "etag-1", 3600);
    const SipMessage first = lastPublish();
    // RFC 3903 §4.2: before expiry (3240 s for 3600 s), no body, SIP-If-Match.
    clock->advance(3239s);
    QCOMPARE(publishes(), 1);
    clock->advance(1s);
    QCOMPARE(publishes(), 2);
    const SipMessage refresh = lastPublish();
    QCOMPARE(str(refresh.sipIfMatch()), std::string("etag-1"));
    QVERIFY(refresh.body().empty());
    QVERIFY(!refresh.contentType());
    QCOMPARE(refresh.expires(), int64_t(3600));
    QCOMPARE(str(refresh.callId()), str(first.callId()));
    QCOMPARE(str(refresh.from()->tag()), str(first.from()->tag()));
    QCOMPARE(refresh.cseq()->number(), first.cseq()->number() + 1);
    QCOMPARE(pub->state(), PublicationState::Published); // refreshes run in the background
    // Each 2xx gives a new entity-tag; the ESC may grant less.
    answer(200, "etag-2", 600);
    QCOMPARE(pub->etag(), std::string("etag-2"));
    QCOMPARE(pub->status().expires, 600);
    clock->advance(540s);
    QCOMPARE(publishes(), 3);
    QCOMPARE(str(lastPublish().sipIfMatch()), std::string("etag-2"));
    QCOMPARE(lastPublish().expires(), int64_t(3600)); // we still ask for ours
}

void TestPublication::modify()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Available));
    answer(200, "etag-1", 3600);
    clock->advance(100s);
    // RFC 3903 §4.4: the new state with SIP-If-Match.
    QVERIFY(pub->publish(PresenceStatus::Busy, QStringLiteral("Meeting")));
    QCOMPARE(pub->state(), PublicationState::Publishing);
    QCOMPARE(publishes(), 2);
    const SipMessage m = lastPublish();
    QCOMPARE(str(m.sipIfMatch()), std::string("etag-1"));
    QCOMPARE(documentOf(m)->status(), PresenceStatus::Busy);
    QCOMPARE(documentOf(m)->bestNote(), QStringLiteral("Meeting"));
    answer(200, "etag-2", 3600);
    QCOMPARE(pub->state(), PublicationState::Published);
    QCOMPARE(pub->etag(), std::string("etag-2"));
    // The refresh is timed from the modify's 2xx (at 100 s): 3340 s.
    clock->advance(3239s);
    QCOMPARE(publishes(), 2);
    clock->advance(1s);
    QCOMPARE(publishes(), 3);
    QCOMPARE(str(lastPublish().sipIfMatch()), std::string("etag-2"));
    // A PresenceDocument or any body can be published too.
    answer(200, "etag-3", 3600);
    PresenceDocument doc = PresenceDocument::forOwnStatus(QStringLiteral("sip:alice@example.com"),
                                                          PresenceStatus::OnThePhone);
    QVERIFY(pub->publish(doc));
    QCOMPARE(documentOf(lastPublish())->status(), PresenceStatus::OnThePhone);
}

void TestPublication::remove()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Available));
    answer(200, "etag-1", 3600);
    pub->remove();
    QCOMPARE(pub->state(), PublicationState::Removing);
    QCOMPARE(publishes(), 2);
    // RFC 3903 §4.5: Expires: 0, SIP-If-Match, no body.
    const SipMessage r = lastPublish();
    QCOMPARE(r.expires(), int64_t(0));
    QCOMPARE(str(r.sipIfMatch()), std::string("etag-1"));
    QVERIFY(r.body().empty());
    answer(200, "etag-2", 0);
    QCOMPARE(pub->state(), PublicationState::Unpublished);
    QVERIFY(pub->etag().empty());
    QCOMPARE(pub->status().expires, 0);
    // No refresh after that.
    clock->advance(2h);
    QCOMPARE(publishes(), 2);
    // remove() with nothing published sends nothing.
    pub->remove();
    QCOMPARE(publishes(), 2);
    // Publishing again starts afresh (no SIP-If-Match).
    QVERIFY(pub->publish(PresenceStatus::Away));
    QVERIFY(lastPublish().sipIfMatch().empty());
}

void TestPublication::conditionalRequestFailed()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Away, QStringLiteral("Out")));
    answer(200, "etag-1", 3600);
    clock->advance(3240s);
    QCOMPARE(publishes(), 2);
    // The ESC lost our state (restart): 412 -> publish afresh with the whole state.
    answer(412);
    QCOMPARE(publishes(), 3);
    const SipMessage fresh = lastPublish();
    QVERIFY(fresh.sipIfMatch().empty());
    QCOMPARE(documentOf(fresh)->status(), PresenceStatus::Away);
    QCOMPARE(documentOf(fresh)->bestNote(), QStringLiteral("Out"));
    QCOMPARE(fresh.expires(), int64_t(3600));
    QCOMPARE(pub->state(), PublicationState::Publishing);
    answer(200, "etag-9", 3600);
    QCOMPARE(pub->state(), PublicationState::Published);
    QCOMPARE(pub->etag(), std::string("etag-9"));
    // A 412 to a modify does the same.
    QVERIFY(pub->publish(PresenceStatus::Busy));
    QCOMPARE(str(lastPublish().sipIfMatch()), std::string("etag-9"));
    answer(412);
    QVERIFY(lastPublish().sipIfMatch().empty());
    QCOMPARE(documentOf(lastPublish())->status(), PresenceStatus::Busy);
    QCOMPARE(publishes(), 5);
    // A 412 to a remove: nothing left to remove.
    answer(200, "etag-10", 3600);
    pub->remove();
    answer(412);
    QCOMPARE(pub->state(), PublicationState::Unpublished);
    QCOMPARE(publishes(), 6);
}

void TestPublication::intervalTooBrief()
{
    Publication::Settings settings;
    settings.expires = 60;
    QVERIFY(make(settings));
    QVERIFY(pub->publish(PresenceStatus::Available));
    QCOMPARE(lastPublish().expires(), int64_t(60));
    // RFC 3903 §4.1.1 / §6: 423 with Min-Expires -> again with that interval.
    answer(423, {}, -1, "Min-Expires", "1800");
    QCOMPARE(publishes(), 2);
    QCOMPARE(lastPublish().expires(), int64_t(1800));
    QVERIFY(lastPublish().sipIfMatch().empty());
    QVERIFY(!lastPublish().body().empty());
    answer(200, "etag-1", 1800);
    QCOMPARE(pub->state(), PublicationState::Published);
    clock->advance(1620s);
    QCOMPARE(publishes(), 3);
    QCOMPARE(lastPublish().expires(), int64_t(1800));
    // A 423 without a usable Min-Expires is a failure.
    answer(423);
    QCOMPARE(pub->state(), PublicationState::Failed);
    QCOMPARE(pub->status().retryInSeconds, -1);
}

void TestPublication::oneAtATime()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Available));
    // RFC 3903 §4.1: no new PUBLISH before the previous one is answered; only the
    // latest state goes out afterwards.
    QVERIFY(pub->publish(PresenceStatus::Away));
    QVERIFY(pub->publish(PresenceStatus::Busy, QStringLiteral("Call")));
    QCOMPARE(publishes(), 1);
    answer(200, "etag-1", 3600);
    QCOMPARE(publishes(), 2);
    const SipMessage m = lastPublish();
    QCOMPARE(str(m.sipIfMatch()), std::string("etag-1"));
    QCOMPARE(documentOf(m)->status(), PresenceStatus::Busy);
    answer(200, "etag-2", 3600);
    QCOMPARE(publishes(), 2);
    QCOMPARE(pub->state(), PublicationState::Published);
}

void TestPublication::authentication()
{
    CredentialCache credentials;
    credentials.store({ QStringLiteral("alice"), QStringLiteral("secret"), QString() });
    QVERIFY(make({}, &credentials));
    QVERIFY(pub->publish(PresenceStatus::Available));
    const SipMessage first = lastPublish();
    answer(401, {}, -1, "WWW-Authenticate",
           "Digest realm=\"example.com\", nonce=\"n-1\", qop=\"auth\"");
    QCOMPARE(publishes(), 2);
    const SipMessage second = lastPublish();
    QCOMPARE(second.cseq()->number(), first.cseq()->number() + 1);
    QCOMPARE(str(second.callId()), str(first.callId()));
    QVERIFY(contains(second.header("Authorization"), "username=\"alice\""));
    QCOMPARE(str(second.body()), str(first.body()));
    answer(200, "etag-1", 3600);
    QCOMPARE(pub->state(), PublicationState::Published);
    // A wrong password (the same nonce again) fails for good.
    clock->advance(3240s);
    answer(407, {}, -1, "Proxy-Authenticate", "Digest realm=\"example.com\", nonce=\"n-2\"");
    answer(407, {}, -1, "Proxy-Authenticate", "Digest realm=\"example.com\", nonce=\"n-2\"");
    QCOMPARE(publishes(), 4);
    QCOMPARE(pub->state(), PublicationState::Failed);
    QCOMPARE(pub->status().statusCode, 407);
    QCOMPARE(pub->status().retryInSeconds, -1);
    QVERIFY(pub->status().error.contains(QStringLiteral("wrong")));
}

void TestPublication::badEvent()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Available));
    answer(489);
    QCOMPARE(pub->state(), PublicationState::Failed);
    QCOMPARE(pub->status().statusCode, 489);
    QCOMPARE(pub->status().retryInSeconds, -1);
    QCOMPARE(rec.errors.size(), 1);
    QVERIFY(rec.errors[0].startsWith(QStringLiteral("489: ")));
    QVERIFY(rec.errors[0].contains(QStringLiteral("presence")));
    clock->advance(1h);
    QCOMPARE(publishes(), 1);
}

void TestPublication::retryAfterTimeout()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Away));
    // No answer: Timer F, a synthetic 408 -> retry after 5 s, then 10 s.
    clock->advance(32s);
    QCOMPARE(pub->state(), PublicationState::Failed);
    QCOMPARE(pub->status().statusCode, 408);
    QCOMPARE(pub->status().retryInSeconds, 5);
    QCOMPARE(rec.errors.size(), 1);
    clock->advance(5s);
    QCOMPARE(publishes(), 2);
    QCOMPARE(pub->state(), PublicationState::Publishing);
    answer(503, {}, -1, "Retry-After", "30");
    QCOMPARE(pub->status().retryInSeconds, 30);
    clock->advance(30s);
    QCOMPARE(publishes(), 3);
    QCOMPARE(documentOf(lastPublish())->status(), PresenceStatus::Away);
    answer(200, "etag-1", 3600);
    QCOMPARE(pub->state(), PublicationState::Published);
    // A failed refresh re-sends the whole state with SIP-If-Match.
    clock->advance(3240s);
    answer(500);
    QCOMPARE(pub->status().retryInSeconds, 5); // the back-off restarted after the success
    clock->advance(5s);
    QCOMPARE(str(lastPublish().sipIfMatch()), std::string("etag-1"));
    QCOMPARE(documentOf(lastPublish())->status(), PresenceStatus::Away);
}

void TestPublication::removeWhileInFlight()
{
    QVERIFY(make());
    QVERIFY(pub->publish(PresenceStatus::Available));
    pub->remove();
    QCOMPARE(publishes(), 1);
    answer(200, "etag-1", 3600);
    // The remove follows the answer.
    QCOMPARE(publishes(), 2);
    QCOMPARE(lastPublish().expires(), int64_t(0));
    QCOMPARE(str(lastPublish().sipIfMatch()), std::string("etag-1"));
    answer(200, "etag-2");
    QCOMPARE(pub->state(), PublicationState::Unpublished);
    clock->advance(2h);
    QCOMPARE(publishes(), 2);
}

void TestPublication::refusedParameters()
{
    Publication::Params params;
    params.aor = "not a uri";
    params.destination = udpPeer();
    Publication bad(*layer, params);
    QString error;
    QVERIFY(!bad.publish(PresenceStatus::Available, {}, &error));
    QVERIFY(!error.isEmpty());
    params.aor = "sip:alice@example.com";
    params.destination = Endpoint();
    Publication noHop(*layer, params);
    QVERIFY(!noHop.publish(PresenceStatus::Available, {}, &error));
    QCOMPARE(noHop.state(), PublicationState::Unpublished);
    QCOMPARE(publishes(), 0);
}

void TestPublication::refreshNow()
{
    QVERIFY(make());
    pub->refreshNow(); // nothing published: nothing sent
    QCOMPARE(publishes(), 0);
    QVERIFY(pub->publish(PresenceStatus::Away));
    answer(200, "etag-1", 3600);
    clock->advance(60s);
    // After a network change: a refresh now, and the timer re-armed from its answer.
    pub->refreshNow();
    QCOMPARE(publishes(), 2);
    QCOMPARE(str(lastPublish().sipIfMatch()), std::string("etag-1"));
    QVERIFY(lastPublish().body().empty());
    answer(200, "etag-2", 3600);
    clock->advance(3239s);
    QCOMPARE(publishes(), 2);
    clock->advance(1s);
    QCOMPARE(publishes(), 3);
    // While a retry waits, refreshNow() sends at once.
    answer(503);
    QCOMPARE(pub->state(), PublicationState::Failed);
    QCOMPARE(pub->status().retryInSeconds, 5);
    pub->refreshNow();
    QCOMPARE(publishes(), 4);
    QCOMPARE(str(lastPublish().sipIfMatch()), std::string("etag-2"));
    answer(200, "etag-3", 3600);
    QCOMPARE(pub->state(), PublicationState::Published);
    clock->advance(5s);
    QCOMPARE(publishes(), 4); // the cancelled retry does not fire
}

QTEST_GUILESS_MAIN(TestPublication)
#include "tst_publication.moc"
