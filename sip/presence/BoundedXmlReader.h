// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "presence/XmlError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QXmlStreamReader>

namespace Sip {

/// QXmlStreamReader with the limits an XML body from the network needs (PIDF, RFC 3863;
/// is-composing, RFC 3994): a size cap, an element depth cap, an element count cap, and
/// no DTD at all - a document type declaration (where entity declarations, internal
/// "billion laughs" expansion and external entities live) is refused as soon as it is
/// seen, before any entity is expanded. QXmlStreamReader never fetches external
/// resources, and references to undeclared entities are well-formedness errors.
class BoundedXmlReader
{
public:
    struct Limits
    {
        qsizetype maxSize = 64 * 1024;
        int maxDepth = 16;
        int maxElements = 2048;
    };

    BoundedXmlReader(QByteArrayView data, const Limits &limits);

    // Next token: StartElement, EndElement, Characters, Comment, ProcessingInstruction.
    // false at the end of the document or on an error (see error()).
    bool readNext();
    QXmlStreamReader::TokenType tokenType() const { return m_reader.tokenType(); }
    bool isStartElement() const { return m_reader.isStartElement(); }
    bool isEndElement() const { return m_reader.isEndElement(); }
    QStringView name() const { return m_reader.name(); }
    QStringView namespaceUri() const { return m_reader.namespaceUri(); }
    QXmlStreamAttributes attributes() const { return m_reader.attributes(); }
    QStringView text() const { return m_reader.text(); }
    int depth() const { return m_depth; } // of the current element (root: 1)

    // At a StartElement: the character data directly inside it (child elements are
    // skipped); afterwards the reader is on the matching EndElement.
    QString readElementText();
    // At a StartElement: moves to its matching EndElement.
    void skipElement();
    // Reads to the end of the document, checking the rest is well-formed.
    void readToEnd();

    bool hasError() const { return m_error.isError(); }
    const XmlError &error() const { return m_error; }
    void raiseError(const QString &message); // at the current position

private:
    QByteArray m_data;
    QXmlStreamReader m_reader;
    Limits m_limits;
    XmlError m_error;
    int m_depth = 0;
    int m_elements = 0;
};

} // namespace Sip
