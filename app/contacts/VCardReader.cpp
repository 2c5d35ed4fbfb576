// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/VCardReader.h"

#include "contacts/BoundedLineReader.h"
#include "storage/SipUriNormalizer.h"

#include <QBuffer>
#include <QStringDecoder>

namespace App {

namespace {

// Properties whose value Parlo keeps; only these are size-checked and decoded.
bool isKeptProperty(const QByteArray &name)
{
    static const QByteArrayList kept
            = { "BEGIN", "END",        "VERSION",          "FN", "N", "TEL", "IMPP", "X-SIP",
                "EMAIL", "CATEGORIES", "X-PARLO-FAVOURITE" };
    return kept.contains(name);
}

struct Param
{
    QByteArray name; // upper case; TYPE for 2.1-style bare values
    QByteArrayList values; // split on ',' and unquoted
};

struct Property
{
    QByteArray name; // upper case, group prefix removed
    QList<Param> params;
    QByteArray value; // raw bytes after the first unquoted ':'

    QByteArrayList paramValues(const QByteArray &param) const
    {
        QByteArrayList values;
        for (const Param &p : params) {
            if (p.name == param)
                values += p.values;
        }
        return values;
    }
    bool hasParamValue(const QByteArray &param, const QByteArray &value) const
    {
        for (const QByteArray &v : paramValues(param)) {
            if (v.compare(value, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
};

// 2.1 wrote parameters without names: TEL;CELL;VOICE, EMAIL;INTERNET, ...;QUOTED-PRINTABLE.
QByteArray bareParamName(const QByteArray &value)
{
    const QByteArray upper = value.toUpper();
    if (upper == "QUOTED-PRINTABLE" || upper == "BASE64" || upper == "8BIT" || upper == "7BIT")
        return "ENCODING";
    return "TYPE";
}

bool parseProperty(const QByteArray &line, Property &property)
{
    // name *(";" param) ":" value, where ':' and ';' inside quoted parameter values do
    // not count (vCard 4.0: TYPE="work,voice", LABEL="a;b").
    qsizetype i = 0;
    const qsizetype n = line.size();
    while (i < n && line.at(i) != ';' && line.at(i) != ':')
        ++i;
    if (i == n)
        return false;
    QByteArray name = line.left(i).trimmed().toUpper();
    const qsizetype dot = name.lastIndexOf('.');
    if (dot >= 0)
        name = name.mid(dot + 1);
    if (name.isEmpty())
        return false;
    property.name = name;
    while (i < n && line.at(i) == ';') {
        ++i;
        QByteArray raw;
        bool quoted = false;
        while (i < n && (quoted || (line.at(i) != ';' && line.at(i) != ':'))) {
            if (line.at(i) == '"')
                quoted = !quoted;
            raw += line.at(i);
            ++i;
        }
        if (quoted)
            return false;
        const qsizetype eq = raw.indexOf('=');
        Param param;
        QByteArray values;
        if (eq < 0) {
            param.name = bareParamName(raw.trimmed());
            values = raw.trimmed();
        } else {
            param.name = raw.left(eq).trimmed().toUpper();
            values = raw.mid(eq + 1).trimmed();
        }
        // A quoted value is one value list; commas split it either way.
        values.replace('"', QByteArray());
        for (const QByteArray &v : values.split(',')) {
            if (!v.trimmed().isEmpty())
                param.values.append(v.trimmed());
        }
        property.params.append(param);
    }
    if (i >= n || line.at(i) != ':')
        return false;
    property.value = line.mid(i + 1);
    return true;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

QByteArray decodeQuotedPrintable(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in.at(i);
        if (c == '=' && i + 2 < in.size()) {
            const int hi = hexDigit(in.at(i + 1));
            const int lo = hexDigit(in.at(i + 2));
            if (hi >= 0 && lo >= 0) {
                out += char(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        if (c == '=' && i == in.size() - 1)
            continue; // a soft line break left at the very end
        out += c;
    }
    return out;
}

// Splits on separators not preceded by a backslash (the escapes stay for unescape()).
QList<QString> splitUnescaped(const QString &value, QChar separator)
{
    QList<QString> parts;
    QString current;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == QLatin1Char('\\') && i + 1 < value.size()) {
            current += c;
            current += value.at(++i);
        } else if (c == separator) {
            parts.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.append(current);
    return parts;
}

QString unescape(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c != QLatin1Char('\\') || i + 1 == value.size()) {
            out += c;
            continue;
        }
        const QChar e = value.at(++i);
        if (e == QLatin1Char('n') || e == QLatin1Char('N'))
            out += QLatin1Char('\n');
        else
            out += e; // \\ \, \; and, leniently, any other escaped character
    }
    return out;
}

QString lowerKnownType(const QByteArray &type)
{
    static const QByteArrayList known
            = { "cell",  "mobile", "home",      "work", "voice",  "fax",  "pager",    "msg",
                "video", "text",   "textphone", "main", "iphone", "pref", "internet", "sip",
                "bbs",   "modem",  "car",       "isdn", "pcs",    "other" };
    const QByteArray lower = type.toLower();
    return known.contains(lower) ? QString::fromLatin1(lower) : QString::fromUtf8(type);
}

// The start of an offending line for an error message, printable whatever it contains.
QString preview(const QByteArray &text)
{
    QString out = QString::fromUtf8(text.left(40));
    for (QChar &c : out) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    return text.size() > 40 ? out + QStringLiteral("...") : out;
}

bool isHan(const QString &text)
{
    return !text.isEmpty() && text.at(0).script() == QChar::Script_Han;
}

class Parser
{
public:
    Parser(const ImportLimits &limits, ImportResult &result)
        : m_limits(limits)
        , m_result(result)
    {
    }

    void logicalLine(const QByteArray &text, qint64 line, bool oversized);
    void finish(qint64 lastLine);
    bool stopped() const { return m_result.stopped; }
    void error(qint64 line, int record, const QString &reason);

private:
    struct Card
    {
        qint64 startLine = 0;
        int record = 0;
        Contact contact;
        QString formattedName;
        QString nameFromN;
        QStringList sipUris;
        int properties = 0;
        bool failed = false;
        bool afterBase64 = false;
    };

    void cardError(qint64 line, const QString &reason);
    void closeCard();
    void property(const Property &p, qint64 line);
    std::optional<QString> decodeValue(const Property &p, qint64 line);
    bool checkLength(const QString &value, const Property &p, qint64 line);

    const ImportLimits &m_limits;
    ImportResult &m_result;
    std::optional<Card> m_card;
    bool m_inGarbage = false; // reporting one error per run of text outside cards
};

void Parser::error(qint64 line, int record, const QString &reason)
{
    if (m_result.errors.size() >= m_limits.maxErrors) {
        ++m_result.suppressedErrors;
        return;
    }
    m_result.errors.append({ line, record, reason });
}

void Parser::cardError(qint64 line, const QString &reason)
{
    if (m_card->failed)
        return; // one error per card: the first is the cause
    m_card->failed = true;
    error(line, m_card->record, reason);
}

void Parser::logicalLine(const QByteArray &text, qint64 line, bool oversized)
{
    if (text.trimmed().isEmpty() && !oversized)
        return;
    Property p;
    const bool parsed = parseProperty(text, p);
    const bool isBegin = parsed && p.name == "BEGIN"
            && p.value.trimmed().compare("VCARD", Qt::CaseInsensitive) == 0;
    const bool isEnd = parsed && p.name == "END"
            && p.value.trimmed().compare("VCARD", Qt::CaseInsensitive) == 0;

    if (isBegin) {
        if (m_card) {
            cardError(line,
                      QStringLiteral("missing END:VCARD for the card starting at line %1 "
                                     "(a new BEGIN:VCARD follows)")
                              .arg(m_card->startLine));
            closeCard();
            if (stopped())
                return;
        }
        m_inGarbage = false;
        m_card = Card();
        m_card->startLine = line;
        m_card->record = ++m_result.recordCount;
        return;
    }
    if (!m_card) {
        if (!m_inGarbage) {
            m_inGarbage = true;
            error(line, 0,
                  isEnd ? QStringLiteral("END:VCARD without BEGIN:VCARD")
                        : QStringLiteral("text outside BEGIN:VCARD ... END:VCARD ignored"));
        }
        return;
    }
    if (isEnd) {
        closeCard();
        return;
    }
    if (m_card->failed)
        return;
    if (++m_card->properties > m_limits.maxPropertiesPerRecord) {
        cardError(line,
                  QStringLiteral("more than %1 properties").arg(m_limits.maxPropertiesPerRecord));
        return;
    }
    if (!parsed) {
        // vCard 2.1 wrote BASE64 data (PHOTO) on unindented lines up to a blank line.
        if (m_card->afterBase64)
            return;
        // A line without "NAME:" inside a card; the first bytes say what it was.
        cardError(line,
                  QStringLiteral("not a vCard property (expected NAME:value): \"%1\"")
                          .arg(preview(text)));
        return;
    }
    m_card->afterBase64 = p.hasParamValue("ENCODING", "BASE64") || p.hasParamValue("ENCODING", "B");
    if (!isKeptProperty(p.name))
        return; // PHOTO, ADR, X-whatever: any size, never decoded
    if (oversized) {
        cardError(line,
                  QStringLiteral("%1 is longer than %2 bytes")
                          .arg(QString::fromLatin1(p.name))
                          .arg(m_limits.maxLineBytes));
        return;
    }
    property(p, line);
}

std::optional<QString> Parser::decodeValue(const Property &p, qint64 line)
{
    QByteArray bytes = p.value;
    if (p.hasParamValue("ENCODING", "QUOTED-PRINTABLE"))
        bytes = decodeQuotedPrintable(bytes);
    const QByteArrayList charsets = p.paramValues("CHARSET");
    const QByteArray charset = charsets.isEmpty() ? QByteArray("UTF-8") : charsets.first();
    auto encoding = QStringConverter::encodingForName(charset.constData());
    if (!encoding) {
        cardError(line,
                  QStringLiteral("%1: unsupported CHARSET %2")
                          .arg(QString::fromLatin1(p.name), QString::fromLatin1(charset)));
        return std::nullopt;
    }
    QStringDecoder decoder(*encoding, QStringConverter::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        cardError(line,
                  QStringLiteral("%1 is not valid %2 text")
                          .arg(QString::fromLatin1(p.name), QString::fromLatin1(charset)));
        return std::nullopt;
    }
    if (text.contains(QChar(0))) {
        cardError(line,
                  QStringLiteral("%1 contains a NUL character").arg(QString::fromLatin1(p.name)));
        return std::nullopt;
    }
    return text;
}

bool Parser::checkLength(const QString &value, const Property &p, qint64 line)
{
    if (value.size() <= m_limits.maxFieldChars)
        return true;
    cardError(line,
              QStringLiteral("%1 value is longer than %2 characters")
                      .arg(QString::fromLatin1(p.name))
                      .arg(m_limits.maxFieldChars));
    return false;
}

void Parser::property(const Property &p, qint64 line)
{
    const auto decoded = decodeValue(p, line);
    if (!decoded)
        return;
    const QString raw = decoded->trimmed();
    Card &card = *m_card;

    if (p.name == "VERSION") {
        if (raw != QLatin1String("2.1") && raw != QLatin1String("3.0")
            && raw != QLatin1String("4.0"))
            cardError(line,
                      QStringLiteral("unsupported vCard version \"%1\" (2.1, 3.0 and 4.0 "
                                     "are supported)")
                              .arg(raw.left(20)));
        return;
    }
    if (p.name == "FN") {
        const QString name = unescape(raw);
        if (checkLength(name, p, line))
            card.formattedName = name;
        return;
    }
    if (p.name == "N") {
        // family;given;additional;prefixes;suffixes
        QStringList parts;
        for (const QString &part : splitUnescaped(raw, QLatin1Char(';')))
            parts.append(unescape(part).replace(QLatin1Char(','), QLatin1Char(' ')).trimmed());
        parts.resize(5);
        QString name;
        if (isHan(parts.at(0)) && parts.at(2).isEmpty()) {
            name = parts.at(0) + parts.at(1); // 王 + 小明: Chinese names have no space
        } else {
            QStringList ordered
                    = { parts.at(3), parts.at(1), parts.at(2), parts.at(0), parts.at(4) };
            ordered.removeAll(QString());
            name = ordered.join(QLatin1Char(' '));
        }
        if (checkLength(name, p, line))
            card.nameFromN = name;
        return;
    }
    if (p.name == "TEL" || p.name == "IMPP" || p.name == "X-SIP") {
        QString value = unescape(raw);
        if (!checkLength(value, p, line) || value.isEmpty())
            return;
        QStringList types;
        bool sipType = false;
        for (const QByteArray &type : p.paramValues("TYPE")) {
            const QString t = lowerKnownType(type);
            if (t == QLatin1String("sip"))
                sipType = true;
            else if (t != QLatin1String("voice") && t != QLatin1String("pref"))
                types.append(t);
        }
        const QString lower = value.left(5).toLower();
        const bool sipValue = lower.startsWith(QLatin1String("sip:"))
                || lower.startsWith(QLatin1String("sips:"));
        if (p.name == "X-SIP" || sipValue || (p.name == "TEL" && sipType)) {
            const QString uri = SipUriNormalizer::normalize(value);
            if (!uri.isEmpty() && !card.sipUris.contains(uri))
                card.sipUris.append(uri);
            return;
        }
        if (p.name == "IMPP")
            return; // xmpp:, aim:, ...: not something Parlo can call
        if (lower.startsWith(QLatin1String("tel:")))
            value = value.mid(4);
        card.contact.numbers.append({ types.join(QLatin1Char(',')), value });
        return;
    }
    if (p.name == "EMAIL") {
        const QString email = unescape(raw);
        if (checkLength(email, p, line) && !email.isEmpty())
            card.contact.emails.append(email);
        return;
    }
    if (p.name == "CATEGORIES") {
        if (!card.contact.group.isEmpty())
            return;
        for (const QString &category : splitUnescaped(raw, QLatin1Char(','))) {
            const QString group = unescape(category).trimmed();
            if (!group.isEmpty() && checkLength(group, p, line)) {
                card.contact.group = group;
                break;
            }
        }
        return;
    }
    if (p.name == "X-PARLO-FAVOURITE") {
        card.contact.favourite = raw == QLatin1String("1")
                || raw.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        return;
    }
}

void Parser::closeCard()
{
    Card card = std::move(*m_card);
    m_card.reset();
    if (card.failed)
        return;
    Contact &c = card.contact;
    c.displayName = !card.formattedName.isEmpty() ? card.formattedName : card.nameFromN;
    if (!card.sipUris.isEmpty()) {
        c.sipUri = card.sipUris.takeFirst();
        for (const QString &extra : std::as_const(card.sipUris))
            c.numbers.append({ QStringLiteral("sip"), extra });
    }
    if (c.displayName.isEmpty() && c.sipUri.isEmpty() && c.numbers.isEmpty()
        && c.emails.isEmpty()) {
        error(card.startLine, card.record,
              QStringLiteral("the card has no name, SIP address, number or e-mail address"));
        return;
    }
    if (m_result.contacts.size() >= m_limits.maxRecords) {
        error(card.startLine, card.record,
              QStringLiteral("more than %1 contacts; the rest of the file was not read")
                      .arg(m_limits.maxRecords));
        m_result.stopped = true;
        return;
    }
    m_result.contacts.append(c);
    m_result.contactLines.append(card.startLine);
}

void Parser::finish(qint64 lastLine)
{
    if (m_card) {
        cardError(lastLine,
                  QStringLiteral("the card starting at line %1 has no END:VCARD "
                                 "(the file ends inside it)")
                          .arg(m_card->startLine));
        closeCard();
    }
}

bool isQuotedPrintable(const QByteArray &logical)
{
    const qsizetype colon = logical.indexOf(':');
    return colon > 0 && logical.left(colon).toUpper().contains("QUOTED-PRINTABLE");
}

} // namespace

ImportResult VCardReader::read(QIODevice *device, const ImportLimits &limits)
{
    ImportResult result;
    Parser parser(limits, result);
    if (!device || !device->isReadable()) {
        parser.error(0, 0, QStringLiteral("the file cannot be read"));
        result.stopped = true;
        return result;
    }
    if (BoundedLineReader::looksLikeUtf16(device->peek(4))) {
        parser.error(1, 0, QStringLiteral("the file is UTF-16 encoded; only UTF-8 is supported"));
        result.stopped = true;
        return result;
    }
    BoundedLineReader reader(device, limits.maxLineBytes, limits.maxInputBytes);
    BoundedLineReader::Line physical;
    QByteArray logical;
    qint64 logicalLine = 0;
    qint64 lastLine = 0;
    bool oversized = false;
    bool have = false;
    while (!parser.stopped() && reader.next(physical)) {
        lastLine = physical.number;
        const QByteArray &text = physical.text;
        const bool continuation
                = have && !text.isEmpty() && (text.at(0) == ' ' || text.at(0) == '\t');
        // 2.1/3.0 quoted-printable: a soft line break is '=' at the end of the line, and
        // the next line continues without leading whitespace.
        const bool qpContinuation
                = have && !continuation && logical.endsWith('=') && isQuotedPrintable(logical);
        if (continuation || qpContinuation) {
            if (qpContinuation)
                logical.chop(1);
            const QByteArray more = continuation ? text.mid(1) : text;
            if (oversized || logical.size() + more.size() > limits.maxLineBytes)
                oversized = true; // keep consuming its continuation lines, store nothing
            else
                logical += more;
            oversized = oversized || physical.truncated;
            continue;
        }
        if (have)
            parser.logicalLine(logical, logicalLine, oversized);
        logical = text;
        logicalLine = physical.number;
        oversized = physical.truncated;
        have = true;
    }
    if (have && !parser.stopped())
        parser.logicalLine(logical, logicalLine, oversized);
    if (!parser.stopped())
        parser.finish(lastLine);
    if (reader.inputLimitReached()) {
        parser.error(lastLine, 0,
                     QStringLiteral("the file is larger than %1 bytes; the rest was "
                                    "not read")
                             .arg(limits.maxInputBytes));
        result.stopped = true;
    }
    return result;
}

ImportResult VCardReader::read(const QByteArray &data, const ImportLimits &limits)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return read(&buffer, limits);
}

} // namespace App
