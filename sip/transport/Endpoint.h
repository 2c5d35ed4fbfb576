// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>

#include <string_view>

namespace Sip {

enum class TransportType : quint8 { Udp, Tcp, Tls };

// RFC 3261 §17: retransmissions happen only over unreliable transports.
constexpr bool isReliable(TransportType t)
{
    return t != TransportType::Udp;
}

// The Via transport token ("UDP", "TCP", "TLS").
std::string_view transportName(TransportType t);

/// Where a message goes to or comes from: transport, address and port. For TLS,
/// `serverName` is the name the peer's certificate must match.
struct Endpoint
{
    TransportType transport = TransportType::Udp;
    QHostAddress address;
    quint16 port = 0;
    QString serverName;

    bool isNull() const { return address.isNull() || port == 0; }
    QString toString() const; // e.g. "udp:127.0.0.1:5060", "tcp:[::1]:5060"

    friend bool operator==(const Endpoint &a, const Endpoint &b)
    {
        return a.transport == b.transport && a.address == b.address && a.port == b.port;
    }
};

size_t qHash(const Endpoint &endpoint, size_t seed = 0) noexcept;

} // namespace Sip
