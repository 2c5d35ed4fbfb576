// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Event-loop latency of the GUI while messages arrive (docs/performance.md, "GUI
// responsiveness"): the real main window with the conversation open, a parlo-cli peer on
// loopback sending 500 messages in 5 s. A 5 ms timer measures how late the GUI thread
// serves it; the same probe over 5 s of idling, in the same run, is the reference.
//
//   bench_gui_latency [--messages N] [--seconds S]

#include "CliPeer.h"
#include "MainWindow.h"
#include "core/AppSession.h"
#include "models/MessageListModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

struct Lateness
{
    double maxMs = 0;
    double p99Ms = 0;
    int ticks = 0;
};

// Runs the event loop for `seconds` with a 5 ms precise timer and reports how late its
// ticks came; `during` runs once at the start (e.g. starts the message burst).
Lateness probe(int seconds, const std::function<void()> &during = {})
{
    constexpr int intervalMs = 5;
    QList<double> late;
    QElapsedTimer clock;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(intervalMs);
    qint64 last = 0;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        late.append(std::max(0.0, (now - last) / 1e6 - intervalMs));
        last = now;
    });
    clock.start();
    timer.start();
    if (during)
        during();
    QTest::qWait(seconds * 1000);
    timer.stop();
    std::sort(late.begin(), late.end());
    Lateness result;
    result.ticks = static_cast<int>(late.size());
    if (!late.isEmpty()) {
        result.maxMs = late.last();
        result.p99Ms = late.at(static_cast<qsizetype>(late.size() * 0.99));
    }
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("messages"), QStringLiteral("messages in the burst (500)"),
                       QStringLiteral("n"), QStringLiteral("500") });
    parser.addOption({ QStringLiteral("seconds"), QStringLiteral("length of the burst (5)"),
                       QStringLiteral("s"), QStringLiteral("5") });
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(QStringLiteral("messages")).toInt();
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());

    QTemporaryDir profile;
    App::AppSessionOptions options;
    options.settingsFile = profile.filePath(QStringLiteral("parlo.ini"));
    options.databasePath = profile.filePath(QStringLiteral("parlo.sqlite"));
    options.dataDirectory = profile.path();
    options.secretBackend = QStringLiteral("file");
    options.listen = { QStringLiteral("udp:127.0.0.1:0") };
    App::AppSession session(options);
    Gui::MainWindow window(session);
    window.show();
    session.start();
    if (!QTest::qWaitFor([&] { return !session.listening().isEmpty(); }, 10000)) {
        std::fprintf(stderr, "the session did not start\n");
        return 1;
    }
    CliPeer peer;
    if (!peer.start()) {
        std::fprintf(stderr, "%s\n", qPrintable(peer.error()));
        return 1;
    }
    // The conversation is open: every message lands in the visible chat too.
    session.openConversation(peer.uri());
    if (!QTest::qWaitFor([&] { return session.messages().peerUri() == peer.uri(); }, 5000)) {
        std::fprintf(stderr, "the conversation did not open\n");
        return 1;
    }
    const Lateness idle = probe(seconds);

    QTimer sender;
    int sent = 0;
    sender.setTimerType(Qt::PreciseTimer);
    sender.setInterval(seconds * 1000 / std::max(1, count));
    QObject::connect(&sender, &QTimer::timeout, [&] {
        peer.send(QStringLiteral("msg %1 message %2 of the burst, 你好 %2")
                          .arg(session.localContactUri())
                          .arg(++sent));
        if (sent >= count)
            sender.stop();
    });
    const Lateness burst = probe(seconds, [&] { sender.start(); });
    const bool all = QTest::qWaitFor([&] { return session.messages().rowCount() >= count; }, 60000);
    std::printf("idle:  %d ticks, max %.1f ms late, p99 %.1f ms\n", idle.ticks, idle.maxMs,
                idle.p99Ms);
    std::printf("burst: %d ticks, max %.1f ms late, p99 %.1f ms (%d messages sent, %d shown)\n",
                burst.ticks, burst.maxMs, burst.p99Ms, sent, session.messages().rowCount());
    std::printf("max lateness during the burst: %.1f ms, idle reference %.1f ms, ratio %.2f "
                "(target <= 50 ms)\n",
                burst.maxMs, idle.maxMs, idle.maxMs > 0 ? burst.maxMs / idle.maxMs : 0.0);
    return all ? 0 : 1;
}
