// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The UAS checks of RFC 3261 §8.2 before a request is acted on.
#include "sip/core/VirtualClock.h"
#include "sip/ua/RequestScreen.h"

#include <QTest>

using namespace Sip;
using namespace std::chrono_literals;

namespace {

SipMessage request(const std::string &method, const std::string &uri, const std::string &branch,
                   const std::string &extra = {}, const std::string &toTag = {})
{
    const std::string text = method + " " + uri + " SIP/2.0\r\n"
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
        "From: <sip:alice@127.0.0.1>;tag=a1\r\n"
        "To: <sip:bob@127.0.0.1>" + (toTag.empty() ? "" : ";tag=" + toTag) + "\r\n"
        "Call-ID: screen-1\r\n"
        "CSeq: 7 " + method + "\r\n" + extra + "Content-Length: 0\r\n\r\n";
    ParseError error;
    SipMessage m = SipMessage::parse(text, &error);
    if (m.isNull())
        qFatal("test message does not parse: %s", error.reason.c_str());
    return m;
}

} // namespace

class TestRequestScreen : public QObject
{
    Q_OBJECT

private slots:
    void verdicts_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("toTag");
        QTest::addColumn<int>("code");
        QTest::newRow("allowed") << "OPTIONS" << "sip:bob@127.0.0.1" << "" << "" << 0;
        QTest::newRow("known, not allowed") << "PUBLISH" << "sip:bob@127.0.0.1" << "" << "" << 405;
        QTest::newRow("unknown method") << "FROBNICATE" << "sip:bob@127.0.0.1" << "" << "" << 501;
        QTest::newRow("unknown scheme") << "OPTIONS" << "nobody:opaque" << "" << "" << 416;
        QTest::newRow("tel is fine") << "OPTIONS" << "tel:+15551234" << "" << "" << 0;
        QTest::newRow("no such dialog") << "BYE" << "sip:bob@127.0.0.1" << "" << "x9" << 481;
        QTest::newRow("unsupported Require") << "OPTIONS" << "sip:bob@127.0.0.1"
                                             << "Require: foo, path\r\n" << "" << 420;
        QTest::newRow("supported Require") << "OPTIONS" << "sip:bob@127.0.0.1" << "Require: path\r\n" << "" << 0;
    }
    void verdicts()
    {
        QFETCH(QString, method);
        QFETCH(QString, uri);
        QFETCH(QString, extra);
        QFETCH(QString, toTag);
        QFETCH(int, code);
        VirtualClock clock;
        RequestScreen screen(clock);
        screen.setAllowedMethods({ "OPTIONS", "MESSAGE", "ACK", "CANCEL", "BYE" });
        screen.setSupportedExtensions({ "path" });
        const auto verdict = screen.screen(request(method.toStdString(), uri.toStdString(), "z9hG4bK1",
                                                   extra.toStdString(), toTag.toStdString()));
        QCOMPARE(verdict ? verdict->code : 0, code);
        if (code == 405 || code == 501) {
            QCOMPARE(verdict->headers.at(0).first, std::string("Allow"));
            QVERIFY(verdict->headers.at(0).second.find("OPTIONS") != std::string::npos);
        }
        if (code == 420)
            QCOMPARE(verdict->headers.at(0), (std::pair<std::string, std::string>("Unsupported", "foo")));
    }

    void mergedRequestIsALoop()
    {
        VirtualClock clock;
        RequestScreen screen(clock);
        screen.setAllowedMethods({ "MESSAGE" });
        QVERIFY(!screen.screen(request("MESSAGE", "sip:bob@127.0.0.1", "z9hG4bKpathA")));
        // The same request again on the same branch is a retransmission, not a loop...
        QVERIFY(!screen.screen(request("MESSAGE", "sip:bob@127.0.0.1", "z9hG4bKpathA")));
        // ...but arriving by another path (another branch) it is merged: 482.
        const auto merged = screen.screen(request("MESSAGE", "sip:bob@127.0.0.1", "z9hG4bKpathB"));
        QVERIFY(merged);
        QCOMPARE(merged->code, 482);
        // After the retransmission window the record is gone.
        clock.advance(33s);
        QVERIFY(!screen.screen(request("MESSAGE", "sip:bob@127.0.0.1", "z9hG4bKpathC")));
    }

    void knownDialogIsNot481()
    {
        VirtualClock clock;
        RequestScreen screen(clock);
        screen.setAllowedMethods({ "BYE" });
        screen.setHasDialog([](const SipMessage &m) { return m.to()->tag() == "known"; });
        QVERIFY(!screen.screen(request("BYE", "sip:bob@127.0.0.1", "z9hG4bK1", {}, "known")));
        QCOMPARE(screen.screen(request("BYE", "sip:bob@127.0.0.1", "z9hG4bK2", {}, "other"))->code, 481);
    }
};

QTEST_APPLESS_MAIN(TestRequestScreen)
#include "tst_requestscreen.moc"
