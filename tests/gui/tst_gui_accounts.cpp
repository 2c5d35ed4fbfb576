// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Several accounts in the GUI, against a real Kamailio on 127.0.0.1 (started through
// kamailio_server.py, tests/interop's fixture) with the users alice and bob:
//   - alice and bob are added through Settings > Accounts (AccountDialog), a third one
//     (carol, unknown to the registrar) through the session; the passwords are in the
//     secret store, never in the settings file
//   - the app registers each: the main window shows alice and bob registered and carol's
//     failure in words, the accounts page lists all three
//   - messages go from the default account: bob (default, chosen on the accounts page)
//     writes to alice, who receives it from bob; then alice is chosen in the main window's
//     account selector and writes to bob
//   - a call from a chosen account (bob) reaches alice as from bob
//   - carol removed: gone from the list, the settings and the main window; a new session
//     on the same settings has alice and bob with bob the default

#include "AccountDialog.h"
#include "AccountsPage.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "calls/CallController.h"
#include "core/AppSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString alicePassword = QStringLiteral("alice-Secret-1");
const QString bobPassword = QStringLiteral("bob-Secret-2");

} // namespace

class TestGuiAccounts : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void accountsFromSettings();
    void registrationPerAccount();
    void messagesFromDefaultAccount();
    void callFromChosenAccount();
    void removeAccount();

private:
    App::AppSessionOptions options() const;
    void addThroughDialog(const QString &user, const QString &password);
    QString idOf(const QString &aor) const;
    App::RegistrationInfo stateOf(const QString &aor) const;

    QTemporaryDir m_dir;
    QProcess m_kamailio;
    int m_port = 0;
    QString m_proxy;
    std::unique_ptr<App::AppSession> m_session;
    std::unique_ptr<Gui::MainWindow> m_window;
};

App::AppSessionOptions TestGuiAccounts::options() const
{
    App::AppSessionOptions options;
    options.settingsFile = m_dir.filePath(QStringLiteral("parlo.ini"));
    options.databasePath = m_dir.filePath(QStringLiteral("parlo.sqlite"));
    options.dataDirectory = m_dir.filePath(QStringLiteral("data"));
    options.secretBackend = QStringLiteral("file");
    options.listen = { QStringLiteral("udp:127.0.0.1:0") };
    return options;
}

void TestGuiAccounts::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_kamailio.setProgram(QStringLiteral(PARLO_PYTHON));
    m_kamailio.setArguments({ QStringLiteral(PARLO_KAMAILIO_SERVER),
                              QStringLiteral("alice:") + alicePassword,
                              QStringLiteral("bob:") + bobPassword });
    m_kamailio.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_kamailio.start();
    QVERIFY2(m_kamailio.waitForStarted(10000), qPrintable(m_kamailio.errorString()));
    QVERIFY(QTest::qWaitFor([&] { return m_kamailio.canReadLine(); }, 30000));
    const QJsonObject ready = QJsonDocument::fromJson(m_kamailio.readLine()).object();
    QVERIFY2(ready.contains(QStringLiteral("udp_port")),
             qPrintable(QJsonDocument(ready).toJson(QJsonDocument::Compact)));
    m_port = ready.value(QStringLiteral("udp_port")).toInt();
    m_proxy = QStringLiteral("sip:127.0.0.1:%1").arg(m_port);

    m_session = std::make_unique<App::AppSession>(options());
    m_window = std::make_unique<Gui::MainWindow>(*m_session);
    m_window->show();
}

void TestGuiAccounts::cleanupTestCase()
{
    m_window.reset();
    if (m_session) {
        QSignalSpy done(m_session.get(), &App::AppSession::shutdownComplete);
        m_session->shutdown();
        done.wait(5000);
        m_session.reset();
    }
    if (m_kamailio.state() != QProcess::NotRunning) {
        m_kamailio.write("quit\n");
        m_kamailio.closeWriteChannel();
        if (!m_kamailio.waitForFinished(20000)) {
            m_kamailio.kill();
            m_kamailio.waitForFinished(5000);
        }
    }
}

void TestGuiAccounts::addThroughDialog(const QString &user, const QString &password)
{
    Gui::SettingsDialog settings(*m_session);
    Gui::AccountsPage *page = settings.accountsPage();
    QVERIFY(page);
    Gui::AccountDialog *dialog = page->editorFor(true);
    QVERIFY(dialog);
    auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("accountButtons"));
    // Nothing typed yet: OK stays disabled.
    QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->findChild<QLineEdit *>(QStringLiteral("accountAor"))
            ->setText(QStringLiteral("sip:%1@127.0.0.1").arg(user));
    dialog->findChild<QLineEdit *>(QStringLiteral("accountDisplayName"))->setText(user.toUpper());
    dialog->findChild<QLineEdit *>(QStringLiteral("accountPassword"))->setText(password);
    dialog->findChild<QLineEdit *>(QStringLiteral("accountProxy"))->setText(m_proxy);
    auto *srtp = dialog->findChild<QComboBox *>(QStringLiteral("accountSrtp"));
    srtp->setCurrentIndex(srtp->findData(QStringLiteral("optional")));
    QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("accountRegister"))->isChecked());
    QSignalSpy saved(m_session.get(), &App::AppSession::accountSaved);
    QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QVERIFY(saved.wait(10000));
    QCOMPARE(saved.first().first().toString(), QString());
}

