// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/auth/CredentialCache.h"
#include "sip/auth/DigestChallenge.h"
#include "sip/auth/DigestResponder.h"

#include <QRegularExpression>
#include <QTest>

using Sip::CredentialCache;
using Sip::DigestAlgorithm;
using Sip::DigestChallenge;
using Sip::DigestCredentials;
using Sip::DigestResponder;

namespace {

// Value of one directive of an Authorization header produced by DigestResponder
// (quoted or token; our output never contains escaped quotes in these fields).
QByteArray directive(const QByteArray &header, const char *name)
{
    const QRegularExpression re(
            QStringLiteral("[ ,]%1=(\"([^\"]*)\"|([^,\\s]*))").arg(QLatin1String(name)));
    const auto m = re.match(QString::fromUtf8(header));
    if (!m.hasMatch())
        return {};
    return (m.capturedLength(2) > 0 || m.captured(1).startsWith(u'"') ? m.captured(2)
                                                                      : m.captured(3))
            .toUtf8();
}

DigestResponder fixedCnonce(const QByteArray &cnonce)
{
    return DigestResponder([cnonce] { return cnonce; });
}

// RFC 7616 §3.9.1 challenge (the MD5 and SHA-256 variants differ only in algorithm).
DigestChallenge rfc7616Challenge(const char *algorithm)
{
    QString error;
    const auto c = DigestChallenge::parse(
            QByteArray("Digest\r\n realm=\"http-auth@example.org\",\r\n qop=\"auth, "
                       "auth-int\",\r\n algorithm=")
                    + algorithm
                    + ",\r\n nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                      " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
            &error);
    if (!c)
        qFatal("rfc7616Challenge: %s", qPrintable(error));
    return *c;
}

DigestChallenge rfc2617Challenge()
{
    const auto c = DigestChallenge::parse(R"(Digest
                 realm="testrealm@host.com",
                 qop="auth,auth-int",
                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",
                 opaque="5ccc069c403ebaf9f0171e9517f40e41")");
    if (!c)
        qFatal("rfc2617Challenge did not parse");
    return *c;
}

DigestChallenge simple(DigestAlgorithm algorithm, QList<QByteArray> qop, QByteArray realm = "r")
{
    DigestChallenge c;
    c.realm = std::move(realm);
    c.nonce = "n";
    c.algorithm = algorithm;
    c.algorithmName = Sip::DigestAlgorithms::name(algorithm);
    c.qopOptions = std::move(qop);
    return c;
}

} // namespace

class TestDigest : public QObject
{
    Q_OBJECT

private slots:
    // Known vectors
    void rfc2617Example();
    void rfc7616Md5Example();
    void rfc7616Sha256Example();
    void sessionAlgorithms();
    void authInt();
    void legacyWithoutQop();
    void userhash();

    // Header formatting
    void escapesQuotedValues();
    void opaqueEchoedEvenWhenEmpty();
    void refusesInjection();
    void refusesUnanswerable();
    void realmMismatch();
    void randomCnonce();

    // Challenge parsing
    void parseBasic();
    void parseMultipleQop();
    void parseStale_data();
    void parseStale();
    void parseAlgorithms_data();
    void parseAlgorithms();
    void parseUnknownParamsIgnored();
    void parseEscapedQuotes();
    void parseLwsAndCase();
    void parseDomain();
    void parseErrors_data();
    void parseErrors();
    void parseHostileInputNeverCrashes();

    // Cache and nonce counts
    void credentialCache();
    void nonceCountPerNonce();
    void nonceCountBounded();
    void answeredChallengesRemembered();
    void cacheDrivenAuthorization();

    // Selection
    void selectBestPrefersSha256();
    void selectBestPrefersQopAuth();
    void selectBestSkipsUnsupported();
    void selectBestTieKeepsTopmost();
    void selectBestPerRealm();
};

