// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scanner.h"

#include <cstdint>
#include <string>

namespace Sip {

/// Date (RFC 3261 §20.17): an RFC 1123 date, always in GMT.
class SipDate
{
public:
    static bool parse(Scanner &s, SipDate &out);

    int64_t secondsSinceEpoch() const { return m_seconds; }
    static std::string format(int64_t secondsSinceEpoch);

private:
    int64_t m_seconds = 0;
};

} // namespace Sip
