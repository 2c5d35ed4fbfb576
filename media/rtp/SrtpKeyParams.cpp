// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/SrtpKeyParams.h"

#include <QRandomGenerator>

#include <bit>

namespace Media {

namespace {

constexpr quint64 MaxLifetime = quint64(1) << 48; // RFC 3711 §9.2 for the SRTP suites
constexpr int MaxMkiLength = 128; // RFC 4568 §9.2: mki-length = 1*3DIGIT, 1..128

bool allDigits(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// Decimal digits to quint64; empty on overflow.
std::optional<quint64> parseDecimal(QStringView text)
{
    if (!allDigits(text) || text.size() > 20)
        return std::nullopt;
    bool ok = false;
    const quint64 value = text.toULongLong(&ok, 10);
    if (!ok)
        return std::nullopt;
    return value;
}

bool mkiFits(quint64 value, int length)
{
    return length >= 8 || value < (quint64(1) << (8 * length));
}

bool isBase64Char(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
            || c == u'+' || c == u'/';
}

} // namespace

QString SrtpKeyParams::suiteName(SrtpCryptoSuite suite)
{
    switch (suite) {
    case SrtpCryptoSuite::AesCm128HmacSha1_80:
        return QStringLiteral("AES_CM_128_HMAC_SHA1_80");
    case SrtpCryptoSuite::AesCm128HmacSha1_32:
        return QStringLiteral("AES_CM_128_HMAC_SHA1_32");
    case SrtpCryptoSuite::AeadAes128Gcm:
        return QStringLiteral("AEAD_AES_128_GCM");
    }
    return {};
}

std::optional<SrtpCryptoSuite> SrtpKeyParams::suiteFromName(QStringView name)
{
    for (const auto suite :
         { SrtpCryptoSuite::AesCm128HmacSha1_80, SrtpCryptoSuite::AesCm128HmacSha1_32,
           SrtpCryptoSuite::AeadAes128Gcm }) {
        if (name == suiteName(suite))
            return suite;
    }
    return std::nullopt;
}

int SrtpKeyParams::masterKeyLength(SrtpCryptoSuite)
{
    return 16; // all three suites use AES-128
}

int SrtpKeyParams::masterSaltLength(SrtpCryptoSuite suite)
{
    // RFC 3711 §8.2 (112-bit salt) / RFC 7714 §8.2 (96-bit salt).
    return suite == SrtpCryptoSuite::AeadAes128Gcm ? 12 : 14;
}

std::optional<SrtpKeyParams> SrtpKeyParams::parse(QStringView keyParams, SrtpCryptoSuite suite,
                                                  Error *error)
{
    auto fail = [error](Error e) -> std::optional<SrtpKeyParams> {
        if (error)
            *error = e;
        return std::nullopt;
    };
    if (error)
        *error = Error::None;

    // RFC 4568 §6.1: key-params = key-method ":" key-info; the only method is "inline".
    static constexpr QStringView Method = u"inline:";
    if (!keyParams.startsWith(Method))
        return fail(Error::BadMethod);
    const QStringView keyInfo = keyParams.mid(Method.size());

    // §9.2: key-info = key-salt ["|" lifetime] ["|" mki]
    QStringView fields[3];
    int fieldCount = 0;
    qsizetype start = 0;
    for (;;) {
        const qsizetype bar = keyInfo.indexOf(u'|', start);
        const QStringView field = keyInfo.mid(start, bar < 0 ? -1 : bar - start);
        if (field.isEmpty() || fieldCount == 3)
            return fail(Error::Malformed);
        fields[fieldCount++] = field;
        if (bar < 0)
            break;
        start = bar + 1;
    }

    SrtpKeyParams params;

    // key-salt: base64 of master key || master salt, exactly the suite's length. Padding
    // '=' is optional; anything outside the alphabet is an error (no whitespace either).
    const QStringView keySalt = fields[0];
    qsizetype dataChars = keySalt.size();
    while (dataChars > 0 && keySalt[dataChars - 1] == u'=' && keySalt.size() - dataChars < 2)
        --dataChars;
    for (qsizetype i = 0; i < dataChars; ++i) {
        if (!isBase64Char(keySalt[i]))
            return fail(Error::BadBase64);
    }
    if (dataChars % 4 == 1 || (dataChars < keySalt.size() && keySalt.size() % 4 != 0))
        return fail(Error::BadBase64);
    const auto decoded = QByteArray::fromBase64Encoding(
            keySalt.toLatin1(),
            QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(Error::BadBase64);
    if (decoded.decoded.size() != keySaltLength(suite))
        return fail(Error::BadKeyLength);
    params.m_keyAndSalt = decoded.decoded;

    for (int i = 1; i < fieldCount; ++i) {
        const QStringView field = fields[i];
        const qsizetype colon = field.indexOf(u':');
        if (colon >= 0) {
            // mki = mki-value ":" mki-length; it is the last field.
            if (i != fieldCount - 1)
                return fail(Error::Malformed);
            const auto value = parseDecimal(field.left(colon));
            const QStringView lengthText = field.mid(colon + 1);
            if (!value || !allDigits(lengthText) || lengthText.size() > 3)
                return fail(Error::BadMki);
            const int length = lengthText.toInt();
            if (!params.setMki(*value, length))
                return fail(Error::BadMki);
        } else {
            // lifetime = ["2^"] 1*(DIGIT); it comes before the MKI.
            if (i != 1)
                return fail(Error::Malformed);
            if (field.startsWith(u"2^")) {
                const auto exponent = parseDecimal(field.mid(2));
                if (!exponent || *exponent == 0 || *exponent > 48)
                    return fail(Error::BadLifetime);
                params.setLifetime(quint64(1) << *exponent, true);
            } else {
                const auto value = parseDecimal(field);
                if (!value || *value == 0 || *value > MaxLifetime)
                    return fail(Error::BadLifetime);
                params.setLifetime(*value, false);
            }
        }
    }
    return params;
}

SrtpKeyParams SrtpKeyParams::generate(SrtpCryptoSuite suite)
{
    SrtpKeyParams params;
    QByteArray keyAndSalt(keySaltLength(suite), Qt::Uninitialized);
    auto *rng = QRandomGenerator::system();
    for (qsizetype i = 0; i < keyAndSalt.size(); i += 4) {
        const quint32 word = rng->generate();
        for (qsizetype j = 0; j < 4 && i + j < keyAndSalt.size(); ++j)
            keyAndSalt[i + j] = char(word >> (8 * j));
    }
    params.m_keyAndSalt = keyAndSalt;
    return params;
}

QString SrtpKeyParams::toString() const
{
    QString text = QStringLiteral("inline:") + QString::fromLatin1(m_keyAndSalt.toBase64());
    if (m_lifetime != 0) {
        if (m_lifetimePowerOfTwo)
            text += QStringLiteral("|2^") + QString::number(std::countr_zero(m_lifetime));
        else
            text += u'|' + QString::number(m_lifetime);
    }
    if (m_mkiLength != 0)
        text += u'|' + QString::number(m_mkiValue) + u':' + QString::number(m_mkiLength);
    return text;
}

void SrtpKeyParams::setLifetime(quint64 lifetime, bool asPowerOfTwo)
{
    m_lifetime = lifetime;
    m_lifetimePowerOfTwo = asPowerOfTwo && lifetime != 0 && std::has_single_bit(lifetime);
}

bool SrtpKeyParams::setMki(quint64 value, int length)
{
    if (length < 1 || length > MaxMkiLength || !mkiFits(value, length))
        return false;
    m_mkiValue = value;
    m_mkiLength = length;
    return true;
}

void SrtpKeyParams::clearMki()
{
    m_mkiValue = 0;
    m_mkiLength = 0;
}

} // namespace Media
