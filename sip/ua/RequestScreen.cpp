// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestScreen.h"

#include <QStringList>

namespace Sip {

namespace {

const QStringList knownMethods = { "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
                                   "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO",
                                   "REFER", "MESSAGE", "UPDATE" };

// A merged-request record outlives any retransmission of the first copy (64*T1).
constexpr std::chrono::milliseconds mergeWindow { 32000 };

QString qs(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}

} // namespace

RequestScreen::RequestScreen(Clock &clock)
    : m_clock(clock)
{
}

std::string RequestScreen::allowHeader() const
{
    return m_allowed.join(QStringLiteral(", ")).toStdString();
}

std::string RequestScreen::supportedHeader() const
{
    return m_supported.join(QStringLiteral(", ")).toStdString();
}

std::optional<RequestScreen::Rejection> RequestScreen::screen(const SipMessage &request)
{
    const QString method = qs(request.method());
    // §8.2.1: a method we know but do not do gets 405 with Allow; an unknown one 501.
    if (!m_allowed.contains(method)) {
        if (knownMethods.contains(method))
            return Rejection { 405, "Method Not Allowed", { { "Allow", allowHeader() } } };
        return Rejection { 501, "Not Implemented", { { "Allow", allowHeader() } } };
    }
    // §8.2.2.1: a Request-URI scheme we cannot handle.
    const SipUri::Scheme scheme = request.requestUri().scheme();
    if (scheme != SipUri::Scheme::Sip && scheme != SipUri::Scheme::Sips && scheme != SipUri::Scheme::Tel)
        return Rejection { 416, "Unsupported URI Scheme", {} };
    // §12.2.2: a request with a To tag belongs to a dialog; none here means 481.
    if (request.to() && !request.to()->tag().empty() && request.methodId() != Method::Ack
        && request.methodId() != Method::Cancel && !(m_hasDialog && m_hasDialog(request)))
        return Rejection { 481, "Call/Transaction Does Not Exist", {} };
    // §8.2.2.2: the same request arriving by another path (another branch) is a merge.
    if (request.to() && request.to()->tag().empty() && request.from() && !request.vias().empty()) {
        const auto now = m_clock.now();
        for (auto it = m_recent.begin(); it != m_recent.end();) {
            if (now - it->at > mergeWindow)
                it = m_recent.erase(it);
            else
                ++it;
        }
        const QString key = qs(request.from()->tag()) + QLatin1Char('\n') + qs(request.callId())
            + QLatin1Char('\n') + QString::number(request.cseq()->number()) + qs(request.method());
        const std::string branch(request.vias()[0].branch());
        const auto found = m_recent.constFind(key);
        if (found != m_recent.constEnd() && found->branch != branch)
            return Rejection { 482, "Loop Detected", {} };
        if (m_recent.size() < 4096)
            m_recent.insert(key, { branch, now });
    }
    // §8.2.2.3: every Require option tag must be one we support.
    QStringList unsupported;
    for (std::string_view tag : request.require()) {
        if (!m_supported.contains(qs(tag), Qt::CaseInsensitive))
            unsupported.append(qs(tag));
    }
    if (!unsupported.isEmpty())
        return Rejection { 420, "Bad Extension", { { "Unsupported", unsupported.join(", ").toStdString() } } };
    return std::nullopt;
}

} // namespace Sip
