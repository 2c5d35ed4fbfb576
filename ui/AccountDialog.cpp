// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountDialog.h"

#include "core/AppSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Gui {

AccountDialog::AccountDialog(App::AppSession &session, const App::AccountSettings &account,
                             QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_account(account)
{
    setObjectName(QStringLiteral("accountDialog"));
    setWindowTitle(account.id.isEmpty() ? tr("Add account — Parlo") : tr("Edit account — Parlo"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    const auto line = [this](const QString &name, const QString &value, const QString &accessible) {
        auto *edit = new QLineEdit(value, this);
        edit->setObjectName(name);
        edit->setAccessibleName(accessible);
        return edit;
    };
    m_aor = line(QStringLiteral("accountAor"), account.aor, tr("SIP address"));
    m_aor->setPlaceholderText(QStringLiteral("sip:alice@example.com"));
    m_authUser
            = line(QStringLiteral("accountAuthUser"), account.authUser, tr("Authentication user"));
    m_displayName
            = line(QStringLiteral("accountDisplayName"), account.displayName, tr("Display name"));
    m_password = line(QStringLiteral("accountPassword"), QString(), tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_proxy = line(QStringLiteral("accountProxy"), account.proxy, tr("Outbound proxy"));
    m_proxy->setPlaceholderText(tr("empty: the domain's server"));
    m_transport = new QComboBox(this);
    m_transport->setObjectName(QStringLiteral("accountTransport"));
    m_transport->setAccessibleName(tr("Transport"));
    for (const QString &t : { QStringLiteral("udp"), QStringLiteral("tcp"), QStringLiteral("tls") })
        m_transport->addItem(t.toUpper(), t);
    m_transport->setCurrentIndex(std::max(0, m_transport->findData(account.transport.toLower())));
    m_srtp = new QComboBox(this);
    m_srtp->setObjectName(QStringLiteral("accountSrtp"));
    m_srtp->setAccessibleName(tr("Call encryption (SRTP)"));
    m_srtp->addItem(tr("Off"), QStringLiteral("off"));
    m_srtp->addItem(tr("When the other side supports it"), QStringLiteral("optional"));
    m_srtp->addItem(tr("Required"), QStringLiteral("mandatory"));
    m_srtp->setCurrentIndex(std::max(0, m_srtp->findData(account.srtp.toLower())));
    m_register = new QCheckBox(tr("Register with the server"), this);
    m_register->setObjectName(QStringLiteral("accountRegister"));
    m_register->setChecked(account.registerEnabled);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("accountError"));
    m_error->setWordWrap(true);
    form->addRow(tr("SIP &address:"), m_aor);
    form->addRow(tr("&Display name:"), m_displayName);
    form->addRow(tr("Authentication &user:"), m_authUser);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Outbound pro&xy:"), m_proxy);
    form->addRow(tr("&Transport:"), m_transport);
    form->addRow(tr("&Encryption:"), m_srtp);
    form->addRow(QString(), m_register);
    form->addRow(QString(), m_error);
    layout->addLayout(form);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("accountButtons"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AccountDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AccountDialog::reject);
    for (QLineEdit *edit : { m_aor, m_proxy })
        connect(edit, &QLineEdit::textChanged, this, &AccountDialog::validate);
    // The stored password comes from the keychain asynchronously.
    if (!account.id.isEmpty()) {
        connect(&session, &App::AppSession::accountPasswordLoaded, this,
                [this](const QString &id, const QString &password) {
                    if (id == m_account.id && m_password->text().isEmpty())
                        m_password->setText(password);
                });
        session.loadPassword(account.id);
    }
    validate();
}

App::AccountSettings AccountDialog::edited() const
{
    App::AccountSettings account = m_account;
    account.aor = m_aor->text().trimmed();
    if (!account.aor.isEmpty()
        && !account.aor.startsWith(QLatin1String("sip:"), Qt::CaseInsensitive)
        && !account.aor.startsWith(QLatin1String("sips:"), Qt::CaseInsensitive))
        account.aor.prepend(QLatin1String("sip:"));
    account.authUser = m_authUser->text().trimmed();
    account.displayName = m_displayName->text().trimmed();
    account.proxy = m_proxy->text().trimmed();
    account.transport = m_transport->currentData().toString();
    account.srtp = m_srtp->currentData().toString();
    account.registerEnabled = m_register->isChecked();
    return account;
}

void AccountDialog::validate()
{
    const App::AccountSettings account = edited();
    const QString error = account.aor.isEmpty()
            ? tr("Enter the SIP address, for example sip:alice@example.com")
            : account.validate();
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

void AccountDialog::accept()
{
    const App::AccountSettings account = edited();
    if (!account.validate().isEmpty())
        return;
    if (account.id.isEmpty())
        m_session.addAccount(account, m_password->text());
    else
        m_session.saveAccount(account, m_password->text());
    QDialog::accept();
}

} // namespace Gui
