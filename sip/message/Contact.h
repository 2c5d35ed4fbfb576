// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "NameAddr.h"

#include <cstdint>

namespace Sip {

/// One Contact value (RFC 3261 §20.10): '*' or an address with expires and q.
class Contact
{
public:
    static bool parse(Scanner &s, Contact &out);

    bool isStar() const { return m_star; }
    const NameAddr &address() const { return m_address; }
    const SipUri &uri() const { return m_address.uri(); }
    const ParamList &params() const { return m_address.params(); }
    int64_t expires() const { return m_expires; } // -1 when absent
    int q() const { return m_q; } // 0..1000 (thousandths), -1 when absent

private:
    NameAddr m_address;
    int64_t m_expires = -1;
    int m_q = -1;
    bool m_star = false;
};

} // namespace Sip
