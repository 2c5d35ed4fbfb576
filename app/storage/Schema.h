// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Migration.h"

#include <QList>

namespace App {

/// Parlo's schema history: the list Database applies by default.
class Schema
{
public:
    static const QList<Migration> &migrations();
    static int latestVersion();
};

} // namespace App
