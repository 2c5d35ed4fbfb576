// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sip/presence/PresenceDocument.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Sip;

Q_DECLARE_METATYPE(Sip::PresenceStatus)

namespace {

// What liblinphone publishes for "away" with a note (plus its OMA service description).
const char *const LinphoneAway = R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:op="urn:oma:xml:prs:pidf:oma-pres" entity="sip:alice@sip.example.org">
  <tuple id="qmt5cq">
    <status>
      <basic>open</basic>
    </status>
    <op:service-description>
      <op:service-id>org.linphone.specs</op:service-id>
      <op:version>1.0</op:version>
    </op:service-description>
    <contact>sip:alice@192.168.1.20:5060;transport=udp</contact>
    <timestamp>2026-03-01T10:15:30Z</timestamp>
  </tuple>
  <dm:person id="fx2n4t">
    <rpid:activities>
      <rpid:away/>
    </rpid:activities>
    <dm:note xml:lang="en">Back in 10 minutes</dm:note>
    <dm:note xml:lang="fr">De retour dans 10 minutes</dm:note>
    <dm:timestamp>2026-03-01T10:15:31.250Z</dm:timestamp>
  </dm:person>
</presence>
)";

// Kamailio presence_xml aggregating two PUBLISHes (desk phone + softphone), with the
// dialog-driven on-the-phone person from pua_dialoginfo.
const char *const KamailioAggregated = R"(<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:c="urn:ietf:params:xml:ns:pidf:cipid" entity="sip:bob@example.com">
  <tuple id="0x7f3a2c10">
    <status><basic>closed</basic></status>
    <contact priority="0.8">sip:bob@10.0.0.5:5060</contact>
  </tuple>
  <tuple id="tuple_bob_desk">
    <status><basic>open</basic></status>
    <contact priority="1.0">sip:bob@10.0.0.9:5060</contact>
    <note>Desk phone</note>
  </tuple>
  <dm:person id="person_bob">
    <rpid:activities><rpid:on-the-phone/></rpid:activities>
    <rpid:place-type><rpid:office/></rpid:place-type>
    <c:display-name>Bob</c:display-name>
    <dm:note>On the Phone</dm:note>
  </dm:person>
  <dm:device id="dev1"><dm:deviceID>urn:uuid:0f3a</dm:deviceID></dm:device>
</presence>
)";

// Kamailio's body for a presentity without a live publication.
const char *const KamailioOffline = R"(<?xml version="1.0"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:carol@example.com">
  <tuple id="offline_carol">
    <status><basic>closed</basic></status>
    <note>Offline</note>
  </tuple>
</presence>
)";

// baresip's presence module: the person first, then the tuple.
const char *const BaresipBusy = R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
    xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
    xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
    entity="sip:dave@example.net">
  <dm:person id="p4159"><rpid:activities><rpid:busy/></rpid:activities></dm:person>
  <tuple id="t4109">
    <status><basic>open</basic></status>
    <contact>sip:dave@198.51.100.7:5060</contact>
  </tuple>
</presence>
)";

// Eyebeam / X-Lite: activities inside the tuple status, RPID draft namespace, prefixes.
const char *const EyebeamStyle = R"(<?xml version='1.0' encoding='UTF-8'?>
<pidf:presence xmlns:pidf="urn:ietf:params:xml:ns:pidf" xmlns:es="urn:ietf:params:xml:ns:pidf:status:rpid-status" entity="sip:erin@example.org">
  <pidf:tuple id="t1">
    <pidf:status>
      <pidf:basic>open</pidf:basic>
      <es:activities><es:activity>away</es:activity></es:activities>
    </pidf:status>
    <pidf:note>Away</pidf:note>
  </pidf:tuple>
</pidf:presence>
)";

// RFC 3863 §6 example-ish, plain PIDF, note only.
const char *const PlainPidfNote = R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:someone@example.com">
  <tuple id="sg89ae">
    <status><basic>open</basic></status>
    <contact priority="0.8">tel:+09012345678</contact>
    <note xml:lang="en">Busy</note>
  </tuple>
  <note xml:lang="en">Don't Disturb Please!</note>
  <note xml:lang="fr">Ne derangez pas, s'il vous plait</note>
