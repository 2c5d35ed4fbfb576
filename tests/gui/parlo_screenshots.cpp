// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Takes the screenshots of docs/screenshots: the real main window, call window and
// settings on a fresh profile filled with demo data, a parlo-cli peer on loopback making
// the call. Run by take_screenshots.sh under Xvfb.
//
//   parlo-screenshots OUTPUT_DIR [LANGUAGE]

#include "CallWindow.h"
#include "CliPeer.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "Translations.h"
#include "calls/CallController.h"
#include "core/AppSession.h"
#include "models/ContactListModel.h"
#include "storage/StorageContext.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

namespace {

struct DemoContact
{
    const char *name;
    const char *uri;
    const char *group;
    bool favourite;
    const char *presence;
    const char *note;
};

const DemoContact demoContacts[] = {
    { "Alice Martin", "sip:alice@example.com", "Team", true, "available", "In the office" },
    { "Bruno Keller", "sip:bruno@example.com", "Team", false, "busy", "Workshop until 4" },
    { "陈静 (Chen Jing)", "sip:chen.jing@example.cn", "Partners", true, "away", "午饭" },
    { "Dana Whitfield", "sip:dana@example.org", "Family", false, "dnd", "" },
    { "Emeka Obi", "sip:emeka@example.net", "Partners", false, "offline", "" },
    { "Front desk", "sip:100@pbx.example.com", "", false, "available", "" },
    { "Grace Ho", "sip:grace@example.com", "Team", false, "available", "Reviewing the release" },
};

void seed(const QString &databasePath, qint64 nowMs)
{
    App::StorageContext storage(databasePath);
    if (!storage.database().open())
        return;
    for (const DemoContact &demo : demoContacts) {
        App::Contact contact;
        contact.displayName = QString::fromUtf8(demo.name);
        contact.sipUri = QString::fromUtf8(demo.uri);
        contact.group = QString::fromUtf8(demo.group);
        contact.favourite = demo.favourite;
        storage.contacts().add(contact);
    }
    const auto addCall = [&](App::CallDirection direction, const char *uri, const char *name,
                             qint64 agoMinutes, int talkSeconds, int code, const char *reason) {
        App::CallRecord record;
        record.direction = direction;
        record.peerUri = QString::fromUtf8(uri);
        record.peerName = QString::fromUtf8(name);
        record.startMs = nowMs - agoMinutes * 60000;
        const auto id = storage.calls().add(record);
        if (!id)
            return;
        if (talkSeconds > 0)
            storage.calls().markAnswered(*id, record.startMs + 4000);
        storage.calls().markEnded(*id, code, QString::fromUtf8(reason),
                                  record.startMs + 4000 + talkSeconds * 1000);
    };
    addCall(App::CallDirection::Incoming, "sip:alice@example.com", "Alice Martin", 12, 0, 487,
            "Cancelled by caller");
    addCall(App::CallDirection::Outgoing, "sip:bruno@example.com", "Bruno Keller", 45, 754, 200,
            "");
    addCall(App::CallDirection::Incoming, "sip:chen.jing@example.cn", "陈静 (Chen Jing)", 130, 1987,
            200, "");
    addCall(App::CallDirection::Outgoing, "sip:dana@example.org", "Dana Whitfield", 300, 0, 486,
            "Busy Here");
    addCall(App::CallDirection::Incoming, "sip:+4420794600@example.com", "", 1500, 63, 200, "");

    const QString chen = QStringLiteral("sip:chen.jing@example.cn");
    const auto incoming
            = [&](const QString &peer, const QString &body, qint64 agoMinutes, quint32 cseq) {
                  App::StoredMessage message;
                  message.peerUri = peer;
                  message.body = body;
                  message.callId = QStringLiteral("demo-%1").arg(cseq);
                  message.cseq = cseq;
                  message.receivedMs = nowMs - agoMinutes * 60000;
                  storage.messages().addIncoming(message);
              };
    const auto outgoing = [&](const QString &peer, const QString &body, qint64 agoMinutes,
                              bool fail) {
        const auto id = storage.messages().addOutgoing(peer, body, QStringLiteral("text/plain"),
                                                       nowMs - agoMinutes * 60000);
        if (!id)
            return;
        if (fail)
            storage.messages().markFailed(*id, 480, QStringLiteral("Temporarily Unavailable"));
        else
            storage.messages().markSent(*id, nowMs - agoMinutes * 60000 + 300);
    };
    incoming(chen, QStringLiteral("下午好！Are we still on for the demo at three?"), 40, 1);
    outgoing(chen, QStringLiteral("Yes — I'll call you at 15:00 sharp."), 38, false);
    incoming(chen, QStringLiteral("太好了！I'll bring the new headsets."), 37, 2);
    outgoing(chen, QStringLiteral("Perfect. The build with the new jitter buffer is ready too."), 5,
             false);
    incoming(QStringLiteral("sip:alice@example.com"),
             QStringLiteral("Can you look at the release notes?"), 20, 3);
    outgoing(QStringLiteral("sip:dana@example.org"), QStringLiteral("Running late, see you at 7"),
             90, true);
}

bool save(QWidget *widget, const QString &path)
{
    QApplication::processEvents();
    const bool ok = widget->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Parlo"));
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() < 2) {
        std::fprintf(stderr, "usage: parlo-screenshots OUTPUT_DIR [LANGUAGE]\n");
        return 2;
    }
    const QDir output(arguments.at(1));
    const QString language = arguments.value(2, QStringLiteral("en"));
    const QString suffix
            = language == QLatin1String("en") ? QString() : QLatin1Char('-') + language;
    Gui::Translations::install(language);
    QTemporaryDir profile;
    App::AppSessionOptions options;
    options.settingsFile = profile.filePath(QStringLiteral("parlo.ini"));
    options.databasePath = profile.filePath(QStringLiteral("parlo.sqlite"));
    options.dataDirectory = profile.path();
    options.secretBackend = QStringLiteral("file");
    options.listen = { QStringLiteral("udp:127.0.0.1:0") };
    seed(options.databasePath, QDateTime::currentMSecsSinceEpoch());

