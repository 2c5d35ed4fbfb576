// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target: SipMessage::parse (datagram and stream framing, default and small
// limits), the typed accessors, and SipUri::parse. Oracles (a violation traps):
//  - a message that parses serializes to text that parses again to an equal message,
//    and serializing twice gives the same bytes;
//  - a message accepted under small limits is accepted under the default limits too,
//    and gives an equal message.
// ASan/UBSan catch the memory and undefined-behaviour faults.

#include "sip/message/SipMessage.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace Sip;

namespace {

volatile size_t g_sink = 0;

void touch(std::string_view v)
{
    g_sink = g_sink + v.size() + (v.empty() ? 0 : static_cast<unsigned char>(v.front()));
}

void touchParams(const ParamList &params)
{
    params.forEach([](const Param &p) {
        touch(p.name);
        touch(p.value);
        return true;
    });
    g_sink = g_sink + static_cast<size_t>(params.count());
    touch(params.valueOf("tag"));
    touch(params.valueOf("transport"));
    g_sink = g_sink + params.contains("lr");
}

void touchUri(const SipUri &uri)
{
    touch(uri.text());
    touch(uri.schemeText());
    touch(uri.user());
    touch(uri.password());
    touch(uri.host());
    touch(uri.headers());
    touch(uri.opaque());
    g_sink = g_sink + static_cast<size_t>(uri.port()) + static_cast<size_t>(uri.hostType());
    touch(uri.decodedUser());
    touch(uri.transport());
    touch(uri.maddr());
    g_sink = g_sink + uri.hasLooseRoute();
    touchParams(uri.params());
    // Reflexivity of RFC 3261 §19.1.4 equivalence.
    if (!uri.isNull() && !uri.equivalentTo(uri))
        __builtin_trap();
}

void touchNameAddr(const NameAddr *a)
{
    if (!a)
        return;
    touch(a->displayName());
    touch(a->displayNameText());
    touch(a->tag());
    touchUri(a->uri());
    touchParams(a->params());
}

void touchAuth(std::span<const AuthHeader> list)
{
    for (const auto &h : list) {
        touch(h.scheme());
        g_sink = g_sink + h.isDigest();
        touch(h.paramsText());
        touch(h.param("realm"));
        touch(h.param("nonce"));
        touch(h.param("qop"));
        touch(h.realm());
        touch(h.nonce());
        touch(h.opaque());
        touch(h.algorithm());
        touch(h.qop());
        touch(h.username());
        touch(h.uri());
        touch(h.response());
        touch(h.cnonce());
        touch(h.nonceCount());
    }
}

void touchMessage(const SipMessage &m)
{
    touch(m.method());
    g_sink = g_sink + static_cast<size_t>(m.methodId()) + static_cast<size_t>(m.statusCode());
    touch(m.reasonPhrase());
    touchUri(m.requestUri());
    for (const auto &f : m.headers()) {
        touch(f.name);
        touch(f.value);
        touch(m.header(f.name));
        g_sink = g_sink + static_cast<size_t>(m.headerCount(f.name));
    }
    for (const auto &v : m.vias()) {
        touch(v.protocolName());
        touch(v.protocolVersion());
        touch(v.transport());
        touch(v.host());
        touch(v.branch());
        touch(v.received());
        touch(v.maddr());
        g_sink = g_sink + static_cast<size_t>(v.port() + v.rport() + v.ttl()) + v.hasRfc3261Branch();
        touchParams(v.params());
    }
    touchNameAddr(m.from());
    touchNameAddr(m.to());
    touch(m.callId());
    if (const CSeq *c = m.cseq()) {
        g_sink = g_sink + c->number();
        touch(c->method());
    }
    g_sink = g_sink + static_cast<size_t>(m.maxForwards());
    for (const auto &c : m.contacts()) {
        g_sink = g_sink + c.isStar() + static_cast<size_t>(c.expires() + c.q());
        if (!c.isStar())
            touchNameAddr(&c.address());
    }
    for (const auto &r : m.routes())
        touchNameAddr(&r);
    for (const auto &r : m.recordRoutes())
        touchNameAddr(&r);
    if (const MediaType *t = m.contentType()) {
        touch(t->type());
        touch(t->subtype());
        touchParams(t->params());
        g_sink = g_sink + t->matches("application", "sdp");
    }
    g_sink = g_sink + static_cast<size_t>(m.contentLength() + m.expires() + m.minExpires());
    touchAuth(m.wwwAuthenticate());
    touchAuth(m.proxyAuthenticate());
    touchAuth(m.authorization());
    touchAuth(m.proxyAuthorization());
    if (const EventHeader *e = m.event()) {
        touch(e->package());
        touch(e->id());
        touchParams(e->params());
    }
    if (const SubscriptionState *s = m.subscriptionState()) {
        touch(s->state());
        touch(s->reason());
        g_sink = g_sink + static_cast<size_t>(s->expires() + s->retryAfter());
        touchParams(s->params());
    }
    for (const auto &lists : { m.allow(), m.supported(), m.require(), m.proxyRequire(), m.unsupported() })
        for (const auto &tok : lists)
            touch(tok);
    g_sink = g_sink + m.hasAccept();
    for (const auto &t : m.accept()) {
        touch(t.type());
        touch(t.subtype());
        touchParams(t.params());
    }
    touch(m.sipETag());
    touch(m.sipIfMatch());
    touchNameAddr(m.referTo());
    touchNameAddr(m.referredBy());
    if (const Replaces *r = m.replaces()) {
        touch(r->callId());
        touch(r->toTag());
        touch(r->fromTag());
        g_sink = g_sink + r->earlyOnly();
    }
    if (const SipDate *d = m.date())
        g_sink = g_sink + static_cast<size_t>(d->secondsSinceEpoch());
    touch(m.body());

    if (m.isRequest() && m.to()) {
        const SipUri &ruri = m.requestUri();
        const SipUri &turi = m.to()->uri();
        // Equivalence is symmetric.
        if (ruri.equivalentTo(turi) != turi.equivalentTo(ruri))
            __builtin_trap();
    }
}

// Serialize, re-parse with the same framing and limits, compare.
void roundTrip(const SipMessage &m, SipMessage::Framing framing, const MessageLimits &limits)
{
    const std::string text = m.toString();
    if (text != m.toString())
        __builtin_trap();
    ParseError error;
    const SipMessage again = SipMessage::parse(text, &error, framing, limits);
    if (again.isNull() || !(again == m))
        __builtin_trap();
    if (again.toString() != text)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);

