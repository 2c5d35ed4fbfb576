// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence/MessageSummary.h"

#include <QRegularExpression>
#include <QStringList>

namespace Sip {

namespace {

// The message-context-class values of RFC 3458 §4.1.1 that may head a summary line.
bool isMessageClass(const QString &name)
{
    static const QStringList classes
            = { QStringLiteral("voice-message"), QStringLiteral("fax-message"),
                QStringLiteral("pager-message"), QStringLiteral("multimedia-message"),
                QStringLiteral("text-message"),  QStringLiteral("none") };
    return classes.contains(name);
}

} // namespace

std::optional<MessageSummary> MessageSummary::parse(QByteArrayView body, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<MessageSummary> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    // Bounded like every document we parse: a summary is a few lines.
    if (body.size() > 64 * 1024)
        return fail(QStringLiteral("message summary larger than 64 KiB"));
    // RFC 3842 §5.2: newmsgs SLASH oldmsgs [ LPAREN new-urgentmsgs SLASH old-urgentmsgs RPAREN ]
    static const QRegularExpression counts(QStringLiteral(
            R"(^(\d{1,9})\s*/\s*(\d{1,9})(?:\s*\(\s*(\d{1,9})\s*/\s*(\d{1,9})\s*\))?$)"));

    MessageSummary summary;
    bool sawStatus = false;
    const QStringList lines = QString::fromUtf8(body.data(), body.size()).split(QLatin1Char('\n'));
    int number = 0;
    for (QString line : lines) {
        ++number;
        line = line.trimmed(); // also the CR of CRLF
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return fail(QStringLiteral("line %1 of the message summary is not \"name: value\"")
                                .arg(number));
        const QString name = line.left(colon).trimmed().toLower();
        const QString value = line.mid(colon + 1).trimmed();
        if (!sawStatus) {
            // msg-status-line comes first.
            if (name != QLatin1String("messages-waiting"))
                return fail(
                        QStringLiteral("the message summary does not start with Messages-Waiting"));
            if (value.compare(QLatin1String("yes"), Qt::CaseInsensitive) == 0)
                summary.waiting = true;
            else if (value.compare(QLatin1String("no"), Qt::CaseInsensitive) != 0)
                return fail(QStringLiteral("Messages-Waiting is \"%1\", not yes or no")
                                    .arg(value.left(40)));
            sawStatus = true;
            continue;
        }
        if (name == QLatin1String("message-account")) {
            summary.account = value;
            continue;
        }
        if (!isMessageClass(name))
            continue; // opt-msg-headers (To, From, Subject, ...) of the messages
        const QRegularExpressionMatch match = counts.match(value);
        if (!match.hasMatch())
            return fail(QStringLiteral("line %1: \"%2\" is not new/old (urgent new/urgent old)")
                                .arg(number)
                                .arg(value.left(40)));
        if (name == QLatin1String("voice-message")) {
            summary.voice.newMessages = match.captured(1).toInt();
            summary.voice.oldMessages = match.captured(2).toInt();
            summary.voice.newUrgent = match.captured(3).toInt();
            summary.voice.oldUrgent = match.captured(4).toInt();
            summary.hasVoiceCounts = true;
        }
    }
    if (!sawStatus)
        return fail(QStringLiteral("empty message summary (no Messages-Waiting)"));
    return summary;
}

} // namespace Sip
