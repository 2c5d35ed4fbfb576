// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Endpoint.h"

#include <QHash>

namespace Sip {

std::string_view transportName(TransportType t)
{
    switch (t) {
    case TransportType::Udp:
        return "UDP";
    case TransportType::Tcp:
        return "TCP";
    case TransportType::Tls:
        return "TLS";
    }
    return "UDP";
}

QString Endpoint::toString() const
{
    const QString scheme = QString::fromLatin1(transportName(transport).data()).toLower();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return scheme + QLatin1Char(':') + host + QLatin1Char(':') + QString::number(port);
}

size_t qHash(const Endpoint &endpoint, size_t seed) noexcept
{
    return qHashMulti(seed, static_cast<int>(endpoint.transport), endpoint.address, endpoint.port);
}

} // namespace Sip