</presence>
)";

PresenceDocument parseOk(const char *xml)
{
    XmlError error;
    const auto doc = PresenceDocument::parse(QByteArray(xml), &error);
    if (!doc)
        qWarning("parse error: %s", qPrintable(error.toString()));
    return doc.value_or(PresenceDocument{});
}

QByteArray presenceWith(const QByteArray &personBody)
{
    return "<presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:dm='urn:ietf:params:xml:ns:pidf:data-model' "
           "xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid' entity='sip:x@example.com'>"
           "<tuple id='t'><status><basic>open</basic></status></tuple>"
           "<dm:person id='p'>" + personBody + "</dm:person></presence>";
}

} // namespace

class TestPidf : public QObject
{
    Q_OBJECT

private slots:
    void linphone()
    {
        XmlError error;
        const auto doc = PresenceDocument::parse(QByteArray(LinphoneAway), &error);
        QVERIFY2(doc, qPrintable(error.toString()));
        QCOMPARE(doc->entity, QStringLiteral("sip:alice@sip.example.org"));
        QCOMPARE(doc->tuples.size(), 1);
        const PresenceTuple &t = doc->tuples[0];
        QCOMPARE(t.id, QStringLiteral("qmt5cq"));
        QCOMPARE(t.basic, PresenceTuple::Basic::Open);
        QCOMPARE(t.contact, QStringLiteral("sip:alice@192.168.1.20:5060;transport=udp"));
        QCOMPARE(t.timestamp, QStringLiteral("2026-03-01T10:15:30Z"));
        QCOMPARE(doc->persons.size(), 1);
        const PresencePerson &p = doc->persons[0];
        QCOMPARE(p.id, QStringLiteral("fx2n4t"));
        QCOMPARE(p.activities, QStringList{QStringLiteral("away")});
        QCOMPARE(p.notes.size(), 2);
        QCOMPARE(p.notes[1].lang, QStringLiteral("fr"));
        QCOMPARE(doc->status(), PresenceStatus::Away);
        QCOMPARE(doc->bestNote(), QStringLiteral("Back in 10 minutes")); // first, none without lang
        QCOMPARE(doc->bestNote(QStringLiteral("fr")), QStringLiteral("De retour dans 10 minutes"));
        QCOMPARE(doc->latestTimestamp(), QDateTime(QDate(2026, 3, 1), QTime(10, 15, 31, 250), Qt::UTC));
    }

    void kamailioAggregated()
    {
        const PresenceDocument doc = parseOk(KamailioAggregated);
        QCOMPARE(doc.tuples.size(), 2);
        QCOMPARE(doc.tuples[0].basic, PresenceTuple::Basic::Closed);
        QCOMPARE(doc.tuples[0].contactPriority, QStringLiteral("0.8"));
        QCOMPARE(doc.tuples[1].basic, PresenceTuple::Basic::Open);
        QCOMPARE(doc.persons.size(), 1); // dm:device ignored
        QCOMPARE(doc.persons[0].activities, QStringList{QStringLiteral("on-the-phone")});
        QCOMPARE(doc.status(), PresenceStatus::OnThePhone);
        QCOMPARE(doc.bestNote(), QStringLiteral("On the Phone"));
    }

    void kamailioOffline()
    {
        const PresenceDocument doc = parseOk(KamailioOffline);
        QCOMPARE(doc.status(), PresenceStatus::Offline);
        QCOMPARE(doc.bestNote(), QStringLiteral("Offline"));
    }

    void baresip()
    {
        const PresenceDocument doc = parseOk(BaresipBusy);
        QCOMPARE(doc.status(), PresenceStatus::Busy);
        QCOMPARE(doc.tuples[0].contact, QStringLiteral("sip:dave@198.51.100.7:5060"));
        QVERIFY(doc.bestNote().isEmpty());
    }

    void eyebeamPrefixesAndDraftNamespace()
    {
        const PresenceDocument doc = parseOk(EyebeamStyle);
        QCOMPARE(doc.entity, QStringLiteral("sip:erin@example.org"));
        QCOMPARE(doc.tuples.size(), 1);
        QCOMPARE(doc.tuples[0].activities, QStringList{QStringLiteral("away")});
        QCOMPARE(doc.status(), PresenceStatus::Away);
    }

