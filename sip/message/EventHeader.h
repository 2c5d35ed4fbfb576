// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ParamList.h"

namespace Sip {

/// Event (RFC 6665 §8.2.1): package[.template] with an optional id parameter.
class EventHeader
{
public:
    static bool parse(Scanner &s, EventHeader &out);

    std::string_view package() const { return m_package; } // includes templates
    std::string_view id() const { return m_id; }
    const ParamList &params() const { return m_params; }

private:
    std::string_view m_package;
    std::string_view m_id;
    ParamList m_params;
};

} // namespace Sip