void TestDigest::rfc2617Example()
{
    // RFC 2617 §3.5: Mufasa / "Circle Of Life", GET /dir/index.html, cnonce 0a4f113b.
    const DigestChallenge challenge = rfc2617Challenge();
    QCOMPARE(challenge.algorithm, DigestAlgorithm::Md5); // implied
    QString error;
    const auto header = fixedCnonce("0a4f113b")
                                .authorization(challenge, "GET", "/dir/index.html",
                                               DigestCredentials { "Mufasa", "Circle Of Life", {} },
                                               1, std::nullopt, &error);
    QVERIFY2(header, qPrintable(error));
    QCOMPARE(*header,
             QByteArray("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                        "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
                        "response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, "
                        "cnonce=\"0a4f113b\", qop=auth, nc=00000001, "
                        "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
}

void TestDigest::rfc7616Md5Example()
{
    // RFC 7616 §3.9.1: password "Circle of Life" (lower-case "of", unlike RFC 2617).
    QString error;
    const auto header = fixedCnonce("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                                .authorization(rfc7616Challenge("MD5"), "GET", "/dir/index.html",
                                               DigestCredentials { "Mufasa", "Circle of Life", {} },
                                               1, std::nullopt, &error);
    QVERIFY2(header, qPrintable(error));
    QCOMPARE(directive(*header, "response"), QByteArray("8ca523f5e9506fed4657c9700eebdbec"));
    QCOMPARE(directive(*header, "algorithm"), QByteArray("MD5"));
    QCOMPARE(directive(*header, "qop"), QByteArray("auth"));
    QCOMPARE(directive(*header, "nc"), QByteArray("00000001"));
    QCOMPARE(directive(*header, "cnonce"),
             QByteArray("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"));
    QCOMPARE(directive(*header, "opaque"),
             QByteArray("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"));
    // Token directives must not be quoted (RFC 7616 §3.4).
    QVERIFY(header->contains(", qop=auth,"));
    QVERIFY(header->contains(", nc=00000001"));
    QVERIFY(header->contains(", algorithm=MD5,"));
}

void TestDigest::rfc7616Sha256Example()
{
    QString error;
    const auto header
            = fixedCnonce("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                      .authorization(rfc7616Challenge("SHA-256"), "GET", "/dir/index.html",
                                     DigestCredentials { "Mufasa", "Circle of Life", {} }, 1,
                                     std::nullopt, &error);
    QVERIFY2(header, qPrintable(error));
    QCOMPARE(directive(*header, "response"),
             QByteArray("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"));
    QCOMPARE(directive(*header, "algorithm"), QByteArray("SHA-256"));
    QCOMPARE(directive(*header, "uri"), QByteArray("/dir/index.html"));
    QCOMPARE(directive(*header, "realm"), QByteArray("http-auth@example.org"));
}

void TestDigest::sessionAlgorithms()
{
    // No published vectors for the -sess variants; these values were computed
    // independently (Python hashlib) from the RFC 7616 §3.4.2 definition
    // A1 = H(user:realm:pass):nonce:cnonce.
    DigestChallenge md5sess = rfc2617Challenge();
    md5sess.algorithm = DigestAlgorithm::Md5Sess;
    auto header = fixedCnonce("0a4f113b")
                          .authorization(md5sess, "GET", "/dir/index.html",
                                         DigestCredentials { "Mufasa", "Circle Of Life", {} }, 1);
    QVERIFY(header);
    QCOMPARE(directive(*header, "response"), QByteArray("8e3825c57e897f5a0dec6c2d4e5059d0"));
    QCOMPARE(directive(*header, "algorithm"), QByteArray("MD5-sess"));

    const DigestChallenge sha256sess = rfc7616Challenge("SHA-256-sess");
    QCOMPARE(sha256sess.algorithm, DigestAlgorithm::Sha256Sess);
    header = fixedCnonce("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                     .authorization(sha256sess, "GET", "/dir/index.html",
                                    DigestCredentials { "Mufasa", "Circle of Life", {} }, 1);
    QVERIFY(header);
    QCOMPARE(directive(*header, "response"),
             QByteArray("2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"));
}

void TestDigest::authInt()
{
    // Only auth-int offered: used when a body is supplied (independently computed
    // vector, A2 = GET:/dir/index.html:MD5("TEST BODY")).
    DigestChallenge c = rfc2617Challenge();
    c.qopOptions = { "auth-int" };
    const DigestCredentials creds { "Mufasa", "Circle Of Life", {} };
    auto header = fixedCnonce("0a4f113b")
                          .authorization(c, "GET", "/dir/index.html", creds, 1,
                                         QByteArray("TEST BODY"));
    QVERIFY(header);
    QCOMPARE(directive(*header, "qop"), QByteArray("auth-int"));
    QCOMPARE(directive(*header, "response"), QByteArray("aaef9604c6e7f58f88a498d7855b0e6b"));

    // A bodiless SIP request hashes the empty body (RFC 3261 §22.4).
    header = fixedCnonce("0a4f113b")
                     .authorization(c, "GET", "/dir/index.html", creds, 1, QByteArray());
    QVERIFY(header);
    QCOMPARE(directive(*header, "response"), QByteArray("5e6610ecf9ba3017a4870ad48e3ad30b"));

    // No body supplied: refused rather than silently downgraded.
    QString error;
    QVERIFY(!fixedCnonce("x").authorization(c, "GET", "/", creds, 1, std::nullopt, &error));
    QVERIFY(error.contains(QLatin1String("auth-int")));

    // auth preferred when both are offered, even with a body.
    c.qopOptions = { "auth-int", "auth" };
    header = fixedCnonce("0a4f113b")
                     .authorization(c, "GET", "/dir/index.html", creds, 1, QByteArray("x"));
    QVERIFY(header);
    QCOMPARE(directive(*header, "qop"), QByteArray("auth"));
}

void TestDigest::legacyWithoutQop()
{
    // RFC 2069 compatible form (RFC 2617 §3.2.2.1): response = H(HA1:nonce:HA2), and no
    // cnonce/nc/qop directives. Value computed independently.
    const auto c = DigestChallenge::parse(
            R"(Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093")");
    QVERIFY(c);
    QVERIFY(c->qopOptions.isEmpty());
    bool generatorCalled = false;
    DigestResponder responder([&] {
        generatorCalled = true;
        return QByteArray("unused");
    });
    const auto header = responder.authorization(
            *c, "GET", "/dir/index.html", DigestCredentials { "Mufasa", "Circle Of Life", {} }, 7);
    QVERIFY(header);
    QCOMPARE(*header,
             QByteArray("Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                        "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
                        "response=\"670fd8c2df070c60b045671b8b24ff02\", algorithm=MD5"));
    QVERIFY(!generatorCalled);
}

void TestDigest::userhash()
{
    // RFC 7616 §3.4.4: username = H(username:realm); the response itself is unchanged.
    DigestChallenge c = rfc7616Challenge("SHA-256");
    c.userhash = true;
    const auto header
            = fixedCnonce("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                      .authorization(c, "GET", "/dir/index.html",
                                     DigestCredentials { "Mufasa", "Circle of Life", {} }, 1);
    QVERIFY(header);
    QCOMPARE(directive(*header, "username"),
             QByteArray("a947aad205e80e429958a387394944c6b496301e79f89d35a4cc23b6ee12b5b6"));
    QCOMPARE(directive(*header, "response"),
             QByteArray("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"));
    QVERIFY(header->endsWith(", userhash=true"));
}

void TestDigest::escapesQuotedValues()
{
    DigestChallenge c = simple(DigestAlgorithm::Md5, { "auth" }, R"(re"al\m)");
    c.opaque = R"(o"p)";
    const auto header = fixedCnonce("abc").authorization(
            c, "REGISTER", "sip:example.com", DigestCredentials { R"(al"ice\bob)", "pw", {} }, 1);
    QVERIFY(header);
    QVERIFY2(header->startsWith(R"(Digest username="al\"ice\\bob", realm="re\"al\\m", )"),
             header->constData());
    QVERIFY(header->contains(R"(opaque="o\"p")"));
    // And it parses back to the same values with our own challenge parser's rules.
    const auto reparsed = DigestChallenge::parse("Digest " + header->mid(7));
    QVERIFY(reparsed);
    QCOMPARE(reparsed->realm, QByteArray(R"(re"al\m)"));
    QCOMPARE(*reparsed->opaque, QByteArray(R"(o"p)"));
}

void TestDigest::opaqueEchoedEvenWhenEmpty()
{
    // RFC 3261 §20.27 example: opaque="" must come back as opaque="".
    const auto c = DigestChallenge::parse(
            R"(Digest realm="atlanta.com", domain="sip:ss1.carrier.com", qop="auth", )"
            R"(nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5)");
    QVERIFY(c);
    QVERIFY(c->opaque.has_value());
    QVERIFY(c->opaque->isEmpty());
    const auto header = fixedCnonce("c").authorization(*c, "INVITE", "sip:bob@biloxi.com",
                                                       DigestCredentials { "alice", "pw", {} }, 1);
    QVERIFY(header);
    QVERIFY(header->endsWith(", opaque=\"\""));

    DigestChallenge none = *c;
    none.opaque.reset();
    const auto without = fixedCnonce("c").authorization(none, "INVITE", "sip:bob@biloxi.com",
                                                        DigestCredentials { "alice", "pw", {} }, 1);
    QVERIFY(without);
    QVERIFY(!without->contains("opaque"));
}

void TestDigest::refusesInjection()
{
    const DigestChallenge c = simple(DigestAlgorithm::Sha256, { "auth" });
    QString error;
    QVERIFY(!fixedCnonce("c").authorization(c, "REGISTER", "sip:a\r\nVia: x",
                                            DigestCredentials { "u", "p", {} }, 1, std::nullopt,
                                            &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!fixedCnonce("c").authorization(c, "REGISTER", "sip:a",
                                            DigestCredentials { "u\nX: y", "p", {} }, 1));
    QVERIFY(!fixedCnonce("c\r").authorization(c, "REGISTER", "sip:a",
                                              DigestCredentials { "u", "p", {} }, 1));
    QVERIFY(!fixedCnonce("c").authorization(c, "REG ISTER", "sip:a",
                                            DigestCredentials { "u", "p", {} }, 1));
    // Any password is fine: it is hashed, never sent.
    QVERIFY(fixedCnonce("c").authorization(c, "REGISTER", "sip:a",
                                           DigestCredentials { "u", "p\r\n\"\\", {} }, 1));
}

void TestDigest::refusesUnanswerable()
{
    const DigestCredentials creds { "u", "p", {} };
    QString error;

    DigestChallenge unknown = simple(DigestAlgorithm::Unknown, { "auth" });
    unknown.algorithmName = "SHA-512-256";
    QVERIFY(!fixedCnonce("c").authorization(unknown, "INVITE", "sip:x", creds, 1, std::nullopt,
                                            &error));
    QCOMPARE(error, QStringLiteral("unsupported algorithm SHA-512-256"));

    QVERIFY(!fixedCnonce("c").authorization(simple(DigestAlgorithm::Md5, { "auth-conf" }), "INVITE",
                                            "sip:x", creds, 1, QByteArray(), &error));
    QCOMPARE(error, QStringLiteral("no supported qop offered"));

    QVERIFY(!fixedCnonce("c").authorization(simple(DigestAlgorithm::Md5Sess, {}), "INVITE", "sip:x",
                                            creds, 1, std::nullopt, &error));
    QCOMPARE(error, QStringLiteral("algorithm MD5-sess requires qop"));

    QVERIFY(!DigestResponder([] { return QByteArray(); })
                     .authorization(simple(DigestAlgorithm::Md5, { "auth" }), "INVITE", "sip:x",
                                    creds, 1, std::nullopt, &error));
    QCOMPARE(error, QStringLiteral("empty cnonce"));
}

void TestDigest::realmMismatch()
{
    const DigestChallenge c = simple(DigestAlgorithm::Md5, { "auth" }, "evil.example");
    QString error;
    QVERIFY(!fixedCnonce("c").authorization(c, "INVITE", "sip:x",
                                            DigestCredentials { "u", "p", "home.example" }, 1,
                                            std::nullopt, &error));
    QCOMPARE(error, QStringLiteral("credentials are for a different realm"));
    QVERIFY(fixedCnonce("c").authorization(c, "INVITE", "sip:x",
                                           DigestCredentials { "u", "p", "evil.example" }, 1));
}

void TestDigest::randomCnonce()
{
    const QByteArray a = DigestResponder::randomCnonce();
    const QByteArray b = DigestResponder::randomCnonce();
    QCOMPARE(a.size(), 32); // 128 bits, hex
    QVERIFY(a != b);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                    .match(QString::fromLatin1(a))
                    .hasMatch());

    // The default responder draws a fresh cnonce per request.
    DigestResponder responder;
    const DigestChallenge c = simple(DigestAlgorithm::Sha256, { "auth" });
    const auto h1
            = responder.authorization(c, "INVITE", "sip:x", DigestCredentials { "u", "p", {} }, 1);
    const auto h2
            = responder.authorization(c, "INVITE", "sip:x", DigestCredentials { "u", "p", {} }, 2);
    QVERIFY(h1 && h2);
    QCOMPARE(directive(*h1, "cnonce").size(), 32);
    QVERIFY(directive(*h1, "cnonce") != directive(*h2, "cnonce"));
}

void TestDigest::parseBasic()
{
    QString error;
    const auto c = DigestChallenge::parse(
            R"(Digest realm="x", nonce="y", qop="auth,auth-int", algorithm=SHA-256, stale=TRUE)",
            &error);
    QVERIFY2(c, qPrintable(error));
    QCOMPARE(c->realm, QByteArray("x"));
    QCOMPARE(c->nonce, QByteArray("y"));
    QCOMPARE(c->algorithm, DigestAlgorithm::Sha256);
    QCOMPARE(c->algorithmName, QByteArray("SHA-256"));
    QCOMPARE(c->qopOptions, (QList<QByteArray> { "auth", "auth-int" }));
    QVERIFY(c->stale);
    QVERIFY(!c->opaque);
    QVERIFY(!c->userhash);
    QVERIFY(c->domain.isEmpty());
}

void TestDigest::parseMultipleQop()
{
    const auto c = DigestChallenge::parse(
            R"(Digest realm="x", nonce="y", qop=" Auth-Int ,  AUTH,,auth-conf, auth ")");
    QVERIFY(c);
    // Lower-cased, trimmed, de-duplicated, unknown kept, order preserved.
    QCOMPARE(c->qopOptions, (QList<QByteArray> { "auth-int", "auth", "auth-conf" }));
    QVERIFY(c->offersQop("auth"));
    QVERIFY(c->offersQop("AUTH-INT"));
    QVERIFY(!c->offersQop("auth-intx"));

    // Unquoted single qop, as some servers send.
    const auto bare = DigestChallenge::parse(R"(Digest realm="x", nonce="y", qop=auth)");
    QVERIFY(bare);
    QCOMPARE(bare->qopOptions, (QList<QByteArray> { "auth" }));
}

void TestDigest::parseStale_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("stale");
    QTest::newRow("TRUE") << QByteArray("TRUE") << true;
    QTest::newRow("true") << QByteArray("true") << true;
    QTest::newRow("True quoted") << QByteArray("\"True\"") << true;
    QTest::newRow("FALSE") << QByteArray("FALSE") << false;
    QTest::newRow("yes") << QByteArray("yes") << false;
    QTest::newRow("1") << QByteArray("1") << false;
}

void TestDigest::parseStale()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, stale);
    const auto c = DigestChallenge::parse("Digest realm=\"x\", nonce=\"y\", stale=" + value);
    QVERIFY(c);
    QCOMPARE(c->stale, stale);
}

void TestDigest::parseAlgorithms_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<DigestAlgorithm>("algorithm");
    QTest::newRow("MD5") << QByteArray("MD5") << DigestAlgorithm::Md5;
    QTest::newRow("md5 quoted") << QByteArray("\"md5\"") << DigestAlgorithm::Md5;
    QTest::newRow("MD5-sess") << QByteArray("MD5-sess") << DigestAlgorithm::Md5Sess;
    QTest::newRow("sha-256") << QByteArray("sha-256") << DigestAlgorithm::Sha256;
    QTest::newRow("SHA-256-SESS") << QByteArray("SHA-256-SESS") << DigestAlgorithm::Sha256Sess;
    QTest::newRow("SHA-512-256") << QByteArray("SHA-512-256") << DigestAlgorithm::Unknown;
    QTest::newRow("SHA-256x") << QByteArray("SHA-256x") << DigestAlgorithm::Unknown;
}

void TestDigest::parseAlgorithms()
{
    QFETCH(QByteArray, value);
    QFETCH(DigestAlgorithm, algorithm);
    const auto c = DigestChallenge::parse("Digest realm=\"x\", nonce=\"y\", algorithm=" + value);
    QVERIFY(c);
    QCOMPARE(c->algorithm, algorithm);
}

void TestDigest::parseUnknownParamsIgnored()
{
    const auto c = DigestChallenge::parse(
            R"(Digest foo=bar, realm="x", charset=UTF-8, nonce="y", x-ext="a, b=\"c\"", userhash=true)");
    QVERIFY(c);
    QCOMPARE(c->realm, QByteArray("x"));
    QCOMPARE(c->nonce, QByteArray("y"));
    QVERIFY(c->userhash);
}

void TestDigest::parseEscapedQuotes()
{
    const auto c = DigestChallenge::parse(
            R"(Digest realm="a \"quoted\" realm \\ with \x escapes", nonce="n\,\"", opaque="\"")");
    QVERIFY(c);
    QCOMPARE(c->realm, QByteArray(R"(a "quoted" realm \ with x escapes)"));
    QCOMPARE(c->nonce, QByteArray(R"(n,")"));
    QCOMPARE(*c->opaque, QByteArray("\""));
    // Commas and '=' inside a quoted string do not split parameters.
    const auto d = DigestChallenge::parse(R"(Digest realm="a,b=c", nonce="d")");
    QVERIFY(d);
    QCOMPARE(d->realm, QByteArray("a,b=c"));
    // UTF-8 is kept byte for byte.
    const auto u = DigestChallenge::parse("Digest realm=\"r\xc3\xa9\", nonce=\"y\"");
    QVERIFY(u);
    QCOMPARE(u->realm, QByteArray("r\xc3\xa9"));
}

void TestDigest::parseLwsAndCase()
{
    const auto c = DigestChallenge::parse(
            "  dIgEsT\t REALM = \"x\" ,\r\n\tNonce=\t\"y\"  ,ALGORITHM =MD5 , , ");
    QVERIFY(c);
    QCOMPARE(c->realm, QByteArray("x"));
    QCOMPARE(c->nonce, QByteArray("y"));
    QCOMPARE(c->algorithm, DigestAlgorithm::Md5);
}

void TestDigest::parseDomain()
{
    const auto c = DigestChallenge::parse(
            R"(Digest realm="x", nonce="y", domain="sip:a.example  sip:b.example")");
    QVERIFY(c);
    QCOMPARE(c->domain, (QList<QByteArray> { "sip:a.example", "sip:b.example" }));
}

void TestDigest::parseErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray() << "missing authentication scheme";
    QTest::newRow("spaces") << QByteArray("   ") << "missing authentication scheme";
    QTest::newRow("basic") << QByteArray(R"(Basic realm="x")") << "unsupported scheme Basic";
    QTest::newRow("bearer") << QByteArray("Bearer") << "unsupported scheme Bearer";
    QTest::newRow("Digestive") << QByteArray(R"(Digestive realm="x")")
                               << "unsupported scheme Digestive";
    QTest::newRow("no space") << QByteArray(R"(Digest,realm="x")")
                              << "expected whitespace after scheme";
    QTest::newRow("digest only") << QByteArray("Digest") << "missing realm";
    QTest::newRow("no nonce") << QByteArray(R"(Digest realm="x")") << "missing nonce";
    QTest::newRow("no realm") << QByteArray(R"(Digest nonce="x")") << "missing realm";
    QTest::newRow("unterminated") << QByteArray(R"(Digest realm="x, nonce="y)")
                                  << "expected ',' after realm";
    QTest::newRow("unterminated end")
            << QByteArray(R"(Digest realm="x)") << "unterminated quoted string";
    QTest::newRow("trailing backslash")
            << QByteArray("Digest realm=\"x\\") << "unterminated quoted string";
    QTest::newRow("no equals") << QByteArray(R"(Digest realm "x")") << "expected '=' after realm";
    QTest::newRow("no value") << QByteArray(R"(Digest realm=, nonce="y")")
                              << "missing value for realm";
    QTest::newRow("garbage") << QByteArray("Digest @@@") << "unexpected character at offset 7";
    QTest::newRow("junk after value")
            << QByteArray(R"(Digest realm="x"y, nonce="n")") << "expected ',' after realm";
    QTest::newRow("duplicate") << QByteArray(R"(Digest realm="x", nonce="y", REALM="z")")
                               << "duplicate parameter REALM";
    QTest::newRow("control char") << QByteArray("Digest realm=\"a\x01\", nonce=\"y\"")
                                  << "control character in quoted string";
    QTest::newRow("newline in quotes") << QByteArray("Digest realm=\"a\r\nVia: x\", nonce=\"y\"")
                                       << "control character in quoted string";
    QTest::newRow("escaped newline") << QByteArray("Digest realm=\"a\\\n\", nonce=\"y\"")
                                     << "invalid escape in quoted string";
    QTest::newRow("nul") << QByteArray("Digest realm=\"a\0b\", nonce=\"y\"", 26)
                         << "control character in quoted string";
    QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01", 4) << "missing authentication scheme";
    QTest::newRow("too long") << (QByteArray("Digest realm=\"") + QByteArray(9000, 'a')
                                  + "\", nonce=\"y\"")
                              << "challenge too long";
}

void TestDigest::parseErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, error);
    QString actual = QStringLiteral("untouched");
    QVERIFY(!DigestChallenge::parse(input, &actual));
    QCOMPARE(actual, error);
    // A null error pointer is allowed.
    QVERIFY(!DigestChallenge::parse(input));
}

