// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Replaces.h"

#include "TextUtil.h"

namespace Sip {

bool Replaces::parse(Scanner &s, Replaces &out)
{
    out = Replaces();
    s.skipSpace();
    out.m_callId = s.takeWhile(CharClass::Word);
    // A Call-ID word may contain '@' once, as in Call-ID itself.
    if (s.consumeExact('@')) {
        const std::string_view host = s.takeWhile(CharClass::Word);
        out.m_callId = std::string_view(out.m_callId.data(), out.m_callId.size() + 1 + host.size());
    }
    if (out.m_callId.empty()) {
        s.fail("Replaces: missing Call-ID");
        return false;
    }
    out.m_params = ParamList::parseHeaderParams(s, "Replaces", [&](const Param &p) {
        if (TextUtil::equalsIgnoreCase(p.name, "to-tag"))
            out.m_toTag = p.value;
        else if (TextUtil::equalsIgnoreCase(p.name, "from-tag"))
            out.m_fromTag = p.value;
        else if (TextUtil::equalsIgnoreCase(p.name, "early-only"))
            out.m_earlyOnly = true;
    });
    if (!s.failed() && (out.m_toTag.empty() || out.m_fromTag.empty()))
        s.fail("Replaces: to-tag and from-tag are required");
    return !s.failed();
}

} // namespace Sip
