// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shared fakes and message builders of the SIP unit tests that run a TransactionLayer in
// virtual time (tst_transaction_*, dialogs, INVITE sessions, presence usages).
#pragma once

#include "sip/core/VirtualClock.h"
#include "sip/message/SipMessage.h"
#include "sip/transaction/TransactionLayer.h"
#include "sip/transaction/TransactionMessages.h"
#include "sip/transport/MessageChannel.h"

#include <QList>
#include <QTest>

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace TransactionTest {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

inline Sip::Endpoint endpoint(Sip::TransportType transport, const char *address, quint16 port)
{
    Sip::Endpoint e;
    e.transport = transport;
    e.address = QHostAddress(QString::fromLatin1(address));
    e.port = port;
    return e;
}

// The far end: where our requests go and where requests to us come from.
inline Sip::Endpoint udpPeer()
{
    return endpoint(Sip::TransportType::Udp, "192.0.2.10", 5060);
}
inline Sip::Endpoint udpPeer2()
{
    return endpoint(Sip::TransportType::Udp, "192.0.2.11", 5060);
}
inline Sip::Endpoint tcpPeer()
{
    return endpoint(Sip::TransportType::Tcp, "192.0.2.10", 40123);
}
inline Sip::Endpoint localUdp()
{
    return endpoint(Sip::TransportType::Udp, "192.0.2.1", 5060);
}

// The tests' RFC 3263 stand-in: a literal IP host, the URI's port or 5060, UDP.
inline std::optional<Sip::Endpoint> resolveLiteral(const Sip::SipUri &uri)
{
    const QHostAddress address(QString::fromStdString(std::string(uri.host())));
    if (address.isNull())
        return std::nullopt;
    Sip::Endpoint e;
    e.transport = Sip::TransportType::Udp;
    e.address = address;
    e.port = quint16(uri.port() > 0 ? uri.port() : 5060);
    return e;
}

inline std::string str(std::string_view v)
{
    return std::string(v);
}

inline bool contains(std::string_view haystack, std::string_view needle)
{
    return haystack.find(needle) != std::string_view::npos;
}

/// A MessageChannel that records what is sent (with the virtual time) and lets the test
/// inject received messages and transport errors. Every sent message is serialised and
/// parsed again, as a real transport would, so a malformed message fails the test.
class FakeChannel final : public Sip::MessageChannel
{
public:
    struct Sent
    {
        ms at;
        Sip::SipMessage message;
        Sip::Endpoint destination;
    };

    explicit FakeChannel(Sip::Clock &clock)
        : m_clock(clock)
    {
    }

    using Sip::MessageChannel::send;
    bool send(const Sip::SipMessage &message, const Sip::Endpoint &destination,
              Sip::TransportType *transportUsed) override
    {
        const std::string text = message.toString();
        if (transportUsed) {
            // TransportManager::sendUdp: a request too large for UDP goes over TCP.
            const bool moved = movedToTcpAbove > 0 && message.isRequest()
                    && destination.transport == Sip::TransportType::Udp
                    && text.size() > movedToTcpAbove;
            *transportUsed = moved ? Sip::TransportType::Tcp : destination.transport;
        }
        Sip::ParseError error;
        Sip::SipMessage wire = Sip::SipMessage::parse(text, &error);
        if (wire.isNull()) {
            ++parseFailures;
            lastParseError = error.reason;
            wire = message;
        }
        sent.push_back({ m_clock.now(), wire, destination });
        return !failSends;
    }

    void inject(const Sip::SipMessage &message, const Sip::Endpoint &source)
    {
        // Through text, like a real transport.
        const Sip::SipMessage wire = Sip::SipMessage::parse(message.toString());
        QVERIFY2(!wire.isNull(), "injected message does not parse");
        Sip::IncomingMessage in;
        in.message = wire;
        in.source = source;
        in.local = localUdp();
        in.local.transport = source.transport;
        deliver(in);
    }
    void injectText(const std::string &text, const Sip::Endpoint &source)
    {
        const Sip::SipMessage wire = Sip::SipMessage::parse(text);
        QVERIFY2(!wire.isNull(), "injected text does not parse");
        inject(wire, source);
    }
    void failAsync(const Sip::Endpoint &destination, const QString &reason)
    {
        reportError(destination, reason);
    }

    // The times at which messages whose start line matches were sent: a request method
    // ("INVITE", "ACK") or a status code ("486").
    QList<qint64> timesOf(const std::string &what) const
    {
        QList<qint64> out;
        for (const auto &s : sent) {
            if (matches(s.message, what))
                out.push_back(s.at.count());
        }
        return out;
    }
    int count(const std::string &what) const { return int(timesOf(what).size()); }
    // The last message sent that matches (a copy: `sent` may grow); null when none.
    Sip::SipMessage last(const std::string &what) const
    {
        const Sent s = lastSent(what);
        return s.message;
    }
    Sent lastSent(const std::string &what) const
    {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
            if (matches(it->message, what))
                return *it;
        }
        return Sent { ms(-1), {}, {} };
    }
    // The last response sent, whatever its code; null when none.
    Sip::SipMessage lastResponse() const
    {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
            if (it->message.isResponse())
                return it->message;
        }
        return {};
    }
    // Matching messages (to `destination` if given) without retransmissions: the first of
    // each top Via branch, in the order sent.
    std::vector<Sip::SipMessage> distinct(const std::string &what,
                                          const std::optional<Sip::Endpoint> &destination
                                          = std::nullopt) const
    {
        std::vector<Sip::SipMessage> out;
        std::set<std::string> branches;
        for (const auto &s : sent) {
            if (matches(s.message, what) && (!destination || s.destination == *destination)
                && branches.insert(std::string(s.message.vias()[0].branch())).second)
                out.push_back(s.message);
        }
        return out;
    }
    int countDistinct(const std::string &what) const { return int(distinct(what).size()); }

    static bool matches(const Sip::SipMessage &m, const std::string &what)
    {
        if (m.isRequest())
            return !m.isNull() && std::string(m.method()) == what && m.cseq()
                    && std::string(m.cseq()->method()) == what;
        return std::to_string(m.statusCode()) == what;
    }

    std::vector<Sent> sent;
    bool failSends = false;
    // Requests to a UDP destination larger than this (bytes) are reported as sent over
    // TCP, as TransportManager does (RFC 3261 §18.1.1); 0: never.
    size_t movedToTcpAbove = 0;
    int parseFailures = 0;
    std::string lastParseError;

