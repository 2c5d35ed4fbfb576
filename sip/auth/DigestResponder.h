// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DigestChallenge.h"
#include "DigestCredentials.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Sip {

class CredentialCache;

// Computes Authorization / Proxy-Authorization values answering a Digest challenge
// (RFC 3261 §22.2-22.4, RFC 7616 §3.4, RFC 8760 §2, RFC 2617 §3.2.2 for the legacy
// form without qop).
//
// It holds no per-request state: nonce counts live in CredentialCache (or are passed
// explicitly), and the only member is the cnonce source, which tests replace to
// reproduce the RFC vectors.
class DigestResponder
{
public:
    using CnonceGenerator = std::function<QByteArray()>;

    // cnonce from randomCnonce().
    DigestResponder();
    explicit DigestResponder(CnonceGenerator generator);

    // A null generator restores randomCnonce().
    void setCnonceGenerator(CnonceGenerator generator);

    // The header field value, e.g.
    //   Digest username="bob", realm="atlanta.com", nonce="...", uri="sip:atlanta.com",
    //   response="...", algorithm=SHA-256, cnonce="...", qop=auth, nc=00000001,
    //   opaque="..."
    //
    // method is the request method and digestUri the Request-URI (RFC 3261 §22.4).
    // qop=auth is chosen when offered; qop=auth-int only when auth is not offered and
    // entityBody is given (an empty QByteArray for a bodiless SIP request, whose
    // H(entity-body) is H("") per RFC 3261 §22.4). Without qop the RFC 2069 form is
    // computed and cnonce/nc are omitted (RFC 2617 §3.2.2). credentials.realm, when not
    // empty, must equal the challenge realm. nonceCount is only sent with a qop.
    //
    // Returns nullopt with *error set when the challenge cannot be answered: unknown
    // algorithm, no usable qop, a "-sess" algorithm without qop, or a value containing
    // CR, LF or NUL (which would break out of the header).
    std::optional<QByteArray>
    authorization(const DigestChallenge &challenge, QByteArrayView method, QByteArrayView digestUri,
                  const DigestCredentials &credentials, quint32 nonceCount,
                  const std::optional<QByteArray> &entityBody = std::nullopt,
                  QString *error = nullptr) const;

    // As above, with credentials from cache.lookup(realm) and nc from
    // cache.nextNonceCount(realm, nonce).
    std::optional<QByteArray> authorization(const DigestChallenge &challenge, QByteArrayView method,
                                            QByteArrayView digestUri, CredentialCache &cache,
                                            const std::optional<QByteArray> &entityBody
                                            = std::nullopt,
                                            QString *error = nullptr) const;

    // True if authorization() can answer the challenge given some entity body.
    static bool isSupported(const DigestChallenge &challenge);

    // Picks the challenge to answer among several for the same realm. RFC 8760 §2.4 has
    // the UAC use the topmost supported header field "unless a local policy dictates
    // otherwise"; our local policy ranks by strength first, because challenges are not
    // integrity-protected and an on-path attacker could reorder them to put MD5 on top
    // (the downgrade RFC 8760 §3 warns of). Order: SHA-256 > SHA-256-sess > MD5 >
    // MD5-sess, then qop auth > auth-int > none; the topmost wins remaining ties.
    // Unsupported challenges (e.g. SHA-512-256, see DigestAlgorithm.h) are skipped.
    static std::optional<DigestChallenge> selectBest(const QList<DigestChallenge> &challenges);

    // selectBest() per realm, in order of each realm's first appearance. A 401/407 can
    // carry challenges from several realms (e.g. two forked proxies), and RFC 3261
    // §22.3 requires answering each of them in the retried request.
    static QList<DigestChallenge> selectBestPerRealm(const QList<DigestChallenge> &challenges);

    // 128 bits from QRandomGenerator::system(), hex encoded. The cnonce is the client's
    // defence against chosen-plaintext attacks by a hostile server, which only works if
    // it is unpredictable (RFC 7616 §5, "Parameter Randomness").
    static QByteArray randomCnonce();

private:
    CnonceGenerator m_cnonceGenerator;
};

} // namespace Sip
