// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace App {
class AppSession;
struct RegistrationInfo;
} // namespace App

namespace Gui {

class AccountDialog;

/// The settings' account list: every account with its registration state, the default
/// one marked; add, edit (AccountDialog), remove, make default. Changes apply at once.
class AccountsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountsPage(App::AppSession &session, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    // The dialog for the selected account (or a new one), not yet shown; tests fill it.
    AccountDialog *editorFor(bool newAccount);

    // One account's state in words, e.g. "Registration failed: 403 Forbidden".
    static QString stateText(const App::RegistrationInfo &info);

private:
    void reload();
    void addAccount();
    void editAccount();
    void removeAccount();
    void makeDefault();
    void updateButtons();
    QString selectedId() const;

    App::AppSession &m_session;
    QListWidget *m_list = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_default = nullptr;
};

} // namespace Gui
