// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// MessageSummary (sip/presence/MessageSummary.h): RFC 3842 message-summary bodies, the
// voicemail indicator: the RFC's example, what servers send in practice, and malformed
// bodies refused with the reason.
#include "sip/presence/MessageSummary.h"

#include <QTest>

using namespace Sip;

class TestMessageSummary : public QObject
{
    Q_OBJECT

private slots:
    void rfcExample()
    {
        // RFC 3842 §5.2's example body.
        const QByteArray body = "Messages-Waiting: yes\r\n"
                                "Message-Account: sip:alice@vmail.example.com\r\n"
                                "Voice-Message: 2/8 (0/2)\r\n";
        QString error;
        const auto s = MessageSummary::parse(body, &error);
        QVERIFY2(s, qPrintable(error));
        QVERIFY(s->waiting);
        QCOMPARE(s->account, QStringLiteral("sip:alice@vmail.example.com"));
        QVERIFY(s->hasVoiceCounts);
        QCOMPARE(s->voice, (MessageSummary::Counts { 2, 8, 0, 2 }));
    }

    void variants_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("waiting");
        QTest::addColumn<int>("newMessages");
        QTest::addColumn<int>("oldMessages");
        QTest::addColumn<bool>("hasCounts");
        QTest::newRow("no messages")
                << QByteArray("Messages-Waiting: no\r\n") << false << 0 << 0 << false;
        QTest::newRow("LF, case, spaces")
                << QByteArray("messages-waiting:YES\nvoice-message:  3 / 1\n") << true << 3 << 1
                << true;
        QTest::newRow("other classes and message headers") << QByteArray(
                "Messages-Waiting: yes\r\nFax-Message: 1/0\r\nVoice-Message: 1/4 (1/0)\r\n\r\n"
                "To: <sip:alice@example.com>\r\nFrom: <sip:bob@example.com>\r\nSubject: call "
                "me\r\n") << true << 1 << 4 << true;
        QTest::newRow("no trailing newline")
                << QByteArray("Messages-Waiting: yes\r\nVoice-Message: 0/0") << true << 0 << 0
                << true;
    }

    void variants()
    {
        QFETCH(QByteArray, body);
        QString error;
        const auto s = MessageSummary::parse(body, &error);
        QVERIFY2(s, qPrintable(error));
        QTEST(s->waiting, "waiting");
        QTEST(s->voice.newMessages, "newMessages");
        QTEST(s->voice.oldMessages, "oldMessages");
        QTEST(s->hasVoiceCounts, "hasCounts");
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("no Messages-Waiting");
        QTest::newRow("status not first")
                << QByteArray("Voice-Message: 1/2\r\nMessages-Waiting: yes\r\n")
                << QStringLiteral("does not start with Messages-Waiting");
        QTest::newRow("bad status")
                << QByteArray("Messages-Waiting: maybe\r\n") << QStringLiteral("not yes or no");
        QTest::newRow("bad counts")
                << QByteArray("Messages-Waiting: yes\r\nVoice-Message: two/8\r\n")
                << QStringLiteral("is not new/old");
        QTest::newRow("unclosed urgent")
                << QByteArray("Messages-Waiting: yes\r\nVoice-Message: 2/8 (0/2\r\n")
                << QStringLiteral("is not new/old");
        QTest::newRow("not a header line") << QByteArray("Messages-Waiting: yes\r\nhello\r\n")
                                           << QStringLiteral("not \"name: value\"");
        QTest::newRow("huge") << QByteArray(70 * 1024, 'x') << QStringLiteral("larger than 64 KiB");
    }

    void malformed()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!MessageSummary::parse(body, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestMessageSummary)
#include "tst_messagesummary.moc"
