// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TcpTransport.h"

#include "ViaRouting.h"
#include "core/Clock.h"

namespace Sip {

class TcpTransport::Listener : public QTcpServer
{
public:
    explicit Listener(TcpTransport *owner)
        : m_owner(owner)
    {
    }

protected:
    // Sockets are made by the transport (QSslSocket for TLS); Qt's pending-connection
    // queue is not used.
    void incomingConnection(qintptr descriptor) override { m_owner->accept(descriptor); }

private:
    TcpTransport *m_owner;
};

TcpTransport::TcpTransport(Clock &clock, const TransportSettings &settings, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_settings(settings)
{
}

TcpTransport::~TcpTransport()
{
    // Connections are children; make sure none reports into a half-destroyed owner.
    for (StreamConnection *c : std::as_const(m_connections))
        c->disconnect(this);
}

bool TcpTransport::prepareListen(QString *)
{
    return true;
}

bool TcpTransport::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!prepareListen(error))
        return false;
    auto listener = std::make_unique<Listener>(this);
    if (!listener->listen(address, port)) {
        if (error)
            *error = listener->errorString();
        return false;
    }
    m_listener = std::move(listener);
    m_listenAddress = address;
    return true;
}

bool TcpTransport::setClientOnly(const QHostAddress &address, QString *)
{
    m_listener.reset();
    m_listenAddress = address;
    return true;
}

Endpoint TcpTransport::localEndpoint() const
{
    Endpoint e;
    e.transport = type();
    e.address = m_listenAddress;
    e.port = m_listener ? m_listener->serverPort() : 0;
    return e;
}

bool TcpTransport::canReach(const QHostAddress &peer) const
{
    const QHostAddress p = ViaRouting::normalizedAddress(peer);
    if (m_listenAddress == QHostAddress(QHostAddress::Any))
        return true;
    if (m_listenAddress == QHostAddress(QHostAddress::AnyIPv4))
        return p.protocol() == QAbstractSocket::IPv4Protocol;
    if (m_listenAddress == QHostAddress(QHostAddress::AnyIPv6))
        return p.protocol() == QAbstractSocket::IPv6Protocol;
    return p.protocol() == m_listenAddress.protocol();
}

bool TcpTransport::isSingleFamily() const
{
    return m_listenAddress != QHostAddress(QHostAddress::Any);
}

StreamConnection *TcpTransport::findConnection(const Endpoint &remote) const
{
    Endpoint key = ViaRouting::normalized(remote);
    key.transport = type();
    StreamConnection *c = m_connections.value(key);
    return c && !c->isClosed() ? c : nullptr;
}

QTcpSocket *TcpTransport::createSocket()
{
    return new QTcpSocket;
}

StreamConnection *TcpTransport::adopt(QTcpSocket *socket, bool outbound, const Endpoint &remote)
{
    auto *connection = new StreamConnection(socket, type(), outbound, remote, m_clock, m_settings, this);
    const Endpoint key = connection->remote();
    if (StreamConnection *old = m_connections.value(key))
        old->close(); // a stale entry for the same 4-tuple
    m_connections.insert(key, connection);
    connect(connection, &StreamConnection::closed, this, [this, connection] {
        const Endpoint k = connection->remote();
        if (m_connections.value(k) == connection)
            m_connections.remove(k);
        connection->deleteLater();
    });
    emit connectionAdded(connection);
    return connection;
}

StreamConnection *TcpTransport::openConnection(const Endpoint &remote, QString *error)
{
    if (m_connections.size() >= m_settings.maxConnections) {
        if (error)
            *error = QStringLiteral("too many open connections (%1)").arg(m_settings.maxConnections);
        return nullptr;
    }
    QTcpSocket *socket = createSocket();
    const bool wildcard = m_listenAddress.isNull() || m_listenAddress == QHostAddress(QHostAddress::Any)
        || m_listenAddress == QHostAddress(QHostAddress::AnyIPv4)
        || m_listenAddress == QHostAddress(QHostAddress::AnyIPv6);
    // Outbound connections leave from the listener's address when it has a specific one.
    if (!wildcard && !socket->bind(m_listenAddress, 0)) {
        if (error)
            *error = QStringLiteral("cannot bind to %1: %2").arg(m_listenAddress.toString(), socket->errorString());
        delete socket;
        return nullptr;
    }
    Endpoint key = ViaRouting::normalized(remote);
    key.transport = type();
    StreamConnection *connection = adopt(socket, true, key);
    connection->startConnectTimer();
    startOutbound(socket, connection, key);
    return connection;
}

void TcpTransport::startOutbound(QTcpSocket *socket, StreamConnection *connection, const Endpoint &remote)
{
    connect(socket, &QTcpSocket::connected, connection, &StreamConnection::setEstablished);
    socket->connectToHost(remote.address, remote.port);
}

void TcpTransport::startInbound(QTcpSocket *, StreamConnection *connection)
{
    connection->setEstablished();
}

void TcpTransport::accept(qintptr descriptor)
{
    QTcpSocket *socket = createSocket();
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_connections.size() >= m_settings.maxConnections) {
        socket->abort();
        delete socket;
        return;
    }
    Endpoint remote;
    remote.transport = type();
    remote.address = ViaRouting::normalizedAddress(socket->peerAddress());
    remote.port = socket->peerPort();
    StreamConnection *connection = adopt(socket, false, remote);
    startInbound(socket, connection);
}

void TcpTransport::closeAll()
{
    const auto all = m_connections.values();
    for (StreamConnection *c : all)
        c->close();
}

} // namespace Sip
