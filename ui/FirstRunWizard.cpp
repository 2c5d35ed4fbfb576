// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FirstRunWizard.h"

#include "core/AppSession.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Gui {

FirstRunWizard::FirstRunWizard(App::AppSession &session, QWidget *parent)
    : QWizard(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("firstRunWizard"));
    setWindowTitle(tr("Welcome to Parlo"));

    auto *intro = new QWizardPage(this);
    intro->setTitle(tr("Welcome to Parlo"));
    intro->setSubTitle(tr("How do you want to make calls?"));
    auto *introLayout = new QVBoxLayout(intro);
    m_withAccount
            = new QRadioButton(tr("With my SIP account (a provider or a company server)"), intro);
    m_withAccount->setObjectName(QStringLiteral("wizardWithAccount"));
    m_serverless = new QRadioButton(
            tr("Without a server: direct calls to sip:user@host on my network"), intro);
    m_serverless->setObjectName(QStringLiteral("wizardServerless"));
    m_withAccount->setChecked(true);
    introLayout->addWidget(m_withAccount);
    introLayout->addWidget(m_serverless);
    setPage(IntroPage, intro);

    auto *account = new QWizardPage(this);
    account->setTitle(tr("Your SIP account"));
    account->setSubTitle(tr("The password is kept in the system keychain."));
    auto *form = new QFormLayout(account);
    m_aor = new QLineEdit(account);
    m_aor->setObjectName(QStringLiteral("wizardAor"));
    m_aor->setAccessibleName(tr("SIP address"));
    m_aor->setPlaceholderText(QStringLiteral("sip:alice@example.com"));
    m_displayName = new QLineEdit(account);
    m_displayName->setAccessibleName(tr("Display name"));
    m_password = new QLineEdit(account);
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("SIP &address:"), m_aor);
    form->addRow(tr("&Display name:"), m_displayName);
    form->addRow(tr("&Password:"), m_password);
    setPage(AccountPage, account);
}

int FirstRunWizard::nextId() const
{
    if (currentId() == IntroPage && m_withAccount->isChecked())
        return AccountPage;
    return -1;
}

bool FirstRunWizard::validateCurrentPage()
{
    if (currentId() == AccountPage && m_aor->text().trimmed().isEmpty()) {
        m_aor->setFocus();
        return false;
    }
    return QWizard::validateCurrentPage();
}

void FirstRunWizard::accept()
{
    App::Preferences preferences = m_session.preferences();
    preferences.firstRunDone = true;
    preferences.serverless = m_serverless->isChecked();
    m_session.savePreferences(preferences);
    if (!preferences.serverless) {
        App::AccountSettings account = m_session.account();
        account.aor = m_aor->text().trimmed();
        if (!account.aor.startsWith(QLatin1String("sip:"))
            && !account.aor.startsWith(QLatin1String("sips:")))
            account.aor.prepend(QLatin1String("sip:"));
        account.displayName = m_displayName->text().trimmed();
        m_session.saveAccount(account, m_password->text());
    }
    QWizard::accept();
}

} // namespace Gui
