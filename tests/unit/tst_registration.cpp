// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Registration in virtual time against a scripted registrar: challenges, refresh,
// 423, wrong password, back-off, unregister.
#include "sip/core/VirtualClock.h"
#include "sip/ua/Registration.h"

#include <QSignalSpy>
#include <QTest>

using namespace Sip;
using namespace std::chrono_literals;

namespace {

struct SentRequest
{
    SipMessage request;
    Registration::FinalResponseHandler respond;
    std::chrono::milliseconds at;
};

SipMessage makeResponse(const SipMessage &request, int code, const std::string &reason,
                        const std::vector<std::pair<std::string, std::string>> &headers = {})
{
    SipMessage r = SipMessage::createResponse(code, reason);
    r.addHeader("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKtest");
    r.addHeader("From", std::string(request.header("From")));
    r.addHeader("To", std::string(request.header("To")) + ";tag=reg");
    r.addHeader("Call-ID", std::string(request.callId()));
    r.addHeader("CSeq", std::string(request.header("CSeq")));
    for (const auto &[name, value] : headers)
        r.addHeader(name, value);
    return r;
}

AccountConfig account()
{
    AccountConfig a;
    a.aor = QStringLiteral("sip:alice@127.0.0.1");
    a.password = QStringLiteral("alice-secret");
    a.expires = 600;
    a.instanceId = QStringLiteral("urn:uuid:00000000-0000-0000-0000-000000000001");
    return a;
}

const std::string contactUri = "sip:alice@127.0.0.1:5070";

class Harness
{
public:
    Harness()
        : registration(
                account(), accountCredentials(credentials), clock,
                [this](const SipMessage &r, Registration::FinalResponseHandler h) {
                    sent.push_back({ r, std::move(h), clock.now() });
                },
                [] { return QString::fromStdString(contactUri); })
    {
    }
    void reply(int code, const std::string &reason,
               const std::vector<std::pair<std::string, std::string>> &headers = {})
    {
        QVERIFY(!sent.empty());
        SentRequest last = sent.back();
        last.respond(makeResponse(last.request, code, reason, headers));
    }
    // As the UA fills the account's cache: the AOR's user, any realm.
    static CredentialCache &accountCredentials(CredentialCache &cache)
    {
        cache.store({ QStringLiteral("alice"), account().password, QString() });
        return cache;
    }
    VirtualClock clock;
    CredentialCache credentials;
    std::vector<SentRequest> sent;
    Registration registration;
};

const std::pair<std::string, std::string> challenge(const std::string &nonce, bool stale = false)
{
    return { "WWW-Authenticate",
             "Digest realm=\"127.0.0.1\", nonce=\"" + nonce + "\", qop=\"auth\", algorithm=MD5"
                 + (stale ? ", stale=true" : "") };
}

} // namespace

class TestRegistration : public QObject
{
    Q_OBJECT

private slots:
    void registersWithDigestAndRefreshes()
    {
        Harness h;
        QSignalSpy spy(&h.registration, &Registration::statusChanged);
        h.registration.start();
        QCOMPARE(h.sent.size(), size_t(1));
        const SipMessage first = h.sent[0].request;
        QCOMPARE(first.methodId(), Method::Register);
        QCOMPARE(std::string(first.requestUri().text()), std::string("sip:127.0.0.1"));
        QCOMPARE(first.expires(), int64_t(600));
        QCOMPARE(std::string(first.contacts()[0].uri().text()), contactUri);
        QVERIFY(first.contacts()[0].params().contains("+sip.instance"));
        QVERIFY(first.authorization().empty());

        h.reply(401, "Unauthorized", { challenge("n1") });
        QCOMPARE(h.sent.size(), size_t(2));
        const SipMessage second = h.sent[1].request;
        QCOMPARE(second.authorization().size(), size_t(1));
        QCOMPARE(std::string(second.authorization()[0].username()), std::string("\"alice\""));
        QCOMPARE(std::string(second.authorization()[0].nonce()), std::string("\"n1\""));
        QCOMPARE(second.cseq()->number(), first.cseq()->number() + 1);
        QCOMPARE(second.callId(), first.callId());

        h.reply(200, "OK", { { "Contact", "<" + contactUri + ">;expires=120" } });
        QCOMPARE(h.registration.status().state, RegistrationState::Registered);
        QCOMPARE(h.registration.status().expires, 120);

        // Refresh 30 s before expiry, same Call-ID, next CSeq.
        h.clock.advance(89s);
        QCOMPARE(h.sent.size(), size_t(2));
        h.clock.advance(1s);
        QCOMPARE(h.sent.size(), size_t(3));
        QCOMPARE(h.sent[2].at, 90000ms);
        QCOMPARE(h.sent[2].request.callId(), first.callId());
        QVERIFY(h.sent[2].request.cseq()->number() > second.cseq()->number());
        QVERIFY(spy.count() >= 3);
    }

