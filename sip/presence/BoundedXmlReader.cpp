// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence/BoundedXmlReader.h"

namespace Sip {

BoundedXmlReader::BoundedXmlReader(QByteArrayView data, const Limits &limits)
    : m_limits(limits)
{
    if (data.size() > limits.maxSize) {
        m_error.message = QStringLiteral("document too large (%1 bytes, limit %2)").arg(data.size()).arg(limits.maxSize);
        return;
    }
    m_data = data.toByteArray();
    m_reader.addData(m_data);
}

void BoundedXmlReader::raiseError(const QString &message)
{
    if (m_error.isError())
        return;
    m_error.line = m_reader.lineNumber();
    m_error.column = m_reader.columnNumber();
    m_error.message = message;
}

bool BoundedXmlReader::readNext()
{
    if (m_error.isError())
        return false;
    if (m_reader.isEndElement())
        --m_depth;
    const auto token = m_reader.readNext();
    switch (token) {
    case QXmlStreamReader::Invalid:
        m_error.line = m_reader.lineNumber();
        m_error.column = m_reader.columnNumber();
        m_error.message = m_reader.errorString();
        return false;
    case QXmlStreamReader::DTD:
    case QXmlStreamReader::EntityReference:
        raiseError(QStringLiteral("DTDs and entity declarations are not allowed"));
        return false;
    case QXmlStreamReader::EndDocument:
        return false;
    case QXmlStreamReader::StartElement:
        ++m_depth;
        if (m_depth > m_limits.maxDepth) {
            raiseError(QStringLiteral("elements nested too deeply (limit %1)").arg(m_limits.maxDepth));
            return false;
        }
        if (++m_elements > m_limits.maxElements) {
            raiseError(QStringLiteral("too many elements (limit %1)").arg(m_limits.maxElements));
            return false;
        }
        return true;
    default:
        return true;
    }
}

QString BoundedXmlReader::readElementText()
{
    QString out;
    const int depth = m_depth;
    while (readNext()) {
        if (isEndElement() && m_depth == depth)
            break;
        if (m_reader.isCharacters() && m_depth == depth)
            out += m_reader.text();
    }
    return out;
}

void BoundedXmlReader::skipElement()
{
    const int depth = m_depth;
    while (readNext()) {
        if (isEndElement() && m_depth == depth)
            break;
    }
}

void BoundedXmlReader::readToEnd()
{
    while (readNext()) {
    }
}

} // namespace Sip