void TestDigest::parseHostileInputNeverCrashes()
{
    // Too many parameters.
    QByteArray many = "Digest realm=\"x\", nonce=\"y\"";
    for (int i = 0; i < 100; ++i)
        many += ", p" + QByteArray::number(i) + "=v";
    QString error;
    QVERIFY(!DigestChallenge::parse(many, &error));
    QCOMPARE(error, QStringLiteral("too many parameters"));

    // Every prefix of a valid challenge, and pseudo-random mutations of it: no crash, no
    // hang, and a result either way. Run under ASan/UBSan in CI for full value.
    const QByteArray valid
            = R"(Digest realm="a\"b", nonce="n", qop="auth,auth-int", opaque="o", algorithm=SHA-256, stale=TRUE, domain="sip:x sip:y", userhash=false)";
    for (qsizetype i = 0; i <= valid.size(); ++i)
        (void)DigestChallenge::parse(valid.first(i));
    quint32 state = 0x12345678;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u; // fixed LCG: reproducible, not crypto
        return state >> 8;
    };
    const char alphabet[] = "\"\\,= \t\r\nDigestrealmnonce\x00\x7f\xff";
    for (int round = 0; round < 5000; ++round) {
        QByteArray mutated = valid;
        const int edits = 1 + int(next() % 8);
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = qsizetype(next() % quint32(mutated.size() + 1));
            const char ch = alphabet[next() % (sizeof(alphabet) - 1)];
            switch (next() % 3) {
            case 0:
                mutated.insert(at, ch);
                break;
            case 1:
                if (at < mutated.size())
                    mutated[at] = ch;
                break;
            default:
                mutated.remove(at, 1);
                break;
            }
        }
        QString err;
        const auto parsed = DigestChallenge::parse(mutated, &err);
        QVERIFY(parsed.has_value() || !err.isEmpty());
    }
}

