// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "AboutDialog.h"
#include "AccountsPage.h"
#include "CallWindow.h"
#include "ChatPage.h"
#include "ContactsPage.h"
#include "DialLineEdit.h"
#include "DialPad.h"
#include "HistoryPage.h"
#include "IconLoader.h"
#include "PresenceColors.h"
#include "SettingsDialog.h"
#include "TrayIcon.h"
#include "calls/CallController.h"
#include "contacts/CsvReader.h"
#include "contacts/CsvWriter.h"
#include "contacts/VCardReader.h"
#include "contacts/VCardWriter.h"
#include "core/AppSession.h"
#include "models/CallHistoryModel.h"
#include "models/ContactFilterModel.h"
#include "models/ContactListModel.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QStatusBar>
#include <QTabWidget>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

namespace {

const QStringList presenceKeys { QStringLiteral("available"), QStringLiteral("away"),
                                 QStringLiteral("busy"), QStringLiteral("dnd"),
                                 QStringLiteral("invisible") };

QIcon presenceDot(const QString &key)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(PresenceColors::color(key));
    painter.drawEllipse(QRect(3, 3, 10, 10));
    return QIcon(pixmap);
}

} // namespace

MainWindow::MainWindow(App::AppSession &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Parlo"));
    setWindowIcon(QIcon(iconPath()));
    m_badgeTimer.setSingleShot(true);
    m_badgeTimer.setInterval(100);
    connect(&m_badgeTimer, &QTimer::timeout, this, &MainWindow::updateBadges);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(buildHeader());

    m_search = new DialLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setAccessibleName(tr("Search or dial"));
    m_search->setPlaceholderText(
            tr("Search, or type a number or SIP address — Enter calls, Ctrl+Enter chats"));
    m_search->addAction(IconLoader::icon(QStringLiteral("search")), QLineEdit::LeadingPosition)
            ->setText(tr("Search"));
    layout->addWidget(m_search);

    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setAccessibleName(tr("Views"));
    m_contacts = new ContactsPage(session.contacts(), session.contactFilter(), m_tabs);
    m_history = new HistoryPage(session.history(), m_tabs);
    m_chat = new ChatPage(session, m_tabs);
    m_tabs->addTab(m_contacts, IconLoader::icon(QStringLiteral("contacts")), tr("Contacts"));
    m_tabs->addTab(m_history, IconLoader::icon(QStringLiteral("history")), tr("History"));
    m_tabs->addTab(m_chat, IconLoader::icon(QStringLiteral("chat")), tr("Chat"));
    m_tabs->addTab(buildDialPadTab(), IconLoader::icon(QStringLiteral("dialpad")), tr("Dial pad"));
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_callWindow = new CallWindow(session.calls(), session.callList(), session.contacts(), this);
    m_callWindow->hide();

    setupMenus();
    setupTray();

    connect(m_search, &QLineEdit::textChanged, &session.contactFilter(),
            &App::ContactFilterModel::setSearchText);
    connect(m_search, &QLineEdit::textChanged, m_history, &HistoryPage::setSearchText);
    connect(m_search, &DialLineEdit::callRequested, this, &MainWindow::callAddress);
    connect(m_search, &DialLineEdit::chatRequested, this, &MainWindow::chatWith);
    for (auto *page : { static_cast<QObject *>(m_contacts), static_cast<QObject *>(m_history) }) {
        connect(page, SIGNAL(callRequested(QString)), this, SLOT(callAddress(QString)));
        connect(page, SIGNAL(chatRequested(QString)), this, SLOT(chatWith(QString)));
    }
    connect(m_chat, &ChatPage::callRequested, this, &MainWindow::callAddress);
    connect(m_contacts, &ContactsPage::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 4000); });

    connect(&session, &App::AppSession::registrationChanged, this, &MainWindow::updateRegistration);
    connect(&session, &App::AppSession::accountsChanged, this,
            [this] { updateRegistration(m_session.registration()); });
    connect(&session, &App::AppSession::started, this, [this] {
        updateIdentity();
        statusBar()->showMessage(tr("Ready"), 3000);
    });
    connect(&session, &App::AppSession::startFailed, this, [this](const QString &reason) {
        m_registration->setText(tr("Cannot start: %1").arg(reason));
    });
    connect(&session, &App::AppSession::unreadChanged, this, [this](int count) {
        m_unread = count;
        scheduleBadgeUpdate();
    });
    connect(&session, &App::AppSession::missedCallsChanged, this, [this](int count) {
        m_missed = count;
        scheduleBadgeUpdate();
    });
    connect(&session, &App::AppSession::watcherRequest, this, &MainWindow::onWatcherRequest);
    connect(&session, &App::AppSession::ownPresenceChanged, this,
            [this](const QString &key, const QString &note) {
                const int index = static_cast<int>(presenceKeys.indexOf(key));
                if (index >= 0) {
                    QSignalBlocker blocker(m_presence);
                    m_presence->setCurrentIndex(index);
                }
                if (!m_note->hasFocus())
                    m_note->setText(note);
                if (m_tray)
                    m_tray->setPresence(
                            key == QLatin1String("invisible") ? QStringLiteral("offline") : key);
            });
    connect(&session, &App::AppSession::incomingMessage, this,
            [this](const QString &peerUri, const QString &text) {
                if (m_tray && (!isVisible() || !isActiveWindow()))
                    m_tray->showMessage(
                            tr("Message from %1").arg(m_session.contacts().displayNameFor(peerUri)),
                            text.left(200));
            });
    connect(&session.calls(), &App::CallController::incomingCall, this,
            &MainWindow::onIncomingCall);
    connect(&session.calls(), &App::CallController::callAdded, this, [this](const App::CallInfo &) {
        m_callWindow->show();
        m_callWindow->raise();
    });
    connect(&session, &App::AppSession::conversationOpened, this, [this] { showTab(Tab::Chat); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int) {
        if (m_tabs->currentWidget() == m_history && m_session.history().unseenMissed() > 0)
            m_session.history().markMissedSeen();
    });

    updateIdentity();
    updateRegistration(session.registration());
    resize(480, 680);
}

