// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message/SipMessage.h"

#include <string>
#include <string_view>

namespace Sip {

/// The keys TransactionLayer files transactions under, as plain strings (one hash map
/// per direction). An empty key means "cannot be matched" (no Via or no CSeq).
namespace TransactionKey {

// §17.1.3: a response belongs to the client transaction whose request had the same top
// Via branch and whose method equals the response's CSeq method (so the responses to a
// CANCEL never reach the INVITE it cancels, though both share the branch).
std::string client(std::string_view branch, std::string_view method);
std::string forResponse(const SipMessage &response);

// §17.2.3: a request belongs to a server transaction when the top Via branch and sent-by
// (host, case-insensitive, and port, the transport's default when absent) and the method
// are equal, where an ACK counts as INVITE. `method` overrides the request's method
// (TransactionLayer uses "INVITE" to find the INVITE a CANCEL refers to, §9.2).
//
// Requests whose branch lacks the magic cookie (RFC 2543 peers) get a fallback key from
// the Request-URI, From tag, Call-ID, CSeq number and top Via (sent-by and branch), again
// with ACK counting as INVITE. The To tag that §17.2.3 also compares is left out, since
// an ACK carries the tag of the response rather than of the INVITE.
std::string forRequest(const SipMessage &request, std::string_view method = {});

// The key an ACK for a 2xx shares with the 2xx it acknowledges (§13.2.2.4, §12.2.1.1):
// Call-ID, From tag, To tag and CSeq number. It has its own branch, so §17.2.3 matching
// never finds the INVITE server transaction. Empty when the message has no To tag.
std::string forDialogAck(const SipMessage &message);

} // namespace TransactionKey
} // namespace Sip
