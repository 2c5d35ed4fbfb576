// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CSeq.h"

#include "TextUtil.h"

namespace Sip {

bool CSeq::parse(Scanner &s, CSeq &out)
{
    s.skipSpace();
    const std::string_view digits = s.takeWhile(CharClass::Digit);
    const auto number = TextUtil::parseUnsigned(digits, 0xFFFFFFFFu);
    if (!number) {
        // RFC 3261 §8.1.1.5 bounds the sequence number at 2^32-1 (RFC 4475 §3.1.2.4).
        s.fail(digits.empty() ? "CSeq: missing sequence number"
                              : "CSeq: sequence number exceeds 2^32-1");
        return false;
    }
    if (!s.skipSpace()) {
        s.fail("CSeq: expected white space before the method");
        return false;
    }
    out.m_number = static_cast<uint32_t>(*number);
    out.m_method = s.token();
    s.skipSpace();
    if (out.m_method.empty() || !s.atEnd()) {
        s.fail("CSeq: malformed method");
        return false;
    }
    return true;
}

} // namespace Sip