MainWindow::~MainWindow() = default;

QString MainWindow::iconPath()
{
    return QStringLiteral(":/icons/parlo.svg");
}

QWidget *MainWindow::buildHeader()
{
    auto *header = new QWidget(this);
    auto *grid = new QVBoxLayout(header);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    m_identity = new QLabel(header);
    m_identity->setObjectName(QStringLiteral("identityLabel"));
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_identity->font();
    bold.setBold(true);
    m_identity->setFont(bold);
    m_presence = new QComboBox(header);
    m_presence->setObjectName(QStringLiteral("presenceSelector"));
    m_presence->setAccessibleName(tr("My presence"));
    for (const QString &key : presenceKeys)
        m_presence->addItem(
                presenceDot(key == QLatin1String("invisible") ? QStringLiteral("offline") : key),
                PresenceColors::label(key), key);
    // With several accounts: the one calls and messages go from (the default account).
    m_fromAccount = new QComboBox(header);
    m_fromAccount->setObjectName(QStringLiteral("accountSelector"));
    m_fromAccount->setAccessibleName(tr("Call and write from account"));
    m_fromAccount->setToolTip(tr("Calls and messages go from this account"));
    top->addWidget(m_identity, 1);
    top->addWidget(m_fromAccount);
    top->addWidget(m_presence);
    grid->addLayout(top);
    connect(m_fromAccount, &QComboBox::activated, this, [this](int index) {
        m_session.setDefaultAccount(m_fromAccount->itemData(index).toString());
    });
    m_registration = new QLabel(header);
    m_registration->setObjectName(QStringLiteral("registrationLabel"));
    m_registration->setWordWrap(true);
    grid->addWidget(m_registration);
    m_note = new QLineEdit(header);
    m_note->setObjectName(QStringLiteral("presenceNote"));
    m_note->setAccessibleName(tr("Presence note"));
    m_note->setPlaceholderText(tr("What are you up to? (seen by your contacts)"));
    grid->addWidget(m_note);

    const auto apply = [this] {
        m_session.setOwnPresence(m_presence->currentData().toString(), m_note->text().trimmed());
    };
    connect(m_presence, &QComboBox::currentIndexChanged, this, apply);
    connect(m_note, &QLineEdit::editingFinished, this, apply);
    return header;
}

