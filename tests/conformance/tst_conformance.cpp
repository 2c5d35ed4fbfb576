// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// RFC 4475 (SIP torture tests) and RFC 5118 (IPv6 torture tests): every message gets
// the verdict expected.tsv gives, invalid ones with a reason naming the fault and the
// response code the RFC names; valid ones parse to the values the RFC describes.
#include "sip/message/SipMessage.h"
#include "sip/message/StreamFramer.h"

#include <QFile>
#include <QHash>
#include <QTest>

using namespace Sip;

namespace {

QString corpusDir()
{
    return QStringLiteral(PARLO_CONFORMANCE_DIR "/rfc4475");
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// Rows of a tab-separated file with a header row, as column-name -> value maps.
QList<QHash<QString, QString>> readTsv(const QString &path)
{
    QList<QHash<QString, QString>> rows;
    const QList<QByteArray> lines = readFile(path).split('\n');
    QStringList columns;
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty() || line.startsWith('#'))
            continue;
        const QStringList fields = QString::fromUtf8(line).split('\t');
        if (columns.isEmpty()) {
            columns = fields;
            continue;
        }
        QHash<QString, QString> row;
        for (int i = 0; i < columns.size() && i < fields.size(); ++i)
            row.insert(columns[i], fields[i]);
        rows.append(row);
    }
    return rows;
}

SipMessage parseFile(const QString &path, ParseError *error = nullptr)
{
    const QByteArray bytes = readFile(path);
    return SipMessage::parse(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())), error);
}

std::string str(std::string_view v)
{
    return std::string(v);
}

} // namespace

class TestConformance : public QObject
{
    Q_OBJECT

private slots:
    void verdicts_data();
    void verdicts();
    void validMessagesRoundTrip_data() { verdicts_data(); }
    void validMessagesRoundTrip();
    void validMessagesThroughStreamFramer_data() { verdicts_data(); }
    void validMessagesThroughStreamFramer();
    void semantics();
    void counts();
};

void TestConformance::verdicts_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("rfcResponse");
    QTest::addColumn<QString>("keyword");

    QHash<QString, QString> keywords;
    for (const auto &row : readTsv(QStringLiteral(PARLO_CONFORMANCE_DIR "/fault_keywords.tsv")))
        keywords.insert(row.value("name"), row.value("keyword"));

    for (const auto &row : readTsv(corpusDir() + "/expected_detail.tsv")) {
        const QString name = row.value("name");
        QTest::newRow(qPrintable(name)) << corpusDir() + "/" + name + ".dat" << row.value("expected")
                                        << row.value("rfc_response") << keywords.value(name);
    }
    for (const auto &row : readTsv(corpusDir() + "/rfc5118/expected_detail.tsv")) {
        const QString name = row.value("name");
        QTest::newRow(qPrintable("rfc5118/" + name))
            << corpusDir() + "/rfc5118/crlf/" + name + ".dat" << row.value("expected")
            << row.value("rfc_response") << keywords.value(name);
    }
}

void TestConformance::verdicts()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    QFETCH(QString, rfcResponse);
    QFETCH(QString, keyword);

    ParseError error;
    const SipMessage message = parseFile(file, &error);
    if (expected == "valid") {
        QVERIFY2(!message.isNull(), error.reason.c_str());
        return;
    }
    QCOMPARE(expected, QStringLiteral("invalid"));
    QVERIFY2(message.isNull(), "an invalid message was accepted");
    QVERIFY(!error.reason.empty());
    QVERIFY2(!keyword.isEmpty(), "fault_keywords.tsv has no keyword for this message");
    QVERIFY2(QString::fromStdString(error.reason).contains(keyword, Qt::CaseInsensitive),
             qPrintable("reason '" + QString::fromStdString(error.reason) + "' does not mention '" + keyword + "'"));
    // The response a UAS sends: the RFC's code, or none (0) where it says drop.
    bool isCode = false;
    const int code = rfcResponse.toInt(&isCode);
    if (rfcResponse == "drop")
        QCOMPARE(error.statusCode, 0);
    else if (isCode)
        QCOMPARE(error.statusCode, code);
}

