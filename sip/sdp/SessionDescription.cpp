// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SessionDescription.h"

#include <algorithm>

namespace Sip {

bool SessionDescription::hasAttribute(std::string_view name) const
{
    return std::any_of(attributes.begin(), attributes.end(),
                       [name](const SdpAttribute &a) { return a.name == name; });
}

std::optional<std::string> SessionDescription::attribute(std::string_view name) const
{
    for (const auto &a : attributes) {
        if (a.name == name)
            return a.value;
    }
    return std::nullopt;
}

std::optional<SdpDirection> SessionDescription::direction() const
{
    for (const auto &a : attributes) {
        if (a.hasValue)
            continue;
        if (const auto d = SdpDirections::fromName(a.name))
            return d;
    }
    return std::nullopt;
}

void SessionDescription::setDirection(SdpDirection direction)
{
    std::erase_if(attributes, [](const SdpAttribute &a) {
        return !a.hasValue && SdpDirections::fromName(a.name).has_value();
    });
    attributes.push_back(SdpAttribute::property(std::string(SdpDirections::name(direction))));
}

SdpDirection SessionDescription::effectiveDirection(size_t index) const
{
    if (index < media.size()) {
        if (const auto d = media[index].direction())
            return *d;
    }
    return direction().value_or(SdpDirection::SendRecv);
}

const SdpConnection *SessionDescription::effectiveConnection(size_t index) const
{
    if (index >= media.size())
        return connection ? &*connection : nullptr;
    return media[index].connection(connection);
}

std::string SessionDescription::toString() const
{
    std::string out;
    out.reserve(512 + media.size() * 256);
    out += "v=" + std::to_string(version) + "\r\n";
    out += "o=" + origin.toString() + "\r\n";
    out += "s=" + (sessionName.empty() ? std::string(" ") : sessionName) + "\r\n";
    if (information)
        out += "i=" + *information + "\r\n";
    if (uri)
        out += "u=" + *uri + "\r\n";
    for (const auto &e : emails)
        out += "e=" + e + "\r\n";
    for (const auto &p : phones)
        out += "p=" + p + "\r\n";
    if (connection)
        out += "c=" + connection->toString() + "\r\n";
    for (const auto &b : bandwidths)
        out += "b=" + b.toString() + "\r\n";
    for (const auto &t : timings) {
        out += "t=" + t.toString() + "\r\n";
        for (const auto &r : t.repeats)
            out += "r=" + r + "\r\n";
    }
    if (timings.empty())
        out += "t=0 0\r\n"; // t= is mandatory (RFC 8866 §5.9)
    if (zone)
        out += "z=" + *zone + "\r\n";
    if (key)
        out += "k=" + *key + "\r\n";
    for (const auto &a : attributes)
        out += "a=" + a.toString() + "\r\n";
    for (const auto &m : media)
        m.appendTo(out);
    return out;
}

} // namespace Sip
