// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The About dialog shows the version from AppInfo (the CMake project version), the
// licence and the Qt version; it is reachable from the main window's Help menu; in
// Chinese its texts are translated.

#include "AboutDialog.h"
#include "AppInfo.h"
#include "MainWindow.h"
#include "core/AppSession.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Gui;

class TestAboutDialog : public QObject
{
    Q_OBJECT
private slots:
    void showsVersionLicenceAndQt();
    void reachableFromHelpMenu();
    void translatedIntoChinese();
};

void TestAboutDialog::showsVersionLicenceAndQt()
{
    App::AppInfo::registerApplication();
    AboutDialog about;
    QVERIFY(!App::AppInfo::version().isEmpty());
    QCOMPARE(App::AppInfo::version(), QStringLiteral(PARLO_PROJECT_VERSION));
    QVERIFY2(about.versionText().contains(QStringLiteral(PARLO_PROJECT_VERSION)),
             qPrintable(about.versionText()));
    QVERIFY(about.licenceText().contains(QStringLiteral("GNU General Public License")));
    QVERIFY(about.licenceText().contains(QStringLiteral("version 3")));
    QVERIFY(about.qtText().contains(QString::fromLatin1(qVersion())));
    QVERIFY(about.qtText().contains(QStringLiteral(QT_VERSION_STR)));
}

void TestAboutDialog::reachableFromHelpMenu()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    App::AppSessionOptions options;
    options.settingsFile = dir.filePath(QStringLiteral("parlo.ini"));
    options.databasePath = dir.filePath(QStringLiteral("parlo.sqlite"));
    options.dataDirectory = dir.path();
    options.secretBackend = QStringLiteral("file");
    options.listen = { QStringLiteral("udp:127.0.0.1:0") };
    App::AppSession session(options);
    MainWindow window(session);
    QAction *aboutAction = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        if (!menu->menu())
            continue;
        for (QAction *action : menu->menu()->actions()) {
            if (action->text().contains(QStringLiteral("About Parlo")))
                aboutAction = action;
        }
    }
    QVERIFY(aboutAction);
    aboutAction->trigger();
    AboutDialog *about = nullptr;
    QTRY_VERIFY((about = window.findChild<AboutDialog *>()) != nullptr);
    QTRY_VERIFY(about->isVisible());
    QVERIFY(about->versionText().contains(App::AppInfo::version()));
    about->reject();
}

void TestAboutDialog::translatedIntoChinese()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/parlo_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    AboutDialog about;
    QCoreApplication::removeTranslator(&translator);
    QVERIFY2(about.versionText().startsWith(QStringLiteral("版本")),
             qPrintable(about.versionText()));
    QVERIFY2(about.licenceText().contains(QStringLiteral("许可证")),
             qPrintable(about.licenceText()));
    QCOMPARE(about.windowTitle(), QStringLiteral("关于 Parlo"));
}

QTEST_MAIN(TestAboutDialog)
#include "tst_about_dialog.moc"
