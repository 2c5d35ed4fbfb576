// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/CsvReader.h"
#include "contacts/CsvWriter.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace App;

namespace {

Contact makeContact(const QString &name, const QString &uri, const QList<PhoneNumber> &numbers = {},
                    const QStringList &emails = {}, const QString &group = {},
                    bool favourite = false)
{
    Contact c;
    c.displayName = name;
    c.sipUri = uri;
    c.numbers = numbers;
    c.emails = emails;
    c.group = group;
    c.favourite = favourite;
    return c;
}

QString errorsOf(const ImportResult &r)
{
    QStringList lines;
    for (const ImportError &e : r.errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

QList<QByteArray> fields(std::initializer_list<const char *> list)
{
    QList<QByteArray> out;
    for (const char *f : list)
        out << QByteArray(f);
    return out;
}

} // namespace

class TestCsv : public QObject
{
    Q_OBJECT

private slots:
    // --- the RFC 4180 layer ---------------------------------------------------------

    void records()
    {
        const QByteArray data = "a,b,c\r\n"
                                "\"quoted, comma\",\"say \"\"hi\"\"\",plain\r\n"
                                "\"multi\r\nline\nfield\",,\"\"\r\n"
                                "last,5\" screen,x"; // no final line end; a stray quote
        const QList<CsvReader::Record> r = CsvReader::parseRecords(data);
        QCOMPARE(r.size(), 4);
        QCOMPARE(r.at(0).fields, fields({ "a", "b", "c" }));
        QCOMPARE(r.at(1).fields, fields({ "quoted, comma", "say \"hi\"", "plain" }));
        QCOMPARE(r.at(2).fields, fields({ "multi\nline\nfield", "", "" }));
        QCOMPARE(r.at(3).fields, fields({ "last", "5\" screen", "x" }));
        QCOMPARE(r.at(0).line, 1);
        QCOMPARE(r.at(1).line, 2);
        QCOMPARE(r.at(2).line, 3);
        QCOMPARE(r.at(3).line, 6); // the multi-line field spanned lines 3 to 5
        for (const auto &record : r)
            QVERIFY(record.error.isEmpty());
    }

    void recordErrors()
    {
        QList<CsvReader::Record> r = CsvReader::parseRecords("a,\"b\"x,c\r\nnext,row\r\n");
        QCOMPARE(r.size(), 2);
        QVERIFY(r.at(0).error.contains(QLatin1String("after the closing quote of field 2")));
        QCOMPARE(r.at(1).fields, fields({ "next", "row" }));

        r = CsvReader::parseRecords("ok\r\n\"never closed,\r\nmore\r\n");
        QCOMPARE(r.size(), 2);
        QVERIFY(r.at(1).error.contains(QLatin1String("opened on line 2 is never closed")));

        ImportLimits limits;
        limits.maxLineBytes = 10;
        r = CsvReader::parseRecords("0123456789ABC,x\r\nok\r\n", ',', limits);
        QCOMPARE(r.size(), 2);
        QVERIFY(r.at(0).error.contains(QLatin1String("field 1 is longer than 10 bytes")));
        QVERIFY(r.at(1).error.isEmpty());

        limits = ImportLimits();
        limits.maxPropertiesPerRecord = 3;
        r = CsvReader::parseRecords("a,b,c,d,e\r\n", ',', limits);
        QVERIFY(r.at(0).error.contains(QLatin1String("more than 3 fields")));
        QCOMPARE(r.at(0).fields.size(), 3);
    }

    void delimiters()
    {
        QList<CsvReader::Record> r = CsvReader::parseRecords("a;\"b;c\";d\n", ';');
        QCOMPARE(r.at(0).fields, fields({ "a", "b;c", "d" }));
        r = CsvReader::parseRecords("a\t\"b\tc\"\n", '\t');
        QCOMPARE(r.at(0).fields, fields({ "a", "b\tc" }));

        ImportResult result = CsvReader::read("Name;Phone\r\n\"Müller, Hans\";+49 30 1234\r\n");
        QVERIFY2(!result.hasErrors(), qPrintable(errorsOf(result)));
        QCOMPARE(result.contacts.first().displayName, QStringLiteral("Müller, Hans"));
        QCOMPARE(result.contacts.first().numbers.first().number, QStringLiteral("+49 30 1234"));
        result = CsvReader::read("Name\tSIP URI\nTab Person\tsip:tab@example.com\n");
        QVERIFY2(!result.hasErrors(), qPrintable(errorsOf(result)));
        QCOMPARE(result.contacts.first().sipUri, QStringLiteral("sip:tab@example.com"));
    }

    void quoteField()
    {
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("plain")), QByteArray("plain"));
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("a,b")), QByteArray("\"a,b\""));
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("say \"hi\"")),
                 QByteArray("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("two\nlines")), QByteArray("\"two\nlines\""));
        // Formula guard, but phone numbers left alone.
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("=1+1")), QByteArray("'=1+1"));
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("@SUM(A1)")), QByteArray("'@SUM(A1)"));
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("+cmd|' /C calc'!A0")),
                 QByteArray("'+cmd|' /C calc'!A0"));
        QCOMPARE(CsvWriter::quoteField(QStringLiteral("+44 (20) 7946-0000")),
                 QByteArray("+44 (20) 7946-0000"));
    }

    // --- contacts -------------------------------------------------------------------

    void roundTrip_data()
    {
        QTest::addColumn<bool>("bom");
        QTest::newRow("with BOM") << true;
        QTest::newRow("without BOM") << false;
    }
    void roundTrip()
    {
        QFETCH(bool, bom);
        const QList<Contact> contacts = {
            makeContact(QStringLiteral("王小明"), QStringLiteral("sip:wang@example.cn"),
                        { { QStringLiteral("cell"), QStringLiteral("+86 138 0000 0000") } }, {},
                        QStringLiteral("同事")),
            makeContact(QStringLiteral("Zoë 🎉 Smith"), QStringLiteral("sip:zoe@example.com"),
                        { { QStringLiteral("work"), QStringLiteral("+44 20 7946 0000") },
                          { QStringLiteral("home"), QStringLiteral("0161 496 0000") },
                          { QString(), QStringLiteral("1234") } },
                        { QStringLiteral("zoe@example.com"), QStringLiteral("z@example.org") },
                        QStringLiteral("Friends"), true),
            makeContact(QStringLiteral("Doe, John \"JD\"; Jr."),
                        QStringLiteral("sip:john@example.com;transport=tcp"), {},
                        { QStringLiteral("john@example.com") }, QStringLiteral("Clients, big")),
            makeContact(QStringLiteral("Line one\nLine two"), QString(),
                        { { QStringLiteral("Mobile, private"), QStringLiteral("555") } }),
            makeContact(QStringLiteral("=HYPERLINK(\"http://evil\")"), QStringLiteral("sip:x@y"),
                        { { QString(), QStringLiteral("-cmd") } }),
            makeContact(QStringLiteral("'=already guarded"), QStringLiteral("sip:g@y")),
            makeContact(QStringLiteral("👩‍👩‍👧‍👦"),
                        QStringLiteral("sips:family@example.com")),
        };
        const QByteArray data = CsvWriter::write(contacts, bom);
        QCOMPARE(data.startsWith("\xEF\xBB\xBF"), bom);
        QVERIFY(data.contains("Name,SIP URI,Group,Favourite,Phone 1 - Type,Phone 1 - Value"));
        QVERIFY(data.contains("E-mail 2 - Value\r\n"));
        const ImportResult r = CsvReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), contacts.size());
        for (qsizetype i = 0; i < contacts.size(); ++i)
            QVERIFY2(r.contacts.at(i).sameData(contacts.at(i)),
                     qPrintable(QStringLiteral("contact %1: %2")
                                        .arg(i)
                                        .arg(r.contacts.at(i).displayName)));
        QCOMPARE(r.contactLines.at(0), 2);
        QCOMPARE(r.contactLines.at(4), 7); // after the two-line name of contact 4
    }

    void googleExport()
    {
        const QByteArray data
                = "Name,Given Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
                  "Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value\r\n"
                  "Ada Lovelace,Ada,Lovelace,* myContacts ::: Friends,* Home,ada@example.com ::: "
                  "ada@work.example,Mobile,+44 7700 900000 ::: +44 7700 900001,Work,+44 20 0000\r\n"
                  ",小明,王,* myContacts,,,,,,\r\n";
        const ImportResult r = CsvReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), 2);
        const Contact &ada = r.contacts.at(0);
        QCOMPARE(ada.displayName, QStringLiteral("Ada Lovelace"));
        QCOMPARE(ada.group, QStringLiteral("Friends"));
        QCOMPARE(ada.emails,
                 (QStringList { QStringLiteral("ada@example.com"),
                                QStringLiteral("ada@work.example") }));
        QCOMPARE(ada.numbers.size(), 3);
        QCOMPARE(ada.numbers.at(0),
                 (PhoneNumber { QStringLiteral("Mobile"), QStringLiteral("+44 7700 900000") }));
        QCOMPARE(ada.numbers.at(2),
                 (PhoneNumber { QStringLiteral("Work"), QStringLiteral("+44 20 0000") }));
        QCOMPARE(r.contacts.at(1).displayName, QStringLiteral("王小明"));
        QVERIFY(r.contacts.at(1).group.isEmpty());
    }

    void outlookExport()
    {
        const QByteArray data
                = "First Name,Last Name,E-mail Address,Mobile Phone,Business Phone,"
                  "Home Phone,Categories,Notes\r\n"
                  "Grace,Hopper,grace@navy.example,555-0100,555-0101,,Navy,\"a, b\"\r\n";
        const ImportResult r = CsvReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        const Contact &c = r.contacts.first();
        QCOMPARE(c.displayName, QStringLiteral("Grace Hopper"));
        QCOMPARE(c.emails, QStringList { QStringLiteral("grace@navy.example") });
        QCOMPARE(c.numbers.size(), 2);
        QCOMPARE(c.numbers.at(0),
                 (PhoneNumber { QStringLiteral("cell"), QStringLiteral("555-0100") }));
        QCOMPARE(c.numbers.at(1),
                 (PhoneNumber { QStringLiteral("work"), QStringLiteral("555-0101") }));
        QCOMPARE(c.group, QStringLiteral("Navy"));
    }

    void sipNumbersAndFavourites()
    {
        const QByteArray data = "name,phone 1 - type,phone 1 - value,favorite\n"
                                "A,sip,alice@example.com,yes\n"
                                "B,,sip:bob@Example.com,0\n";
        const ImportResult r = CsvReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.at(0).sipUri, QStringLiteral("sip:alice@example.com"));
        QVERIFY(r.contacts.at(0).numbers.isEmpty());
        QVERIFY(r.contacts.at(0).favourite);
        QCOMPARE(r.contacts.at(1).sipUri, QStringLiteral("sip:bob@example.com"));
        QVERIFY(!r.contacts.at(1).favourite);
    }

    // --- malformed input ------------------------------------------------------------

    void unknownHeader()
    {
        ImportResult r = CsvReader::read("foo,bar\r\n1,2\r\n");
        QVERIFY(r.stopped);
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("names no known column")));
        QCOMPARE(r.errors.first().line, 1);

        r = CsvReader::read(QByteArray());
        QVERIFY(r.stopped);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("empty")));

        r = CsvReader::read("\"Name,SIP URI\r\n");
        QVERIFY(r.stopped);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("header row is malformed")));
    }

    void badRows()
    {
        const QByteArray data = "Name,SIP URI\r\n"
                                "Good One,sip:1@x\r\n"
                                "Too,many,fields\r\n"
                                "Trailing empties,sip:2@x,,,\r\n"
                                "\xff\xfe bad utf8,sip:3@x\r\n"
                                ",\r\n" // blank: skipped silently
                                "\"Junk\"after,sip:4@x\r\n"
                                "Only name\r\n"
                                "\"Unclosed,sip:5@x\r\n"
                                "Lost,sip:6@x\r\n";
        const ImportResult r = CsvReader::read(data);
        QStringList names;
        for (const Contact &c : r.contacts)
            names << c.displayName;
        QCOMPARE(names,
                 (QStringList { QStringLiteral("Good One"), QStringLiteral("Trailing empties"),
                                QStringLiteral("Only name") }));
        QCOMPARE(r.errors.size(), 4);
        QCOMPARE(r.errors.at(0).line, 3);
        QVERIFY(r.errors.at(0).reason.contains(QLatin1String("3 fields, but the header has 2")));
        QCOMPARE(r.errors.at(1).line, 5);
        QVERIFY(r.errors.at(1).reason.contains(QLatin1String("not valid UTF-8")));
        QCOMPARE(r.errors.at(2).line, 7);
        QVERIFY(r.errors.at(2).reason.contains(QLatin1String("closing quote")));
        QCOMPARE(r.errors.at(3).line, 9);
        QVERIFY(r.errors.at(3).reason.contains(QLatin1String("never closed")));
        QCOMPARE(r.errors.at(3).record, 7);
        QCOMPARE(r.recordCount, 7);

        const ImportResult empty = CsvReader::read("Name,SIP URI,Group\r\n,,Friends\r\n");
        QCOMPARE(empty.errors.size(), 1);
        QVERIFY(empty.errors.first().reason.contains(QLatin1String("no name, SIP address")));
    }

    void longFields()
    {
        const QByteArray huge(10 * 1024 * 1024, 'x');
        ImportResult r
                = CsvReader::read("Name,SIP URI\r\n\"" + huge + "\",sip:a@x\r\nOk,sip:b@x\r\n");
        QCOMPARE(r.contacts.size(), 1);
        QCOMPARE(r.contacts.first().displayName, QStringLiteral("Ok"));
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("longer than")));
        // Under the byte limit, over the character limit.
        r = CsvReader::read("Name\r\n" + QByteArray(5000, 'y') + "\r\n");
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("longer than 4096 characters")));
    }

    void binaryGarbage()
    {
        QRandomGenerator random(4180);
        for (int round = 0; round < 20; ++round) {
            QByteArray garbage(256 * 1024, Qt::Uninitialized);
            for (char &c : garbage)
                c = char(random.bounded(256));
            for (int i = 0; i < 300; ++i) {
                const char *snippets[] = { "\"", ",", "\r\n", "\n", "\"\"", "Name,SIP URI\n" };
                const QByteArray s = snippets[random.bounded(6)];
                garbage.replace(random.bounded(garbage.size() - 20), s.size(), s);
            }
            ImportLimits limits;
            limits.maxErrors = 50;
            const ImportResult r = CsvReader::read("Name,Phone,E-mail\n" + garbage, limits);
            QVERIFY(r.errors.size() <= 50);
        }
    }

    void utf16IsRefused()
    {
        QByteArray utf16;
        for (char c : QByteArray("Name,SIP URI\r\n")) {
            utf16 += c;
            utf16 += '\0';
        }
        const ImportResult r = CsvReader::read(utf16);
        QVERIFY(r.stopped);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("UTF-16")));
    }

    void tenThousandRows()
    {
        QList<Contact> contacts;
        for (int i = 0; i < 10000; ++i)
            contacts.append(
                    makeContact(QStringLiteral("联系人, %1").arg(i),
                                QStringLiteral("sip:user%1@example.com").arg(i),
                                { { QStringLiteral("cell"), QStringLiteral("+1555%1").arg(i) } }));
        QElapsedTimer timer;
        timer.start();
        const ImportResult r = CsvReader::read(CsvWriter::write(contacts));
        qInfo() << "10k rows written and read in" << timer.elapsed() << "ms";
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.contacts.size(), 10000);
        QVERIFY(r.contacts.at(1234).sameData(contacts.at(1234)));

        ImportLimits limits;
        limits.maxRecords = 100;
        const ImportResult capped = CsvReader::read(CsvWriter::write(contacts), limits);
        QCOMPARE(capped.contacts.size(), 100);
        QVERIFY(capped.stopped);
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