QWidget *MainWindow::buildDialPadTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_dialPad = new DialPad(page);
    layout->addWidget(m_dialPad, 1);
    auto *row = new QHBoxLayout;
    auto *backspace
            = new QPushButton(IconLoader::icon(QStringLiteral("backspace")), QString(), page);
    backspace->setObjectName(QStringLiteral("dialBackspace"));
    backspace->setToolTip(tr("Delete the last character"));
    backspace->setAccessibleName(tr("Delete the last character"));
    auto *redial = new QPushButton(tr("Redial"), page);
    redial->setObjectName(QStringLiteral("redialButton"));
    redial->setAccessibleName(tr("Redial"));
    auto *call = new QPushButton(IconLoader::icon(QStringLiteral("answer")), tr("Call"), page);
    call->setObjectName(QStringLiteral("dialCallButton"));
    call->setAccessibleName(tr("Call"));
    row->addWidget(backspace);
    row->addWidget(redial);
    row->addWidget(call, 1);
    layout->addLayout(row);

    connect(m_dialPad, &DialPad::digitPressed, this,
            [this](QChar digit) { m_search->insert(QString(digit)); });
    connect(backspace, &QPushButton::clicked, m_search, &QLineEdit::backspace);
    connect(call, &QPushButton::clicked, this, [this] { callAddress(m_search->text()); });
    connect(redial, &QPushButton::clicked, this, [this] {
        const QString last = m_session.calls().lastDialled();
        if (last.isEmpty()) {
            statusBar()->showMessage(tr("Nothing to redial yet"), 3000);
            return;
        }
        callAddress(last);
    });
    return page;
}

void MainWindow::setupMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&Parlo"));
    file->addAction(IconLoader::icon(QStringLiteral("settings")), tr("&Settings…"), this,
                    &MainWindow::openSettings, QKeySequence::Preferences);
    file->addSeparator();
    file->addAction(
            tr("&Quit"), this,
            [this] {
                m_quitting = true;
                close();
                QApplication::quit();
            },
            QKeySequence::Quit);
    QMenu *contacts = menuBar()->addMenu(tr("&Contacts"));
    contacts->addAction(
            IconLoader::icon(QStringLiteral("contact-add")), tr("&Add contact…"), this,
            [this] { m_contacts->addContact(); }, QKeySequence::New);
    contacts->addAction(tr("&Import (vCard, CSV)…"), this, &MainWindow::importContacts);
    contacts->addAction(tr("&Export…"), this, &MainWindow::exportContacts);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Parlo…"), this, &MainWindow::openAbout);
}

