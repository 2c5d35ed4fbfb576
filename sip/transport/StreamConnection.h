// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Endpoint.h"
#include "TransportSettings.h"
#include "core/Clock.h"
#include "message/StreamFramer.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <string>

namespace Sip {

/// One TCP or TLS connection: the socket, its StreamFramer, the RFC 5626 CRLF
/// keep-alive (pings on connections this side opened, pongs for the peer's pings), the
/// connect timeout and the idle timeout. Owned by a TcpTransport.
///
/// Messages to send are written by the owner once established() has been emitted (see
/// isEstablished()); until then it queues them itself.
class StreamConnection : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of `socket`. For an inbound connection the socket is connected
    // (and for TLS encrypted) already; an outbound one is started with start().
    StreamConnection(QTcpSocket *socket, TransportType type, bool outbound, const Endpoint &remote,
                     Clock &clock, const TransportSettings &settings, QObject *parent = nullptr);
    ~StreamConnection() override;

    TransportType type() const { return m_remote.transport; }
    bool isOutbound() const { return m_outbound; }
    bool isEstablished() const { return m_established; }
    bool isClosed() const { return m_closed; }
    // The peer, and this side of the connection (known once established).
    const Endpoint &remote() const { return m_remote; }
    Endpoint local() const;
    QTcpSocket *socket() const { return m_socket; }

    // Outbound only: arms the connect timeout (the caller has started connecting).
    void startConnectTimer();
    // Marks the connection established (connected, and for TLS encrypted) and starts the
    // keep-alive. Called by the transport.
    void setEstablished();

    // Writes bytes (a message, or a keep-alive). False when the connection is closed or
    // the peer does not read fast enough (the connection is closed then).
    bool write(const QByteArray &bytes, bool isMessage = true);

    // Closes the connection. `error` empty: an orderly close by this side (no
    // connectionLost); otherwise the reason it failed.
    void close(const QString &error = QString());

    // A persistent connection is never closed for being idle.
    void setPersistent(bool persistent) { m_persistent = persistent; }
    bool isPersistent() const { return m_persistent; }
    // A more precise reason (e.g. TLS verification failure) used when the socket fails.
    void setFailureReason(const QString &reason) { m_failureReason = reason; }

    int pingsSent() const { return m_pingsSent; }
    int pongsReceived() const { return m_pongsReceived; }

signals:
    void established();
    // One framed message, to be parsed with Framing::Stream.
    void messageReceived(const QByteArray &bytes);
    // The connection is gone. `error` is empty for an orderly close by this side.
    // `wasEstablished` tells whether it ever got connected.
    void closed(const QString &error, bool wasEstablished);

private:
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void schedulePing();
    void sendPing();
    void onPongTimeout();
    void scheduleIdleCheck();
    void checkIdle();
    void noteActivity();
    void cancelTimers();

    QPointer<QTcpSocket> m_socket;
    Clock &m_clock;
    TransportSettings m_settings;
    Endpoint m_remote;
    StreamFramer m_framer;
    QString m_failureReason;
    Clock::TimePoint m_lastActivity {};
    TimerId m_pingTimer = TimerId::Invalid;
    TimerId m_pongTimer = TimerId::Invalid;
    TimerId m_idleTimer = TimerId::Invalid;
    TimerId m_connectTimer = TimerId::Invalid;
    int m_pingsSent = 0;
    int m_pongsReceived = 0;
    bool m_outbound = false;
    bool m_established = false;
    bool m_closed = false;
    bool m_persistent = false;
};

} // namespace Sip
