// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AuthHeader.h"
#include "CSeq.h"
#include "Contact.h"
#include "EventHeader.h"
#include "HeaderName.h"
#include "MediaType.h"
#include "MessageLimits.h"
#include "NameAddr.h"
#include "ParseError.h"
#include "Replaces.h"
#include "SipDate.h"
#include "SubscriptionState.h"
#include "Via.h"

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace Sip {

enum class Method : uint8_t {
    Unknown,
    Invite,
    Ack,
    Bye,
    Cancel,
    Options,
    Register,
    Prack,
    Subscribe,
    Notify,
    Publish,
    Info,
    Refer,
    Message,
    Update
};

struct HeaderField
{
    std::string_view name; // as received, e.g. "v" or "TO"
    std::string_view value; // raw text, folds included, outer white space trimmed
    HeaderId id = HeaderId::Unknown;
};

/// A SIP request or response (RFC 3261 §7).
///
/// Parsing keeps one copy of the bytes and points into it: every header is kept as
/// received (unknown ones are re-emitted unchanged), and every header the engine uses
/// is also parsed into its typed form, eagerly, so a message that parses is known to
/// be well formed. Copies are cheap and share the parsed form; changing a shared copy
/// gives it its own (copy-on-write), so messages can be handed between threads as values.
class SipMessage
{
public:
    // Datagram: one message per buffer, a missing Content-Length means "the rest of the
    // datagram" and trailing octets are ignored (RFC 3261 §18.3, RFC 4475 §3.1.1.8).
    // Stream: the framer has cut the message out; Content-Length is required.
    enum class Framing { Datagram, Stream };

    SipMessage();
    ~SipMessage();
    SipMessage(const SipMessage &);
    SipMessage(SipMessage &&) noexcept;
    SipMessage &operator=(const SipMessage &);
    SipMessage &operator=(SipMessage &&) noexcept;

    static SipMessage parse(std::string_view bytes, ParseError *error = nullptr,
                            Framing framing = Framing::Datagram,
                            const MessageLimits &limits = MessageLimits());

    // Building: a request or response with no headers yet.
    static SipMessage createRequest(std::string_view method, std::string_view requestUri,
                                    std::string *error = nullptr);
    static SipMessage createResponse(int statusCode, std::string_view reasonPhrase);

    bool isNull() const { return !d; }
    bool isRequest() const;
    bool isResponse() const { return d && !isRequest(); }

    // Start line
    std::string_view method() const; // request method, or for a response the CSeq method
    Method methodId() const;
    const SipUri &requestUri() const;
    int statusCode() const; // 0 for requests
    std::string_view reasonPhrase() const;

    // All header fields, in order, as received.
    std::span<const HeaderField> headers() const;
    std::string_view header(std::string_view name) const; // first value, raw
    int headerCount(std::string_view name) const;

    // Typed headers (absent: empty span, nullptr, -1 or empty view)
    std::span<const Via> vias() const;
    const NameAddr *from() const;
    const NameAddr *to() const;
    std::string_view callId() const;
    const CSeq *cseq() const;
    int maxForwards() const;
    std::span<const Contact> contacts() const;
    std::span<const NameAddr> routes() const;
    std::span<const NameAddr> recordRoutes() const;
    const MediaType *contentType() const;
    int64_t contentLength() const;
    int64_t expires() const;
    int64_t minExpires() const;
    std::span<const AuthHeader> wwwAuthenticate() const;
    std::span<const AuthHeader> proxyAuthenticate() const;
    std::span<const AuthHeader> authorization() const;
    std::span<const AuthHeader> proxyAuthorization() const;
    const EventHeader *event() const;
    const SubscriptionState *subscriptionState() const;
    std::span<const std::string_view> allow() const;
    std::span<const std::string_view> supported() const;
    std::span<const std::string_view> require() const;
    std::span<const std::string_view> proxyRequire() const;
    std::span<const std::string_view> unsupported() const;
    bool hasAccept() const;
    std::span<const MediaType> accept() const;
    std::string_view sipETag() const;
    std::string_view sipIfMatch() const;
    const NameAddr *referTo() const;
    const NameAddr *referredBy() const;
    const Replaces *replaces() const;
    const SipDate *date() const;

    std::string_view body() const;

    // Editing. Each value is parsed as the parser would; an invalid value is refused
    // (false, with the reason) and the message is left as it was.
    bool addHeader(std::string_view name, std::string_view value, std::string *error = nullptr);
    // Inserts before the first header of the same name (a new top Via), or first of all.
    bool prependHeader(std::string_view name, std::string_view value, std::string *error = nullptr);
    // Replaces every header of that name with one field; adds it when absent.
    bool setHeader(std::string_view name, std::string_view value, std::string *error = nullptr);
    void removeHeader(std::string_view name);
    bool removeFirstHeader(std::string_view name);
    // Sets the body with its Content-Type (none when empty) and a matching Content-Length.
    // False (with the reason) when the content type is not a valid media type; the
    // message is then left as it was.
    bool setBody(std::string_view contentType, std::string_view body, std::string *error = nullptr);
    bool setRequestUri(std::string_view uri, std::string *error = nullptr);

    std::string toString() const;
    void appendTo(std::string &out) const;

    // Start line, every header (same order, same values) and body are equal.
    friend bool operator==(const SipMessage &a, const SipMessage &b);

    struct Impl;

private:
    explicit SipMessage(std::shared_ptr<Impl> impl);
    void detach();
    bool editHeaders(std::string *error, const std::function<void()> &edit);

    std::shared_ptr<Impl> d;
    friend class SipParser;
};

Method methodFromName(std::string_view name);

} // namespace Sip
