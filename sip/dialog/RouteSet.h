// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Sip {

class SipMessage;
class SipUri;

/// The route set of a dialog (RFC 3261 §12.1.1, §12.1.2) and how a request inside the
/// dialog is addressed with it (§12.2.1.1, loose and strict routing).
///
/// Entries are kept as text (owned), in the order the request visits them: entries()[0]
/// is the first hop.
class RouteSet
{
public:
    struct Entry
    {
        std::string value; // a Route header field value: "<sip:p1.example.com;lr>"
        std::string uri; // its URI alone: "sip:p1.example.com;lr"

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    RouteSet() = default;

    // UAS (§12.1.1): the Record-Route header field values of the request, in order.
    static RouteSet fromRequest(const SipMessage &request);
    // UAC (§12.1.2): the Record-Route header field values of the response, in reverse order.
    static RouteSet fromResponse(const SipMessage &response);
    // A configured or pre-existing route set (outbound proxy, RFC 3608 Service-Route):
    // Route header field values ("<sip:proxy.example.com;lr>", or a bare URI, taken as a
    // whole: "sip:p;lr" is <sip:p;lr>), first hop
    // first. Nullopt (with the reason) when one of them does not parse.
    static std::optional<RouteSet> fromValues(const std::vector<std::string> &values,
                                              std::string *error = nullptr);

    bool isEmpty() const { return m_entries.empty(); }
    int size() const { return int(m_entries.size()); }
    const std::vector<Entry> &entries() const { return m_entries; }
    // The URIs alone, first hop first.
    std::vector<std::string> uris() const;

    // §12.2.1.1: true when the set is not empty and its first URI has no "lr" parameter,
    // i.e. the next hop is a strict (RFC 2543) router.
    bool isStrict() const;

    // §12.2.1.1: sets the Request-URI and the Route header fields (replacing any) of a
    // request sent to `remoteTarget` inside the dialog:
    //   empty set          Request-URI = remote target, no Route
    //   first URI has lr   Request-URI = remote target, Route = the set, in order
    //   otherwise (strict) Request-URI = first URI (stripped of the parameters a
    //                      Request-URI may not carry), Route = the rest of the set
    //                      followed by <remote target>.
    // False (with the reason) when an edit is refused; the request may then be half done.
    bool applyTo(SipMessage &request, std::string_view remoteTarget,
                 std::string *error = nullptr) const;

    // §8.1.2: where a request addressed by applyTo() goes first: the first URI of the set,
    // or the remote target when the set is empty. Resolve it with RFC 3263.
    std::string nextHop(std::string_view remoteTarget) const;

    // The form of a URI a Request-URI may carry (§19.1.1, table 1): without the "method"
    // parameter and without headers. Other schemes are returned unchanged; text that
    // does not parse is returned as it is.
    static std::string requestUriForm(std::string_view uri);

    friend bool operator==(const RouteSet &, const RouteSet &) = default;

private:
    static RouteSet fromRecordRoute(const SipMessage &message, bool reversed);

    std::vector<Entry> m_entries;
};

} // namespace Sip