    void staleNonceIsRetriedSilently()
    {
        Harness h;
        h.registration.start();
        h.reply(401, "Unauthorized", { challenge("n1") });
        h.reply(401, "Unauthorized", { challenge("n2", true) });
        QCOMPARE(h.sent.size(), size_t(3));
        QCOMPARE(std::string(h.sent[2].request.authorization()[0].nonce()), std::string("\"n2\""));
        h.reply(200, "OK", { { "Expires", "300" } });
        QCOMPARE(h.registration.status().state, RegistrationState::Registered);
        QCOMPARE(h.registration.status().expires, 300);
    }

    void wrongPasswordFailsOnceWithoutLooping()
    {
        Harness h;
        h.registration.start();
        h.reply(401, "Unauthorized", { challenge("n1") });
        h.reply(401, "Unauthorized", { challenge("n1") }); // same nonce again: password refused
        QCOMPARE(h.registration.status().state, RegistrationState::Failed);
        QCOMPARE(h.registration.status().code, 401);
        QVERIFY(h.registration.status().reason.contains(QLatin1String("wrong user name or password")));
        QCOMPARE(h.registration.status().retryInSeconds, -1);
        h.clock.advance(3600s);
        QCOMPARE(h.sent.size(), size_t(2)); // no loop, no retry
    }

    void intervalTooBriefUsesMinExpires()
    {
        Harness h;
        h.registration.start();
        h.reply(423, "Interval Too Brief", { { "Min-Expires", "1800" } });
        QCOMPARE(h.sent.size(), size_t(2));
        QCOMPARE(h.sent[1].request.expires(), int64_t(1800));
        h.reply(200, "OK", { { "Expires", "1800" } });
        QCOMPARE(h.registration.status().expires, 1800);
    }

    void timeoutsBackOffAndRecover()
    {
        Harness h;
        h.registration.start();
        h.reply(408, "Request Timeout");
        QCOMPARE(h.registration.status().state, RegistrationState::Failed);
        QCOMPARE(h.registration.status().retryInSeconds, Registration::firstRetrySeconds);
        // Retries at 5, then 10, then 20 s after each failure; never a busy loop.
        const std::chrono::seconds expected[] = { 5s, 10s, 20s, 40s };
        std::chrono::milliseconds last = h.sent.back().at;
        for (auto gap : expected) {
            h.clock.advance(gap - 1ms);
            const size_t before = h.sent.size();
            h.clock.advance(1ms);
            QCOMPARE(h.sent.size(), before + 1);
            QCOMPARE(h.sent.back().at - last, std::chrono::milliseconds(gap));
            last = h.sent.back().at;
            h.reply(503, "Service Unavailable");
        }
        // The back-off is capped.
        for (int i = 0; i < 10; ++i) {
            h.clock.advance(std::chrono::seconds(Registration::maxRetrySeconds));
            h.reply(503, "Service Unavailable");
        }
        QCOMPARE(h.registration.status().retryInSeconds, Registration::maxRetrySeconds);
        h.clock.advance(std::chrono::seconds(Registration::maxRetrySeconds));
        h.reply(200, "OK", { { "Expires", "600" } });
        QCOMPARE(h.registration.status().state, RegistrationState::Registered);
    }

