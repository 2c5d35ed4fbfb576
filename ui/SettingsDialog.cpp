// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "core/AppSession.h"

#include <QAudioDevice>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Gui {

SettingsDialog::SettingsDialog(App::AppSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings — Parlo"));
    auto *layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(buildAccountTab(), tr("Account"));
    m_tabs->addTab(buildAudioTab(), tr("Audio"));
    m_tabs->addTab(buildNetworkTab(), tr("Network"));
    m_tabs->addTab(buildAppearanceTab(), tr("Appearance"));
    layout->addWidget(m_tabs);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    // The stored password arrives from the keychain; the field shows dots meanwhile.
    connect(&session, &App::AppSession::passwordLoaded, this, [this](const QString &password) {
        m_loadedPassword = password;
        if (m_password->text().isEmpty())
            m_password->setText(password);
    });
    if (!session.account().isEmpty())
        session.loadPassword();
    validate();
}

QList<QPair<QString, QString>> SettingsDialog::languages()
{
    return { { QString(), tr("System language") },
             { QStringLiteral("en"), QStringLiteral("English") },
             { QStringLiteral("zh_CN"), QStringLiteral("简体中文") } };
}

QWidget *SettingsDialog::buildAccountTab()
{
    const App::AccountSettings account = m_session.account();
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    const auto line = [page](const QString &name, const QString &value, const QString &accessible) {
        auto *edit = new QLineEdit(value, page);
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
    m_transport = new QComboBox(page);
    m_transport->setObjectName(QStringLiteral("accountTransport"));
    m_transport->setAccessibleName(tr("Transport"));
    for (const QString &t : { QStringLiteral("udp"), QStringLiteral("tcp"), QStringLiteral("tls") })
        m_transport->addItem(t.toUpper(), t);
    m_transport->setCurrentIndex(std::max(0, m_transport->findData(account.transport)));
    m_register = new QCheckBox(tr("Register with the server"), page);
    m_register->setObjectName(QStringLiteral("accountRegister"));
    m_register->setChecked(account.registerEnabled);
    m_accountError = new QLabel(page);
    m_accountError->setObjectName(QStringLiteral("accountError"));
    m_accountError->setWordWrap(true);
    form->addRow(tr("SIP &address:"), m_aor);
    form->addRow(tr("&Display name:"), m_displayName);
    form->addRow(tr("Authentication &user:"), m_authUser);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Outbound pro&xy:"), m_proxy);
    form->addRow(tr("&Transport:"), m_transport);
    form->addRow(QString(), m_register);
    form->addRow(QString(), m_accountError);
    auto *hint = new QLabel(tr("Leave the SIP address empty to use Parlo without a server "
                               "(direct calls to sip:user@host)."),
                            page);
    hint->setWordWrap(true);
    form->addRow(hint);
    for (QLineEdit *edit : { m_aor, m_proxy })
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::validate);
    return page;
}

QWidget *SettingsDialog::buildAudioTab()
{
    const App::Preferences preferences = m_session.preferences();
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    const auto devices = [page](const QList<QAudioDevice> &list, const QString &current,
                                const QString &name, const QString &accessible) {
        auto *combo = new QComboBox(page);
        combo->setObjectName(name);
        combo->setAccessibleName(accessible);
        combo->addItem(tr("System default"), QString());
        for (const QAudioDevice &device : list)
            combo->addItem(device.description(), device.description());
        const int index = combo->findData(current);
        combo->setCurrentIndex(index >= 0 ? index : 0);
        return combo;
    };
    // QMediaDevices lists what the sound server already knows: no device is opened here.
    m_input = devices(QMediaDevices::audioInputs(), preferences.audioInput,
                      QStringLiteral("audioInput"), tr("Microphone"));
    m_output = devices(QMediaDevices::audioOutputs(), preferences.audioOutput,
                       QStringLiteral("audioOutput"), tr("Speaker"));
    m_ring = devices(QMediaDevices::audioOutputs(), preferences.ringDevice,
                     QStringLiteral("ringDevice"), tr("Ring device"));
    m_echo = new QCheckBox(tr("Echo cancellation and noise suppression"), page);
    m_echo->setObjectName(QStringLiteral("echoCancellation"));
    m_echo->setChecked(preferences.echoCancellation);
    m_autoAnswer = new QSpinBox(page);
    m_autoAnswer->setObjectName(QStringLiteral("autoAnswer"));
    m_autoAnswer->setAccessibleName(tr("Auto-answer after seconds"));
    m_autoAnswer->setRange(-1, 60);
    m_autoAnswer->setSpecialValueText(tr("Never"));
    m_autoAnswer->setSuffix(tr(" s"));
    m_autoAnswer->setValue(preferences.autoAnswerSeconds);
    form->addRow(tr("&Microphone:"), m_input);
    form->addRow(tr("&Speaker:"), m_output);
    form->addRow(tr("&Ring on:"), m_ring);
    form->addRow(QString(), m_echo);
    form->addRow(tr("&Auto-answer:"), m_autoAnswer);
    return page;
}

