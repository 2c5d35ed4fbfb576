// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: StreamFramer. The first byte picks the limits and the chunking
// scheme; the rest is the stream, fed in chunks whose sizes come from a small table
// indexed by successive bytes of a chunk-size key. After each feed every event is
// drained and each message is parsed with Stream framing. Invariants (a violation
// traps):
//  - bufferedBytes() never exceeds maxMessageBytes + the size of the last chunk;
//  - a Message event is non-empty and no larger than maxMessageBytes;
//  - after an Error, hasFailed() holds and next() yields nothing, even after more feeds;
//  - the same stream fed in one piece gives the same messages.

#include "sip/message/SipMessage.h"
#include "sip/message/StreamFramer.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace Sip;

namespace {

volatile size_t g_sink = 0;

struct Outcome
{
    std::vector<StreamFramer::Event> events;
};

void drain(StreamFramer &framer, const MessageLimits &limits, size_t chunk, Outcome &out, bool &failed)
{
    for (;;) {
        std::optional<StreamFramer::Event> ev = framer.next();
        if (!ev)
            break;
        if (failed)
            __builtin_trap(); // nothing may come out after an Error
        switch (ev->type) {
        case StreamFramer::EventType::Message: {
            if (ev->bytes.empty() || ev->bytes.size() > limits.maxMessageBytes)
                __builtin_trap();
            ParseError error;
            const SipMessage m = SipMessage::parse(ev->bytes, &error, SipMessage::Framing::Stream, limits);
            g_sink = g_sink + m.isNull() + error.reason.size();
            if (!m.isNull()) {
                g_sink = g_sink + m.headers().size() + m.body().size();
                // The framer and the parser agree on where the body ends.
                if (m.body().size() > ev->bytes.size())
                    __builtin_trap();
            }
            break;
        }
        case StreamFramer::EventType::KeepAlivePing:
        case StreamFramer::EventType::KeepAlivePong:
            break;
        case StreamFramer::EventType::Error:
            if (ev->error.empty() || !framer.hasFailed())
                __builtin_trap();
            failed = true;
            break;
        }
        out.events.push_back(std::move(*ev));
        if (framer.bufferedBytes() > limits.maxMessageBytes + chunk)
            __builtin_trap();
    }
    if (framer.bufferedBytes() > limits.maxMessageBytes + chunk)
        __builtin_trap();
    if (failed && (!framer.hasFailed() || framer.next()))
        __builtin_trap();
}

// Messages only: a CRLF CRLF split across feeds is legitimately two pongs instead of
// one ping, but it never changes where messages start and end.
std::vector<std::string> messages(const Outcome &o)
{
    std::vector<std::string> out;
    for (const auto &e : o.events)
        if (e.type == StreamFramer::EventType::Message)
            out.push_back(e.bytes);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    const uint8_t mode = data[0];
    const uint8_t key = data[1];
    const std::string_view stream(reinterpret_cast<const char *>(data) + 2, size - 2);

    MessageLimits limits;
    switch (mode & 3) {
    case 0:
        limits.maxMessageBytes = 512;
        break;
    case 1:
        limits.maxMessageBytes = 2048;
        break;
    case 2:
        limits.maxMessageBytes = 64;
        break;
    default:
        break; // defaults
    }
    limits.maxHeaderCount = 16;
    limits.maxLineBytes = 256;

    // Chunk sizes cycle through a table rotated by `key`: 1-byte feeds find boundary
    // bugs around CR/LF, larger ones exercise the lazy compaction.
    static constexpr size_t kSizes[] = { 1, 2, 3, 4, 5, 7, 16, 64, 100, 1, 1, 256, 9, 33, 2, 1000 };
    constexpr size_t kCount = sizeof(kSizes) / sizeof(kSizes[0]);

    StreamFramer framer(limits);
    Outcome chunked;
    bool failed = false;
    size_t pos = 0;
    size_t index = key;
    while (pos < stream.size()) {
        const size_t chunk = (mode & 4) ? stream.size() : kSizes[index++ % kCount];
        const std::string_view piece = stream.substr(pos, chunk);
        pos += piece.size();
        framer.feed(piece);
        if (failed && framer.bufferedBytes() != 0)
            __builtin_trap(); // a failed framer buffers nothing
        drain(framer, limits, piece.size(), chunked, failed);
    }

    // The same bytes in one feed give the same events, as long as the buffer limit was
    // not the reason for an error (fed whole, an oversize header section is seen at once).
    StreamFramer whole(limits);
    Outcome single;
    bool wholeFailed = false;
    whole.feed(stream);
    drain(whole, limits, stream.size(), single, wholeFailed);
    if (!failed && !wholeFailed && messages(chunked) != messages(single))
        __builtin_trap();

    // reset() gives a usable framer again.
    framer.reset();
    if (framer.hasFailed() || framer.bufferedBytes() != 0 || framer.next())
        __builtin_trap();
    return 0;
}
