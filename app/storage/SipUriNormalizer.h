// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace App {

/// The key under which storage files a SIP address: contacts' unique URI, a conversation's
/// peer, the dedupe key of incoming messages. RFC 3261 §19.1.4 compares scheme and host
/// case-insensitively but the user part case-sensitively, so only those are lowered.
class SipUriNormalizer
{
public:
    // "Bob <SIP:Bob@Example.COM;transport=tcp>" -> "sip:Bob@example.com;transport=tcp".
    // A bare "bob@example.com" gets "sip:"; other schemes (tel:, sips:) are kept.
    // Surrounding whitespace, a display name and angle brackets are removed. An input
    // without any address part gives an empty string.
    static QString normalize(const QString &uri);
};

} // namespace App
