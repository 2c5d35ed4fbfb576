// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DigestAlgorithm.h"

namespace Sip::DigestAlgorithms {

DigestAlgorithm fromName(QByteArrayView name)
{
    if (name.compare("MD5", Qt::CaseInsensitive) == 0)
        return DigestAlgorithm::Md5;
    if (name.compare("MD5-sess", Qt::CaseInsensitive) == 0)
        return DigestAlgorithm::Md5Sess;
    if (name.compare("SHA-256", Qt::CaseInsensitive) == 0)
        return DigestAlgorithm::Sha256;
    if (name.compare("SHA-256-sess", Qt::CaseInsensitive) == 0)
        return DigestAlgorithm::Sha256Sess;
    return DigestAlgorithm::Unknown;
}

QByteArray name(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Md5:
        return QByteArrayLiteral("MD5");
    case DigestAlgorithm::Md5Sess:
        return QByteArrayLiteral("MD5-sess");
    case DigestAlgorithm::Sha256:
        return QByteArrayLiteral("SHA-256");
    case DigestAlgorithm::Sha256Sess:
        return QByteArrayLiteral("SHA-256-sess");
    case DigestAlgorithm::Unknown:
        break;
    }
    return {};
}

std::optional<QCryptographicHash::Algorithm> hashFor(DigestAlgorithm algorithm)
{
    switch (algorithm) {
    case DigestAlgorithm::Md5:
    case DigestAlgorithm::Md5Sess:
        return QCryptographicHash::Md5;
    case DigestAlgorithm::Sha256:
    case DigestAlgorithm::Sha256Sess:
        return QCryptographicHash::Sha256;
    case DigestAlgorithm::Unknown:
        break;
    }
    return std::nullopt;
}

bool isSession(DigestAlgorithm algorithm)
{
    return algorithm == DigestAlgorithm::Md5Sess || algorithm == DigestAlgorithm::Sha256Sess;
}

int strength(DigestAlgorithm algorithm)
{
    // Session variants rank just below their plain forms: same hash, but they need a
    // qop to carry the cnonce and are less widely implemented by registrars.
    switch (algorithm) {
    case DigestAlgorithm::Sha256:
        return 4;
    case DigestAlgorithm::Sha256Sess:
        return 3;
    case DigestAlgorithm::Md5:
        return 2;
    case DigestAlgorithm::Md5Sess:
        return 1;
    case DigestAlgorithm::Unknown:
        break;
    }
    return 0;
}

} // namespace Sip::DigestAlgorithms
