// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SipUri.h"

#include "TextUtil.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace Sip {

namespace {

bool setError(std::string *error, std::string text)
{
    if (error)
        *error = std::move(text);
    return false;
}

// Checks the characters of a user or password part, %-escapes included.
bool validUserInfoPart(std::string_view part, uint16_t allowed)
{
    for (size_t i = 0; i < part.size(); ++i) {
        const char c = part[i];
        if (CharClass::is(c, allowed))
            continue;
        if (c == '%' && i + 2 < part.size() && CharClass::is(part[i + 1], CharClass::Hex)
            && CharClass::is(part[i + 2], CharClass::Hex)) {
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

bool validHeaders(std::string_view headers)
{
    // headers = hname "=" hvalue *( "&" hname "=" hvalue ), hvalue may be empty.
    size_t i = 0;
    for (;;) {
        size_t nameStart = i;
        auto part = [&](bool isName) {
            while (i < headers.size()) {
                const char c = headers[i];
                if (CharClass::is(c, CharClass::Unreserved | CharClass::HeaderUnreserved)) {
                    ++i;
                } else if (c == '%' && i + 2 < headers.size()
                           && CharClass::is(headers[i + 1], CharClass::Hex)
                           && CharClass::is(headers[i + 2], CharClass::Hex)) {
                    i += 3;
                } else {
                    break;
                }
            }
            (void)isName;
        };
        part(true);
        if (i == nameStart || i >= headers.size() || headers[i] != '=')
            return false;
        ++i;
        part(false);
        if (i == headers.size())
            return true;
        if (headers[i] != '&')
            return false;
        ++i;
    }
}

struct Component
{
    std::string name;
    std::string value;
    bool hasValue = false;
};

std::vector<Component> decodedParams(const ParamList &params)
{
    std::vector<Component> out;
    params.forEach([&](const Param &p) {
        out.push_back({ TextUtil::unescape(p.name), TextUtil::unescape(p.value), p.hasValue });
        return true;
    });
    return out;
}

const Component *findComponent(const std::vector<Component> &list, std::string_view name)
{
    for (const auto &c : list) {
        if (TextUtil::equalsIgnoreCase(c.name, name))
            return &c;
    }
    return nullptr;
}

std::vector<Component> decodedHeaders(std::string_view headers)
{
    std::vector<Component> out;
    size_t i = 0;
    while (i < headers.size()) {
        size_t amp = headers.find('&', i);
        if (amp == std::string_view::npos)
            amp = headers.size();
        const std::string_view item = headers.substr(i, amp - i);
        const size_t eq = item.find('=');
        Component c;
        c.name = TextUtil::unescape(item.substr(0, eq));
        if (eq != std::string_view::npos) {
            c.value = TextUtil::unescape(item.substr(eq + 1));
            c.hasValue = true;
        }
        out.push_back(std::move(c));
        i = amp + 1;
    }
    return out;
}

} // namespace

bool SipUri::isIPv4Address(std::string_view text)
{
    int parts = 0;
    size_t i = 0;
    while (parts < 4) {
        size_t start = i;
        int value = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 3) {
            value = value * 10 + (text[i] - '0');
            ++i;
        }
        if (i == start || value > 255)
            return false;
        ++parts;
        if (parts < 4) {
            if (i >= text.size() || text[i] != '.')
                return false;
            ++i;
        }
    }
    return i == text.size();
}

bool SipUri::isIPv6Address(std::string_view text)
{
    // RFC 4291 §2.2 text forms: eight groups, at most one "::", an IPv4 tail allowed.
    if (text.empty() || text.size() > 45)
        return false;
    int groups = 0;
    bool doubleColon = false;
    size_t i = 0;
    if (text.size() >= 2 && text[0] == ':' && text[1] == ':') {
        doubleColon = true;
        i = 2;
        if (i == text.size())
            return true;
    } else if (text[0] == ':') {
        return false;
    }
    while (i < text.size()) {
        size_t start = i;
        while (i < text.size() && CharClass::is(text[i], CharClass::Hex) && i - start < 5)
            ++i;
        const size_t len = i - start;
        if (i < text.size() && text[i] == '.') {
            // IPv4 tail: counts as two groups and must end the address.
            if (!isIPv4Address(text.substr(start)))
                return false;
            groups += 2;
            i = text.size();
            break;
        }
        if (len == 0 || len > 4)
            return false;
        ++groups;
        if (i == text.size())
            break;
        if (text[i] != ':')
            return false;
        ++i;
        if (i < text.size() && text[i] == ':') {
            if (doubleColon)
                return false;
            doubleColon = true;
            ++i;
            if (i == text.size())
                break;
        } else if (i == text.size()) {
            return false; // a single trailing colon
        }
    }
    return doubleColon ? groups <= 7 : groups == 8;
}

bool SipUri::isHostName(std::string_view text)
{
    // hostname = *( domainlabel "." ) toplabel [ "." ]; labels of alphanum and '-'.
    if (text.empty() || text.size() > 255)
        return false;
    if (text.back() == '.')
        text.remove_suffix(1);
    // toplabel = ALPHA / ALPHA *( alphanum / "-" ) alphanum: a name never ends in a
    // numeric label, so "192.0.2.256" is neither an address nor a name.
    const size_t lastDot = text.rfind('.');
    const size_t topStart = lastDot == std::string_view::npos ? 0 : lastDot + 1;
    if (topStart >= text.size() || !CharClass::is(text[topStart], CharClass::Alpha))
        return false;
    size_t labelStart = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '.') {
            const std::string_view label = text.substr(labelStart, i - labelStart);
            if (label.empty() || label.front() == '-' || label.back() == '-')
                return false;
            labelStart = i + 1;
        } else if (!CharClass::is(text[i], CharClass::Alpha | CharClass::Digit) && text[i] != '-'
                   && text[i] != '_') {
            return false;
        }
    }
    return true;
}

