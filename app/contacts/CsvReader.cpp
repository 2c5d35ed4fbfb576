// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/CsvReader.h"

#include "contacts/BoundedLineReader.h"
#include "contacts/CsvRecordParser.h"
#include "storage/SipUriNormalizer.h"

#include <QBuffer>
#include <QHash>
#include <QRegularExpression>
#include <QStringDecoder>

namespace App {

namespace {

// "E-mail 1 - Value" -> "email1value", "SIP URI" -> "sipuri".
QString headerKey(const QString &header)
{
    QString key;
    for (QChar c : header) {
        if (c.isLetterOrNumber())
            key += c.toLower();
    }
    return key;
}

enum class Column {
    Ignored,
    Name,
    GivenName,
    FamilyName,
    SipUri,
    Group,
    Favourite,
    PhoneValue, // with `index` pairing it to PhoneType
    PhoneType,
    Email,
};

struct ColumnInfo
{
    Column column = Column::Ignored;
    int index = 0; // "Phone 2 - Value": 2; fixed-type phone columns: their own index
    QString type; // fixed type of Outlook-style phone columns ("cell" for Mobile Phone)
};

ColumnInfo classify(const QString &header, int position)
{
    const QString key = headerKey(header);
    static const QHash<QString, Column> names = {
        { QStringLiteral("name"), Column::Name },
        { QStringLiteral("displayname"), Column::Name },
        { QStringLiteral("fullname"), Column::Name },
        { QStringLiteral("fn"), Column::Name },
        { QStringLiteral("contactname"), Column::Name },
        { QStringLiteral("givenname"), Column::GivenName },
        { QStringLiteral("firstname"), Column::GivenName },
        { QStringLiteral("familyname"), Column::FamilyName },
        { QStringLiteral("lastname"), Column::FamilyName },
        { QStringLiteral("surname"), Column::FamilyName },
        { QStringLiteral("sipuri"), Column::SipUri },
        { QStringLiteral("sip"), Column::SipUri },
        { QStringLiteral("sipaddress"), Column::SipUri },
        { QStringLiteral("sipurl"), Column::SipUri },
        { QStringLiteral("uri"), Column::SipUri },
        { QStringLiteral("impp"), Column::SipUri },
        { QStringLiteral("group"), Column::Group },
        { QStringLiteral("groupmembership"), Column::Group },
        { QStringLiteral("category"), Column::Group },
        { QStringLiteral("categories"), Column::Group },
        { QStringLiteral("favourite"), Column::Favourite },
        { QStringLiteral("favorite"), Column::Favourite },
        { QStringLiteral("starred"), Column::Favourite },
        { QStringLiteral("email"), Column::Email },
        { QStringLiteral("emailaddress"), Column::Email },
        { QStringLiteral("mail"), Column::Email },
    };
    static const QHash<QString, QString> fixedPhones = {
        { QStringLiteral("phone"), QString() },
        { QStringLiteral("telephone"), QString() },
        { QStringLiteral("number"), QString() },
        { QStringLiteral("phonenumber"), QString() },
        { QStringLiteral("mobile"), QStringLiteral("cell") },
        { QStringLiteral("mobilephone"), QStringLiteral("cell") },
        { QStringLiteral("cell"), QStringLiteral("cell") },
        { QStringLiteral("businessphone"), QStringLiteral("work") },
        { QStringLiteral("workphone"), QStringLiteral("work") },
        { QStringLiteral("homephone"), QStringLiteral("home") },
    };
    ColumnInfo info;
    if (const auto it = names.constFind(key); it != names.cend()) {
        info.column = *it;
        return info;
    }
    if (const auto it = fixedPhones.constFind(key); it != fixedPhones.cend()) {
        info.column = Column::PhoneValue;
        info.index = 100000 + position; // never paired with a "Phone N - Type" column
        info.type = *it;
        return info;
    }
    static const QRegularExpression numbered(
            QStringLiteral("^(phone|email)(\\d{1,4})(value|type|label)?$"));
    const QRegularExpressionMatch m = numbered.match(key);
    if (m.hasMatch()) {
        const bool phone = m.captured(1) == QLatin1String("phone");
        const bool type
                = m.captured(3) == QLatin1String("type") || m.captured(3) == QLatin1String("label");
        info.index = m.captured(2).toInt();
        if (phone)
            info.column = type ? Column::PhoneType : Column::PhoneValue;
        else
            info.column = type ? Column::Ignored : Column::Email;
    }
    return info;
}

// Google writes several values into one cell: "+1 555 ::: +1 666".
QStringList splitMulti(const QString &value)
{
    QStringList parts;
    for (const QString &part : value.split(QStringLiteral(":::"))) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            parts.append(trimmed);
    }
    return parts;
}

// Undoes CsvWriter's guard against spreadsheet formula injection (a leading "'").
QString unguard(const QString &value)
{
    static const QRegularExpression guarded(QStringLiteral("^'+[=@\\t\\r+\\-]"));
    if (guarded.match(value).hasMatch())
        return value.mid(1);
    return value;
}

char detectDelimiter(const QByteArray &start)
{
    int commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : start) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
        else if (!quoted && c == '\t')
            ++tabs;
    }
    if (semicolons > commas && semicolons >= tabs)
        return ';';
    if (tabs > commas && tabs > semicolons)
        return '\t';
    return ',';
}

