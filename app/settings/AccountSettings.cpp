// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountSettings.h"

#include "ListenAddress.h"

#include <QRegularExpression>

namespace App {

QString AccountSettings::validate() const
{
    static const QRegularExpression aorPattern(QStringLiteral("^sips?:[^@\\s]+@[^@\\s]+$"),
                                               QRegularExpression::CaseInsensitiveOption);
    if (aor.isEmpty())
        return QStringLiteral("account.aor: missing (for example sip:alice@example.com)");
    if (!aorPattern.match(aor).hasMatch())
        return QStringLiteral("account.aor: '%1' is not a sip: or sips: address of record").arg(aor);
    if (!proxy.isEmpty() && !proxy.startsWith(QLatin1String("sip:"), Qt::CaseInsensitive)
        && !proxy.startsWith(QLatin1String("sips:"), Qt::CaseInsensitive))
        return QStringLiteral("account.proxy: '%1' is not a sip: or sips: URI").arg(proxy);
    const QString t = transport.toLower();
    if (t != QLatin1String("udp") && t != QLatin1String("tcp") && t != QLatin1String("tls"))
        return QStringLiteral("account.transport: '%1' is not udp, tcp or tls").arg(transport);
    // Some registrars grant less than a minute; below 10 s a refresh could not keep up.
    if (expires < 10 || expires > 86400)
        return QStringLiteral("account.expires: %1 is outside 10-86400 seconds").arg(expires);
    return {};
}

void AccountSettings::load(QSettings &s)
{
    s.beginGroup(QStringLiteral("account"));
    aor = s.value(QStringLiteral("aor")).toString().trimmed();
    authUser = s.value(QStringLiteral("auth_user")).toString().trimmed();
    displayName = s.value(QStringLiteral("display_name")).toString();
    proxy = s.value(QStringLiteral("proxy")).toString().trimmed();
    transport = s.value(QStringLiteral("transport"), QStringLiteral("udp")).toString().trimmed();
    registerEnabled = s.value(QStringLiteral("register"), true).toBool();
    bool ok = true;
    expires = s.value(QStringLiteral("expires"), 600).toInt(&ok);
    if (!ok)
        expires = -1; // reported by validate()
    tlsCaFile = s.value(QStringLiteral("tls_ca")).toString();
    acceptedCertificate = s.value(QStringLiteral("accepted_certificate")).toString();
    passwordEnv = s.value(QStringLiteral("password_env")).toString();
    s.endGroup();
}

void AccountSettings::save(QSettings &s) const
{
    s.beginGroup(QStringLiteral("account"));
    s.setValue(QStringLiteral("aor"), aor);
    s.setValue(QStringLiteral("auth_user"), authUser);
    s.setValue(QStringLiteral("display_name"), displayName);
    s.setValue(QStringLiteral("proxy"), proxy);
    s.setValue(QStringLiteral("transport"), transport);
    s.setValue(QStringLiteral("register"), registerEnabled);
    s.setValue(QStringLiteral("expires"), expires);
    s.setValue(QStringLiteral("tls_ca"), tlsCaFile);
    s.setValue(QStringLiteral("accepted_certificate"), acceptedCertificate);
    s.setValue(QStringLiteral("password_env"), passwordEnv);
    s.endGroup();
}

QString NetworkSettings::validate() const
{
    for (const QString &spec : listen) {
        QString error;
        if (!ListenAddress::parse(spec, &error))
            return QStringLiteral("network.listen: ") + error;
    }
    return {};
}

void NetworkSettings::load(QSettings &s)
{
    s.beginGroup(QStringLiteral("network"));
    listen = s.value(QStringLiteral("listen")).toStringList();
    s.endGroup();
}

void NetworkSettings::save(QSettings &s) const
{
    s.beginGroup(QStringLiteral("network"));
    s.setValue(QStringLiteral("listen"), listen);
    s.endGroup();
}

} // namespace App
