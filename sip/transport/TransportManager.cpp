// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TransportManager.h"

#include "StreamConnection.h"
#include "TcpTransport.h"
#include "TlsTransport.h"
#include "UdpTransport.h"
#include "ViaRouting.h"
#include "core/Clock.h"

#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcTransport, "parlo.sip.transport", QtInfoMsg)

namespace Sip {

namespace {

// A datagram that is only CRLFs / white space is a keep-alive (RFC 5626 §3.5.1 style),
// never a message.
bool isKeepAliveDatagram(std::string_view bytes)
{
    for (char c : bytes) {
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t')
            return false;
    }
    return true;
}

QByteArray toBytes(const SipMessage &message)
{
    const std::string text = message.toString();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

TransportManager::TransportManager(Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

TransportManager::~TransportManager()
{
    for (auto it = m_udpKeepAlives.cbegin(); it != m_udpKeepAlives.cend(); ++it)
        m_clock.cancelTimer(static_cast<TimerId>(it.value()));
    // Tear the connections down without reporting anything to a half-destroyed owner.
    for (TcpTransport *t : m_streams) {
        t->disconnect(this);
        for (StreamConnection *c : t->connections())
            c->disconnect(this);
    }
}

void TransportManager::setSettings(const TransportSettings &settings)
{
    m_settings = settings;
    for (TcpTransport *t : m_streams)
        t->setSettings(settings);
}

const TlsOptions &TransportManager::tlsOptions() const
{
    if (!m_tlsOptions)
        m_tlsOptions.emplace();
    return *m_tlsOptions;
}

void TransportManager::setTlsOptions(const TlsOptions &options)
{
    m_tlsOptions = options;
    for (TcpTransport *t : m_streams) {
        if (t->type() == TransportType::Tls)
            static_cast<TlsTransport *>(t)->setTlsOptions(options);
    }
}

bool TransportManager::pinCertificate(const QString &serverName, const QByteArray &sha256)
{
    TlsOptions options = tlsOptions();
    if (!options.pin(serverName, sha256))
        return false;
    setTlsOptions(options);
    return true;
}

bool TransportManager::addClientTransport(TransportType type, const QHostAddress &address, QString *error)
{
    if (type == TransportType::Udp)
        return addListener(type, address, 0, error);
    return addStream(type, address, 0, false, error);
}

bool TransportManager::addListener(TransportType type, const QHostAddress &address, quint16 port, QString *error)
{
    if (type == TransportType::Udp) {
        auto *udp = new UdpTransport(this);
        if (!udp->bind(address, port, error)) {
            delete udp;
            return false;
        }
        UdpTransport *raw = udp;
        connect(udp, &UdpTransport::datagramReceived, this,
                [this, raw](const QByteArray &bytes, const Endpoint &source, const Endpoint &local) {
                    handleIncoming(bytes, false, source, local, raw, nullptr);
                });
        m_udp.push_back(udp);
        return true;
    }
    return addStream(type, address, port, true, error);
}

bool TransportManager::addStream(TransportType type, const QHostAddress &address, quint16 port, bool listen,
                                 QString *error)
{
    TcpTransport *stream = nullptr;
    if (type == TransportType::Tls) {
        auto *tls = new TlsTransport(m_clock, m_settings, m_tlsOptions, this);
        connect(tls, &TlsTransport::tlsVerificationFailed, this, &TransportManager::tlsVerificationFailed);
        stream = tls;
    } else {
        stream = new TcpTransport(m_clock, m_settings, this);
    }
    if (listen ? !stream->listen(address, port, error) : !stream->setClientOnly(address, error)) {
        delete stream;
        return false;
    }
    connect(stream, &TcpTransport::connectionAdded, this, &TransportManager::connectionAdded);
    m_streams.push_back(stream);
    return true;
}

QList<Endpoint> TransportManager::listeners() const
{
    QList<Endpoint> out;
    for (UdpTransport *u : m_udp)
        out.append(u->localEndpoint());
    for (TcpTransport *t : m_streams) {
        if (t->localEndpoint().port != 0) // client-only transports have no listener
            out.append(t->localEndpoint());
    }
    return out;
}

Endpoint TransportManager::listenerFor(TransportType type, const QHostAddress &peer) const
{
    if (type == TransportType::Udp) {
        UdpTransport *u = udpFor(peer);
        return u ? u->localEndpoint() : Endpoint();
    }
    TcpTransport *t = streamFor(type, peer);
    return t ? t->localEndpoint() : Endpoint();
}

UdpTransport *TransportManager::udpFor(const QHostAddress &peer, quint16 localPort) const
{
    UdpTransport *fallback = nullptr;
    for (UdpTransport *u : m_udp) {
        if (!u->canReach(peer))
            continue;
        if (localPort != 0 && u->localEndpoint().port == localPort)
            return u;
        if (localPort == 0 && u->isSingleFamily())
            return u;
        if (!fallback)
            fallback = u;
    }
    return fallback;
}

TcpTransport *TransportManager::streamFor(TransportType type, const QHostAddress &peer) const
{
    TcpTransport *fallback = nullptr;
    for (TcpTransport *t : m_streams) {
        if (t->type() != type || !t->canReach(peer))
            continue;
        if (t->isSingleFamily())
            return t;
        if (!fallback)
            fallback = t;
    }
    return fallback;
}

StreamConnection *TransportManager::findConnection(const Endpoint &remote) const
{
    for (TcpTransport *t : m_streams) {
        if (t->type() != remote.transport)
            continue;
        if (StreamConnection *c = t->findConnection(remote))
            return c;
    }
    return nullptr;
}

bool TransportManager::send(const SipMessage &message, const Endpoint &destination,
                            TransportType *transportUsed)
{
    if (message.isNull() || destination.isNull())
        return false;
    const Endpoint dest = ViaRouting::normalized(destination);
    if (transportUsed)
        *transportUsed = dest.transport;
    if (dest.transport == TransportType::Udp)
        return sendUdp(message, dest, 0, transportUsed);
    return sendStream(message, dest, dest);
}

bool TransportManager::sendResponse(const SipMessage &response, const IncomingMessage &request)
{
    const Endpoint dest = ViaRouting::normalized(responseDestination(request));
    if (dest.isNull())
        return false;
    if (dest.transport == TransportType::Udp)
        return sendUdp(response, dest, request.local.port);
    return sendStream(response, dest, dest);
}

Endpoint TransportManager::responseDestination(const IncomingMessage &request)
{
    return ViaRouting::responseDestination(request);
}

bool TransportManager::sendUdp(const SipMessage &message, const Endpoint &dest, quint16 localPort,
                               TransportType *transportUsed)
{
    UdpTransport *udp = udpFor(dest.address, localPort);
    SipMessage out = message;
    if (message.isRequest() && udp) {
        const QHostAddress source = udp->sourceAddressFor(dest.address);
        std::string error;
        if (!ViaRouting::setTopViaSentBy(out, TransportType::Udp, source, udp->localEndpoint().port, &error))
            qCWarning(lcTransport) << "cannot set the Via sent-by:" << error.c_str();
    }
    const QByteArray bytes = toBytes(out);
    // RFC 3261 §18.1.1: a request too large for UDP goes over a congestion-controlled
    // transport (the Via is rewritten for it). Without TCP it goes as it is.
    if (message.isRequest() && static_cast<size_t>(bytes.size()) > m_settings.udpMaxRequestBytes
        && streamFor(TransportType::Tcp, dest.address)) {
        Endpoint tcp = dest;
        tcp.transport = TransportType::Tcp;
        if (transportUsed)
            *transportUsed = TransportType::Tcp;
        return sendStream(message, tcp, dest);
    }
    if (!udp) {
        qCWarning(lcTransport) << "no UDP transport for" << dest.toString();
        return false;
    }
    QString error;
    if (!udp->sendDatagram(bytes, dest.address, dest.port, &error)) {
        qCWarning(lcTransport) << "UDP send to" << dest.toString() << "failed:" << error;
        return false;
    }
    trace(true, dest, bytes);
    return true;
}

bool TransportManager::sendStream(const SipMessage &message, const Endpoint &destination, const Endpoint &requested)
{
    Endpoint dest = destination;
    StreamConnection *connection = findConnection(dest);
    if (!connection && message.isResponse()) {
        // §18.2.2: the connection the request came on is gone: open one to the 'received'
        // address (else the source) and the sent-by port.
        const auto vias = message.vias();
        if (!vias.empty()) {
            const Via &via = vias.front();
            QHostAddress address = ViaRouting::parseHostLiteral(via.received());
            if (address.isNull())
                address = ViaRouting::parseHostLiteral(via.host());
            if (!address.isNull())
                dest.address = address;
            dest.port = static_cast<quint16>(via.port() > 0 ? via.port() : (dest.transport == TransportType::Tls ? 5061 : 5060));
            connection = findConnection(dest);
        }
    }
    if (!connection) {
        TcpTransport *transport = streamFor(dest.transport, dest.address);
        if (!transport) {
            qCWarning(lcTransport) << "no" << transportName(dest.transport).data() << "transport for" << dest.toString();
            return false;
        }
        QString error;
        connection = transport->openConnection(dest, &error);
        if (!connection) {
            qCWarning(lcTransport) << "cannot connect to" << dest.toString() << ":" << error;
            return false;
        }
        if (m_persistent.contains(ViaRouting::normalized(dest)))
            connection->setPersistent(true);
    }
    const Pending pending { message, requested };
    if (!connection->isEstablished()) {
        m_pending[connection].append(pending);
        return true;
    }
    return writeTo(connection, pending);
}

bool TransportManager::writeTo(StreamConnection *connection, const Pending &pending)
{
    SipMessage out = pending.message;
    if (out.isRequest()) {
        const Endpoint local = connection->local();
        std::string error;
        if (!ViaRouting::setTopViaSentBy(out, connection->type(), local.address, local.port, &error))
            qCWarning(lcTransport) << "cannot set the Via sent-by:" << error.c_str();
    }
    const QByteArray bytes = toBytes(out);
    if (!connection->write(bytes))
        return false;
    trace(true, connection->remote(), bytes);
    return true;
}

void TransportManager::connectionAdded(StreamConnection *connection)
{
    if (m_persistent.contains(connection->remote()))
        connection->setPersistent(true);
    connect(connection, &StreamConnection::established, this, [this, connection] {
        emit connectionEstablished(connection->remote(), connection->local());
        flush(connection);
    });
    connect(connection, &StreamConnection::messageReceived, this, [this, connection](const QByteArray &bytes) {
        handleIncoming(bytes, true, connection->remote(), connection->local(), nullptr, connection);
    });
    connect(connection, &StreamConnection::closed, this, [this, connection](const QString &error, bool wasEstablished) {
        connectionClosed(connection, error, wasEstablished);
    });
}

void TransportManager::flush(StreamConnection *connection)
{
    const QList<Pending> pending = m_pending.take(connection);
    QPointer<StreamConnection> guard(connection);
    for (qsizetype i = 0; i < pending.size(); ++i) {
        if (!guard || connection->isClosed()) {
            for (qsizetype j = i; j < pending.size(); ++j)
                postError(pending[j].requested, QStringLiteral("connection closed before the message was sent"));
            return;
        }
        writeTo(connection, pending[i]);
    }
}

void TransportManager::connectionClosed(StreamConnection *connection, const QString &error, bool wasEstablished)
{
    const QList<Pending> pending = m_pending.take(connection);
    const Endpoint remote = connection->remote();
    const QString reason = error.isEmpty() ? QStringLiteral("connection to %1 closed").arg(remote.toString()) : error;
    QSet<Endpoint> reported;
    for (const Pending &p : pending) {
        if (!reported.contains(p.requested)) {
            reported.insert(p.requested);
            postError(p.requested, reason);
        }
    }
    if (error.isEmpty() || !wasEstablished)
        return;
    if (!reported.contains(remote))
        postError(remote, reason);
    QPointer<TransportManager> self(this);
    QMetaObject::invokeMethod(this, [self, remote, reason] {
        if (self)
            emit self->connectionLost(remote, reason);
    }, Qt::QueuedConnection);
}

void TransportManager::postError(const Endpoint &destination, const QString &reason)
{
    qCDebug(lcTransport) << "send error for" << destination.toString() << ":" << reason;
    QPointer<TransportManager> self(this);
    QMetaObject::invokeMethod(this, [self, destination, reason] {
        if (self)
            self->reportError(destination, reason);
    }, Qt::QueuedConnection);
}

void TransportManager::handleIncoming(const QByteArray &bytes, bool stream, const Endpoint &source,
                                      const Endpoint &local, UdpTransport *udp, StreamConnection *connection)
{
    const std::string_view view(bytes.constData(), static_cast<size_t>(bytes.size()));
    if (!stream && isKeepAliveDatagram(view))
        return;
    trace(false, source, bytes);
    ParseError error;
    SipMessage message = SipMessage::parse(view, &error,
                                           stream ? SipMessage::Framing::Stream : SipMessage::Framing::Datagram,
                                           m_settings.limits);
    if (message.isNull()) {
        const QString reason = QString::fromStdString(error.reason);
        qCDebug(lcTransport) << "malformed message from" << source.toString() << ":" << reason;
        emit messageDropped(source, reason);
        if (error.statusCode != 0 && ViaRouting::looksLikeRequest(view)) {
            const SipMessage response = ViaRouting::buildErrorResponse(view, error.statusCode, error.reason);
            if (!response.isNull()) {
                const QByteArray answer = toBytes(response);
                if (udp) {
                    udp->sendDatagram(answer, source.address, source.port);
                } else if (connection && !connection->isClosed()) {
                    connection->write(answer);
                }
                trace(true, source, answer);
            }
        }
        return;
    }
    if (message.isRequest()) {
        ViaRouting::addReceivedAndRport(message, source.address, source.port);
    } else {
        learnPublicAddress(message, local);
    }
    deliver(IncomingMessage { std::move(message), source, local });
}

void TransportManager::learnPublicAddress(const SipMessage &response, const Endpoint &local)
{
    const auto learned = ViaRouting::publicAddress(response);
    if (!learned)
        return;
    Endpoint key = ViaRouting::normalized(local);
    const auto it = m_publicAddresses.constFind(key);
    if (it != m_publicAddresses.cend() && *it == *learned)
        return;
    m_publicAddresses.insert(key, *learned);
    emit publicAddressChanged(key, *learned);
}

std::optional<Endpoint> TransportManager::publicAddress(const Endpoint &local) const
{
    const auto it = m_publicAddresses.constFind(ViaRouting::normalized(local));
    if (it == m_publicAddresses.cend())
        return std::nullopt;
    return *it;
}

std::optional<Endpoint> TransportManager::publicAddressOf(const SipMessage &response)
{
    return ViaRouting::publicAddress(response);
}

void TransportManager::setPersistent(const Endpoint &remote, bool persistent)
{
    const Endpoint key = ViaRouting::normalized(remote);
    if (persistent)
        m_persistent.insert(key);
    else
        m_persistent.remove(key);
    if (StreamConnection *c = findConnection(key))
        c->setPersistent(persistent);
}

bool TransportManager::hasConnection(const Endpoint &remote) const
{
    return findConnection(ViaRouting::normalized(remote)) != nullptr;
}

int TransportManager::connectionCount(TransportType type) const
{
    int n = 0;
    for (TcpTransport *t : m_streams) {
        if (t->type() == type)
            n += t->connectionCount();
    }
    return n;
}

void TransportManager::closeConnection(const Endpoint &remote)
{
    if (StreamConnection *c = findConnection(ViaRouting::normalized(remote)))
        c->close();
}

Endpoint TransportManager::connectionLocalEndpoint(const Endpoint &remote) const
{
    StreamConnection *c = findConnection(ViaRouting::normalized(remote));
    return c && c->isEstablished() ? c->local() : Endpoint();
}

int TransportManager::keepAlivePingsSent(const Endpoint &remote) const
{
    StreamConnection *c = findConnection(ViaRouting::normalized(remote));
    return c ? c->pingsSent() : 0;
}

int TransportManager::keepAlivePongsReceived(const Endpoint &remote) const
{
    StreamConnection *c = findConnection(ViaRouting::normalized(remote));
    return c ? c->pongsReceived() : 0;
}

bool TransportManager::startUdpKeepAlive(const Endpoint &destination, std::chrono::milliseconds interval)
{
    const Endpoint dest = ViaRouting::normalized(destination);
    if (dest.isNull() || interval.count() <= 0 || !udpFor(dest.address))
        return false;
    stopUdpKeepAlive(dest);
    // Re-armed after each send; the id in the table is always the pending one.
    auto fire = std::make_shared<std::function<void()>>();
    QPointer<TransportManager> self(this);
    *fire = [self, dest, interval, weak = std::weak_ptr<std::function<void()>>(fire)] {
        if (!self || !self->m_udpKeepAlives.contains(dest))
            return;
        if (UdpTransport *udp = self->udpFor(dest.address))
            udp->sendDatagram(QByteArrayLiteral("\r\n\r\n"), dest.address, dest.port);
        if (auto f = weak.lock())
            self->m_udpKeepAlives.insert(dest, static_cast<quint64>(self->m_clock.startTimer(interval, [f] { (*f)(); })));
    };
    m_udpKeepAlives.insert(dest, static_cast<quint64>(m_clock.startTimer(interval, [fire] { (*fire)(); })));
    return true;
}

void TransportManager::stopUdpKeepAlive(const Endpoint &destination)
{
    const Endpoint dest = ViaRouting::normalized(destination);
    const auto it = m_udpKeepAlives.find(dest);
    if (it == m_udpKeepAlives.end())
        return;
    m_clock.cancelTimer(static_cast<TimerId>(it.value()));
    m_udpKeepAlives.erase(it);
}

} // namespace Sip