bool isTrue(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes")
            || v == QLatin1String("y") || v == QLatin1String("x") || v == QLatin1String("*");
}

} // namespace

QList<CsvReader::Record> CsvReader::parseRecords(const QByteArray &data, char delimiter,
                                                 const ImportLimits &limits)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    CsvRecordParser parser(&buffer, delimiter, limits);
    QList<Record> records;
    Record record;
    while (parser.next(record))
        records.append(record);
    return records;
}

ImportResult CsvReader::read(QIODevice *device, const ImportLimits &limits)
{
    ImportResult result;
    const auto error = [&result, &limits](qint64 line, int record, const QString &reason) {
        if (result.errors.size() >= limits.maxErrors)
            ++result.suppressedErrors;
        else
            result.errors.append({ line, record, reason });
    };
    if (!device || !device->isReadable()) {
        error(0, 0, QStringLiteral("the file cannot be read"));
        result.stopped = true;
        return result;
    }
    QByteArray start = device->peek(64 * 1024);
    if (BoundedLineReader::looksLikeUtf16(start)) {
        error(1, 0, QStringLiteral("the file is UTF-16 encoded; save it as UTF-8 CSV"));
        result.stopped = true;
        return result;
    }
    if (start.startsWith("\xEF\xBB\xBF"))
        start.remove(0, 3);
    CsvRecordParser parser(device, detectDelimiter(start), limits);

    const auto decode = [](const QByteArray &bytes, bool *ok) {
        QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        const QString text = decoder.decode(bytes);
        *ok = !decoder.hasError() && !text.contains(QChar(0));
        return text;
    };

    // Header row.
    Record header;
    bool haveHeader = false;
    while (parser.next(header)) {
        bool blank = true;
        for (const QByteArray &f : header.fields)
            blank = blank && f.trimmed().isEmpty();
        if (!blank) {
            haveHeader = true;
            break;
        }
    }
    if (!haveHeader) {
        error(0, 0, QStringLiteral("the file is empty"));
        result.stopped = true;
        return result;
    }
    QList<ColumnInfo> columns;
    bool usable = false;
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        bool ok = false;
        const QString name = decode(header.fields.at(i), &ok);
        const ColumnInfo info = ok ? classify(name, int(i)) : ColumnInfo();
        usable = usable
                || (info.column != Column::Ignored && info.column != Column::PhoneType
                    && info.column != Column::Favourite);
        columns.append(info);
    }
    if (!header.error.isEmpty() || !usable) {
        error(header.line, 0,
              !header.error.isEmpty()
                      ? QStringLiteral("the header row is malformed: %1").arg(header.error)
                      : QStringLiteral("the header row names no known column (expected e.g. "
                                       "Name, SIP URI, Phone 1 - Value, E-mail 1 - Value)"));
        result.stopped = true;
        return result;
    }

    Record record;
    while (parser.next(record)) {
        bool blank = record.error.isEmpty();
        for (const QByteArray &f : record.fields)
            blank = blank && f.trimmed().isEmpty();
        if (blank)
            continue; // empty lines, or ",,,," rows spreadsheets leave at the end
        const int index = ++result.recordCount;
        const auto fail = [&](const QString &reason) { error(record.line, index, reason); };
        if (!record.error.isEmpty()) {
            fail(record.error);
            continue;
        }
        if (record.fields.size() > columns.size()) {
            bool extraEmpty = true;
            for (qsizetype i = columns.size(); i < record.fields.size(); ++i)
                extraEmpty = extraEmpty && record.fields.at(i).trimmed().isEmpty();
            if (!extraEmpty) {
                fail(QStringLiteral("%1 fields, but the header has %2")
                             .arg(record.fields.size())
                             .arg(columns.size()));
                continue;
            }
        }

        Contact contact;
        QString given, family;
        QMap<int, QString> phoneValues, phoneTypes;
        QMap<int, QString> fixedTypes;
        bool bad = false;
        for (qsizetype i = 0; i < columns.size() && i < record.fields.size() && !bad; ++i) {
            const ColumnInfo &column = columns.at(i);
            if (column.column == Column::Ignored)
                continue;
            bool ok = false;
            const QString value = unguard(decode(record.fields.at(i), &ok)).trimmed();
            if (!ok) {
                fail(QStringLiteral("field %1 (%2) is not valid UTF-8; save the file as UTF-8")
                             .arg(i + 1)
                             .arg(QString::fromUtf8(header.fields.at(i))));
                bad = true;
                break;
            }
            if (value.size() > limits.maxFieldChars) {
                fail(QStringLiteral("field %1 is longer than %2 characters")
                             .arg(i + 1)
                             .arg(limits.maxFieldChars));
                bad = true;
                break;
            }
            switch (column.column) {
            case Column::Name:
                contact.displayName = value;
                break;
            case Column::GivenName:
                given = value;
                break;
            case Column::FamilyName:
                family = value;
                break;
            case Column::SipUri:
                contact.sipUri = SipUriNormalizer::normalize(value);
                break;
            case Column::Group:
                for (const QString &g : splitMulti(value)) {
                    if (!g.startsWith(QLatin1Char('*'))) { // Google's "* myContacts"
                        contact.group = g;
                        break;
                    }
                }
                break;
            case Column::Favourite:
                contact.favourite = isTrue(value);
                break;
            case Column::PhoneValue:
                phoneValues.insert(column.index, value);
                if (!column.type.isEmpty())
                    fixedTypes.insert(column.index, column.type);
                break;
            case Column::PhoneType:
                phoneTypes.insert(column.index, value);
                break;
            case Column::Email:
                contact.emails += splitMulti(value);
                break;
            case Column::Ignored:
                break;
            }
        }
        if (bad)
            continue;
        for (auto it = phoneValues.cbegin(); it != phoneValues.cend(); ++it) {
            const QString type = fixedTypes.value(it.key(), phoneTypes.value(it.key()));
            for (const QString &number : splitMulti(*it)) {
                const QString lower = number.left(5).toLower();
                if ((lower.startsWith(QLatin1String("sip:"))
                     || lower.startsWith(QLatin1String("sips:"))
                     || type.compare(QLatin1String("sip"), Qt::CaseInsensitive) == 0)
                    && contact.sipUri.isEmpty()) {
                    contact.sipUri = SipUriNormalizer::normalize(number);
                    continue;
                }
                contact.numbers.append({ type, number });
            }
        }
        if (contact.displayName.isEmpty()) {
            // Chinese names are written family-first without a space.
            const bool han = !family.isEmpty() && family.at(0).script() == QChar::Script_Han;
            contact.displayName = han
                    ? family + given
                    : QStringList({ given, family }).join(QLatin1Char(' ')).trimmed();
        }
        if (contact.displayName.isEmpty() && contact.sipUri.isEmpty() && contact.numbers.isEmpty()
            && contact.emails.isEmpty()) {
            fail(QStringLiteral("the row has no name, SIP address, number or e-mail address"));
            continue;
        }
        if (result.contacts.size() >= limits.maxRecords) {
            fail(QStringLiteral("more than %1 contacts; the rest of the file was not read")
                         .arg(limits.maxRecords));
            result.stopped = true;
            break;
        }
        result.contacts.append(contact);
        result.contactLines.append(record.line);
    }
    if (parser.inputLimitReached()) {
        error(0, 0,
              QStringLiteral("the file is larger than %1 bytes; the rest was not read")
                      .arg(limits.maxInputBytes));
        result.stopped = true;
    }
    return result;
}

ImportResult CsvReader::read(const QByteArray &data, const ImportLimits &limits)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    return read(&buffer, limits);
}

} // namespace App
