// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The GUI driving the real app layer against a parlo-cli peer on loopback: a call from
// the contact list, chat both ways, the peer's presence on the contact's dot, incoming
// calls accepted and declined, and the settings round trip (password not in the file).

#include "AccountDialog.h"
#include "AccountsPage.h"
#include "CallWindow.h"
#include "ChatPage.h"
#include "CliPeer.h"
#include "ComposerEdit.h"
#include "ContactsPage.h"
#include "DialLineEdit.h"
#include "LevelMeter.h"
#include "MainWindow.h"
#include "MessageDelegate.h"
#include "MessageView.h"
#include "SettingsDialog.h"
#include "calls/AudioTestController.h"
#include "calls/CallController.h"
#include "core/AppSession.h"
#include "models/CallHistoryModel.h"
#include "models/ContactFilterModel.h"
#include "models/ContactListModel.h"
#include "models/ConversationListModel.h"
#include "models/MessageListModel.h"
#include "secrets/SecretStore.h"
#include "storage/StorageThread.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace std::chrono_literals;

class TestGuiSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void clickContactCallsAndRecordsHistory();
    void chatBothWays();
    void peerPresenceChangesTheDot();
    void strangerAsksToSeeOurStatus();
    void chatHistoryLoadsWhenScrollingUp();
    void failedMessageShowsReasonAndResends();
    void incomingCallAccept();
    void incomingCallDecline();
    void audioSettingsChecks();
    void settingsRoundTrip();

private:
    App::AppSessionOptions sessionOptions(const QString &name) const;
    QModelIndex contactIndex(const QString &uri) const;
    bool ensureContact();
    QPushButton *callButton(const char *name) const;
    QString peerCallsUs(); // the peer's call id
    QJsonObject peerCallState(const QString &call, const QString &state);
    QString ourUri() const { return m_session->localContactUri(); }

    QTemporaryDir m_dir;
    std::unique_ptr<CliPeer> m_peer;
    std::unique_ptr<App::AppSession> m_session;
    std::unique_ptr<Gui::MainWindow> m_window;
};

App::AppSessionOptions TestGuiSession::sessionOptions(const QString &name) const
{
    App::AppSessionOptions options;
    options.settingsFile = m_dir.filePath(name + QStringLiteral(".ini"));
    options.databasePath = m_dir.filePath(name + QStringLiteral(".sqlite"));
    options.dataDirectory = m_dir.filePath(name);
    options.secretBackend = QStringLiteral("file");
    options.listen = { QStringLiteral("udp:127.0.0.1:0") };
    options.t1Milliseconds = 100;
    return options;
}

void TestGuiSession::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_peer = std::make_unique<CliPeer>();
    // The peer talks (a tone at a quarter of full scale: -15 dBFS RMS), so the call window's
    // speaker meter has something to show.
    QVERIFY2(m_peer->start({ QStringLiteral("--audio-in"), QStringLiteral("tone:440") }),
             qPrintable(m_peer->error()));

    m_session = std::make_unique<App::AppSession>(sessionOptions(QStringLiteral("gui")));
    m_session->calls().setEndedLinger(200);
    QSignalSpy started(m_session.get(), &App::AppSession::started);
    m_window = std::make_unique<Gui::MainWindow>(*m_session);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_session->start();
    QVERIFY(started.wait(10000));
    QVERIFY(!ourUri().isEmpty());
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("identityLabel"))
                    ->text()
                    .contains(ourUri()));
}

void TestGuiSession::cleanupTestCase()
{
    m_window.reset();
    if (m_session) {
        QSignalSpy done(m_session.get(), &App::AppSession::shutdownComplete);
        m_session->shutdown();
        done.wait(5000);
    }
    m_session.reset();
    m_peer.reset();
}

QModelIndex TestGuiSession::contactIndex(const QString &uri) const
{
    App::ContactFilterModel &filter = m_session->contactFilter();
    for (int row = 0; row < filter.rowCount(); ++row) {
        const QModelIndex index = filter.index(row, 0);
        if (index.data(App::ContactListModel::SipUriRole).toString() == uri)
            return index;
    }
    return {};
}

bool TestGuiSession::ensureContact()
{
    if (contactIndex(m_peer->uri()).isValid())
        return true;
    App::Contact bob;
    bob.displayName = QStringLiteral("Bob Peer");
    bob.sipUri = m_peer->uri();
    m_session->contacts().addContact(bob);
    return QTest::qWaitFor([&] { return contactIndex(m_peer->uri()).isValid(); }, 5000);
}

