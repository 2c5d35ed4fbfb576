// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IconLoader.h"

#include "SvgIconEngine.h"

#include <QApplication>
#include <QFile>
#include <QHash>
#include <QPalette>

namespace Gui {

QString IconLoader::path(const QString &name)
{
    return QStringLiteral(":/icons/%1.svg").arg(name);
}

QIcon IconLoader::icon(const QString &name)
{
    return icon(name, QApplication::palette().color(QPalette::WindowText));
}

QIcon IconLoader::icon(const QString &name, const QColor &color)
{
    // Rendering an SVG costs; delegates ask for the same icons on every paint.
    static QHash<QString, QIcon> cache;
    const QString key = name + QLatin1Char('/') + color.name();
    if (const auto it = cache.constFind(key); it != cache.cend())
        return *it;
    QFile file(path(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray svg = file.readAll();
    svg.replace("currentColor", color.name().toLatin1());
    // Rendered lazily, at the size each widget asks for.
    const QIcon result(new SvgIconEngine(svg));
    cache.insert(key, result);
    return result;
}

} // namespace Gui
