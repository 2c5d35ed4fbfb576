// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsPage.h"

#include "AccountDialog.h"
#include "core/AppSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gui {

AccountsPage::AccountsPage(App::AppSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("accountList"));
    m_list->setAccessibleName(tr("Accounts"));
    layout->addWidget(m_list);
    auto *buttons = new QHBoxLayout;
    const auto button = [this, buttons](const QString &name, const QString &text) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(name);
        buttons->addWidget(b);
        return b;
    };
    QPushButton *add = button(QStringLiteral("accountAdd"), tr("&Add…"));
    m_edit = button(QStringLiteral("accountEdit"), tr("&Edit…"));
    m_remove = button(QStringLiteral("accountRemove"), tr("&Remove"));
    m_default = button(QStringLiteral("accountDefault"), tr("Make &default"));
    buttons->addStretch();
    layout->addLayout(buttons);
    auto *hint = new QLabel(tr("Without an account Parlo calls SIP addresses directly (peer to "
                               "peer). Calls and messages go from the default account."),
                            this);
    hint->setWordWrap(true);
    layout->addWidget(hint);
    connect(add, &QPushButton::clicked, this, &AccountsPage::addAccount);
    connect(m_edit, &QPushButton::clicked, this, &AccountsPage::editAccount);
    connect(m_remove, &QPushButton::clicked, this, &AccountsPage::removeAccount);
    connect(m_default, &QPushButton::clicked, this, &AccountsPage::makeDefault);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &AccountsPage::editAccount);
    connect(m_list, &QListWidget::currentRowChanged, this, &AccountsPage::updateButtons);
    connect(&session, &App::AppSession::accountsChanged, this, &AccountsPage::reload);
    connect(&session, &App::AppSession::registrationChanged, this, &AccountsPage::reload);
    reload();
}

QString AccountsPage::stateText(const App::RegistrationInfo &info)
{
    using State = App::RegistrationInfo::State;
    switch (info.state) {
    case State::Serverless:
        return tr("No account: direct calls to SIP addresses (peer to peer)");
    case State::Unregistered:
        return tr("Not registered");
    case State::Registering:
        return tr("Registering…");
    case State::Registered:
        return tr("Registered");
    case State::Failed:
        return info.retryInSeconds >= 0 ? tr("Registration failed: %1 (retrying in %2 s)")
                                                  .arg(info.error)
                                                  .arg(info.retryInSeconds)
                                        : tr("Registration failed: %1").arg(info.error);
    }
    return {};
}

void AccountsPage::reload()
{
    const QString selected = selectedId();
    m_list->clear();
    const QString defaultId = m_session.defaultAccountId();
    const QList<App::RegistrationInfo> states = m_session.registrations();
    for (const App::AccountSettings &account : m_session.accounts()) {
        App::RegistrationInfo info;
        for (const App::RegistrationInfo &s : states) {
            if (s.accountId == account.id)
                info = s;
        }
        QString text = account.displayName.isEmpty()
                ? account.aor
                : QStringLiteral("%1 <%2>").arg(account.displayName, account.aor);
        if (account.id == defaultId)
            text += QLatin1Char(' ') + tr("(default)");
        text += QStringLiteral(" — ")
                + (account.registerEnabled ? stateText(info) : tr("Registration off"));
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, account.id);
        item->setData(Qt::AccessibleTextRole, text);
        if (account.id == selected)
            m_list->setCurrentItem(item);
    }
    updateButtons();
}

QString AccountsPage::selectedId() const
{
    const QListWidgetItem *item = m_list ? m_list->currentItem() : nullptr;
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void AccountsPage::updateButtons()
{
    const QString id = selectedId();
    m_edit->setEnabled(!id.isEmpty());
    m_remove->setEnabled(!id.isEmpty());
    m_default->setEnabled(!id.isEmpty() && id != m_session.defaultAccountId());
}

AccountDialog *AccountsPage::editorFor(bool newAccount)
{
    App::AccountSettings account;
    if (!newAccount) {
        const QString id = selectedId();
        for (const App::AccountSettings &a : m_session.accounts()) {
            if (a.id == id)
                account = a;
        }
        if (account.id.isEmpty())
            return nullptr;
    }
    auto *dialog = new AccountDialog(m_session, account, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

void AccountsPage::addAccount()
{
    editorFor(true)->open();
}

void AccountsPage::editAccount()
{
    if (AccountDialog *dialog = editorFor(false))
        dialog->open();
}

void AccountsPage::removeAccount()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    auto *confirm = new QMessageBox(QMessageBox::Question, tr("Remove account"),
                                    tr("Remove the account %1? Its password is deleted too.")
                                            .arg(m_list->currentItem()->text()),
                                    QMessageBox::Yes | QMessageBox::No, this);
    confirm->setObjectName(QStringLiteral("accountRemoveConfirm"));
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::finished, this, [this, id](int result) {
        if (result == QMessageBox::Yes)
            m_session.removeAccount(id);
    });
    confirm->open();
}

void AccountsPage::makeDefault()
{
    const QString id = selectedId();
    if (!id.isEmpty())
        m_session.setDefaultAccount(id);
}

} // namespace Gui