QPushButton *TestGuiSession::callButton(const char *name) const
{
    return m_window->callWindow()->findChild<QPushButton *>(QLatin1String(name));
}

void TestGuiSession::clickContactCallsAndRecordsHistory()
{
    QVERIFY(ensureContact());
    QListView *list = m_window->contactsPage()->view();
    const QModelIndex index = contactIndex(m_peer->uri());
    // The list lays its rows out in batches: wait until the row is where it is drawn.
    QVERIFY(QTest::qWaitFor(
            [&] { return list->indexAt(list->visualRect(index).center()) == index; }, 5000));
    const QRect rect = list->visualRect(index);
    // A double click activates the row: the contact is called.
    // QTest's double click is press + double-click without the first release: send the
    // first click whole, as a real mouse does.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(m_session->calls().calls().size(), 1);

    const QJsonObject incoming = m_peer->waitFor(QStringLiteral("incoming_call"));
    QVERIFY2(!incoming.isEmpty(), qPrintable(m_peer->error()));
    const QString peerCall = incoming.value(QStringLiteral("call")).toString();
    QVERIFY(m_window->callWindow()->isVisible());
    m_peer->send(QStringLiteral("answer %1").arg(peerCall));
    QVERIFY(QTest::qWaitFor(
            [&] {
                const auto call = m_session->calls().call(m_window->callWindow()->selectedCallId());
                return call && call->state == App::CallInfo::State::Connected;
            },
            10000));
    QVERIFY(m_window->callWindow()->stateLabel()->text().contains(QStringLiteral("Connected")));

    // Mute: the button is there and mutes the call (the media side is checked by
    // tst_call_audio_controls), and unmutes it again.
    const QString callId = m_window->callWindow()->selectedCallId();
    QPushButton *mute = callButton("muteCall");
    QVERIFY(mute && mute->isVisible() && mute->isEnabled());
    QTest::mouseClick(mute, Qt::LeftButton);
    QVERIFY(m_session->calls().call(callId)->muted);
    QVERIFY(mute->isChecked());
    QCOMPARE(mute->accessibleName(), QStringLiteral("Unmute"));
    QTest::mouseClick(mute, Qt::LeftButton);
    QVERIFY(!m_session->calls().call(callId)->muted);

    // Level meters: the peer's tone shows on the speaker meter (~-15 dBFS); our microphone
    // (the null source of a session without sound devices) stays silent.
    Gui::LevelMeter *speaker = m_window->callWindow()->outputMeter();
    Gui::LevelMeter *microphone = m_window->callWindow()->inputMeter();
    QVERIFY(speaker->isVisible() && microphone->isVisible());
    QCOMPARE(speaker->accessibleName(), QStringLiteral("Speaker level"));
    QCOMPARE(microphone->accessibleName(), QStringLiteral("Microphone level"));
    QVERIFY2(QTest::qWaitFor([&] { return std::abs(speaker->rmsDbfs() - -15.05) < 1.5; }, 5000),
             qPrintable(QString::number(speaker->rmsDbfs())));
    QVERIFY(speaker->fill() > 0.6);
    QCOMPARE(microphone->fill(), 0.0);
    // The speaker volume at half: the level drops by 6 dB; then back to full.
    auto *speakerVolume
            = m_window->callWindow()->findChild<QSlider *>(QStringLiteral("speakerVolume"));
    QVERIFY(speakerVolume);
    QCOMPARE(speakerVolume->accessibleName(), QStringLiteral("Speaker volume"));
    speakerVolume->setValue(50);
    QCOMPARE(m_session->calls().outputVolume(), 50);
    QVERIFY2(QTest::qWaitFor([&] { return std::abs(speaker->rmsDbfs() - -21.07) < 1.5; }, 5000),
             qPrintable(QString::number(speaker->rmsDbfs())));
    speakerVolume->setValue(100);

    QPushButton *hangup = callButton("hangupCall");
    QVERIFY(hangup && hangup->isVisible());
    QTest::mouseClick(hangup, Qt::LeftButton);
    QVERIFY2(!peerCallState(peerCall, QStringLiteral("terminated")).isEmpty(),
             qPrintable(m_peer->error()));

    // The history shows the answered outgoing call to Bob.
    App::CallHistoryModel &history = m_session->history();
    QVERIFY(QTest::qWaitFor(
            [&] {
                for (int row = 0; row < history.rowCount(); ++row) {
                    const App::CallRecord record = history.recordAt(row);
                    if (record.peerUri == m_peer->uri()
                        && record.direction == App::CallDirection::Outgoing && record.answerMs > 0
                        && record.endMs > 0)
                        return true;
                }
                return false;
            },
            10000));
}