void TestDigest::credentialCache()
{
    CredentialCache cache;
    QVERIFY(!cache.lookup("a.example"));
    cache.store({ "alice", "pw1", "a.example" });
    cache.store({ "bob", "pw2", "b.example" });
    QCOMPARE(cache.size(), 2);
    QCOMPARE(cache.lookup("a.example")->username, QStringLiteral("alice"));
    QCOMPARE(cache.lookup("b.example")->username, QStringLiteral("bob"));
    // Realms are case-sensitive (RFC 3261 §22.1).
    QVERIFY(!cache.lookup("A.EXAMPLE"));
    // Replace.
    cache.store({ "alice2", "pw3", "a.example" });
    QCOMPARE(cache.lookup("a.example")->username, QStringLiteral("alice2"));
    // Any-realm fallback.
    cache.store({ "default", "pw", {} });
    QCOMPARE(cache.lookup("other.example")->username, QStringLiteral("default"));
    QCOMPARE(cache.lookup("a.example")->username, QStringLiteral("alice2"));
    QVERIFY(cache.remove("a.example"));
    QVERIFY(!cache.remove("a.example"));
    QCOMPARE(cache.lookup("a.example")->username, QStringLiteral("default"));
    cache.clear();
    QCOMPARE(cache.size(), 0);
    QVERIFY(!cache.lookup("b.example"));
}

