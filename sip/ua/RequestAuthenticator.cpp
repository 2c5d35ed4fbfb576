// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestAuthenticator.h"

namespace Sip {

namespace {

QByteArray bytes(std::string_view v)
{
    return QByteArray(v.data(), static_cast<qsizetype>(v.size()));
}

} // namespace

RequestAuthenticator::RequestAuthenticator(CredentialCache &credentials)
    : m_credentials(credentials)
{
}

void RequestAuthenticator::reset()
{
    m_answeredNonces.clear();
}

bool RequestAuthenticator::preauthorize(SipMessage &request)
{
    const QByteArray method = bytes(request.method());
    const QByteArray uri = bytes(request.requestUri().text());
    const bool hadAuthorization = !request.header("Authorization").empty();
    const bool hadProxyAuthorization = !request.header("Proxy-Authorization").empty();
    bool added = false;
    for (const CredentialCache::AnsweredChallenge &a : m_credentials.answeredChallenges()) {
        if (a.proxy ? hadProxyAuthorization : hadAuthorization)
            continue;
        const auto value = m_responder.authorization(a.challenge, method, uri, m_credentials,
                                                     QByteArray(bytes(request.body())));
        if (!value)
            continue;
        const char *headerName = a.proxy ? "Proxy-Authorization" : "Authorization";
        if (request.addHeader(
                    headerName,
                    std::string_view(value->constData(), static_cast<size_t>(value->size()))))
            added = true;
    }
    return added;
}

void RequestAuthenticator::setCnonceGenerator(DigestResponder::CnonceGenerator generator)
{
    m_responder.setCnonceGenerator(std::move(generator));
}

RequestAuthenticator::Outcome RequestAuthenticator::answer(const SipMessage &request,
                                                           const SipMessage &challenge,
                                                           SipMessage &retry, QString *reason)
{
    const bool proxy = challenge.statusCode() == 407;
    const auto headers = proxy ? challenge.proxyAuthenticate() : challenge.wwwAuthenticate();
    const char *headerName = proxy ? "Proxy-Authorization" : "Authorization";

    QList<DigestChallenge> offered;
    for (const AuthHeader &h : headers) {
        const std::string_view raw(h.scheme().data(),
                                   static_cast<size_t>(h.paramsText().data() + h.paramsText().size()
                                                       - h.scheme().data()));
        if (auto c = DigestChallenge::parse(QByteArrayView(raw.data(), static_cast<qsizetype>(raw.size()))))
            offered.append(*c);
    }
    // RFC 3261 §22.3: answer one challenge per realm; several realms (forking proxies)
    // get one credential each.
    const QList<DigestChallenge> chosen = DigestResponder::selectBestPerRealm(offered);
    if (chosen.isEmpty()) {
        if (reason)
            *reason = QStringLiteral("%1 without a supported Digest challenge").arg(challenge.statusCode());
        return Outcome::Unanswerable;
    }

    retry = request;
    retry.removeHeader(headerName);
    const QByteArray method = bytes(request.method());
    const QByteArray uri = bytes(request.requestUri().text());
    for (const DigestChallenge &c : chosen) {
        const QByteArray key = c.realm + '\n' + c.nonce;
        if (m_answeredNonces.contains(key) && !c.stale) {
            // Not worth answering pre-emptively any more either.
            m_credentials.forgetChallenge(c.realm);
            if (reason)
                *reason = QStringLiteral("%1 %2: wrong user name or password for realm \"%3\"")
                              .arg(challenge.statusCode())
                              .arg(QString::fromUtf8(bytes(challenge.reasonPhrase())),
                                   QString::fromUtf8(c.realm));
            return Outcome::WrongCredentials;
        }
        QString error;
        const auto value = m_responder.authorization(c, method, uri, m_credentials,
                                                     QByteArray(bytes(request.body())), &error);
        if (!value) {
            if (reason)
                *reason = error;
            return Outcome::Unanswerable;
        }
        m_answeredNonces.insert(key);
        m_credentials.rememberChallenge(c, proxy);
        std::string headerError;
        if (!retry.addHeader(headerName, std::string_view(value->constData(), static_cast<size_t>(value->size())),
                             &headerError)) {
            if (reason)
                *reason = QString::fromStdString(headerError);
            return Outcome::Unanswerable;
        }
    }
    return Outcome::Retry;
}

} // namespace Sip