void TestConformance::validMessagesRoundTrip()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    if (expected != "valid")
        return;
    const SipMessage message = parseFile(file);
    QVERIFY(!message.isNull());
    ParseError error;
    const std::string text = message.toString();
    const SipMessage again = SipMessage::parse(text, &error);
    QVERIFY2(!again.isNull(), error.reason.c_str());
    QVERIFY(again == message);
    QCOMPARE(again.toString(), text);
}

void TestConformance::validMessagesThroughStreamFramer()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    if (expected != "valid")
        return;
    const SipMessage message = parseFile(file);
    QVERIFY(!message.isNull());
    if (message.contentLength() < 0)
        return; // RFC 2543-style message without Content-Length: datagram only
    // Two copies of the message, fed one byte at a time, come out as two equal messages.
    const std::string text = message.toString();
    StreamFramer framer;
    std::vector<SipMessage> out;
    const std::string stream = text + text;
    for (char c : stream) {
        framer.feed(std::string_view(&c, 1));
        while (auto event = framer.next()) {
            QCOMPARE(int(event->type), int(StreamFramer::EventType::Message));
            ParseError error;
            out.push_back(SipMessage::parse(event->bytes, &error, SipMessage::Framing::Stream));
            QVERIFY2(!out.back().isNull(), error.reason.c_str());
        }
    }
    QCOMPARE(out.size(), size_t(2));
    QVERIFY(out[0] == message);
    QVERIFY(out[1] == message);
}