    void plainPidfNotes()
    {
        const PresenceDocument doc = parseOk(PlainPidfNote);
        QCOMPARE(doc.notes.size(), 2);
        QCOMPARE(doc.notes[0].text, QStringLiteral("Don't Disturb Please!"));
        QCOMPARE(doc.tuples[0].contact, QStringLiteral("tel:+09012345678"));
        // No RPID: the tuple note "Busy" decides.
        QCOMPARE(doc.status(), PresenceStatus::Busy);
        QCOMPARE(doc.bestNote(), QStringLiteral("Busy"));
    }

    // ---- status mapping --------------------------------------------------------------

    void activityMapping_data()
    {
        QTest::addColumn<QByteArray>("person");
        QTest::addColumn<PresenceStatus>("status");
        using S = PresenceStatus;
        const auto acts = [](const QByteArray &inner) { return "<rpid:activities>" + inner + "</rpid:activities>"; };
        QTest::newRow("none") << QByteArray() << S::Available;
        QTest::newRow("unknown") << acts("<rpid:unknown/>") << S::Available;
        QTest::newRow("working") << acts("<rpid:working/>") << S::Available;
        QTest::newRow("away") << acts("<rpid:away/>") << S::Away;
        QTest::newRow("vacation") << acts("<rpid:vacation/>") << S::Away;
        QTest::newRow("holiday") << acts("<rpid:holiday/>") << S::Away;
        QTest::newRow("meal") << acts("<rpid:meal/>") << S::Away;
        QTest::newRow("sleeping") << acts("<rpid:sleeping/>") << S::Away;
        QTest::newRow("travel") << acts("<rpid:travel/>") << S::Away;
        QTest::newRow("permanent-absence") << acts("<rpid:permanent-absence/>") << S::Away;
        QTest::newRow("busy") << acts("<rpid:busy/>") << S::Busy;
        QTest::newRow("meeting") << acts("<rpid:meeting/>") << S::Busy;
        QTest::newRow("appointment") << acts("<rpid:appointment/>") << S::Busy;
        QTest::newRow("presentation") << acts("<rpid:presentation/>") << S::Busy;
        QTest::newRow("on-the-phone") << acts("<rpid:on-the-phone/>") << S::OnThePhone;
        QTest::newRow("phone beats busy") << acts("<rpid:busy/><rpid:on-the-phone/>") << S::OnThePhone;
        QTest::newRow("busy beats away") << acts("<rpid:away/><rpid:meeting/>") << S::Busy;
        QTest::newRow("dnd other") << acts("<rpid:busy/><rpid:other>do-not-disturb</rpid:other>") << S::DoNotDisturb;
        QTest::newRow("dnd other text") << acts("<rpid:other>Do Not Disturb</rpid:other>") << S::DoNotDisturb;
        QTest::newRow("other free text") << acts("<rpid:other>Gardening</rpid:other>") << S::Available;
        QTest::newRow("rpid note ignored") << acts("<rpid:note>busy really</rpid:note><rpid:away/>") << S::Away;
        QTest::newRow("idle user input") << QByteArray("<rpid:user-input idle-threshold='600'>idle</rpid:user-input>") << S::Away;
        QTest::newRow("active user input") << QByteArray("<rpid:user-input>active</rpid:user-input>") << S::Available;
        QTest::newRow("note fallback") << QByteArray("<dm:note>On the phone</dm:note>") << S::OnThePhone;
        QTest::newRow("note dnd") << QByteArray("<dm:note>DND</dm:note>") << S::DoNotDisturb;
        QTest::newRow("note not a status") << QByteArray("<dm:note>I am busy tomorrow</dm:note>") << S::Available;
        QTest::newRow("activity beats note") << acts("<rpid:away/>") + "<dm:note>Busy</dm:note>" << S::Away;
        QTest::newRow("unknown namespace activity") << QByteArray("<rpid:activities><x:busy xmlns:x='urn:example'/></rpid:activities>") << S::Available;
    }

