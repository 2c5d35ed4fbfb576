// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/BoundedLineReader.h"
#include "contacts/VCardReader.h"
#include "contacts/VCardWriter.h"
#include "storage/ContactStore.h"
#include "storage/StorageContext.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

using namespace App;

Q_DECLARE_METATYPE(VCardWriter::Version)

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

QList<Contact> sampleContacts()
{
    return {
        makeContact(QStringLiteral("王小明"), QStringLiteral("sip:wang@example.cn"),
                    { { QStringLiteral("cell"), QStringLiteral("+86 138 0000 0000") } }, {},
                    QStringLiteral("同事")),
        makeContact(QStringLiteral("Zoë 🎉 Smith-Jones"), QStringLiteral("sip:zoe@example.com"),
                    { { QStringLiteral("work"), QStringLiteral("+44 20 7946 0000") },
                      { QStringLiteral("home"), QStringLiteral("+44 161 496 0000") },
                      { QString(), QStringLiteral("1234") } },
                    { QStringLiteral("zoe@example.com"), QStringLiteral("z@example.org") },
                    QStringLiteral("Friends"), true),
        makeContact(QStringLiteral("Doe, John; Jr. \\ \"the third\""),
                    QStringLiteral("sip:john@example.com;transport=tcp"),
                    { { QStringLiteral("work,fax"), QStringLiteral("+1 (555) 010-0199") } },
                    { QStringLiteral("john,doe@example.com") },
                    QStringLiteral("Clients, big; VIP")),
        makeContact(QStringLiteral("Line one\nLine two"), QString(),
                    { { QStringLiteral("Mobile phone (private)"), QStringLiteral("555") } }),
        makeContact(QString(QStringLiteral("Long name 名字 ")).repeated(20).trimmed(),
                    QStringLiteral("sip:long@example.com"),
                    { { QStringLiteral("sip"), QStringLiteral("sip:second@example.com") } }),
        makeContact(QStringLiteral("👩‍👩‍👧‍👦 Family"),
                    QStringLiteral("sips:family@example.com")),
    };
}

QByteArray card(const QByteArray &body)
{
    return "BEGIN:VCARD\r\nVERSION:3.0\r\n" + body + "END:VCARD\r\n";
}

