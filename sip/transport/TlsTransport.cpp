// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TlsTransport.h"

#include <QSslSocket>

namespace Sip {

TlsTransport::TlsTransport(Clock &clock, const TransportSettings &settings,
                           std::optional<TlsOptions> options, QObject *parent)
    : TcpTransport(clock, settings, parent)
    , m_options(std::move(options))
{
}

TlsTransport::~TlsTransport() = default;

const TlsOptions &TlsTransport::tlsOptions() const
{
    // Default options hold a null QSslCertificate and QSslKey, and constructing those
    // loads the TLS backend: made only when asked for.
    if (!m_options)
        m_options.emplace();
    return *m_options;
}

void TlsTransport::setTlsOptions(const TlsOptions &options)
{
    m_options = options;
    m_clientConfiguration.reset();
    m_serverConfiguration.reset();
}

void TlsTransport::buildConfigurations()
{
    // Built on first use, not at construction: the system CA store (a few hundred parsed
    // certificates) and the TLS backend (OpenSSL) cost megabytes of memory that a
    // process which never makes a TLS connection should not pay.
    if (m_clientConfiguration)
        return;
    const TlsOptions &options = tlsOptions();
    QList<QSslCertificate> cas;
    if (options.useSystemCaCertificates)
        cas = QSslConfiguration::systemCaCertificates();
    cas += options.caCertificates;

    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    client.setProtocol(QSsl::TlsV1_2OrLater);
    // An explicit list: adding to the default one would turn off Qt's on-demand loading
    // of the system roots, so they are listed here in full.
    client.setCaCertificates(cas);
    client.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!options.localCertificate.isNull() && !options.privateKey.isNull()) {
        client.setLocalCertificateChain(QList<QSslCertificate> { options.localCertificate }
                                        + options.localCertificateChain);
        client.setPrivateKey(options.privateKey);
    }
    m_clientConfiguration = client;

    QSslConfiguration server = QSslConfiguration::defaultConfiguration();
    server.setProtocol(QSsl::TlsV1_2OrLater);
    server.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!options.localCertificate.isNull()) {
        server.setLocalCertificateChain(QList<QSslCertificate> { options.localCertificate }
                                        + options.localCertificateChain);
        server.setPrivateKey(options.privateKey);
    }
    m_serverConfiguration = server;
}

QTcpSocket *TlsTransport::createSocket()
{
    return new QSslSocket;
}

bool TlsTransport::prepareListen(QString *error)
{
    if (!QSslSocket::supportsSsl()) {
        if (error)
            *error = QStringLiteral("TLS is not available (no TLS backend)");
        return false;
    }
    if (tlsOptions().localCertificate.isNull() || tlsOptions().privateKey.isNull()) {
        if (error)
            *error = QStringLiteral("a TLS listener needs a certificate and a private key");
        return false;
    }
    return true;
}

void TlsTransport::startOutbound(QTcpSocket *socket, StreamConnection *connection, const Endpoint &remote)
{
    auto *ssl = static_cast<QSslSocket *>(socket);
    const QString name = remote.serverName.isEmpty() ? remote.address.toString() : remote.serverName;
    buildConfigurations();
    ssl->setSslConfiguration(*m_clientConfiguration);
    ssl->setPeerVerifyName(name);
    connect(ssl, &QSslSocket::encrypted, connection, &StreamConnection::setEstablished);
    connect(ssl, &QSslSocket::sslErrors, connection, [this, ssl, connection, remote, name](const QList<QSslError> &errors) {
        const QSslCertificate certificate = ssl->peerCertificate();
        if (tlsOptions().isPinned(name, certificate)) {
            ssl->ignoreSslErrors(); // the user accepted exactly this certificate
            return;
        }
        TlsVerificationFailure failure;
        failure.serverName = name;
        failure.certificate = certificate;
        failure.fingerprint = Tls::fingerprint(certificate);
        for (const QSslError &e : errors)
            failure.errors.append(e.errorString());
        connection->setFailureReason(failure.toString() + QStringLiteral(" (%1)").arg(remote.toString()));
        emit tlsVerificationFailed(remote, failure);
    });
    if (!QSslSocket::supportsSsl()) {
        connection->setFailureReason(QStringLiteral("TLS is not available (no TLS backend)"));
    }
    ssl->connectToHostEncrypted(remote.address.toString(), remote.port, name);
}

void TlsTransport::startInbound(QTcpSocket *socket, StreamConnection *connection)
{
    auto *ssl = static_cast<QSslSocket *>(socket);
    buildConfigurations();
    ssl->setSslConfiguration(*m_serverConfiguration);
    connect(ssl, &QSslSocket::encrypted, connection, &StreamConnection::setEstablished);
    connection->startConnectTimer(); // bounds the handshake
    ssl->startServerEncryption();
}

} // namespace Sip
