// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SipLintJson.h"

#include "sip/message/Scanner.h"
#include "sip/message/TextUtil.h"

#include <QJsonArray>

namespace App {

namespace {

QString str(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

QJsonObject params(const Sip::ParamList &list)
{
    QJsonObject out;
    list.forEach([&](const Sip::Param &p) {
        out.insert(str(p.name), p.hasValue ? QJsonValue(str(p.value)) : QJsonValue(true));
        return true;
    });
    return out;
}

QJsonObject uri(const Sip::SipUri &u)
{
    QJsonObject o;
    o.insert("text", str(u.text()));
    o.insert("scheme", str(u.schemeText()));
    if (!u.isSipOrSips()) {
        o.insert("opaque", str(u.opaque()));
        return o;
    }
    if (u.hasUserInfo())
        o.insert("user", QString::fromStdString(u.decodedUser()));
    if (!u.password().empty())
        o.insert("password", str(u.password()));
    o.insert("host", str(u.host()));
    if (u.port() >= 0)
        o.insert("port", u.port());
    if (!u.params().isEmpty())
        o.insert("params", params(u.params()));
    if (!u.headers().empty())
        o.insert("headers", str(u.headers()));
    return o;
}

QJsonObject nameAddr(const Sip::NameAddr &a)
{
    QJsonObject o;
    if (!a.displayName().empty())
        o.insert("display_name", QString::fromStdString(a.displayNameText()));
    o.insert("uri", uri(a.uri()));
    if (!a.tag().empty())
        o.insert("tag", str(a.tag()));
    if (!a.params().isEmpty())
        o.insert("params", params(a.params()));
    return o;
}

QJsonObject via(const Sip::Via &v)
{
    QJsonObject o;
    o.insert("protocol", str(v.protocolName()) + "/" + str(v.protocolVersion()));
    o.insert("transport", str(v.transport()));
    o.insert("host", str(v.host()));
    if (v.port() >= 0)
        o.insert("port", v.port());
    if (!v.branch().empty())
        o.insert("branch", str(v.branch()));
    if (!v.received().empty())
        o.insert("received", str(v.received()));
    if (v.hasRport())
        o.insert("rport", v.rport() > 0 ? QJsonValue(v.rport()) : QJsonValue(true));
    if (!v.maddr().empty())
        o.insert("maddr", str(v.maddr()));
    if (v.ttl() >= 0)
        o.insert("ttl", v.ttl());
    return o;
}

QJsonObject mediaType(const Sip::MediaType &m)
{
    QJsonObject o;
    o.insert("type", str(m.type()));
    o.insert("subtype", str(m.subtype()));
    if (!m.params().isEmpty())
        o.insert("params", params(m.params()));
    return o;
}

QJsonObject auth(const Sip::AuthHeader &a)
{
    QJsonObject o;
    o.insert("scheme", str(a.scheme()));
    auto put = [&](const char *key, std::string_view v) {
        if (!v.empty())
            o.insert(key, QString::fromStdString(Sip::TextUtil::unquote(v)));
    };
    put("realm", a.realm());
    put("nonce", a.nonce());
    put("opaque", a.opaque());
    put("algorithm", a.algorithm());
    put("qop", a.qop());
    put("stale", a.stale());
    put("username", a.username());
    put("uri", a.uri());
    put("response", a.response());
    put("cnonce", a.cnonce());
    put("nc", a.nonceCount());
    return o;
}

QJsonArray tokens(std::span<const std::string_view> list)
{
    QJsonArray out;
    for (auto t : list)
        out.append(str(t));
    return out;
}

// The typed form of one header field, parsed on its own so each field shows its values.
QJsonValue typedField(const Sip::HeaderField &f)
{
    using Sip::HeaderId;
    auto one = Sip::SipMessage::createResponse(200, "OK");
    std::string error;
    if (!one.addHeader(f.name, f.value, &error))
        return QJsonValue();
    auto list = [](auto span, auto fn) {
        QJsonArray a;
        for (const auto &item : span)
            a.append(fn(item));
        return a;
    };
    switch (f.id) {
    case HeaderId::Via:
        return list(one.vias(), via);
    case HeaderId::From:
        return nameAddr(*one.from());
    case HeaderId::To:
        return nameAddr(*one.to());
    case HeaderId::CSeq:
        return QJsonObject { { "number", static_cast<qint64>(one.cseq()->number()) },
                             { "method", str(one.cseq()->method()) } };
    case HeaderId::MaxForwards:
        return one.maxForwards();
    case HeaderId::ContentLength:
        return static_cast<qint64>(one.contentLength());
    case HeaderId::Expires:
        return static_cast<qint64>(one.expires());
    case HeaderId::MinExpires:
        return static_cast<qint64>(one.minExpires());
    case HeaderId::Contact:
        return list(one.contacts(), [](const Sip::Contact &c) {
            if (c.isStar())
                return QJsonObject { { "star", true } };
            QJsonObject o = nameAddr(c.address());
            if (c.expires() >= 0)
                o.insert("expires", static_cast<qint64>(c.expires()));
            if (c.q() >= 0)
                o.insert("q", c.q() / 1000.0);
            return o;
        });
    case HeaderId::Route:
        return list(one.routes(), nameAddr);
    case HeaderId::RecordRoute:
        return list(one.recordRoutes(), nameAddr);
    case HeaderId::ContentType:
        return mediaType(*one.contentType());
    case HeaderId::Accept:
        return list(one.accept(), mediaType);
    case HeaderId::WwwAuthenticate:
        return auth(one.wwwAuthenticate().front());
    case HeaderId::ProxyAuthenticate:
        return auth(one.proxyAuthenticate().front());
    case HeaderId::Authorization:
        return auth(one.authorization().front());
    case HeaderId::ProxyAuthorization:
        return auth(one.proxyAuthorization().front());
    case HeaderId::Event:
        return QJsonObject { { "package", str(one.event()->package()) }, { "id", str(one.event()->id()) } };
    case HeaderId::SubscriptionState: {
        const auto *s = one.subscriptionState();
        QJsonObject o { { "state", str(s->state()) } };
        if (s->expires() >= 0)
            o.insert("expires", static_cast<qint64>(s->expires()));
        if (!s->reason().empty())
            o.insert("reason", str(s->reason()));
        return o;
    }
    case HeaderId::Allow:
        return tokens(one.allow());
    case HeaderId::Supported:
        return tokens(one.supported());
    case HeaderId::Require:
        return tokens(one.require());
    case HeaderId::ProxyRequire:
        return tokens(one.proxyRequire());
    case HeaderId::Unsupported:
        return tokens(one.unsupported());
    case HeaderId::ReferTo:
        return nameAddr(*one.referTo());
    case HeaderId::ReferredBy:
        return nameAddr(*one.referredBy());
    case HeaderId::Replaces: {
        const auto *r = one.replaces();
        return QJsonObject { { "call_id", str(r->callId()) }, { "to_tag", str(r->toTag()) },
                             { "from_tag", str(r->fromTag()) }, { "early_only", r->earlyOnly() } };
    }
    case HeaderId::Date:
        return static_cast<qint64>(one.date()->secondsSinceEpoch());
    default:
        return QJsonValue();
    }
}

} // namespace

QJsonObject SipLintJson::describe(const Sip::SipMessage &m)
{
    QJsonObject out;
    if (m.isRequest()) {
        out.insert("type", "request");
        out.insert("method", str(m.method()));
        out.insert("request_uri", uri(m.requestUri()));
    } else {
        out.insert("type", "response");
        out.insert("status", m.statusCode());
        out.insert("reason", str(m.reasonPhrase()));
    }
    QJsonArray headers;
    for (const auto &f : m.headers()) {
        QJsonObject h { { "name", str(f.name) }, { "value", str(f.value) } };
        const QJsonValue typed = typedField(f);
        if (!typed.isUndefined() && !typed.isNull())
            h.insert("typed", typed);
        headers.append(h);
    }
    out.insert("headers", headers);
    out.insert("body_length", static_cast<qint64>(m.body().size()));
    return out;
}

} // namespace App
