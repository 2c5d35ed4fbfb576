// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SipParser.h"

#include "SipMessageImpl.h"
#include "TextUtil.h"

#include <cstring>

namespace Sip {

namespace {

bool fail(ParseError &error, int status, std::string reason)
{
    error.statusCode = status;
    error.reason = std::move(reason);
    return false;
}

// SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; 1 when it is 2.0, 0 for another
// well-formed version, -1 when malformed.
int checkVersion(std::string_view v)
{
    if (v.size() < 7 || !TextUtil::equalsIgnoreCase(v.substr(0, 4), "SIP/"))
        return -1;
    const std::string_view number = v.substr(4);
    const size_t dot = number.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 1 == number.size())
        return -1;
    for (size_t i = 0; i < number.size(); ++i) {
        if (i != dot && (number[i] < '0' || number[i] > '9'))
            return -1;
    }
    return number == "2.0" ? 1 : 0;
}

bool isToken(std::string_view s)
{
    if (s.empty())
        return false;
    for (char c : s) {
        if (!CharClass::is(c, CharClass::Token))
            return false;
    }
    return true;
}

bool isCallId(std::string_view s)
{
    // callid = word [ "@" word ]
    const size_t at = s.find('@');
    auto isWord = [](std::string_view w) {
        if (w.empty())
            return false;
        for (char c : w) {
            if (!CharClass::is(c, CharClass::Word))
                return false;
        }
        return true;
    };
    if (at == std::string_view::npos)
        return isWord(s);
    return isWord(s.substr(0, at)) && isWord(s.substr(at + 1));
}

template<typename Vector>
bool parseTokenList(std::string_view value, Vector &out, const char *what, bool allowEmpty,
                    std::string &error)
{
    Scanner s(value);
    s.skipSpace();
    if (s.atEnd()) {
        if (!allowEmpty)
            error = std::string(what) + ": empty value";
        return allowEmpty;
    }
    for (;;) {
        const std::string_view t = s.token();
        if (t.empty()) {
            error = std::string(what) + ": expected a token";
            return false;
        }
        out.push_back(t);
        s.skipSpace();
        if (s.atEnd())
            return true;
        if (!s.consume(',')) {
            error = std::string(what) + ": expected ',' between tokens";
            return false;
        }
    }
}

// Parses a comma-separated list of values with `one(scanner)` per value.
template<typename Fn>
bool parseList(std::string_view value, const char *what, std::string &error, Fn &&one)
{
    Scanner s(value);
    s.skipSpace();
    if (s.atEnd()) {
        error = std::string(what) + ": empty value";
        return false;
    }
    for (;;) {
        if (!one(s)) {
            error = s.failed() ? s.error() : std::string(what) + ": malformed value";
            return false;
        }
        s.skipSpace();
        if (s.atEnd())
            return true;
        if (!s.consume(',')) {
            error = std::string(what) + ": unexpected '" + std::string(1, s.peek()) + "'";
            return false;
        }
        s.skipSpace();
        if (s.atEnd()) {
            error = std::string(what) + ": empty value after ','";
            return false;
        }
    }
}

template<typename T, typename Fn>
bool parseSingle(std::string_view value, std::optional<T> &slot, const char *what,
                 std::string &error, Fn &&one)
{
    if (slot) {
        error = std::string("duplicate ") + what + " header";
        return false;
    }
    Scanner s(value);
    T parsed;
    if (!one(s, parsed)) {
        error = s.failed() ? s.error() : std::string(what) + ": malformed value";
        return false;
    }
    s.skipSpace();
    if (!s.atEnd()) {
        error = std::string(what) + ": unexpected '" + std::string(1, s.peek())
            + "' (only one value is allowed)";
        return false;
    }
    slot = std::move(parsed);
    return true;
}

bool parseNameAddrSingle(std::string_view value, std::optional<NameAddr> &slot, const char *what,
                         std::string &error)
{
    return parseSingle(value, slot, what, error, [what](Scanner &s, NameAddr &out) {
        return NameAddr::parse(s, out, what, NameAddr::Form::Any, false);
    });
}

bool parseNumber(std::string_view value, int64_t &slot, const char *what, uint64_t max,
                 bool saturate, std::string &error)
{
    if (slot >= 0) {
        error = std::string("duplicate ") + what + " header";
        return false;
    }
    const std::string_view v = TextUtil::trim(value);
    const auto n = saturate ? TextUtil::parseSaturating(v, max) : TextUtil::parseUnsigned(v, max);
    if (!n) {
        const bool digits = !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
        error = std::string(what)
            + (digits ? ": value exceeds " + std::to_string(max) : ": must be a non-negative number");
        return false;
    }
    slot = static_cast<int64_t>(*n);
    return true;
}

template<typename Vector, typename T, typename Fn>
bool parseInto(Vector &vec, std::string_view value, const char *what, std::string &error, Fn &&one)
{
    return parseList(value, what, error, [&](Scanner &s) {
        T item;
        if (!one(s, item))
            return false;
        vec.push_back(std::move(item));
        return true;
    });
}

bool parseAuth(std::pmr::vector<AuthHeader> &vec, std::string_view value, const char *what,
               std::string &error)
{
    // One challenge or credentials per header field: commas separate auth-params.
    Scanner s(value);
    AuthHeader h;
    if (!AuthHeader::parse(s, h, what)) {
        error = s.error();
        return false;
    }
    vec.push_back(h);
    return true;
}

} // namespace