QString errorsOf(const ImportResult &r)
{
    QStringList lines;
    for (const ImportError &e : r.errors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestVCard : public QObject
{
    Q_OBJECT

private slots:
    void escapeText()
    {
        QCOMPARE(VCardWriter::escapeText(QStringLiteral("a,b;c\\d\ne\r\nf")),
                 QStringLiteral("a\\,b\\;c\\\\d\\ne\\nf"));
    }

    void folding()
    {
        const QByteArray line = "FN:" + QStringLiteral("王小明").repeated(40).toUtf8();
        const QByteArray folded = VCardWriter::fold(line);
        QVERIFY(folded.endsWith("\r\n"));
        const QList<QByteArray> lines = folded.chopped(2).split('\n');
        QVERIFY(lines.size() > 1);
        QByteArray unfolded;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QByteArray l = lines.at(i);
            if (l.endsWith('\r'))
                l.chop(1);
            QVERIFY2(l.size() <= 75, l.constData());
            if (i > 0) {
                QVERIFY(l.startsWith(' '));
                l = l.mid(1);
            }
            // Every physical line is valid UTF-8 on its own: no sequence was cut.
            QStringDecoder decoder(QStringConverter::Utf8);
            decoder.decode(l);
            QVERIFY(!decoder.hasError());
            unfolded += l;
        }
        QCOMPARE(unfolded, line);
    }

    void roundTrip_data()
    {
        QTest::addColumn<VCardWriter::Version>("version");
        QTest::newRow("3.0") << VCardWriter::Version::V3_0;
        QTest::newRow("4.0") << VCardWriter::Version::V4_0;
    }
    void roundTrip()
    {
        QFETCH(VCardWriter::Version, version);
        const QList<Contact> contacts = sampleContacts();
        const QByteArray data = VCardWriter::write(contacts, version);
        QVERIFY(data.contains(version == VCardWriter::Version::V3_0 ? "VERSION:3.0"
                                                                    : "VERSION:4.0"));
        for (const QByteArray &line : data.split('\n'))
            QVERIFY(line.size() <= 76); // 75 + '\r'
        const ImportResult result = VCardReader::read(data);
        QVERIFY2(!result.hasErrors(), qPrintable(errorsOf(result)));
        QCOMPARE(result.contacts.size(), contacts.size());
        QCOMPARE(result.recordCount, contacts.size());
        for (qsizetype i = 0; i < contacts.size(); ++i) {
            const Contact &in = contacts.at(i);
            const Contact &out = result.contacts.at(i);
            QVERIFY2(out.sameData(in),
                     qPrintable(QStringLiteral("contact %1: \"%2\" <%3> numbers %4 group \"%5\"")
                                        .arg(i)
                                        .arg(out.displayName, out.sipUri)
                                        .arg(out.numbers.size())
                                        .arg(out.group)));
        }
        QCOMPARE(result.contactLines.first(), 1);
    }

    void appleStyleVCard30()
    {
        const QByteArray data = "BEGIN:VCARD\r\n"
                                "VERSION:3.0\r\n"
                                "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
                                "N:Appleseed;Johnny;;;\r\n"
                                "FN:Johnny Appleseed\r\n"
                                "ORG:Apple Inc.;\r\n"
                                "item1.TEL;type=pref:+1 408 555 0100\r\n"
                                "item1.X-ABLabel:_$!<Mobile>!$_\r\n"
                                "TEL;type=CELL;type=VOICE;type=pref:+1 (408) 555-0101\r\n"
                                "TEL;TYPE=WORK,FAX:+1 408 555 0102\r\n"
                                "EMAIL;type=INTERNET;type=HOME;type=pref:johnny@example.com\r\n"
                                "X-SIP;type=pref:johnny@sip.Example.com\r\n"
                                "CATEGORIES:Orchard,Family\r\n"
                                "NOTE:A note\\, with escapes\\nand lines\r\n"
                                "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/"
                                "2wBDAAMCAgMCAgMDAwMEAwME\r\n"
                                " BQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUF"
                                "RT/2wBDAQME\r\n"
                                "END:VCARD\r\n";
        const ImportResult r = VCardReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), 1);
        const Contact &c = r.contacts.first();
        QCOMPARE(c.displayName, QStringLiteral("Johnny Appleseed"));
        QCOMPARE(c.sipUri, QStringLiteral("sip:johnny@sip.example.com"));
        QCOMPARE(c.numbers.size(), 3);
        QCOMPARE(c.numbers.at(0), (PhoneNumber { QString(), QStringLiteral("+1 408 555 0100") }));
        QCOMPARE(c.numbers.at(1),
                 (PhoneNumber { QStringLiteral("cell"), QStringLiteral("+1 (408) 555-0101") }));
        QCOMPARE(c.numbers.at(2),
                 (PhoneNumber { QStringLiteral("work,fax"), QStringLiteral("+1 408 555 0102") }));
        QCOMPARE(c.emails, QStringList { QStringLiteral("johnny@example.com") });
        QCOMPARE(c.group, QStringLiteral("Orchard"));
    }

    void vcard40()
    {
        const QByteArray data
                = "BEGIN:VCARD\n" // LF only
                  "VERSION:4.0\n"
                  "FN:Simon Perreault\n"
                  "N:Perreault;Simon;;;ing. jr,M.Sc.\n"
                  "TEL;VALUE=uri;PREF=1;TYPE=\"voice,home\":tel:+1-555-555-5555;ext=5555\n"
                  "TEL;VALUE=uri;TYPE=\"work,cell,voice,video,text\":tel:+1-418-262-6501\n"
                  "IMPP;PREF=1:xmpp:simon@example.com\n"
                  "IMPP:sip:Simon@EXAMPLE.com\n"
                  "EMAIL;TYPE=work:simon.perreault@viagenie.ca\n"
                  "END:VCARD\n";
        const ImportResult r = VCardReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), 1);
        const Contact &c = r.contacts.first();
        QCOMPARE(c.sipUri, QStringLiteral("sip:Simon@example.com"));
        QCOMPARE(c.numbers.size(), 2);
        QCOMPARE(c.numbers.at(0).number, QStringLiteral("+1-555-555-5555;ext=5555"));
        QCOMPARE(c.numbers.at(0).type, QStringLiteral("home"));
        QCOMPARE(c.numbers.at(1).type, QStringLiteral("work,cell,video,text"));
    }

    void sipInTel()
    {
        const ImportResult r = VCardReader::read(
                card("FN:A\r\nTEL;TYPE=sip:alice@example.com\r\nTEL:sip:second@example.com\r\n"
                     "TEL;TYPE=cell:+1\r\n"));
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        const Contact &c = r.contacts.first();
        QCOMPARE(c.sipUri, QStringLiteral("sip:alice@example.com"));
        QCOMPARE(c.numbers.size(), 2);
        QCOMPARE(c.numbers.at(0), (PhoneNumber { QStringLiteral("cell"), QStringLiteral("+1") }));
        QCOMPARE(c.numbers.at(1),
                 (PhoneNumber { QStringLiteral("sip"), QStringLiteral("sip:second@example.com") }));
    }

    void nameFromN()
    {
        const QByteArray data = card("N:王;小明;;;\r\n") + card("N:Smith;John;Quincy;Dr.;PhD\r\n")
                + card("N:;;;;\r\nTEL:123\r\n");
        const ImportResult r = VCardReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), 3);
        QCOMPARE(r.contacts.at(0).displayName, QStringLiteral("王小明"));
        QCOMPARE(r.contacts.at(1).displayName, QStringLiteral("Dr. John Quincy Smith PhD"));
        QCOMPARE(r.contacts.at(2).displayName, QString());
        QCOMPARE(r.contacts.at(2).numbers.size(), 1);
    }

    void quotedPrintable21()
    {
        // vCard 2.1 from an old phone: bare parameters, QP with soft line breaks, Latin-1.
        const QByteArray data
                = "BEGIN:VCARD\r\n"
                  "VERSION:2.1\r\n"
                  "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B;=E5=B0=8F=E6=98=8E\r\n"
                  "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E7=8E=8B=E5=B0=8F=E6=98=8E =\r\n"
                  "=F0=9F=98=80 Wang\r\n"
                  "TEL;CELL;VOICE:+8613800000000\r\n"
                  "TEL;WORK:010-1234\r\n"
                  "EMAIL;INTERNET:wang@example.cn\r\n"
                  "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
                  "BQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIU\r\n"
                  "\r\n"
                  "END:VCARD\r\n"
                  "BEGIN:VCARD\r\n"
                  "VERSION:2.1\r\n"
                  "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jos=E9 M=FCller\r\n"
                  "END:VCARD\r\n";
        const ImportResult r = VCardReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), 2);
        QCOMPARE(r.contacts.at(0).displayName, QStringLiteral("王小明 😀 Wang"));
        QCOMPARE(r.contacts.at(0).numbers.size(), 2);
        QCOMPARE(r.contacts.at(0).numbers.at(0).type, QStringLiteral("cell"));
        QCOMPARE(r.contacts.at(0).numbers.at(1).type, QStringLiteral("work"));
        QCOMPARE(r.contacts.at(0).emails, QStringList { QStringLiteral("wang@example.cn") });
        QCOMPARE(r.contacts.at(1).displayName, QStringLiteral("José Müller"));
    }

    void byteOrderMarkAndBlankLines()
    {
        const QByteArray data
                = "\xEF\xBB\xBF\r\n\r\n" + card("FN:Bom\r\n") + "\r\n\r\n" + card("FN:Two\r\n");
        const ImportResult r = VCardReader::read(data);
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), 2);
        QCOMPARE(r.contacts.first().displayName, QStringLiteral("Bom"));
    }

    void emptyInput()
    {
        const ImportResult r = VCardReader::read(QByteArray());
        QVERIFY(r.contacts.isEmpty());
        QVERIFY(!r.hasErrors());
    }

    // --- malformed input ------------------------------------------------------------

    void unterminatedCardAtEnd()
    {
        const QByteArray data = card("FN:Good\r\n") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut\r\n";
        const ImportResult r = VCardReader::read(data);
        QCOMPARE(r.contacts.size(), 1);
        QCOMPARE(r.contacts.first().displayName, QStringLiteral("Good"));
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().record, 2);
        QCOMPARE(r.errors.first().line, 7);
        QVERIFY2(r.errors.first().reason.contains(QLatin1String("no END:VCARD")),
                 qPrintable(r.errors.first().reason));
        QVERIFY(r.errors.first().reason.contains(QLatin1String("line 5")));
    }

    void missingEndBeforeNextCard()
    {
        const QByteArray data = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lost\r\n" + card("FN:Next\r\n");
        const ImportResult r = VCardReader::read(data);
        QCOMPARE(r.contacts.size(), 1);
        QCOMPARE(r.contacts.first().displayName, QStringLiteral("Next"));
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().record, 1);
        QCOMPARE(r.errors.first().line, 4);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("missing END:VCARD")));
    }

    void textOutsideCards()
    {
        const QByteArray data = "garbage line 1\r\ngarbage line 2\r\n" + card("FN:A\r\n")
                + "END:VCARD\r\n" + card("FN:B\r\n");
        const ImportResult r = VCardReader::read(data);
        QCOMPARE(r.contacts.size(), 2);
        QCOMPARE(r.errors.size(), 2); // one per run of stray text
        QCOMPARE(r.errors.at(0).line, 1);
        QCOMPARE(r.errors.at(0).record, 0);
        QCOMPARE(r.errors.at(1).line, 7);
        QVERIFY(r.errors.at(1).reason.contains(QLatin1String("without BEGIN")));
    }

    void badRecords_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<qint64>("line");
        QTest::newRow("version") << QByteArray("VERSION:5.0\r\nFN:x\r\n")
                                 << "unsupported vCard version" << qint64(3);
        QTest::newRow("no data") << QByteArray("NOTE:nothing useful\r\n") << "no name" << qint64(1);
        QTest::newRow("not a property")
                << QByteArray("FN:x\r\njust words\r\n") << "not a vCard property" << qint64(4);
        QTest::newRow("unclosed quote")
                << QByteArray("TEL;TYPE=\"cell:123\r\n") << "not a vCard property" << qint64(3);
        QTest::newRow("invalid utf-8")
                << QByteArray("FN:\xff\xfe\xc3\r\n") << "not valid UTF-8" << qint64(3);
        QTest::newRow("unknown charset")
                << QByteArray("FN;CHARSET=KLINGON:x\r\n") << "unsupported CHARSET" << qint64(3);
        QTest::newRow("nul") << QByteArray("FN:a\0b\r\n", 8) << "NUL" << qint64(3);
    }
    void badRecords()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, reason);
        QFETCH(qint64, line);
        const QByteArray data = card("FN:Before\r\n") + card(body) + card("FN:After\r\n");
        const ImportResult r = VCardReader::read(data);
        QCOMPARE(r.contacts.size(), 2);
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors.first().reason.contains(reason), qPrintable(r.errors.first().reason));
        QCOMPARE(r.errors.first().record, 2);
        QCOMPARE(r.errors.first().line, 4 + line);
        QCOMPARE(r.recordCount, 3);
    }

    void absurdlyLongLines()
    {
        const QByteArray huge(10 * 1024 * 1024, 'x');
        // A 10 MB name: the card fails, the next one is read.
        ImportResult r = VCardReader::read(card("FN:" + huge + "\r\n") + card("FN:Ok\r\n"));
        QCOMPARE(r.contacts.size(), 1);
        QCOMPARE(r.errors.size(), 1);
        QVERIFY2(r.errors.first().reason.contains(QLatin1String("FN is longer than")),
                 qPrintable(r.errors.first().reason));
        // The same via folding: 200k continuation lines.
        QByteArray folded = "FN:x\r\n";
        for (int i = 0; i < 200000; ++i)
            folded += " abcdefghijklmnopqrstuvwxyz\r\n";
        r = VCardReader::read(card(folded) + card("FN:Ok\r\n"));
        QCOMPARE(r.contacts.size(), 1);
        QCOMPARE(r.errors.size(), 1);
        QCOMPARE(r.errors.first().line, 3);
        // A 10 MB photo is fine: skipped without being kept.
        r = VCardReader::read(card("FN:Photo\r\nPHOTO;ENCODING=b:" + huge + "\r\n"));
        QVERIFY2(!r.hasErrors(), qPrintable(errorsOf(r)));
        QCOMPARE(r.contacts.size(), 1);
        // A value under the line limit but over the field limit.
        ImportLimits limits;
        limits.maxFieldChars = 10;
        r = VCardReader::read(card("FN:" + QByteArray(11, 'y') + "\r\n"), limits);
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("longer than 10 characters")));
        // No newline at all.
        r = VCardReader::read(huge);
        QVERIFY(r.contacts.isEmpty());
        QCOMPARE(r.errors.size(), 1);
    }

    void boundedLineReader()
    {
        QByteArray data = QByteArray(1000, 'a') + "\r\nshort\n" + QByteArray(300000, 'b');
        QBuffer buffer(&data);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        BoundedLineReader reader(&buffer, 100, 1 << 30);
        BoundedLineReader::Line line;
        QVERIFY(reader.next(line));
        QCOMPARE(line.text.size(), 100);
        QVERIFY(line.truncated);
        QCOMPARE(line.number, 1);
        QVERIFY(reader.next(line));
        QCOMPARE(line.text, QByteArray("short"));
        QVERIFY(!line.truncated);
        QVERIFY(reader.next(line));
        QCOMPARE(line.text.size(), 100);
        QVERIFY(line.truncated);
        QCOMPARE(line.number, 3);
        QVERIFY(!reader.next(line));
    }

    void inputSizeLimit()
    {
        ImportLimits limits;
        limits.maxInputBytes = 1000;
        QByteArray data;
        for (int i = 0; i < 100; ++i)
            data += card("FN:Person " + QByteArray::number(i) + "\r\n");
        const ImportResult r = VCardReader::read(data, limits);
        QVERIFY(r.stopped);
        QVERIFY(r.contacts.size() > 0 && r.contacts.size() < 100);
        QVERIFY(r.errors.last().reason.contains(QLatin1String("larger than 1000 bytes")));
    }

    void tooManyProperties()
    {
        QByteArray body;
        for (int i = 0; i < 2000; ++i)
            body += "TEL:" + QByteArray::number(i) + "\r\n";
        const ImportResult r = VCardReader::read(card(body));
        QCOMPARE(r.contacts.size(), 0);
        QCOMPARE(r.errors.size(), 1);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("more than 1000 properties")));
    }

    void binaryGarbage()
    {
        QRandomGenerator random(20260101);
        for (int round = 0; round < 20; ++round) {
            QByteArray garbage(256 * 1024, Qt::Uninitialized);
            for (char &c : garbage)
                c = char(random.bounded(256));
            // Sprinkle in structure so the parser gets past the outer state.
            for (int i = 0; i < 200; ++i) {
                const int at = random.bounded(garbage.size() - 20);
                const char *snippets[]
                        = { "\nBEGIN:VCARD\n", "\nEND:VCARD\n", "\nFN:",          "\n ",
                            "\nTEL;TYPE=\"",   "=\n",           "\nVERSION:3.0\n" };
                const QByteArray s = snippets[random.bounded(7)];
                garbage.replace(at, s.size(), s);
            }
            ImportLimits limits;
            limits.maxErrors = 50;
            const ImportResult r = VCardReader::read(garbage, limits);
            QVERIFY(r.errors.size() <= 50);
            QVERIFY(r.hasErrors());
        }
    }

    void utf16IsRefused()
    {
        const QByteArray data = QByteArray("\xFF\xFE") + QStringLiteral("BEGIN:VCARD\r\n").toUtf8();
        const ImportResult r = VCardReader::read(data);
        QVERIFY(r.stopped);
        QVERIFY(r.errors.first().reason.contains(QLatin1String("UTF-16")));
    }

    void tenThousandContacts()
    {
        QList<Contact> contacts;
        for (int i = 0; i < 10000; ++i)
            contacts.append(
                    makeContact(QStringLiteral("联系人 %1").arg(i),
                                QStringLiteral("sip:user%1@example.com").arg(i),
                                { { QStringLiteral("cell"), QStringLiteral("+1555%1").arg(i) } }));
        QElapsedTimer timer;
        timer.start();
        const QByteArray data = VCardWriter::write(contacts);
        const ImportResult r = VCardReader::read(data);
        qInfo() << "10k contacts:" << data.size() << "bytes, written and read in" << timer.elapsed()
                << "ms";
        QVERIFY(!r.hasErrors());
        QCOMPARE(r.contacts.size(), 10000);
        QVERIFY(r.contacts.at(9999).sameData(contacts.at(9999)));
    }

    void importIntoContactStore()
    {
        // The whole path: a file from another app, parsed, stored in one transaction;
        // contacts whose address is already known are rejected one by one.
        QList<Contact> contacts;
        for (int i = 0; i < 10000; ++i)
            contacts.append(makeContact(QStringLiteral("Person %1").arg(i),
                                        QStringLiteral("sip:p%1@example.com").arg(i % 9990)));
        const ImportResult parsed = VCardReader::read(VCardWriter::write(contacts));
        QCOMPARE(parsed.contacts.size(), 10000);
        QTemporaryDir dir;
        StorageContext storage(dir.filePath(QStringLiteral("import.sqlite")));
        QVERIFY(storage.database().open());
        QStringList errors;
        QElapsedTimer timer;
        timer.start();
        const auto ids = storage.contacts().addMany(parsed.contacts, &errors);
        qInfo() << "10k imported contacts stored in" << timer.elapsed() << "ms";
        QCOMPARE(*storage.contacts().count(), 9990);
        QCOMPARE(errors.count(QString()), 9990);
        QVERIFY(!ids.at(9995));
        QVERIFY2(errors.at(9995).contains(QLatin1String("sip:p5@example.com")),
                 qPrintable(errors.at(9995)));
        QCOMPARE(storage.contacts().search(QStringLiteral("Person 9989")).size(), 1);
        QVERIFY(storage.contacts().search(QStringLiteral("Person 9999")).isEmpty());
    }

    void recordAndErrorLimits()
    {
        QByteArray good;
        for (int i = 0; i < 10; ++i)
            good += card("FN:P" + QByteArray::number(i) + "\r\n");
        ImportLimits limits;
        limits.maxRecords = 5;
        ImportResult r = VCardReader::read(good, limits);
        QCOMPARE(r.contacts.size(), 5);
        QVERIFY(r.stopped);
        QVERIFY(r.errors.last().reason.contains(QLatin1String("more than 5 contacts")));

        QByteArray bad;
        for (int i = 0; i < 5000; ++i)
            bad += card("VERSION:9\r\n");
        limits = ImportLimits();
        limits.maxErrors = 100;
        r = VCardReader::read(bad, limits);
        QCOMPARE(r.errors.size(), 100);
        QCOMPARE(r.suppressedErrors, 4900);
        QVERIFY(!r.stopped);
    }
};

QTEST_GUILESS_MAIN(TestVCard)
#include "tst_vcard.moc"
