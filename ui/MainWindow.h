// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMainWindow>

class QLabel;

namespace Gui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Resource path of the application icon.
    static QString iconPath();

private:
    QLabel *m_statusLabel = nullptr;
};

} // namespace Gui
