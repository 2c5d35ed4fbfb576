// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "NameAddr.h"

#include "TextUtil.h"

namespace Sip {

bool NameAddr::parse(Scanner &s, NameAddr &out, const char *what, Form form, bool inList)
{
    out = NameAddr();
    s.skipSpace();
    const char *valueStart = s.position();
    if (s.peek() == '"') {
        out.m_displayName = s.quotedString(what);
        if (s.failed())
            return false;
        s.skipSpace();
        if (s.peek() != '<') {
            s.fail(std::string(what) + ": a quoted display name must be followed by <URI>");
            return false;
        }
    } else if (s.peek() != '<') {
        // Either display-name tokens before '<', or an addr-spec.
        const char *lastTokenEnd = nullptr;
        for (;;) {
            if (s.token().empty())
                break;
            lastTokenEnd = s.position();
            s.skipSpace();
        }
        if (s.peek() == '<' && lastTokenEnd) {
            out.m_displayName = std::string_view(valueStart, static_cast<size_t>(lastTokenEnd - valueStart));
        } else {
            s.setPosition(valueStart);
        }
    }

    std::string uriError;
    if (s.consumeExact('<')) {
        out.m_angle = true;
        const char *uriStart = s.position();
        while (!s.atEnd() && s.peek() != '>')
            s.advance();
        if (s.atEnd()) {
            s.fail(std::string(what) + ": '<' without a closing '>'");
            return false;
        }
        const std::string_view uriText(uriStart, static_cast<size_t>(s.position() - uriStart));
        s.advance(); // '>'
        if (!uriText.empty()
            && (CharClass::is(uriText.front(), CharClass::Space)
                || CharClass::is(uriText.back(), CharClass::Space))) {
            // RFC 4475 §3.1.2.14: LAQUOT/RAQUOT allow no white space inside the brackets.
            s.fail(std::string(what) + ": white space inside <> around the URI");
            return false;
        }
        if (!SipUri::parse(uriText, out.m_uri, &uriError)) {
            s.fail(std::string(what) + ": " + uriError);
            return false;
        }
    } else {
        if (form == Form::AngleBracketsRequired) {
            s.fail(std::string(what) + ": the address must be enclosed in <>");
            return false;
        }
        const char *uriStart = s.position();
        while (!s.atEnd()) {
            const char c = s.peek();
            if (CharClass::is(c, CharClass::Space) || c == ';' || (inList && c == ','))
                break;
            s.advance();
        }
        const std::string_view uriText(uriStart, static_cast<size_t>(s.position() - uriStart));
        if (!SipUri::parse(uriText, out.m_uri, &uriError)) {
            const bool looksLikeDisplayName
                = std::string_view(valueStart, static_cast<size_t>(s.end() - valueStart)).find('<')
                != std::string_view::npos;
            s.fail(std::string(what) + ": "
                   + (looksLikeDisplayName
                          ? "display name has characters that require quotes"
                          : uriError));
            return false;
        }
        if (!out.m_uri.headers().empty()) {
            // RFC 3261 §20: a URI with '?' headers must be a name-addr (RFC 4475 §3.1.2.13).
            s.fail(std::string(what) + ": a URI with headers must be enclosed in <>");
            return false;
        }
    }

    out.m_params = ParamList::parseHeaderParams(s, what, [&](const Param &p) {
        if (TextUtil::equalsIgnoreCase(p.name, "tag")) {
            if (!p.hasValue || p.value.front() == '"')
                s.fail(std::string(what) + ": tag parameter needs a token value");
            out.m_tag = p.value;
        }
    });
    return !s.failed();
}

std::string NameAddr::displayNameText() const
{
    if (!m_displayName.empty() && m_displayName.front() == '"')
        return TextUtil::unquote(m_displayName);
    return std::string(m_displayName);
}

std::string NameAddr::format(std::string_view displayName, std::string_view uri,
                             std::string_view params)
{
    std::string out;
    if (!displayName.empty()) {
        out += TextUtil::quote(displayName);
        out.push_back(' ');
    }
    out.push_back('<');
    out += uri;
    out.push_back('>');
    if (!params.empty()) {
        if (params.front() != ';')
            out.push_back(';');
        out += params;
    }
    return out;
}

} // namespace Sip