private:
    Sip::Clock &m_clock;
};

/// Records every ClientEvent as "408", "T/408" (timeout), "E/503" (transport error),
/// "Terminated", with time stamps.
struct ClientRecorder
{
    struct Entry
    {
        ms at;
        Sip::ClientEvent event;
    };

    explicit ClientRecorder(Sip::Clock &clock)
        : clock(&clock)
    {
    }
    Sip::ClientHandler handler()
    {
        return [this](const Sip::ClientEvent &e) { events.push_back({ clock->now(), e }); };
    }
    QStringList summary() const
    {
        QStringList out;
        for (const auto &e : events)
            out << describe(e.event);
        return out;
    }
    static QString describe(const Sip::ClientEvent &e)
    {
        switch (e.type) {
        case Sip::ClientEvent::Type::Response:
            return QString::number(e.statusCode());
        case Sip::ClientEvent::Type::Timeout:
            return QStringLiteral("T/") + QString::number(e.statusCode());
        case Sip::ClientEvent::Type::TransportError:
            return QStringLiteral("E/") + QString::number(e.statusCode());
        case Sip::ClientEvent::Type::Terminated:
            return QStringLiteral("Terminated");
        }
        return {};
    }

    Sip::Clock *clock;
    std::vector<Entry> events;
};

