// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonEventWriter.h"

#include <QJsonDocument>

namespace App {

JsonEventWriter::JsonEventWriter(FILE *out)
    : m_out(out)
{
}

void JsonEventWriter::emitEvent(const QString &event, QJsonObject fields)
{
    fields.insert(QStringLiteral("event"), event);
    const QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), m_out);
    std::fputc('\n', m_out);
    std::fflush(m_out);
}

void JsonEventWriter::emitError(const QString &command, const QString &message)
{
    emitEvent(QStringLiteral("error"),
              { { QStringLiteral("command"), command }, { QStringLiteral("message"), message } });
}

} // namespace App
