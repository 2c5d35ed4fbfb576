// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Scanner.h"

#include <optional>
#include <string>
#include <string_view>

namespace Sip {

struct Param
{
    std::string_view name;
    std::string_view value; // as written: a quoted value keeps its quotes
    bool hasValue = false;
};

/// A validated run of ";name[=value]" parameters, kept as the text it was parsed from.
/// Header parameters allow white space around ';' and '='; URI parameters do not.
class ParamList
{
public:
    enum class Style { Header, Uri };

    ParamList() = default;
    ParamList(std::string_view text, Style style)
        : m_text(text)
        , m_style(style)
    {
    }

    std::string_view text() const { return m_text; }
    bool isEmpty() const { return m_text.empty(); }

    // Calls fn(const Param&) for each parameter in order; fn returns false to stop.
    template<typename Fn>
    void forEach(Fn &&fn) const
    {
        Scanner s(m_text);
        while (!s.atEnd()) {
            if (!s.consume(';'))
                return;
            Param p;
            if (m_style == Style::Header) {
                p.name = s.token();
                if (s.consume('=')) {
                    p.hasValue = true;
                    p.value = headerValue(s);
                }
            } else {
                p.name = uriPart(s, s.position());
                if (s.consumeExact('=')) {
                    p.hasValue = true;
                    p.value = uriPart(s, s.position());
                }
            }
            if (!fn(static_cast<const Param &>(p)))
                return;
        }
    }

    std::optional<Param> find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name).has_value(); }
    // The value of `name`, unquoted; empty when absent or valueless.
    std::string valueOf(std::string_view name) const;
    int count() const;

    // Parses header parameters at the scanner (SEMI generic-param)*, validating each:
    // generic-param = token [ EQUAL gen-value ], gen-value = token / host / quoted-string.
    // onParam(const Param&) may validate known names and call s.fail().
    template<typename Fn>
    static ParamList parseHeaderParams(Scanner &s, const char *what, Fn &&onParam)
    {
        const char *start = nullptr;
        const char *last = nullptr;
        for (;;) {
            const char *before = s.position();
            if (!s.consume(';'))
                break;
            if (!start)
                start = before;
            Param p;
            p.name = s.token();
            if (p.name.empty()) {
                s.fail(std::string(what) + ": empty parameter");
                break;
            }
            if (s.consume('=')) {
                p.hasValue = true;
                p.value = parseHeaderValue(s, what);
            }
            if (s.failed())
                break;
            last = s.position();
            onParam(static_cast<const Param &>(p));
            if (s.failed())
                break;
        }
        if (!start || s.failed())
            return {};
        while (start < last && CharClass::is(*start, CharClass::Space))
            ++start;
        return ParamList(std::string_view(start, static_cast<size_t>(last - start)), Style::Header);
    }

    // Parses URI parameters at the scanner (";" pname [ "=" pvalue ])*, no white space.
    template<typename Fn>
    static ParamList parseUriParams(Scanner &s, const char *what, Fn &&onParam)
    {
        const char *start = s.position();
        while (s.consumeExact(';')) {
            Param p;
            p.name = parseUriParamPart(s, what);
            if (p.name.empty() && !s.failed())
                s.fail(std::string(what) + ": empty URI parameter");
            if (s.consumeExact('=')) {
                p.hasValue = true;
                p.value = parseUriParamPart(s, what);
                if (p.value.empty() && !s.failed())
                    s.fail(std::string(what) + ": empty URI parameter value");
            }
            if (s.failed())
                return {};
            onParam(static_cast<const Param &>(p));
            if (s.failed())
                return {};
        }
        return ParamList(std::string_view(start, static_cast<size_t>(s.position() - start)),
                         Style::Uri);
    }

    friend bool operator==(const ParamList &a, const ParamList &b) { return a.m_text == b.m_text; }

private:
    // gen-value: token, host (IPv6 reference, or an IPv6 address written bare as RFC 5118
    // §4.5 tolerates in 'received'), or quoted-string.
    static std::string_view parseHeaderValue(Scanner &s, const char *what)
    {
        if (s.peek() == '"')
            return s.quotedString(what);
        const char *start = s.position();
        if (s.consumeExact('[')) {
            while (!s.atEnd() && s.peek() != ']')
                s.advance();
            if (!s.consumeExact(']')) {
                s.fail(std::string(what) + ": unterminated '[' in parameter value");
                return {};
            }
        } else {
            s.takeWhile(CharClass::Token | CharClass::ParamUnreserved);
        }
        std::string_view value(start, static_cast<size_t>(s.position() - start));
        if (value.empty())
            s.fail(std::string(what) + ": empty parameter value");
        return value;
    }
    static std::string_view headerValue(Scanner &s)
    {
        if (s.peek() == '"')
            return s.quotedString("parameter");
        const char *start = s.position();
        if (s.consumeExact('[')) {
            while (!s.atEnd() && s.peek() != ']')
                s.advance();
            s.consumeExact(']');
        } else {
            s.takeWhile(CharClass::Token | CharClass::ParamUnreserved);
        }
        return { start, static_cast<size_t>(s.position() - start) };
    }
    static std::string_view parseUriParamPart(Scanner &s, const char *what)
    {
        const char *start = s.position();
        while (!s.atEnd()) {
            const char c = s.peek();
            if (CharClass::is(c, CharClass::Unreserved | CharClass::ParamUnreserved)) {
                s.advance();
            } else if (c == '%') {
                const char *p = s.position();
                if (s.end() - p < 3 || !CharClass::is(p[1], CharClass::Hex)
                    || !CharClass::is(p[2], CharClass::Hex)) {
                    s.fail(std::string(what) + ": bad %-escape in URI parameter");
                    return {};
                }
                s.advance(3);
            } else {
                break;
            }
        }
        return { start, static_cast<size_t>(s.position() - start) };
    }
    static std::string_view uriPart(Scanner &s, const char *start)
    {
        s.setPosition(start);
        while (!s.atEnd()
               && (CharClass::is(s.peek(), CharClass::Unreserved | CharClass::ParamUnreserved)
                   || s.peek() == '%'))
            s.advance();
        return { start, static_cast<size_t>(s.position() - start) };
    }

    std::string_view m_text;
    Style m_style = Style::Header;
};

} // namespace Sip
