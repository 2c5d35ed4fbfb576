// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "transport/Endpoint.h"

#include <QMetaType>
#include <QString>

namespace Sip {

/// What the engine needs to know of one account (plain data, copied across threads).
struct AccountConfig
{
    QString aor; // sip:alice@example.com
    QString authUser; // empty: the AOR's user part
    QString password;
    QString displayName;
    QString proxy; // outbound proxy / registrar URI; empty: the AOR's domain
    TransportType transport = TransportType::Udp;
    int expires = 600;
    QString instanceId; // urn:uuid:..., stable per installation (RFC 5626 +sip.instance)
    QString userAgent;
    // SHA-256 fingerprint (hex, colons allowed) of a TLS certificate the user chose to
    // trust for this account although it does not verify ("accept this certificate").
    QString acceptedCertificate;
    // SRTP for this account's calls: 0 off, 1 optional, 2 mandatory; -1: the engine's
    // (EngineConfig::srtpPolicy).
    int srtpPolicy = -1;
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::AccountConfig)
