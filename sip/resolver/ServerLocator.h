// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transport/Endpoint.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>
#include <vector>

namespace Sip {

class SipUri;

/// Locating SIP servers, the RFC 3263 §4 subset a UA needs (no NAPTR): from a URI's
/// host, port, transport parameter and scheme, an ordered list of endpoints to try.
///
///  - host is an IP literal: that address; the port given or 5060/5061;
///  - a port is given: A/AAAA of the host, that port;
///  - otherwise SRV: _sips._tcp (TLS), _sip._tcp (TCP), _sip._udp (UDP) — only the
///    transport asked for when the URI has one, only _sips._tcp for sips: — ordered by
///    priority and, within a priority, weighted random (RFC 2782); each SRV target's
///    A/AAAA in turn. With no SRV record at all: A/AAAA of the host with the default
///    port (UDP 5060 for sip:, TLS 5061 for sips:).
/// For TLS targets Endpoint::serverName is the URI's host (RFC 5922 §4: the identity to
/// verify is the domain, not the SRV target).
///
/// Asynchronous: locate() returns at once and finished() is emitted from the event loop
/// (also for an IP literal). Failover is the caller's: take targets with next() and move
/// to the next one on a transport error, a 503 or a timeout (RFC 3263 §4.3).
///
/// Name lookups use the system resolver (QHostInfo, so /etc/hosts applies) for A/AAAA,
/// and QDnsLookup for SRV. With setNameserver(), every query (SRV, A, AAAA) goes to that
/// server through QDnsLookup instead (port 53: a Qt 6.4 limit).
class ServerLocator : public QObject
{
    Q_OBJECT
public:
    explicit ServerLocator(QObject *parent = nullptr);
    ~ServerLocator() override;

    // A DNS server for all queries; null (the default) for the system configuration.
    void setNameserver(const QHostAddress &nameserver) { m_nameserver = nameserver; }
    QHostAddress nameserver() const { return m_nameserver; }
    // The transports this UA can use, in order of preference for SRV (default TLS, TCP, UDP).
    void setSupportedTransports(const QList<TransportType> &transports) { m_supported = transports; }
    // Whether IPv4 addresses of one host are tried before its IPv6 ones (default true).
    void setPreferIPv4(bool prefer) { m_preferIPv4 = prefer; }

    // Starts locating; cancels any lookup in progress. `port` < 0: none given.
    void locate(const QString &host, int port = -1, std::optional<TransportType> transport = std::nullopt,
                bool secure = false);
    // The same from a sip:/sips: URI (host, port, ;transport=, scheme). A URI that is not
    // sip/sips finishes with no target.
    void locate(const SipUri &uri);
    void abort();

    bool isFinished() const { return m_finished; }
    // The targets, in the order to try them (complete once finished()).
    const QList<Endpoint> &targets() const { return m_targets; }
    // Why there is no target (empty on success).
    QString errorString() const { return m_error; }

    // Failover cursor over targets(): the next one to try, nothing when exhausted.
    std::optional<Endpoint> next();
    bool hasNext() const { return m_cursor < m_targets.size(); }
    void rewind() { m_cursor = 0; }

signals:
    void finished();

private:
    struct Candidate
    {
        QString host;
        quint16 port = 0;
        TransportType transport = TransportType::Udp;
    };
    struct SrvQuery
    {
        QString name;
        TransportType transport = TransportType::Udp;
        std::vector<Candidate> results;
        bool done = false;
    };
    struct AddressSlot
    {
        Candidate candidate;
        QList<QHostAddress> addresses;
        int pending = 0;
        QString error;
    };

    void startSrv();
    void srvDone();
    void resolveCandidates(std::vector<Candidate> candidates);
    void lookupAddresses(size_t slot);
    void addressesDone();
    void finish(const QString &error = QString());
    std::vector<Candidate> orderSrv(std::vector<Candidate> records, const std::vector<std::pair<int, int>> &prioWeight) const;

    QHostAddress m_nameserver;
    QList<TransportType> m_supported { TransportType::Tls, TransportType::Tcp, TransportType::Udp };
    bool m_preferIPv4 = true;

    QString m_host;
    bool m_secure = false;
    std::optional<TransportType> m_transport;
    quint64 m_generation = 0;
    std::vector<SrvQuery> m_srv;
    std::vector<AddressSlot> m_slots;
    QList<int> m_hostLookupIds;
    QList<Endpoint> m_targets;
    qsizetype m_cursor = 0;
    QString m_error;
    bool m_finished = false;
};

} // namespace Sip