void TestGuiSession::chatBothWays()
{
    // Ctrl+Enter in the search field opens a chat with what was typed.
    Gui::DialLineEdit *search = m_window->searchField();
    search->setText(m_peer->uri());
    search->setFocus();
    QTest::keyClick(search, Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(QTest::qWaitFor([&] { return m_session->messages().peerUri() == m_peer->uri(); },
                            5000));

    Gui::ComposerEdit *composer = m_window->chatPage()->composer();
    QVERIFY(composer->isEnabled());
    composer->setFocus();
    const QString text = QStringLiteral("Hello Bob — 你好");
    // Key events carry Latin-1 only; the rest arrives as an input method would put it.
    QTest::keyClicks(composer, QStringLiteral("Hello Bob"));
    composer->insertPlainText(QStringLiteral(" — 你好"));
    QTest::keyClick(composer, Qt::Key_Return);
    QVERIFY(composer->toPlainText().isEmpty());
    const QJsonObject received
            = m_peer->waitFor(QStringLiteral("message"), 10000, [&](const QJsonObject &e) {
                  return e.value(QStringLiteral("body")).toString() == text;
              });
    QVERIFY2(!received.isEmpty(), qPrintable(m_peer->error()));
    App::MessageListModel &messages = m_session->messages();
    QVERIFY(QTest::qWaitFor(
            [&] {
                const int row = messages.rowCount() - 1;
                return row >= 0 && messages.messageAt(row).state == App::MessageState::Sent
                        && messages.messageAt(row).body == text;
            },
            10000));

    // The peer answers to the address the message came from.
    const QString from = received.value(QStringLiteral("from")).toString();
    QVERIFY(!from.isEmpty());
    m_peer->send(QStringLiteral("msg %1 Hi there, 再见").arg(ourUri()));
    QVERIFY(QTest::qWaitFor(
            [&] {
                for (int row = 0; row < messages.rowCount(); ++row) {
                    if (messages.messageAt(row).body == QStringLiteral("Hi there, 再见")
                        && messages.messageAt(row).direction == App::MessageDirection::Incoming)
                        return true;
                }
                return false;
            },
            10000));
    QCOMPARE(m_session->conversations().rowForPeer(m_peer->uri()) >= 0, true);

    // The peer types: the chat pane says so, and stops saying it when the peer stops.
    QLabel *typing = m_window->chatPage()->typingLabel();
    m_peer->send(QStringLiteral("typing %1").arg(ourUri()));
    QVERIFY(QTest::qWaitFor([&] { return typing->text().contains(QStringLiteral("typing")); },
                            10000));
    m_peer->send(QStringLiteral("typing %1 idle").arg(ourUri()));
    QVERIFY(QTest::qWaitFor([&] { return typing->text().isEmpty(); }, 10000));
}

void TestGuiSession::peerPresenceChangesTheDot()
{
    QVERIFY(ensureContact());
    // The peer lets us watch it, then goes away with a note.
    const QJsonObject request = m_peer->waitFor(QStringLiteral("watcher_request"), 10000);
    if (!request.isEmpty())
        m_peer->send(
                QStringLiteral("allow %1").arg(request.value(QStringLiteral("uri")).toString()));
    m_peer->send(QStringLiteral("publish away Back at three"));
    QVERIFY(QTest::qWaitFor(
            [&] {
                const QModelIndex index = contactIndex(m_peer->uri());
                return index.data(App::ContactListModel::PresenceRole).toString()
                        == QLatin1String("away")
                        && index.data(App::ContactListModel::PresenceNoteRole).toString()
                        == QLatin1String("Back at three");
            },
            15000));
    m_peer->send(QStringLiteral("publish busy"));
    QVERIFY(QTest::qWaitFor(
            [&] {
                return contactIndex(m_peer->uri())
                               .data(App::ContactListModel::PresenceRole)
                               .toString()
                        == QLatin1String("busy");
            },
            10000));
}

QString TestGuiSession::peerCallsUs()
{
    m_peer->send(QStringLiteral("call %1").arg(ourUri()));
    return m_peer->waitFor(QStringLiteral("call_started")).value(QStringLiteral("call")).toString();
}

QJsonObject TestGuiSession::peerCallState(const QString &call, const QString &state)
{
    return m_peer->waitFor(QStringLiteral("call_state"), 10000, [&](const QJsonObject &e) {
        return e.value(QStringLiteral("call")).toString() == call
                && e.value(QStringLiteral("state")).toString() == state;
    });
}

void TestGuiSession::strangerAsksToSeeOurStatus()
{
    // Someone who is not a contact subscribes to our presence: the window asks. (Watchers
    // are told apart by user@host, and serverless parlo-cli is always "parlo": the
    // stranger lives on another loopback address.)
    CliPeer stranger;
    QVERIFY2(stranger.start({}, QStringLiteral("127.0.0.2")), qPrintable(stranger.error()));
    m_session->setOwnPresence(QStringLiteral("busy"), QStringLiteral("In a meeting"));
    stranger.send(QStringLiteral("subscribe %1").arg(ourUri()));
    QMessageBox *prompt = nullptr;
    QVERIFY(QTest::qWaitFor(
            [&] {
                prompt = m_window->findChild<QMessageBox *>(QStringLiteral("watcherRequest"));
                return prompt && prompt->isVisible();
            },
            10000));
    QVERIFY(prompt->text().contains(stranger.uri()));
    QVERIFY(prompt->text().contains(QStringLiteral("wants to see your status")));
    QAbstractButton *allow = nullptr;
    for (QAbstractButton *button : prompt->buttons()) {
        if (button->text() == QLatin1String("Allow"))
            allow = button;
    }
    QVERIFY(allow);
    QTest::mouseClick(allow, Qt::LeftButton);
    // Allowed: the stranger now sees our status and note.
    const QJsonObject presence
            = stranger.waitFor(QStringLiteral("presence"), 10000, [](const QJsonObject &e) {
                  return e.value(QStringLiteral("activity")).toString() == QLatin1String("busy");
              });
    QVERIFY2(!presence.isEmpty(), qPrintable(stranger.error()));
    QCOMPARE(presence.value(QStringLiteral("note")).toString(), QStringLiteral("In a meeting"));
    m_session->setOwnPresence(QStringLiteral("available"), QString());
}

void TestGuiSession::chatHistoryLoadsWhenScrollingUp()
{
    // 120 stored messages: the chat opens with the newest page, older pages come as the
    // view is scrolled to the top.
    const QString peer = QStringLiteral("sip:history@example.invalid");
    bool stored = false;
    m_session->storage().run(
            this,
            [peer](App::StorageContext &s) {
                for (int i = 0; i < 120; ++i) {
                    App::StoredMessage message;
                    message.peerUri = peer;
                    message.body = QStringLiteral("old message %1").arg(i);
                    message.callId = QStringLiteral("history-%1").arg(i);
                    message.cseq = 1;
                    message.receivedMs = 1700000000000 + i * 1000;
                    if (!s.messages().addIncoming(message).isNew())
                        return false;
                }
                return true;
            },
            [&](bool ok) { stored = ok; });
    QVERIFY(QTest::qWaitFor([&] { return stored; }, 10000));
    m_session->conversations().reload();
    m_session->openConversation(peer);
    App::MessageListModel &messages = m_session->messages();
    QVERIFY(QTest::qWaitFor([&] { return messages.peerUri() == peer && messages.rowCount() == 50; },
                            5000));
    QCOMPARE(messages.messageAt(49).body, QStringLiteral("old message 119"));
    QVERIFY(messages.canFetchMore({}));

    QListView *view = m_window->chatPage()->messageView();
    for (int page = 0; page < 5 && messages.rowCount() < 120; ++page) {
        const int before = messages.rowCount();
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->minimum() + 1);
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->minimum());
        QVERIFY(QTest::qWaitFor([&] { return messages.rowCount() > before; }, 5000));
    }
    QCOMPARE(messages.rowCount(), 120);
    QCOMPARE(messages.messageAt(0).body, QStringLiteral("old message 0"));
    QVERIFY(!messages.canFetchMore({}));
}

