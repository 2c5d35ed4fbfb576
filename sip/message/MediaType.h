// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ParamList.h"

namespace Sip {

/// type/subtype;params — Content-Type, and each media range of Accept (RFC 3261 §20.1).
class MediaType
{
public:
    static bool parse(Scanner &s, MediaType &out, const char *what);

    std::string_view type() const { return m_type; }
    std::string_view subtype() const { return m_subtype; }
    const ParamList &params() const { return m_params; }
    bool matches(std::string_view type, std::string_view subtype) const;

private:
    std::string_view m_type;
    std::string_view m_subtype;
    ParamList m_params;
};

} // namespace Sip
