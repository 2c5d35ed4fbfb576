// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DigestChallenge.h"
#include "DigestCredentials.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Sip {

// Credentials per realm, plus the nonce-count state RFC 7616 §3.4 requires a client to
// keep: nc counts the requests sent with a given nonce, starting at 00000001, so the
// server can detect replays. One per account: REGISTER and every other request of the
// account share it, so a challenge answered for one pre-authorises the next (RFC 3261
// §22.3: a UAC may send cached credentials with requests to the same realm).
class CredentialCache
{
public:
    // The last challenge answered for a realm, and whether it came in a 407.
    struct AnsweredChallenge
    {
        DigestChallenge challenge;
        bool proxy = false;
    };

    // Replaces any credentials stored for credentials.realm (empty realm = any realm).
    void store(const DigestCredentials &credentials);
    // Exact realm match first (realms compare case-sensitively, RFC 3261 §22.1), then the
    // any-realm entry.
    std::optional<DigestCredentials> lookup(const QString &realm) const;
    // Forgets the credentials and nonce counts of one realm, e.g. after a 403.
    bool remove(const QString &realm);
    void clear();
    int size() const { return int(m_credentials.size()); }

    // The nc value for the next request answering (realm, nonce): 1 for a nonce not seen
    // before, then 2, 3, ... A new nonce (e.g. after stale=true) starts again at 1.
    // Saturates at 0xffffffff rather than wrapping to a value the server has seen.
    quint32 nextNonceCount(const QByteArray &realm, const QByteArray &nonce);

    // Remembers `challenge` as the one to answer pre-emptively for its realm and kind
    // (401 or 407), replacing the previous one; only for realms we have credentials for.
    void rememberChallenge(const DigestChallenge &challenge, bool proxy);
    // Forgets the remembered challenges of a realm (the server refused an answer).
    void forgetChallenge(const QByteArray &realm);
    // The remembered challenges, oldest first.
    QList<AnsweredChallenge> answeredChallenges() const { return m_answered; }

    // Bound on remembered challenges; the oldest goes first.
    static constexpr int MaxAnsweredChallenges = 8;

    // Bound on (realm, nonce) pairs remembered; the least recently used is evicted, so a
    // server that issues a fresh nonce on every challenge cannot grow the cache forever.
    static constexpr int MaxTrackedNonces = 256;

private:
    struct NonceState
    {
        quint32 count = 0;
        quint64 lastUse = 0;
    };

    QHash<QString, DigestCredentials> m_credentials;
    QList<AnsweredChallenge> m_answered;
    QHash<std::pair<QByteArray, QByteArray>, NonceState> m_nonceCounts;
    quint64 m_useCounter = 0;
};

} // namespace Sip