struct ServerRecorder
{
    explicit ServerRecorder(Sip::Clock &clock)
        : clock(&clock)
    {
    }
    Sip::ServerHandler handler()
    {
        return [this](const Sip::ServerEvent &e) {
            QString s;
            switch (e.type) {
            case Sip::ServerEvent::Type::AckTimeout:
                s = QStringLiteral("AckTimeout");
                break;
            case Sip::ServerEvent::Type::TransportError:
                s = QStringLiteral("TransportError");
                break;
            case Sip::ServerEvent::Type::Terminated:
                s = QStringLiteral("Terminated");
                break;
            }
            events << s;
            times << clock->now().count();
        };
    }

    Sip::Clock *clock;
    QStringList events;
    QList<qint64> times;
};

struct RequestSpec
{
    std::string method = "INVITE";
    std::string uri = "sip:bob@example.com";
    std::string branch = "z9hG4bKclient1";
    std::string sentBy = "192.0.2.10:5060";
    std::string transport = "UDP";
    std::string callId = "call-1@example.com";
    std::string fromTag = "alice-tag";
    std::string toTag;
    uint32_t cseq = 1;
    std::string cseqMethod; // empty: method
    std::string extra; // more header lines, each ending in \r\n

    RequestSpec &withMethod(std::string v)
    {
        method = std::move(v);
        return *this;
    }
    RequestSpec &withUri(std::string v)
    {
        uri = std::move(v);
        return *this;
    }
    RequestSpec &withBranch(std::string v)
    {
        branch = std::move(v);
        return *this;
    }
    RequestSpec &withSentBy(std::string v)
    {
        sentBy = std::move(v);
        return *this;
    }
    RequestSpec &withTransport(std::string v)
    {
        transport = std::move(v);
        return *this;
    }
    RequestSpec &withCallId(std::string v)
    {
        callId = std::move(v);
        return *this;
    }
    RequestSpec &withFromTag(std::string v)
    {
        fromTag = std::move(v);
        return *this;
    }
    RequestSpec &withToTag(std::string v)
    {
        toTag = std::move(v);
        return *this;
    }
    RequestSpec &withCseq(uint32_t v)
    {
        cseq = std::move(v);
        return *this;
    }
    RequestSpec &withCseqMethod(std::string v)
    {
        cseqMethod = std::move(v);
        return *this;
    }
    RequestSpec &withExtra(std::string v)
    {
        extra = std::move(v);
        return *this;
    }
};

inline RequestSpec spec(std::string method = "INVITE")
{
    return RequestSpec().withMethod(std::move(method));
}

inline std::string requestText(const RequestSpec &r)
{
    std::string t;
    t += r.method + " " + r.uri + " SIP/2.0\r\n";
    t += "Via: SIP/2.0/" + r.transport + " " + r.sentBy + ";branch=" + r.branch + "\r\n";
    t += "Max-Forwards: 70\r\n";
    t += "From: \"Alice\" <sip:alice@example.com>;tag=" + r.fromTag + "\r\n";
    t += "To: <sip:bob@example.com>" + (r.toTag.empty() ? std::string() : ";tag=" + r.toTag)
            + "\r\n";
    t += "Call-ID: " + r.callId + "\r\n";
    t += "CSeq: " + std::to_string(r.cseq) + " " + (r.cseqMethod.empty() ? r.method : r.cseqMethod)
            + "\r\n";
    t += r.extra;
    t += "Content-Length: 0\r\n\r\n";
    return t;
}

inline Sip::SipMessage request(const RequestSpec &r)
{
    return Sip::SipMessage::parse(requestText(r));
}

// A response as the far end would send it to `req` (with To tag `toTag` above 100).
inline Sip::SipMessage responseTo(const Sip::SipMessage &req, int code,
                                  const std::string &toTag = "bob-tag")
{
    return Sip::makeResponse(req, code, {}, code > 100 ? toTag : std::string());
}

} // namespace TransactionTest
