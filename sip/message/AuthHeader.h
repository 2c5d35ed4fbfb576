// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scanner.h"

#include <string>

namespace Sip {

/// A challenge (WWW-Authenticate, Proxy-Authenticate) or credentials (Authorization,
/// Proxy-Authorization): a scheme and comma-separated auth-params (RFC 3261 §25.1,
/// RFC 7616). The Digest parameters the engine uses are picked out as it parses;
/// quoted values keep their quotes (use TextUtil::unquote).
class AuthHeader
{
public:
    static bool parse(Scanner &s, AuthHeader &out, const char *what);

    std::string_view scheme() const { return m_scheme; }
    bool isDigest() const;
    std::string_view paramsText() const { return m_params; }
    std::string param(std::string_view name) const; // unquoted; empty when absent

    std::string_view realm() const { return m_realm; }
    std::string_view nonce() const { return m_nonce; }
    std::string_view opaque() const { return m_opaque; }
    std::string_view algorithm() const { return m_algorithm; }
    std::string_view qop() const { return m_qop; }
    std::string_view stale() const { return m_stale; }
    std::string_view username() const { return m_username; }
    std::string_view uri() const { return m_uri; }
    std::string_view response() const { return m_response; }
    std::string_view cnonce() const { return m_cnonce; }
    std::string_view nonceCount() const { return m_nc; }

private:
    std::string_view m_scheme;
    std::string_view m_params;
    std::string_view m_realm, m_nonce, m_opaque, m_algorithm, m_qop, m_stale;
    std::string_view m_username, m_uri, m_response, m_cnonce, m_nc;
};

} // namespace Sip
