// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scanner.h"

#include <cstdint>

namespace Sip {

/// CSeq: sequence number and method (RFC 3261 §20.16).
class CSeq
{
public:
    static bool parse(Scanner &s, CSeq &out);

    uint32_t number() const { return m_number; }
    std::string_view method() const { return m_method; }

private:
    std::string_view m_method;
    uint32_t m_number = 0;
};

} // namespace Sip
