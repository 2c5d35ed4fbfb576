// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message/SipMessage.h"
#include "transport/Endpoint.h"

#include <string>
#include <string_view>

namespace Sip {

/// Stateless message builders of the transaction layer (and for the TU).
///
/// None of them needs a transaction: they only copy what RFC 3261 says must be copied.
/// Every message they build ends with "Content-Length: 0"; setBody() replaces it.

// "z9hG4bK" + 96 random bits in hex (§8.1.1.7: the magic cookie plus a value unique
// across space and time; RFC 3261 asks for at least 32 bits of randomness, we give 96).
std::string newBranch();
// 64 random bits in hex, for From and To tags (§19.3 asks for at least 32).
std::string newTag();

// The reason phrase RFC 3261 §21 (and later RFCs) give a status code, "" if unknown.
std::string_view defaultReasonPhrase(int statusCode);

// Builds a response to `request` as §8.2.6 says: copies every Via (in order), From, To,
// Call-ID and CSeq, and adds a To tag when the request's To has none and the status is
// above 100: `toTag` when given, else a fresh newTag(). A 100 also copies Timestamp
// (§8.2.6.1). Record-Route is copied (§12.1.1) into 101-299 responses to the requests
// that can create a dialog (INVITE, SUBSCRIBE, REFER, NOTIFY) when they carry no To tag;
// nothing else is. An empty reason phrase means defaultReasonPhrase(statusCode).
// Null when `request` is not a request.
SipMessage makeResponse(const SipMessage &request, int statusCode,
                        std::string_view reasonPhrase = {}, std::string_view toTag = {});

// A response the transaction layer made up on the TU's behalf (408 for Timer B/F, 503
// for a transport error, §8.1.3.1): like makeResponse() but never adds a To tag, so it
// cannot be mistaken for the start of a dialog.
SipMessage makeSyntheticResponse(const SipMessage &request, int statusCode,
                                 std::string_view reasonPhrase = {});

// The ACK an INVITE client transaction sends for a 300-699 response (§17.1.1.3):
// Request-URI, Call-ID and From of the INVITE, CSeq with the INVITE's number and method
// ACK, the INVITE's top Via only, To from the response (with its tag), the INVITE's Route
// header fields, Max-Forwards: 70.
SipMessage makeNon2xxAck(const SipMessage &invite, const SipMessage &response);

// A CANCEL for `invite` (§9.1): Request-URI, Call-ID, From, To (without any tag a
// response added) and CSeq number of the INVITE with method CANCEL, the INVITE's top Via
// only (so the same branch), its Route header fields, Max-Forwards: 70. A non-empty
// `reason` becomes a Reason header field (RFC 3326), e.g. "SIP;cause=200;text=\"...\"".
SipMessage makeCancel(const SipMessage &invite, std::string_view reason = {});

// Prepends a top Via "SIP/2.0/<transport> 0.0.0.0;rport;branch=<branch>" (a fresh
// newBranch() when `branch` is empty). The transport overwrites the placeholder sent-by
// with the socket it actually uses (§18.1.1). False when the edit was refused.
bool addTopVia(SipMessage &request, TransportType transport, std::string_view branch = {});

// One Via value as text ("SIP/2.0/UDP host:port;params"), e.g. to copy only the top Via
// of a header field that carries several.
std::string formatVia(const Via &via);

} // namespace Sip