QWidget *SettingsDialog::buildNetworkTab()
{
    const App::Preferences preferences = m_session.preferences();
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_port = new QSpinBox(page);
    m_port->setObjectName(QStringLiteral("sipPort"));
    m_port->setAccessibleName(tr("SIP port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setValue(preferences.sipPort);
    m_ipv6 = new QCheckBox(tr("Use IPv6 too"), page);
    m_ipv6->setObjectName(QStringLiteral("ipv6"));
    m_ipv6->setChecked(preferences.ipv6);
    form->addRow(tr("SIP &port (UDP and TCP):"), m_port);
    form->addRow(QString(), m_ipv6);
    form->addRow(new QLabel(tr("Network changes apply when Parlo starts again."), page));
    return page;
}

QWidget *SettingsDialog::buildAppearanceTab()
{
    const App::Preferences preferences = m_session.preferences();
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Language"));
    for (const auto &[code, name] : languages())
        m_language->addItem(name, code);
    m_language->setCurrentIndex(std::max(0, m_language->findData(preferences.language)));
    m_startMinimised = new QCheckBox(tr("Start minimised to the tray"), page);
    m_startMinimised->setObjectName(QStringLiteral("startMinimised"));
    m_startMinimised->setChecked(preferences.startMinimised);
    m_closeToTray = new QCheckBox(tr("Closing the window keeps Parlo running in the tray"), page);
    m_closeToTray->setObjectName(QStringLiteral("closeToTray"));
    m_closeToTray->setChecked(preferences.closeToTray);
    m_startAtLogin = new QCheckBox(tr("Start Parlo when I log in"), page);
    m_startAtLogin->setObjectName(QStringLiteral("startAtLogin"));
    m_startAtLogin->setChecked(preferences.startAtLogin);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(new QLabel(tr("A new language applies when Parlo starts again."), page));
    form->addRow(QString(), m_startMinimised);
    form->addRow(QString(), m_closeToTray);
    form->addRow(QString(), m_startAtLogin);
    return page;
}

void SettingsDialog::validate()
{
    App::AccountSettings account;
    account.aor = m_aor->text().trimmed();
    account.proxy = m_proxy->text().trimmed();
    const QString error = account.aor.isEmpty() ? QString() : account.validate();
    m_accountError->setText(error);
    m_accountError->setVisible(!error.isEmpty());
    if (auto *box = findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons")))
        box->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

void SettingsDialog::accept()
{
    App::AccountSettings account = m_session.account();
    const App::AccountSettings before = account;
    account.aor = m_aor->text().trimmed();
    account.authUser = m_authUser->text().trimmed();
    account.displayName = m_displayName->text().trimmed();
    account.proxy = m_proxy->text().trimmed();
    account.transport = m_transport->currentData().toString();
    account.registerEnabled = m_register->isChecked();
    const QString password = m_password->text();
    const bool accountChanged = account.aor != before.aor || account.authUser != before.authUser
            || account.displayName != before.displayName || account.proxy != before.proxy
            || account.transport != before.transport
            || account.registerEnabled != before.registerEnabled || password != m_loadedPassword;
    if (accountChanged)
        m_session.saveAccount(account, password);

    App::Preferences preferences = m_session.preferences();
    preferences.audioInput = m_input->currentData().toString();
    preferences.audioOutput = m_output->currentData().toString();
    preferences.ringDevice = m_ring->currentData().toString();
    preferences.echoCancellation = m_echo->isChecked();
    preferences.autoAnswerSeconds = m_autoAnswer->value();
    preferences.sipPort = m_port->value();
    preferences.ipv6 = m_ipv6->isChecked();
    preferences.language = m_language->currentData().toString();
    preferences.startMinimised = m_startMinimised->isChecked();
    preferences.closeToTray = m_closeToTray->isChecked();
    preferences.startAtLogin = m_startAtLogin->isChecked();
    preferences.serverless = account.aor.isEmpty();
    m_session.savePreferences(preferences);
    QDialog::accept();
}

} // namespace Gui
