// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpConnection.h"

#include "message/SipUri.h"
#include "sdp/SdpText.h"

namespace Sip {

namespace {

bool fail(std::string *error, std::string reason)
{
    if (error)
        *error = std::move(reason);
    return false;
}

bool isIPv4Multicast(std::string_view a)
{
    // 224.0.0.0/4 (RFC 5771).
    const auto dot = a.find('.');
    const auto first = SdpText::toInt(a.substr(0, dot), 255);
    return first && *first >= 224 && *first <= 239;
}

} // namespace

SdpConnection SdpConnection::ip(std::string address)
{
    SdpConnection c;
    c.addrType = address.find(':') != std::string::npos ? "IP6" : "IP4";
    c.address = std::move(address);
    return c;
}

bool SdpConnection::isMulticast() const
{
    if (isIPv4())
        return SipUri::isIPv4Address(address) && isIPv4Multicast(address);
    if (isIPv6())
        return address.size() >= 2 && (address[0] == 'f' || address[0] == 'F')
            && (address[1] == 'f' || address[1] == 'F');
    return false;
}

bool SdpConnection::isNullAddress() const
{
    return address == "0.0.0.0" || address == "::";
}

std::optional<SdpConnection> SdpConnection::parse(std::string_view value, std::string *error)
{
    const auto words = SdpText::splitWords(value, 4);
    if (words.size() != 3) {
        fail(error, "c= needs <nettype> <addrtype> <address>");
        return std::nullopt;
    }
    SdpConnection c;
    c.netType = std::string(words[0]);
    c.addrType = std::string(words[1]);
    std::string_view addr = words[2];
    std::string_view suffix;
    if (const auto slash = addr.find('/'); slash != std::string_view::npos) {
        suffix = addr.substr(slash + 1);
        addr = addr.substr(0, slash);
    }
    if (addr.empty()) {
        fail(error, "c= address is empty");
        return std::nullopt;
    }
    c.address = std::string(addr);

    if (c.netType != "IN") {
        // Other network types (RFC 8866 §8.2.6 registry) are kept as written.
        if (!suffix.empty())
            c.address += '/' + std::string(suffix);
        return c;
    }
    if (c.isIPv4()) {
        if (!SipUri::isIPv4Address(addr) && !SipUri::isHostName(addr)) {
            fail(error, "invalid IP4 address " + SdpText::quoteForError(addr));
            return std::nullopt;
        }
        if (!suffix.empty()) {
            // RFC 8866 §5.7: <base multicast address>[/<ttl>]+[/<number of addresses>].
            const auto slash = suffix.find('/');
            const auto ttl = SdpText::toInt(suffix.substr(0, slash), 255);
            if (!ttl) {
                fail(error, "invalid multicast TTL " + SdpText::quoteForError(suffix));
                return std::nullopt;
            }
            c.ttl = *ttl;
            if (slash != std::string_view::npos) {
                const auto n = SdpText::toInt(suffix.substr(slash + 1), 65535);
                if (!n || *n < 1) {
                    fail(error, "invalid number of multicast addresses");
                    return std::nullopt;
                }
                c.numberOfAddresses = *n;
            }
        }
    } else if (c.isIPv6()) {
        if (!SipUri::isIPv6Address(addr) && !SipUri::isHostName(addr)) {
            fail(error, "invalid IP6 address " + SdpText::quoteForError(addr));
            return std::nullopt;
        }
        if (!suffix.empty()) {
            const auto n = SdpText::toInt(suffix, 65535);
            if (!n || *n < 1) {
                fail(error, "invalid number of multicast addresses");
                return std::nullopt;
            }
            c.numberOfAddresses = *n;
        }
    } else if (!suffix.empty()) {
        c.address += '/' + std::string(suffix);
    }
    return c;
}

std::string SdpConnection::toString() const
{
    std::string out = netType + ' ' + addrType + ' ' + address;
    if (ttl)
        out += '/' + std::to_string(*ttl);
    if (numberOfAddresses)
        out += '/' + std::to_string(*numberOfAddresses);
    return out;
}

} // namespace Sip
