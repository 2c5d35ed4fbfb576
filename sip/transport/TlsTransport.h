// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TcpTransport.h"
#include "TlsOptions.h"

#include <QSslConfiguration>

#include <optional>

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
    // No options: the defaults, made on first use (see tlsOptions()).
    TlsTransport(Clock &clock, const TransportSettings &settings,
                 std::optional<TlsOptions> options, QObject *parent = nullptr);
    ~TlsTransport() override;

    TransportType type() const override { return TransportType::Tls; }

    void setTlsOptions(const TlsOptions &options);
    const TlsOptions &tlsOptions() const;

signals:
    void tlsVerificationFailed(const Sip::Endpoint &remote, const Sip::TlsVerificationFailure &failure);

protected:
    QTcpSocket *createSocket() override;
    bool prepareListen(QString *error) override;
    void startOutbound(QTcpSocket *socket, StreamConnection *connection, const Endpoint &remote) override;
    void startInbound(QTcpSocket *socket, StreamConnection *connection) override;

private:
    void buildConfigurations();

    // Lazy, like the configurations: anything holding a QSslCertificate, QSslKey or
    // QSslConfiguration loads the TLS backend (OpenSSL, the system CA store: ~7 MB of
    // memory), which a process that never speaks TLS should not pay for.
    mutable std::optional<TlsOptions> m_options;
    std::optional<QSslConfiguration> m_clientConfiguration; // with the server one: built
    std::optional<QSslConfiguration> m_serverConfiguration; // by buildConfigurations()
};

} // namespace Sip
