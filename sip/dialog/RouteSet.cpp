// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RouteSet.h"

#include "message/SipMessage.h"
#include "message/TextUtil.h"

#include <algorithm>

namespace Sip {

namespace {

bool fail(std::string *error, std::string reason)
{
    if (error)
        *error = std::move(reason);
    return false;
}

RouteSet::Entry entryFor(const NameAddr &address)
{
    RouteSet::Entry entry;
    entry.uri = address.uri().toString();
    entry.value = NameAddr::format(address.displayNameText(), entry.uri, address.params().text());
    return entry;
}

} // namespace

RouteSet RouteSet::fromRecordRoute(const SipMessage &message, bool reversed)
{
    RouteSet set;
    for (const NameAddr &address : message.recordRoutes())
        set.m_entries.push_back(entryFor(address));
    if (reversed)
        std::reverse(set.m_entries.begin(), set.m_entries.end());
    return set;
}

RouteSet RouteSet::fromRequest(const SipMessage &request)
{
    return fromRecordRoute(request, false);
}

RouteSet RouteSet::fromResponse(const SipMessage &response)
{
    return fromRecordRoute(response, true);
}

std::optional<RouteSet> RouteSet::fromValues(const std::vector<std::string> &values,
                                             std::string *error)
{
    // The message parser validates each value exactly as it would a received Route.
    SipMessage scratch = SipMessage::createRequest("OPTIONS", "sip:invalid");
    for (const std::string &value : values) {
        // A bare URI would lose its parameters ("sip:p;lr" reads as addr-spec + header
        // parameter), so it is put in angle brackets first.
        const std::string text
                = value.find('<') == std::string::npos ? NameAddr::format({}, value) : value;
        std::string reason;
        if (!scratch.addHeader("Route", text, &reason)) {
            fail(error, "bad route \"" + value + "\": " + reason);
            return std::nullopt;
        }
    }
    RouteSet set;
    for (const NameAddr &address : scratch.routes())
        set.m_entries.push_back(entryFor(address));
    return set;
}

std::vector<std::string> RouteSet::uris() const
{
    std::vector<std::string> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        out.push_back(e.uri);
    return out;
}

bool RouteSet::isStrict() const
{
    if (m_entries.empty())
        return false;
    SipUri first;
    if (!SipUri::parse(m_entries.front().uri, first, nullptr))
        return true;
    return !first.hasLooseRoute();
}

bool RouteSet::applyTo(SipMessage &request, std::string_view remoteTarget, std::string *error) const
{
    request.removeHeader("Route");
    std::string reason;
    if (!isStrict()) {
        // §12.2.1.1, loose routing (or no route set): the remote target is the
        // Request-URI and the whole set goes into Route.
        if (!request.setRequestUri(requestUriForm(remoteTarget), &reason))
            return fail(error, "bad remote target: " + reason);
        for (const Entry &e : m_entries) {
            if (!request.addHeader("Route", e.value, &reason))
                return fail(error, "bad route: " + reason);
        }
        return true;
    }
    // §12.2.1.1, strict routing: the first route becomes the Request-URI (parameters
    // not allowed there stripped), the remote target the last Route value (§16.12.1.2).
    if (!request.setRequestUri(requestUriForm(m_entries.front().uri), &reason))
        return fail(error, "bad first route: " + reason);
    for (size_t i = 1; i < m_entries.size(); ++i) {
        if (!request.addHeader("Route", m_entries[i].value, &reason))
            return fail(error, "bad route: " + reason);
    }
    if (!request.addHeader("Route", NameAddr::format({}, remoteTarget), &reason))
        return fail(error, "bad remote target: " + reason);
    return true;
}

std::string RouteSet::nextHop(std::string_view remoteTarget) const
{
    return m_entries.empty() ? std::string(remoteTarget) : m_entries.front().uri;
}

std::string RouteSet::requestUriForm(std::string_view text)
{
    SipUri uri;
    if (!SipUri::parse(text, uri, nullptr) || !uri.isSipOrSips())
        return std::string(text);
    if (uri.headers().empty() && !uri.params().contains("method"))
        return std::string(text);
    // Everything before the parameters (or the '?' of the headers), then every
    // parameter but "method" (§19.1.1 table 1: "method" and headers are not allowed in
    // a Request-URI).
    const std::string_view whole = uri.text();
    size_t cut = whole.size();
    if (!uri.params().isEmpty())
        cut = size_t(uri.params().text().data() - whole.data());
    else if (!uri.headers().empty())
        cut = size_t(uri.headers().data() - whole.data()) - 1; // the '?'
    std::string out(whole.substr(0, cut));
    uri.params().forEach([&](const Param &p) {
        if (!TextUtil::equalsIgnoreCase(p.name, "method")) {
            out.push_back(';');
            out.append(p.name);
            if (p.hasValue) {
                out.push_back('=');
                out.append(p.value);
            }
        }
        return true;
    });
    return out;
}

} // namespace Sip
