// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MessageChannel.h"
#include "TlsOptions.h"
#include "TransportSettings.h"

#include <QHash>
#include <functional>
#include <QObject>
#include <QSet>

#include <chrono>
#include <optional>
#include <vector>

namespace Sip {

class Clock;
class StreamConnection;
class TcpTransport;
class TlsTransport;
class UdpTransport;

/// The transport layer (RFC 3261 §18): owns the UDP, TCP and TLS transports and is the
/// MessageChannel the transaction layer talks to. Lives in the SIP engine's thread and
/// never blocks; everything runs from that thread's event loop.
///
/// Sending (send()):
///  - a request's top Via gets the transport and the local address/port of the socket
///    actually used, plus an empty 'rport' (RFC 3581);
///  - a request over UDP larger than TransportSettings::udpMaxRequestBytes goes over TCP
///    to the same address and port when a TCP transport can reach it (§18.1.1); a
///    failure of that connection is reported for the UDP destination;
///  - TCP/TLS connections are reused by remote endpoint, in both directions: a response
///    sent to IncomingMessage::source goes back over the connection the request came on
///    (§18.2.2); when it is gone, a new one goes to 'received' and the sent-by port;
///  - send() returns false for an immediate failure; later failures (connect refused,
///    TLS verification, connection closed with messages queued, keep-alive timeout) come
///    through MessageChannel::reportError, always from the event loop (never from inside
///    send()).
///
/// Receiving: UDP datagrams and framed TCP/TLS messages are parsed; a request gets
/// 'received'/'rport' in its top Via (§18.2.1, RFC 3581 §4) before it is delivered, a
/// response's 'received'/'rport' update publicAddress(). A malformed request is answered
/// with the parser's status and reason when the message has enough to build a response;
/// anything else malformed is dropped (messageDropped). A framing error closes the
/// connection.
class TransportManager : public QObject, public MessageChannel
{
    Q_OBJECT
public:
    explicit TransportManager(Clock &clock, QObject *parent = nullptr);
    ~TransportManager() override;

    // Applies to transports and connections created afterwards.
    // Sees every message as it goes on or comes off the wire (after the Via is
    // rewritten; malformed input too): what a SIP log must show.
    using Tracer = std::function<void(bool outgoing, const Endpoint &peer, QByteArrayView bytes)>;
    void setTracer(Tracer tracer) { m_tracer = std::move(tracer); }

    void setSettings(const TransportSettings &settings);
    const TransportSettings &settings() const { return m_settings; }
    // Applies to TLS connections opened afterwards.
    void setTlsOptions(const TlsOptions &options);
    const TlsOptions &tlsOptions() const;
    // "Accept this certificate": pins a SHA-256 fingerprint (raw or hex) for a server
    // name (Endpoint::serverName, or the address text when that is empty).
    bool pinCertificate(const QString &serverName, const QByteArray &sha256);

    // Adds a transport bound to `address` (QHostAddress::Any: dual stack; AnyIPv4,
    // AnyIPv6, or one address) and `port` (0: ephemeral). Several may be added; send()
    // picks one of the destination's type and address family (one bound to a single
    // family before a dual-stack one). A TLS listener needs a certificate in TlsOptions.
    bool addListener(TransportType type, const QHostAddress &address, quint16 port = 0,
                     QString *error = nullptr);
    // A TCP or TLS transport that only opens connections (no listener), from `address`
    // (QHostAddress::Any: either family). The usual way for a client to use TLS; needs
    // no certificate. For UDP this is addListener(Udp, address, 0).
    bool addClientTransport(TransportType type, const QHostAddress &address = QHostAddress(QHostAddress::Any),
                            QString *error = nullptr);
    // The bound endpoints (wildcard addresses as bound, real ports).
    QList<Endpoint> listeners() const;
    // The first listener of that type able to reach `peer`'s family (null when none).
    Endpoint listenerFor(TransportType type, const QHostAddress &peer) const;

    // MessageChannel
    using MessageChannel::send;
    bool send(const SipMessage &message, const Endpoint &destination,
              TransportType *transportUsed) override;

    // Sends a response to `request` where §18.2.2 says (responseDestination()), from the
    // UDP socket the request arrived on.
    bool sendResponse(const SipMessage &response, const IncomingMessage &request);
    static Endpoint responseDestination(const IncomingMessage &request);

