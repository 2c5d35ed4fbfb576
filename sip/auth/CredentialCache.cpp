// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CredentialCache.h"

#include <limits>

namespace Sip {

void CredentialCache::store(const DigestCredentials &credentials)
{
    m_credentials.insert(credentials.realm, credentials);
}

std::optional<DigestCredentials> CredentialCache::lookup(const QString &realm) const
{
    auto it = m_credentials.constFind(realm);
    if (it == m_credentials.constEnd())
        it = m_credentials.constFind(QString());
    if (it == m_credentials.constEnd())
        return std::nullopt;
    return *it;
}

bool CredentialCache::remove(const QString &realm)
{
    const QByteArray realmBytes = realm.toUtf8();
    m_nonceCounts.removeIf(
            [&realmBytes](QHash<std::pair<QByteArray, QByteArray>, NonceState>::iterator entry) {
                return entry.key().first == realmBytes;
            });
    forgetChallenge(realmBytes);
    return m_credentials.remove(realm) > 0;
}

void CredentialCache::clear()
{
    m_credentials.clear();
    m_nonceCounts.clear();
    m_answered.clear();
}

void CredentialCache::rememberChallenge(const DigestChallenge &challenge, bool proxy)
{
    if (!lookup(QString::fromUtf8(challenge.realm)))
        return;
    // One per realm and header: a registrar's 401 and a proxy's 407 often name the same
    // realm (Kamailio), and each only reads its own header field.
    m_answered.removeIf([&challenge, proxy](const AnsweredChallenge &a) {
        return a.proxy == proxy && a.challenge.realm == challenge.realm;
    });
    if (m_answered.size() >= MaxAnsweredChallenges)
        m_answered.removeFirst();
    m_answered.append({ challenge, proxy });
}

void CredentialCache::forgetChallenge(const QByteArray &realm)
{
    m_answered.removeIf(
            [&realm](const AnsweredChallenge &a) { return a.challenge.realm == realm; });
}

quint32 CredentialCache::nextNonceCount(const QByteArray &realm, const QByteArray &nonce)
{
    const auto key = std::make_pair(realm, nonce);
    auto it = m_nonceCounts.find(key);
    if (it == m_nonceCounts.end()) {
        if (m_nonceCounts.size() >= MaxTrackedNonces) {
            // Linear scan: bounded by MaxTrackedNonces and only on insertion of a new nonce.
            auto oldest = m_nonceCounts.begin();
            for (auto i = m_nonceCounts.begin(); i != m_nonceCounts.end(); ++i) {
                if (i->lastUse < oldest->lastUse)
                    oldest = i;
            }
            m_nonceCounts.erase(oldest);
        }
        it = m_nonceCounts.insert(key, NonceState {});
    }
    if (it->count < std::numeric_limits<quint32>::max())
        ++it->count;
    it->lastUse = ++m_useCounter;
    return it->count;
}

} // namespace Sip