void MainWindow::openAbout()
{
    auto *about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

void MainWindow::setupTray()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new TrayIcon(this);
    connect(m_tray, &TrayIcon::showRequested, this, &MainWindow::showAndRaise);
    connect(m_tray, &TrayIcon::aboutRequested, this, [this] {
        showAndRaise();
        openAbout();
    });
    connect(m_tray, &TrayIcon::quitRequested, this, [this] {
        m_quitting = true;
        QApplication::quit();
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &MainWindow::showAndRaise);
    m_tray->show();
}

bool MainWindow::closesToTray() const
{
    return m_tray && m_tray->isVisible() && m_session.preferences().closeToTray;
}

void MainWindow::showTab(Tab tab)
{
    QWidget *pages[] = { m_contacts, m_history, m_chat, m_dialPad->parentWidget() };
    m_tabs->setCurrentWidget(pages[static_cast<int>(tab)]);
}

void MainWindow::callAddress(const QString &input)
{
    const QString uri = m_session.targetUri(input);
    if (uri.isEmpty()) {
        statusBar()->showMessage(m_session.account().isEmpty()
                                         ? tr("Cannot call \"%1\": without an account, enter a "
                                              "full address such as sip:bob@192.0.2.1")
                                                   .arg(input)
                                         : tr("Cannot call \"%1\"").arg(input),
                                 6000);
        return;
    }
    m_session.call(uri);
    m_search->clear();
}

void MainWindow::chatWith(const QString &input)
{
    const QString uri = m_session.targetUri(input);
    if (uri.isEmpty()) {
        statusBar()->showMessage(tr("Cannot chat with \"%1\"").arg(input), 6000);
        return;
    }
    m_session.openConversation(uri);
    m_search->clear();
}

void MainWindow::openLink(const QString &link)
{
    if (link.isEmpty())
        return;
    showAndRaise();
    callAddress(link);
}

void MainWindow::showAndRaise()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::updateIdentity()
{
    const App::AccountSettings account = m_session.account();
    if (!account.isEmpty()) {
        m_identity->setText(
                account.displayName.isEmpty()
                        ? account.aor
                        : QStringLiteral("%1 <%2>").arg(account.displayName, account.aor));
        return;
    }
    const QString local = m_session.localContactUri();
    m_identity->setText(local.isEmpty() ? tr("Serverless") : tr("Serverless: %1").arg(local));
}

void MainWindow::updateRegistration(const App::RegistrationInfo &)
{
    // Every account's state, one line each, with the last error in words.
    const QList<App::RegistrationInfo> states = m_session.registrations();
    QStringList lines;
    for (const App::RegistrationInfo &info : states) {
        const QString state = AccountsPage::stateText(info);
        lines.append(states.size() > 1 ? tr("%1: %2").arg(info.aor, state) : state);
    }
    const QString text = lines.join(QLatin1Char('\n'));
    m_registration->setText(text);
    m_registration->setAccessibleName(text);
    updateAccountSelector();
    updateIdentity();
}

void MainWindow::updateAccountSelector()
{
    const QList<App::AccountSettings> accounts = m_session.accounts();
    const QSignalBlocker blocker(m_fromAccount);
    m_fromAccount->clear();
    for (const App::AccountSettings &account : accounts)
        m_fromAccount->addItem(account.aor, account.id);
    m_fromAccount->setCurrentIndex(m_fromAccount->findData(m_session.defaultAccountId()));
    m_fromAccount->setVisible(accounts.size() > 1);
}

void MainWindow::scheduleBadgeUpdate()
{
    // A burst of messages changes the count hundreds of times a second; retitling the tab
    // repaints the whole window, so the badges follow at most ten times a second.
    if (!m_badgeTimer.isActive())
        m_badgeTimer.start();
}

void MainWindow::updateBadges()
{
    m_tabs->setTabText(1, m_missed > 0 ? tr("History (%1)").arg(m_missed) : tr("History"));
    m_tabs->setTabText(2, m_unread > 0 ? tr("Chat (%1)").arg(m_unread) : tr("Chat"));
    if (m_tray) {
        m_tray->setUnread(m_unread);
        m_tray->setMissedCalls(m_missed);
    }
    const int total = m_unread + m_missed;
    setWindowTitle(total > 0 ? tr("(%1) Parlo").arg(total) : tr("Parlo"));
}

void MainWindow::onIncomingCall(const App::CallInfo &call)
{
    m_callWindow->selectCall(call.id);
    m_callWindow->show();
    m_callWindow->raise();
    m_callWindow->activateWindow();
    if (m_tray && (!isVisible() || isMinimized())) {
        const QString name = call.peerName.isEmpty()
                ? m_session.contacts().displayNameFor(call.peerUri)
                : call.peerName;
        m_tray->showMessage(tr("Incoming call"), tr("%1 is calling").arg(name),
                            QSystemTrayIcon::Information, 30000);
    }
}

void MainWindow::onWatcherRequest(const QString &uri, const QString &displayName)
{
    const QString who
            = displayName.isEmpty() ? uri : QStringLiteral("%1 <%2>").arg(displayName, uri);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Presence request"),
                                tr("%1 wants to see your status.").arg(who), QMessageBox::NoButton,
                                this);
    box->setObjectName(QStringLiteral("watcherRequest"));
    QPushButton *allow = box->addButton(tr("Allow"), QMessageBox::AcceptRole);
    box->addButton(tr("Block"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, allow, uri] {
        m_session.decideWatcher(uri, box->clickedButton() == allow);
    });
    box->open();
}