bool SipParser::parseTypedHeader(SipMessage::Impl &m, const HeaderField &f, std::string &error)
{
    const std::string_view v = f.value;
    switch (f.id) {
    case HeaderId::Unknown:
    case HeaderId::ContentEncoding:
    case HeaderId::AllowEvents:
    case HeaderId::Subject:
    case HeaderId::SessionExpires:
    case HeaderId::Identity:
    case HeaderId::Count:
        return true;
    case HeaderId::Via:
        return parseInto<decltype(m.vias), Via>(m.vias, v, "Via", error,
                                                [](Scanner &s, Via &out) { return Via::parse(s, out); });
    case HeaderId::From:
        return parseNameAddrSingle(v, m.from, "From", error);
    case HeaderId::To:
        return parseNameAddrSingle(v, m.to, "To", error);
    case HeaderId::CallId:
        if (!m.callId.empty()) {
            error = "duplicate Call-ID header";
            return false;
        }
        if (!isCallId(v)) {
            error = v.empty() ? "Call-ID: empty value" : "Call-ID: invalid character or more than one value";
            return false;
        }
        m.callId = v;
        return true;
    case HeaderId::CSeq:
        return parseSingle(v, m.cseq, "CSeq", error,
                           [](Scanner &s, CSeq &out) { return CSeq::parse(s, out); });
    case HeaderId::MaxForwards: {
        int64_t value = m.maxForwards;
        if (!parseNumber(v, value, "Max-Forwards", 255, false, error))
            return false;
        m.maxForwards = static_cast<int>(value);
        return true;
    }
    case HeaderId::Contact:
        return parseInto<decltype(m.contacts), Contact>(
            m.contacts, v, "Contact", error, [](Scanner &s, Contact &out) { return Contact::parse(s, out); });
    case HeaderId::Route:
    case HeaderId::RecordRoute: {
        const char *what = f.id == HeaderId::Route ? "Route" : "Record-Route";
        auto &vec = f.id == HeaderId::Route ? m.routes : m.recordRoutes;
        return parseInto<decltype(m.routes), NameAddr>(vec, v, what, error, [what](Scanner &s, NameAddr &out) {
            return NameAddr::parse(s, out, what, NameAddr::Form::AngleBracketsRequired, true);
        });
    }
    case HeaderId::ContentType:
        return parseSingle(v, m.contentType, "Content-Type", error, [](Scanner &s, MediaType &out) {
            return MediaType::parse(s, out, "Content-Type");
        });
    case HeaderId::ContentLength:
        return parseNumber(v, m.contentLength, "Content-Length", 0xFFFFFFFFu, false, error);
    case HeaderId::Expires:
        return parseNumber(v, m.expires, "Expires", 0xFFFFFFFFu, true, error);
    case HeaderId::MinExpires:
        return parseNumber(v, m.minExpires, "Min-Expires", 0xFFFFFFFFu, true, error);
    case HeaderId::WwwAuthenticate:
        return parseAuth(m.wwwAuthenticate, v, "WWW-Authenticate", error);
    case HeaderId::ProxyAuthenticate:
        return parseAuth(m.proxyAuthenticate, v, "Proxy-Authenticate", error);
    case HeaderId::Authorization:
        return parseAuth(m.authorization, v, "Authorization", error);
    case HeaderId::ProxyAuthorization:
        return parseAuth(m.proxyAuthorization, v, "Proxy-Authorization", error);
    case HeaderId::Event:
        return parseSingle(v, m.event, "Event", error,
                           [](Scanner &s, EventHeader &out) { return EventHeader::parse(s, out); });
    case HeaderId::SubscriptionState:
        return parseSingle(v, m.subscriptionState, "Subscription-State", error,
                           [](Scanner &s, SubscriptionState &out) { return SubscriptionState::parse(s, out); });
    case HeaderId::Allow:
        return parseTokenList(v, m.allow, "Allow", true, error);
    case HeaderId::Supported:
        return parseTokenList(v, m.supported, "Supported", true, error);
    case HeaderId::Require:
        return parseTokenList(v, m.require, "Require", false, error);
    case HeaderId::ProxyRequire:
        return parseTokenList(v, m.proxyRequire, "Proxy-Require", false, error);
    case HeaderId::Unsupported:
        return parseTokenList(v, m.unsupported, "Unsupported", false, error);
    case HeaderId::Accept:
        m.hasAccept = true;
        if (TextUtil::trim(v).empty())
            return true; // RFC 3261 §20.1: an empty Accept means no body is acceptable
        return parseInto<decltype(m.accept), MediaType>(m.accept, v, "Accept", error, [](Scanner &s, MediaType &out) {
            return MediaType::parse(s, out, "Accept");
        });
    case HeaderId::SipETag:
    case HeaderId::SipIfMatch: {
        auto &slot = f.id == HeaderId::SipETag ? m.sipETag : m.sipIfMatch;
        const char *what = f.id == HeaderId::SipETag ? "SIP-ETag" : "SIP-If-Match";
        if (!slot.empty()) {
            error = std::string("duplicate ") + what + " header";
            return false;
        }
        if (!isToken(v)) {
            error = std::string(what) + ": entity-tag must be a token";
            return false;
        }
        slot = v;
        return true;
    }
    case HeaderId::ReferTo:
        return parseNameAddrSingle(v, m.referTo, "Refer-To", error);
    case HeaderId::ReferredBy:
        return parseNameAddrSingle(v, m.referredBy, "Referred-By", error);
    case HeaderId::Replaces:
        return parseSingle(v, m.replaces, "Replaces", error,
                           [](Scanner &s, Replaces &out) { return Replaces::parse(s, out); });
    case HeaderId::Date:
        return parseSingle(v, m.date, "Date", error,
                           [](Scanner &s, SipDate &out) { return SipDate::parse(s, out); });
    }
    return true;
}

