// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;

namespace Gui {

/// "About Parlo": the version (AppInfo, from the CMake project version), the licence and
/// the Qt version the program runs on and was built with.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // The texts as shown, for tests.
    QString versionText() const;
    QString licenceText() const;
    QString qtText() const;

private:
    QLabel *m_version = nullptr;
    QLabel *m_licence = nullptr;
    QLabel *m_qt = nullptr;
};

} // namespace Gui
