// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MainWindow.h"

#include <QIcon>
#include <QLabel>
#include <QStatusBar>

namespace Gui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Parlo"));
    setWindowIcon(QIcon(iconPath()));

    m_statusLabel = new QLabel(tr("Parlo — not connected"), this);
    m_statusLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_statusLabel->setAlignment(Qt::AlignCenter);
    setCentralWidget(m_statusLabel);

    statusBar()->showMessage(tr("Not connected"));
    resize(480, 640);
}

MainWindow::~MainWindow() = default;

QString MainWindow::iconPath()
{
    return QStringLiteral(":/icons/parlo.svg");
}

} // namespace Gui
