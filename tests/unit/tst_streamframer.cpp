// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/message/SipMessage.h"
#include "sip/message/StreamFramer.h"

#include <QTest>

using namespace Sip;
using Type = StreamFramer::EventType;

namespace {

const std::string options = "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                            "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                            "From: <sip:alice@example.com>;tag=1\r\n"
                            "To: <sip:bob@example.com>\r\n"
                            "Call-ID: a@b\r\n"
                            "CSeq: 1 OPTIONS\r\n"
                            "Content-Length: 0\r\n\r\n";

const std::string message = "MESSAGE sip:bob@example.com SIP/2.0\r\n"
                            "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK2\r\n"
                            "From: <sip:alice@example.com>;tag=1\r\n"
                            "To: <sip:bob@example.com>\r\n"
                            "Call-ID: b@b\r\n"
                            "CSeq: 2 MESSAGE\r\n"
                            "Content-Type: text/plain;charset=UTF-8\r\n"
                            "l: 11\r\n\r\n"
                            "\xe4\xbd\xa0\xe5\xa5\xbd \r\n\r\n"; // body with CRLFs in it

std::vector<StreamFramer::Event> drain(StreamFramer &framer)
{
    std::vector<StreamFramer::Event> out;
    while (auto e = framer.next())
        out.push_back(*e);
    return out;
}

} // namespace

class TestStreamFramer : public QObject
{
    Q_OBJECT

private slots:
    void severalMessagesInOneRead()
    {
        StreamFramer framer;
        framer.feed(options + message + options);
        const auto events = drain(framer);
        QCOMPARE(events.size(), size_t(3));
        QCOMPARE(events[0].bytes, options);
        QCOMPARE(events[1].bytes, message);
        QCOMPARE(events[2].bytes, options);
        QCOMPARE(framer.bufferedBytes(), size_t(0));
    }

    void byteAtATimeWithKeepAlives()
    {
        StreamFramer framer;
        const std::string stream = "\r\n\r\n" + message + "\r\n" + options;
        std::vector<StreamFramer::Event> events;
        for (char c : stream) {
            framer.feed(std::string_view(&c, 1));
            for (auto &e : drain(framer))
                events.push_back(e);
        }
        // Fed one byte at a time, the double-CRLF ping arrives as two single CRLFs.
        std::vector<Type> types;
        for (const auto &e : events)
            types.push_back(e.type);
        const std::vector<Type> expected { Type::KeepAlivePong, Type::KeepAlivePong, Type::Message,
                                           Type::KeepAlivePong, Type::Message };
        QVERIFY(types == expected);
        QCOMPARE(events[2].bytes, message);
        QCOMPARE(events[4].bytes, options);
        const SipMessage parsed = SipMessage::parse(events[2].bytes, nullptr, SipMessage::Framing::Stream);
        QCOMPARE(parsed.body(), std::string_view("\xe4\xbd\xa0\xe5\xa5\xbd \r\n\r\n"));
    }

    void pingInOneRead()
    {
        StreamFramer framer;
        framer.feed("\r\n\r\n");
        const auto events = drain(framer);
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].type, Type::KeepAlivePing);
    }

    void partialMessageWaits()
    {
        StreamFramer framer;
        framer.feed(message.substr(0, message.size() - 3));
        QVERIFY(!framer.next());
        framer.feed(message.substr(message.size() - 3));
        const auto e = framer.next();
        QVERIFY(e);
        QCOMPARE(e->bytes, message);
    }

    void missingContentLengthIsFatal()
    {
        StreamFramer framer;
        framer.feed("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: x\r\n\r\n");
        const auto e = framer.next();
        QVERIFY(e);
        QCOMPARE(e->type, Type::Error);
        QVERIFY(e->error.find("Content-Length") != std::string::npos);
        QVERIFY(framer.hasFailed());
        framer.feed(options);
        QVERIFY(!framer.next()); // a failed stream stays failed: the connection must close
    }

    void badContentLength_data()
    {
        QTest::addColumn<QString>("header");
        QTest::newRow("negative") << "Content-Length: -999";
        QTest::newRow("garbage") << "Content-Length: 12abc";
        QTest::newRow("too large") << "Content-Length: 99999999";
        QTest::newRow("conflicting") << "Content-Length: 13\r\nl: 5";
    }
    void badContentLength()
    {
        QFETCH(QString, header);
        StreamFramer framer;
        framer.feed("OPTIONS sip:a@b SIP/2.0\r\n" + header.toStdString() + "\r\n\r\n0123456789abc");
        const auto e = framer.next();
        QVERIFY(e);
        QCOMPARE(e->type, Type::Error);
        QVERIFY2(e->error.find("Content-Length") != std::string::npos
                     || e->error.find("exceeds") != std::string::npos,
                 e->error.c_str());
    }

    void strayCarriageReturnIsFatal()
    {
        // Found by fuzz_sip_framer: a CR not followed by LF used to stall the stream and
        // buffer without bound.
        StreamFramer framer;
        framer.feed("\r");
        QVERIFY(!framer.next()); // may still become a CRLF
        framer.feed("A" + std::string(300, 'A'));
        const auto e = framer.next();
        QVERIFY(e);
        QCOMPARE(e->type, Type::Error);
        QCOMPARE(framer.bufferedBytes(), size_t(0));
    }

    void headerSectionLimit()
    {
        MessageLimits limits;
        limits.maxMessageBytes = 1024;
        StreamFramer framer(limits);
        framer.feed("OPTIONS sip:a@b SIP/2.0\r\n");
        const std::string filler = "X-Filler: " + std::string(100, 'x') + "\r\n";
        std::optional<StreamFramer::Event> e;
        for (int i = 0; i < 20 && !e; ++i) {
            framer.feed(filler);
            e = framer.next();
        }
        QVERIFY(e);
        QCOMPARE(e->type, Type::Error);
        QVERIFY(e->error.find("1024") != std::string::npos);
        QVERIFY(framer.bufferedBytes() == 0); // nothing is kept after the error
    }
};

QTEST_APPLESS_MAIN(TestStreamFramer)
#include "tst_streamframer.moc"
