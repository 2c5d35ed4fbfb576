// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWizard>

class QLineEdit;
class QRadioButton;

namespace App {
class AppSession;
}

namespace Gui {

/// The first start: set up an account, or skip to serverless mode (direct calls to
/// sip:user@host without a server).
class FirstRunWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { IntroPage, AccountPage };

    explicit FirstRunWizard(App::AppSession &session, QWidget *parent = nullptr);

    int nextId() const override;
    bool validateCurrentPage() override;
    void accept() override;

private:
    App::AppSession &m_session;
    QRadioButton *m_withAccount = nullptr;
    QRadioButton *m_serverless = nullptr;
    QLineEdit *m_aor = nullptr;
    QLineEdit *m_displayName = nullptr;
    QLineEdit *m_password = nullptr;
};

} // namespace Gui