    void retryAfterIsHonoured()
    {
        Harness h;
        h.registration.start();
        h.reply(503, "Service Unavailable", { { "Retry-After", "42" } });
        QCOMPARE(h.registration.status().retryInSeconds, 42);
        h.clock.advance(41s);
        QCOMPARE(h.sent.size(), size_t(1));
        h.clock.advance(1s);
        QCOMPARE(h.sent.size(), size_t(2));
    }

    void forbiddenIsNotRetried()
    {
        Harness h;
        h.registration.start();
        h.reply(403, "Forbidden");
        QCOMPARE(h.registration.status().state, RegistrationState::Failed);
        h.clock.advance(3600s);
        QCOMPARE(h.sent.size(), size_t(1));
    }

    void unregisterSendsExpiresZero()
    {
        Harness h;
        QSignalSpy stopped(&h.registration, &Registration::stopped);
        h.registration.start();
        h.reply(200, "OK", { { "Expires", "600" } });
        h.registration.stop();
        QCOMPARE(h.sent.size(), size_t(2));
        QCOMPARE(h.sent[1].request.expires(), int64_t(0));
        QCOMPARE(std::string(h.sent[1].request.contacts()[0].uri().text()), contactUri);
        h.reply(401, "Unauthorized", { challenge("n9") });
        QCOMPARE(h.sent.size(), size_t(3));
        QCOMPARE(h.sent[2].request.expires(), int64_t(0));
        h.reply(200, "OK");
        QCOMPARE(h.registration.status().state, RegistrationState::Unregistered);
        QCOMPARE(stopped.count(), 1);
        h.clock.advance(3600s);
        QCOMPARE(h.sent.size(), size_t(3)); // no refresh after unregistering
    }

    void refreshNowReRegistersImmediately()
    {
        Harness h;
        h.registration.start();
        h.reply(200, "OK", { { "Expires", "600" } });
        h.clock.advance(10s);
        h.registration.refreshNow(); // e.g. the TCP connection dropped
        QCOMPARE(h.sent.size(), size_t(2));
        QCOMPARE(h.sent[1].at, 10000ms);
    }

    void regIdOnlyWhenTheRegistrarDoesOutbound()
    {
        Harness h;
        h.registration.start();
        QVERIFY(!h.sent[0].request.contacts()[0].params().contains("reg-id"));
        h.reply(200, "OK", { { "Expires", "600" } });
        h.registration.refreshNow();
        QVERIFY(!h.sent[1].request.contacts()[0].params().contains("reg-id"));
        h.reply(200, "OK", { { "Expires", "600" }, { "Supported", "outbound, path" } });
        h.registration.refreshNow();
        QCOMPARE(h.sent[2].request.contacts()[0].params().valueOf("reg-id"), std::string("1"));
    }

    void lateResponseOfAnOldCycleIsIgnored()
    {
        Harness h;
        h.registration.start();
        SentRequest first = h.sent[0];
        h.registration.refreshNow();
        first.respond(makeResponse(first.request, 500, "Server Error"));
        QCOMPARE(h.registration.status().state, RegistrationState::Registering);
    }

