// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// bench_gui: the GUI benchmarks of docs/performance.md ("GUI"), on the real MainWindow over
// a real AppSession (storage thread, SIP engine), under Xvfb or the offscreen platform.
//
//   bench_gui seed --contacts N [--database FILE] [--messages M]
//       Fills a database (default: the app's default path, i.e. the fresh profile the
//       caller set up through HOME/XDG_*) with N contacts through ContactStore and, with
//       --messages, one conversation of M messages. Used by tests/bench/gui/run_gui_bench.py
//       before it starts parlo for the start-up and memory figures.
//   bench_gui scroll [--contacts 10000] [--messages 100000]
//       Scrolls the contact list top to bottom, then the chat (loading every older page the
//       way a user does, from the newest message up to the oldest) and back down to the
//       newest, one page per step. Each step is: set the scroll bar, repaint the viewport
//       synchronously, process every pending event. Prints the step time distribution,
//       and the same for a plain QListView over a QStringListModel of as many rows
//       (the reference: Qt's floor for a list of that size). Fails when a view has a widget
//       per row (index widgets, persistent editors) or the widget count grows with rows.
//       --chat-batched: an experiment, the chat view in QListView::Batched layout mode.
//   bench_gui burst [--messages 500] [--seconds 5] [--cli PATH]
//       A parlo-cli peer (another process) sends the messages at an even pace to the app;
//       the chat with the peer is open, so every message is stored, listed and painted.
//       A 1 ms timer in the GUI thread measures the event-loop latency, first while idle
//       (the reference), then during the burst; and the GUI thread's CPU per message.
//   bench_gui feed --uri URI --count N --seconds S
//       Prints N "msg URI text" lines evenly over S seconds (the burst's peer reads them).
//
// Every wait is bounded (--timeout-seconds, default 600); results go to stdout as
// "key: value" lines that run_gui_bench.py collects.

#include "AppInfo.h"
#include "ChatPage.h"
#include "ContactsPage.h"
#include "MainWindow.h"
#include "MessageView.h"
#include "core/AppSession.h"
#include "models/ContactListModel.h"
#include "models/MessageListModel.h"
#include "storage/ContactStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QListView>
#include <QProcess>
#include <QScrollBar>
#include <QSqlQuery>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <vector>

namespace {

int g_timeoutSeconds = 600;
QElapsedTimer g_runTime;

[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "bench_gui: %s\n", qPrintable(why));
    std::exit(1);
}

void checkDeadline(const char *what)
{
    if (g_runTime.elapsed() > qint64(g_timeoutSeconds) * 1000)
        fail(QStringLiteral("timed out (%1 s) during %2").arg(g_timeoutSeconds).arg(what));
}

// Processes events until `done` or the time is up.
void waitFor(const std::function<bool()> &done, int seconds, const char *what)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > seconds * 1000)
            fail(QStringLiteral("timed out (%1 s) waiting for %2").arg(seconds).arg(what));
        checkDeadline(what);
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(1);
    }
}

struct Distribution
{
    std::vector<double> values; // milliseconds

    double percentile(double p) const
    {
        if (values.empty())
            return 0;
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        const size_t index = std::min(sorted.size() - 1, size_t(p / 100.0 * double(sorted.size())));
        return sorted[index];
    }
    double max() const
    {
        return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
    }

    void print(const char *name) const
    {
        std::printf("%s: steps=%zu p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n", name, values.size(),
                    percentile(50), percentile(99), max());
        std::fflush(stdout);
    }
};

// ---- seed ------------------------------------------------------------------------------

