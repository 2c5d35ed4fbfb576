// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace Sip {

/// Bounds that keep hostile input from costing unbounded memory or time.
struct MessageLimits
{
    size_t maxMessageBytes = 65535; // the largest UDP payload; streams use the same bound
    size_t maxHeaderCount = 256;
    size_t maxLineBytes = 8192; // one header field, after unfolding
};

} // namespace Sip