void TestDigest::nonceCountPerNonce()
{
    CredentialCache cache;
    QCOMPARE(cache.nextNonceCount("r", "n1"), 1u);
    QCOMPARE(cache.nextNonceCount("r", "n1"), 2u);
    QCOMPARE(cache.nextNonceCount("r", "n1"), 3u);
    // A new nonce (e.g. after stale=true) starts again at 1.
    QCOMPARE(cache.nextNonceCount("r", "n2"), 1u);
    QCOMPARE(cache.nextNonceCount("r", "n2"), 2u);
    // Same nonce string in another realm is a different nonce.
    QCOMPARE(cache.nextNonceCount("other", "n1"), 1u);
    // The first nonce's count is still tracked.
    QCOMPARE(cache.nextNonceCount("r", "n1"), 4u);
    // remove() forgets the realm's counts; clear() forgets everything.
    cache.remove("r");
    QCOMPARE(cache.nextNonceCount("r", "n1"), 1u);
    QCOMPARE(cache.nextNonceCount("other", "n1"), 2u);
    cache.clear();
    QCOMPARE(cache.nextNonceCount("other", "n1"), 1u);
}

void TestDigest::nonceCountBounded()
{
    CredentialCache cache;
    QCOMPARE(cache.nextNonceCount("r", "keep"), 1u);
    for (int i = 0; i < CredentialCache::MaxTrackedNonces * 4; ++i) {
        cache.nextNonceCount("r", "fresh" + QByteArray::number(i));
        // Keep "keep" recently used so LRU eviction spares it.
        if (i % 16 == 0)
            cache.nextNonceCount("r", "keep");
    }
    QVERIFY(cache.nextNonceCount("r", "keep") > 2u);
    // The oldest fresh nonces were evicted and start over.
    QCOMPARE(cache.nextNonceCount("r", "fresh0"), 1u);
}

