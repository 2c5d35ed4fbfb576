// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SipMessage.h"

namespace Sip {

// The RFC 3261 §7 message grammar: start line, header fields (folding, compact names),
// the typed pass over every known header, the semantic checks of RFC 4475 §3.3, and the
// body by Content-Length. Used by SipMessage; not part of the engine's interface.
class SipParser
{
public:
    static bool parse(SipMessage::Impl &impl, std::string_view bytes, SipMessage::Framing framing,
                      const MessageLimits &limits, ParseError &error);

    // Parses one field's value into its typed form; single-valued headers refuse a second.
    static bool parseTypedHeader(SipMessage::Impl &impl, const HeaderField &field, std::string &error);
    // Runs the typed pass again over all fields (after an edit).
    static bool reparseTypedHeaders(SipMessage::Impl &impl, std::string &error);
    static bool parseRequestLine(SipMessage::Impl &impl, std::string_view line, ParseError &error);
};

} // namespace Sip
