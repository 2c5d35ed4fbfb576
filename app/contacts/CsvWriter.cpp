// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/CsvWriter.h"

#include <QRegularExpression>

#include <algorithm>

namespace App {

namespace {

QString guard(const QString &value)
{
    // Spreadsheets run cells starting with = @ + - (and tab/CR) as formulas. Phone numbers
    // ("+44 20 7946 0000") are left alone so other address books read them unchanged; a
    // '+' or '-' followed by anything a number does not contain is guarded. Values that
    // already start with apostrophes before such a character get one more, so reading
    // strips exactly the one added here.
    static const QRegularExpression guardedAlready(QStringLiteral("^'+[=@\\t\\r+\\-]"));
    static const QRegularExpression formula(QStringLiteral("^[=@\\t\\r]"));
    static const QRegularExpression sign(QStringLiteral("^[+\\-]"));
    static const QRegularExpression number(QStringLiteral("^[+\\-][0-9 ().\\/+\\-]*$"));
    if (guardedAlready.match(value).hasMatch() || formula.match(value).hasMatch()
        || (sign.match(value).hasMatch() && !number.match(value).hasMatch()))
        return QLatin1Char('\'') + value;
    return value;
}

} // namespace

QByteArray CsvWriter::quoteField(const QString &value)
{
    const QString guarded = guard(value);
    const bool needsQuotes = guarded.contains(QLatin1Char(','))
            || guarded.contains(QLatin1Char('"')) || guarded.contains(QLatin1Char('\n'))
            || guarded.contains(QLatin1Char('\r')) || guarded.contains(QLatin1Char(';'))
            || guarded.contains(QLatin1Char('\t')) || guarded != guarded.trimmed();
    if (!needsQuotes)
        return guarded.toUtf8();
    QString quoted = guarded;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + quoted.toUtf8() + '"';
}

QByteArray CsvWriter::write(const QList<Contact> &contacts, bool byteOrderMark)
{
    qsizetype phones = 0;
    qsizetype emails = 0;
    for (const Contact &c : contacts) {
        phones = std::max(phones, c.numbers.size());
        emails = std::max(emails, c.emails.size());
    }
    QByteArray out;
    if (byteOrderMark)
        out += "\xEF\xBB\xBF";
    QByteArrayList header = { "Name", "SIP URI", "Group", "Favourite" };
    for (qsizetype i = 1; i <= phones; ++i) {
        header << QByteArray("Phone ") + QByteArray::number(i) + " - Type";
        header << QByteArray("Phone ") + QByteArray::number(i) + " - Value";
    }
    for (qsizetype i = 1; i <= emails; ++i)
        header << QByteArray("E-mail ") + QByteArray::number(i) + " - Value";
    out += header.join(',') + "\r\n";

    for (const Contact &c : contacts) {
        QByteArrayList row = { quoteField(c.displayName), quoteField(c.sipUri), quoteField(c.group),
                               c.favourite ? "1" : "" };
        for (qsizetype i = 0; i < phones; ++i) {
            const bool has = i < c.numbers.size();
            row << (has ? quoteField(c.numbers.at(i).type) : QByteArray());
            row << (has ? quoteField(c.numbers.at(i).number) : QByteArray());
        }
        for (qsizetype i = 0; i < emails; ++i)
            row << (i < c.emails.size() ? quoteField(c.emails.at(i)) : QByteArray());
        out += row.join(',') + "\r\n";
    }
    return out;
}

} // namespace App
