// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DigestAlgorithm.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace Sip {

// One Digest challenge from a WWW-Authenticate or Proxy-Authenticate header field
// (RFC 3261 §20.44 / §20.27, RFC 7616 §3.3, RFC 8760 §2).
//
// Values are kept as the octets received (quoted-string escapes removed), not decoded
// to QString: the response hashes must be computed over exactly those octets, and a
// lossy UTF-8 round trip of, say, a nonce would silently break authentication.
struct DigestChallenge
{
    QByteArray realm;
    QByteArray nonce;
    // RFC 7616 §3.3: if present it must be echoed unchanged, even when empty
    // (RFC 3261 §20.27 example sends opaque=""), hence optional rather than empty.
    std::optional<QByteArray> opaque;
    // Defaults to MD5 when the challenge has no algorithm parameter (RFC 7616 §3.3).
    DigestAlgorithm algorithm = DigestAlgorithm::Md5;
    // The algorithm token as received, e.g. "SHA-512-256" for an Unknown algorithm;
    // empty if the parameter was absent.
    QByteArray algorithmName;
    // Lower-cased qop tokens as offered, unknown ones included. Empty means no qop
    // parameter: the RFC 2069 compatible computation (RFC 2617 §3.2.2.1).
    QList<QByteArray> qopOptions;
    // RFC 7616 §3.3: true only for a case-insensitive "true"; anything else is false.
    bool stale = false;
    // Space-separated URIs of the protection space (RFC 7616 §3.3).
    QList<QByteArray> domain;
    // RFC 7616 §3.4.4: the server accepts a hashed username.
    bool userhash = false;

    bool offersQop(QByteArrayView qop) const;

    // Parses one challenge such as
    //   Digest realm="x", nonce="y", qop="auth,auth-int", algorithm=SHA-256, stale=TRUE
    // The scheme is case-insensitive, LWS is allowed around "=" and ",", values may be
    // quoted-strings with backslash escapes or bare tokens, and unknown parameters are
    // ignored (RFC 7616 §3.3 requires that of clients). A non-Digest scheme yields
    // nullopt with "unsupported scheme X". realm and nonce are required.
    //
    // The input comes off the network, so parsing is one linear pass with hard limits on
    // length and parameter count; malformed input returns nullopt with a reason in
    // *error (which may be null) and never reads out of bounds.
    static std::optional<DigestChallenge> parse(QByteArrayView headerValue,
                                                QString *error = nullptr);

    static constexpr qsizetype MaxLength = 8192;
    static constexpr int MaxParameters = 64;
};

} // namespace Sip