bool SipUri::parse(std::string_view text, SipUri &out, std::string *error, bool allowHeaders)
{
    out = SipUri();
    out.m_text = text;
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0)
        return setError(error, "URI has no scheme");
    const std::string_view scheme = text.substr(0, colon);
    if (!CharClass::is(scheme.front(), CharClass::Alpha))
        return setError(error, "URI scheme must start with a letter");
    for (char c : scheme) {
        if (!CharClass::is(c, CharClass::SchemeChar))
            return setError(error, "invalid character in URI scheme");
    }
    out.m_schemeText = scheme;
    std::string_view rest = text.substr(colon + 1);
    out.m_opaque = rest;

    if (TextUtil::equalsIgnoreCase(scheme, "sip"))
        out.m_scheme = Scheme::Sip;
    else if (TextUtil::equalsIgnoreCase(scheme, "sips"))
        out.m_scheme = Scheme::Sips;
    else if (TextUtil::equalsIgnoreCase(scheme, "tel"))
        out.m_scheme = Scheme::Tel;
    else
        out.m_scheme = Scheme::Other;

    if (!out.isSipOrSips()) {
        if (rest.empty())
            return setError(error, "URI has nothing after its scheme");
        for (char c : rest) {
            if (!CharClass::is(c, CharClass::UriChar | CharClass::Unreserved)
                && static_cast<unsigned char>(c) < 0x80)
                return setError(error, "invalid character in URI");
        }
        if (out.m_scheme == Scheme::Tel) {
            const size_t semi = rest.find(';');
            const std::string_view number = rest.substr(0, semi);
            if (number.empty())
                return setError(error, "tel URI has no number");
            for (char c : number) {
                if (!CharClass::is(c, CharClass::Hex) && !std::strchr("*#+-.()pPwW", c))
                    return setError(error, "invalid character in tel URI number");
            }
            out.m_user = number;
            if (semi != std::string_view::npos) {
                Scanner s(rest.substr(semi));
                out.m_params = ParamList::parseUriParams(s, "tel URI", [](const Param &) {});
                if (s.failed() || !s.atEnd())
                    return setError(error, s.failed() ? s.error() : "bad tel URI parameter");
            }
        }
        return true;
    }

    // userinfo: everything before the one '@'; neither host, params nor headers may hold one.
    const size_t at = rest.find('@');
    if (at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        const size_t pw = userinfo.find(':');
        out.m_hasUserInfo = true;
        out.m_user = userinfo.substr(0, pw);
        if (pw != std::string_view::npos) {
            out.m_password = userinfo.substr(pw + 1);
            if (!validUserInfoPart(out.m_password, CharClass::Unreserved | CharClass::PasswordChar))
                return setError(error, "invalid character in URI password");
        }
        if (out.m_user.empty())
            return setError(error, "URI has an empty user part before '@'");
        if (!validUserInfoPart(out.m_user, CharClass::Unreserved | CharClass::UserUnreserved))
            return setError(error, "invalid character in URI user part");
        rest = rest.substr(at + 1);
    }

    Scanner s(rest);
    if (s.peek() == '[') {
        const char *start = s.position();
        while (!s.atEnd() && s.peek() != ']')
            s.advance();
        if (!s.consumeExact(']'))
            return setError(error, "unterminated IPv6 reference in URI host");
        out.m_host = std::string_view(start, static_cast<size_t>(s.position() - start));
        if (!isIPv6Address(out.m_host.substr(1, out.m_host.size() - 2)))
            return setError(error, "invalid IPv6 address in URI host");
        out.m_hostType = HostType::IPv6;
    } else {
        out.m_host = s.takeWhile(CharClass::HostChar);
        if (out.m_host.empty())
            return setError(error, "URI has no host");
        if (isIPv4Address(out.m_host))
            out.m_hostType = HostType::IPv4;
        else if (isHostName(out.m_host))
            out.m_hostType = HostType::Name;
        else if (s.peek() == ':' && std::string_view(s.position() + 1, static_cast<size_t>(s.end() - s.position() - 1)).find(':') != std::string_view::npos)
            return setError(error, "an IPv6 address in a URI must be enclosed in [] (RFC 5118 §4.2)");
        else
            return setError(error, "invalid URI host '" + std::string(out.m_host.substr(0, 64)) + "'");
    }
    if (s.consumeExact(':')) {
        const std::string_view afterColon(s.position(), static_cast<size_t>(s.end() - s.position()));
        if (afterColon.find(':') < afterColon.find_first_of(";?"))
            return setError(error, "an IPv6 address in a URI must be enclosed in [] (RFC 5118 §4.2)");
        const auto port = TextUtil::parseUnsigned(s.takeWhile(CharClass::Digit), 65535);
        if (!port)
            return setError(error, "invalid URI port");
        out.m_port = static_cast<int>(*port);
    }
    // RFC 3261 §19.1.1: a parameter name appears at most once. The bound on the count
    // keeps this check linear in practice and hostile URIs cheap.
    constexpr size_t maxUriParams = 64;
    std::array<std::string_view, maxUriParams> seen;
    size_t seenCount = 0;
    out.m_params = ParamList::parseUriParams(s, "URI", [&](const Param &p) {
        if (seenCount == maxUriParams) {
            s.fail("URI has more than 64 parameters");
            return;
        }
        for (size_t i = 0; i < seenCount; ++i) {
            if (TextUtil::equalsIgnoreCase(seen[i], p.name)) {
                s.fail("URI parameter '" + std::string(p.name.substr(0, 32)) + "' appears twice");
                return;
            }
        }
        seen[seenCount++] = p.name;
    });
    if (s.failed())
        return setError(error, s.error());
    if (s.consumeExact('?')) {
        if (!allowHeaders)
            return setError(error, "Request-URI must not contain headers ('?')");
        out.m_headers = std::string_view(s.position(), static_cast<size_t>(s.end() - s.position()));
        if (!validHeaders(out.m_headers))
            return setError(error, "invalid URI headers");
        s.setPosition(s.end());
    }
    if (!s.atEnd())
        return setError(error, std::string("unexpected character '") + s.peek() + "' in URI");
    return true;
}