void TestGuiSession::failedMessageShowsReasonAndResends()
{
    // Nobody listens on port 9 (discard): the MESSAGE fails with a transport error or a
    // timeout, the bubble says why, and a double click sends it again.
    const QString nobody = QStringLiteral("sip:nobody@127.0.0.1:9");
    m_session->openConversation(nobody);
    App::MessageListModel &messages = m_session->messages();
    QVERIFY(QTest::qWaitFor([&] { return messages.peerUri() == nobody; }, 5000));
    m_session->sendMessage(QStringLiteral("anyone there?"));
    QVERIFY(QTest::qWaitFor(
            [&] {
                return messages.rowCount() == 1
                        && messages.messageAt(0).state == App::MessageState::Failed;
            },
            30000));
    const QModelIndex index = messages.index(0);
    const QString failure = index.data(App::MessageListModel::FailureRole).toString();
    QVERIFY2(!failure.isEmpty(), "the failure has no reason");
    QVERIFY(Gui::MessageDelegate::statusText(index).contains(failure));

    QListView *view = m_window->chatPage()->messageView();
    m_window->showTab(Gui::MainWindow::Tab::Chat);
    QVERIFY(QTest::qWaitFor([&] { return view->visualRect(index).isValid() && view->isVisible(); },
                            5000));
    const QPoint centre = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, centre);
    // Resent: queued or sending again (and failing again later, which is not waited for).
    QVERIFY(QTest::qWaitFor(
            [&] { return messages.messageAt(0).state != App::MessageState::Failed; }, 5000));
}

