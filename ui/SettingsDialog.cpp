// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingsDialog.h"

#include "AccountsPage.h"
#include "LevelMeter.h"
#include "calls/AudioTestController.h"
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
    m_accounts = new AccountsPage(session, this);
    m_tabs->addTab(m_accounts, tr("Accounts"));
    m_tabs->addTab(buildAudioTab(), tr("Audio"));
    m_tabs->addTab(buildNetworkTab(), tr("Network"));
    m_tabs->addTab(buildAppearanceTab(), tr("Appearance"));
    layout->addWidget(m_tabs);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("settingsButtons"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_tabs, &QTabWidget::currentChanged, this, &SettingsDialog::updateMicrophoneMeter);
    updateMicrophoneMeter();
}

SettingsDialog::~SettingsDialog()
{
    stopAudioChecks();
}

void SettingsDialog::done(int result)
{
    stopAudioChecks();
    QDialog::done(result);
}

void SettingsDialog::stopAudioChecks()
{
    App::AudioTestController &test = m_session.audioTest();
    test.stopTestTone();
    test.stopMicrophoneMeter();
    m_meteredInput = QString();
}

void SettingsDialog::updateMicrophoneMeter()
{
    App::AudioTestController &test = m_session.audioTest();
    const bool shown = m_tabs->currentWidget() == m_audioPage;
    const QString input = m_input->currentData().toString();
    if (!shown) {
        if (!m_meteredInput.isNull())
            test.stopMicrophoneMeter();
        m_meteredInput = QString();
        m_microphoneMeter->clear();
        return;
    }
    if (!m_meteredInput.isNull() && m_meteredInput == input)
        return;
    m_meteredInput = input.isNull() ? QStringLiteral("") : input;
    m_microphoneMeter->clear();
    test.startMicrophoneMeter(input);
}

QList<QPair<QString, QString>> SettingsDialog::languages()
{
    return { { QString(), tr("System language") },
             { QStringLiteral("en"), QStringLiteral("English") },
             { QStringLiteral("zh_CN"), QStringLiteral("简体中文") } };
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

    // Checks of the chosen devices, through the media thread (the app's AudioTestController).
    m_microphoneMeter = new LevelMeter(page);
    m_microphoneMeter->setObjectName(QStringLiteral("microphoneTestMeter"));
    m_microphoneMeter->setAccessibleName(tr("Microphone level"));
    m_microphoneMeter->setToolTip(tr("Speak: the bar follows your voice"));
    form->addRow(tr("Microphone level:"), m_microphoneMeter);
    m_testTone = new QPushButton(tr("Play test tone"), page);
    m_testTone->setObjectName(QStringLiteral("testTone"));
    m_testTone->setAccessibleName(tr("Play test tone"));
    form->addRow(QString(), m_testTone);
    m_audioStatus = new QLabel(page);
    m_audioStatus->setObjectName(QStringLiteral("audioStatus"));
    m_audioStatus->setWordWrap(true);
    form->addRow(QString(), m_audioStatus);
    m_audioPage = page;

    App::AudioTestController &test = m_session.audioTest();
    connect(m_testTone, &QPushButton::clicked, this, [this] {
        App::AudioTestController &test = m_session.audioTest();
        if (test.isTonePlaying()) {
            test.stopTestTone();
            return;
        }
        m_audioStatus->clear();
        test.playTestTone(m_output->currentData().toString());
    });
    connect(&test, &App::AudioTestController::testToneStarted, this, [this] {
        m_testTone->setText(tr("Stop test tone"));
        m_testTone->setAccessibleName(m_testTone->text());
    });
    connect(&test, &App::AudioTestController::testToneStopped, this, [this] {
        m_testTone->setText(tr("Play test tone"));
        m_testTone->setAccessibleName(m_testTone->text());
    });
    connect(&test, &App::AudioTestController::testToneFailed, this, [this](const QString &reason) {
        m_testTone->setText(tr("Play test tone"));
        m_testTone->setAccessibleName(m_testTone->text());
        m_audioStatus->setText(tr("The test tone cannot play: %1").arg(reason));
    });
    connect(&test, &App::AudioTestController::microphoneLevel, m_microphoneMeter,
            &LevelMeter::setLevel);
    connect(&test, &App::AudioTestController::microphoneFailed, this,
            [this](const QString &reason) {
                m_meteredInput = QString();
                m_microphoneMeter->clear();
                m_audioStatus->setText(tr("The microphone cannot be opened: %1").arg(reason));
            });
    connect(m_input, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateMicrophoneMeter);
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

void SettingsDialog::accept()
{
    // Accounts apply at once (AccountsPage); the rest here.
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
    preferences.serverless = m_session.accounts().isEmpty();
    m_session.savePreferences(preferences);
    QDialog::accept();
}

} // namespace Gui
