// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QSslKey>
#include <QString>
#include <QStringList>

namespace Sip {

/// TLS configuration of a TransportManager.
///
/// Client side: the peer certificate is verified (chain and host name, against
/// Endpoint::serverName, or the address when that is empty) with the system CAs plus
/// `caCertificates`. A certificate whose SHA-256 fingerprint is pinned for the server
/// name is accepted even when verification fails ("accept this certificate").
/// Server side (a TLS listener): `localCertificate` + `privateKey` are required.
struct TlsOptions
{
    bool useSystemCaCertificates = true;
    QList<QSslCertificate> caCertificates; // extra trust anchors (--tls-ca FILE)

    QSslCertificate localCertificate; // for TLS listeners; also sent as client certificate
    QSslKey privateKey;
    QList<QSslCertificate> localCertificateChain; // intermediates, optional

    // Lower-case server name → accepted SHA-256 digests (raw 32 bytes).
    QHash<QString, QList<QByteArray>> pinnedFingerprints;

    // Pins `sha256` (raw 32 bytes, or hex with or without ':' separators) for the name.
    // Returns false when the fingerprint is not a SHA-256 digest.
    bool pin(const QString &serverName, const QByteArray &sha256);
    void unpin(const QString &serverName, const QByteArray &sha256);
    bool isPinned(const QString &serverName, const QSslCertificate &certificate) const;

    // Loads PEM (or DER) certificates from a file, e.g. for --tls-ca.
    static QList<QSslCertificate> loadCertificates(const QString &path, QString *error = nullptr);
};

namespace Tls {

// SHA-256 digest of the DER encoding of the certificate (raw 32 bytes).
QByteArray fingerprint(const QSslCertificate &certificate);
// "AB:CD:..." upper-case hex with colons, as browsers and `openssl x509 -fingerprint` show it.
QString formatFingerprint(const QByteArray &sha256);
// Raw 32 bytes from raw bytes or hex (colons, spaces allowed); empty when invalid.
QByteArray parseFingerprint(const QByteArray &text);

} // namespace Tls

/// Why a TLS peer was not accepted: what the UI needs to ask "accept this certificate?".
struct TlsVerificationFailure
{
    QString serverName;
    QSslCertificate certificate; // the peer's leaf certificate (may be null)
    QByteArray fingerprint; // SHA-256, raw
    QStringList errors; // QSslError::errorString() of each verification error

    // "TLS certificate of sip.example.com not trusted: <errors>; SHA-256 fingerprint AB:..."
    QString toString() const;
};

} // namespace Sip
