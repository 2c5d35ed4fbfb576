// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "rtp/SrtpSession.h"

#include <srtp2/srtp.h>

#include <cstring>
#include <mutex>
#include <utility>

namespace Media {

static_assert(SrtpSession::MaxOverhead == SRTP_MAX_TRAILER_LEN + 4);

namespace {

constexpr unsigned long ReplayWindow = 128; // RFC 3711 §3.3.2: at least 64

srtp_err_status_t initialiseLibrary()
{
    static std::once_flag once;
    static srtp_err_status_t status = srtp_err_status_fail;
    // srtp_init() is not thread-safe and must run once; it is never undone (process lifetime).
    std::call_once(once, [] { status = srtp_init(); });
    return status;
}

void setCryptoPolicy(SrtpCryptoSuite suite, srtp_policy_t &policy)
{
    switch (suite) {
    case SrtpCryptoSuite::AesCm128HmacSha1_80:
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
        break;
    case SrtpCryptoSuite::AesCm128HmacSha1_32:
        // RFC 4568 §6.2.2 / RFC 3711: the 32-bit tag is for SRTP only; SRTCP keeps 80 bits.
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
        break;
    case SrtpCryptoSuite::AeadAes128Gcm:
        // RFC 7714 §14.2: 16-octet tag, for SRTP and SRTCP.
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
        break;
    }
}

SrtpSession::Error mapStatus(srtp_err_status_t status)
{
    switch (status) {
    case srtp_err_status_ok:
        return SrtpSession::Error::None;
    case srtp_err_status_auth_fail:
        return SrtpSession::Error::AuthFailure;
    case srtp_err_status_replay_fail:
        return SrtpSession::Error::ReplayDuplicate;
    case srtp_err_status_replay_old:
        return SrtpSession::Error::ReplayTooOld;
    case srtp_err_status_key_expired:
        return SrtpSession::Error::KeyExpired;
    case srtp_err_status_bad_param:
    case srtp_err_status_parse_err:
    case srtp_err_status_bad_mki:
        return SrtpSession::Error::Malformed;
    default:
        return SrtpSession::Error::Failure;
    }
}

} // namespace

SrtpSession::SrtpSession() = default;

SrtpSession::~SrtpSession()
{
    clear();
}

SrtpSession::SrtpSession(SrtpSession &&other) noexcept
    : m_outbound(std::exchange(other.m_outbound, nullptr))
    , m_inbound(std::exchange(other.m_inbound, nullptr))
    , m_outboundMki(other.m_outboundMki)
    , m_inboundMki(other.m_inboundMki)
{
}

SrtpSession &SrtpSession::operator=(SrtpSession &&other) noexcept
{
    if (this != &other) {
        clear();
        m_outbound = std::exchange(other.m_outbound, nullptr);
        m_inbound = std::exchange(other.m_inbound, nullptr);
        m_outboundMki = other.m_outboundMki;
        m_inboundMki = other.m_inboundMki;
    }
    return *this;
}

void SrtpSession::clear()
{
    if (m_outbound)
        srtp_dealloc(m_outbound);
    if (m_inbound)
        srtp_dealloc(m_inbound);
    m_outbound = nullptr;
    m_inbound = nullptr;
    m_outboundMki = false;
    m_inboundMki = false;
}

bool SrtpSession::isSuiteSupported(SrtpCryptoSuite suite)
{
    if (suite != SrtpCryptoSuite::AeadAes128Gcm)
        return initialiseLibrary() == srtp_err_status_ok;
    static const bool gcmSupported = [] {
        if (initialiseLibrary() != srtp_err_status_ok)
            return false;
        SrtpSession probe;
        SrtpKeyParams key;
        key.setKeyAndSalt(
                QByteArray(SrtpKeyParams::keySaltLength(SrtpCryptoSuite::AeadAes128Gcm), '\x5a'));
        return probe.setOutboundKey(SrtpCryptoSuite::AeadAes128Gcm, key) == Error::None;
    }();
    return gcmSupported;
}

SrtpSession::Error SrtpSession::setOutboundKey(SrtpCryptoSuite suite, const SrtpKeyParams &key)
{
    return setKey(m_outbound, m_outboundMki, suite, key, true);
}

SrtpSession::Error SrtpSession::setInboundKey(SrtpCryptoSuite suite, const SrtpKeyParams &key)
{
    return setKey(m_inbound, m_inboundMki, suite, key, false);
}

SrtpSession::Error SrtpSession::setKey(srtp_ctx_t_ *&context, bool &useMki, SrtpCryptoSuite suite,
                                       const SrtpKeyParams &key, bool outbound)
{
    if (initialiseLibrary() != srtp_err_status_ok)
        return Error::InitFailed;
    if (context) {
        srtp_dealloc(context);
        context = nullptr;
    }
    useMki = false;

    QByteArray keyAndSalt = key.keyAndSalt();
    if (keyAndSalt.size() != SrtpKeyParams::keySaltLength(suite))
        return Error::BadKey;

    srtp_policy_t policy;
    std::memset(&policy, 0, sizeof policy);
    setCryptoPolicy(suite, policy);
    // One key for every SSRC of the direction (SDES keys a direction, not a stream).
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.window_size = ReplayWindow;
    policy.allow_repeat_tx = 0; // never reuse keystream for a sequence number
    policy.next = nullptr;

    // With an MKI (RFC 3711 §3.1) the key goes in through the master key list.
    srtp_master_key_t masterKey {};
    srtp_master_key_t *masterKeys[1] = { &masterKey };
    QByteArray mkiBytes;
    if (key.mkiLength() > 0) {
        mkiBytes = QByteArray(key.mkiLength(), '\0');
        // The MKI value is written big-endian into mki-length octets.
        for (int i = 0; i < key.mkiLength() && i < 8; ++i)
            mkiBytes[key.mkiLength() - 1 - i] = char(key.mkiValue() >> (8 * i));
        masterKey.key = reinterpret_cast<unsigned char *>(keyAndSalt.data());
        masterKey.mki_id = reinterpret_cast<unsigned char *>(mkiBytes.data());
        masterKey.mki_size = unsigned(key.mkiLength());
        policy.keys = masterKeys;
        policy.num_master_keys = 1;
        useMki = true;
    } else {
        policy.key = reinterpret_cast<unsigned char *>(keyAndSalt.data());
    }

    srtp_t session = nullptr;
    const srtp_err_status_t status = srtp_create(&session, &policy);
    // libsrtp2 copied what it needs; do not leave key copies around.
    std::memset(keyAndSalt.data(), 0, std::size_t(keyAndSalt.size()));
    if (status != srtp_err_status_ok) {
        if (session)
            srtp_dealloc(session);
        useMki = false;
        // The key length was checked above; GCM fails here when libsrtp2 has no GCM cipher.
        return suite == SrtpCryptoSuite::AeadAes128Gcm ? Error::UnsupportedSuite : Error::BadKey;
    }
    context = session;
    return Error::None;
}

SrtpSession::Error SrtpSession::process(Operation operation, std::span<quint8> buffer,
                                        qsizetype &length)
{
    const bool outbound = operation == Operation::ProtectRtp || operation == Operation::ProtectRtcp;
    srtp_ctx_t_ *context = outbound ? m_outbound : m_inbound;
    if (!context)
        return Error::NotKeyed;
    if (length < 0 || length > qsizetype(buffer.size()))
        return Error::Malformed;
    if (outbound && qsizetype(buffer.size()) - length < MaxOverhead)
        return Error::BufferTooSmall;
    if (length > 0x7FFFFFFF - MaxOverhead)
        return Error::Malformed;
    // libsrtp2 assumes at least a fixed header; check here so no path depends on it.
    const bool rtcp = operation == Operation::ProtectRtcp || operation == Operation::UnprotectRtcp;
    if (length < (rtcp ? 8 : 12))
        return Error::Malformed;

    const bool useMki = outbound ? m_outboundMki : m_inboundMki;
    int size = int(length);
    void *data = buffer.data();
    srtp_err_status_t status = srtp_err_status_fail;
    switch (operation) {
    case Operation::ProtectRtp:
        status = useMki ? srtp_protect_mki(context, data, &size, 1, 0)
                        : srtp_protect(context, data, &size);
        break;
    case Operation::UnprotectRtp:
        status = useMki ? srtp_unprotect_mki(context, data, &size, 1)
                        : srtp_unprotect(context, data, &size);
        break;
    case Operation::ProtectRtcp:
        status = useMki ? srtp_protect_rtcp_mki(context, data, &size, 1, 0)
                        : srtp_protect_rtcp(context, data, &size);
        break;
    case Operation::UnprotectRtcp:
        status = useMki ? srtp_unprotect_rtcp_mki(context, data, &size, 1)
                        : srtp_unprotect_rtcp(context, data, &size);
        break;
    }
    if (status != srtp_err_status_ok)
        return mapStatus(status);
    length = size;
    return Error::None;
}

SrtpSession::Error SrtpSession::process(Operation operation, QByteArray &packet)
{
    const qsizetype length = packet.size();
    const bool outbound = operation == Operation::ProtectRtp || operation == Operation::ProtectRtcp;
    if (outbound)
        packet.resize(length + MaxOverhead); // within capacity when reserved: no allocation
    qsizetype newLength = length;
    const Error error = process(operation,
                                std::span<quint8>(reinterpret_cast<quint8 *>(packet.data()),
                                                  std::size_t(packet.size())),
                                newLength);
    packet.resize(error == Error::None ? newLength : length);
    return error;
}

SrtpSession::Error SrtpSession::protectRtp(std::span<quint8> buffer, qsizetype &length)
{
    return process(Operation::ProtectRtp, buffer, length);
}

SrtpSession::Error SrtpSession::unprotectRtp(std::span<quint8> buffer, qsizetype &length)
{
    return process(Operation::UnprotectRtp, buffer, length);
}

SrtpSession::Error SrtpSession::protectRtcp(std::span<quint8> buffer, qsizetype &length)
{
    return process(Operation::ProtectRtcp, buffer, length);
}

SrtpSession::Error SrtpSession::unprotectRtcp(std::span<quint8> buffer, qsizetype &length)
{
    return process(Operation::UnprotectRtcp, buffer, length);
}

SrtpSession::Error SrtpSession::protectRtp(QByteArray &packet)
{
    return process(Operation::ProtectRtp, packet);
}

SrtpSession::Error SrtpSession::unprotectRtp(QByteArray &packet)
{
    return process(Operation::UnprotectRtp, packet);
}

SrtpSession::Error SrtpSession::protectRtcp(QByteArray &packet)
{
    return process(Operation::ProtectRtcp, packet);
}

SrtpSession::Error SrtpSession::unprotectRtcp(QByteArray &packet)
{
    return process(Operation::UnprotectRtcp, packet);
}

QString SrtpSession::errorString(Error error)
{
    switch (error) {
    case Error::None:
        return QStringLiteral("no error");
    case Error::NotKeyed:
        return QStringLiteral("no SRTP key for this direction");
    case Error::InitFailed:
        return QStringLiteral("libsrtp2 initialisation failed");
    case Error::UnsupportedSuite:
        return QStringLiteral("crypto suite not supported by libsrtp2");
    case Error::BadKey:
        return QStringLiteral("invalid SRTP key");
    case Error::BufferTooSmall:
        return QStringLiteral("no room for the SRTP trailer");
    case Error::Malformed:
        return QStringLiteral("malformed packet");
    case Error::AuthFailure:
        return QStringLiteral("SRTP authentication failed");
    case Error::ReplayDuplicate:
        return QStringLiteral("replayed packet");
    case Error::ReplayTooOld:
        return QStringLiteral("packet too old for the replay window");
    case Error::KeyExpired:
        return QStringLiteral("SRTP key expired");
    case Error::Failure:
        return QStringLiteral("SRTP processing failed");
    }
    return {};
}

} // namespace Media
