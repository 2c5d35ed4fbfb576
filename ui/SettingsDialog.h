// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTabWidget;

namespace App {
class AppSession;
}

namespace Gui {

/// Settings: the account (the password goes to the keychain), audio devices, network
/// and appearance (language, start minimised, close to tray). OK saves and applies.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(App::AppSession &session, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }

    // The languages offered: code ("" = the system's) and name in that language.
    static QList<QPair<QString, QString>> languages();

public slots:
    void accept() override;

private:
    QWidget *buildAccountTab();
    QWidget *buildAudioTab();
    QWidget *buildNetworkTab();
    QWidget *buildAppearanceTab();
    void validate();

    App::AppSession &m_session;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_aor = nullptr;
    QLineEdit *m_authUser = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_proxy = nullptr;
    QComboBox *m_transport = nullptr;
    QCheckBox *m_register = nullptr;
    QLabel *m_accountError = nullptr;
    QComboBox *m_input = nullptr;
    QComboBox *m_output = nullptr;
    QComboBox *m_ring = nullptr;
    QCheckBox *m_echo = nullptr;
    QSpinBox *m_autoAnswer = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_ipv6 = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_startMinimised = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
    QString m_loadedPassword;
};

} // namespace Gui
