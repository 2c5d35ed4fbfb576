// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpSrtpKey.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <vector>

namespace Sip {

int SdpSrtpKey::keySaltLength(std::string_view suite)
{
    if (suite == "AES_CM_128_HMAC_SHA1_80" || suite == "AES_CM_128_HMAC_SHA1_32")
        return 16 + 14;
    if (suite == "AES_192_CM_HMAC_SHA1_80" || suite == "AES_192_CM_HMAC_SHA1_32")
        return 24 + 14;
    if (suite == "AES_256_CM_HMAC_SHA1_80" || suite == "AES_256_CM_HMAC_SHA1_32")
        return 32 + 14;
    if (suite == "AEAD_AES_128_GCM")
        return 16 + 12;
    if (suite == "AEAD_AES_256_GCM")
        return 32 + 12;
    return 0;
}

SdpSrtpKey SdpSrtpKey::generate(std::string_view suite)
{
    SdpSrtpKey key;
    key.suite = std::string(suite);
    const int length = keySaltLength(suite);
    if (length == 0)
        return key;
    std::vector<quint32> words(static_cast<size_t>((length + 3) / 4));
    QRandomGenerator::system()->fillRange(words.data(), static_cast<qsizetype>(words.size()));
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), length);
    key.keySalt = bytes.toBase64().toStdString();
    return key;
}

std::string SdpSrtpKey::decoded() const
{
    const auto r = QByteArray::fromBase64Encoding(QByteArray::fromStdString(keySalt),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!r || r.decoded.size() != keySaltLength(suite))
        return {};
    return r.decoded.toStdString();
}

} // namespace Sip
