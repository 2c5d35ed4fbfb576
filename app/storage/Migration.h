// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace App {

/// One step of the schema history. Database applies every migration whose version is
/// above the file's `PRAGMA user_version`, in order, each in its own transaction together
/// with the version bump, so a crash mid-upgrade leaves the previous version intact.
///
/// Migrations are append-only: once released, a migration's statements never change
/// (users' databases already ran them); fix mistakes with a new migration.
struct Migration
{
    int version = 0; // 1, 2, 3, ... without gaps
    QString description;
    QStringList statements; // executed in order; one SQL statement per entry
};

} // namespace App