void TestGuiSession::incomingCallAccept()
{
    QVERIFY(QTest::qWaitFor([&] { return m_session->calls().calls().isEmpty(); }, 5000));
    const QString call = peerCallsUs();
    QVERIFY2(!call.isEmpty(), qPrintable(m_peer->error()));
    Gui::CallWindow *window = m_window->callWindow();
    QVERIFY(QTest::qWaitFor(
            [&] { return window->isVisible() && callButton("acceptCall")->isVisible(); }, 10000));
    QTest::mouseClick(callButton("acceptCall"), Qt::LeftButton);
    QVERIFY2(!peerCallState(call, QStringLiteral("confirmed")).isEmpty(),
             qPrintable(m_peer->error()));
    QVERIFY(QTest::qWaitFor(
            [&] { return window->stateLabel()->text().contains(QStringLiteral("Connected")); },
            5000));
    m_peer->send(QStringLiteral("hangup %1").arg(call));
    QVERIFY(QTest::qWaitFor([&] { return m_session->calls().activeCount() == 0; }, 10000));
}

void TestGuiSession::incomingCallDecline()
{
    QVERIFY(QTest::qWaitFor([&] { return m_session->calls().calls().isEmpty(); }, 5000));
    const QString call = peerCallsUs();
    QVERIFY2(!call.isEmpty(), qPrintable(m_peer->error()));
    QVERIFY(QTest::qWaitFor([&] { return callButton("declineCall")->isVisible(); }, 10000));
    QTest::mouseClick(callButton("declineCall"), Qt::LeftButton);
    const QJsonObject ended = peerCallState(call, QStringLiteral("terminated"));
    QVERIFY2(!ended.isEmpty(), qPrintable(m_peer->error()));
    QVERIFY2(ended.value(QStringLiteral("code")).toInt() == 603,
             qPrintable(QJsonDocument(ended).toJson(QJsonDocument::Compact)));
    // A declined incoming call counts as missed in the history.
    QVERIFY(QTest::qWaitFor(
            [&] {
                App::CallHistoryModel &history = m_session->history();
                return history.rowCount() > 0 && history.recordAt(0).isMissed();
            },
            10000));
    // The missed-call badge shows on the History tab until the history is seen.
    QTabWidget *tabs = m_window->tabs();
    m_window->showTab(Gui::MainWindow::Tab::Contacts);
    QVERIFY(QTest::qWaitFor([&] { return tabs->tabText(1) == QStringLiteral("History (1)"); },
                            5000));
    m_window->showTab(Gui::MainWindow::Tab::History);
    QVERIFY(QTest::qWaitFor([&] { return tabs->tabText(1) == QStringLiteral("History"); }, 5000));
    QCOMPARE(m_session->history().unseenMissed(), 0);
}

