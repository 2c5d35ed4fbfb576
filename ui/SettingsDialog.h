// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace App {
class AppSession;
}

namespace Gui {

class AccountsPage;

class LevelMeter;

/// Settings: the accounts (AccountsPage; passwords go to the keychain), audio devices, network
/// and appearance (language, start minimised, close to tray). OK saves and applies. The
/// audio page plays a test tone on the chosen speaker and meters the chosen microphone
/// while it is shown.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(App::AppSession &session, QWidget *parent = nullptr);
    ~SettingsDialog() override; // stops the test tone and the microphone meter

    QTabWidget *tabs() const { return m_tabs; }
    AccountsPage *accountsPage() const { return m_accounts; }
    LevelMeter *microphoneMeter() const { return m_microphoneMeter; }

    // The languages offered: code ("" = the system's) and name in that language.
    static QList<QPair<QString, QString>> languages();

public slots:
    void accept() override;
    void done(int result) override;

private:
    QWidget *buildAudioTab();
    QWidget *buildNetworkTab();
    QWidget *buildAppearanceTab();
    // Meters the chosen microphone while the audio page is shown, and only then.
    void updateMicrophoneMeter();
    void stopAudioChecks();

    App::AppSession &m_session;
    AccountsPage *m_accounts = nullptr;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_input = nullptr;
    QComboBox *m_output = nullptr;
    QComboBox *m_ring = nullptr;
    QCheckBox *m_echo = nullptr;
    QWidget *m_audioPage = nullptr;
    QPushButton *m_testTone = nullptr;
    LevelMeter *m_microphoneMeter = nullptr;
    QLabel *m_audioStatus = nullptr;
    QString m_meteredInput; // the device metered now; null: not metering
    QSpinBox *m_autoAnswer = nullptr;
    QSpinBox *m_port = nullptr;
    QCheckBox *m_ipv6 = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_startMinimised = nullptr;
    QCheckBox *m_closeToTray = nullptr;
    QCheckBox *m_startAtLogin = nullptr;
};

} // namespace Gui