    App::AppSession session(options);
    Gui::MainWindow window(session);
    window.resize(460, 660);
    window.show();
    session.start();
    if (!QTest::qWaitFor([&] { return session.isStarted() && !session.listening().isEmpty(); },
                         10000)
        || !QTest::qWaitFor([&] { return session.contacts().rowCount() > 0; }, 5000)) {
        std::fprintf(stderr, "the session did not start\n");
        return 1;
    }
    session.setOwnPresence(QStringLiteral("available"), QStringLiteral("Working from home"));
    // The demo addresses do not exist: their subscriptions fail (and show offline) first,
    // then the demo presence is painted over them.
    QTest::qWait(1500);
    for (const DemoContact &demo : demoContacts)
        session.contacts().setPresenceKey(QString::fromUtf8(demo.uri), QLatin1String(demo.presence),
                                          QString::fromUtf8(demo.note));
    bool ok = true;
    window.showTab(Gui::MainWindow::Tab::Contacts);
    ok &= save(&window, output.filePath(QStringLiteral("contacts%1.png").arg(suffix)));
    window.showTab(Gui::MainWindow::Tab::History);
    QTest::qWait(300);
    ok &= save(&window, output.filePath(QStringLiteral("history%1.png").arg(suffix)));
    session.openConversation(QStringLiteral("sip:chen.jing@example.cn"));
    QTest::qWait(600);
    window.resize(760, 660);
    QTest::qWait(300);
    ok &= save(&window, output.filePath(QStringLiteral("chat%1.png").arg(suffix)));
    window.resize(460, 660);
    window.showTab(Gui::MainWindow::Tab::DialPad);
    ok &= save(&window, output.filePath(QStringLiteral("dialpad%1.png").arg(suffix)));

    {
        Gui::SettingsDialog settings(session, &window);
        settings.show();
        QTest::qWait(300);
        ok &= save(&settings, output.filePath(QStringLiteral("settings%1.png").arg(suffix)));
    }

    // A real call from a parlo-cli peer: incoming, then connected.
    CliPeer peer;
    if (!peer.start({ QStringLiteral("--audio-in"), QStringLiteral("tone:440") })) {
        std::fprintf(stderr, "%s\n", qPrintable(peer.error()));
        return 1;
    }
    peer.send(QStringLiteral("call %1").arg(session.localContactUri()));
    Gui::CallWindow *callWindow = window.callWindow();
    if (!QTest::qWaitFor([&] { return callWindow->isVisible(); }, 10000)) {
        std::fprintf(stderr, "no incoming call\n");
        return 1;
    }
    QTest::qWait(300);
    ok &= save(callWindow, output.filePath(QStringLiteral("call-incoming%1.png").arg(suffix)));
    session.calls().answer(callWindow->selectedCallId());
    QTest::qWait(4500); // the timer and the first statistics
    ok &= save(callWindow, output.filePath(QStringLiteral("call%1.png").arg(suffix)));
    session.calls().hangupAll();
    QTest::qWait(500);
    return ok ? 0 : 1;
}
