// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sip/message/SipMessage.h"

#include <QJsonObject>

namespace App {

/// The parsed form of a message as JSON: start line, each header with its typed
/// fields, and the body length. What `sip-lint --json` prints.
class SipLintJson
{
public:
    static QJsonObject describe(const Sip::SipMessage &message);
};

} // namespace App