    void activityMapping()
    {
        QFETCH(QByteArray, person);
        QFETCH(PresenceStatus, status);
        XmlError error;
        const auto doc = PresenceDocument::parse(presenceWith(person), &error);
        QVERIFY2(doc, qPrintable(error.toString()));
        QCOMPARE(doc->status(), status);
    }

    void offlineRules()
    {
        // Closed tuples win over any activity.
        const auto closedBusy = PresenceDocument::parse(
            "<presence xmlns='urn:ietf:params:xml:ns:pidf' xmlns:dm='urn:ietf:params:xml:ns:pidf:data-model' "
            "xmlns:rpid='urn:ietf:params:xml:ns:pidf:rpid' entity='sip:x@example.com'>"
            "<tuple id='a'><status><basic>closed</basic></status></tuple>"
            "<dm:person id='p'><rpid:activities><rpid:busy/></rpid:activities></dm:person></presence>", nullptr);
        QCOMPARE(closedBusy->status(), PresenceStatus::Offline);
        // One open tuple among closed ones is enough.
        QCOMPARE(parseOk(KamailioAggregated).status(), PresenceStatus::OnThePhone);
        // An empty document (RFC 3863 allows zero tuples) is offline.
        const auto empty = PresenceDocument::parse("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:x@example.com'/>", nullptr);
        QVERIFY(empty);
        QCOMPARE(empty->status(), PresenceStatus::Offline);
        // A person-only document still tells what the person does.
        const auto personOnly = PresenceDocument::parse(
            "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:x@example.com'>"
            "<person xmlns='urn:ietf:params:xml:ns:pidf:data-model' id='p'>"
            "<activities xmlns='urn:ietf:params:xml:ns:pidf:rpid'><meeting/></activities></person></presence>", nullptr);
        QVERIFY(personOnly);
        QCOMPARE(personOnly->status(), PresenceStatus::Busy);
        // Tuples without <basic> are not open.
        const auto noBasic = PresenceDocument::parse("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'><tuple id='t'><status/></tuple></presence>", nullptr);
        QCOMPARE(noBasic->tuples[0].basic, PresenceTuple::Basic::Unknown);
        QCOMPARE(noBasic->status(), PresenceStatus::Offline);
        // basic is read leniently.
        const auto upper = PresenceDocument::parse("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'><tuple id='t'><status><basic> OPEN </basic></status></tuple></presence>", nullptr);
        QCOMPARE(upper->status(), PresenceStatus::Available);
    }

