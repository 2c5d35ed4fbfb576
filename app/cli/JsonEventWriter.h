// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace App {

/// Writes one JSON object per line to standard output, flushed at once, so a script
/// reading the pipe sees each event as it happens.
class JsonEventWriter
{
public:
    explicit JsonEventWriter(FILE *out = stdout);

    void emitEvent(const QString &event, QJsonObject fields = {});
    void emitError(const QString &command, const QString &message);

private:
    FILE *m_out;
};

} // namespace App
