// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Clock.h"
#include "message/SipMessage.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace Sip {

/// The checks a UAS makes before it acts on a new request (RFC 3261 §8.2.1-§8.2.3):
/// method (405 with Allow / 501), URI scheme (416), request inside a dialog we do not
/// have (481), merged request (482, §8.2.2.2), Require (420 with Unsupported).
class RequestScreen
{
public:
    struct Rejection
    {
        int code = 0;
        std::string reason;
        std::vector<std::pair<std::string, std::string>> headers;
    };

    explicit RequestScreen(Clock &clock);

    void setAllowedMethods(const QStringList &methods) { m_allowed = methods; }
    const QStringList &allowedMethods() const { return m_allowed; }
    void setSupportedExtensions(const QStringList &tags) { m_supported = tags; }
    const QStringList &supportedExtensions() const { return m_supported; }
    // Methods that may arrive with a To tag for a dialog the app layer knows
    // (answered 481 here while no dialog usage claims them).
    void setHasDialog(std::function<bool(const SipMessage &)> hasDialog) { m_hasDialog = std::move(hasDialog); }

    // Empty when the request may proceed.
    std::optional<Rejection> screen(const SipMessage &request);

    std::string allowHeader() const;
    std::string supportedHeader() const;

private:
    Clock &m_clock;
    QStringList m_allowed;
    QStringList m_supported;
    std::function<bool(const SipMessage &)> m_hasDialog;
    // (From tag, Call-ID, CSeq) -> branch and when it was seen, for §8.2.2.2.
    struct Seen
    {
        std::string branch;
        Clock::TimePoint at;
    };
    QHash<QString, Seen> m_recent;
};

} // namespace Sip
