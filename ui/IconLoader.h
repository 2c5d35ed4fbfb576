// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

namespace Gui {

/// Parlo's SVG icons (resources/icons), rendered sharp at every size and device pixel
/// ratio. Monochrome icons are drawn with "currentColor", replaced by the palette's text
/// colour so they stay visible in light and dark themes.
class IconLoader
{
public:
    static QIcon icon(const QString &name);
    static QIcon icon(const QString &name, const QColor &color);
    static QString path(const QString &name); // ":/icons/<name>.svg"
};

} // namespace Gui