QString TestGuiAccounts::idOf(const QString &aor) const
{
    for (const App::AccountSettings &account : m_session->accounts()) {
        if (account.aor == aor)
            return account.id;
    }
    return {};
}

App::RegistrationInfo TestGuiAccounts::stateOf(const QString &aor) const
{
    for (const App::RegistrationInfo &info : m_session->registrations()) {
        if (info.aor == aor)
            return info;
    }
    return {};
}

void TestGuiAccounts::accountsFromSettings()
{
    addThroughDialog(QStringLiteral("alice"), alicePassword);
    addThroughDialog(QStringLiteral("bob"), bobPassword);
    App::AccountSettings carol;
    carol.aor = QStringLiteral("sip:carol@127.0.0.1");
    carol.proxy = m_proxy;
    QSignalSpy saved(m_session.get(), &App::AppSession::accountSaved);
    m_session->addAccount(carol, QStringLiteral("carol-Secret-3"));
    QVERIFY(saved.wait(10000));

    const QList<App::AccountSettings> accounts = m_session->accounts();
    QCOMPARE(accounts.size(), 3);
    QCOMPARE(accounts.at(0).aor, QStringLiteral("sip:alice@127.0.0.1"));
    QCOMPARE(accounts.at(0).srtp, QStringLiteral("optional"));
    QCOMPARE(accounts.at(0).displayName, QStringLiteral("ALICE"));
    QCOMPARE(accounts.at(1).aor, QStringLiteral("sip:bob@127.0.0.1"));
    QCOMPARE(m_session->defaultAccountId(), accounts.at(0).id); // the first added
    QVERIFY(accounts.at(0).id != accounts.at(1).id);

    // The settings file has the accounts, never a password.
    QFile file(options().settingsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains("sip:alice@127.0.0.1"));
    QVERIFY(contents.contains("sip:bob@127.0.0.1"));
    QVERIFY(contents.contains("sip:carol@127.0.0.1"));
    QVERIFY(!contents.contains(alicePassword.toUtf8()));
    QVERIFY(!contents.contains(bobPassword.toUtf8()));
    QVERIFY(!contents.contains("Secret"));
    // ... they are in the secret store, per account.
    QSignalSpy loaded(m_session.get(), &App::AppSession::accountPasswordLoaded);
    m_session->loadPassword(accounts.at(1).id);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.first().at(0).toString(), accounts.at(1).id);
    QCOMPARE(loaded.first().at(1).toString(), bobPassword);
}

void TestGuiAccounts::registrationPerAccount()
{
    m_session->start();
    const QString alice = QStringLiteral("sip:alice@127.0.0.1");
    const QString bob = QStringLiteral("sip:bob@127.0.0.1");
    const QString carol = QStringLiteral("sip:carol@127.0.0.1");
    using State = App::RegistrationInfo::State;
    QVERIFY(QTest::qWaitFor(
            [&] {
                return stateOf(alice).state == State::Registered
                        && stateOf(bob).state == State::Registered
                        && stateOf(carol).state == State::Failed;
            },
            20000));
    QVERIFY(!stateOf(carol).error.isEmpty());
    qInfo("carol: %s", qPrintable(stateOf(carol).error));

    // The main window: one line per account, carol's with the reason.
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("registrationLabel"));
    QVERIFY(label);
    const QStringList lines = label->text().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), alice + QStringLiteral(": Registered"));
    QCOMPARE(lines.at(1), bob + QStringLiteral(": Registered"));
    QVERIFY2(lines.at(2).startsWith(carol + QStringLiteral(": Registration failed: ")),
             qPrintable(lines.at(2)));
    QVERIFY(lines.at(2).contains(stateOf(carol).error));

    // The settings' account list shows the same.
    Gui::SettingsDialog settings(*m_session);
    QListWidget *list = settings.accountsPage()->list();
    QCOMPARE(list->count(), 3);
    QVERIFY2(list->item(0)->text().contains(QStringLiteral("(default)")),
             qPrintable(list->item(0)->text()));
    QVERIFY(list->item(0)->text().endsWith(QStringLiteral("Registered")));
    QVERIFY(list->item(1)->text().endsWith(QStringLiteral("Registered")));
    QVERIFY(list->item(2)->text().contains(QStringLiteral("Registration failed")));
}