    // The address and port the peers see for a local socket (as reported by 'received'
    // and 'rport' in the responses that came back through it), if any was learned.
    // `local` is IncomingMessage::local of such a response.
    std::optional<Endpoint> publicAddress(const Endpoint &local) const;
    // The same read from one response (see ViaRouting::publicAddress).
    static std::optional<Endpoint> publicAddressOf(const SipMessage &response);

    // Connections. A persistent remote (e.g. the registrar's flow) is not closed when idle.
    void setPersistent(const Endpoint &remote, bool persistent);
    bool hasConnection(const Endpoint &remote) const;
    int connectionCount(TransportType type) const;
    // Closes the connection with `remote` (no connectionLost: this side closed it).
    void closeConnection(const Endpoint &remote);
    // The local end of the connection with `remote` (null when none is established).
    Endpoint connectionLocalEndpoint(const Endpoint &remote) const;
    // Keep-alive statistics of the connection with `remote` (0 when none).
    int keepAlivePingsSent(const Endpoint &remote) const;
    int keepAlivePongsReceived(const Endpoint &remote) const;

    // RFC 5626 §4.4.2-style NAT keep-alive for UDP: a double CRLF to `destination` every
    // `interval` (from the UDP socket that send() would use), until stopped.
    bool startUdpKeepAlive(const Endpoint &destination, std::chrono::milliseconds interval);
    void stopUdpKeepAlive(const Endpoint &destination);

signals:
    // A TCP/TLS connection that was established is gone (closed by the peer, failed,
    // or keep-alive timeout) — not when this side closed it (idle, closeConnection).
    // Registration re-registers at once; the next send() reconnects.
    void connectionLost(const Sip::Endpoint &remote, const QString &reason);
    void connectionEstablished(const Sip::Endpoint &remote, const Sip::Endpoint &local);
    // The public address of a local socket, first learned or changed.
    void publicAddressChanged(const Sip::Endpoint &local, const Sip::Endpoint &publicAddress);
    // The TLS server's certificate was not accepted: ask the user, then pinCertificate().
    void tlsVerificationFailed(const Sip::Endpoint &remote, const Sip::TlsVerificationFailure &failure);
    // Something arrived that could not be used (malformed message).
    void messageDropped(const Sip::Endpoint &source, const QString &reason);

private:
    struct Pending
    {
        SipMessage message;
        Endpoint requested; // the destination send() was given (errors are reported for it)
    };

    bool addStream(TransportType type, const QHostAddress &address, quint16 port, bool listen, QString *error);
    UdpTransport *udpFor(const QHostAddress &peer, quint16 localPort = 0) const;
    TcpTransport *streamFor(TransportType type, const QHostAddress &peer) const;
    StreamConnection *findConnection(const Endpoint &remote) const;
    bool sendUdp(const SipMessage &message, const Endpoint &destination, quint16 localPort = 0,
                 TransportType *transportUsed = nullptr);
    bool sendStream(const SipMessage &message, const Endpoint &destination, const Endpoint &requested);
    bool writeTo(StreamConnection *connection, const Pending &pending);
    void connectionAdded(StreamConnection *connection);
    void connectionClosed(StreamConnection *connection, const QString &error, bool wasEstablished);
    void flush(StreamConnection *connection);
    void handleIncoming(const QByteArray &bytes, bool stream, const Endpoint &source, const Endpoint &local,
                        UdpTransport *udp, StreamConnection *connection);
    void learnPublicAddress(const SipMessage &response, const Endpoint &local);
    void postError(const Endpoint &destination, const QString &reason);

    void trace(bool outgoing, const Endpoint &peer, const QByteArray &bytes) const
    {
        if (m_tracer)
            m_tracer(outgoing, peer, bytes);
    }

    Tracer m_tracer;
    Clock &m_clock;
    TransportSettings m_settings;
    // Made on first use: default TlsOptions load the TLS backend (see TlsTransport).
    mutable std::optional<TlsOptions> m_tlsOptions;
    std::vector<UdpTransport *> m_udp;
    std::vector<TcpTransport *> m_streams; // TCP and TLS
    QHash<StreamConnection *, QList<Pending>> m_pending;
    QSet<Endpoint> m_persistent;
    QHash<Endpoint, Endpoint> m_publicAddresses;
    QHash<Endpoint, quint64> m_udpKeepAlives; // destination → TimerId
};

} // namespace Sip
