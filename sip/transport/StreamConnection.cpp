// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StreamConnection.h"

#include "ViaRouting.h"

#include <QSslSocket>
#include <QTimer>

using namespace std::chrono_literals;

namespace Sip {

namespace {

QString secondsText(std::chrono::milliseconds d)
{
    return QString::number(static_cast<double>(d.count()) / 1000.0, 'g', 3) + QStringLiteral(" s");
}

} // namespace

StreamConnection::StreamConnection(QTcpSocket *socket, TransportType type, bool outbound,
                                   const Endpoint &remote, Clock &clock,
                                   const TransportSettings &settings, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_clock(clock)
    , m_settings(settings)
    , m_remote(ViaRouting::normalized(remote))
    , m_framer(settings.limits)
    , m_outbound(outbound)
{
    m_remote.transport = type;
    socket->setParent(this);
    m_lastActivity = m_clock.now();
    connect(socket, &QTcpSocket::readyRead, this, &StreamConnection::onReadyRead);
    connect(socket, &QAbstractSocket::errorOccurred, this, &StreamConnection::onSocketError);
    connect(socket, &QAbstractSocket::disconnected, this, &StreamConnection::onDisconnected);
}

StreamConnection::~StreamConnection()
{
    cancelTimers();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

Endpoint StreamConnection::local() const
{
    Endpoint e;
    e.transport = m_remote.transport;
    if (m_socket) {
        e.address = ViaRouting::normalizedAddress(m_socket->localAddress());
        e.port = m_socket->localPort();
    }
    return e;
}

void StreamConnection::cancelTimers()
{
    for (TimerId *id : { &m_pingTimer, &m_pongTimer, &m_idleTimer, &m_connectTimer }) {
        if (*id != TimerId::Invalid)
            m_clock.cancelTimer(*id);
        *id = TimerId::Invalid;
    }
}

void StreamConnection::startConnectTimer()
{
    if (m_settings.connectTimeout <= 0ms)
        return;
    QPointer<StreamConnection> self(this);
    m_connectTimer = m_clock.startTimer(m_settings.connectTimeout, [self] {
        if (!self)
            return;
        self->m_connectTimer = TimerId::Invalid;
        if (!self->m_established)
            self->close(QStringLiteral("connection to %1 not established within %2")
                            .arg(self->m_remote.toString(), secondsText(self->m_settings.connectTimeout)));
    });
}

void StreamConnection::setEstablished()
{
    if (m_established || m_closed)
        return;
    m_established = true;
    if (m_connectTimer != TimerId::Invalid) {
        m_clock.cancelTimer(m_connectTimer);
        m_connectTimer = TimerId::Invalid;
    }
    m_lastActivity = m_clock.now();
    if (m_outbound)
        schedulePing();
    scheduleIdleCheck();
    emit established();
    // Data may have arrived together with the end of the handshake.
    if (!m_closed && m_socket && m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &StreamConnection::onReadyRead, Qt::QueuedConnection);
}

bool StreamConnection::write(const QByteArray &bytes, bool isMessage)
{
    if (m_closed || !m_socket || !m_established)
        return false;
    if (m_socket->bytesToWrite() + bytes.size() > m_settings.maxWriteBufferBytes) {
        close(QStringLiteral("%1 does not read: more than %2 bytes queued")
                  .arg(m_remote.toString())
                  .arg(m_settings.maxWriteBufferBytes));
        return false;
    }
    if (m_socket->write(bytes) != bytes.size()) {
        close(QStringLiteral("write to %1 failed: %2").arg(m_remote.toString(), m_socket->errorString()));
        return false;
    }
    if (isMessage)
        noteActivity();
    return true;
}

void StreamConnection::noteActivity()
{
    m_lastActivity = m_clock.now();
}

void StreamConnection::close(const QString &error)
{
    if (m_closed)
        return;
    m_closed = true;
    cancelTimers();
    const bool wasEstablished = m_established;
    if (m_socket) {
        m_socket->disconnect(this);
        // An orderly close lets queued bytes (a last response) go out: the socket lives on
        // (for a few seconds at most) after this connection is gone. A failure aborts.
        if (error.isEmpty() && m_socket->state() == QAbstractSocket::ConnectedState
            && m_socket->bytesToWrite() > 0) {
            QTcpSocket *socket = m_socket;
            m_socket = nullptr;
            socket->setParent(nullptr);
            connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(5000, socket, &QObject::deleteLater);
            socket->disconnectFromHost();
        } else if (error.isEmpty()) {
            m_socket->disconnectFromHost();
        } else {
            m_socket->abort();
        }
    }
    emit closed(error, wasEstablished);
}

void StreamConnection::onReadyRead()
{
    if (m_closed || !m_socket || !m_established)
        return;
    QPointer<StreamConnection> self(this);
    // Read in bounded chunks and cut messages after each, so the framer's limits bound
    // what is held whatever the peer sends.
    while (self && !m_closed && m_socket && m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->read(64 * 1024);
        if (chunk.isEmpty())
            break;
        m_framer.feed(std::string_view(chunk.constData(), static_cast<size_t>(chunk.size())));
        while (self && !m_closed) {
            auto event = m_framer.next();
            if (!event)
                break;
            switch (event->type) {
            case StreamFramer::EventType::Message:
                noteActivity();
                emit messageReceived(QByteArray(event->bytes.data(), static_cast<qsizetype>(event->bytes.size())));
                break;
            case StreamFramer::EventType::KeepAlivePing:
                // RFC 5626 §4.4.1: answer with a single CRLF. Only a peer that pings
                // keeps an inbound connection from being idle.
                if (!m_outbound)
                    noteActivity();
                write(QByteArrayLiteral("\r\n"), false);
                break;
            case StreamFramer::EventType::KeepAlivePong:
                if (m_pongTimer != TimerId::Invalid) {
                    m_clock.cancelTimer(m_pongTimer);
                    m_pongTimer = TimerId::Invalid;
                    ++m_pongsReceived;
                    schedulePing();
                }
                break;
            case StreamFramer::EventType::Error:
                close(QStringLiteral("framing error from %1: %2")
                          .arg(m_remote.toString(), QString::fromStdString(event->error)));
                return;
            }
        }
    }
}

void StreamConnection::onSocketError()
{
    if (m_closed || !m_socket)
        return;
    if (m_socket->error() == QAbstractSocket::RemoteHostClosedError) {
        // Let disconnected() deliver what was read first.
        onReadyRead();
        if (!m_closed)
            close(QStringLiteral("%1 closed the connection").arg(m_remote.toString()));
        return;
    }
    QString reason = m_failureReason;
    if (reason.isEmpty())
        reason = QStringLiteral("%1 %2: %3")
                     .arg(m_established ? QStringLiteral("connection to") : QStringLiteral("cannot connect to"),
                          m_remote.toString(), m_socket->errorString());
    close(reason);
}

void StreamConnection::onDisconnected()
{
    if (m_closed)
        return;
    onReadyRead();
    if (!m_closed)
        close(QStringLiteral("%1 closed the connection").arg(m_remote.toString()));
}

void StreamConnection::schedulePing()
{
    if (m_settings.keepAliveInterval <= 0ms || m_closed)
        return;
    if (m_pingTimer != TimerId::Invalid)
        m_clock.cancelTimer(m_pingTimer);
    QPointer<StreamConnection> self(this);
    m_pingTimer = m_clock.startTimer(m_settings.keepAliveInterval, [self] {
        if (!self)
            return;
        self->m_pingTimer = TimerId::Invalid;
        self->sendPing();
    });
}

void StreamConnection::sendPing()
{
    if (m_closed)
        return;
    if (!write(QByteArrayLiteral("\r\n\r\n"), false))
        return;
    ++m_pingsSent;
    QPointer<StreamConnection> self(this);
    m_pongTimer = m_clock.startTimer(m_settings.keepAliveTimeout, [self] {
        if (!self)
            return;
        self->m_pongTimer = TimerId::Invalid;
        self->onPongTimeout();
    });
}

void StreamConnection::onPongTimeout()
{
    close(QStringLiteral("no keep-alive pong from %1 within %2")
              .arg(m_remote.toString(), secondsText(m_settings.keepAliveTimeout)));
}

void StreamConnection::scheduleIdleCheck()
{
    if (m_settings.idleTimeout <= 0ms || m_closed)
        return;
    auto due = m_lastActivity + m_settings.idleTimeout - m_clock.now();
    if (due <= 0ms) // only for a persistent connection, which checkIdle() keeps
        due = m_settings.idleTimeout;
    QPointer<StreamConnection> self(this);
    m_idleTimer = m_clock.startTimer(due, [self] {
        if (!self)
            return;
        self->m_idleTimer = TimerId::Invalid;
        self->checkIdle();
    });
}

void StreamConnection::checkIdle()
{
    if (m_closed)
        return;
    if (!m_persistent && m_clock.now() - m_lastActivity >= m_settings.idleTimeout) {
        close();
        return;
    }
    scheduleIdleCheck();
}

} // namespace Sip