// What RequestAuthenticator::preauthorize() answers: the last challenge per realm and
// kind (401 / 407), only for realms with credentials, bounded, forgotten with the realm.
void TestDigest::answeredChallengesRemembered()
{
    CredentialCache cache;
    DigestChallenge challenge;
    challenge.realm = "a.example";
    challenge.nonce = "n1";
    cache.rememberChallenge(challenge, false);
    QVERIFY(cache.answeredChallenges().isEmpty()); // no credentials for it

    cache.store({ "alice", "pw", "a.example" });
    cache.rememberChallenge(challenge, false);
    challenge.nonce = "p1";
    cache.rememberChallenge(challenge, true); // a proxy's, same realm: kept beside it
    challenge.nonce = "n2";
    cache.rememberChallenge(challenge, false); // replaces n1
    auto answered = cache.answeredChallenges();
    QCOMPARE(answered.size(), 2);
    QCOMPARE(answered[0].challenge.nonce, QByteArray("p1"));
    QVERIFY(answered[0].proxy);
    QCOMPARE(answered[1].challenge.nonce, QByteArray("n2"));
    QVERIFY(!answered[1].proxy);

    cache.store({ "any", "pw", {} }); // any realm
    for (int i = 0; i < CredentialCache::MaxAnsweredChallenges * 2; ++i) {
        challenge.realm = "r" + QByteArray::number(i);
        cache.rememberChallenge(challenge, false);
    }
    answered = cache.answeredChallenges();
    QCOMPARE(answered.size(), CredentialCache::MaxAnsweredChallenges);
    QCOMPARE(answered.back().challenge.realm,
             "r" + QByteArray::number(CredentialCache::MaxAnsweredChallenges * 2 - 1));

    cache.forgetChallenge(answered.back().challenge.realm);
    QCOMPARE(cache.answeredChallenges().size(), CredentialCache::MaxAnsweredChallenges - 1);
    cache.remove(QString::fromUtf8(answered.front().challenge.realm));
    QCOMPARE(cache.answeredChallenges().size(), CredentialCache::MaxAnsweredChallenges - 2);
    cache.clear();
    QVERIFY(cache.answeredChallenges().isEmpty());
}

