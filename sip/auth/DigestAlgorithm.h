// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCryptographicHash>

#include <optional>

namespace Sip {

// Digest algorithms a UAC can answer (RFC 7616 §3.3 / RFC 8760 §2.1).
//
// SHA-512-256 (RFC 7616 §3.3, RFC 8760 §2.1) is deliberately absent: Qt 6.4's
// QCryptographicHash has no SHA-512/256, and it is not SHA-512 truncated to 256 bits
// (FIPS 180-4 §5.3.6 uses different initial hash values), so it cannot be built from
// what Qt offers without hand-written crypto. Such challenges parse as Unknown and are
// skipped by DigestResponder::selectBest(), as RFC 8760 §2.4 asks for algorithms a UAC
// does not support.
enum class DigestAlgorithm {
    Unknown,
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
};

// Free helpers for DigestAlgorithm (an enum cannot carry methods).
namespace DigestAlgorithms {

// Case-insensitive (RFC 7616 §3.3 tokens); anything unrecognised is Unknown.
DigestAlgorithm fromName(QByteArrayView name);
// The canonical spelling from the IANA registry (RFC 7616 §6.1), empty for Unknown.
QByteArray name(DigestAlgorithm algorithm);
std::optional<QCryptographicHash::Algorithm> hashFor(DigestAlgorithm algorithm);
// "-sess" variants fold the nonce and cnonce into A1 (RFC 7616 §3.4.2).
bool isSession(DigestAlgorithm algorithm);
// Relative strength for challenge selection, 0 for Unknown (RFC 8760 §2.4 local policy).
int strength(DigestAlgorithm algorithm);

} // namespace DigestAlgorithms

} // namespace Sip
