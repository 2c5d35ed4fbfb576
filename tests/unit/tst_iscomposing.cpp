// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/presence/IsComposing.h"

#include <QTest>

using namespace Sip;

class TestIsComposing : public QObject
{
    Q_OBJECT

private slots:
    void rfcExamples()
    {
        // RFC 3994 §5 examples.
        const QByteArray active = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"\n"
            "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            "  xsi:schemaLocation=\"urn:ietf:params:xml:ns:im-composing iscomposing.xsd\">\n"
            "  <state>active</state>\n"
            "  <contenttype>text/plain</contenttype>\n"
            "  <refresh>90</refresh>\n"
            "</isComposing>\n";
        XmlError error;
        const auto a = IsComposing::parse(active, &error);
        QVERIFY2(a, qPrintable(error.toString()));
        QCOMPARE(a->state, IsComposing::State::Active);
        QCOMPARE(a->contentType, QStringLiteral("text/plain"));
        QCOMPARE(a->refresh, std::optional<int>(90));
        QCOMPARE(a->activeTimeout(), 90);

        const QByteArray idle = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"\n"
            "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            "  xsi:schemaLocation=\"urn:ietf:params:xml:ns:im-composing iscomposing.xsd\">\n"
            "  <state>idle</state>\n"
            "  <lastactive>2003-01-27T10:43:00Z</lastactive>\n"
            "  <contenttype>audio</contenttype>\n"
            "</isComposing>\n";
        const auto i = IsComposing::parse(idle, &error);
        QVERIFY2(i, qPrintable(error.toString()));
        QCOMPARE(i->state, IsComposing::State::Idle);
        QCOMPARE(i->lastActive, QStringLiteral("2003-01-27T10:43:00Z"));
        QCOMPARE(i->lastActiveTime(), QDateTime(QDate(2003, 1, 27), QTime(10, 43), Qt::UTC));
        QCOMPARE(i->contentType, QStringLiteral("audio"));
        QVERIFY(!i->refresh);
        QCOMPARE(i->activeTimeout(), 0);
    }

    void linphoneStyle()
    {
        // liblinphone: prefixed elements, no refresh.
        const QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<xsi:isComposing xmlns:xsi=\"urn:ietf:params:xml:ns:im-iscomposing\" "
                               "xmlns:xs=\"http://www.w3.org/2001/XMLSchema-instance\">"
                               "<xsi:state>active</xsi:state><xsi:contenttype>text</xsi:contenttype>"
                               "</xsi:isComposing>";
        const auto c = IsComposing::parse(xml, nullptr);
        QVERIFY(c);
        QCOMPARE(c->state, IsComposing::State::Active);
        QCOMPARE(c->activeTimeout(), IsComposing::ReceiverDefaultTimeout);
    }

    void unknownElementsIgnored()
    {
        const QByteArray xml = "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing' xmlns:x='urn:example'>"
                               "<state>active</state><x:mood>happy<x:deep/></x:mood><future>1</future>"
                               "<refresh>60</refresh></isComposing>";
        const auto c = IsComposing::parse(xml, nullptr);
        QVERIFY(c);
        QCOMPARE(c->refresh, std::optional<int>(60));
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("active default") << 0;
        QTest::newRow("active audio, 60 s") << 1;
        QTest::newRow("idle") << 2;
        QTest::newRow("idle with lastactive") << 3;
    }

    void roundTrip()
    {
        QFETCH(int, which);
        IsComposing c;
        switch (which) {
        case 0: c = IsComposing::active(); break;
        case 1: c = IsComposing::active(QStringLiteral("audio/ogg"), 60); break;
        case 2: c = IsComposing::idle(); break;
        default: c = IsComposing::idle(QDateTime(QDate(2026, 4, 1), QTime(12, 30, 5), Qt::UTC)); break;
        }
        const QByteArray xml = c.toXml();
        QVERIFY(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        QVERIFY(xml.contains("<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">"));
        XmlError error;
        const auto back = IsComposing::parse(xml, &error);
        QVERIFY2(back, qPrintable(error.toString()));
        QVERIFY(*back == c);
    }

    void exactText()
    {
        const QByteArray expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">\n"
            "  <state>active</state>\n"
            "  <contenttype>text/plain</contenttype>\n"
            "  <refresh>120</refresh>\n"
            "</isComposing>\n";
        QCOMPARE(IsComposing::active().toXml(), expected);
        QCOMPARE(QByteArray(IsComposing::ContentType), QByteArray("application/im-iscomposing+xml"));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        const QByteArray open = "<isComposing xmlns='urn:ietf:params:xml:ns:im-iscomposing'>";
        QTest::newRow("empty") << QByteArray() << 1 << QStringLiteral("Premature end of document");
        QTest::newRow("no state") << open + "\n<refresh>60</refresh></isComposing>" << 2 << QStringLiteral("missing <state> element");
        QTest::newRow("bad state") << open + "\n<state>typing</state></isComposing>" << 2 << QStringLiteral("state must be \"active\" or \"idle\", not \"typing\"");
        QTest::newRow("bad refresh") << open + "<state>active</state>\n<refresh>-5</refresh></isComposing>" << 2 << QStringLiteral("refresh must be a positive number");
        QTest::newRow("zero refresh") << open + "<state>active</state><refresh>0</refresh></isComposing>" << 1 << QStringLiteral("refresh must be a positive number");
        QTest::newRow("wrong root") << QByteArray("<presence xmlns='urn:ietf:params:xml:ns:pidf'/>") << 1 << QStringLiteral("not an is-composing document");
        QTest::newRow("wrong namespace") << QByteArray("<isComposing><state>idle</state></isComposing>") << 1 << QStringLiteral("not an is-composing document");
        QTest::newRow("tag mismatch") << open + "\n\n<state>idle</status></isComposing>" << 3 << QStringLiteral("Opening and ending tag mismatch");
        QTest::newRow("dtd") << "<!DOCTYPE isComposing [<!ENTITY a 'aaaa'>]>\n" + open + "<state>&a;</state></isComposing>" << 1 << QStringLiteral("DTDs and entity declarations are not allowed");
        QTest::newRow("too large") << open + QByteArray(20000, ' ') + "<state>idle</state></isComposing>" << 0 << QStringLiteral("too large");
        QByteArray deep = open;
        for (int i = 0; i < 20; ++i)
            deep += "<x:a xmlns:x='urn:x'>";
        QTest::newRow("too deep") << deep << 1 << QStringLiteral("nested too deeply");
    }

    void malformed()
    {
        QFETCH(QByteArray, xml);
        QFETCH(int, line);
        QFETCH(QString, message);
        XmlError error;
        QVERIFY(!IsComposing::parse(xml, &error));
        if (!error.message.contains(message))
            QFAIL(qPrintable(error.toString()));
        QCOMPARE(error.line, qint64(line));
    }
};

QTEST_GUILESS_MAIN(TestIsComposing)
#include "tst_iscomposing.moc"
