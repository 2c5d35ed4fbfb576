// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MediaType.h"

#include "TextUtil.h"

namespace Sip {

bool MediaType::parse(Scanner &s, MediaType &out, const char *what)
{
    out = MediaType();
    s.skipSpace();
    out.m_type = s.token();
    if (out.m_type.empty() || !s.consume('/')) {
        s.fail(std::string(what) + ": expected type/subtype");
        return false;
    }
    out.m_subtype = s.token();
    if (out.m_subtype.empty()) {
        s.fail(std::string(what) + ": missing media subtype");
        return false;
    }
    out.m_params = ParamList::parseHeaderParams(s, what, [](const Param &) {});
    return !s.failed();
}

bool MediaType::matches(std::string_view type, std::string_view subtype) const
{
    return (m_type == "*" || TextUtil::equalsIgnoreCase(m_type, type))
        && (m_subtype == "*" || TextUtil::equalsIgnoreCase(m_subtype, subtype));
}

} // namespace Sip
