// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ViaRouting.h"

#include "message/TextUtil.h"

#include <QRandomGenerator>

namespace Sip::ViaRouting {

namespace {

// The first comma-separated value of a header field value, ignoring commas inside
// quoted strings, <...> and [...]; `rest` gets what follows the comma.
std::string_view firstValue(std::string_view value, std::string_view &rest)
{
    bool quoted = false;
    int angle = 0;
    int bracket = 0;
    for (size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (quoted) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                quoted = false;
            continue;
        }
        switch (c) {
        case '"':
            quoted = true;
            break;
        case '<':
            ++angle;
            break;
        case '>':
            angle = angle > 0 ? angle - 1 : 0;
            break;
        case '[':
            ++bracket;
            break;
        case ']':
            bracket = bracket > 0 ? bracket - 1 : 0;
            break;
        case ',':
            if (angle == 0 && bracket == 0) {
                rest = TextUtil::trim(value.substr(i + 1));
                return TextUtil::trim(value.substr(0, i));
            }
            break;
        default:
            break;
        }
    }
    rest = {};
    return TextUtil::trim(value);
}

const HeaderField *topViaField(const SipMessage &message)
{
    for (const HeaderField &field : message.headers()) {
        if (field.id == HeaderId::Via)
            return &field;
    }
    return nullptr;
}

// Replaces the first Via value with `value`, keeping every other Via value in place.
bool replaceTopVia(SipMessage &message, const std::string &value, std::string *error)
{
    const HeaderField *field = topViaField(message);
    if (!field) {
        if (error)
            *error = "the message has no Via";
        return false;
    }
    std::string_view restView;
    firstValue(field->value, restView);
    const std::string rest(restView);
    SipMessage copy = message;
    if (!copy.removeFirstHeader("Via"))
        return false;
    if (!rest.empty() && !copy.prependHeader("Via", rest, error))
        return false;
    if (!copy.prependHeader("Via", value, error))
        return false;
    message = std::move(copy);
    return true;
}

std::string sentByText(std::string_view host, int port)
{
    std::string out(host);
    if (port >= 0) {
        out.push_back(':');
        out += std::to_string(port);
    }
    return out;
}

void appendParam(std::string &out, std::string_view name, std::string_view value, bool hasValue)
{
    out.push_back(';');
    out += name;
    if (hasValue) {
        out.push_back('=');
        out += value;
    }
}

int defaultPort(TransportType transport)
{
    return transport == TransportType::Tls ? 5061 : 5060;
}

std::optional<TransportType> transportFromToken(std::string_view token)
{
    if (TextUtil::equalsIgnoreCase(token, "UDP"))
        return TransportType::Udp;
    if (TextUtil::equalsIgnoreCase(token, "TCP"))
        return TransportType::Tcp;
    if (TextUtil::equalsIgnoreCase(token, "TLS"))
        return TransportType::Tls;
    return std::nullopt;
}

std::string sanitizedReason(std::string_view reason)
{
    std::string out;
    for (char c : reason) {
        if (out.size() >= 160)
            break;
        const auto u = static_cast<unsigned char>(c);
        out.push_back(u >= 0x20 && u < 0x7f ? c : ' ');
    }
    out = std::string(TextUtil::trim(out));
    return out.empty() ? std::string("Bad Request") : out;
}

} // namespace

QHostAddress normalizedAddress(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        bool ok = false;
        const quint32 v4 = address.toIPv4Address(&ok);
        if (ok)
            return QHostAddress(v4);
    }
    return address;
}

Endpoint normalized(Endpoint endpoint)
{
    endpoint.address = normalizedAddress(endpoint.address);
    return endpoint;
}

std::string hostText(const QHostAddress &address)
{
    const QHostAddress a = normalizedAddress(address);
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        QHostAddress plain = a;
        plain.setScopeId(QString());
        return "[" + plain.toString().toStdString() + "]";
    }
    return a.toString().toStdString();
}

QHostAddress parseHostLiteral(std::string_view host)
{
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (host.empty())
        return {};
    const bool v6 = host.find(':') != std::string_view::npos;
    if (!v6 && !SipUri::isIPv4Address(host))
        return {};
    if (v6 && !SipUri::isIPv6Address(host))
        return {};
    return normalizedAddress(QHostAddress(QString::fromLatin1(host.data(), static_cast<qsizetype>(host.size()))));
}

bool setTopViaSentBy(SipMessage &request, TransportType transport, const QHostAddress &address,
                     quint16 port, std::string *error)
{
    const auto vias = request.vias();
    if (vias.empty()) {
        if (error)
            *error = "the request has no Via";
        return false;
    }
    const Via &via = vias.front();
    std::string value(via.protocolName());
    value.push_back('/');
    value += via.protocolVersion();
    value.push_back('/');
    value += transportName(transport);
    value.push_back(' ');
    value += sentByText(hostText(address), port);
    if (!via.hasRport())
        value += ";rport";
    via.params().forEach([&](const Param &p) {
        appendParam(value, p.name, p.value, p.hasValue);
        return true;
    });
    return replaceTopVia(request, value, error);
}

