// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "settings/AccountSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace App {
class AppSession;
}

namespace Gui {

/// Adds or edits one account: server (outbound proxy), user (the address), authentication
/// user, display name, password (kept by the keychain through AppSession, never in the
/// settings file), transport, SRTP policy, registration on/off. OK saves and applies.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    // `account.id` empty: a new account.
    AccountDialog(App::AppSession &session, const App::AccountSettings &account,
                  QWidget *parent = nullptr);

    // What the fields say now (id kept).
    App::AccountSettings edited() const;

public slots:
    void accept() override;

private:
    void validate();

    App::AppSession &m_session;
    App::AccountSettings m_account;
    QLineEdit *m_aor = nullptr;
    QLineEdit *m_authUser = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_proxy = nullptr;
    QComboBox *m_transport = nullptr;
    QComboBox *m_srtp = nullptr;
    QCheckBox *m_register = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace Gui
