// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Sip {

// What the user configured for one protection space. Encoded as UTF-8 for hashing
// (RFC 3261 §25.1 text is UTF-8; RFC 7616 §4 charset=UTF-8).
//
// realm selects which challenges these credentials may answer. An empty realm means
// "any realm" (the usual softphone account, whose registrar realm is unknown until the
// first 401); note that it lets any proxy on the path obtain a digest of the password
// for a realm of its choosing (RFC 3261 §26.3.2.3 discusses such attacks).
struct DigestCredentials
{
    QString username;
    QString password;
    QString realm;
};

} // namespace Sip