void TestGuiAccounts::messagesFromDefaultAccount()
{
    const QString alice = QStringLiteral("sip:alice@127.0.0.1");
    const QString bob = QStringLiteral("sip:bob@127.0.0.1");
    QSignalSpy incoming(m_session.get(), &App::AppSession::incomingMessage);
    QSignalSpy opened(m_session.get(), &App::AppSession::conversationOpened);

    // bob is the default: chosen on the accounts page.
    {
        Gui::SettingsDialog settings(*m_session);
        QListWidget *list = settings.accountsPage()->list();
        list->setCurrentRow(1);
        auto *makeDefault = settings.findChild<QPushButton *>(QStringLiteral("accountDefault"));
        QVERIFY(makeDefault->isEnabled());
        makeDefault->click();
        QCOMPARE(m_session->defaultAccountId(), idOf(bob));
        QVERIFY(list->item(1)->text().contains(QStringLiteral("(default)")));
    }
    m_session->openConversation(alice);
    QVERIFY(opened.wait(10000));
    m_session->sendMessage(QStringLiteral("from bob to alice"));
    QVERIFY(QTest::qWaitFor([&] { return !incoming.isEmpty(); }, 15000));
    QCOMPARE(incoming.first().at(0).toString(), bob); // alice got it from bob
    QCOMPARE(incoming.first().at(1).toString(), QStringLiteral("from bob to alice"));

    incoming.clear();
    // The main window's account selector shows the default and changes it.
    auto *selector = m_window->findChild<QComboBox *>(QStringLiteral("accountSelector"));
    QVERIFY(selector);
    QVERIFY(selector->isVisibleTo(m_window.get()));
    QCOMPARE(selector->count(), 3);
    QCOMPARE(selector->currentData().toString(), idOf(bob));
    const int aliceRow = selector->findData(idOf(alice));
    selector->setCurrentIndex(aliceRow);
    emit selector->activated(aliceRow);
    QCOMPARE(m_session->defaultAccountId(), idOf(alice));
    m_session->openConversation(bob);
    QVERIFY(opened.wait(10000));
    m_session->sendMessage(QStringLiteral("from alice to bob"));
    QVERIFY(QTest::qWaitFor([&] { return !incoming.isEmpty(); }, 15000));
    QCOMPARE(incoming.first().at(0).toString(), alice);
    QCOMPARE(incoming.first().at(1).toString(), QStringLiteral("from alice to bob"));
}

void TestGuiAccounts::callFromChosenAccount()
{
    const QString alice = QStringLiteral("sip:alice@127.0.0.1");
    const QString bob = QStringLiteral("sip:bob@127.0.0.1");
    QCOMPARE(m_session->defaultAccountId(), idOf(alice));
    QSignalSpy ringing(&m_session->calls(), &App::CallController::incomingCall);
    // alice is the default, but this call goes from bob.
    const QString id = m_session->call(alice, idOf(bob));
    QVERIFY(!id.isEmpty());
    QVERIFY(ringing.wait(15000));
    const auto call = ringing.first().first().value<App::CallInfo>();
    QCOMPARE(call.peerUri, bob);
    m_session->calls().hangupAll();
}

void TestGuiAccounts::removeAccount()
{
    const QString carol = QStringLiteral("sip:carol@127.0.0.1");
    m_session->removeAccount(idOf(carol));
    QCOMPARE(m_session->accounts().size(), 2);
    QCOMPARE(m_session->registrations().size(), 2);
    auto *label = m_window->findChild<QLabel *>(QStringLiteral("registrationLabel"));
    QVERIFY(QTest::qWaitFor([&] { return !label->text().contains(carol); }, 5000));
    QCOMPARE(label->text().split(QLatin1Char('\n')).size(), 2);
    QCOMPARE(m_window->findChild<QComboBox *>(QStringLiteral("accountSelector"))->count(), 2);
    m_session->setDefaultAccount(idOf(QStringLiteral("sip:bob@127.0.0.1")));

    QFile file(options().settingsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("sip:carol@127.0.0.1"));

    // Another session on the same settings reads the two accounts back.
    App::AppSessionOptions again = options();
    again.databasePath = m_dir.filePath(QStringLiteral("again.sqlite"));
    App::AppSession session(again);
    QCOMPARE(session.accounts().size(), 2);
    QCOMPARE(session.accounts().at(0).aor, QStringLiteral("sip:alice@127.0.0.1"));
    QCOMPARE(session.account().aor, QStringLiteral("sip:bob@127.0.0.1")); // the default
    QCOMPARE(session.accounts().at(0).proxy, m_proxy);
}

QTEST_MAIN(TestGuiAccounts)

#include "tst_gui_accounts.moc"
