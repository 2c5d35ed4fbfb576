// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Gui {

QString Translations::resourcePath(const QString &language)
{
    return QStringLiteral(":/i18n/parlo_%1.qm").arg(language);
}

QString Translations::install(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *parlo = new QTranslator(QCoreApplication::instance());
    // QTranslator::load(locale, ...) tries "zh_CN", then "zh", for each UI language.
    if (!parlo->load(locale, QStringLiteral("parlo"), QStringLiteral("_"),
                     QStringLiteral(":/i18n"))) {
        delete parlo;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(parlo);
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
    return parlo->language();
}

} // namespace Gui
