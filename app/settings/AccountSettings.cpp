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
        return QStringLiteral("account.aor: '%1' is not a sip: or sips: address of record")
                .arg(aor);
    if (!proxy.isEmpty() && !proxy.startsWith(QLatin1String("sip:"), Qt::CaseInsensitive)
        && !proxy.startsWith(QLatin1String("sips:"), Qt::CaseInsensitive))
        return QStringLiteral("account.proxy: '%1' is not a sip: or sips: URI").arg(proxy);
    const QString t = transport.toLower();
    if (t != QLatin1String("udp") && t != QLatin1String("tcp") && t != QLatin1String("tls"))
        return QStringLiteral("account.transport: '%1' is not udp, tcp or tls").arg(transport);
    // Some registrars grant less than a minute; below 10 s a refresh could not keep up.
    if (expires < 10 || expires > 86400)
        return QStringLiteral("account.expires: %1 is outside 10-86400 seconds").arg(expires);
    const QString s = srtp.toLower();
    if (s != QLatin1String("off") && s != QLatin1String("optional")
        && s != QLatin1String("mandatory"))
        return QStringLiteral("account.srtp: '%1' is not off, optional or mandatory").arg(srtp);
    return {};
}

int AccountSettings::srtpPolicy() const
{
    const QString s = srtp.toLower();
    return s == QLatin1String("mandatory") ? 2 : s == QLatin1String("optional") ? 1 : 0;
}

void AccountSettings::load(QSettings &s, const QString &group)
{
    s.beginGroup(group);
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
    srtp = s.value(QStringLiteral("srtp"), QStringLiteral("off")).toString().trimmed();
    s.endGroup();
}

void AccountSettings::save(QSettings &s, const QString &group) const
{
    s.beginGroup(group);
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
    s.setValue(QStringLiteral("srtp"), srtp);
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
