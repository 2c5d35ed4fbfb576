// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace App {

/// Bounds for importing untrusted files: memory stays proportional to what is kept (not to
/// the file), and a hostile file cannot make the import run away.
struct ImportLimits
{
    // A line (vCard: unfolded) of a property Parlo keeps, and a CSV record's field, in
    // bytes. Longer ones make their record fail. Properties Parlo ignores (PHOTO, ...)
    // may be any length: they are skipped without being held in memory.
    qsizetype maxLineBytes = 64 * 1024;
    // A kept value (name, number, address, group) in characters.
    qsizetype maxFieldChars = 4096;
    int maxPropertiesPerRecord = 1000; // vCard properties, or CSV columns
    int maxRecords = 100000;
    int maxErrors = 1000;
    qint64 maxInputBytes = qint64(256) * 1024 * 1024;
};

} // namespace App