void TestConformance::semantics()
{
    const QString dir = corpusDir() + "/";
    {
        const SipMessage m = parseFile(dir + "wsinv.dat");
        QCOMPARE(m.cseq()->number(), 9u);
        QCOMPARE(m.maxForwards(), 68);
        QCOMPARE(m.vias().size(), size_t(3));
        QCOMPARE(str(m.vias()[1].branch()), std::string("z9hG4bK9ikj8"));
        QCOMPARE(str(m.vias()[2].host()), std::string("192.168.255.111"));
        QCOMPARE(m.from()->displayNameText(), std::string("J Rosenberg \\\""));
        QCOMPARE(str(m.to()->tag()), std::string("1918181833n"));
        QCOMPARE(m.contacts().size(), size_t(1));
        QCOMPARE(m.contacts()[0].q(), 330);
        QCOMPARE(str(m.header("NewFangledHeader")),
                 std::string("newfangled value\r\n continued newfangled value"));
        QCOMPARE(m.body().size(), size_t(150));
    }
    {
        const SipMessage m = parseFile(dir + "esc01.dat");
        QCOMPARE(m.requestUri().decodedUser(), std::string("sips:user@example.com"));
        QCOMPARE(m.from()->uri().decodedUser(), std::string("I have spaces"));
        QCOMPARE(m.to()->uri().decodedUser(), std::string("user"));
    }
    {
        const SipMessage m = parseFile(dir + "escnull.dat");
        QCOMPARE(m.from()->uri().decodedUser(), std::string("null-\0-null", 11));
    }
    {
        const SipMessage m = parseFile(dir + "esc02.dat");
        QCOMPARE(m.methodId(), Method::Unknown);
        QCOMPARE(str(m.method()), std::string("RE%47IST%45R"));
        QCOMPARE(m.contacts().size(), size_t(2)); // C%6Fntact is an unknown header
        QCOMPARE(m.headerCount("C%6Fntact"), 1);
    }
    {
        const SipMessage m = parseFile(dir + "dblreq.dat");
        QCOMPARE(m.methodId(), Method::Register);
        QVERIFY(m.body().empty());
    }
    {
        const SipMessage m = parseFile(dir + "semiuri.dat");
        QCOMPARE(m.requestUri().decodedUser(), std::string("user;par=u@example.net"));
        QCOMPARE(str(m.requestUri().host()), std::string("example.com"));
    }
    {
        const SipMessage m = parseFile(dir + "inv2543.dat");
        QCOMPARE(m.contentLength(), int64_t(-1));
        QVERIFY(!m.body().empty()); // the rest of the datagram
        QVERIFY(m.vias()[0].branch().empty());
    }
    {
        // Contact without <>: ';unknownparam' belongs to the contact, not to the URI.
        const SipMessage m = parseFile(dir + "cparam01.dat");
        QVERIFY(m.contacts()[0].params().contains("unknownparam"));
        QVERIFY(!m.contacts()[0].uri().params().contains("unknownparam"));
        const SipMessage m2 = parseFile(dir + "cparam02.dat");
        QVERIFY(m2.contacts()[0].uri().params().contains("unknownparam"));
        QVERIFY(!m2.contacts()[0].params().contains("unknownparam"));
    }
    {
        const SipMessage m = parseFile(dir + "regescrt.dat");
        QCOMPARE(str(m.contacts()[0].uri().headers()), std::string("Route=%3Csip:sip.example.com%3E"));
    }
    {
        const SipMessage m = parseFile(dir + "unkscm.dat");
        QCOMPARE(m.requestUri().scheme(), SipUri::Scheme::Other);
        QCOMPARE(str(m.requestUri().schemeText()), std::string("nobodyKnowsThisScheme"));
    }
    {
        const SipMessage m = parseFile(dir + "transports.dat");
        QCOMPARE(m.vias().size(), size_t(5));
        QCOMPARE(str(m.vias()[3].transport()), std::string("UNKNOWN"));
    }
    {
        const SipMessage m = parseFile(dir + "mpart01.dat");
        QCOMPARE(m.body().size(), size_t(553));
        QCOMPARE(str(m.contentType()->subtype()), std::string("mixed"));
    }
    {
        const SipMessage m = parseFile(dir + "noreason.dat");
        QCOMPARE(m.statusCode(), 100);
        QVERIFY(m.reasonPhrase().empty());
    }
    {
        const SipMessage m = parseFile(dir + "zeromf.dat");
        QCOMPARE(m.maxForwards(), 0);
    }
    {
        const SipMessage m = parseFile(dir + "bext01.dat");
        QCOMPARE(m.require().size(), size_t(2));
        QCOMPARE(m.proxyRequire().size(), size_t(2));
    }
    {
        const SipMessage m = parseFile(dir + "sdp01.dat");
        QVERIFY(m.hasAccept());
        QCOMPARE(str(m.accept()[0].subtype()), std::string("nobodyKnowsThis"));
    }
    {
        const SipMessage m = parseFile(dir + "regaut01.dat");
        QCOMPARE(str(m.authorization()[0].scheme()), std::string("NoOneKnowsThisScheme"));
        QVERIFY(!m.authorization()[0].isDigest());
    }
    {
        const SipMessage m = parseFile(dir + "rfc5118/crlf/via-received-param-no-delim.dat");
        QCOMPARE(str(m.vias()[0].received()), std::string("2001:db8::9:255"));
        const SipMessage m2 = parseFile(dir + "rfc5118/crlf/port-ambiguous.dat");
        QCOMPARE(m2.requestUri().hostType(), SipUri::HostType::IPv6);
    }
}

void TestConformance::counts()
{
    // Guards against a corpus that silently shrank: 49 RFC 4475 + 12 RFC 5118 messages.
    QCOMPARE(readTsv(corpusDir() + "/expected.tsv").size(), 49);
    QCOMPARE(readTsv(corpusDir() + "/rfc5118/expected.tsv").size(), 12);
}

QTEST_APPLESS_MAIN(TestConformance)
#include "tst_conformance.moc"
