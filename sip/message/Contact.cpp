// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Contact.h"

#include "TextUtil.h"

namespace Sip {

namespace {

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
int parseQValue(std::string_view v)
{
    if (v.empty() || (v[0] != '0' && v[0] != '1'))
        return -1;
    int value = (v[0] - '0') * 1000;
    if (v.size() == 1)
        return value;
    if (v[1] != '.' || v.size() > 5)
        return -1;
    int scale = 100;
    for (size_t i = 2; i < v.size(); ++i, scale /= 10) {
        if (v[i] < '0' || v[i] > '9')
            return -1;
        value += (v[i] - '0') * scale;
    }
    return value > 1000 ? -1 : value;
}

} // namespace

bool Contact::parse(Scanner &s, Contact &out)
{
    out = Contact();
    s.skipSpace();
    if (s.peek() == '*') {
        s.advance();
        s.skipSpace();
        if (!s.atEnd()) {
            s.fail("Contact: '*' must stand alone");
            return false;
        }
        out.m_star = true;
        return true;
    }
    if (!NameAddr::parse(s, out.m_address, "Contact", NameAddr::Form::Any, true))
        return false;
    out.m_address.params().forEach([&](const Param &p) {
        if (TextUtil::equalsIgnoreCase(p.name, "expires")) {
            // RFC 3261 §20.19 bounds delta-seconds at 2^32-1; larger means "as long as allowed".
            const auto value = p.hasValue ? TextUtil::parseSaturating(p.value, 0xFFFFFFFFu) : std::nullopt;
            if (!value)
                s.fail("Contact: expires must be a number of seconds");
            else
                out.m_expires = static_cast<int64_t>(*value);
        } else if (TextUtil::equalsIgnoreCase(p.name, "q")) {
            out.m_q = p.hasValue ? parseQValue(p.value) : -1;
            if (out.m_q < 0)
                s.fail("Contact: q must be a value from 0 to 1");
        }
        return !s.failed();
    });
    return !s.failed();
}

} // namespace Sip