    // One cache per account: REGISTER and the account's other requests (SUBSCRIBE,
    // PUBLISH, MESSAGE answer through a RequestAuthenticator on the same cache) share
    // credentials, nonce counts (RFC 7616 §3.4) and answered challenges, so a challenge
    // answered for one request pre-authorises the next one of the other (RFC 3261 §22.3).
    void sharesTheAccountCredentialCache()
    {
        Harness h;
        RequestAuthenticator other(h.credentials);
        h.registration.start();
        QVERIFY(h.sent[0].request.authorization().empty());
        h.reply(401, "Unauthorized", { challenge("shared") });
        QCOMPARE(std::string(h.sent[1].request.authorization()[0].nonceCount()),
                 std::string("00000001"));
        h.reply(200, "OK", { { "Contact", "<" + contactUri + ">;expires=120" } });
        QCOMPARE(h.credentials.size(), 1);

        // REGISTER -> SUBSCRIBE: the SUBSCRIBE goes out already answering "shared".
        SipMessage subscribe = SipMessage::createRequest("SUBSCRIBE", "sip:bob@127.0.0.1");
        subscribe.addHeader("From", "<sip:alice@127.0.0.1>;tag=s1");
        subscribe.addHeader("To", "<sip:bob@127.0.0.1>");
        subscribe.addHeader("Call-ID", "sub-1");
        subscribe.addHeader("CSeq", "1 SUBSCRIBE");
        QVERIFY(other.preauthorize(subscribe));
        QCOMPARE(subscribe.authorization().size(), size_t(1));
        QCOMPARE(std::string(subscribe.authorization()[0].nonce()), std::string("\"shared\""));
        QCOMPARE(std::string(subscribe.authorization()[0].nonceCount()), std::string("00000002"));
        QCOMPARE(std::string(subscribe.authorization()[0].uri()),
                 std::string("\"sip:bob@127.0.0.1\""));
        QVERIFY(!other.preauthorize(subscribe)); // never twice

        // The refresh is pre-authorised as well, counting on.
        h.clock.advance(std::chrono::seconds(90));
        QCOMPARE(h.sent.size(), size_t(3));
        QCOMPARE(std::string(h.sent[2].request.authorization()[0].nonceCount()),
                 std::string("00000003"));
        h.reply(200, "OK", { { "Contact", "<" + contactUri + ">;expires=120" } });

        // SUBSCRIBE -> REGISTER: a proxy challenge answered for a SUBSCRIBE goes with the
        // next REGISTER too (in Proxy-Authorization, next to the registrar's answer).
        SipMessage challenged = subscribe;
        challenged.removeHeader("Authorization");
        SipMessage retry;
        QCOMPARE(other.answer(challenged,
                              makeResponse(challenged, 407, "Proxy Authentication Required",
                                           { { "Proxy-Authenticate",
                                               "Digest realm=\"127.0.0.1\", nonce=\"proxy\", "
                                               "qop=\"auth\"" } }),
                              retry, nullptr),
                 RequestAuthenticator::Outcome::Retry);
        h.registration.refreshNow();
        QCOMPARE(h.sent.size(), size_t(4));
        QCOMPARE(h.sent[3].request.proxyAuthorization().size(), size_t(1));
        QCOMPARE(std::string(h.sent[3].request.proxyAuthorization()[0].nonce()),
                 std::string("\"proxy\""));
        QCOMPARE(std::string(h.sent[3].request.proxyAuthorization()[0].nonceCount()),
                 std::string("00000002"));
        QCOMPARE(std::string(h.sent[3].request.authorization()[0].nonceCount()),
                 std::string("00000004"));

        // A server that takes a nonce only once challenges again: answered as before.
        h.reply(401, "Unauthorized", { challenge("fresh") });
        QCOMPARE(h.sent.size(), size_t(5));
        QCOMPARE(h.sent[4].request.authorization().size(), size_t(1));
        QCOMPARE(std::string(h.sent[4].request.authorization()[0].nonce()),
                 std::string("\"fresh\""));
        h.reply(200, "OK", { { "Contact", "<" + contactUri + ">;expires=120" } });
        QCOMPARE(h.registration.status().state, RegistrationState::Registered);

        // A wrong password: the challenge is no longer answered pre-emptively.
        h.registration.refreshNow();
        h.reply(401, "Unauthorized", { challenge("fresh") }); // its pre-emptive answer refused
        QCOMPARE(h.sent.size(), size_t(7));
        h.reply(401, "Unauthorized", { challenge("fresh") });
        QCOMPARE(h.registration.status().state, RegistrationState::Failed);
        h.registration.start();
        QVERIFY(h.sent.back().request.authorization().empty());
        QCOMPARE(h.credentials.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRegistration)
#include "tst_registration.moc"
