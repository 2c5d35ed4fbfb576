// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "presence/IsComposing.h"

#include <QXmlStreamWriter>

namespace Sip {

namespace {

constexpr qsizetype MaxTextLength = 256;

BoundedXmlReader::Limits isComposingLimits()
{
    // RFC 3994 documents are a handful of elements; allow room for extensions only.
    BoundedXmlReader::Limits limits;
    limits.maxSize = 16 * 1024;
    limits.maxDepth = 8;
    limits.maxElements = 256;
    return limits;
}

} // namespace

QDateTime IsComposing::lastActiveTime() const
{
    if (lastActive.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(lastActive, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(lastActive, Qt::ISODate);
    return t;
}

IsComposing IsComposing::active(const QString &contentType, int refresh)
{
    IsComposing c;
    c.state = State::Active;
    c.contentType = contentType;
    if (refresh > 0)
        c.refresh = refresh;
    return c;
}

IsComposing IsComposing::idle(const QDateTime &lastActive)
{
    IsComposing c;
    c.state = State::Idle;
    if (lastActive.isValid())
        c.lastActive = lastActive.toUTC().toString(Qt::ISODate);
    return c;
}

std::optional<IsComposing> IsComposing::parse(QByteArrayView xml, XmlError *error)
{
    BoundedXmlReader r(xml, isComposingLimits());
    IsComposing c;
    bool sawRoot = false;
    bool sawState = false;
    const QLatin1StringView ns(Namespace);
    while (r.readNext()) {
        if (!r.isStartElement())
            continue;
        if (r.depth() == 1) {
            if (r.name() != QLatin1StringView("isComposing") || r.namespaceUri() != ns) {
                r.raiseError(QStringLiteral("not an is-composing document: root element is {%1}%2")
                                 .arg(r.namespaceUri().toString(), r.name().toString()));
                break;
            }
            sawRoot = true;
            continue;
        }
        if (r.namespaceUri() != ns) {
            r.skipElement(); // ##other extensions (§6.1 schema)
            continue;
        }
        const QString name = r.name().toString();
        if (name == QLatin1StringView("state")) {
            const QString state = r.readElementText().trimmed();
            if (state == QLatin1StringView("active")) {
                c.state = State::Active;
            } else if (state == QLatin1StringView("idle")) {
                c.state = State::Idle;
            } else {
                r.raiseError(QStringLiteral("state must be \"active\" or \"idle\", not \"%1\"").arg(state.left(40)));
                break;
            }
            sawState = true;
        } else if (name == QLatin1StringView("lastactive")) {
            c.lastActive = r.readElementText().trimmed().left(MaxTextLength);
        } else if (name == QLatin1StringView("contenttype")) {
            c.contentType = r.readElementText().trimmed().left(MaxTextLength);
        } else if (name == QLatin1StringView("refresh")) {
            const QString text = r.readElementText().trimmed();
            bool ok = false;
            const uint value = text.toUInt(&ok);
            if (!ok || value == 0 || value > 86400) {
                r.raiseError(QStringLiteral("refresh must be a positive number of seconds, not \"%1\"").arg(text.left(40)));
                break;
            }
            c.refresh = int(value);
        } else {
            r.skipElement();
        }
    }
    if (!r.hasError() && !sawRoot)
        r.raiseError(QStringLiteral("no <isComposing> element"));
    if (!r.hasError() && !sawState)
        r.raiseError(QStringLiteral("missing <state> element (RFC 3994 §6.1)"));
    if (r.hasError()) {
        if (error)
            *error = r.error();
        return std::nullopt;
    }
    return c;
}

QByteArray IsComposing::toXml() const
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.setAutoFormattingIndent(2);
    const QString ns = QLatin1StringView(Namespace);
    w.writeStartDocument();
    w.writeDefaultNamespace(ns);
    w.writeStartElement(ns, QStringLiteral("isComposing"));
    // RFC 3994 §6.1 schema order: state, lastactive, contenttype, refresh.
    w.writeTextElement(ns, QStringLiteral("state"), state == State::Active ? QStringLiteral("active") : QStringLiteral("idle"));
    if (!lastActive.isEmpty())
        w.writeTextElement(ns, QStringLiteral("lastactive"), lastActive);
    if (!contentType.isEmpty())
        w.writeTextElement(ns, QStringLiteral("contenttype"), contentType);
    if (refresh)
        w.writeTextElement(ns, QStringLiteral("refresh"), QString::number(*refresh));
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace Sip