bool SipParser::reparseTypedHeaders(SipMessage::Impl &impl, std::string &error)
{
    impl.clearTyped();
    for (const auto &f : impl.headers) {
        if (!parseTypedHeader(impl, f, error))
            return false;
    }
    return true;
}

bool SipParser::parseRequestLine(SipMessage::Impl &m, std::string_view line, ParseError &error)
{
    // Request-Line = Method SP Request-URI SP SIP-Version CRLF: exactly two single spaces.
    const size_t sp1 = line.find(' ');
    const size_t sp2 = line.rfind(' ');
    if (sp1 == std::string_view::npos || sp1 == sp2)
        return fail(error, 400, "malformed Request-Line");
    m.isRequest = true;
    m.method = line.substr(0, sp1);
    if (!isToken(m.method))
        return fail(error, 400, "invalid method in Request-Line");
    m.methodId = methodFromName(m.method);
    const std::string_view version = line.substr(sp2 + 1);
    const std::string_view uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
    if (version.empty())
        return fail(error, 400, "white space after SIP-Version in Request-Line");
    if (uri.empty() || uri.front() == ' ')
        return fail(error, 400, "more than one space between Request-Line elements");
    if (uri.find(' ') != std::string_view::npos || uri.find('\t') != std::string_view::npos)
        return fail(error, 400, "Request-URI contains white space");
    const int v = checkVersion(version);
    if (v < 0)
        return fail(error, 400, "malformed SIP-Version '" + std::string(version) + "'");
    if (v == 0)
        return fail(error, 505, "SIP version " + std::string(version) + " is not supported");
    if (uri.front() == '<')
        return fail(error, 400, "Request-URI must not be enclosed in <>");
    std::string uriError;
    if (!SipUri::parse(uri, m.requestUri, &uriError, false))
        return fail(error, 400, "Request-URI: " + uriError);
    return true;
}

