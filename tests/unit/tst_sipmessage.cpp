// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/message/SipMessage.h"

#include <QTest>

#include <string>

using namespace Sip;

namespace {

QByteArray qb(std::string_view s)
{
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

QByteArray qb(const std::string &s)
{
    return QByteArray::fromStdString(s);
}

std::string str(const QByteArray &b)
{
    return std::string(b.constData(), static_cast<size_t>(b.size()));
}

bool reasonHas(const ParseError &e, const char *what)
{
    return e.reason.find(what) != std::string::npos;
}

const std::string sdp = "v=0\r\n"
                        "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.com\r\n"
                        "s=-\r\n"
                        "c=IN IP4 pc33.atlanta.com\r\n"
                        "t=0 0\r\n"
                        "m=audio 49172 RTP/AVP 0\r\n"
                        "a=rtpmap:0 PCMU/8000\r\n";

// RFC 3261 §24.2 F1.
const std::string invite = "INVITE sip:bob@biloxi.com SIP/2.0\r\n"
                           "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8\r\n"
                           "Max-Forwards: 70\r\n"
                           "To: Bob <sip:bob@biloxi.com>\r\n"
                           "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
                           "Call-ID: a84b4c76e66710\r\n"
                           "CSeq: 314159 INVITE\r\n"
                           "Contact: <sip:alice@pc33.atlanta.com>\r\n"
                           "Content-Type: application/sdp\r\n"
                           "Content-Length: "
        + std::to_string(sdp.size()) + "\r\n\r\n" + sdp;

const std::string ringing
        = "SIP/2.0 180 Ringing\r\n"
          "Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1\r\n"
          "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.3\r\n"
          "Record-Route: <sip:server10.biloxi.com;lr>\r\n"
          "To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r\n"
          "From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n"
          "Call-ID: a84b4c76e66710\r\n"
          "Contact: <sip:bob@192.0.2.4>\r\n"
          "CSeq: 314159 INVITE\r\n"
          "Content-Length: 0\r\n\r\n";

// An OPTIONS request (or, with `startLine`, anything else) with the required headers and
// `extra` header lines, then `tail` (the empty line and body, by default none).
std::string options(std::string_view extra = {},
                    std::string_view startLine = "OPTIONS sip:bob@biloxi.com SIP/2.0",
                    std::string_view cseqMethod = "OPTIONS", std::string_view tail = "\r\n")
{
    std::string out(startLine);
    out += "\r\n"
           "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n"
           "From: <sip:alice@atlanta.com>;tag=1928301774\r\n"
           "To: <sip:bob@biloxi.com>\r\n"
           "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n"
           "CSeq: 314159 ";
    out += cseqMethod;
    out += "\r\n";
    out += extra;
    out += tail;
    return out;
}

std::string okResponse(std::string_view extra = {},
                       std::string_view tail = "Content-Length: 0\r\n\r\n")
{
    std::string out = "SIP/2.0 200 OK\r\n"
                      "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r\n"
                      "From: <sip:alice@atlanta.com>;tag=1928301774\r\n"
                      "To: <sip:bob@biloxi.com>;tag=x\r\n"
                      "Call-ID: a84b4c76e66710@pc33.atlanta.com\r\n"
                      "CSeq: 314159 OPTIONS\r\n";
    out += extra;
    out += tail;
    return out;
}

} // namespace

#define PARSE_OK(msg, text) \
    ParseError msg##Error; \
    const SipMessage msg = SipMessage::parse((text), &msg##Error); \
    QVERIFY2(!msg.isNull(), msg##Error.reason.c_str())

#define PARSE_MUT(msg, text) \
    ParseError msg##Error; \
    SipMessage msg = SipMessage::parse((text), &msg##Error); \
    QVERIFY2(!msg.isNull(), msg##Error.reason.c_str())

class TestSipMessage : public QObject
{
    Q_OBJECT

private slots:
    // ---- requests and responses ----------------------------------------------------

    void request()
    {
        ParseError error { 999, "stale" };
        const SipMessage m = SipMessage::parse(invite, &error);
        QVERIFY2(!m.isNull(), error.reason.c_str());
        QVERIFY(!error.isError());
        QCOMPARE(error.statusCode, 0);
        QVERIFY(m.isRequest());
        QVERIFY(!m.isResponse());
        QCOMPARE(qb(m.method()), QByteArray("INVITE"));
        QCOMPARE(int(m.methodId()), int(Method::Invite));
        QCOMPARE(qb(m.requestUri().text()), QByteArray("sip:bob@biloxi.com"));
        QCOMPARE(qb(m.requestUri().user()), QByteArray("bob"));
        QCOMPARE(m.statusCode(), 0);
        QVERIFY(m.reasonPhrase().empty());
        QCOMPARE(m.headers().size(), size_t(9));
        QCOMPARE(qb(m.headers()[2].name), QByteArray("To"));
        QCOMPARE(qb(m.headers()[2].value), QByteArray("Bob <sip:bob@biloxi.com>"));
        QCOMPARE(int(m.headers()[2].id), int(HeaderId::To));
        QCOMPARE(m.maxForwards(), 70);
        QCOMPARE(m.cseq()->number(), 314159u);
        QCOMPARE(qb(m.body()), qb(sdp));
        QCOMPARE(m.contentLength(), int64_t(sdp.size()));
        // No error pointer at all is fine too.
        QVERIFY(!SipMessage::parse(invite).isNull());
        QVERIFY(SipMessage::parse("garbage").isNull());
    }

    void response()
    {
        PARSE_OK(m, ringing);
        QVERIFY(m.isResponse());
        QVERIFY(!m.isRequest());
        QCOMPARE(m.statusCode(), 180);
        QCOMPARE(qb(m.reasonPhrase()), QByteArray("Ringing"));
        QCOMPARE(qb(m.method()), QByteArray("INVITE")); // from CSeq
        QCOMPARE(int(m.methodId()), int(Method::Invite));
        QVERIFY(m.requestUri().isNull());
        QCOMPARE(m.vias().size(), size_t(2));
        QCOMPARE(qb(m.vias()[1].received()), QByteArray("192.0.2.3"));
        QCOMPARE(qb(m.to()->tag()), QByteArray("a6c85cf"));
        QCOMPARE(m.recordRoutes().size(), size_t(1));
        QVERIFY(m.body().empty());
    }

    void reasonPhrases_data()
    {
        QTest::addColumn<QByteArray>("statusLine");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("words") << QByteArray("SIP/2.0 183 Session Progress") << 183
                               << QByteArray("Session Progress");
        QTest::newRow("empty") << QByteArray("SIP/2.0 200 ") << 200 << QByteArray();
        QTest::newRow("utf-8") << QByteArray("SIP/2.0 486 Besetzt \xC3\xBC") << 486
                               << QByteArray("Besetzt \xC3\xBC");
        QTest::newRow("100") << QByteArray("SIP/2.0 100 Trying") << 100 << QByteArray("Trying");
        QTest::newRow("699") << QByteArray("SIP/2.0 699 Whatever") << 699 << QByteArray("Whatever");
    }

    void reasonPhrases()
    {
        QFETCH(QByteArray, statusLine);
        QFETCH(int, code);
        QFETCH(QByteArray, reason);
        std::string text = okResponse();
        text.replace(0, text.find("\r\n"), str(statusLine));
        PARSE_OK(m, text);
        QCOMPARE(m.statusCode(), code);
        QCOMPARE(qb(m.reasonPhrase()), reason);
    }

    void methods_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("id");
        const auto row
                = [](const char *n, Method id) { QTest::newRow(n) << QByteArray(n) << int(id); };
        row("INVITE", Method::Invite);
        row("ACK", Method::Ack);
        row("BYE", Method::Bye);
        row("CANCEL", Method::Cancel);
        row("OPTIONS", Method::Options);
        row("REGISTER", Method::Register);
        row("PRACK", Method::Prack);
        row("SUBSCRIBE", Method::Subscribe);
        row("NOTIFY", Method::Notify);
        row("PUBLISH", Method::Publish);
        row("INFO", Method::Info);
        row("REFER", Method::Refer);
        row("MESSAGE", Method::Message);
        row("UPDATE", Method::Update);
        row("invite", Method::Unknown); // methods are case-sensitive
        row("NEWMETHOD", Method::Unknown);
    }

    void methods()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, id);
        QCOMPARE(int(methodFromName(str(name))), id);
        const std::string n = str(name);
        PARSE_OK(m, options({}, n + " sip:bob@biloxi.com SIP/2.0", n));
        QCOMPARE(qb(m.method()), name);
        QCOMPARE(int(m.methodId()), id);
    }

    void leadingCrlfIgnored()
    {
        PARSE_OK(m, "\r\n\r\n" + options());
        QCOMPARE(qb(m.method()), QByteArray("OPTIONS"));
    }

    // ---- folding, white space, lists -----------------------------------------------

    // Modelled on RFC 4475 §3.1.1.1 (wsinv): LWS and folding wherever the ABNF allows.
    void lwsAndFolding()
    {
        const std::string text
                = "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\r\n"
                  "TO :\r\n"
                  " sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n"
                  "from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>\r\n"
                  "  ;\r\n"
                  "  tag = 98asjd8\r\n"
                  "MaX-fOrWaRdS: 0068\r\n"
                  "Call-ID: wsinv.ndaksdj@192.0.2.1\r\n"
                  "Content-Length   : 150\r\n"
                  "cseq: 0009\r\n"
                  "  INVITE\r\n"
                  "Via  : SIP  /   2.0\r\n"
                  " /UDP\r\n"
                  "    192.0.2.2;branch=390skdjuw\r\n"
                  "s :\r\n"
                  "NewFangledHeader:   newfangled value\r\n"
                  " continued newfangled value\r\n"
                  "UnknownHeaderWithUnusualValue: ;;,,;;,;\r\n"
                  "Content-Type: application/sdp\r\n"
                  "Route:\r\n"
                  " <sip:services.example.com;lr;unknownwith=value;unknown-no-value>\r\n"
                  "v:  SIP  / 2.0  / TCP     spindle.example.com   ;\r\n"
                  "  branch  =   z9hG4bK9ikj8  ,\r\n"
                  " SIP  /    2.0   / UDP  192.168.255.111   ; branch=\r\n"
                  " z9hG4bK30239\r\n"
                  "m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =\r\n"
                  "      newvalue ;\r\n"
                  "  secondparam ; q = 0.33\r\n"
                  "\r\n"
                  "v=0\r\n"
                  "o=mhandley 29739 7272939 IN IP4 192.0.2.3\r\n"
                  "s=-\r\n"
                  "c=IN IP4 192.0.2.4\r\n"
                  "t=0 0\r\n"
                  "m=audio 49217 RTP/AVP 0 12\r\n"
                  "m=video 3227 RTP/AVP 31\r\n"
                  "a=rtpmap:31 LPC\r\n";
        PARSE_OK(m, text);
        QCOMPARE(qb(m.to()->tag()), QByteArray("1918181833n"));
        QCOMPARE(qb(m.from()->tag()), QByteArray("98asjd8"));
        QCOMPARE(qb(m.from()->displayNameText()), QByteArray("J Rosenberg \\\""));
        QCOMPARE(m.maxForwards(), 68);
        QCOMPARE(m.cseq()->number(), 9u);
        QCOMPARE(qb(m.cseq()->method()), QByteArray("INVITE"));
        QCOMPARE(m.vias().size(), size_t(3));
        QCOMPARE(qb(m.vias()[0].host()), QByteArray("192.0.2.2"));
        QCOMPARE(qb(m.vias()[1].transport()), QByteArray("TCP"));
        QCOMPARE(qb(m.vias()[1].branch()), QByteArray("z9hG4bK9ikj8"));
        QCOMPARE(qb(m.vias()[2].host()), QByteArray("192.168.255.111"));
        QCOMPARE(qb(m.vias()[2].branch()), QByteArray("z9hG4bK30239"));
        QCOMPARE(m.contacts().size(), size_t(1));
        QCOMPARE(m.contacts()[0].q(), 330);
        QCOMPARE(qb(m.contacts()[0].address().displayNameText()), QByteArray("Quoted string \"\""));
        QCOMPARE(qb(m.contacts()[0].params().valueOf("newparam")), QByteArray("newvalue"));
        QVERIFY(m.contacts()[0].params().contains("secondparam"));
        QCOMPARE(m.routes().size(), size_t(1));
        QVERIFY(m.routes()[0].uri().hasLooseRoute());
        QCOMPARE(qb(m.header("Subject")), QByteArray());
        QCOMPARE(qb(m.header("NewFangledHeader")),
                 QByteArray("newfangled value\r\n continued newfangled value"));
        QCOMPARE(m.contentLength(), int64_t(150));
        QCOMPARE(m.body().size(), size_t(150));
    }

    void continuationLineFirstIsAnError()
    {
        ParseError error;
        const SipMessage m = SipMessage::parse("OPTIONS sip:bob@biloxi.com SIP/2.0\r\n"
                                               " Via: SIP/2.0/UDP h.example.com\r\n\r\n",
                                               &error);
        QVERIFY(m.isNull());
        QCOMPARE(error.statusCode, 400);
        QVERIFY2(reasonHas(error, "continuation"), error.reason.c_str());
    }

    void commaSplitOnlyOutsideQuotesAndBrackets()
    {
        PARSE_OK(m,
                 options("Contact: \"Doe, John\" <sip:jd@a.example.com>;q=0.9, \"Smith, <Jane>\" "
                         "<sip:js@b.example.com> , "
                         "<sip:c,d@c.example.com;transport=tcp>,sip:e@e.example.com\r\n"
                         "X-List: a, b, \"c, d\"\r\n"
                         "Content-Length: 0\r\n"));
        QCOMPARE(m.contacts().size(), size_t(4));
        QCOMPARE(qb(m.contacts()[0].address().displayNameText()), QByteArray("Doe, John"));
        QCOMPARE(m.contacts()[0].q(), 900);
        QCOMPARE(qb(m.contacts()[1].address().displayNameText()), QByteArray("Smith, <Jane>"));
        QCOMPARE(qb(m.contacts()[1].uri().user()), QByteArray("js"));
        QCOMPARE(qb(m.contacts()[2].uri().user()), QByteArray("c,d"));
        QCOMPARE(qb(m.contacts()[2].uri().transport()), QByteArray("tcp"));
        QCOMPARE(qb(m.contacts()[3].uri().user()), QByteArray("e"));
        QCOMPARE(m.headerCount("Contact"), 1);
        // Unknown headers are never split.
        QCOMPARE(m.headerCount("X-List"), 1);
        QCOMPARE(qb(m.header("X-List")), QByteArray("a, b, \"c, d\""));
    }

    // ---- body and framing ----------------------------------------------------------

    void datagramBody_data()
    {
        QTest::addColumn<QByteArray>("headersAndBody"); // after the required headers
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("no Content-Length: rest of datagram")
                << QByteArray("\r\nhello\r\nworld") << true << QByteArray("hello\r\nworld");
        QTest::newRow("no Content-Length, no body") << QByteArray("\r\n") << true << QByteArray();
        QTest::newRow("exact") << QByteArray("Content-Length: 5\r\n\r\nhello") << true
                               << QByteArray("hello");
        QTest::newRow("trailing octets ignored")
                << QByteArray("Content-Length: 5\r\n\r\nhello, and more") << true
                << QByteArray("hello");
        QTest::newRow("zero with trailing")
                << QByteArray("l: 0\r\n\r\nstray") << true << QByteArray();
        QTest::newRow("body with blank lines")
                << QByteArray("Content-Length: 8\r\n\r\n\r\n\r\nab\r\n") << true
                << QByteArray("\r\n\r\nab\r\n");
        QTest::newRow("binary body") << QByteArray("Content-Length: 3\r\n\r\n\x00\x01\xFF", 24)
                                     << true << QByteArray("\x00\x01\xFF", 3);
        QTest::newRow("larger than available")
                << QByteArray("Content-Length: 50\r\n\r\nshort") << false << QByteArray();
        QTest::newRow("one more than available")
                << QByteArray("Content-Length: 6\r\n\r\nhello") << false << QByteArray();
    }

    void datagramBody()
    {
        QFETCH(QByteArray, headersAndBody);
        QFETCH(bool, valid);
        QFETCH(QByteArray, body);
        ParseError error;
        const SipMessage m = SipMessage::parse(
                options({}, "OPTIONS sip:bob@biloxi.com SIP/2.0", "OPTIONS", str(headersAndBody)),
                &error, SipMessage::Framing::Datagram);
        if (!valid) {
            QVERIFY(m.isNull());
            QCOMPARE(error.statusCode, 400);
            QVERIFY2(reasonHas(error, "Content-Length"), error.reason.c_str());
            return;
        }
        QVERIFY2(!m.isNull(), error.reason.c_str());
        QCOMPARE(qb(m.body()), body);
    }

    void responseBodyTooShortIsDropped()
    {
        ParseError error;
        const SipMessage m
                = SipMessage::parse(okResponse({}, "Content-Length: 10\r\n\r\nabc"), &error);
        QVERIFY(m.isNull());
        QCOMPARE(error.statusCode, 0);
        QVERIFY2(reasonHas(error, "Content-Length"), error.reason.c_str());
    }

    void streamFramingRequiresContentLength()
    {
        ParseError error;
        const std::string without
                = options({}, "OPTIONS sip:bob@biloxi.com SIP/2.0", "OPTIONS", "\r\n");
        QVERIFY(SipMessage::parse(without, &error, SipMessage::Framing::Stream).isNull());
        QCOMPARE(error.statusCode, 400);
        QVERIFY2(reasonHas(error, "Content-Length"), error.reason.c_str());
        // The same message is fine as a datagram.
        QVERIFY(!SipMessage::parse(without, &error, SipMessage::Framing::Datagram).isNull());

        const std::string with
                = options("Content-Length: 4\r\n", "OPTIONS sip:bob@biloxi.com SIP/2.0", "OPTIONS",
                          "\r\nbody");
        PARSE_OK(s, with);
        const SipMessage m = SipMessage::parse(with, &error, SipMessage::Framing::Stream);
        QVERIFY2(!m.isNull(), error.reason.c_str());
        QCOMPARE(qb(m.body()), QByteArray("body"));

        ParseError responseError;
        QVERIFY(SipMessage::parse(okResponse({}, "\r\n"), &responseError,
                                  SipMessage::Framing::Stream)
                        .isNull());
        QCOMPARE(responseError.statusCode, 0);
    }

    // ---- limits --------------------------------------------------------------------

    void messageSizeLimit()
    {
        const std::string text = options("Content-Length: 0\r\n");
        MessageLimits limits;
        limits.maxMessageBytes = text.size();
        ParseError error;
        QVERIFY2(!SipMessage::parse(text, &error, SipMessage::Framing::Datagram, limits).isNull(),
                 error.reason.c_str());

        limits.maxMessageBytes = text.size() - 1;
        QVERIFY(SipMessage::parse(text, &error, SipMessage::Framing::Datagram, limits).isNull());
        QCOMPARE(error.statusCode, 513);
        QVERIFY2(reasonHas(error, std::to_string(limits.maxMessageBytes).c_str()),
                 error.reason.c_str());

        // Default: 65535 bytes.
        const std::string big
                = options("X-Padding: " + std::string(70000, 'a') + "\r\nContent-Length: 0\r\n");
        QVERIFY(SipMessage::parse(big, &error).isNull());
        QCOMPARE(error.statusCode, 513);
        QVERIFY2(reasonHas(error, "65535"), error.reason.c_str());
    }

    void headerCountLimit()
    {
        // options() has 5 headers; add Content-Length and n - 6 more.
        auto withHeaders = [](int n) {
            std::string extra;
            for (int i = 6; i < n; ++i)
                extra += "X-H" + std::to_string(i) + ": v\r\n";
            return options(extra + "Content-Length: 0\r\n");
        };
        MessageLimits limits;
        limits.maxHeaderCount = 10;
        ParseError error;
        QVERIFY2(!SipMessage::parse(withHeaders(10), &error, SipMessage::Framing::Datagram, limits)
                          .isNull(),
                 error.reason.c_str());
        QVERIFY(SipMessage::parse(withHeaders(11), &error, SipMessage::Framing::Datagram, limits)
                        .isNull());
        QCOMPARE(error.statusCode, 400);
        QVERIFY2(reasonHas(error, "10") && reasonHas(error, "header"), error.reason.c_str());

        // Default: 256.
        QVERIFY2(!SipMessage::parse(withHeaders(256), &error).isNull(), error.reason.c_str());
        QVERIFY(SipMessage::parse(withHeaders(257), &error).isNull());
        QVERIFY2(reasonHas(error, "256"), error.reason.c_str());
    }

    void lineLengthLimit()
    {
        MessageLimits limits;
        limits.maxLineBytes = 100;
        ParseError error;
        const std::string okLine = "X-Long: " + std::string(100 - 8, 'a') + "\r\n";
        QVERIFY2(!SipMessage::parse(options(okLine + "Content-Length: 0\r\n"), &error,
                                    SipMessage::Framing::Datagram, limits)
                          .isNull(),
                 error.reason.c_str());
        const std::string longLine = "X-Long: " + std::string(101 - 8, 'a') + "\r\n";
        QVERIFY(SipMessage::parse(options(longLine + "Content-Length: 0\r\n"), &error,
                                  SipMessage::Framing::Datagram, limits)
                        .isNull());
        QCOMPARE(error.statusCode, 400);
        QVERIFY2(reasonHas(error, "100") && reasonHas(error, "line"), error.reason.c_str());

        // A field folded over short lines still counts as one long field.
        std::string folded = "X-Folded: a";
        for (int i = 0; i < 20; ++i)
            folded += "\r\n bbbbbbbb";
        folded += "\r\n";
        QVERIFY(SipMessage::parse(options(folded + "Content-Length: 0\r\n"), &error,
                                  SipMessage::Framing::Datagram, limits)
                        .isNull());
        QVERIFY2(reasonHas(error, "100"), error.reason.c_str());

        // The start line is bounded too.
        const std::string longUri = "OPTIONS sip:" + std::string(120, 'u') + "@biloxi.com SIP/2.0";
        QVERIFY(SipMessage::parse(options("Content-Length: 0\r\n", longUri), &error,
                                  SipMessage::Framing::Datagram, limits)
                        .isNull());
        QVERIFY2(reasonHas(error, "100"), error.reason.c_str());

        // Default: 8192.
        const std::string huge = "Subject: " + std::string(9000, 's') + "\r\n";
        QVERIFY(SipMessage::parse(options(huge + "Content-Length: 0\r\n"), &error).isNull());
        QVERIFY2(reasonHas(error, "8192"), error.reason.c_str());
    }

    // ---- round trip ----------------------------------------------------------------

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("invite with sdp") << qb(invite);
        QTest::newRow("180 ringing") << qb(ringing);
        QTest::newRow("register star") << QByteArray(
                "REGISTER sip:registrar.biloxi.com SIP/2.0\r\n"
                "Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7\r\n"
                "Max-Forwards: 70\r\nTo: Bob <sip:bob@biloxi.com>\r\n"
                "From: Bob <sip:bob@biloxi.com>;tag=456248\r\nCall-ID: "
                "843817637684230@998sdasdh09\r\n"
                "CSeq: 1826 REGISTER\r\nContact: *\r\nExpires: 0\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("register with authorization") << QByteArray(
                "REGISTER sip:biloxi.com SIP/2.0\r\n"
                "Via: SIP/2.0/TCP [2001:db8::9]:5060;branch=z9hG4bK1;rport\r\n"
                "To: <sip:bob@biloxi.com>\r\nFrom: <sip:bob@biloxi.com>;tag=1\r\nCall-ID: reg1\r\n"
                "CSeq: 2 REGISTER\r\n"
                "Contact: <sip:bob@[2001:db8::9]:5060;transport=tcp>;expires=3600;q=0.5\r\n"
                "Authorization: Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"abc\", "
                "uri=\"sip:biloxi.com\", response=\"0123456789abcdef\", qop=auth, nc=00000001, "
                "cnonce=\"xyz\"\r\n"
                "Supported: path, outbound\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("401 challenge")
                << QByteArray("SIP/2.0 401 Unauthorized\r\n"
                              "Via: SIP/2.0/UDP "
                              "bobspc.biloxi.com:5060;branch=z9hG4bKnashds7;received=192.0.2.4\r\n"
                              "To: <sip:bob@biloxi.com>;tag=2493k59kd\r\nFrom: "
                              "<sip:bob@biloxi.com>;tag=456248\r\n"
                              "Call-ID: 843817637684230@998sdasdh09\r\nCSeq: 1826 REGISTER\r\n"
                              "WWW-Authenticate: Digest realm=\"atlanta.com\",\r\n qop=\"auth\", "
                              "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", opaque=\"\", "
                              "stale=FALSE, algorithm=MD5\r\n"
                              "Content-Length: 0\r\n\r\n");
        QTest::newRow("subscribe") << QByteArray(
                "SUBSCRIBE sip:bob@biloxi.com SIP/2.0\r\n"
                "Via: SIP/2.0/TLS pc33.atlanta.com;branch=z9hG4bKs1\r\nTo: <sip:bob@biloxi.com>\r\n"
                "From: <sip:alice@atlanta.com>;tag=s1\r\nCall-ID: sub1\r\nCSeq: 1 SUBSCRIBE\r\n"
                "Event: presence;id=1\r\nAccept: application/pidf+xml, "
                "application/xpidf+xml;q=0.5\r\n"
                "Allow-Events: presence, dialog\r\nExpires: 3600\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("notify with body") << QByteArray(
                "NOTIFY sip:alice@pc33.atlanta.com SIP/2.0\r\n"
                "Via: SIP/2.0/UDP biloxi.com;branch=z9hG4bKn1\r\nTo: "
                "<sip:alice@atlanta.com>;tag=s1\r\n"
                "From: <sip:bob@biloxi.com>;tag=n1\r\nCall-ID: sub1\r\nCSeq: 7 NOTIFY\r\n"
                "Event: presence;id=1\r\nSubscription-State: active;expires=599\r\n"
                "Content-Type: application/pidf+xml\r\nContent-Length: 12\r\n\r\n<presence/>\n");
        QTest::newRow("refer") << QByteArray(
                "REFER sip:bob@biloxi.com SIP/2.0\r\n"
                "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKr1\r\nTo: "
                "<sip:bob@biloxi.com>;tag=b\r\n"
                "From: <sip:alice@atlanta.com>;tag=a\r\nCall-ID: refer1\r\nCSeq: 3 REFER\r\n"
                "Refer-To: <sip:carol@chicago.com?Replaces=x%40y%3Bto-tag%3D1%3Bfrom-tag%3D2>\r\n"
                "Referred-By: <sip:alice@atlanta.com>\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("invite with replaces") << QByteArray(
                "INVITE sip:carol@chicago.com SIP/2.0\r\n"
                "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKi2\r\nTo: "
                "<sip:carol@chicago.com>\r\n"
                "From: <sip:bob@biloxi.com>;tag=c\r\nCall-ID: inv2\r\nCSeq: 1 INVITE\r\n"
                "Replaces: x@y;to-tag=1;from-tag=2;early-only\r\nRequire: replaces\r\n"
                "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("publish") << QByteArray(
                "PUBLISH sip:alice@atlanta.com SIP/2.0\r\n"
                "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKp1\r\nTo: "
                "<sip:alice@atlanta.com>\r\n"
                "From: <sip:alice@atlanta.com>;tag=p\r\nCall-ID: pub1\r\nCSeq: 2 PUBLISH\r\n"
                "SIP-If-Match: dx200xyz\r\nEvent: presence\r\nExpires: 1800\r\nContent-Length: "
                "0\r\n\r\n");
        QTest::newRow("message compact, folded unknown") << QByteArray(
                "MESSAGE sip:bob@biloxi.com SIP/2.0\r\n"
                "v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKm1\r\nt: <sip:bob@biloxi.com>\r\n"
                "f: \"Alice \\\"A\\\"\" <sip:alice@atlanta.com>;tag=m\r\ni: msg1\r\nCSeq: 1 "
                "MESSAGE\r\n"
                "X-Folded: one\r\n two\r\n\tthree\r\nX-Empty:\r\n"
                "c: text/plain;charset=UTF-8\r\nl: 5\r\n\r\nHello");
        QTest::newRow("options, no content-length") << QByteArray(
                "OPTIONS sip:[2001:db8::1]:5070;transport=udp SIP/2.0\r\n"
                "Via: SIP/2.0/UDP [2001:db8::2];branch=z9hG4bKo1\r\nTo: <sip:[2001:db8::1]>\r\n"
                "From: <sip:alice@atlanta.com>;tag=o\r\nCall-ID: opt1\r\nCSeq: 1 OPTIONS\r\n"
                "Max-Forwards: 0\r\nAccept:\r\n\r\nraw datagram body");
        QTest::newRow("response empty reason, routes") << QByteArray(
                "SIP/2.0 200 \r\n"
                "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKz\r\nTo: "
                "<sip:bob@biloxi.com>;tag=b\r\n"
                "From: <sip:alice@atlanta.com>;tag=a\r\nCall-ID: r1\r\nCSeq: 5 INVITE\r\n"
                "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
                "Min-Expires: 60\r\nUnsupported: foo\r\nContent-Length: 0\r\n\r\n");
    }

    void roundTrip()
    {
        QFETCH(QByteArray, text);
        PARSE_OK(m, str(text));
        const std::string out = m.toString();
        PARSE_OK(again, out);
        QVERIFY(again == m);
        QVERIFY(m == again);
        QCOMPARE(qb(again.toString()), qb(out)); // stable
        QCOMPARE(again.headers().size(), m.headers().size());
        QCOMPARE(qb(again.body()), qb(m.body()));
        // appendTo appends.
        std::string buffer = "prefix";
        m.appendTo(buffer);
        QCOMPARE(qb(buffer), "prefix" + qb(out));
        // A copy compares equal, a parse of the original text too.
        const SipMessage copy = m;
        QVERIFY(copy == m);
    }

    void equality()
    {
        PARSE_OK(a, options("Content-Length: 0\r\n"));
        PARSE_OK(b, options("Content-Length: 0\r\n"));
        QVERIFY(a == b);
        std::string changed = options("Content-Length: 0\r\n");
        changed.replace(changed.find("a84b4c76"), 8, "zzzzzzzz");
        PARSE_OK(otherValue, changed);
        QVERIFY(!(a == otherValue)); // one header value differs
        PARSE_OK(extraHeader, options("Content-Length: 0\r\nX-Extra: 1\r\n"));
        QVERIFY(!(a == extraHeader));
        PARSE_OK(otherUri,
                 options("Content-Length: 0\r\n", "OPTIONS sip:carol@biloxi.com SIP/2.0"));
        QVERIFY(!(a == otherUri));
        PARSE_OK(otherBody,
                 options("Content-Length: 1\r\n", "OPTIONS sip:bob@biloxi.com SIP/2.0", "OPTIONS",
                         "\r\nx"));
        QVERIFY(!(a == otherBody));
        PARSE_OK(r1, okResponse());
        std::string t = okResponse();
        t.replace(t.find("200 OK"), 6, "202 OK");
        PARSE_OK(r2, t);
        QVERIFY(!(r1 == r2));
        QVERIFY(!(a == r1));
        QVERIFY(SipMessage() == SipMessage());
        QVERIFY(!(SipMessage() == a));
    }

    // ---- editing -------------------------------------------------------------------

    void addHeaderRefusesInvalidValue()
    {
        PARSE_MUT(m, invite);
        const std::string before = m.toString();
        const size_t count = m.headers().size();
        std::string error;
        QVERIFY(!m.addHeader("CSeq", "x INVITE", &error));
        QVERIFY2(QByteArray::fromStdString(error).contains("CSeq"), error.c_str());
        QVERIFY(!m.addHeader("From", "<sip:eve@evil.example.com>;tag=2", &error)); // duplicate
        QVERIFY2(QByteArray::fromStdString(error).contains("From"), error.c_str());
        QVERIFY(!m.addHeader("Contact", "<sip:a@x.example.com>;q=1.5", &error));
        QVERIFY(!m.addHeader("Route", "sip:p.example.com;lr", &error));
        QVERIFY(!m.addHeader("Max-Forwards", "1", &error)); // duplicate
        QCOMPARE(m.headers().size(), count);
        QCOMPARE(qb(m.toString()), qb(before));
        QCOMPARE(m.cseq()->number(), 314159u);
        QCOMPARE(qb(m.from()->tag()), QByteArray("1928301774"));
        QCOMPARE(m.contacts().size(), size_t(1));
        QVERIFY(m.routes().empty());
        QCOMPARE(m.maxForwards(), 70);
    }

    void addHeaderAppends()
    {
        PARSE_MUT(m, invite);
        std::string error;
        QVERIFY2(m.addHeader("Contact", "  <sip:alice@192.0.2.9>;expires=60  ", &error),
                 error.c_str());
        QVERIFY2(m.addHeader("X-Custom", "anything, goes; here", &error), error.c_str());
        QVERIFY2(m.addHeader("Route", "<sip:p1.example.com;lr>", &error), error.c_str());
        QCOMPARE(m.contacts().size(), size_t(2));
        QCOMPARE(m.contacts()[1].expires(), int64_t(60));
        QCOMPARE(m.routes().size(), size_t(1));
        const auto headers = m.headers();
        QCOMPARE(qb(headers[headers.size() - 1].name), QByteArray("Route"));
        QCOMPARE(qb(headers[headers.size() - 2].value), QByteArray("anything, goes; here"));
        QCOMPARE(qb(headers[headers.size() - 3].value),
                 QByteArray("<sip:alice@192.0.2.9>;expires=60"));
        PARSE_OK(again, m.toString());
        QVERIFY(again == m);
    }

    // An edit must not be able to smuggle in a second header field or break the framing.
    void addHeaderRefusesHeaderInjection()
    {
        PARSE_MUT(m, invite);
        const std::string before = m.toString();
        std::string error;
        const bool crlf
                = m.addHeader("Subject", "hi\r\nContact: <sip:evil@evil.example.com>", &error);
        QVERIFY(!crlf);
        m = SipMessage::parse(before);
        const bool badName = m.addHeader("Bad Name", "x", &error);
        QVERIFY(!badName);
        m = SipMessage::parse(before);
        const bool colonName = m.addHeader("X-A: b\r\nX-C", "d", &error);
        QVERIFY(!colonName);
        m = SipMessage::parse(before);
        const bool setCrlf = m.setHeader("X-Custom", "a\r\n\r\nINVITE sip:x SIP/2.0", &error);
        QVERIFY(!setCrlf);
    }

    void prependHeader()
    {
        PARSE_MUT(m, options("Route: <sip:r1.example.com;lr>\r\nContent-Length: 0\r\n"));
        std::string error;
        QVERIFY2(m.prependHeader("Via", "SIP/2.0/TCP proxy.example.com:5070;branch=z9hG4bKnew",
                                 &error),
                 error.c_str());
        QCOMPARE(m.vias().size(), size_t(2));
        QCOMPARE(qb(m.vias()[0].host()), QByteArray("proxy.example.com"));
        QCOMPARE(qb(m.vias()[1].host()), QByteArray("pc33.atlanta.com"));
        QCOMPARE(qb(m.headers()[0].name), QByteArray("Via"));
        QCOMPARE(qb(m.headers()[0].value),
                 QByteArray("SIP/2.0/TCP proxy.example.com:5070;branch=z9hG4bKnew"));
        QCOMPARE(qb(m.header("Via")),
                 QByteArray("SIP/2.0/TCP proxy.example.com:5070;branch=z9hG4bKnew"));

        // Before the first of that name, wherever it is.
        const size_t routeIndex = 6; // 2 Vias, From, To, Call-ID, CSeq, then Route
        QCOMPARE(qb(m.headers()[routeIndex].name), QByteArray("Route"));
        QVERIFY(m.prependHeader("Route", "<sip:r0.example.com;lr>", &error));
        QCOMPARE(qb(m.headers()[routeIndex].value), QByteArray("<sip:r0.example.com;lr>"));
        QCOMPARE(qb(m.routes()[0].uri().host()), QByteArray("r0.example.com"));
        QCOMPARE(qb(m.routes()[1].uri().host()), QByteArray("r1.example.com"));

        // A name not present goes first of all.
        QVERIFY(m.prependHeader("Max-Forwards", "69", &error));
        QCOMPARE(qb(m.headers()[0].name), QByteArray("Max-Forwards"));
        QCOMPARE(m.maxForwards(), 69);

        // Invalid: refused, unchanged.
        const std::string before = m.toString();
        QVERIFY(!m.prependHeader("Via", "SIP/2.0/UDP", &error));
        QVERIFY2(QByteArray::fromStdString(error).contains("Via"), error.c_str());
        QCOMPARE(qb(m.toString()), qb(before));
        QCOMPARE(m.vias().size(), size_t(2));

        PARSE_OK(again, m.toString());
        QVERIFY(again == m);
    }

    void setHeader()
    {
        PARSE_MUT(
                m,
                options("Contact: <sip:a@a.example.com>\r\nX-Mid: 1\r\nm: <sip:b@b.example.com>\r\n"
                        "Content-Length: 0\r\n"));
        const size_t contactIndex = 5;
        QCOMPARE(qb(m.headers()[contactIndex].name), QByteArray("Contact"));
        std::string error;
        QVERIFY2(m.setHeader("Contact", "<sip:new@n.example.com>;expires=10", &error),
                 error.c_str());
        QCOMPARE(m.headerCount("Contact"), 1);
        QCOMPARE(m.contacts().size(), size_t(1));
        QCOMPARE(m.contacts()[0].expires(), int64_t(10));
        QCOMPARE(qb(m.headers()[contactIndex].value),
                 QByteArray("<sip:new@n.example.com>;expires=10"));
        QCOMPARE(qb(m.headers()[contactIndex + 1].name), QByteArray("X-Mid"));
        QCOMPARE(m.headers().size(), size_t(8));

        // By compact name, replacing the full-name field in place.
        QVERIFY(m.setHeader("i", "new-call-id", &error));
        QCOMPARE(qb(m.callId()), QByteArray("new-call-id"));
        QCOMPARE(m.headerCount("Call-ID"), 1);
        QCOMPARE(qb(m.headers()[3].value), QByteArray("new-call-id"));

        // Absent: appended.
        QVERIFY(m.setHeader("Expires", "300", &error));
        QCOMPARE(m.expires(), int64_t(300));
        QCOMPARE(qb(m.headers()[m.headers().size() - 1].name), QByteArray("Expires"));

        // Replacing a value that would otherwise be a duplicate.
        QVERIFY(m.setHeader("From", "<sip:carol@chicago.com>;tag=c", &error));
        QCOMPARE(qb(m.from()->uri().user()), QByteArray("carol"));

        // Invalid: refused, unchanged.
        const std::string before = m.toString();
        QVERIFY(!m.setHeader("Contact", "<sip:x@x.example.com>;q=2", &error));
        QVERIFY2(QByteArray::fromStdString(error).contains("Contact"), error.c_str());
        QCOMPARE(qb(m.toString()), qb(before));
        QCOMPARE(m.contacts().size(), size_t(1));
        QVERIFY(!m.setHeader("Call-ID", "", &error));
        QCOMPARE(qb(m.callId()), QByteArray("new-call-id"));
    }

    void removeHeader()
    {
        PARSE_MUT(m,
                  options("Contact: <sip:a@a.example.com>\r\nm: <sip:b@b.example.com>\r\nx-custom: "
                          "1\r\n"
                          "X-CUSTOM: 2\r\nContent-Length: 0\r\n"));
        m.removeHeader("Contact");
        QCOMPARE(m.headerCount("Contact"), 0);
        QVERIFY(m.contacts().empty());
        m.removeHeader("X-Custom");
        QCOMPARE(m.headerCount("x-custom"), 0);
        QCOMPARE(m.headers().size(), size_t(6));
        m.removeHeader("X-Not-There");
        QCOMPARE(m.headers().size(), size_t(6));
        m.removeHeader("l"); // compact name
        QCOMPARE(m.contentLength(), int64_t(-1));
        QCOMPARE(m.headers().size(), size_t(5));
    }

    void removeFirstHeader()
    {
        PARSE_MUT(m, ringing);
        QVERIFY(m.removeFirstHeader("Via"));
        QCOMPARE(m.vias().size(), size_t(1));
        QCOMPARE(qb(m.vias()[0].host()), QByteArray("pc33.atlanta.com"));
        QVERIFY(m.removeFirstHeader("v"));
        QVERIFY(m.vias().empty());
        QVERIFY(!m.removeFirstHeader("Via"));
        QVERIFY(!m.removeFirstHeader("X-Absent"));
    }

    void setBody()
    {
        PARSE_MUT(m, options("l: 0\r\n"));
        m.setBody("application/sdp", sdp);
        QVERIFY(m.contentType());
        QCOMPARE(qb(m.contentType()->type()), QByteArray("application"));
        QCOMPARE(qb(m.contentType()->subtype()), QByteArray("sdp"));
        QCOMPARE(m.contentLength(), int64_t(sdp.size()));
        QCOMPARE(qb(m.body()), qb(sdp));
        QCOMPARE(m.headerCount("Content-Length"), 1);
        QCOMPARE(qb(m.headers()[5].value), qb(std::to_string(sdp.size()))); // kept in place of "l"
        ParseError error;
        const SipMessage again
                = SipMessage::parse(m.toString(), &error, SipMessage::Framing::Stream);
        QVERIFY2(!again.isNull(), error.reason.c_str());
        QVERIFY(again == m);
        QCOMPARE(qb(again.body()), qb(sdp));

        // Replacing it.
        m.setBody("text/plain;charset=UTF-8", "hi");
        QCOMPARE(qb(m.contentType()->subtype()), QByteArray("plain"));
        QCOMPARE(m.contentLength(), int64_t(2));
        QCOMPARE(m.headerCount("Content-Type"), 1);
        QCOMPARE(qb(m.body()), QByteArray("hi"));

        // Clearing it removes Content-Type.
        m.setBody({}, {});
        QVERIFY(!m.contentType());
        QCOMPARE(m.headerCount("Content-Type"), 0);
        QCOMPARE(m.contentLength(), int64_t(0));
        QVERIFY(m.body().empty());
        const SipMessage empty
                = SipMessage::parse(m.toString(), &error, SipMessage::Framing::Stream);
        QVERIFY2(!empty.isNull(), error.reason.c_str());
        QVERIFY(empty.body().empty());
    }

    // An invalid media type is refused with a reason and changes nothing: the old
    // Content-Type never ends up describing a new body.
    void setBodyWithInvalidTypeIsRefused()
    {
        PARSE_MUT(m, options("Content-Length: 0\r\n"));
        QVERIFY(m.setBody("text/plain", "abc"));
        QCOMPARE(qb(m.contentType()->subtype()), QByteArray("plain"));
        std::string error;
        QVERIFY(!m.setBody("not a media type", "xyz", &error));
        QVERIFY(error.find("Content-Type") != std::string::npos);
        QCOMPARE(qb(m.body()), QByteArray("abc"));
        QCOMPARE(qb(m.contentType()->subtype()), QByteArray("plain"));
        QCOMPARE(m.contentLength(), int64_t(3));
    }

    void setRequestUri()
    {
        PARSE_MUT(m, invite);
        std::string error;
        QVERIFY2(m.setRequestUri("sips:carol@chicago.com:5061;transport=tls", &error),
                 error.c_str());
        QCOMPARE(qb(m.requestUri().host()), QByteArray("chicago.com"));
        QCOMPARE(m.requestUri().port(), 5061);
        QCOMPARE(int(m.requestUri().scheme()), int(SipUri::Scheme::Sips));
        QCOMPARE(qb(m.method()), QByteArray("INVITE"));
        QVERIFY(qb(m.toString())
                        .startsWith(
                                "INVITE sips:carol@chicago.com:5061;transport=tls SIP/2.0\r\n"));

        const std::string before = m.toString();
        QVERIFY(!m.setRequestUri("sip:dave@x.example.com?subject=hi", &error));
        QVERIFY(!error.empty());
        QVERIFY(!m.setRequestUri("<sip:dave@x.example.com>", &error));
        QVERIFY(!m.setRequestUri("sip:dave@x.example.com SIP/2.0", &error));
        QVERIFY(!m.setRequestUri("", &error));
        QVERIFY(!m.setRequestUri("not a uri", &error));
        QCOMPARE(qb(m.toString()), qb(before));
        QCOMPARE(qb(m.requestUri().text()),
                 QByteArray("sips:carol@chicago.com:5061;transport=tls"));
        QCOMPARE(qb(m.method()), QByteArray("INVITE"));

        PARSE_MUT(r, ringing);
        QVERIFY(!r.setRequestUri("sip:bob@biloxi.com", &error));
        QCOMPARE(r.statusCode(), 180);
    }

    void copyOnWrite()
    {
        PARSE_OK(original, invite);
        const std::string text = original.toString();
        const Via *originalVia = &original.vias()[0];

        SipMessage copy = original;
        QVERIFY(copy == original);
        std::string error;
        QVERIFY(copy.prependHeader("Via", "SIP/2.0/UDP proxy.example.com;branch=z9hG4bKp", &error));
        QVERIFY(copy.addHeader("X-Copy", "1", &error));
        copy.removeHeader("Contact");
        copy.setBody("text/plain", "changed");
        QVERIFY(copy.setRequestUri("sip:carol@chicago.com", &error));

        QCOMPARE(qb(original.toString()), qb(text));
        QCOMPARE(original.vias().size(), size_t(1));
        QCOMPARE(&original.vias()[0], originalVia); // the original's parsed form was not touched
        QCOMPARE(qb(originalVia->host()), QByteArray("pc33.atlanta.com"));
        QCOMPARE(original.contacts().size(), size_t(1));
        QCOMPARE(original.headerCount("X-Copy"), 0);
        QCOMPARE(qb(original.body()), qb(sdp));
        QCOMPARE(qb(original.contentType()->subtype()), QByteArray("sdp"));
        QCOMPARE(qb(original.requestUri().user()), QByteArray("bob"));

        QCOMPARE(copy.vias().size(), size_t(2));
        QCOMPARE(qb(copy.body()), QByteArray("changed"));
        QCOMPARE(qb(copy.requestUri().user()), QByteArray("carol"));
        QVERIFY(!(copy == original));

        // And the other way round: editing the original leaves an earlier copy alone.
        SipMessage a = SipMessage::parse(invite);
        const SipMessage b = a;
        a.setHeader("Max-Forwards", "10");
        QCOMPARE(b.maxForwards(), 70);
        QCOMPARE(a.maxForwards(), 10);

        // A copy of a response keeps its status line through an edit.
        PARSE_OK(r, ringing);
        SipMessage rc = r;
        QVERIFY(rc.addHeader("X-R", "1", &error));
        QCOMPARE(rc.statusCode(), 180);
        QCOMPARE(qb(rc.reasonPhrase()), QByteArray("Ringing"));
        QCOMPARE(r.headerCount("X-R"), 0);
        PARSE_OK(rcAgain, rc.toString());
        QVERIFY(rcAgain == rc);
    }

    void createRequestAndResponse()
    {
        std::string error;
        SipMessage req = SipMessage::createRequest("INVITE", "sip:bob@biloxi.com", &error);
        QVERIFY2(!req.isNull(), error.c_str());
        QVERIFY(req.isRequest());
        QCOMPARE(int(req.methodId()), int(Method::Invite));
        QCOMPARE(qb(req.requestUri().host()), QByteArray("biloxi.com"));
        QVERIFY(req.headers().empty());
        QVERIFY(req.addHeader("Via", "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKc1", &error));
        QVERIFY(req.addHeader("From", "<sip:alice@atlanta.com>;tag=1", &error));
        QVERIFY(req.addHeader("To", "<sip:bob@biloxi.com>", &error));
        QVERIFY(req.addHeader("Call-ID", "created", &error));
        QVERIFY(req.addHeader("CSeq", "1 INVITE", &error));
        req.setBody("application/sdp", sdp);
        ParseError parseError;
        const SipMessage parsed
                = SipMessage::parse(req.toString(), &parseError, SipMessage::Framing::Stream);
        QVERIFY2(!parsed.isNull(), parseError.reason.c_str());
        QVERIFY(parsed == req);
        QCOMPARE(qb(parsed.body()), qb(sdp));

        QVERIFY(SipMessage::createRequest("INVITE", "sip:bob@biloxi.com?subject=x", &error)
                        .isNull());
        QVERIFY(!error.empty());
        QVERIFY(SipMessage::createRequest("INVITE", "bob", &error).isNull());
        QVERIFY(SipMessage::createRequest("IN VITE", "sip:bob@biloxi.com", &error).isNull());
        QVERIFY(SipMessage::createRequest("", "sip:bob@biloxi.com", &error).isNull());

        SipMessage resp = SipMessage::createResponse(486, "Busy Here");
        QVERIFY(resp.isResponse());
        QCOMPARE(resp.statusCode(), 486);
        QCOMPARE(qb(resp.reasonPhrase()), QByteArray("Busy Here"));
        QVERIFY(resp.addHeader("Via", "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKc1", &error));
        QVERIFY(resp.addHeader("From", "<sip:alice@atlanta.com>;tag=1", &error));
        QVERIFY(resp.addHeader("To", "<sip:bob@biloxi.com>;tag=2", &error));
        QVERIFY(resp.addHeader("Call-ID", "created", &error));
        QVERIFY(resp.addHeader("CSeq", "1 INVITE", &error));
        QVERIFY(resp.addHeader("Content-Length", "0", &error));
        QCOMPARE(qb(resp.method()), QByteArray("INVITE"));
        QVERIFY(qb(resp.toString()).startsWith("SIP/2.0 486 Busy Here\r\n"));
        PARSE_OK(parsedResp, resp.toString());
        QVERIFY(parsedResp == resp);

        // A null message cannot be edited.
        SipMessage null;
        QVERIFY(!null.addHeader("X-A", "1", &error));
        QVERIFY(!null.setRequestUri("sip:a@b.example.com", &error));
        QVERIFY(null.toString().empty());
    }

    // ---- semantic errors -----------------------------------------------------------

    void missingRequiredHeaders_data()
    {
        QTest::addColumn<QByteArray>("drop"); // header names to leave out, comma-separated
        QTest::newRow("Via") << QByteArray("Via");
        QTest::newRow("From") << QByteArray("From");
        QTest::newRow("To") << QByteArray("To");
        QTest::newRow("Call-ID") << QByteArray("Call-ID");
        QTest::newRow("CSeq") << QByteArray("CSeq");
        QTest::newRow("all five") << QByteArray("Via,From,To,Call-ID,CSeq");
    }

    void missingRequiredHeaders()
    {
        QFETCH(QByteArray, drop);
        const QList<QByteArray> dropped = drop.split(',');
        for (bool isRequest : { true, false }) {
            std::string text
                    = isRequest ? "OPTIONS sip:bob@biloxi.com SIP/2.0\r\n" : "SIP/2.0 200 OK\r\n";
            const char *const lines[][2] = {
                { "Via", "Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK1\r\n" },
                { "From", "From: <sip:alice@atlanta.com>;tag=1\r\n" },
                { "To", "To: <sip:bob@biloxi.com>\r\n" },
                { "Call-ID", "Call-ID: abc\r\n" },
                { "CSeq", "CSeq: 1 OPTIONS\r\n" },
            };
            for (const auto &line : lines) {
                if (!dropped.contains(QByteArray(line[0])))
                    text += line[1];
            }
            text += "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            ParseError error;
            QVERIFY(SipMessage::parse(text, &error).isNull());
            QCOMPARE(error.statusCode, isRequest ? 400 : 0);
            for (const QByteArray &name : dropped)
                QVERIFY2(reasonHas(error, name.constData()), error.reason.c_str());
            QVERIFY2(reasonHas(error, "missing"), error.reason.c_str());
        }
    }

    void cseqMethodMismatch()
    {
        ParseError error;
        QVERIFY(SipMessage::parse(options("Content-Length: 0\r\n",
                                          "OPTIONS sip:bob@biloxi.com SIP/2.0", "INVITE"),
                                  &error)
                        .isNull());
        QCOMPARE(error.statusCode, 400);
        QVERIFY2(reasonHas(error, "CSeq"), error.reason.c_str());
        // Unknown request method, CSeq disagreeing: 501 (RFC 4475 §3.1.2.18).
        QVERIFY(SipMessage::parse(options("Content-Length: 0\r\n",
                                          "NEWMETHOD sip:bob@biloxi.com SIP/2.0", "INVITE"),
                                  &error)
                        .isNull());
        QCOMPARE(error.statusCode, 501);
        // Methods are case-sensitive.
        QVERIFY(SipMessage::parse(options("Content-Length: 0\r\n",
                                          "OPTIONS sip:bob@biloxi.com SIP/2.0", "options"),
                                  &error)
                        .isNull());
        QCOMPARE(error.statusCode, 400);
        // Unknown method with a matching CSeq is fine.
        PARSE_OK(m,
                 options("Content-Length: 0\r\n", "NEWMETHOD sip:bob@biloxi.com SIP/2.0",
                         "NEWMETHOD"));
        QCOMPARE(int(m.methodId()), int(Method::Unknown));
        // Responses carry whatever method the request had.
        PARSE_OK(r, okResponse());
        QCOMPARE(qb(r.method()), QByteArray("OPTIONS"));
    }

    void duplicateSingleValueHeaders_data()
    {
        QTest::addColumn<QByteArray>("lines");
        QTest::addColumn<QByteArray>("named");
        const auto row = [](const char *tag, const char *lines, const char *named) {
            QTest::newRow(tag) << QByteArray(lines) << QByteArray(named);
        };
        row("From", "From: <sip:eve@evil.example.com>;tag=2\r\n", "From");
        row("To (compact)", "t: <sip:eve@evil.example.com>\r\n", "To");
        row("Call-ID (compact)", "i: other\r\n", "Call-ID");
        row("CSeq", "CSeq: 2 OPTIONS\r\n", "CSeq");
        row("Max-Forwards", "Max-Forwards: 70\r\nMax-Forwards: 70\r\n", "Max-Forwards");
        row("Content-Length", "Content-Length: 0\r\nl: 0\r\n", "Content-Length");
        row("Content-Type", "Content-Type: text/plain\r\nc: text/plain\r\n", "Content-Type");
        row("Expires", "Expires: 1\r\nExpires: 2\r\n", "Expires");
        row("Min-Expires", "Min-Expires: 1\r\nMin-Expires: 2\r\n", "Min-Expires");
        row("Event", "Event: presence\r\no: dialog\r\n", "Event");
        row("Subscription-State", "Subscription-State: active\r\nSubscription-State: pending\r\n",
            "Subscription-State");
        row("Refer-To", "Refer-To: <sip:a@x.example.com>\r\nr: <sip:b@x.example.com>\r\n",
            "Refer-To");
        row("Referred-By", "Referred-By: <sip:a@x.example.com>\r\nb: <sip:b@x.example.com>\r\n",
            "Referred-By");
        row("Replaces", "Replaces: a;to-tag=1;from-tag=2\r\nReplaces: b;to-tag=1;from-tag=2\r\n",
            "Replaces");
        row("Date",
            "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\nDate: Sat, 13 Nov 2010 23:29:00 GMT\r\n",
            "Date");
        row("SIP-ETag", "SIP-ETag: a\r\nSIP-ETag: b\r\n", "SIP-ETag");
        row("SIP-If-Match", "SIP-If-Match: a\r\nSIP-If-Match: b\r\n", "SIP-If-Match");
    }

    void duplicateSingleValueHeaders()
    {
        QFETCH(QByteArray, lines);
        QFETCH(QByteArray, named);
        ParseError error;
        QVERIFY(SipMessage::parse(options(str(lines)), &error).isNull());
        QCOMPARE(error.statusCode, 400);
        QVERIFY2(reasonHas(error, "duplicate") && reasonHas(error, named.constData()),
                 error.reason.c_str());
    }

    void multiValueHeadersMayRepeat()
    {
        PARSE_OK(m,
                 options("Route: <sip:a.example.com;lr>\r\nRoute: <sip:b.example.com;lr>\r\n"
                         "Allow: INVITE\r\nAllow: BYE\r\nSupported: a\r\nk: b\r\nAccept: "
                         "text/plain\r\n"
                         "Accept: application/sdp\r\nWWW-Authenticate: Digest realm=\"a\"\r\n"
                         "WWW-Authenticate: Digest realm=\"b\"\r\nContent-Length: 0\r\n"));
        QCOMPARE(m.routes().size(), size_t(2));
        QCOMPARE(m.allow().size(), size_t(2));
        QCOMPARE(m.supported().size(), size_t(2));
        QCOMPARE(m.accept().size(), size_t(2));
        QCOMPARE(m.wwwAuthenticate().size(), size_t(2));
    }

    void badRequestLines_data()
    {
        QTest::addColumn<QByteArray>("startLine");
        QTest::addColumn<int>("status");
        QTest::newRow("SIP/3.0") << QByteArray("OPTIONS sip:bob@biloxi.com SIP/3.0") << 505;
        QTest::newRow("SIP/7.0") << QByteArray("OPTIONS sip:bob@biloxi.com SIP/7.0") << 505;
        QTest::newRow("SIP/2.1") << QByteArray("OPTIONS sip:bob@biloxi.com SIP/2.1") << 505;
        QTest::newRow("SIP/2") << QByteArray("OPTIONS sip:bob@biloxi.com SIP/2") << 400;
        QTest::newRow("SIP/2.0.1") << QByteArray("OPTIONS sip:bob@biloxi.com SIP/2.0.1") << 400;
        QTest::newRow("HTTP/1.1") << QByteArray("OPTIONS sip:bob@biloxi.com HTTP/1.1") << 400;
        QTest::newRow("no version") << QByteArray("OPTIONS sip:bob@biloxi.com") << 400;
        QTest::newRow("double space") << QByteArray("OPTIONS  sip:bob@biloxi.com SIP/2.0") << 400;
        QTest::newRow("double space before version")
                << QByteArray("OPTIONS sip:bob@biloxi.com  SIP/2.0") << 400;
        QTest::newRow("trailing space") << QByteArray("OPTIONS sip:bob@biloxi.com SIP/2.0 ") << 400;
        QTest::newRow("uri in <>") << QByteArray("OPTIONS <sip:bob@biloxi.com> SIP/2.0") << 400;
        QTest::newRow("uri with headers")
                << QByteArray("OPTIONS sip:bob@biloxi.com?subject=x SIP/2.0") << 400;
        QTest::newRow("uri with space") << QByteArray("OPTIONS sip:bob@bil oxi.com SIP/2.0") << 400;
        QTest::newRow("bad uri") << QByteArray("OPTIONS sip:bob@[::1 SIP/2.0") << 400;
        QTest::newRow("method not a token")
                << QByteArray("OPT@ONS sip:bob@biloxi.com SIP/2.0") << 400;
        QTest::newRow("one word") << QByteArray("OPTIONS") << 400;
    }

    void badRequestLines()
    {
        QFETCH(QByteArray, startLine);
        QFETCH(int, status);
        ParseError error;
        const SipMessage m
                = SipMessage::parse(options("Content-Length: 0\r\n", str(startLine)), &error);
        QVERIFY(m.isNull());
        QCOMPARE(error.statusCode, status);
        QVERIFY(!error.reason.empty());
    }

    void malformedMessages_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("status");
        QTest::newRow("empty") << QByteArray("") << 400;
        QTest::newRow("only CRLFs") << QByteArray("\r\n\r\n") << 400;
        QTest::newRow("start line unterminated")
                << QByteArray("OPTIONS sip:bob@biloxi.com SIP/2.0") << 400;
        QTest::newRow("request: no empty line") << QByteArray(
                "OPTIONS sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/UDP h.example.com\r\n")
                                                << 400;
        QTest::newRow("request: header without colon") << qb(options("NoColonHere\r\n")) << 400;
        QTest::newRow("request: bad header name") << qb(options("Bad Name: x\r\n")) << 400;
        QTest::newRow("request: empty header name") << qb(options(": x\r\n")) << 400;
        // Responses that are malformed are dropped: status 0.
        QTest::newRow("response: 4-digit code") << QByteArray("SIP/2.0 2000 OK\r\n\r\n") << 0;
        QTest::newRow("response: 2-digit code") << QByteArray("SIP/2.0 20 OK\r\n\r\n") << 0;
        QTest::newRow("response: code 099") << QByteArray("SIP/2.0 099 Low\r\n\r\n") << 0;
        QTest::newRow("response: code 700") << QByteArray("SIP/2.0 700 High\r\n\r\n") << 0;
        QTest::newRow("response: code letters") << QByteArray("SIP/2.0 abc OK\r\n\r\n") << 0;
        QTest::newRow("response: no code") << QByteArray("SIP/2.0\r\n\r\n") << 0;
        QTest::newRow("response: SIP/3.0")
                << qb(std::string(okResponse()).replace(0, 7, "SIP/3.0")) << 0;
        QTest::newRow("response: SIP/2.0x")
                << qb(std::string(okResponse()).replace(0, 7, "SIP/2.x")) << 0;
        QTest::newRow("response: bad CSeq")
                << qb(std::string(okResponse())
                              .replace(okResponse().find("314159 OPTIONS"), 14, "x OPTIONS"))
                << 0;
        QTest::newRow("response: duplicate To")
                << qb(okResponse("To: <sip:x@y.example.com>\r\n")) << 0;
        QTest::newRow("response: bad Via") << qb(okResponse("Via: nonsense\r\n")) << 0;
        QTest::newRow("response: no empty line")
                << QByteArray("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\n") << 0;
    }

    void malformedMessages()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, status);
        ParseError error;
        const SipMessage m = SipMessage::parse(str(text), &error);
        QVERIFY(m.isNull());
        QCOMPARE(error.statusCode, status);
        QVERIFY(error.isError());
    }

    // ParseError says 0 means "drop silently (malformed responses)"; every syntax error in
    // a response's header section should give 0, not only the typed-header ones.
    void malformedResponseHeaderSectionIsDropped_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("header without colon") << qb(okResponse("NoColonHere\r\n"));
        QTest::newRow("bad header name") << qb(okResponse("Bad Name: x\r\n"));
        QTest::newRow("continuation line first")
                << QByteArray("SIP/2.0 200 OK\r\n Via: SIP/2.0/UDP h.example.com\r\n\r\n");
        QTest::newRow("header section unterminated")
                << QByteArray("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h");
    }

    void malformedResponseHeaderSectionIsDropped()
    {
        QFETCH(QByteArray, text);
        ParseError error;
        const SipMessage m = SipMessage::parse(str(text), &error);
        QVERIFY(m.isNull());
        QCOMPARE(error.statusCode, 0);
    }
};

QTEST_APPLESS_MAIN(TestSipMessage)
#include "tst_sipmessage.moc"