void MainWindow::importContacts()
{
    const QString path = QFileDialog::getOpenFileName(
            this, tr("Import contacts"), QString(),
            tr("Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)"));
    if (path.isEmpty())
        return;
    statusBar()->showMessage(tr("Importing %1…").arg(path));
    // Reading and parsing a large file runs off the GUI thread.
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, path] {
        QFile file(path);
        App::ImportResult result;
        QString error;
        if (!file.open(QIODevice::ReadOnly))
            error = file.errorString();
        else if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
            result = App::CsvReader::read(&file);
        else
            result = App::VCardReader::read(&file);
        QMetaObject::invokeMethod(qApp, [self, result, error, path] {
            if (!self)
                return;
            if (!error.isEmpty()) {
                QMessageBox::warning(self, tr("Import failed"),
                                     tr("Cannot read %1: %2").arg(path, error));
                return;
            }
            auto connection = std::make_shared<QMetaObject::Connection>();
            *connection = connect(
                    &self->m_session.contacts(), &App::ContactListModel::imported, self,
                    [self, connection, result](int added, const QStringList &errors) {
                        disconnect(*connection);
                        const int problems = static_cast<int>(result.errors.size() + errors.size())
                                + result.suppressedErrors;
                        self->statusBar()->showMessage(
                                tr("Imported %n contact(s)", nullptr, added)
                                        + (problems ? tr(", %n skipped", nullptr, problems)
                                                    : QString()),
                                8000);
                    });
            self->m_session.contacts().importContacts(result.contacts);
        });
    });
}

void MainWindow::exportContacts()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export contacts"),
                                                      QStringLiteral("contacts.vcf"),
                                                      tr("vCard (*.vcf);;CSV (*.csv)"), &filter);
    if (path.isEmpty())
        return;
    const QList<App::Contact> contacts = m_session.contacts().contacts();
    const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    QPointer<MainWindow> self(this);
    QThreadPool::globalInstance()->start([self, path, contacts, csv] {
        const QByteArray data
                = csv ? App::CsvWriter::write(contacts) : App::VCardWriter::write(contacts);
        QSaveFile file(path);
        QString error;
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
            error = file.errorString();
        QMetaObject::invokeMethod(qApp, [self, error, path, count = contacts.size()] {
            if (!self)
                return;
            if (!error.isEmpty())
                QMessageBox::warning(self, tr("Export failed"),
                                     tr("Cannot write %1: %2").arg(path, error));
            else
                self->statusBar()->showMessage(
                        tr("Exported %n contact(s)", nullptr, static_cast<int>(count)), 8000);
        });
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && closesToTray()) {
        hide();
        event->ignore();
        return;
    }
    m_callWindow->close();
    event->accept();
    if (!QApplication::quitOnLastWindowClosed())
        QApplication::quit();
}

} // namespace Gui