bool addReceivedAndRport(SipMessage &request, const QHostAddress &source, quint16 sourcePort)
{
    const auto vias = request.vias();
    if (vias.empty() || source.isNull())
        return false;
    const Via &via = vias.front();
    const QHostAddress from = normalizedAddress(source);
    const QHostAddress sentBy = parseHostLiteral(via.host());
    const bool needReceived = sentBy.isNull() || sentBy != from;
    const bool fillRport = via.hasRport() && via.rport() == 0;
    const bool hasReceived = !via.received().empty();
    if (!fillRport && !needReceived && !hasReceived)
        return false;

    QHostAddress plain = from;
    plain.setScopeId(QString());
    const std::string received = plain.toString().toStdString(); // bare, as §25.1's grammar has it
    std::string value(via.protocolName());
    value.push_back('/');
    value += via.protocolVersion();
    value.push_back('/');
    value += via.transport();
    value.push_back(' ');
    value += sentByText(via.host(), via.port());
    via.params().forEach([&](const Param &p) {
        if (TextUtil::equalsIgnoreCase(p.name, "received")) {
            if (needReceived)
                appendParam(value, "received", received, true);
            // else: a stale 'received' the sender had no business adding; drop it.
        } else if (TextUtil::equalsIgnoreCase(p.name, "rport") && !p.hasValue) {
            appendParam(value, "rport", std::to_string(sourcePort), true);
        } else {
            appendParam(value, p.name, p.value, p.hasValue);
        }
        return true;
    });
    if (needReceived && !hasReceived)
        appendParam(value, "received", received, true);
    return replaceTopVia(request, value, nullptr);
}

Endpoint responseDestination(const IncomingMessage &request)
{
    if (isReliable(request.source.transport))
        return request.source;
    Endpoint to = request.source;
    const auto vias = request.message.vias();
    if (vias.empty())
        return to;
    const Via &via = vias.front();
    QHostAddress address = parseHostLiteral(via.received());
    if (address.isNull())
        address = parseHostLiteral(via.host());
    if (!address.isNull())
        to.address = address;
    if (via.rport() > 0)
        to.port = static_cast<quint16>(via.rport());
    else if (via.port() > 0)
        to.port = static_cast<quint16>(via.port());
    else
        to.port = static_cast<quint16>(defaultPort(to.transport));
    return to;
}

std::optional<Endpoint> publicAddress(const SipMessage &response)
{
    const auto vias = response.vias();
    if (vias.empty())
        return std::nullopt;
    const Via &via = vias.front();
    if (via.received().empty() && via.rport() <= 0)
        return std::nullopt;
    Endpoint out;
    out.transport = transportFromToken(via.transport()).value_or(TransportType::Udp);
    out.address = parseHostLiteral(via.received().empty() ? via.host() : via.received());
    if (out.address.isNull())
        return std::nullopt;
    if (via.rport() > 0)
        out.port = static_cast<quint16>(via.rport());
    else if (via.port() > 0)
        out.port = static_cast<quint16>(via.port());
    else
        out.port = static_cast<quint16>(defaultPort(out.transport));
    return out;
}

bool looksLikeRequest(std::string_view bytes)
{
    size_t i = 0;
    while (i < bytes.size() && (bytes[i] == '\r' || bytes[i] == '\n'))
        ++i;
    return i < bytes.size() && bytes.substr(i, 4) != "SIP/";
}

SipMessage buildErrorResponse(std::string_view raw, int statusCode, std::string_view reason)
{
    if (statusCode < 300 || statusCode > 699 || !looksLikeRequest(raw))
        return {};
    // Header lines, unfolded, up to the empty line; the start line is skipped.
    struct Line
    {
        HeaderId id;
        std::string value;
    };
    std::vector<Line> lines;
    size_t pos = 0;
    while (pos < raw.size() && (raw[pos] == '\r' || raw[pos] == '\n'))
        ++pos;
    bool startLine = true;
    while (pos < raw.size() && lines.size() < 512) {
        size_t eol = raw.find('\n', pos);
        if (eol == std::string_view::npos)
            eol = raw.size();
        std::string_view line = raw.substr(pos, eol - pos);
        pos = eol + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty())
            break;
        if (startLine) {
            startLine = false;
            continue;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            if (!lines.empty() && lines.back().value.size() < 8192) {
                lines.back().value.push_back(' ');
                lines.back().value += TextUtil::trim(line);
            }
            continue;
        }
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const HeaderId id = HeaderName::lookup(TextUtil::trim(line.substr(0, colon)));
        if (id == HeaderId::Via || id == HeaderId::From || id == HeaderId::To
            || id == HeaderId::CallId || id == HeaderId::CSeq)
            lines.push_back({ id, std::string(TextUtil::trim(line.substr(colon + 1))) });
    }

    SipMessage response = SipMessage::createResponse(statusCode, sanitizedReason(reason));
    bool have[5] = {};
    const HeaderId order[5] = { HeaderId::Via, HeaderId::From, HeaderId::To, HeaderId::CallId, HeaderId::CSeq };
    for (int k = 0; k < 5; ++k) {
        for (const Line &line : lines) {
            if (line.id != order[k])
                continue;
            if (k > 0 && have[k])
                continue; // one From/To/Call-ID/CSeq
            if (!response.addHeader(HeaderName::canonical(line.id), line.value)) {
                // A From/To whose display name is broken (RFC 4475 §3.1.2.6) still names
                // its <URI> and tag: keep those so the peer can match the 400 to its request.
                const bool address = line.id == HeaderId::From || line.id == HeaderId::To;
                const size_t open = line.value.find('<');
                const size_t close = line.value.find('>', open == std::string::npos ? 0 : open);
                if (!address || open == std::string::npos || close == std::string::npos
                    || !response.addHeader(HeaderName::canonical(line.id), line.value.substr(open)))
                    return {};
            }
            have[k] = true;
        }
        if (!have[k])
            return {};
    }
    if (response.cseq() && response.cseq()->method() == "ACK")
        return {};
    if (response.to() && response.to()->tag().empty()) {
        const std::string to(response.header("To"));
        const std::string tag = QByteArray::number(QRandomGenerator::global()->generate(), 16).toStdString();
        if (!response.setHeader("To", to + ";tag=" + tag))
            return {};
    }
    response.setHeader("Content-Length", "0");
    return response;
}

} // namespace Sip::ViaRouting
