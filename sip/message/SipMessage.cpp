// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SipMessage.h"

#include "SipMessageImpl.h"
#include "SipParser.h"
#include "TextUtil.h"

namespace Sip {

namespace {

const SipUri nullUri;

template<typename T>
const T *optionalPtr(const std::optional<T> &o)
{
    return o ? &*o : nullptr;
}

bool sameHeaderName(const HeaderField &f, HeaderId id, std::string_view name)
{
    return id != HeaderId::Unknown ? f.id == id : TextUtil::equalsIgnoreCase(f.name, name);
}

} // namespace

Method methodFromName(std::string_view name)
{
    // Methods are case-sensitive (RFC 3261 §7.1).
    switch (name.size()) {
    case 3:
        if (name == "ACK")
            return Method::Ack;
        if (name == "BYE")
            return Method::Bye;
        break;
    case 4:
        if (name == "INFO")
            return Method::Info;
        break;
    case 5:
        if (name == "PRACK")
            return Method::Prack;
        if (name == "REFER")
            return Method::Refer;
        break;
    case 6:
        if (name == "INVITE")
            return Method::Invite;
        if (name == "CANCEL")
            return Method::Cancel;
        if (name == "NOTIFY")
            return Method::Notify;
        if (name == "UPDATE")
            return Method::Update;
        break;
    case 7:
        if (name == "OPTIONS")
            return Method::Options;
        if (name == "PUBLISH")
            return Method::Publish;
        if (name == "MESSAGE")
            return Method::Message;
        break;
    case 8:
        if (name == "REGISTER")
            return Method::Register;
        break;
    case 9:
        if (name == "SUBSCRIBE")
            return Method::Subscribe;
        break;
    default:
        break;
    }
    return Method::Unknown;
}

SipMessage::SipMessage() = default;
SipMessage::~SipMessage() = default;
SipMessage::SipMessage(const SipMessage &) = default;
SipMessage::SipMessage(SipMessage &&) noexcept = default;
SipMessage &SipMessage::operator=(const SipMessage &) = default;
SipMessage &SipMessage::operator=(SipMessage &&) noexcept = default;
SipMessage::SipMessage(std::shared_ptr<Impl> impl)
    : d(std::move(impl))
{
}

SipMessage SipMessage::parse(std::string_view bytes, ParseError *error, Framing framing,
                             const MessageLimits &limits)
{
    auto impl = std::make_shared<Impl>();
    ParseError local;
    if (!SipParser::parse(*impl, bytes, framing, limits, error ? *error : local))
        return SipMessage();
    if (error)
        *error = ParseError { 0, {} };
    return SipMessage(std::move(impl));
}

SipMessage SipMessage::createRequest(std::string_view method, std::string_view requestUri,
                                     std::string *error)
{
    auto impl = std::make_shared<Impl>();
    std::string line;
    line.reserve(method.size() + requestUri.size() + 9);
    line.append(method).append(" ").append(requestUri).append(" SIP/2.0");
    ParseError parseError;
    impl->startLine = impl->store(line);
    if (!SipParser::parseRequestLine(*impl, impl->startLine, parseError)) {
        if (error)
            *error = parseError.reason;
        return SipMessage();
    }
    return SipMessage(std::move(impl));
}

SipMessage SipMessage::createResponse(int statusCode, std::string_view reasonPhrase)
{
    auto impl = std::make_shared<Impl>();
    std::string line = "SIP/2.0 " + std::to_string(statusCode) + " ";
    line.append(reasonPhrase);
    impl->startLine = impl->store(line);
    impl->statusCode = statusCode;
    impl->reasonPhrase = impl->startLine.substr(12);
    return SipMessage(std::move(impl));
}

bool SipMessage::isRequest() const { return d && d->isRequest; }
std::string_view SipMessage::method() const
{
    if (!d)
        return {};
    if (d->isRequest)
        return d->method;
    return d->cseq ? d->cseq->method() : std::string_view();
}
Method SipMessage::methodId() const
{
    if (!d)
        return Method::Unknown;
    return d->isRequest ? d->methodId : methodFromName(method());
}
const SipUri &SipMessage::requestUri() const { return d ? d->requestUri : nullUri; }
int SipMessage::statusCode() const { return d ? d->statusCode : 0; }
std::string_view SipMessage::reasonPhrase() const { return d ? d->reasonPhrase : std::string_view(); }

std::span<const HeaderField> SipMessage::headers() const
{
    return d ? std::span<const HeaderField>(d->headers) : std::span<const HeaderField>();
}

std::string_view SipMessage::header(std::string_view name) const
{
    const HeaderId id = HeaderName::lookup(name);
    for (const auto &f : headers()) {
        if (sameHeaderName(f, id, name))
            return f.value;
    }
    return {};
}

int SipMessage::headerCount(std::string_view name) const
{
    const HeaderId id = HeaderName::lookup(name);
    int n = 0;
    for (const auto &f : headers())
        n += sameHeaderName(f, id, name) ? 1 : 0;
    return n;
}

#define PARLO_SPAN_ACCESSOR(Type, name)                                                          \
    std::span<const Type> SipMessage::name() const                                               \
    {                                                                                            \
        return d ? std::span<const Type>(d->name) : std::span<const Type>();                     \
    }
PARLO_SPAN_ACCESSOR(Via, vias)
PARLO_SPAN_ACCESSOR(Contact, contacts)
PARLO_SPAN_ACCESSOR(NameAddr, routes)
PARLO_SPAN_ACCESSOR(NameAddr, recordRoutes)
PARLO_SPAN_ACCESSOR(AuthHeader, wwwAuthenticate)
PARLO_SPAN_ACCESSOR(AuthHeader, proxyAuthenticate)
PARLO_SPAN_ACCESSOR(AuthHeader, authorization)
PARLO_SPAN_ACCESSOR(AuthHeader, proxyAuthorization)
PARLO_SPAN_ACCESSOR(std::string_view, allow)
PARLO_SPAN_ACCESSOR(std::string_view, supported)
PARLO_SPAN_ACCESSOR(std::string_view, require)
PARLO_SPAN_ACCESSOR(std::string_view, proxyRequire)
PARLO_SPAN_ACCESSOR(std::string_view, unsupported)
PARLO_SPAN_ACCESSOR(MediaType, accept)
#undef PARLO_SPAN_ACCESSOR

const NameAddr *SipMessage::from() const { return d ? optionalPtr(d->from) : nullptr; }
const NameAddr *SipMessage::to() const { return d ? optionalPtr(d->to) : nullptr; }
std::string_view SipMessage::callId() const { return d ? d->callId : std::string_view(); }
const CSeq *SipMessage::cseq() const { return d ? optionalPtr(d->cseq) : nullptr; }
int SipMessage::maxForwards() const { return d ? d->maxForwards : -1; }
const MediaType *SipMessage::contentType() const { return d ? optionalPtr(d->contentType) : nullptr; }
int64_t SipMessage::contentLength() const { return d ? d->contentLength : -1; }
int64_t SipMessage::expires() const { return d ? d->expires : -1; }
int64_t SipMessage::minExpires() const { return d ? d->minExpires : -1; }
const EventHeader *SipMessage::event() const { return d ? optionalPtr(d->event) : nullptr; }
const SubscriptionState *SipMessage::subscriptionState() const
{
    return d ? optionalPtr(d->subscriptionState) : nullptr;
}
bool SipMessage::hasAccept() const { return d && d->hasAccept; }
std::string_view SipMessage::sipETag() const { return d ? d->sipETag : std::string_view(); }
std::string_view SipMessage::sipIfMatch() const { return d ? d->sipIfMatch : std::string_view(); }
const NameAddr *SipMessage::referTo() const { return d ? optionalPtr(d->referTo) : nullptr; }
const NameAddr *SipMessage::referredBy() const { return d ? optionalPtr(d->referredBy) : nullptr; }
const Replaces *SipMessage::replaces() const { return d ? optionalPtr(d->replaces) : nullptr; }
const SipDate *SipMessage::date() const { return d ? optionalPtr(d->date) : nullptr; }
std::string_view SipMessage::body() const { return d ? d->body : std::string_view(); }

void SipMessage::detach()
{
    if (!d || d.use_count() == 1)
        return;
    // A private copy: the text is re-parsed into a new arena (views cannot be re-pointed).
    auto copy = std::make_shared<Impl>();
    copy->isRequest = d->isRequest;
    copy->methodId = d->methodId;
    copy->statusCode = d->statusCode;
    copy->startLine = copy->store(d->startLine);
    if (d->isRequest) {
        ParseError ignored;
        SipParser::parseRequestLine(*copy, copy->startLine, ignored);
    } else {
        const size_t prefix = static_cast<size_t>(d->reasonPhrase.data() - d->startLine.data());
        copy->reasonPhrase = d->reasonPhrase.empty() ? std::string_view()
                                                     : copy->startLine.substr(prefix);
    }
    copy->headers.reserve(d->headers.size());
    for (const auto &f : d->headers)
        copy->headers.push_back({ copy->store(f.name), copy->store(f.value), f.id });
    copy->body = copy->store(d->body);
    std::string ignored;
    SipParser::reparseTypedHeaders(*copy, ignored);
    d = std::move(copy);
}

namespace {

// A header edit may not smuggle in another header or end the header section: the name
// is a token, and a line break in the value is only a fold (CRLF followed by SP/HT).
bool validField(std::string_view name, std::string_view value, std::string *error)
{
    auto refuse = [error](std::string reason) {
        if (error)
            *error = std::move(reason);
        return false;
    };
    if (name.empty())
        return refuse("empty header name");
    for (char c : name) {
        if (!CharClass::is(c, CharClass::Token))
            return refuse("header name '" + std::string(name.substr(0, 64)) + "' is not a token");
    }
    for (size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\r' || value[i] == '\n') {
            const bool fold = value[i] == '\r' && i + 2 < value.size() && value[i + 1] == '\n'
                && (value[i + 2] == ' ' || value[i + 2] == '\t');
            if (!fold)
                return refuse(std::string(name) + ": line break in a header value (only folding is allowed)");
            i += 1;
        } else if (value[i] == '\0') {
            return refuse(std::string(name) + ": NUL in a header value");
        }
    }
    return true;
}

} // namespace

