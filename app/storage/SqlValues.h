// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QVariant>

namespace App {

/// Conversions between the stores' "0 / empty means absent" convention and SQL NULL, so
/// optional columns hold NULL (which UNIQUE indexes treat as distinct) rather than 0 or ''.
class SqlValues
{
public:
    static QVariant nullableText(const QString &text)
    {
        return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
    }
    static QVariant nullableInt(qint64 value)
    {
        return value == 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(value);
    }
    // The reverse: Qt binds a null QString as SQL NULL, which NOT NULL text columns reject;
    // an empty-but-not-null QString binds as ''.
    static QVariant text(const QString &text)
    {
        return text.isNull() ? QVariant(QString::fromLatin1("")) : QVariant(text);
    }
    static qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
};

} // namespace App
