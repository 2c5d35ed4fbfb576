// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// The body the crash child writes for message number `n` of run `seed`: the parent
// recomputes it to check that acknowledged rows are intact, not just present. Lengths vary
// (up to a few pages) so inserts cross page and WAL-frame boundaries.
inline QString crashBody(quint32 seed, int n)
{
    const int length = int((quint64(seed) * 2654435761u + quint64(n) * 40503u) % 3000) + 1;
    QString body = QStringLiteral("#%1/%2 消息 ✓ ").arg(seed).arg(n);
    while (body.size() < length)
        body += QChar(char16_t(u'a' + (body.size() + n) % 26));
    return body;
}
