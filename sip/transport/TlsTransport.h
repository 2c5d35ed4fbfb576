// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TcpTransport.h"
#include "TlsOptions.h"

#include <QSslConfiguration>

namespace Sip {

/// TCP with TLS (QSslSocket). Outbound connections verify the server: system CAs (unless
/// disabled) plus TlsOptions::caCertificates, host name against Endpoint::serverName
/// (else the address), the name also sent as SNI. A certificate pinned for that name is
/// accepted whatever the verification says. A failure is reported with the certificate's
/// SHA-256 fingerprint and the verification errors (tlsVerificationFailed and the
/// connection's close reason). A listener needs TlsOptions::localCertificate/privateKey.
class TlsTransport : public TcpTransport
{
    Q_OBJECT
public:
    TlsTransport(Clock &clock, const TransportSettings &settings, const TlsOptions &options,
                 QObject *parent = nullptr);
    ~TlsTransport() override;

    TransportType type() const override { return TransportType::Tls; }

    void setTlsOptions(const TlsOptions &options);
    const TlsOptions &tlsOptions() const { return m_options; }

signals:
    void tlsVerificationFailed(const Sip::Endpoint &remote, const Sip::TlsVerificationFailure &failure);

protected:
    QTcpSocket *createSocket() override;
    bool prepareListen(QString *error) override;
    void startOutbound(QTcpSocket *socket, StreamConnection *connection, const Endpoint &remote) override;
    void startInbound(QTcpSocket *socket, StreamConnection *connection) override;

private:
    void rebuildConfigurations();

    TlsOptions m_options;
    QSslConfiguration m_clientConfiguration;
    QSslConfiguration m_serverConfiguration;
};

} // namespace Sip
