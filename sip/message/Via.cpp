// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Via.h"

#include "SipUri.h"
#include "TextUtil.h"

namespace Sip {

namespace {

// RFC 3261 §20.42 / RFC 5118 §4.5: received is an IPv4 or IPv6 address, the latter
// with or without brackets.
bool isAddress(std::string_view text)
{
    if (text.size() > 2 && text.front() == '[' && text.back() == ']')
        return SipUri::isIPv6Address(text.substr(1, text.size() - 2));
    return SipUri::isIPv4Address(text) || SipUri::isIPv6Address(text);
}

bool isHostOrAddress(std::string_view host)
{
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        return SipUri::isIPv6Address(host.substr(1, host.size() - 2));
    return SipUri::isIPv4Address(host) || SipUri::isIPv6Address(host) || SipUri::isHostName(host);
}

} // namespace

bool Via::parse(Scanner &s, Via &out)
{
    out = Via();
    s.skipSpace();
    out.m_protocolName = s.token();
    if (out.m_protocolName.empty() || !s.consume('/')) {
        s.fail("Via: malformed sent-protocol");
        return false;
    }
    out.m_protocolVersion = s.token();
    if (out.m_protocolVersion.empty() || !s.consume('/')) {
        s.fail("Via: malformed sent-protocol");
        return false;
    }
    out.m_transport = s.token();
    if (out.m_transport.empty()) {
        s.fail("Via: missing transport");
        return false;
    }
    if (!s.skipSpace()) {
        s.fail("Via: expected white space before sent-by");
        return false;
    }
    if (s.peek() == '[') {
        const char *start = s.position();
        while (!s.atEnd() && s.peek() != ']')
            s.advance();
        if (!s.consumeExact(']')) {
            s.fail("Via: unterminated IPv6 reference in sent-by");
            return false;
        }
        out.m_host = std::string_view(start, static_cast<size_t>(s.position() - start));
        if (!SipUri::isIPv6Address(out.m_host.substr(1, out.m_host.size() - 2))) {
            s.fail("Via: invalid IPv6 address in sent-by");
            return false;
        }
    } else {
        out.m_host = s.takeWhile(CharClass::HostChar);
        if (out.m_host.empty() || !(SipUri::isIPv4Address(out.m_host) || SipUri::isHostName(out.m_host))) {
            s.fail("Via: missing or invalid sent-by host");
            return false;
        }
    }
    if (s.consume(':')) {
        const auto port = TextUtil::parseUnsigned(s.takeWhile(CharClass::Digit), 65535);
        if (!port) {
            s.fail("Via: invalid sent-by port");
            return false;
        }
        out.m_port = static_cast<int>(*port);
    }
    out.m_params = ParamList::parseHeaderParams(s, "Via", [&](const Param &p) {
        const std::string_view n = p.name;
        if (TextUtil::equalsIgnoreCase(n, "branch")) {
            if (!p.hasValue || p.value.front() == '"')
                s.fail("Via: branch needs a token value");
            out.m_branch = p.value;
        } else if (TextUtil::equalsIgnoreCase(n, "received")) {
            if (!p.hasValue || !isAddress(p.value))
                s.fail("Via: received must be an IP address");
            out.m_received = p.value;
        } else if (TextUtil::equalsIgnoreCase(n, "rport")) {
            if (!p.hasValue) {
                out.m_rport = 0;
            } else {
                const auto port = TextUtil::parseUnsigned(p.value, 65535);
                if (!port)
                    s.fail("Via: rport must be a port number");
                else
                    out.m_rport = static_cast<int>(*port);
            }
        } else if (TextUtil::equalsIgnoreCase(n, "maddr")) {
            if (!p.hasValue || !isHostOrAddress(p.value))
                s.fail("Via: maddr must be a host");
            out.m_maddr = p.value;
        } else if (TextUtil::equalsIgnoreCase(n, "ttl")) {
            const auto ttl = p.hasValue ? TextUtil::parseUnsigned(p.value, 255) : std::nullopt;
            if (!ttl)
                s.fail("Via: ttl must be 0-255");
            else
                out.m_ttl = static_cast<int>(*ttl);
        }
    });
    return !s.failed();
}

std::string Via::format(std::string_view transport, std::string_view host, int port,
                        std::string_view branch, bool rport)
{
    std::string out = "SIP/2.0/";
    out += transport;
    out.push_back(' ');
    const bool bareIPv6 = host.find(':') != std::string_view::npos && host.front() != '[';
    if (bareIPv6)
        out.push_back('[');
    out += host;
    if (bareIPv6)
        out.push_back(']');
    if (port > 0) {
        out.push_back(':');
        out += std::to_string(port);
    }
    if (rport)
        out += ";rport";
    out += ";branch=";
    out += branch;
    return out;
}

} // namespace Sip
