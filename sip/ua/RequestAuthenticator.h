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
class RequestAuthenticator
{
public:
    explicit RequestAuthenticator(CredentialCache &credentials);

    enum class Outcome { Retry, WrongCredentials, Unanswerable };

    // Given the request that was challenged and the challenge response, fills `retry` with
    // the request to send again (CSeq incremented by the caller) and says what to do.
    Outcome answer(const SipMessage &request, const SipMessage &challenge, SipMessage &retry,
                   QString *reason);
    // Forgets which nonces were answered (after a success, or a new registration cycle).
    void reset();

    void setCnonceGenerator(DigestResponder::CnonceGenerator generator);

private:
    CredentialCache &m_credentials;
    DigestResponder m_responder;
    QSet<QByteArray> m_answeredNonces;
};

} // namespace Sip