QList<App::Contact> makeContacts(int count)
{
    static const char *const firstNames[] = { "Anna",   "Bob",    "Chloé",  "Dmitri", "Eva",
                                              "Fatima", "Jürgen", "Li Wei", "María",  "佐藤" };
    static const char *const lastNames[] = { "Smith", "Müller", "Petrov", "Dubois", "García",
                                             "Rossi", "Nowak",  "Kim",    "Silva",  "Tanaka" };
    QList<App::Contact> contacts;
    contacts.reserve(count);
    for (int i = 0; i < count; ++i) {
        App::Contact contact;
        contact.displayName = QStringLiteral("%1 %2 %3")
                                      .arg(QString::fromUtf8(firstNames[i % 10]),
                                           QString::fromUtf8(lastNames[(i / 10) % 10]))
                                      .arg(i);
        // Loopback addresses on the discard port: the presence subscriptions the app sends
        // for every contact stay on this machine and are refused at once.
        contact.sipUri = QStringLiteral("sip:user%1@127.0.0.1:9").arg(i);
        contact.numbers
                = { { QStringLiteral("cell"), QStringLiteral("+4930%1").arg(1000000 + i) } };
        contact.group = i % 7 == 0 ? QStringLiteral("Work") : QString();
        contact.favourite = i % 50 == 0;
        contacts.append(contact);
    }
    return contacts;
}

