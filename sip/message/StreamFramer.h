// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MessageLimits.h"

#include <optional>
#include <string>
#include <string_view>

namespace Sip {

/// Cuts complete SIP messages out of a TCP/TLS byte stream (RFC 3261 §18.3): the
/// header section ends at the first empty line and Content-Length says how much
/// body follows. CRLF keep-alives between messages (RFC 5626 §3.5.1) are reported
/// as events of their own. After a framing error the stream cannot be resynchronised
/// and the connection must be closed; the framer then stays failed.
class StreamFramer
{
public:
    enum class EventType {
        Message, // `bytes` holds one complete message, for SipMessage::parse(Framing::Stream)
        KeepAlivePing, // a double CRLF: the peer asks for a pong
        KeepAlivePong, // a single CRLF: the answer to our ping
        Error, // `error` says why; the connection must be closed
    };
    struct Event
    {
        EventType type = EventType::Message;
        std::string bytes;
        std::string error;
    };

    explicit StreamFramer(const MessageLimits &limits = MessageLimits());

    void feed(std::string_view data);
    // The next complete event, or nothing until more data is fed.
    std::optional<Event> next();

    size_t bufferedBytes() const { return m_buffer.size() - m_start; }
    bool hasFailed() const { return m_failed; }
    void reset();

private:
    Event fail(std::string reason);
    void consume(size_t n);
    // -1 when Content-Length is missing; -2 when malformed (error set).
    int64_t contentLength(std::string_view headers, std::string &error) const;

    MessageLimits m_limits;
    std::string m_buffer;
    size_t m_start = 0; // consumed prefix of m_buffer, compacted lazily
    size_t m_scanFrom = 0; // where to resume looking for the end of the header section
    bool m_failed = false;
};

} // namespace Sip
