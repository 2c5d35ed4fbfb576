// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Endpoint.h"
#include "StreamConnection.h"
#include "TransportSettings.h"

#include <QHash>
#include <QObject>
#include <QTcpServer>

#include <memory>

namespace Sip {

class Clock;

/// A TCP listener plus the connections of that transport: the inbound ones it accepted
/// and the outbound ones opened from its address. Connections are found by remote
/// endpoint, so one connection carries every message to or from a peer (RFC 3261
/// §18.2.2, RFC 5923 style reuse). TlsTransport adds TLS on top.
class TcpTransport : public QObject
{
    Q_OBJECT
public:
    TcpTransport(Clock &clock, const TransportSettings &settings, QObject *parent = nullptr);
    ~TcpTransport() override;

    virtual TransportType type() const { return TransportType::Tcp; }

    // Listens on `address` (QHostAddress::Any: dual stack) and `port` (0: ephemeral).
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    // No listener: only outbound connections, from `address` (wildcard: any).
    bool setClientOnly(const QHostAddress &address, QString *error = nullptr);
    Endpoint localEndpoint() const;
    bool canReach(const QHostAddress &peer) const;
    bool isSingleFamily() const;

    void setSettings(const TransportSettings &settings) { m_settings = settings; }

    // The open (or opening) connection with `remote` (transport, address, port).
    StreamConnection *findConnection(const Endpoint &remote) const;
    // Starts an outbound connection; it queues nothing itself (see StreamConnection).
    // Null when the socket could not even be started (error set).
    StreamConnection *openConnection(const Endpoint &remote, QString *error = nullptr);
    QList<StreamConnection *> connections() const { return m_connections.values(); }
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    void closeAll();

signals:
    // A new connection (inbound accepted, or outbound started). Emitted before it is
    // established; connect to its signals here.
    void connectionAdded(Sip::StreamConnection *connection);

protected:
    virtual QTcpSocket *createSocket();
    virtual bool prepareListen(QString *error);
    // Starts the connect (TCP) or connect + handshake (TLS); `connection` is set
    // established when done.
    virtual void startOutbound(QTcpSocket *socket, StreamConnection *connection, const Endpoint &remote);
    // An accepted socket: established at once for TCP; TLS starts the server handshake.
    virtual void startInbound(QTcpSocket *socket, StreamConnection *connection);

    Clock &m_clock;
    TransportSettings m_settings;

private:
    class Listener;
    void accept(qintptr descriptor);
    StreamConnection *adopt(QTcpSocket *socket, bool outbound, const Endpoint &remote);

    std::unique_ptr<Listener> m_listener;
    QHostAddress m_listenAddress;
    QHash<Endpoint, StreamConnection *> m_connections;
};

} // namespace Sip
