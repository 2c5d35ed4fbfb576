// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace Gui {

/// Loads Parlo's translation (built from resources/translations) and Qt's own for the
/// chosen language, or the system's when none is chosen.
class Translations
{
public:
    // `language`: "en", "zh_CN", ...; empty: the system language. Returns the language
    // in use ("en" when nothing matched: the source strings are English).
    static QString install(const QString &language);
    static QString resourcePath(const QString &language); // ":/i18n/parlo_<lang>.qm"
};

} // namespace Gui
