// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Endpoint.h"

#include <QObject>
#include <QUdpSocket>

namespace Sip {

/// One bound UDP socket. Datagrams are read in the owning thread's event loop and
/// handed out raw; parsing is TransportManager's job.
class UdpTransport : public QObject
{
    Q_OBJECT
public:
    explicit UdpTransport(QObject *parent = nullptr);
    ~UdpTransport() override;

    // Binds to `address` (QHostAddress::Any: dual stack; AnyIPv4 / AnyIPv6; or one
    // address) and `port` (0: ephemeral).
    bool bind(const QHostAddress &address, quint16 port, QString *error = nullptr);

    // The bound address and port (the address may be a wildcard).
    Endpoint localEndpoint() const;
    // Whether this socket can send to (and receive from) the address family of `peer`.
    bool canReach(const QHostAddress &peer) const;
    // True when bound to one family only (preferred over a dual-stack socket).
    bool isSingleFamily() const;

    // The source address the system picks for datagrams to `destination` from this
    // socket: the bound address, or for a wildcard bind the route's source address.
    QHostAddress sourceAddressFor(const QHostAddress &destination) const;

    bool sendDatagram(const QByteArray &bytes, const QHostAddress &address, quint16 port,
                      QString *error = nullptr);

signals:
    void datagramReceived(const QByteArray &bytes, const Sip::Endpoint &source, const Sip::Endpoint &local);

private:
    void readPending();

    QUdpSocket m_socket;
    QHostAddress m_boundAddress;
};

} // namespace Sip