// Returns the conversation's id (0 without messages).
qint64 seedDatabase(const QString &path, int contacts, int messages)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    App::Database db(path);
    if (!db.open())
        fail(QStringLiteral("open %1: %2").arg(path, db.lastError()));
    App::ContactStore store(db);
    const auto ids = store.addMany(makeContacts(contacts));
    if (std::count(ids.begin(), ids.end(), std::nullopt) > 0)
        fail(QStringLiteral("some contacts were not stored: %1").arg(db.lastError()));
    if (messages <= 0)
        return 0;

    const QString peer = QStringLiteral("sip:user1@127.0.0.1:9");
    App::MessageStore messageStore(db);
    const auto conversation = messageStore.conversationFor(peer);
    if (!conversation)
        fail(QStringLiteral("create the conversation: %1").arg(db.lastError()));
    // One transaction and no fsync: the rows are the bench's input, not what it measures.
    if (!db.execute(QStringLiteral("PRAGMA synchronous = OFF"), "synchronous off")
        || !db.execute(QStringLiteral("BEGIN"), "begin"))
        fail(db.lastError());
    QSqlQuery insert = db.prepare(QStringLiteral(
            "INSERT INTO messages (conversation_id, direction, peer_uri, body, time_ms,"
            " sent_ms, received_ms, state, failure_code, failure_reason, call_id, cseq)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    static const char *const words[]
            = { "hello", "meeting", "tomorrow", "at",     "the", "office", "call", "me",
                "when",  "you",     "can",      "thanks", "see", "later",  "ok" };
    const qint64 startMs = 1767225600000 - qint64(messages) * 60000;
    for (int i = 0; i < messages; ++i) {
        const bool incoming = i % 3 != 0;
        QString body;
        const int length = 3 + (i * 7919) % 40; // 3..42 words: one to several lines
        for (int w = 0; w < length; ++w)
            body += QString::fromLatin1(words[(i + w * 13) % 15]) + QLatin1Char(' ');
        body += QString::number(i);
        const qint64 timeMs = startMs + qint64(i) * 60000;
        insert.bindValue(0, *conversation);
        insert.bindValue(1, incoming ? 0 : 1);
        insert.bindValue(2, peer);
        insert.bindValue(3, body);
        insert.bindValue(4, timeMs);
        insert.bindValue(5, timeMs);
        insert.bindValue(6, incoming ? QVariant(timeMs) : QVariant(QMetaType::fromType<qint64>()));
        insert.bindValue(7, incoming ? 4 : 2);
        insert.bindValue(8, 0);
        insert.bindValue(9, QStringLiteral(""));
        insert.bindValue(10, QStringLiteral("bench-%1").arg(i));
        insert.bindValue(11, 1);
        if (!db.exec(insert, "insert a message"))
            fail(db.lastError());
    }
    if (!db.execute(QStringLiteral("COMMIT"), "commit"))
        fail(db.lastError());
    return *conversation;
}

// ---- the app under test ------------------------------------------------------------------

struct App_
{
    QTemporaryDir dir;
    std::unique_ptr<App::AppSession> session;
    std::unique_ptr<Gui::MainWindow> window;

    void start(const std::function<void(const QString &database)> &seed)
    {
        if (!dir.isValid())
            fail(QStringLiteral("no temporary folder"));
        App::AppSessionOptions options;
        options.settingsFile = dir.filePath(QStringLiteral("parlo.ini"));
        options.databasePath = dir.filePath(QStringLiteral("parlo.sqlite"));
        options.dataDirectory = dir.path();
        options.secretBackend = QStringLiteral("file");
        options.listen = { QStringLiteral("udp:127.0.0.1:0") };
        seed(options.databasePath);
        session = std::make_unique<App::AppSession>(options);
        window = std::make_unique<Gui::MainWindow>(*session);
        window->resize(900, 700);
        window->show();
        session->start();
        waitFor([this] { return session->isStarted(); }, 60, "the session to start");
    }

    ~App_()
    {
        if (!session)
            return;
        bool down = false;
        QObject::connect(session.get(), &App::AppSession::shutdownComplete, session.get(),
                         [&down] { down = true; });
        session->shutdown();
        waitFor([&down] { return down; }, 30, "the session to shut down");
        window.reset();
        session.reset();
    }
};

// No widget per row: nothing on the viewport but what Qt puts there itself, and the number of
// widgets in the application does not depend on the number of rows.
void checkNoWidgetPerRow(QAbstractItemView *view, const char *name, int widgetsBefore)
{
    const auto onViewport
            = view->viewport()->findChildren<QWidget *>(Qt::FindDirectChildrenOnly).size();
    const QModelIndex top = view->indexAt(QPoint(2, 2));
    const bool indexWidget = top.isValid() && view->indexWidget(top) != nullptr;
    const int widgets = int(QApplication::allWidgets().size());
    std::printf("%s_widgets: on_viewport=%lld index_widget=%d app_widgets_before=%d after=%d\n",
                name, static_cast<long long>(onViewport), indexWidget ? 1 : 0, widgetsBefore,
                widgets);
    if (onViewport > 0 || indexWidget || widgets > widgetsBefore + 20)
        fail(QStringLiteral("%1: widgets per row (viewport children %2, app widgets %3 -> %4)")
                     .arg(QLatin1String(name))
                     .arg(onViewport)
                     .arg(widgetsBefore)
                     .arg(widgets));
}

// One step: move the bar, paint synchronously, then run whatever the move queued.
double scrollStep(QAbstractItemView *view, int value)
{
    QElapsedTimer timer;
    timer.start();
    view->verticalScrollBar()->setValue(value);
    view->viewport()->repaint();
    QCoreApplication::processEvents();
    return double(timer.nsecsElapsed()) / 1e6;
}

Distribution scrollDown(QAbstractItemView *view, const char *what)
{
    Distribution steps;
    QScrollBar *bar = view->verticalScrollBar();
    scrollStep(view, bar->minimum());
    while (bar->value() < bar->maximum()) {
        checkDeadline(what);
        steps.values.push_back(
                scrollStep(view, std::min(bar->maximum(), bar->value() + bar->pageStep())));
    }
    return steps;
}

int runScroll(int contactCount, int messageCount, bool batchedChat)
{
    const int widgetsAtStart = int(QApplication::allWidgets().size());
    App_ app;
    qint64 conversation = 0;
    QElapsedTimer timer;
    timer.start();
    app.start([&](const QString &path) {
        conversation = seedDatabase(path, contactCount, messageCount);
    });
    std::printf("seeded_and_started_s: %.1f\n", timer.elapsed() / 1000.0);

    // ---- contacts ----
    App::ContactListModel &contacts = app.session->contacts();
    // While the contacts load (and presence starts watching them): the longest the event
    // loop was busy in one go, then 2 s more for what the load sets off.
    Distribution loading;
    QElapsedTimer loadTime;
    loadTime.start();
    qint64 loadedAtMs = -1;
    while (loadedAtMs < 0 || loadTime.elapsed() < loadedAtMs + 2000) {
        if (loadTime.elapsed() > 30000)
            fail(QStringLiteral("the contacts did not load within 30 s (loaded %1, rows %2)")
                         .arg(contacts.isLoaded())
                         .arg(contacts.rowCount()));
        QElapsedTimer busy;
        busy.start();
        QCoreApplication::processEvents();
        loading.values.push_back(double(busy.nsecsElapsed()) / 1e6);
        if (loadedAtMs < 0 && contacts.isLoaded() && contacts.rowCount() == contactCount)
            loadedAtMs = loadTime.elapsed();
        QThread::msleep(1);
    }
    loading.print("contacts_load_event_loop");

    // ---- the reference: a plain list of as many rows ----
    {
        QStringList rows;
        rows.reserve(contactCount);
        for (int i = 0; i < contactCount; ++i)
            rows.append(QStringLiteral("Contact number %1").arg(i));
        QStringListModel model(rows);
        QListView plain;
        plain.setModel(&model);
        plain.resize(app.window->contactsPage()->view()->size());
        plain.show();
        waitFor([&] { return plain.isVisible(); }, 10, "the reference view");
        scrollDown(&plain, "the reference scroll").print("reference_plain_list_scroll");
    }

    const int widgetsLoaded = int(QApplication::allWidgets().size());
    std::printf("app_widgets: before_app=%d with_window_and_rows=%d\n", widgetsAtStart,
                widgetsLoaded);
    app.window->showTab(Gui::MainWindow::Tab::Contacts);
    QListView *contactView = app.window->contactsPage()->view();
    waitFor([&] { return contactView->isVisible(); }, 10, "the contacts tab");
    std::printf("contacts_rows: %d viewport=%dx%d\n", contactView->model()->rowCount(),
                contactView->viewport()->width(), contactView->viewport()->height());
    scrollDown(contactView, "the contact scroll").print("contacts_scroll");
    checkNoWidgetPerRow(contactView, "contacts", widgetsLoaded);

    // ---- chat ----
    if (messageCount > 0) {
        App::MessageListModel &messages = app.session->messages();
        app.window->showTab(Gui::MainWindow::Tab::Chat);
        app.session->openConversationById(conversation);
        Gui::MessageView *chatView = app.window->chatPage()->messageView();
        waitFor(
                [&] {
                    return messages.conversationId() == conversation && messages.rowCount() > 0
                            && !messages.isLoading();
                },
                60, "the newest page");
        // Up, from the newest message to the oldest: older pages load (in the storage
        // thread) when the view reaches the top, as when a user scrolls back.
        if (batchedChat) // experiment: QListView lays rows out a batch per event-loop pass
            chatView->setLayoutMode(QListView::Batched);
        Distribution up;
        int rowsAtFirstStall = -1; // rows loaded when a step first took over 50 ms
        QScrollBar *bar = chatView->verticalScrollBar();
        QElapsedTimer upTime;
        upTime.start();
        for (;;) {
            checkDeadline("the chat scroll up");
            if (!up.values.empty() && up.values.back() > 50 && rowsAtFirstStall < 0)
                rowsAtFirstStall = messages.rowCount();
            if (bar->value() > bar->minimum()) {
                up.values.push_back(scrollStep(
                        chatView, std::max(bar->minimum(), bar->value() - bar->pageStep())));
            } else if (messages.isLoading()) {
                QThread::msleep(1); // the storage thread reads the page: the GUI is idle
                QElapsedTimer t;
                t.start();
                QCoreApplication::processEvents();
                up.values.push_back(double(t.nsecsElapsed()) / 1e6);
            } else if (messages.canFetchMore({})) {
                up.values.push_back(scrollStep(chatView, bar->minimum() + 1)); // nudge
                up.values.push_back(scrollStep(chatView, bar->minimum()));
            } else {
                break;
            }
        }
        std::printf("chat_rows_loaded: %d of %d in %.1f s\n", messages.rowCount(), messageCount,
                    upTime.elapsed() / 1000.0);
        up.print("chat_scroll_up_loading");
        std::printf("chat_first_step_over_50ms_at_rows: %d\n", rowsAtFirstStall);
        if (messages.rowCount() != messageCount)
            fail(QStringLiteral("the chat loaded %1 of %2 messages")
                         .arg(messages.rowCount())
                         .arg(messageCount));
        scrollDown(chatView, "the chat scroll down").print("chat_scroll_down");
        checkNoWidgetPerRow(chatView, "chat", widgetsLoaded);
    }
    return 0;
}

// ---- burst -------------------------------------------------------------------------------

int runFeed(const QString &uri, int count, double seconds)
{
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i) {
        const qint64 dueNs = qint64(double(i) * seconds * 1e9 / count);
        const qint64 waitNs = dueNs - timer.nsecsElapsed();
        if (waitNs > 0)
            QThread::usleep(static_cast<unsigned long>(waitNs / 1000));
        std::printf("msg %s Burst message %d of %d: a line of text like people send\n",
                    qPrintable(uri), i + 1, count);
        std::fflush(stdout);
    }
    QThread::sleep(10); // stay until the peer has sent everything, then end its input
    return 0;
}

