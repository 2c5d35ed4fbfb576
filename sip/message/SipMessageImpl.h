// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SipMessage.h"

#include <cstring>
#include <memory_resource>
#include <optional>
#include <vector>

namespace Sip {

// The parsed form of one message. Everything it points to lives in its own arena, whose
// first block is inside the object: parsing a typical message costs one allocation.
struct SipMessage::Impl
{
    Impl()
        : arena(initialBlock, sizeof initialBlock)
        , headers(&arena)
        , vias(&arena)
        , contacts(&arena)
        , routes(&arena)
        , recordRoutes(&arena)
        , wwwAuthenticate(&arena)
        , proxyAuthenticate(&arena)
        , authorization(&arena)
        , proxyAuthorization(&arena)
        , allow(&arena)
        , supported(&arena)
        , require(&arena)
        , proxyRequire(&arena)
        , unsupported(&arena)
        , accept(&arena)
    {
    }
    Impl(const Impl &) = delete;
    Impl &operator=(const Impl &) = delete;

    std::string_view store(std::string_view text)
    {
        if (text.empty())
            return {};
        auto *p = static_cast<char *>(arena.allocate(text.size(), 1));
        std::memcpy(p, text.data(), text.size());
        return { p, text.size() };
    }

    // Clears every typed header (before the typed pass runs again over `headers`).
    void clearTyped()
    {
        vias.clear();
        from.reset();
        to.reset();
        callId = {};
        cseq.reset();
        maxForwards = -1;
        contacts.clear();
        routes.clear();
        recordRoutes.clear();
        contentType.reset();
        contentLength = -1;
        expires = -1;
        minExpires = -1;
        wwwAuthenticate.clear();
        proxyAuthenticate.clear();
        authorization.clear();
        proxyAuthorization.clear();
        event.reset();
        subscriptionState.reset();
        allow.clear();
        supported.clear();
        require.clear();
        proxyRequire.clear();
        unsupported.clear();
        hasAccept = false;
        accept.clear();
        sipETag = {};
        sipIfMatch = {};
        referTo.reset();
        referredBy.reset();
        replaces.reset();
        date.reset();
    }

    alignas(std::max_align_t) std::byte initialBlock[6144];
    std::pmr::monotonic_buffer_resource arena;

    bool isRequest = false;
    Method methodId = Method::Unknown;
    std::string_view startLine;
    std::string_view method;
    SipUri requestUri;
    int statusCode = 0;
    std::string_view reasonPhrase;

    std::pmr::vector<HeaderField> headers;
    std::pmr::vector<Via> vias;
    std::optional<NameAddr> from;
    std::optional<NameAddr> to;
    std::string_view callId;
    std::optional<CSeq> cseq;
    int maxForwards = -1;
    std::pmr::vector<Contact> contacts;
    std::pmr::vector<NameAddr> routes;
    std::pmr::vector<NameAddr> recordRoutes;
    std::optional<MediaType> contentType;
    int64_t contentLength = -1;
    int64_t expires = -1;
    int64_t minExpires = -1;
    std::pmr::vector<AuthHeader> wwwAuthenticate;
    std::pmr::vector<AuthHeader> proxyAuthenticate;
    std::pmr::vector<AuthHeader> authorization;
    std::pmr::vector<AuthHeader> proxyAuthorization;
    std::optional<EventHeader> event;
    std::optional<SubscriptionState> subscriptionState;
    std::pmr::vector<std::string_view> allow;
    std::pmr::vector<std::string_view> supported;
    std::pmr::vector<std::string_view> require;
    std::pmr::vector<std::string_view> proxyRequire;
    std::pmr::vector<std::string_view> unsupported;
    bool hasAccept = false;
    std::pmr::vector<MediaType> accept;
    std::string_view sipETag;
    std::string_view sipIfMatch;
    std::optional<NameAddr> referTo;
    std::optional<NameAddr> referredBy;
    std::optional<Replaces> replaces;
    std::optional<SipDate> date;

    std::string_view body;
};

} // namespace Sip
