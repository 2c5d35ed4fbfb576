// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ParamList.h"

#include <string>
#include <string_view>

namespace Sip {

/// A sip:, sips:, tel: or other absolute URI, as views into the text it was parsed from.
/// SIP parts keep their %-escapes; accessors with "decoded" in the name remove them.
class SipUri
{
public:
    enum class Scheme { None, Sip, Sips, Tel, Other };
    enum class HostType { None, Name, IPv4, IPv6 };

    // Parses exactly `text` (the caller has found where the URI ends). Request-URIs may
    // not carry headers (RFC 3261 §19.1.1, table 1), so allowHeaders is false for them.
    static bool parse(std::string_view text, SipUri &out, std::string *error,
                      bool allowHeaders = true);

    bool isNull() const { return m_scheme == Scheme::None; }
    bool isSipOrSips() const { return m_scheme == Scheme::Sip || m_scheme == Scheme::Sips; }
    Scheme scheme() const { return m_scheme; }
    std::string_view schemeText() const { return m_schemeText; }
    std::string_view text() const { return m_text; }

    std::string_view user() const { return m_user; }
    std::string_view password() const { return m_password; }
    bool hasUserInfo() const { return m_hasUserInfo; }
    std::string_view host() const { return m_host; } // an IPv6 reference keeps its brackets
    HostType hostType() const { return m_hostType; }
    int port() const { return m_port; } // -1 when not given
    const ParamList &params() const { return m_params; }
    std::string_view headers() const { return m_headers; } // after '?', escaped
    // What follows "scheme:" for tel: and other schemes (the whole of it).
    std::string_view opaque() const { return m_opaque; }

    std::string decodedUser() const;
    std::string transport() const { return m_params.valueOf("transport"); }
    bool hasLooseRoute() const { return m_params.contains("lr"); }
    std::string maddr() const { return m_params.valueOf("maddr"); }

    // URI equality as RFC 3261 §19.1.4 defines it (not text equality).
    bool equivalentTo(const SipUri &other) const;

    std::string toString() const { return std::string(m_text); }

    // Builds the text of a sip/sips URI, escaping the user part as §19.1.2 requires.
    static std::string format(Scheme scheme, std::string_view user, std::string_view host,
                              int port = -1, std::string_view params = {});
    static std::string escapeUser(std::string_view user);

    static bool isIPv4Address(std::string_view text);
    static bool isIPv6Address(std::string_view text); // without brackets
    static bool isHostName(std::string_view text);

    friend bool operator==(const SipUri &a, const SipUri &b) { return a.m_text == b.m_text; }

private:
    std::string_view m_text;
    std::string_view m_schemeText;
    std::string_view m_user;
    std::string_view m_password;
    std::string_view m_host;
    std::string_view m_headers;
    std::string_view m_opaque;
    ParamList m_params;
    int m_port = -1;
    Scheme m_scheme = Scheme::None;
    HostType m_hostType = HostType::None;
    bool m_hasUserInfo = false;
};

} // namespace Sip