    void unknownElementsIgnored()
    {
        const QByteArray xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:caps="urn:ietf:params:xml:ns:pidf:caps"
  xmlns:x="urn:example:unknown" entity="sip:frank@example.com">
  <x:banner>ignored <x:nested><x:deeper>text</x:deeper></x:nested></x:banner>
  <tuple id="t1">
    <status><basic>open</basic><x:flag>1</x:flag></status>
    <caps:servcaps><caps:audio>true</caps:audio></caps:servcaps>
    <x:extra/>
    <contact>sip:frank@192.0.2.4</contact>
    <note>Hello <x:b>bold</x:b> world</note>
  </tuple>
  <dm:person id="p">
    <rpid:mood><rpid:happy/></rpid:mood>
    <rpid:place-type><rpid:home/></rpid:place-type>
    <rpid:activities><rpid:meal/></rpid:activities>
    <x:whatever a="b"/>
  </dm:person>
  <!-- a comment -->
  <?processing instruction?>
  <note>Presence-level</note>
</presence>
)";
        XmlError error;
        const auto doc = PresenceDocument::parse(xml, &error);
        QVERIFY2(doc, qPrintable(error.toString()));
        QCOMPARE(doc->tuples.size(), 1);
        QCOMPARE(doc->tuples[0].contact, QStringLiteral("sip:frank@192.0.2.4"));
        // Child elements inside a note are skipped, their text too.
        QCOMPARE(doc->tuples[0].notes[0].text, QStringLiteral("Hello  world"));
        QCOMPARE(doc->persons[0].activities, QStringList{QStringLiteral("meal")});
        QCOMPARE(doc->notes[0].text, QStringLiteral("Presence-level"));
        QCOMPARE(doc->status(), PresenceStatus::Away);
    }

    void entitiesAndEncoding()
    {
        const QByteArray latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?>"
                                  "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:g@example.com'>"
                                  "<tuple id='t'><status><basic>open</basic></status>"
                                  "<note>Caf\xe9 &amp; cr&#xe8;me &lt;3</note></tuple></presence>";
        const auto doc = PresenceDocument::parse(latin1, nullptr);
        QVERIFY(doc);
        QCOMPARE(doc->tuples[0].notes[0].text, QString::fromUtf8("Café & crème <3"));
    }

    // ---- malformed and hostile -------------------------------------------------------

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << 1 << 0 << QStringLiteral("Premature end of document");
        QTest::newRow("tag mismatch") << QByteArray("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'>\n"
                                                    "  <tuple id='t'>\n    <status><basic>open</status>\n")
                                      << 3 << 32 << QStringLiteral("Opening and ending tag mismatch");
        QTest::newRow("truncated") << QByteArray("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'>\n<tuple id='t'>")
                                   << 2 << 14 << QStringLiteral("Premature end of document");
        QTest::newRow("garbage after root") << QByteArray("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'/>\n<x/>")
                                            << 2 << 4 << QStringLiteral("Extra content at end of document");
        QTest::newRow("undeclared prefix") << QByteArray("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'><rpid:activities/></presence>")
                                           << 1 << 75 << QStringLiteral("Namespace prefix 'rpid' not declared");
        QTest::newRow("undeclared entity") << QByteArray("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'><note>&nbsp;</note></presence>")
                                           << 1 << 69 << QStringLiteral("Entity 'nbsp' not declared");
        QTest::newRow("wrong root") << QByteArray("<?xml version='1.0'?>\n<html><body/></html>")
                                    << 2 << 6 << QStringLiteral("not a PIDF document: root element is {}html");
        QTest::newRow("wrong namespace") << QByteArray("<presence xmlns='urn:example'/>")
                                         << 1 << 31 << QStringLiteral("not a PIDF document");
        QTest::newRow("text only") << QByteArray("hello") << 1 << 1 << QStringLiteral("Start tag expected");
    }

    void malformed()
    {
        QFETCH(QByteArray, xml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        XmlError error;
        const auto doc = PresenceDocument::parse(xml, &error);
        QVERIFY(!doc);
        QVERIFY(error.isError());
        if (!error.message.contains(message))
            QFAIL(qPrintable(error.toString()));
        QCOMPARE(error.line, qint64(line));
        QCOMPARE(error.column, qint64(column));
    }

    void dtdRefused()
    {
        // Billion laughs: refused at the DTD, before any entity is expanded.
        QByteArray laughs = "<?xml version='1.0'?>\n<!DOCTYPE presence [\n<!ENTITY lol 'lol'>\n";
        for (int i = 1; i < 10; ++i) {
            laughs += "<!ENTITY lol" + QByteArray::number(i) + " '";
            for (int j = 0; j < 10; ++j)
                laughs += "&lol" + (i > 1 ? QByteArray::number(i - 1) : QByteArray()) + ";";
            laughs += "'>\n";
        }
        laughs += "]>\n<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'><note>&lol9;</note></presence>";
        XmlError error;
        QVERIFY(!PresenceDocument::parse(laughs, &error));
        QVERIFY2(error.message.contains(QStringLiteral("DTDs and entity declarations are not allowed")), qPrintable(error.toString()));
        QCOMPARE(error.line, qint64(13)); // reported at the end of the DTD

        // External entity (XXE).
        const QByteArray xxe = "<?xml version='1.0'?>\n<!DOCTYPE presence [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>\n"
                               "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='&xxe;'/>";
        QVERIFY(!PresenceDocument::parse(xxe, &error));
        QVERIFY(error.message.contains(QStringLiteral("DTD")));
        QCOMPARE(error.line, qint64(2));

        // Even a harmless external DTD reference.
        const QByteArray external = "<!DOCTYPE presence SYSTEM 'http://example.com/pidf.dtd'>"
                                    "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'/>";
        QVERIFY(!PresenceDocument::parse(external, &error));
        QVERIFY(error.message.contains(QStringLiteral("DTD")));
    }

    void limits()
    {
        XmlError error;
        // Size.
        QByteArray big = "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'><note>";
        big += QByteArray(70 * 1024, 'a');
        big += "</note></presence>";
        QVERIFY(!PresenceDocument::parse(big, &error));
        QCOMPARE(error.line, qint64(0));
        QVERIFY(error.message.contains(QStringLiteral("too large")));
        // Depth.
        QByteArray deep = "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'>";
        for (int i = 0; i < 100; ++i)
            deep += "<x:a xmlns:x='urn:x'>";
        QVERIFY(!PresenceDocument::parse(deep, &error));
        QVERIFY2(error.message.contains(QStringLiteral("nested too deeply (limit 16)")), qPrintable(error.toString()));
        QCOMPARE(error.line, qint64(1));
        // Element count.
        QByteArray wide = "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'>";
        for (int i = 0; i < 5000; ++i)
            wide += "<y/>";
        wide += "</presence>";
        QVERIFY(wide.size() < 64 * 1024);
        QVERIFY(!PresenceDocument::parse(wide, &error));
        QVERIFY(error.message.contains(QStringLiteral("too many elements (limit 2048)")));
        // Many tuples are capped (kept document parses, only 64 tuples kept).
        QByteArray tuples = "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='e'>";
        for (int i = 0; i < 200; ++i)
            tuples += "<tuple id='t" + QByteArray::number(i) + "'><status><basic>open</basic></status></tuple>";
        tuples += "</presence>";
        const auto capped = PresenceDocument::parse(tuples, &error);
        QVERIFY2(capped, qPrintable(error.toString()));
        QCOMPARE(capped->tuples.size(), 64);
        // Custom limits.
        BoundedXmlReader::Limits tight;
        tight.maxDepth = 2;
        QVERIFY(!PresenceDocument::parse(QByteArray(LinphoneAway), &error, tight));
    }

    void garbageNeverCrashes()
    {
        const QByteArrayList seeds = {LinphoneAway, KamailioAggregated, BaresipBusy, EyebeamStyle, PlainPidfNote};
        QRandomGenerator rng(3863);
        int errors = 0;
        for (int round = 0; round < 2000; ++round) {
            QByteArray xml = seeds[round % seeds.size()];
            const int edits = 1 + rng.bounded(5);
            for (int e = 0; e < edits && !xml.isEmpty(); ++e) {
                const int at = rng.bounded(int(xml.size()));
                switch (rng.bounded(3)) {
                case 0: xml.remove(at, 1 + rng.bounded(10)); break;
                case 1: xml[at] = "<>/&;'\"=x "[rng.bounded(11)]; break;
                default: xml.insert(at, char(rng.bounded(256))); break;
                }
            }
            XmlError error;
            const auto doc = PresenceDocument::parse(xml, &error);
            if (!doc) {
                ++errors;
                QVERIFY(error.isError());
            } else {
                doc->status();
                QVERIFY(PresenceDocument::parse(doc->toXml(), nullptr));
            }
        }
        QVERIFY(errors > 0);
    }

    // ---- building our own document ---------------------------------------------------

    void ownDocument_data()
    {
        QTest::addColumn<PresenceStatus>("status");
        QTest::addColumn<QString>("note");
        QTest::addColumn<QByteArray>("basic");
        QTest::addColumn<QStringList>("activities");
        using S = PresenceStatus;
        QTest::newRow("available") << S::Available << QStringLiteral("Ready") << QByteArray("open") << QStringList();
        QTest::newRow("away") << S::Away << QStringLiteral("Lunch") << QByteArray("open") << QStringList{"away"};
        QTest::newRow("busy") << S::Busy << QString() << QByteArray("open") << QStringList{"busy"};
        QTest::newRow("on the phone") << S::OnThePhone << QString() << QByteArray("open") << QStringList{"on-the-phone"};
        QTest::newRow("dnd") << S::DoNotDisturb << QStringLiteral("Focus time") << QByteArray("open") << QStringList{"busy", "do-not-disturb"};
        QTest::newRow("invisible") << S::Offline << QStringLiteral("secret") << QByteArray("closed") << QStringList();
    }

    void ownDocument()
    {
        QFETCH(PresenceStatus, status);
        QFETCH(QString, note);
        QFETCH(QByteArray, basic);
        QFETCH(QStringList, activities);
        PresenceDocument::OwnOptions options;
        options.contact = QStringLiteral("sip:me@192.0.2.50:5060");
        options.noteLang = QStringLiteral("en");
        options.timestamp = QDateTime(QDate(2026, 4, 1), QTime(9, 0), Qt::UTC);
        const PresenceDocument doc = PresenceDocument::forOwnStatus(QStringLiteral("sip:me@example.com"), status, note, options);
        const QByteArray xml = doc.toXml();
        QVERIFY(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        QVERIFY(xml.contains("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" "
                             "xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" entity=\"sip:me@example.com\">"));
        QVERIFY(xml.contains("<basic>" + basic + "</basic>"));
        QVERIFY(xml.contains("<timestamp>2026-04-01T09:00:00Z</timestamp>"));
        XmlError error;
        const auto back = PresenceDocument::parse(xml, &error);
        QVERIFY2(back, qPrintable(error.toString()));
        QVERIFY(*back == doc);
        QCOMPARE(back->status(), status);
        QCOMPARE(back->activities(), activities);
        if (status == PresenceStatus::Offline) {
            QVERIFY(back->bestNote().isEmpty()); // invisible leaks no note
            QVERIFY(back->persons.isEmpty());
        } else {
            QCOMPARE(back->bestNote(), note);
        }
    }

    void ownDocumentExactText()
    {
        const PresenceDocument doc = PresenceDocument::forOwnStatus(QStringLiteral("sip:me@example.com"),
                                                                    PresenceStatus::Away, QStringLiteral("Back <soon> & \"later\""));
        const QByteArray expected = R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:me@example.com">
  <tuple id="parlo">
    <status>
      <basic>open</basic>
    </status>
    <note>Back &lt;soon&gt; &amp; &quot;later&quot;</note>
  </tuple>
  <dm:person id="parlo-person">
    <rpid:activities>
      <rpid:away/>
    </rpid:activities>
  </dm:person>
</presence>
)";
        QCOMPARE(doc.toXml(), expected);
    }

    void parsedDocumentsRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::newRow("linphone") << QByteArray(LinphoneAway);
        QTest::newRow("kamailio") << QByteArray(KamailioAggregated);
        QTest::newRow("kamailio offline") << QByteArray(KamailioOffline);
        QTest::newRow("baresip") << QByteArray(BaresipBusy);
        QTest::newRow("eyebeam") << QByteArray(EyebeamStyle);
        QTest::newRow("plain") << QByteArray(PlainPidfNote);
    }

    void parsedDocumentsRoundTrip()
    {
        QFETCH(QByteArray, xml);
        const auto doc = PresenceDocument::parse(xml, nullptr);
        QVERIFY(doc);
        const auto again = PresenceDocument::parse(doc->toXml(), nullptr);
        QVERIFY(again);
        QVERIFY(*again == *doc);
        QCOMPARE(again->status(), doc->status());
    }

    void parsesSipMessageBodies()
    {
        // SipMessage::body() is a std::string_view; it converts to QByteArrayView.
        const std::string body = BaresipBusy;
        const auto doc = PresenceDocument::parse(std::string_view(body), nullptr);
        QVERIFY(doc);
        QCOMPARE(doc->status(), PresenceStatus::Busy);
        QCOMPARE(QByteArray(PresenceDocument::ContentType), QByteArray("application/pidf+xml"));
    }

    void statusNames()
    {
        for (auto s : {PresenceStatus::Offline, PresenceStatus::Available, PresenceStatus::Away,
                       PresenceStatus::Busy, PresenceStatus::OnThePhone, PresenceStatus::DoNotDisturb}) {
            PresenceStatus back = PresenceStatus::Offline;
            QVERIFY(PresenceStatuses::fromName(PresenceStatuses::name(s), &back));
            QCOMPARE(back, s);
        }
        QVERIFY(!PresenceStatuses::fromName(QStringLiteral("sleepy"), nullptr));
    }
};

QTEST_GUILESS_MAIN(TestPidf)
#include "tst_pidf.moc"
