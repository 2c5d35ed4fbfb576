// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CharClass.h"
#include "ParseError.h"

#include <string>
#include <string_view>

namespace Sip {

// A cursor over one header value (folds included: CR and LF count as white space here,
// because the message scanner has already fixed where the field ends). Every typed
// header parser is written on top of it. Errors are recorded once, the first wins,
// and every operation after an error is a no-op, so parsers can chain calls and
// check failed() at the end.
class Scanner
{
public:
    explicit Scanner(std::string_view text)
        : m_pos(text.data())
        , m_end(text.data() + text.size())
    {
    }

    bool atEnd() const { return m_pos >= m_end; }
    char peek() const { return m_pos < m_end ? *m_pos : '\0'; }
    const char *position() const { return m_pos; }
    const char *end() const { return m_end; }
    void setPosition(const char *p) { m_pos = p; }
    void advance(size_t n = 1) { m_pos += n; }

    bool failed() const { return !m_error.empty(); }
    const std::string &error() const { return m_error; }
    void fail(std::string reason)
    {
        if (m_error.empty())
            m_error = std::move(reason);
        m_pos = m_end;
    }

    // Skips LWS/SWS. Returns true if anything was skipped.
    bool skipSpace()
    {
        const char *start = m_pos;
        while (m_pos < m_end && CharClass::is(*m_pos, CharClass::Space))
            ++m_pos;
        return m_pos != start;
    }

    std::string_view takeWhile(uint16_t flags)
    {
        const char *start = m_pos;
        while (m_pos < m_end && CharClass::is(*m_pos, flags))
            ++m_pos;
        return { start, static_cast<size_t>(m_pos - start) };
    }

    std::string_view token() { return takeWhile(CharClass::Token); }

    // Consumes `c` surrounded by optional white space (SWS c SWS).
    bool consume(char c)
    {
        const char *save = m_pos;
        skipSpace();
        if (m_pos < m_end && *m_pos == c) {
            ++m_pos;
            skipSpace();
            return true;
        }
        m_pos = save;
        return false;
    }

    // Consumes `c` exactly at the cursor, no white space around it.
    bool consumeExact(char c)
    {
        if (m_pos < m_end && *m_pos == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    // quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE; returns the text with its
    // quotes. quoted-pair may escape any octet but CR and LF (RFC 3261 §25.1).
    std::string_view quotedString(const char *what)
    {
        const char *start = m_pos;
        if (!consumeExact('"')) {
            fail(std::string(what) + ": expected a quoted string");
            return {};
        }
        while (m_pos < m_end) {
            const char c = *m_pos;
            if (c == '"') {
                ++m_pos;
                return { start, static_cast<size_t>(m_pos - start) };
            }
            if (c == '\\') {
                if (m_pos + 1 >= m_end || m_pos[1] == '\r' || m_pos[1] == '\n')
                    break;
                m_pos += 2;
                continue;
            }
            ++m_pos;
        }
        fail(std::string(what) + ": unterminated quoted string");
        return {};
    }

private:
    const char *m_pos;
    const char *m_end;
    std::string m_error;
};

} // namespace Sip