std::string SipUri::decodedUser() const
{
    return TextUtil::unescape(m_user);
}

bool SipUri::equivalentTo(const SipUri &other) const
{
    if (m_scheme != other.m_scheme)
        return false;
    if (!isSipOrSips()) {
        return TextUtil::equalsIgnoreCase(m_schemeText, other.m_schemeText)
            && TextUtil::equalsIgnoreCase(m_opaque, other.m_opaque);
    }
    // RFC 3261 §19.1.4: userinfo case-sensitive, everything else case-insensitive, all
    // compared after decoding %-escapes; an explicit port never equals a missing one.
    if (TextUtil::unescape(m_user) != TextUtil::unescape(other.m_user)
        || TextUtil::unescape(m_password) != TextUtil::unescape(other.m_password)
        || m_hasUserInfo != other.m_hasUserInfo)
        return false;
    if (!TextUtil::equalsIgnoreCase(TextUtil::unescape(m_host), TextUtil::unescape(other.m_host)))
        return false;
    if (m_port != other.m_port)
        return false;

    const auto mine = decodedParams(m_params);
    const auto theirs = decodedParams(other.m_params);
    static const char *const mustMatch[] = { "user", "ttl", "method", "maddr", "transport" };
    for (const char *name : mustMatch) {
        const Component *a = findComponent(mine, name);
        const Component *b = findComponent(theirs, name);
        if ((a == nullptr) != (b == nullptr))
            return false;
        if (a && !TextUtil::equalsIgnoreCase(a->value, b->value))
            return false;
    }
    for (const auto &a : mine) {
        const Component *b = findComponent(theirs, a.name);
        if (b && (a.hasValue != b->hasValue || !TextUtil::equalsIgnoreCase(a.value, b->value)))
            return false;
    }

    // Headers may repeat a name (?h=1&h=2): compare them as multisets, case-insensitively.
    auto normalized = [](std::string_view headers) {
        auto list = decodedHeaders(headers);
        std::vector<std::pair<std::string, std::string>> out;
        out.reserve(list.size());
        for (auto &c : list) {
            std::transform(c.name.begin(), c.name.end(), c.name.begin(), CharClass::toLower);
            std::transform(c.value.begin(), c.value.end(), c.value.begin(), CharClass::toLower);
            out.emplace_back(std::move(c.name), std::move(c.value));
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    return normalized(m_headers) == normalized(other.m_headers);
}

std::string SipUri::escapeUser(std::string_view user)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(user.size());
    for (char c : user) {
        if (CharClass::is(c, CharClass::Unreserved | CharClass::UserUnreserved)) {
            out.push_back(c);
        } else {
            const auto b = static_cast<unsigned char>(c);
            out.push_back('%');
            out.push_back(hex[b >> 4]);
            out.push_back(hex[b & 0xF]);
        }
    }
    return out;
}

std::string SipUri::format(Scheme scheme, std::string_view user, std::string_view host, int port,
                           std::string_view params)
{
    std::string out = scheme == Scheme::Sips ? "sips:" : "sip:";
    if (!user.empty()) {
        out += escapeUser(user);
        out.push_back('@');
    }
    const bool bareIPv6 = host.find(':') != std::string_view::npos && host.front() != '[';
    if (bareIPv6)
        out.push_back('[');
    out += host;
    if (bareIPv6)
        out.push_back(']');
    if (port > 0) {
        out.push_back(':');
        out += std::to_string(port);
    }
    if (!params.empty()) {
        if (params.front() != ';')
            out.push_back(';');
        out += params;
    }
    return out;
}

} // namespace Sip