bool SipMessage::editHeaders(std::string *error, const std::function<void()> &edit)
{
    if (!d)
        return false;
    detach();
    const std::pmr::vector<HeaderField> before(d->headers, &d->arena);
    edit();
    std::string reason;
    if (SipParser::reparseTypedHeaders(*d, reason))
        return true;
    d->headers.assign(before.begin(), before.end());
    std::string ignored;
    SipParser::reparseTypedHeaders(*d, ignored);
    if (error)
        *error = reason;
    return false;
}

bool SipMessage::addHeader(std::string_view name, std::string_view value, std::string *error)
{
    if (!validField(name, value, error) || !d)
        return false;
    detach();
    // Appending needs only the new field parsed: the typed lists keep header order.
    // Building a message is then linear, not a re-parse of every header per edit.
    const HeaderField field { d->store(name), d->store(TextUtil::trim(value)), HeaderName::lookup(name) };
    d->headers.push_back(field);
    std::string reason;
    if (SipParser::parseTypedHeader(*d, field, reason))
        return true;
    // Refused: a failed parse may have left part of a list behind; rebuild from the fields.
    d->headers.pop_back();
    std::string ignored;
    SipParser::reparseTypedHeaders(*d, ignored);
    if (error)
        *error = reason;
    return false;
}