void TestDigest::cacheDrivenAuthorization()
{
    CredentialCache cache;
    cache.store({ "Mufasa", "Circle Of Life", "testrealm@host.com" });
    const DigestChallenge c = rfc2617Challenge();
    const DigestResponder responder = fixedCnonce("0a4f113b");
    auto first = responder.authorization(c, "GET", "/dir/index.html", cache);
    QVERIFY(first);
    QCOMPARE(directive(*first, "nc"), QByteArray("00000001"));
    QCOMPARE(directive(*first, "response"), QByteArray("6629fae49393a05397450978507c4ef1"));
    auto second = responder.authorization(c, "GET", "/dir/index.html", cache);
    QVERIFY(second);
    QCOMPARE(directive(*second, "nc"), QByteArray("00000002"));

    DigestChallenge fresh = c;
    fresh.nonce = "newnonce";
    fresh.stale = true;
    auto third = responder.authorization(fresh, "GET", "/dir/index.html", cache);
    QVERIFY(third);
    QCOMPARE(directive(*third, "nc"), QByteArray("00000001"));

    QString error;
    DigestChallenge elsewhere = c;
    elsewhere.realm = "elsewhere";
    QVERIFY(!responder.authorization(elsewhere, "GET", "/", cache, std::nullopt, &error));
    QCOMPARE(error, QStringLiteral("no credentials for realm elsewhere"));

    // An unanswerable challenge does not consume a count.
    DigestChallenge unsupported = c;
    unsupported.algorithm = DigestAlgorithm::Unknown;
    QVERIFY(!responder.authorization(unsupported, "GET", "/", cache));
    QCOMPARE(cache.nextNonceCount(c.realm, c.nonce), 3u);
}

