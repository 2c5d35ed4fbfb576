// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/MediaDescription.h"

#include "sdp/SdpText.h"

#include <algorithm>

namespace Sip {

bool MediaDescription::isRtp() const
{
    return proto.find("RTP/") != std::string::npos;
}

bool MediaDescription::isSecureRtpProfile() const
{
    return proto == "RTP/SAVP" || proto == "RTP/SAVPF";
}

bool MediaDescription::isDtlsProfile() const
{
    return proto.rfind("UDP/TLS/", 0) == 0 || proto.rfind("TCP/TLS/", 0) == 0
        || proto.rfind("TCP/DTLS/", 0) == 0;
}

std::vector<int> MediaDescription::payloadTypes() const
{
    std::vector<int> out;
    for (const auto &f : formats) {
        if (const auto pt = SdpText::toInt(f, 127))
            out.push_back(*pt);
    }
    return out;
}

bool MediaDescription::hasPayloadType(int pt) const
{
    const auto pts = payloadTypes();
    return std::find(pts.begin(), pts.end(), pt) != pts.end();
}

bool MediaDescription::hasAttribute(std::string_view name) const
{
    return std::any_of(attributes.begin(), attributes.end(),
                       [name](const SdpAttribute &a) { return a.name == name; });
}

std::optional<std::string> MediaDescription::attribute(std::string_view name) const
{
    for (const auto &a : attributes) {
        if (a.name == name)
            return a.value;
    }
    return std::nullopt;
}

std::vector<std::string> MediaDescription::attributeValues(std::string_view name) const
{
    std::vector<std::string> out;
    for (const auto &a : attributes) {
        if (a.name == name)
            out.push_back(a.value);
    }
    return out;
}

void MediaDescription::removeAttributes(std::string_view name)
{
    std::erase_if(attributes, [name](const SdpAttribute &a) { return a.name == name; });
}

std::vector<SdpRtpMap> MediaDescription::rtpMaps() const
{
    std::vector<SdpRtpMap> out;
    for (const auto &a : attributes) {
        if (a.name == "rtpmap") {
            if (auto m = SdpRtpMap::parse(a.value, nullptr))
                out.push_back(std::move(*m));
        }
    }
    return out;
}

std::optional<SdpRtpMap> MediaDescription::codec(int pt) const
{
    for (const auto &a : attributes) {
        if (a.name != "rtpmap")
            continue;
        auto m = SdpRtpMap::parse(a.value, nullptr);
        if (m && m->payloadType == pt)
            return m;
    }
    // RFC 3551 §6: static payload types need no rtpmap (dynamic ones, 96-127, do).
    if (pt < 96)
        return SdpRtpMap::staticPayloadType(pt);
    return std::nullopt;
}

std::optional<SdpFmtp> MediaDescription::fmtp(int pt) const
{
    for (const auto &a : attributes) {
        if (a.name != "fmtp")
            continue;
        auto f = SdpFmtp::parse(a.value, nullptr);
        if (f && f->payloadType == pt)
            return f;
    }
    return std::nullopt;
}

static std::optional<int> positiveAttribute(const MediaDescription &m, std::string_view name)
{
    const auto v = m.attribute(name);
    if (!v)
        return std::nullopt;
    // Some phones write "a=ptime:20.0"; the grammar is 1*DIGIT, take the integer part.
    std::string_view text = SdpText::trim(*v);
    if (const auto dot = text.find('.'); dot != std::string_view::npos)
        text = text.substr(0, dot);
    const auto n = SdpText::toInt(text, 100000);
    if (!n || *n == 0)
        return std::nullopt;
    return n;
}

std::optional<int> MediaDescription::ptime() const
{
    return positiveAttribute(*this, "ptime");
}

std::optional<int> MediaDescription::maxptime() const
{
    return positiveAttribute(*this, "maxptime");
}

std::optional<SdpDirection> MediaDescription::direction() const
{
    for (const auto &a : attributes) {
        if (a.hasValue)
            continue;
        if (const auto d = SdpDirections::fromName(a.name))
            return d;
    }
    return std::nullopt;
}

void MediaDescription::setDirection(SdpDirection direction)
{
    std::erase_if(attributes, [](const SdpAttribute &a) {
        return !a.hasValue && SdpDirections::fromName(a.name).has_value();
    });
    addProperty(std::string(SdpDirections::name(direction)));
}

std::optional<SdpRtcp> MediaDescription::rtcp() const
{
    const auto v = attribute("rtcp");
    if (!v)
        return std::nullopt;
    return SdpRtcp::parse(*v, nullptr);
}

std::vector<SdpCrypto> MediaDescription::cryptos() const
{
    std::vector<SdpCrypto> out;
    for (const auto &a : attributes) {
        if (a.name == "crypto") {
            if (auto c = SdpCrypto::parse(a.value, nullptr))
                out.push_back(std::move(*c));
        }
    }
    return out;
}

const SdpConnection *MediaDescription::connection(const std::optional<SdpConnection> &sessionLevel) const
{
    if (!connections.empty())
        return &connections.front();
    return sessionLevel ? &*sessionLevel : nullptr;
}

void MediaDescription::appendTo(std::string &out) const
{
    out += "m=" + media + ' ' + std::to_string(port);
    if (portCount)
        out += '/' + std::to_string(*portCount);
    out += ' ' + proto;
    for (const auto &f : formats)
        out += ' ' + f;
    out += "\r\n";
    if (information)
        out += "i=" + *information + "\r\n";
    for (const auto &c : connections)
        out += "c=" + c.toString() + "\r\n";
    for (const auto &b : bandwidths)
        out += "b=" + b.toString() + "\r\n";
    if (key)
        out += "k=" + *key + "\r\n";
    for (const auto &a : attributes)
        out += "a=" + a.toString() + "\r\n";
}

} // namespace Sip
