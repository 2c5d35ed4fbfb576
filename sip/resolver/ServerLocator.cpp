// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerLocator.h"

#include "message/SipUri.h"
#include "transport/ViaRouting.h"

#include <QDnsLookup>
#include <QHostInfo>
#include <QPointer>
#include <QRandomGenerator>

#include <algorithm>
#include <map>

namespace Sip {

namespace {

quint16 defaultPort(TransportType t)
{
    return t == TransportType::Tls ? 5061 : 5060;
}

QString srvName(TransportType t, const QString &host)
{
    switch (t) {
    case TransportType::Tls:
        return QStringLiteral("_sips._tcp.") + host;
    case TransportType::Tcp:
        return QStringLiteral("_sip._tcp.") + host;
    case TransportType::Udp:
        return QStringLiteral("_sip._udp.") + host;
    }
    return host;
}

std::optional<TransportType> transportFromParam(const std::string &param)
{
    QString p = QString::fromStdString(param).toLower();
    if (p == QLatin1String("udp"))
        return TransportType::Udp;
    if (p == QLatin1String("tcp"))
        return TransportType::Tcp;
    if (p == QLatin1String("tls"))
        return TransportType::Tls;
    return std::nullopt;
}

} // namespace

ServerLocator::ServerLocator(QObject *parent)
    : QObject(parent)
{
}

ServerLocator::~ServerLocator()
{
    abort();
}

void ServerLocator::abort()
{
    ++m_generation;
    for (int id : std::as_const(m_hostLookupIds))
        QHostInfo::abortHostLookup(id);
    m_hostLookupIds.clear();
    // QDnsLookup objects are children that carry the old generation; they are deleted
    // when they finish and their results ignored.
    m_srv.clear();
    m_slots.clear();
}

void ServerLocator::locate(const SipUri &uri)
{
    if (!uri.isSipOrSips()) {
        abort();
        m_targets.clear();
        m_cursor = 0;
        m_finished = false;
        m_error.clear();
        QPointer<ServerLocator> self(this);
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(this, [self, generation] {
            if (self && self->m_generation == generation)
                self->finish(QStringLiteral("not a sip: or sips: URI"));
        }, Qt::QueuedConnection);
        return;
    }
    std::string_view host = uri.host();
    locate(QString::fromUtf8(host.data(), static_cast<qsizetype>(host.size())), uri.port(),
           transportFromParam(uri.transport()), uri.scheme() == SipUri::Scheme::Sips);
}

void ServerLocator::locate(const QString &host, int port, std::optional<TransportType> transport, bool secure)
{
    abort();
    m_targets.clear();
    m_cursor = 0;
    m_error.clear();
    m_finished = false;
    m_host = host.trimmed();
    if (m_host.endsWith(QLatin1Char('.')))
        m_host.chop(1);
    m_secure = secure;
    m_transport = transport;
    if (secure && transport && *transport != TransportType::Tls && *transport != TransportType::Tcp) {
        m_transport = TransportType::Tls; // RFC 3261 §26.2: sips over UDP makes no sense
    }
    if (secure && m_transport == TransportType::Tcp)
        m_transport = TransportType::Tls; // sips: ;transport=tcp means TLS over TCP
    const quint64 generation = m_generation;
    QPointer<ServerLocator> self(this);

    const TransportType chosen = m_transport.value_or(secure ? TransportType::Tls : TransportType::Udp);
    const QHostAddress literal = ViaRouting::parseHostLiteral(m_host.toStdString());
    if (!literal.isNull() || m_host.isEmpty()) {
        // RFC 3263 §4.1/4.2: a numeric address needs no lookup.
        QMetaObject::invokeMethod(this, [self, generation, literal, port, chosen] {
            if (!self || self->m_generation != generation)
                return;
            if (literal.isNull()) {
                self->finish(QStringLiteral("no host"));
                return;
            }
            Endpoint e;
            e.transport = chosen;
            e.address = literal;
            e.port = port > 0 ? static_cast<quint16>(port) : defaultPort(chosen);
            if (chosen == TransportType::Tls)
                e.serverName = literal.toString();
            self->m_targets.append(e);
            self->finish();
        }, Qt::QueuedConnection);
        return;
    }
    if (port > 0) {
        resolveCandidates({ Candidate { m_host, static_cast<quint16>(port), chosen } });
        return;
    }
    startSrv();
}

void ServerLocator::startSrv()
{
    QList<TransportType> transports;
    if (m_transport)
        transports = { *m_transport };
    else if (m_secure)
        transports = { TransportType::Tls };
    else
        transports = m_supported;
    for (TransportType t : std::as_const(transports))
        m_srv.push_back(SrvQuery { srvName(t, m_host), t, {}, false });
    if (m_srv.empty()) {
        finish(QStringLiteral("no usable transport"));
        return;
    }
    const quint64 generation = m_generation;
    for (size_t i = 0; i < m_srv.size(); ++i) {
        auto *lookup = new QDnsLookup(QDnsLookup::SRV, m_srv[i].name, this);
        if (!m_nameserver.isNull())
            lookup->setNameserver(m_nameserver);
        connect(lookup, &QDnsLookup::finished, this, [this, lookup, generation, i] {
            lookup->deleteLater();
            if (generation != m_generation || i >= m_srv.size())
                return;
            SrvQuery &query = m_srv[i];
            query.done = true;
            if (lookup->error() == QDnsLookup::NoError) {
                std::vector<Candidate> records;
                std::vector<std::pair<int, int>> prioWeight;
                for (const QDnsServiceRecord &r : lookup->serviceRecords()) {
                    QString target = r.target();
                    if (target.endsWith(QLatin1Char('.')))
                        target.chop(1);
                    if (target.isEmpty() || r.port() == 0)
                        continue; // "." target: service decidedly not available here
                    records.push_back(Candidate { target, r.port(), query.transport });
                    prioWeight.emplace_back(r.priority(), r.weight());
                }
                query.results = orderSrv(std::move(records), prioWeight);
            }
            srvDone();
        });
        lookup->lookup();
    }
}

std::vector<ServerLocator::Candidate> ServerLocator::orderSrv(std::vector<Candidate> records,
                                                                const std::vector<std::pair<int, int>> &prioWeight) const
{
    // RFC 2782: lowest priority first; within a priority, pick by running weight sums.
    std::map<int, std::vector<std::pair<Candidate, int>>> byPriority;
    for (size_t i = 0; i < records.size(); ++i)
        byPriority[prioWeight[i].first].emplace_back(records[i], prioWeight[i].second);
    std::vector<Candidate> out;
    for (auto &[priority, group] : byPriority) {
        Q_UNUSED(priority);
        // Zero-weight records first, as RFC 2782 suggests, so they get a small chance.
        std::stable_partition(group.begin(), group.end(), [](const auto &g) { return g.second == 0; });
        while (!group.empty()) {
            quint64 total = 0;
            for (const auto &g : group)
                total += static_cast<quint64>(g.second);
            const quint64 pick = total > 0 ? QRandomGenerator::global()->bounded(total + 1) : 0;
            quint64 running = 0;
            size_t chosen = 0;
            for (size_t k = 0; k < group.size(); ++k) {
                running += static_cast<quint64>(group[k].second);
                if (running >= pick) {
                    chosen = k;
                    break;
                }
            }
            out.push_back(group[chosen].first);
            group.erase(group.begin() + static_cast<std::ptrdiff_t>(chosen));
        }
    }
    return out;
}

void ServerLocator::srvDone()
{
    for (const SrvQuery &q : m_srv) {
        if (!q.done)
            return;
    }
    std::vector<Candidate> candidates;
    for (const SrvQuery &q : m_srv)
        candidates.insert(candidates.end(), q.results.begin(), q.results.end());
    if (candidates.empty()) {
        // RFC 3263 §4.2: no SRV records, so the host's addresses with the default port,
        // over TLS for sips: and UDP for sip: (or what this UA supports first).
        TransportType t = m_transport.value_or(m_secure ? TransportType::Tls : TransportType::Udp);
        if (!m_transport && !m_secure && !m_supported.contains(TransportType::Udp) && !m_supported.isEmpty())
            t = m_supported.first();
        candidates.push_back(Candidate { m_host, defaultPort(t), t });
    }
    m_srv.clear();
    resolveCandidates(std::move(candidates));
}

void ServerLocator::resolveCandidates(std::vector<Candidate> candidates)
{
    m_slots.clear();
    for (Candidate &c : candidates)
        m_slots.push_back(AddressSlot { std::move(c), {}, 0, {} });
    for (size_t i = 0; i < m_slots.size(); ++i)
        lookupAddresses(i);
}

void ServerLocator::lookupAddresses(size_t slot)
{
    const quint64 generation = m_generation;
    const QString host = m_slots[slot].candidate.host;
    const QHostAddress literal = ViaRouting::parseHostLiteral(host.toStdString());
    if (!literal.isNull()) {
        m_slots[slot].addresses = { literal };
        m_slots[slot].pending = 0;
        QPointer<ServerLocator> self(this);
        QMetaObject::invokeMethod(this, [self, generation] {
            if (self && self->m_generation == generation)
                self->addressesDone();
        }, Qt::QueuedConnection);
        return;
    }
    if (m_nameserver.isNull()) {
        m_slots[slot].pending = 1;
        const int id = QHostInfo::lookupHost(host, this, [this, generation, slot](const QHostInfo &info) {
            m_hostLookupIds.removeAll(info.lookupId());
            if (generation != m_generation || slot >= m_slots.size())
                return;
            AddressSlot &s = m_slots[slot];
            s.pending = 0;
            if (info.error() == QHostInfo::NoError)
                s.addresses = info.addresses();
            else
                s.error = info.errorString();
            addressesDone();
        });
        m_hostLookupIds.append(id);
        return;
    }
    m_slots[slot].pending = 2;
    for (QDnsLookup::Type type : { QDnsLookup::A, QDnsLookup::AAAA }) {
        auto *lookup = new QDnsLookup(type, host, m_nameserver, this);
        connect(lookup, &QDnsLookup::finished, this, [this, lookup, generation, slot] {
            lookup->deleteLater();
            if (generation != m_generation || slot >= m_slots.size())
                return;
            AddressSlot &s = m_slots[slot];
            --s.pending;
            if (lookup->error() == QDnsLookup::NoError) {
                for (const QDnsHostAddressRecord &r : lookup->hostAddressRecords())
                    s.addresses.append(r.value());
            } else if (lookup->error() != QDnsLookup::NotFoundError) {
                s.error = lookup->errorString();
            }
            if (s.pending == 0)
                addressesDone();
        });
        lookup->lookup();
    }
}

void ServerLocator::addressesDone()
{
    for (const AddressSlot &s : m_slots) {
        if (s.pending > 0)
            return;
    }
    QStringList errors;
    for (AddressSlot &s : m_slots) {
        QList<QHostAddress> addresses;
        for (const QHostAddress &a : std::as_const(s.addresses)) {
            const QHostAddress n = ViaRouting::normalizedAddress(a);
            if (!addresses.contains(n))
                addresses.append(n);
        }
        if (m_preferIPv4)
            std::stable_partition(addresses.begin(), addresses.end(),
                                  [](const QHostAddress &a) { return a.protocol() == QAbstractSocket::IPv4Protocol; });
        for (const QHostAddress &a : std::as_const(addresses)) {
            Endpoint e;
            e.transport = s.candidate.transport;
            e.address = a;
            e.port = s.candidate.port;
            if (e.transport == TransportType::Tls)
                e.serverName = m_host;
            if (!m_targets.contains(e))
                m_targets.append(e);
        }
        if (addresses.isEmpty())
            errors.append(s.candidate.host + QStringLiteral(": ")
                          + (s.error.isEmpty() ? QStringLiteral("no address") : s.error));
    }
    m_slots.clear();
    finish(m_targets.isEmpty() ? errors.join(QStringLiteral("; ")) : QString());
}

void ServerLocator::finish(const QString &error)
{
    m_error = m_targets.isEmpty() ? (error.isEmpty() ? QStringLiteral("no target found") : error) : QString();
    m_finished = true;
    emit finished();
}

std::optional<Endpoint> ServerLocator::next()
{
    if (m_cursor >= m_targets.size())
        return std::nullopt;
    return m_targets[m_cursor++];
}

} // namespace Sip
