// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ListenAddress.h"

namespace App {

std::optional<ListenAddress> ListenAddress::parse(const QString &spec, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<ListenAddress> {
        if (error)
            *error = QStringLiteral("'%1': %2").arg(spec, why);
        return std::nullopt;
    };
    const qsizetype firstColon = spec.indexOf(QLatin1Char(':'));
    const qsizetype lastColon = spec.lastIndexOf(QLatin1Char(':'));
    if (firstColon <= 0 || lastColon == firstColon)
        return fail(QStringLiteral("expected TRANSPORT:ADDRESS:PORT"));
    ListenAddress out;
    out.transport = spec.left(firstColon).toLower();
    if (out.transport != QLatin1String("udp") && out.transport != QLatin1String("tcp")
        && out.transport != QLatin1String("tls"))
        return fail(QStringLiteral("transport must be udp, tcp or tls"));
    QString host = spec.mid(firstColon + 1, lastColon - firstColon - 1);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (!out.address.setAddress(host))
        return fail(QStringLiteral("'%1' is not an IP address").arg(host));
    bool ok = false;
    const uint port = spec.mid(lastColon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return fail(QStringLiteral("port must be 0-65535"));
    out.port = static_cast<quint16>(port);
    return out;
}

} // namespace App
