// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DigestResponder.h"

#include "CredentialCache.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <array>

namespace Sip {

namespace {

// H(data) = lower-case hex of the hash (RFC 7616 §3.4.1: "a string of 32 hex
// digits" for MD5, 64 for SHA-256; toHex() is lower-case as the grammar requires).
QByteArray hashHex(QCryptographicHash::Algorithm algorithm, QByteArrayView data)
{
    return QCryptographicHash::hash(data, algorithm).toHex();
}

QByteArray joined(std::initializer_list<QByteArrayView> parts)
{
    QByteArray out;
    qsizetype size = 0;
    for (QByteArrayView part : parts)
        size += part.size() + 1;
    out.reserve(size);
    bool first = true;
    for (QByteArrayView part : parts) {
        if (!first)
            out.append(':');
        out.append(part);
        first = false;
    }
    return out;
}

// quoted-string with quoted-pair for '"' and '\' (RFC 3261 §25.1). Callers have
// already refused CR, LF and NUL, which a quoted-pair cannot carry.
QByteArray quoted(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size() + 2);
    out.append('"');
    for (char c : value) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    out.append('"');
    return out;
}

bool hasLineBreakOrNul(QByteArrayView value)
{
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return true;
    }
    return false;
}

bool isToken(QByteArrayView value)
{
    if (value.isEmpty())
        return false;
    for (char c : value) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || QByteArrayView("-.!%*_+`'~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

enum class Qop { None, Auth, AuthInt };

// RFC 7616 §3.4: pick the qop from those offered. auth-int protects the body too, but
// it needs the body in hand and few SIP servers verify it, so auth is preferred.
std::optional<Qop> chooseQop(const DigestChallenge &challenge, bool haveBody, QString *reason)
{
    if (challenge.qopOptions.isEmpty())
        return Qop::None;
    if (challenge.offersQop("auth"))
        return Qop::Auth;
    if (challenge.offersQop("auth-int")) {
        if (haveBody)
            return Qop::AuthInt;
        if (reason)
            *reason = QStringLiteral(
                    "challenge requires qop=auth-int but no entity body was supplied");
        return std::nullopt;
    }
    if (reason)
        *reason = QStringLiteral("no supported qop offered");
    return std::nullopt;
}

QByteArray qopName(Qop qop)
{
    switch (qop) {
    case Qop::Auth:
        return QByteArrayLiteral("auth");
    case Qop::AuthInt:
        return QByteArrayLiteral("auth-int");
    case Qop::None:
        break;
    }
    return {};
}

int qopRank(const DigestChallenge &challenge)
{
    if (challenge.offersQop("auth"))
        return 2;
    if (challenge.offersQop("auth-int"))
        return 1;
    return 0;
}

} // namespace

DigestResponder::DigestResponder() = default;

DigestResponder::DigestResponder(CnonceGenerator generator)
    : m_cnonceGenerator(std::move(generator))
{
}

void DigestResponder::setCnonceGenerator(CnonceGenerator generator)
{
    m_cnonceGenerator = std::move(generator);
}

QByteArray DigestResponder::randomCnonce()
{
    std::array<quint32, 4> words {};
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    return QByteArray(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof(words)))
            .toHex();
}

bool DigestResponder::isSupported(const DigestChallenge &challenge)
{
    if (!DigestAlgorithms::hashFor(challenge.algorithm))
        return false;
    // A SIP request always has a body to hash (possibly empty), so auth-int counts.
    const bool qopOk = challenge.qopOptions.isEmpty() || challenge.offersQop("auth")
            || challenge.offersQop("auth-int");
    if (!qopOk)
        return false;
    // -sess folds the cnonce into A1, and a cnonce is only sent with a qop (RFC 2617 §3.2.2).
    if (DigestAlgorithms::isSession(challenge.algorithm) && challenge.qopOptions.isEmpty())
        return false;
    return true;
}

