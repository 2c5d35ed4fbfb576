// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Clock.h"

namespace Sip {

// Out-of-line so the vtable has a single home translation unit.
Clock::~Clock() = default;

} // namespace Sip
