// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/CredentialCache.h"
#include "auth/DigestResponder.h"
#include "message/SipMessage.h"

#include <QSet>

namespace Sip {

/// Answers 401/407 challenges for any request (RFC 3261 §22.2, §22.3): adds the
/// Authorization or Proxy-Authorization header computed from the cached credentials.
/// It refuses to answer the same nonce twice unless the server said stale=true, so a
/// wrong password surfaces once as an error instead of looping.
///
/// A challenge it answered is remembered in the (account's) CredentialCache, and
/// preauthorize() answers it again, with the next nonce count, in the next request of
/// any usage of the account: a REGISTER's challenge spares the SUBSCRIBE a 401 round
/// trip, and the other way round (RFC 3261 §22.3, RFC 7616 §3.4). A server that does
/// not take a nonce twice just challenges again, with a new nonce or stale=true.
class RequestAuthenticator
{
public:
    explicit RequestAuthenticator(CredentialCache &credentials);

    enum class Outcome { Retry, WrongCredentials, Unanswerable };

    // Given the request that was challenged and the challenge response, fills `retry` with
    // the request to send again (CSeq incremented by the caller) and says what to do.
    Outcome answer(const SipMessage &request, const SipMessage &challenge, SipMessage &retry,
                   QString *reason);
    // Adds Authorization / Proxy-Authorization answering every challenge remembered in
    // the cache, unless `request` already has that header field. False when none added.
    bool preauthorize(SipMessage &request);
    // Forgets which nonces were answered (after a success, or a new registration cycle).
    void reset();

    void setCnonceGenerator(DigestResponder::CnonceGenerator generator);

private:
    CredentialCache &m_credentials;
    DigestResponder m_responder;
    QSet<QByteArray> m_answeredNonces;
};

} // namespace Sip