std::optional<QByteArray>
DigestResponder::authorization(const DigestChallenge &challenge, QByteArrayView method,
                               QByteArrayView digestUri, const DigestCredentials &credentials,
                               quint32 nonceCount, const std::optional<QByteArray> &entityBody,
                               QString *error) const
{
    auto fail = [error](QString message) -> std::optional<QByteArray> {
        if (error)
            *error = std::move(message);
        return std::nullopt;
    };

    const auto hash = DigestAlgorithms::hashFor(challenge.algorithm);
    if (!hash) {
        return fail(QStringLiteral("unsupported algorithm %1")
                            .arg(QString::fromUtf8(challenge.algorithmName.left(40))));
    }

    QString qopError;
    const auto qop = chooseQop(challenge, entityBody.has_value(), &qopError);
    if (!qop)
        return fail(qopError);
    if (*qop == Qop::None && DigestAlgorithms::isSession(challenge.algorithm))
        return fail(QStringLiteral("algorithm %1 requires qop")
                            .arg(QString::fromLatin1(DigestAlgorithms::name(challenge.algorithm))));

    if (!credentials.realm.isEmpty() && credentials.realm.toUtf8() != challenge.realm)
        return fail(QStringLiteral("credentials are for a different realm"));
    if (!isToken(method))
        return fail(QStringLiteral("invalid method"));

    const QByteArray username = credentials.username.toUtf8();
    const QByteArray password = credentials.password.toUtf8();
    const QByteArray cnonce = *qop == Qop::None
            ? QByteArray()
            : (m_cnonceGenerator ? m_cnonceGenerator() : randomCnonce());
    if (*qop != Qop::None && cnonce.isEmpty())
        return fail(QStringLiteral("empty cnonce"));

    // Everything below ends up inside the header; a CR or LF would end it early and let
    // the rest be read as a new header field (header injection).
    // The password is only hashed, never sent, so it may contain anything.
    const QByteArrayView opaque
            = challenge.opaque ? QByteArrayView(*challenge.opaque) : QByteArrayView();
    for (QByteArrayView value :
         { QByteArrayView(username), QByteArrayView(challenge.realm),
           QByteArrayView(challenge.nonce), digestUri, QByteArrayView(cnonce), opaque }) {
        if (hasLineBreakOrNul(value))
            return fail(QStringLiteral("value contains CR, LF or NUL"));
    }

    const QByteArray nc = QByteArray::number(nonceCount, 16).rightJustified(8, '0');

    // RFC 7616 §3.4.2: A1 = username:realm:password, and for -sess
    // A1 = H(username:realm:password):nonce:cnonce (hex form, as RFC 7616 fixes it).
    QByteArray ha1 = hashHex(*hash, joined({ username, challenge.realm, password }));
    if (DigestAlgorithms::isSession(challenge.algorithm))
        ha1 = hashHex(*hash, joined({ ha1, challenge.nonce, cnonce }));

    // RFC 7616 §3.4.3: A2 = method:uri, and for auth-int method:uri:H(entity-body).
    const QByteArray a2 = *qop == Qop::AuthInt
            ? joined({ method, digestUri, hashHex(*hash, *entityBody) })
            : joined({ method, digestUri });
    const QByteArray ha2 = hashHex(*hash, a2);

    const QByteArray qopToken = qopName(*qop);

    // RFC 7616 §3.4.1 with qop; RFC 2617 §3.2.2.1 (the RFC 2069 form) without.
    const QByteArray response = *qop == Qop::None
            ? hashHex(*hash, joined({ ha1, challenge.nonce, ha2 }))
            : hashHex(*hash, joined({ ha1, challenge.nonce, nc, cnonce, qopToken, ha2 }));

    // RFC 7616 §3.4.4: with userhash the username directive carries H(username:realm)
    // so the user's identity is not sent in the clear. A1 still uses the real name.
    const QByteArray usernameValue
            = challenge.userhash ? hashHex(*hash, joined({ username, challenge.realm })) : username;

    // algorithm, qop and nc are tokens, not quoted-strings (RFC 7616 §3.4, RFC 3261
    // §25.1 digest-response); some servers reject quoted forms.
    QByteArray header = QByteArrayLiteral("Digest username=") + quoted(usernameValue);
    header += ", realm=" + quoted(challenge.realm);
    header += ", nonce=" + quoted(challenge.nonce);
    header += ", uri=" + quoted(digestUri);
    header += ", response=" + quoted(response);
    header += ", algorithm=" + DigestAlgorithms::name(challenge.algorithm);
    if (*qop != Qop::None) {
        header += ", cnonce=" + quoted(cnonce);
        header += ", qop=" + qopToken;
        header += ", nc=" + nc;
    }
    if (challenge.opaque)
        header += ", opaque=" + quoted(*challenge.opaque);
    if (challenge.userhash)
        header += ", userhash=true";
    return header;
}

std::optional<QByteArray>
DigestResponder::authorization(const DigestChallenge &challenge, QByteArrayView method,
                               QByteArrayView digestUri, CredentialCache &cache,
                               const std::optional<QByteArray> &entityBody, QString *error) const
{
    const auto credentials = cache.lookup(QString::fromUtf8(challenge.realm));
    if (!credentials) {
        if (error)
            *error = QStringLiteral("no credentials for realm %1")
                             .arg(QString::fromUtf8(challenge.realm.left(80)));
        return std::nullopt;
    }
    // Don't consume a count for a challenge that cannot be answered; the overload below
    // then only produces the reason (the nc it is given is never sent).
    if (!isSupported(challenge))
        return authorization(challenge, method, digestUri, *credentials, 0, entityBody, error);
    const quint32 nc = cache.nextNonceCount(challenge.realm, challenge.nonce);
    return authorization(challenge, method, digestUri, *credentials, nc, entityBody, error);
}

std::optional<DigestChallenge> DigestResponder::selectBest(const QList<DigestChallenge> &challenges)
{
    const DigestChallenge *best = nullptr;
    auto rank = [](const DigestChallenge &c) {
        return std::make_pair(DigestAlgorithms::strength(c.algorithm), qopRank(c));
    };
    for (const DigestChallenge &candidate : challenges) {
        if (!isSupported(candidate))
            continue;
        // Strictly greater: among equals the topmost stays (RFC 8760 §2.4).
        if (!best || rank(candidate) > rank(*best))
            best = &candidate;
    }
    if (!best)
        return std::nullopt;
    return *best;
}

QList<DigestChallenge> DigestResponder::selectBestPerRealm(const QList<DigestChallenge> &challenges)
{
    QList<QByteArray> realms;
    for (const DigestChallenge &c : challenges) {
        if (!realms.contains(c.realm))
            realms.append(c.realm);
    }
    QList<DigestChallenge> result;
    for (const QByteArray &realm : realms) {
        QList<DigestChallenge> sameRealm;
        for (const DigestChallenge &c : challenges) {
            if (c.realm == realm)
                sameRealm.append(c);
        }
        if (auto best = selectBest(sameRealm))
            result.append(std::move(*best));
    }
    return result;
}

} // namespace Sip
