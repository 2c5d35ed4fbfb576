// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ParamList.h"

namespace Sip {

/// Replaces (RFC 3891 §6.1): the dialog to replace, by Call-ID and tags.
class Replaces
{
public:
    static bool parse(Scanner &s, Replaces &out);

    std::string_view callId() const { return m_callId; }
    std::string_view toTag() const { return m_toTag; }
    std::string_view fromTag() const { return m_fromTag; }
    bool earlyOnly() const { return m_earlyOnly; }

private:
    std::string_view m_callId;
    std::string_view m_toTag;
    std::string_view m_fromTag;
    ParamList m_params;
    bool m_earlyOnly = false;
};

} // namespace Sip
