// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "contacts/VCardWriter.h"

namespace App {

namespace {

// A TYPE parameter value: plain tokens as they are, anything else quoted (3.0 and 4.0
// both allow quoted parameter values); characters no parameter may hold are dropped.
QByteArray typeParam(const QString &type)
{
    QString clean;
    for (QChar c : type) {
        if (c != QLatin1Char('"') && c.isPrint())
            clean += c;
    }
    clean = clean.trimmed();
    if (clean.isEmpty())
        return {};
    bool plain = true;
    for (QChar c : clean) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-')
            && c != QLatin1Char(','))
            plain = false;
    }
    const QByteArray value = clean.toUtf8();
    return ";TYPE=" + (plain ? value : '"' + value + '"');
}

// Family and given name for N, which 3.0 requires: the last word is taken as the family
// name, unless the name has no spaces (one word, or Chinese/Japanese written together).
QByteArray structuredName(const QString &displayName)
{
    const QString name = displayName.simplified();
    const qsizetype space = name.lastIndexOf(QLatin1Char(' '));
    const QString family = space < 0 ? name : name.mid(space + 1);
    const QString given = space < 0 ? QString() : name.left(space);
    return (VCardWriter::escapeText(family) + QLatin1Char(';') + VCardWriter::escapeText(given)
            + QStringLiteral(";;;"))
            .toUtf8();
}

} // namespace

QString VCardWriter::escapeText(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\') || c == QLatin1Char(',') || c == QLatin1Char(';')) {
            out += QLatin1Char('\\');
            out += c;
        } else if (c == QLatin1Char('\r')) {
            out += QStringLiteral("\\n");
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('\n')) {
            out += QStringLiteral("\\n");
        } else {
            out += c;
        }
    }
    return out;
}

QByteArray VCardWriter::fold(const QByteArray &line)
{
    constexpr qsizetype Max = 75; // octets per physical line, without CRLF
    QByteArray out;
    qsizetype pos = 0;
    bool first = true;
    while (pos < line.size()) {
        const qsizetype room = first ? Max : Max - 1; // continuation lines start with ' '
        qsizetype end = qMin(pos + room, line.size());
        // Never cut inside a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
        while (end < line.size() && end > pos && (uchar(line.at(end)) & 0xC0) == 0x80)
            --end;
        if (!first)
            out += ' ';
        out += line.mid(pos, end - pos);
        out += "\r\n";
        pos = end;
        first = false;
    }
    if (line.isEmpty())
        out += "\r\n";
    return out;
}

QByteArray VCardWriter::write(const Contact &contact, Version version)
{
    const bool v4 = version == Version::V4_0;
    QByteArray out;
    const auto add = [&out](const QByteArray &line) { out += fold(line); };
    add("BEGIN:VCARD");
    add(v4 ? "VERSION:4.0" : "VERSION:3.0");
    // FN is required by both versions: fall back to the address or a number.
    QString fn = contact.displayName;
    if (fn.isEmpty())
        fn = !contact.sipUri.isEmpty()
                ? contact.sipUri
                : (contact.numbers.isEmpty() ? QString() : contact.numbers.first().number);
    add("FN:" + escapeText(fn).toUtf8());
    add("N:" + structuredName(contact.displayName));
    if (!contact.sipUri.isEmpty())
        add("IMPP:" + contact.sipUri.toUtf8());
    for (const PhoneNumber &number : contact.numbers) {
        if (number.type == QLatin1String("sip")) {
            add("IMPP:" + number.number.toUtf8()); // an extra SIP address
            continue;
        }
        add("TEL" + typeParam(number.type) + ':' + escapeText(number.number).toUtf8());
    }
    for (const QString &email : contact.emails)
        add((v4 ? "EMAIL:" : "EMAIL;TYPE=INTERNET:") + escapeText(email).toUtf8());
    if (!contact.group.isEmpty())
        add("CATEGORIES:" + escapeText(contact.group).toUtf8());
    if (contact.favourite)
        add("X-PARLO-FAVOURITE:1");
    add("END:VCARD");
    return out;
}

QByteArray VCardWriter::write(const QList<Contact> &contacts, Version version)
{
    QByteArray out;
    for (const Contact &contact : contacts)
        out += write(contact, version);
    return out;
}

} // namespace App
