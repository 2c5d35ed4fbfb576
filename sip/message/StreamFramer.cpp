// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StreamFramer.h"

#include "HeaderName.h"
#include "TextUtil.h"

namespace Sip {

StreamFramer::StreamFramer(const MessageLimits &limits)
    : m_limits(limits)
{
}

void StreamFramer::reset()
{
    m_buffer.clear();
    m_start = 0;
    m_scanFrom = 0;
    m_failed = false;
}

void StreamFramer::feed(std::string_view data)
{
    if (m_failed)
        return;
    if (m_start > 0 && m_start >= m_buffer.size() / 2) {
        m_buffer.erase(0, m_start);
        m_start = 0;
    }
    m_buffer.append(data);
}

void StreamFramer::consume(size_t n)
{
    m_start += n;
    m_scanFrom = 0;
    if (m_start == m_buffer.size()) {
        m_buffer.clear();
        m_start = 0;
    }
}

StreamFramer::Event StreamFramer::fail(std::string reason)
{
    m_failed = true;
    m_buffer.clear();
    m_start = 0;
    return Event { EventType::Error, {}, std::move(reason) };
}

int64_t StreamFramer::contentLength(std::string_view headers, std::string &error) const
{
    int64_t found = -1;
    size_t pos = headers.find('\n'); // skip the start line
    while (pos != std::string_view::npos && pos + 1 < headers.size()) {
        const size_t lineStart = pos + 1;
        size_t lineEnd = headers.find('\n', lineStart);
        // Extend over folded continuation lines.
        while (lineEnd != std::string_view::npos && lineEnd + 1 < headers.size()
               && (headers[lineEnd + 1] == ' ' || headers[lineEnd + 1] == '\t'))
            lineEnd = headers.find('\n', lineEnd + 1);
        const std::string_view line = headers.substr(lineStart, lineEnd == std::string_view::npos
                                                                    ? std::string_view::npos
                                                                    : lineEnd - lineStart);
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos
            && HeaderName::lookup(TextUtil::trim(line.substr(0, colon))) == HeaderId::ContentLength) {
            const std::string_view value = TextUtil::trim(line.substr(colon + 1));
            const auto n = TextUtil::parseUnsigned(value, m_limits.maxMessageBytes);
            if (!n) {
                error = "Content-Length '" + std::string(value.substr(0, 20)) + "' is not a valid length";
                return -2;
            }
            if (found >= 0 && static_cast<uint64_t>(found) != *n) {
                error = "conflicting Content-Length values";
                return -2;
            }
            found = static_cast<int64_t>(*n);
        }
        pos = lineEnd;
    }
    return found;
}

std::optional<StreamFramer::Event> StreamFramer::next()
{
    if (m_failed)
        return std::nullopt;
    const std::string_view data = std::string_view(m_buffer).substr(m_start);
    if (data.empty())
        return std::nullopt;

    // Keep-alives: RFC 5626 §3.5.1 ping is CRLF CRLF, the pong a single CRLF. Stray CRLFs
    // before a message (RFC 3261 §7.5) come out as pongs too, which is harmless.
    if (data[0] == '\r' || data[0] == '\n') {
        if (data.substr(0, 4) == "\r\n\r\n") {
            consume(4);
            return Event { EventType::KeepAlivePing, {}, {} };
        }
        if (data.substr(0, 2) == "\r\n") {
            consume(2);
            return Event { EventType::KeepAlivePong, {}, {} };
        }
        if (data[0] == '\n') {
            consume(1);
            return Event { EventType::KeepAlivePong, {}, {} };
        }
        if (data.size() == 1)
            return std::nullopt; // a lone CR: wait for its LF
        return fail("stray CR between messages");
    }

    // End of the header section: the first empty line (CRLF CRLF, or bare LF LF).
    size_t headerEnd = std::string_view::npos;
    size_t separator = 0;
    const size_t from = m_scanFrom > 3 ? m_scanFrom - 3 : 0;
    for (size_t i = data.find('\n', from); i != std::string_view::npos; i = data.find('\n', i + 1)) {
        if (i + 2 < data.size() && data[i + 1] == '\r' && data[i + 2] == '\n') {
            headerEnd = i + 1;
            separator = 2;
            break;
        }
        if (i + 1 < data.size() && data[i + 1] == '\n') {
            headerEnd = i + 1;
            separator = 1;
            break;
        }
    }
    if (headerEnd == std::string_view::npos) {
        if (data.size() > m_limits.maxMessageBytes)
            return fail("header section exceeds " + std::to_string(m_limits.maxMessageBytes) + " bytes");
        m_scanFrom = data.size();
        return std::nullopt;
    }

    std::string error;
    const int64_t bodyLength = contentLength(data.substr(0, headerEnd), error);
    if (bodyLength == -2)
        return fail(error);
    if (bodyLength == -1)
        return fail("message without Content-Length on a stream transport (RFC 3261 §18.3)");
    const size_t total = headerEnd + separator + static_cast<size_t>(bodyLength);
    if (total > m_limits.maxMessageBytes)
        return fail("message of " + std::to_string(total) + " bytes exceeds the limit of "
                    + std::to_string(m_limits.maxMessageBytes));
    if (data.size() < total) {
        m_scanFrom = headerEnd; // the header end is known; only the body is missing
        return std::nullopt;
    }
    Event event { EventType::Message, std::string(data.substr(0, total)), {} };
    consume(total);
    return event;
}

} // namespace Sip