bool SipParser::parse(SipMessage::Impl &m, std::string_view bytes, SipMessage::Framing framing,
                      const MessageLimits &limits, ParseError &error)
{
    if (bytes.size() > limits.maxMessageBytes)
        return fail(error, 513, "message of " + std::to_string(bytes.size()) + " bytes exceeds the limit of "
                        + std::to_string(limits.maxMessageBytes));
    const std::string_view data = m.store(bytes);
    const char *p = data.data();
    const char *const end = p + data.size();

    // RFC 3261 §7.5: ignore CRLFs before the start line.
    while (p < end && (*p == '\r' || *p == '\n'))
        ++p;
    if (p == end)
        return fail(error, 400, "empty message");

    const char *nl = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (!nl)
        return fail(error, 400, "start line not terminated by CRLF");
    std::string_view line(p, static_cast<size_t>(nl - p));
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    if (line.size() > limits.maxLineBytes)
        return fail(error, 400, "start line longer than " + std::to_string(limits.maxLineBytes) + " bytes");
    m.startLine = line;
    p = nl + 1;

    if (line.size() >= 4 && TextUtil::equalsIgnoreCase(line.substr(0, 4), "SIP/")) {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; a bad response is
        // dropped, not answered (status 0).
        const size_t sp = line.find(' ');
        const int v = checkVersion(line.substr(0, sp));
        if (v != 1)
            return fail(error, 0, v == 0 ? "unsupported SIP version in Status-Line" : "malformed Status-Line");
        if (sp == std::string_view::npos)
            return fail(error, 0, "Status-Line has no status code");
        const std::string_view rest = line.substr(sp + 1);
        const size_t sp2 = rest.find(' ');
        const std::string_view code = rest.substr(0, sp2);
        const auto status = TextUtil::parseUnsigned(code, 999);
        if (code.size() != 3 || !status)
            return fail(error, 0, "status code must be three digits, got '" + std::string(code.substr(0, 16)) + "'");
        if (*status < 100 || *status > 699)
            return fail(error, 0, "status code " + std::string(code) + " is out of range 100-699");
        m.statusCode = static_cast<int>(*status);
        m.reasonPhrase = sp2 == std::string_view::npos ? std::string_view() : rest.substr(sp2 + 1);
    } else if (!parseRequestLine(m, line, error)) {
        return false;
    }

    // Header fields
    m.headers.reserve(24);
    std::string typedError;
    for (;;) {
        if (p >= end)
            return fail(error, m.isRequest ? 400 : 0, "header section not terminated by an empty line");
        if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')) {
            p += *p == '\n' ? 1 : 2;
            break;
        }
        if (*p == ' ' || *p == '\t')
            return fail(error, m.isRequest ? 400 : 0, "continuation line without a header field before it");
        const char *lineStart = p;
        const char *lineEnd;
        for (;;) {
            nl = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
            if (!nl)
                return fail(error, m.isRequest ? 400 : 0, "header section not terminated by an empty line");
            p = nl + 1;
            if (p < end && (*p == ' ' || *p == '\t'))
                continue; // folded: RFC 3261 §7.3.1
            lineEnd = (nl > lineStart && nl[-1] == '\r') ? nl - 1 : nl;
            break;
        }
        if (static_cast<size_t>(lineEnd - lineStart) > limits.maxLineBytes)
            return fail(error, m.isRequest ? 400 : 0, "header line longer than " + std::to_string(limits.maxLineBytes) + " bytes");
        if (m.headers.size() >= limits.maxHeaderCount)
            return fail(error, m.isRequest ? 400 : 0, "more than " + std::to_string(limits.maxHeaderCount) + " header fields");

        const char *colon = static_cast<const char *>(std::memchr(lineStart, ':', static_cast<size_t>(lineEnd - lineStart)));
        if (!colon)
            return fail(error, m.isRequest ? 400 : 0, "header line without ':'");
        const char *nameEnd = colon;
        while (nameEnd > lineStart && (nameEnd[-1] == ' ' || nameEnd[-1] == '\t'))
            --nameEnd;
        HeaderField field;
        field.name = std::string_view(lineStart, static_cast<size_t>(nameEnd - lineStart));
        if (!isToken(field.name))
            return fail(error, m.isRequest ? 400 : 0, "invalid header name '" + std::string(field.name.substr(0, 64)) + "'");
        field.value = TextUtil::trim(std::string_view(colon + 1, static_cast<size_t>(lineEnd - colon - 1)));
        field.id = HeaderName::lookup(field.name);
        m.headers.push_back(field);
        if (!parseTypedHeader(m, field, typedError))
            return fail(error, m.isRequest ? 400 : 0, typedError);
    }

    // RFC 3261 §8.1.1 and RFC 4475 §3.3.1: the headers every request and response needs.
    std::string missing;
    auto need = [&missing](bool present, const char *name) {
        if (!present)
            missing += missing.empty() ? name : std::string(", ") + name;
    };
    need(!m.vias.empty(), "Via");
    need(m.from.has_value(), "From");
    need(m.to.has_value(), "To");
    need(!m.callId.empty(), "Call-ID");
    need(m.cseq.has_value(), "CSeq");
    if (!missing.empty())
        return fail(error, m.isRequest ? 400 : 0, "missing required header(s): " + missing);
    if (m.isRequest && m.cseq->method() != m.method) {
        // RFC 4475 §3.1.2.17/18: 400, or 501 when the method is unknown anyway.
        return fail(error, m.methodId == Method::Unknown ? 501 : 400,
                    "CSeq method " + std::string(m.cseq->method()) + " does not match request method "
                        + std::string(m.method));
    }

    const auto remaining = static_cast<size_t>(end - p);
    if (m.contentLength >= 0) {
        if (static_cast<uint64_t>(m.contentLength) > remaining)
            return fail(error, m.isRequest ? 400 : 0,
                        "Content-Length " + std::to_string(m.contentLength) + " exceeds the "
                            + std::to_string(remaining) + " bytes of body present");
        m.body = std::string_view(p, static_cast<size_t>(m.contentLength));
    } else if (framing == SipMessage::Framing::Stream) {
        // RFC 3261 §18.3: on stream transports Content-Length is what frames messages.
        return fail(error, m.isRequest ? 400 : 0, "Content-Length is required on stream transports");
    } else {
        m.body = std::string_view(p, remaining);
    }
    return true;
}

} // namespace Sip
