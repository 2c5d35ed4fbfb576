// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuthHeader.h"

#include "TextUtil.h"

namespace Sip {

namespace {

template<typename Fn>
void forEachAuthParam(Scanner &s, const char *what, Fn &&fn)
{
    bool first = true;
    while (!s.atEnd()) {
        if (!first && !s.consume(',')) {
            s.fail(std::string(what) + ": expected ',' between parameters");
            return;
        }
        first = false;
        s.skipSpace();
        if (s.atEnd())
            break;
        const std::string_view name = s.token();
        if (name.empty() || !s.consume('=')) {
            s.fail(std::string(what) + ": malformed auth parameter");
            return;
        }
        std::string_view value;
        if (s.peek() == '"')
            value = s.quotedString(what);
        else
            value = s.token();
        if (s.failed())
            return;
        if (value.empty()) {
            s.fail(std::string(what) + ": empty value for '" + std::string(name) + "'");
            return;
        }
        fn(name, value);
        s.skipSpace();
    }
}

} // namespace

bool AuthHeader::parse(Scanner &s, AuthHeader &out, const char *what)
{
    out = AuthHeader();
    s.skipSpace();
    out.m_scheme = s.token();
    if (out.m_scheme.empty()) {
        s.fail(std::string(what) + ": missing authentication scheme");
        return false;
    }
    s.skipSpace();
    out.m_params = std::string_view(s.position(), static_cast<size_t>(s.end() - s.position()));
    forEachAuthParam(s, what, [&](std::string_view name, std::string_view value) {
        using TextUtil::equalsIgnoreCase;
        switch (name.size()) {
        case 2:
            if (equalsIgnoreCase(name, "nc"))
                out.m_nc = value;
            break;
        case 3:
            if (equalsIgnoreCase(name, "uri"))
                out.m_uri = value;
            else if (equalsIgnoreCase(name, "qop"))
                out.m_qop = value;
            break;
        case 5:
            if (equalsIgnoreCase(name, "realm"))
                out.m_realm = value;
            else if (equalsIgnoreCase(name, "nonce"))
                out.m_nonce = value;
            else if (equalsIgnoreCase(name, "stale"))
                out.m_stale = value;
            break;
        case 6:
            if (equalsIgnoreCase(name, "opaque"))
                out.m_opaque = value;
            else if (equalsIgnoreCase(name, "cnonce"))
                out.m_cnonce = value;
            break;
        case 8:
            if (equalsIgnoreCase(name, "username"))
                out.m_username = value;
            else if (equalsIgnoreCase(name, "response"))
                out.m_response = value;
            break;
        case 9:
            if (equalsIgnoreCase(name, "algorithm"))
                out.m_algorithm = value;
            break;
        default:
            break;
        }
    });
    if (!s.failed() && out.isDigest() && out.m_params.empty())
        s.fail(std::string(what) + ": Digest without parameters");
    return !s.failed();
}

bool AuthHeader::isDigest() const
{
    return TextUtil::equalsIgnoreCase(m_scheme, "Digest");
}

std::string AuthHeader::param(std::string_view name) const
{
    std::string found;
    Scanner s(m_params);
    forEachAuthParam(s, "auth", [&](std::string_view n, std::string_view v) {
        if (found.empty() && TextUtil::equalsIgnoreCase(n, name))
            found = v.front() == '"' ? TextUtil::unquote(v) : std::string(v);
    });
    return found;
}

} // namespace Sip
