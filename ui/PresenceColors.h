// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

namespace Gui {

/// The colour of a presence dot and the words for a presence key ("available", ...).
class PresenceColors
{
public:
    static QColor color(const QString &key);
    static QString label(const QString &key);
};

} // namespace Gui