void TestGuiSession::audioSettingsChecks()
{
    // Without sound devices (offscreen) the checks run on the null endpoints: the tone
    // plays to nothing and the meter reads silence, but the whole path runs.
    Gui::SettingsDialog dialog(*m_session);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    App::AudioTestController &test = m_session->audioTest();
    QTabWidget *tabs = dialog.tabs();
    int audioTab = -1;
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == QStringLiteral("Audio"))
            audioTab = i;
    }
    QVERIFY(audioTab >= 0);
    tabs->setCurrentIndex(audioTab == 0 ? 1 : 0);
    QVERIFY(!test.isMeterRunning()); // only while the audio page shows
    QSignalSpy levels(&test, &App::AudioTestController::microphoneLevel);
    tabs->setCurrentIndex(audioTab);
    QVERIFY(test.isMeterRunning());
    QVERIFY(levels.wait(5000));
    QCOMPARE(levels.last().at(0).toDouble(), -100.0);
    Gui::LevelMeter *meter = dialog.microphoneMeter();
    QCOMPARE(meter->accessibleName(), QStringLiteral("Microphone level"));
    QCOMPARE(meter->fill(), 0.0);

    auto *testTone = dialog.findChild<QPushButton *>(QStringLiteral("testTone"));
    QVERIFY(testTone);
    QCOMPARE(testTone->accessibleName(), QStringLiteral("Play test tone"));
    QTest::mouseClick(testTone, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return testTone->text() == QStringLiteral("Stop test tone"); },
                            5000));
    // It stops by itself.
    QVERIFY(QTest::qWaitFor([&] { return testTone->text() == QStringLiteral("Play test tone"); },
                            App::AudioTestController::TestToneMs + 5000));

    tabs->setCurrentIndex(audioTab == 0 ? 1 : 0);
    QVERIFY(!test.isMeterRunning());
    tabs->setCurrentIndex(audioTab);
    QVERIFY(test.isMeterRunning());
    dialog.reject();
    QVERIFY(!test.isMeterRunning());
}

void TestGuiSession::settingsRoundTrip()
{
    const QString password = QStringLiteral("s3cret-Pässword");
    const App::AppSessionOptions options = sessionOptions(QStringLiteral("settings"));
    {
        App::AppSession session(options);
        Gui::SettingsDialog dialog(session);
        // Settings > Accounts > Add: the account dialog.
        Gui::AccountDialog *account = dialog.accountsPage()->editorFor(true);
        QVERIFY(account);
        account->findChild<QLineEdit *>(QStringLiteral("accountAor"))
                ->setText(QStringLiteral("sip:alice@example.invalid"));
        account->findChild<QLineEdit *>(QStringLiteral("accountDisplayName"))
                ->setText(QStringLiteral("Alice"));
        account->findChild<QLineEdit *>(QStringLiteral("accountPassword"))->setText(password);
        account->findChild<QCheckBox *>(QStringLiteral("accountRegister"))->setChecked(false);
        QSignalSpy saved(&session, &App::AppSession::accountSaved);
        auto *accountButtons
                = account->findChild<QDialogButtonBox *>(QStringLiteral("accountButtons"));
        QVERIFY(accountButtons->button(QDialogButtonBox::Ok)->isEnabled());
        QTest::mouseClick(accountButtons->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(saved.wait(10000));
        QCOMPARE(saved.first().first().toString(), QString());
        QCOMPARE(dialog.accountsPage()->list()->count(), 1);
        dialog.findChild<QCheckBox *>(QStringLiteral("startMinimised"))->setChecked(true);
        auto *buttons = dialog.findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"));
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }
    // The settings file has the account but never the password.
    QFile file(options.settingsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains("sip:alice@example.invalid"));
    QVERIFY(!contents.contains(password.toUtf8()));
    QVERIFY(!contents.contains("s3cret"));

    // A new session reads it all back; the password comes from the secret store.
    App::AppSession session(options);
    QCOMPARE(session.account().aor, QStringLiteral("sip:alice@example.invalid"));
    QCOMPARE(session.account().displayName, QStringLiteral("Alice"));
    QCOMPARE(session.account().registerEnabled, false);
    QCOMPARE(session.preferences().startMinimised, true);
    QSignalSpy loaded(&session, &App::AppSession::passwordLoaded);
    Gui::SettingsDialog dialog(session);
    dialog.accountsPage()->list()->setCurrentRow(0);
    Gui::AccountDialog *account = dialog.accountsPage()->editorFor(false);
    QVERIFY(account);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.first().first().toString(), password);
    QCOMPARE(account->findChild<QLineEdit *>(QStringLiteral("accountPassword"))->text(), password);
}

QTEST_MAIN(TestGuiSession)

#include "tst_gui_session.moc"
