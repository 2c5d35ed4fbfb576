// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "rtp/SrtpKeyParams.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <span>

struct srtp_ctx_t_; // libsrtp2's session, kept out of this header (linked privately)

namespace Media {

// SRTP/SRTCP protection (RFC 3711) of one RTP session through libsrtp2, keyed by SDES
// (RFC 4568): the outbound direction uses our key (the one in our a=crypto line), the
// inbound direction the peer's. Either direction can be keyed alone. All crypto is
// libsrtp2's; this class only maps keys and errors.
//
// Packets are processed in place. The protect functions append the authentication tag (and
// MKI, and for SRTCP the E-flag/index word): the buffer needs MaxOverhead octets of room
// beyond the packet. The QByteArray overloads grow the array as needed; with enough capacity
// reserved they do not allocate. Errors are returned, never thrown; a failed unprotect leaves
// the buffer contents unspecified.
//
// libsrtp2 is initialised once per process (std::call_once) on first use. A session is
// movable, not copyable, and not thread-safe (use it from the media thread only).
class SrtpSession
{
public:
    // SRTP_MAX_TRAILER_LEN (tag + MKI) plus the 4-octet SRTCP index.
    static constexpr qsizetype MaxOverhead = 16 + 128 + 4;

    enum class Error {
        None,
        NotKeyed, // the direction has no key
        InitFailed, // srtp_init() failed
        UnsupportedSuite, // e.g. AEAD_AES_128_GCM without a crypto library in libsrtp2
        BadKey, // wrong key length for the suite, or libsrtp2 rejected the policy
        BufferTooSmall, // no room for MaxOverhead beyond the packet
        Malformed, // not a (long enough) RTP/RTCP packet
        AuthFailure, // authentication tag mismatch: tampered or wrong key
        ReplayDuplicate, // packet index already seen (replay)
        ReplayTooOld, // packet index behind the replay window
        KeyExpired, // key usage limit reached; rekey
        Failure, // any other libsrtp2 error
    };

    SrtpSession();
    ~SrtpSession();
    SrtpSession(SrtpSession &&other) noexcept;
    SrtpSession &operator=(SrtpSession &&other) noexcept;
    SrtpSession(const SrtpSession &) = delete;
    SrtpSession &operator=(const SrtpSession &) = delete;

    // True if libsrtp2 in this build can do 'suite' (GCM needs libsrtp2 built with a
    // crypto library); checked once by creating a throwaway session.
    static bool isSuiteSupported(SrtpCryptoSuite suite);

    // (Re)keys a direction; replaces any previous key (and its replay state).
    Error setOutboundKey(SrtpCryptoSuite suite, const SrtpKeyParams &key);
    Error setInboundKey(SrtpCryptoSuite suite, const SrtpKeyParams &key);
    bool hasOutboundKey() const { return m_outbound != nullptr; }
    bool hasInboundKey() const { return m_inbound != nullptr; }
    void clear();

    // In place on buffer[0, length); 'length' is updated. The buffer must be at least
    // length + MaxOverhead octets for the protect functions.
    Error protectRtp(std::span<quint8> buffer, qsizetype &length);
    Error unprotectRtp(std::span<quint8> buffer, qsizetype &length);
    Error protectRtcp(std::span<quint8> buffer, qsizetype &length);
    Error unprotectRtcp(std::span<quint8> buffer, qsizetype &length);

    Error protectRtp(QByteArray &packet);
    Error unprotectRtp(QByteArray &packet);
    Error protectRtcp(QByteArray &packet);
    Error unprotectRtcp(QByteArray &packet);

    static QString errorString(Error error);

private:
    enum class Operation { ProtectRtp, UnprotectRtp, ProtectRtcp, UnprotectRtcp };

    Error setKey(srtp_ctx_t_ *&context, bool &useMki, SrtpCryptoSuite suite,
                 const SrtpKeyParams &key, bool outbound);
    Error process(Operation operation, std::span<quint8> buffer, qsizetype &length);
    Error process(Operation operation, QByteArray &packet);

    srtp_ctx_t_ *m_outbound = nullptr;
    srtp_ctx_t_ *m_inbound = nullptr;
    bool m_outboundMki = false;
    bool m_inboundMki = false;
};

} // namespace Media