    const MessageLimits defaults;
    MessageLimits small;
    small.maxMessageBytes = 2048;
    small.maxHeaderCount = 16;
    small.maxLineBytes = 256;

    ParseError error;
    const SipMessage dgram = SipMessage::parse(bytes, &error, SipMessage::Framing::Datagram, defaults);
    touch(error.reason);
    if (!dgram.isNull()) {
        touchMessage(dgram);
        roundTrip(dgram, SipMessage::Framing::Datagram, defaults);
    }

    ParseError smallError;
    const SipMessage dgramSmall = SipMessage::parse(bytes, &smallError, SipMessage::Framing::Datagram, small);
    if (!dgramSmall.isNull()) {
        // Tighter limits only ever refuse more.
        if (dgram.isNull() || !(dgramSmall == dgram))
            __builtin_trap();
        touchMessage(dgramSmall);
        // The serialized form may be a little longer than the input (": " after each
        // name), so it is checked against the default limits.
        roundTrip(dgramSmall, SipMessage::Framing::Datagram, defaults);
    }

    ParseError streamError;
    const SipMessage stream = SipMessage::parse(bytes, &streamError, SipMessage::Framing::Stream, defaults);
    if (!stream.isNull()) {
        touchMessage(stream);
        roundTrip(stream, SipMessage::Framing::Stream, defaults);
    }

    // The first line on its own as a URI, with and without headers allowed.
    std::string_view line = bytes.substr(0, 512);
    if (const size_t eol = line.find_first_of("\r\n"); eol != std::string_view::npos)
        line = line.substr(0, eol);
    for (const bool allowHeaders : { true, false }) {
        SipUri uri;
        std::string uriError;
        if (SipUri::parse(line, uri, &uriError, allowHeaders)) {
            touchUri(uri);
            if (uri.toString() != line)
                __builtin_trap();
        }
        touch(uriError);
    }
    return 0;
}
