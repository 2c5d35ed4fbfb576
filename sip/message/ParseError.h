// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace Sip {

/// Why a message (or a header value) was rejected, in words a person can act on.
struct ParseError
{
    // The response a UAS sends for a request with this fault (400, 505, 501, 413, ...);
    // 0 where the RFC says to drop the message silently (malformed responses).
    int statusCode = 400;
    std::string reason;

    bool isError() const { return !reason.empty(); }
};

} // namespace Sip
