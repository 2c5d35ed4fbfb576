// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageChannel.h"

namespace Sip {

MessageChannel::~MessageChannel() = default;

} // namespace Sip
