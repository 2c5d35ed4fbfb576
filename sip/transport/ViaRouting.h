// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MessageChannel.h"

#include <optional>
#include <string>
#include <string_view>

namespace Sip {

/// Via handling of the transport layer (RFC 3261 §18, RFC 3581), as free functions so
/// that they can be tested without sockets and reused by whoever builds on them.
namespace ViaRouting {

// An IPv4-mapped IPv6 address (what a dual-stack socket reports for an IPv4 peer)
// becomes the IPv4 address; anything else is returned unchanged.
QHostAddress normalizedAddress(const QHostAddress &address);
Endpoint normalized(Endpoint endpoint);

// "127.0.0.1" / "[::1]": an address as it appears in a Via sent-by or a URI host.
std::string hostText(const QHostAddress &address);
// Parses a Via/URI host that is an IP literal (IPv6 with or without brackets); null
// for a host name.
QHostAddress parseHostLiteral(std::string_view host);

// Client side (§18.1.1, RFC 3581 §3): sets the transport token and the sent-by of the
// request's top Via to the socket actually used and adds an empty 'rport' when absent.
// Other Via values and parameters (branch, ...) are kept. False when there is no Via or
// the edit was refused.
bool setTopViaSentBy(SipMessage &request, TransportType transport, const QHostAddress &address,
                     quint16 port, std::string *error = nullptr);

// Server side (§18.2.1, RFC 3581 §4): adds 'received=<source address>' to the top Via
// when its sent-by host differs from the source address, and fills an empty 'rport'
// with the source port. Returns true when the message was changed.
bool addReceivedAndRport(SipMessage &request, const QHostAddress &source, quint16 sourcePort);

// Where the responses to `request` go (§18.2.2, RFC 3581 §4). Reliable transports: the
// connection the request came on (its source). UDP: the 'received' address (else the
// sent-by host when it is an IP literal, else the source address) and the 'rport' port
// (else the sent-by port, else 5060).
Endpoint responseDestination(const IncomingMessage &request);

// The address the next hop saw our request come from, read from the top Via of a
// response: 'received' (else the sent-by host) and 'rport' (else the sent-by port).
// Nothing when the Via has neither 'received' nor an 'rport' value, or the address is
// not an IP literal. The transport is the Via's transport token.
std::optional<Endpoint> publicAddress(const SipMessage &response);

// True when the bytes start (after leading CRLFs) with something other than "SIP/", i.e.
// would be a request rather than a response.
bool looksLikeRequest(std::string_view bytes);

// A best-effort error response to a request that failed to parse: the status and the
// parser's reason, with the Via, From, To (plus a tag), Call-ID and CSeq header lines
// scanned from the raw bytes. Null when those are missing or unusable, or for an ACK
// (which is never answered).
SipMessage buildErrorResponse(std::string_view raw, int statusCode, std::string_view reason);

} // namespace ViaRouting
} // namespace Sip