bool SipMessage::prependHeader(std::string_view name, std::string_view value, std::string *error)
{
    if (!validField(name, value, error))
        return false;
    return editHeaders(error, [&] {
        const HeaderId id = HeaderName::lookup(name);
        auto it = d->headers.begin();
        while (it != d->headers.end() && !sameHeaderName(*it, id, name))
            ++it;
        if (it == d->headers.end())
            it = d->headers.begin();
        d->headers.insert(it, { d->store(name), d->store(TextUtil::trim(value)), id });
    });
}

bool SipMessage::setHeader(std::string_view name, std::string_view value, std::string *error)
{
    if (!validField(name, value, error))
        return false;
    return editHeaders(error, [&] {
        const HeaderId id = HeaderName::lookup(name);
        const HeaderField field { d->store(name), d->store(TextUtil::trim(value)), id };
        bool placed = false;
        std::pmr::vector<HeaderField> kept(&d->arena);
        kept.reserve(d->headers.size() + 1);
        for (const auto &f : d->headers) {
            if (!sameHeaderName(f, id, name)) {
                kept.push_back(f);
            } else if (!placed) {
                kept.push_back(field);
                placed = true;
            }
        }
        if (!placed)
            kept.push_back(field);
        d->headers.swap(kept);
    });
}

void SipMessage::removeHeader(std::string_view name)
{
    editHeaders(nullptr, [&] {
        const HeaderId id = HeaderName::lookup(name);
        std::erase_if(d->headers, [&](const HeaderField &f) { return sameHeaderName(f, id, name); });
    });
}

