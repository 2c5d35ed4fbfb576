// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/SipUriNormalizer.h"

namespace App {

QString SipUriNormalizer::normalize(const QString &input)
{
    QString uri = input.trimmed();
    // Name-addr form: keep what is between the angle brackets.
    const qsizetype open = uri.indexOf(QLatin1Char('<'));
    if (open >= 0) {
        const qsizetype close = uri.indexOf(QLatin1Char('>'), open + 1);
        uri = uri.mid(open + 1, close < 0 ? -1 : close - open - 1).trimmed();
    }
    if (uri.isEmpty())
        return {};

    qsizetype colon = uri.indexOf(QLatin1Char(':'));
    const qsizetype at = uri.indexOf(QLatin1Char('@'));
    // "bob@example.com:5060" has a colon but no scheme: the colon comes after the '@'.
    const bool hasScheme
            = colon > 0 && (at < 0 || colon < at) && !uri.left(colon).contains(QLatin1Char(';'));
    if (!hasScheme) {
        uri.prepend(QLatin1String("sip:"));
        colon = 3;
    }
    const QString scheme = uri.left(colon).toLower();
    QString rest = uri.mid(colon + 1);
    if (scheme == QLatin1String("sip") || scheme == QLatin1String("sips")) {
        // host[:port] runs from after the userinfo's '@' (or the start) to the first ';'
        // or '?'. The user part may contain ';' (telephone-subscriber) but not a raw '@'.
        const qsizetype userEnd = rest.indexOf(QLatin1Char('@'));
        const qsizetype hostStart = userEnd < 0 ? 0 : userEnd + 1;
        qsizetype hostEnd = rest.size();
        for (qsizetype i = hostStart; i < rest.size(); ++i) {
            if (rest.at(i) == QLatin1Char(';') || rest.at(i) == QLatin1Char('?')) {
                hostEnd = i;
                break;
            }
        }
        rest = rest.left(hostStart) + rest.mid(hostStart, hostEnd - hostStart).toLower()
                + rest.mid(hostEnd);
    }
    return scheme + QLatin1Char(':') + rest;
}

} // namespace App
