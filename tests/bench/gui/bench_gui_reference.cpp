// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The reference of the start-up bench: the least a Qt Widgets softphone window can cost,
// a main window with a list of 1,000 names, a line edit and a status bar, started and
// probed exactly like Parlo (--bench-startup SECONDS).

#include "StartupProbe.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QMainWindow>
#include <QStatusBar>
#include <QStringListModel>
#include <QVBoxLayout>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QStringList arguments = QApplication::arguments();
    const qsizetype option = arguments.indexOf(QStringLiteral("--bench-startup"));
    const int idleSeconds = option >= 0 ? arguments.value(option + 1).toInt() : 0;

    QMainWindow window;
    auto *central = new QWidget(&window);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(new QLineEdit(central));
    QStringList names;
    for (int i = 0; i < 1000; ++i)
        names.append(QStringLiteral("Contact %1").arg(i));
    auto *list = new QListView(central);
    list->setModel(new QStringListModel(names, list));
    list->setUniformItemSizes(true);
    layout->addWidget(list);
    window.setCentralWidget(central);
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    window.resize(480, 680);
    Gui::StartupProbe::watch(&window, idleSeconds);
    window.show();
    return app.exec();
}
