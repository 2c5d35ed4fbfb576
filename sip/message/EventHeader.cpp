// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "EventHeader.h"

#include "TextUtil.h"

namespace Sip {

bool EventHeader::parse(Scanner &s, EventHeader &out)
{
    out = EventHeader();
    s.skipSpace();
    out.m_package = s.token(); // token chars include '.', which joins templates
    if (out.m_package.empty()) {
        s.fail("Event: missing event package");
        return false;
    }
    out.m_params = ParamList::parseHeaderParams(s, "Event", [&](const Param &p) {
        if (TextUtil::equalsIgnoreCase(p.name, "id"))
            out.m_id = p.value;
    });
    return !s.failed();
}

} // namespace Sip
