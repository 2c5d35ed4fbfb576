// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TlsOptions.h"

#include <QCryptographicHash>
#include <QFile>

namespace Sip {

namespace Tls {

QByteArray fingerprint(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return certificate.digest(QCryptographicHash::Sha256);
}

QString formatFingerprint(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

QByteArray parseFingerprint(const QByteArray &text)
{
    if (text.size() == 32)
        return text;
    QByteArray hex;
    hex.reserve(64);
    for (char c : text) {
        if (c == ':' || c == ' ' || c == '\t' || c == '-')
            continue;
        const bool isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!isHex)
            return {};
        hex.append(c);
    }
    if (hex.size() != 64)
        return {};
    return QByteArray::fromHex(hex);
}

} // namespace Tls

bool TlsOptions::pin(const QString &serverName, const QByteArray &sha256)
{
    const QByteArray digest = Tls::parseFingerprint(sha256);
    if (digest.isEmpty())
        return false;
    auto &list = pinnedFingerprints[serverName.toLower()];
    if (!list.contains(digest))
        list.append(digest);
    return true;
}

void TlsOptions::unpin(const QString &serverName, const QByteArray &sha256)
{
    const QString key = serverName.toLower();
    auto it = pinnedFingerprints.find(key);
    if (it == pinnedFingerprints.end())
        return;
    it->removeAll(Tls::parseFingerprint(sha256));
    if (it->isEmpty())
        pinnedFingerprints.erase(it);
}

bool TlsOptions::isPinned(const QString &serverName, const QSslCertificate &certificate) const
{
    if (certificate.isNull())
        return false;
    const auto it = pinnedFingerprints.constFind(serverName.toLower());
    return it != pinnedFingerprints.cend() && it->contains(Tls::fingerprint(certificate));
}

QList<QSslCertificate> TlsOptions::loadCertificates(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return {};
    }
    const QByteArray data = file.readAll();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    if (certificates.isEmpty() && error)
        *error = QStringLiteral("%1 holds no PEM or DER certificate").arg(path);
    return certificates;
}

QString TlsVerificationFailure::toString() const
{
    QString text = QStringLiteral("TLS certificate of %1 not trusted: %2")
                       .arg(serverName, errors.isEmpty() ? QStringLiteral("verification failed")
                                                         : errors.join(QStringLiteral("; ")));
    if (!fingerprint.isEmpty())
        text += QStringLiteral("; SHA-256 fingerprint %1").arg(Tls::formatFingerprint(fingerprint));
    return text;
}

} // namespace Sip
