// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

namespace Media {

// The SRTP crypto suites Parlo offers in SDES (RFC 4568 §6.2, RFC 7714 §12).
enum class SrtpCryptoSuite {
    AesCm128HmacSha1_80, // AES_CM_128_HMAC_SHA1_80: 128-bit key, 112-bit salt, 80-bit tag
    AesCm128HmacSha1_32, // AES_CM_128_HMAC_SHA1_32: same keys, 32-bit SRTP tag (80 for SRTCP)
    AeadAes128Gcm, // AEAD_AES_128_GCM (RFC 7714): 128-bit key, 96-bit salt, 128-bit tag
};

// The key-params of an SDES "a=crypto" line for the "inline" key method
// (RFC 4568 §6.1, §9.2):
//
//   inline:<base64 of master key || master salt>[|lifetime][|MKI:length]
//
// e.g. "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4". The lifetime is kept and
// reproduced but not enforced beyond libsrtp2's own key usage limits.
class SrtpKeyParams
{
public:
    enum class Error {
        None,
        BadMethod, // not "inline:"
        BadBase64, // not base64
        BadKeyLength, // decodes to something other than the suite's key + salt length
        BadLifetime, // not digits / 2^digits, zero, or above 2^48 (RFC 3711 §9.2)
        BadMki, // not value:length, length outside 1..128, or value does not fit
        Malformed, // empty fields, too many fields, wrong order
    };

    static QString suiteName(SrtpCryptoSuite suite);
    static std::optional<SrtpCryptoSuite> suiteFromName(QStringView name);
    static int masterKeyLength(SrtpCryptoSuite suite); // octets
    static int masterSaltLength(SrtpCryptoSuite suite); // octets
    static int keySaltLength(SrtpCryptoSuite suite)
    {
        return masterKeyLength(suite) + masterSaltLength(suite);
    }

    SrtpKeyParams() = default;

    // Parses one key-params string for 'suite'. Empty on error ('error' says why).
    static std::optional<SrtpKeyParams> parse(QStringView keyParams, SrtpCryptoSuite suite,
                                              Error *error = nullptr);
    // Fresh random key and salt for 'suite' from the system CSPRNG, no lifetime, no MKI.
    static SrtpKeyParams generate(SrtpCryptoSuite suite);

    // "inline:..." as parse() accepts it.
    QString toString() const;

    // Master key followed by master salt, as libsrtp2 takes it.
    QByteArray keyAndSalt() const { return m_keyAndSalt; }
    void setKeyAndSalt(const QByteArray &keyAndSalt) { m_keyAndSalt = keyAndSalt; }

    // The key lifetime in packets; 0 means not given.
    quint64 lifetime() const { return m_lifetime; }
    // Whether the lifetime was (or is to be) written as 2^n; it must be a power of two then.
    bool lifetimeIsPowerOfTwo() const { return m_lifetimePowerOfTwo; }
    void setLifetime(quint64 lifetime, bool asPowerOfTwo = false);

    // The master key identifier; mkiLength() 0 means no MKI.
    quint64 mkiValue() const { return m_mkiValue; }
    int mkiLength() const { return m_mkiLength; }
    // False (and no change) if the length is outside 1..128 or the value does not fit.
    bool setMki(quint64 value, int length);
    void clearMki();

    friend bool operator==(const SrtpKeyParams &, const SrtpKeyParams &) = default;

private:
    QByteArray m_keyAndSalt;
    quint64 m_lifetime = 0;
    quint64 m_mkiValue = 0;
    int m_mkiLength = 0;
    bool m_lifetimePowerOfTwo = false;
};

} // namespace Media