double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Event-loop latency: how late a 1 ms timer fires, for `ms` milliseconds.
Distribution measureLatency(int ms, const std::function<bool()> &stopEarly = {})
{
    Distribution lateness;
    QElapsedTimer total;
    total.start();
    QElapsedTimer since;
    since.start();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QEventLoop loop;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        lateness.values.push_back(std::max(0.0, double(since.nsecsElapsed()) / 1e6 - 1.0));
        since.restart();
        if (total.elapsed() >= ms || (stopEarly && stopEarly()))
            loop.quit();
    });
    tick.start();
    loop.exec();
    return lateness;
}

int runBurst(int count, double seconds, const QString &cli, const QString &self)
{
    App_ app;
    app.start([](const QString &path) { seedDatabase(path, 1000, 0); });
    waitFor([&] { return app.session->contacts().isLoaded(); }, 60, "the contacts to load");
    app.window->showTab(Gui::MainWindow::Tab::Chat);

    int received = 0;
    QObject::connect(app.session.get(), &App::AppSession::incomingMessage, app.session.get(),
                     [&](const QString &peerUri, const QString &) {
                         if (++received == 1) // the user opens the chat: it is painted live
                             app.session->openConversation(peerUri);
                     });

    // The reference: the same window, idle.
    measureLatency(300);
    const Distribution idle = measureLatency(2000);

    QTemporaryDir peerDir;
    // feed | parlo-cli, as two processes the bench owns (both are stopped at the end).
    QProcess feed;
    QProcess peer;
    feed.setStandardOutputProcess(&peer);
    feed.setStandardErrorFile(QProcess::nullDevice());
    peer.setStandardOutputFile(peerDir.filePath(QStringLiteral("events.jsonl")));
    peer.setStandardErrorFile(peerDir.filePath(QStringLiteral("stderr.txt")));
    QElapsedTimer burstTime;
    burstTime.start();
    const double cpuBeforeMs = threadCpuMs();
    peer.start(cli,
               { QStringLiteral("--listen"), QStringLiteral("udp:127.0.0.1:0"),
                 QStringLiteral("--data-dir"), peerDir.path(), QStringLiteral("--password-store"),
                 QStringLiteral("file") });
    feed.start(self,
               { QStringLiteral("feed"), QStringLiteral("--uri"), app.session->localContactUri(),
                 QStringLiteral("--count"), QString::number(count), QStringLiteral("--seconds"),
                 QString::number(seconds) });
    if (!peer.waitForStarted(10000) || !feed.waitForStarted(10000))
        fail(QStringLiteral("cannot start the peer: %1 %2")
                     .arg(peer.errorString(), feed.errorString()));
    const Distribution busy
            = measureLatency(int(seconds * 1000) + 30000, [&] { return received >= count; });
    const double burstSeconds = burstTime.elapsed() / 1000.0;
    const double guiCpuMs = threadCpuMs() - cpuBeforeMs;
    feed.kill();
    peer.kill();
    feed.waitForFinished(5000);
    peer.waitForFinished(5000);

    idle.print("latency_idle_reference");
    busy.print("latency_during_burst");
    std::printf("burst: received=%d of %d in %.2f s, chat_rows=%d\n", received, count, burstSeconds,
                app.session->messages().rowCount());
    // CPU the GUI thread used, whatever else the machine runs: what load cannot change.
    std::printf("burst_gui_thread_cpu: %.1f ms in all, %.3f ms per message\n", guiCpuMs,
                received > 0 ? guiCpuMs / received : 0.0);
    if (received < count) {
        QFile err(peerDir.filePath(QStringLiteral("stderr.txt")));
        err.open(QIODevice::ReadOnly);
        fail(QStringLiteral("only %1 of %2 messages arrived; peer stderr: %3")
                     .arg(received)
                     .arg(count)
                     .arg(QString::fromUtf8(err.readAll().left(2000))));
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    g_runTime.start();
    const QString mode = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (mode == QLatin1String("feed") || mode == QLatin1String("seed")) {
        App::AppInfo::registerApplication(); // the app's default database path
        QCoreApplication app(argc, argv);
        QCommandLineParser parser;
        parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("feed or seed"));
        parser.addOptions(
                { { QStringLiteral("uri"), QStringLiteral("to"), QStringLiteral("uri") },
                  { QStringLiteral("count"), QStringLiteral("lines"), QStringLiteral("n") },
                  { QStringLiteral("seconds"), QStringLiteral("spread"), QStringLiteral("s") },
                  { QStringLiteral("contacts"), QStringLiteral("contacts"), QStringLiteral("n"),
                    QStringLiteral("1000") },
                  { QStringLiteral("messages"), QStringLiteral("messages"), QStringLiteral("n"),
                    QStringLiteral("0") },
                  { QStringLiteral("database"), QStringLiteral("file"), QStringLiteral("path") } });
        parser.process(app);
        if (mode == QLatin1String("feed"))
            return runFeed(parser.value(QStringLiteral("uri")),
                           parser.value(QStringLiteral("count")).toInt(),
                           parser.value(QStringLiteral("seconds")).toDouble());
        const QString database = parser.isSet(QStringLiteral("database"))
                ? parser.value(QStringLiteral("database"))
                : App::Database::defaultPath();
        seedDatabase(database, parser.value(QStringLiteral("contacts")).toInt(),
                     parser.value(QStringLiteral("messages")).toInt());
        std::printf("seeded: %s\n", qPrintable(database));
        return 0;
    }

    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"),
                                 QStringLiteral("scroll, burst, seed or feed"));
    parser.addOptions(
            { { QStringLiteral("contacts"), QStringLiteral("contacts to scroll"),
                QStringLiteral("n"), QStringLiteral("10000") },
              { QStringLiteral("messages"),
                QStringLiteral("messages (scroll: in the chat; burst: sent)"),
                QStringLiteral("n") },
              { QStringLiteral("seconds"), QStringLiteral("burst length"), QStringLiteral("s"),
                QStringLiteral("5") },
              { QStringLiteral("cli"), QStringLiteral("parlo-cli executable"),
                QStringLiteral("path") },
              { QStringLiteral("chat-batched"),
                QStringLiteral("experiment: the chat view in QListView::Batched layout mode") },
              { QStringLiteral("timeout-seconds"), QStringLiteral("bound of the whole run"),
                QStringLiteral("s"), QStringLiteral("600") } });
    parser.process(app);
    g_timeoutSeconds = parser.value(QStringLiteral("timeout-seconds")).toInt();
    if (mode == QLatin1String("scroll")) {
        const int messages = parser.isSet(QStringLiteral("messages"))
                ? parser.value(QStringLiteral("messages")).toInt()
                : 100000;
        return runScroll(parser.value(QStringLiteral("contacts")).toInt(), messages,
                         parser.isSet(QStringLiteral("chat-batched")));
    }
    if (mode == QLatin1String("burst")) {
        const int messages = parser.isSet(QStringLiteral("messages"))
                ? parser.value(QStringLiteral("messages")).toInt()
                : 500;
        QString cli = parser.value(QStringLiteral("cli"));
        if (cli.isEmpty())
            cli = QCoreApplication::applicationDirPath() + QStringLiteral("/parlo-cli");
        return runBurst(messages, parser.value(QStringLiteral("seconds")).toDouble(), cli,
                        QCoreApplication::applicationFilePath());
    }
    parser.showHelp(2);
}
