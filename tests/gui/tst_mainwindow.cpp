// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MainWindow.h"

#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QStatusBar>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void title();
    void icon();
    void centralWidget();
};

void TestMainWindow::title()
{
    Gui::MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("Parlo"));
}

void TestMainWindow::icon()
{
    QVERIFY(QFile::exists(Gui::MainWindow::iconPath()));

    Gui::MainWindow window;
    QVERIFY(!window.windowIcon().isNull());
    // Fails if the SVG does not parse or no SVG icon engine / image plugin is installed.
    QVERIFY(!window.windowIcon().pixmap(QSize(32, 32)).isNull());
}

void TestMainWindow::centralWidget()
{
    Gui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto *label = qobject_cast<QLabel *>(window.centralWidget());
    QVERIFY(label);
    QVERIFY(label->text().contains(QStringLiteral("not connected")));
    QVERIFY(window.statusBar()->isVisible());
}

QTEST_MAIN(TestMainWindow)

#include "tst_mainwindow.moc"
