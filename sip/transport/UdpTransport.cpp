// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "UdpTransport.h"

#include "ViaRouting.h"

#include <QNetworkDatagram>
#include <QNetworkInterface>

namespace Sip {

namespace {

bool isWildcard(const QHostAddress &a)
{
    return a == QHostAddress(QHostAddress::Any) || a == QHostAddress(QHostAddress::AnyIPv4)
        || a == QHostAddress(QHostAddress::AnyIPv6);
}

} // namespace

UdpTransport::UdpTransport(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QUdpSocket::readyRead, this, &UdpTransport::readPending);
}

UdpTransport::~UdpTransport() = default;

bool UdpTransport::bind(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_socket.bind(address, port, QAbstractSocket::DontShareAddress)) {
        if (error)
            *error = m_socket.errorString();
        return false;
    }
    m_boundAddress = address;
    return true;
}

Endpoint UdpTransport::localEndpoint() const
{
    Endpoint e;
    e.transport = TransportType::Udp;
    e.address = m_boundAddress;
    e.port = m_socket.localPort();
    return e;
}

bool UdpTransport::canReach(const QHostAddress &peer) const
{
    const QHostAddress p = ViaRouting::normalizedAddress(peer);
    if (m_boundAddress == QHostAddress(QHostAddress::Any))
        return true;
    if (m_boundAddress == QHostAddress(QHostAddress::AnyIPv4))
        return p.protocol() == QAbstractSocket::IPv4Protocol;
    if (m_boundAddress == QHostAddress(QHostAddress::AnyIPv6))
        return p.protocol() == QAbstractSocket::IPv6Protocol;
    return p.protocol() == m_boundAddress.protocol();
}

bool UdpTransport::isSingleFamily() const
{
    return m_boundAddress != QHostAddress(QHostAddress::Any);
}

QHostAddress UdpTransport::sourceAddressFor(const QHostAddress &destination) const
{
    if (!isWildcard(m_boundAddress))
        return m_boundAddress;
    const QHostAddress dest = ViaRouting::normalizedAddress(destination);
    // A connected UDP socket sends nothing; connecting only asks the kernel for the route
    // and so the source address it would use.
    QUdpSocket probe;
    probe.connectToHost(dest, 9);
    if (probe.state() == QAbstractSocket::ConnectedState) {
        const QHostAddress local = ViaRouting::normalizedAddress(probe.localAddress());
        if (!local.isNull() && !isWildcard(local))
            return local;
    }
    // No route known: the first address of the right family, loopback for loopback.
    if (dest.isLoopback())
        return dest.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(QHostAddress::LocalHostIPv6)
                                                                : QHostAddress(QHostAddress::LocalHost);
    for (const QHostAddress &a : QNetworkInterface::allAddresses()) {
        if (!a.isLoopback() && a.protocol() == dest.protocol() && !a.isLinkLocal())
            return a;
    }
    return dest.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(QHostAddress::LocalHostIPv6)
                                                            : QHostAddress(QHostAddress::LocalHost);
}

bool UdpTransport::sendDatagram(const QByteArray &bytes, const QHostAddress &address, quint16 port,
                                QString *error)
{
    const qint64 written = m_socket.writeDatagram(bytes, address, port);
    if (written != bytes.size()) {
        if (error)
            *error = m_socket.errorString();
        return false;
    }
    return true;
}

void UdpTransport::readPending()
{
    const Endpoint bound = localEndpoint();
    // Bounded per wake-up, so a flood cannot starve the event loop; readyRead fires again
    // for what is left.
    for (int i = 0; i < 256 && m_socket.hasPendingDatagrams(); ++i) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram(65536);
        if (!datagram.isValid() || datagram.senderPort() <= 0)
            continue;
        Endpoint source;
        source.transport = TransportType::Udp;
        source.address = ViaRouting::normalizedAddress(datagram.senderAddress());
        source.port = static_cast<quint16>(datagram.senderPort());
        Endpoint local = bound;
        if (!datagram.destinationAddress().isNull())
            local.address = ViaRouting::normalizedAddress(datagram.destinationAddress());
        emit datagramReceived(datagram.data(), source, local);
    }
}

} // namespace Sip
