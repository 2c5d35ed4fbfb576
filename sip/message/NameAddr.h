// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SipUri.h"

namespace Sip {

/// name-addr or addr-spec with header parameters: From, To, Route, Record-Route,
/// Refer-To, Referred-By, and the address part of Contact.
class NameAddr
{
public:
    enum class Form { Any, AngleBracketsRequired };

    // Parses one address at the scanner. `inList` tells whether ',' ends an addr-spec
    // (Contact, Route) or is simply an invalid character (From, To).
    static bool parse(Scanner &s, NameAddr &out, const char *what, Form form, bool inList);

    std::string_view displayName() const { return m_displayName; } // as written
    std::string displayNameText() const; // unquoted, unescaped
    const SipUri &uri() const { return m_uri; }
    const ParamList &params() const { return m_params; }
    std::string_view tag() const { return m_tag; }
    bool hasAngleBrackets() const { return m_angle; }

    // Renders "display" <uri>;params — the form every header of this kind accepts.
    static std::string format(std::string_view displayName, std::string_view uri,
                              std::string_view params = {});

private:
    friend class Contact;
    std::string_view m_displayName;
    std::string_view m_tag;
    SipUri m_uri;
    ParamList m_params;
    bool m_angle = false;
};

} // namespace Sip