void TestDigest::selectBestPrefersSha256()
{
    // MD5 listed first (as an attacker reordering the fields would do): SHA-256 still wins.
    const QList<DigestChallenge> offered { simple(DigestAlgorithm::Md5, { "auth" }),
                                           simple(DigestAlgorithm::Sha256, { "auth" }),
                                           simple(DigestAlgorithm::Md5Sess, { "auth" }) };
    const auto best = DigestResponder::selectBest(offered);
    QVERIFY(best);
    QCOMPARE(best->algorithm, DigestAlgorithm::Sha256);
    // Even SHA-256 without qop beats MD5 with qop: the hash is the primary criterion.
    const auto best2 = DigestResponder::selectBest(
            { simple(DigestAlgorithm::Md5, { "auth" }), simple(DigestAlgorithm::Sha256, {}) });
    QCOMPARE(best2->algorithm, DigestAlgorithm::Sha256);
    // Plain before -sess for the same hash.
    const auto best3
            = DigestResponder::selectBest({ simple(DigestAlgorithm::Sha256Sess, { "auth" }),
                                            simple(DigestAlgorithm::Sha256, { "auth" }) });
    QCOMPARE(best3->algorithm, DigestAlgorithm::Sha256);
}

void TestDigest::selectBestPrefersQopAuth()
{
    auto withNonce = [](DigestChallenge c, QByteArray nonce) {
        c.nonce = std::move(nonce);
        return c;
    };
    const auto best = DigestResponder::selectBest(
            { withNonce(simple(DigestAlgorithm::Md5, {}), "none"),
              withNonce(simple(DigestAlgorithm::Md5, { "auth-int" }), "int"),
              withNonce(simple(DigestAlgorithm::Md5, { "auth" }), "auth") });
    QVERIFY(best);
    QCOMPARE(best->nonce, QByteArray("auth"));
    const auto best2 = DigestResponder::selectBest(
            { withNonce(simple(DigestAlgorithm::Md5, {}), "none"),
              withNonce(simple(DigestAlgorithm::Md5, { "auth-int" }), "int") });
    QCOMPARE(best2->nonce, QByteArray("int"));
}

void TestDigest::selectBestSkipsUnsupported()
{
    QVERIFY(!DigestResponder::selectBest({}));
    DigestChallenge sha512 = simple(DigestAlgorithm::Unknown, { "auth" });
    sha512.algorithmName = "SHA-512-256";
    const QList<DigestChallenge> offered { sha512, simple(DigestAlgorithm::Sha256, { "auth-conf" }),
                                           simple(DigestAlgorithm::Md5Sess, {}),
                                           simple(DigestAlgorithm::Md5, { "auth" }) };
    const auto best = DigestResponder::selectBest(offered);
    QVERIFY(best);
    QCOMPARE(best->algorithm, DigestAlgorithm::Md5);
    QVERIFY(!DigestResponder::selectBest({ sha512 }));
}

void TestDigest::selectBestTieKeepsTopmost()
{
    DigestChallenge a = simple(DigestAlgorithm::Sha256, { "auth" });
    a.nonce = "first";
    DigestChallenge b = simple(DigestAlgorithm::Sha256, { "auth", "auth-int" });
    b.nonce = "second";
    QCOMPARE(DigestResponder::selectBest({ a, b })->nonce, QByteArray("first"));
    QCOMPARE(DigestResponder::selectBest({ b, a })->nonce, QByteArray("second"));
}

void TestDigest::selectBestPerRealm()
{
    const QList<DigestChallenge> offered {
        simple(DigestAlgorithm::Md5, { "auth" }, "proxy1"),
        simple(DigestAlgorithm::Md5, { "auth" }, "proxy2"),
        simple(DigestAlgorithm::Sha256, { "auth" }, "proxy1"),
        simple(DigestAlgorithm::Unknown, { "auth" }, "proxy3"),
    };
    const auto chosen = DigestResponder::selectBestPerRealm(offered);
    QCOMPARE(chosen.size(), 2);
    QCOMPARE(chosen[0].realm, QByteArray("proxy1"));
    QCOMPARE(chosen[0].algorithm, DigestAlgorithm::Sha256);
    QCOMPARE(chosen[1].realm, QByteArray("proxy2"));
    QCOMPARE(chosen[1].algorithm, DigestAlgorithm::Md5);
}

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