bool SipMessage::removeFirstHeader(std::string_view name)
{
    bool removed = false;
    editHeaders(nullptr, [&] {
        const HeaderId id = HeaderName::lookup(name);
        for (auto it = d->headers.begin(); it != d->headers.end(); ++it) {
            if (sameHeaderName(*it, id, name)) {
                d->headers.erase(it);
                removed = true;
                return;
            }
        }
    });
    return removed;
}

bool SipMessage::setBody(std::string_view contentType, std::string_view body, std::string *error)
{
    if (!d)
        return false;
    detach();
    if (contentType.empty())
        removeHeader("Content-Type");
    else if (!setHeader("Content-Type", contentType, error))
        return false; // the message keeps its body and type
    setHeader("Content-Length", std::to_string(body.size()));
    d->body = d->store(body);
    return true;
}

bool SipMessage::setRequestUri(std::string_view uri, std::string *error)
{
    if (!isRequest())
        return false;
    detach();
    std::string line;
    line.append(d->method).append(" ").append(uri).append(" SIP/2.0");
    SipMessage::Impl &m = *d;
    const SipUri previousUri = m.requestUri;
    const std::string_view previousLine = m.startLine;
    ParseError parseError;
    m.startLine = m.store(line);
    if (!SipParser::parseRequestLine(m, m.startLine, parseError)) {
        m.startLine = previousLine;
        m.requestUri = previousUri;
        if (error)
            *error = parseError.reason;
        return false;
    }
    return true;
}

void SipMessage::appendTo(std::string &out) const
{
    if (!d)
        return;
    size_t size = d->startLine.size() + 4 + d->body.size();
    for (const auto &f : d->headers)
        size += f.name.size() + f.value.size() + 4;
    out.reserve(out.size() + size);
    out.append(d->startLine).append("\r\n");
    for (const auto &f : d->headers)
        out.append(f.name).append(": ").append(f.value).append("\r\n");
    out.append("\r\n").append(d->body);
}

std::string SipMessage::toString() const
{
    std::string out;
    appendTo(out);
    return out;
}

bool operator==(const SipMessage &a, const SipMessage &b)
{
    if (!a.d || !b.d)
        return !a.d && !b.d;
    const auto &x = *a.d;
    const auto &y = *b.d;
    if (x.isRequest != y.isRequest || x.body != y.body || x.headers.size() != y.headers.size())
        return false;
    if (x.isRequest ? (x.method != y.method || x.requestUri.text() != y.requestUri.text())
                    : (x.statusCode != y.statusCode || x.reasonPhrase != y.reasonPhrase))
        return false;
    for (size_t i = 0; i < x.headers.size(); ++i) {
        const auto &f = x.headers[i];
        const auto &g = y.headers[i];
        if (f.id != g.id || f.value != g.value)
            return false;
        if (f.id == HeaderId::Unknown && !TextUtil::equalsIgnoreCase(f.name, g.name))
            return false;
    }
    return true;
}

} // namespace Sip
