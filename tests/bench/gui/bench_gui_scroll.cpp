// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Scrolling a 10,000-contact list (docs/performance.md, "GUI responsiveness"): the real
// main window's contact list, filled from a database of 10,000 contacts, scrolled page by
// page from top to bottom with a synchronous repaint per page; the time of each frame is
// recorded. The reference, in the same run: a plain QListView over a QStringListModel of
// 10,000 names with Qt's default delegate. Also times the search field filtering 10,000
// contacts.
//
//   bench_gui_scroll [--contacts N]

#include "ContactsPage.h"
#include "DialLineEdit.h"
#include "MainWindow.h"
#include "core/AppSession.h"
#include "models/ContactFilterModel.h"
#include "models/ContactListModel.h"
#include "storage/StorageContext.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

namespace {

struct Frames
{
    int count = 0;
    double medianMs = 0;
    double maxMs = 0;
};

Frames scrollThrough(QListView *view)
{
    QScrollBar *bar = view->verticalScrollBar();
    QList<double> frames;
    QElapsedTimer clock;
    bar->setValue(0);
    QApplication::processEvents();
    for (int value = 0;; value += std::max(1, bar->pageStep())) {
        clock.start();
        bar->setValue(std::min(value, bar->maximum()));
        view->viewport()->repaint();
        QApplication::processEvents();
        frames.append(clock.nsecsElapsed() / 1e6);
        if (value >= bar->maximum())
            break;
    }
    std::sort(frames.begin(), frames.end());
    return { static_cast<int>(frames.size()), frames.at(frames.size() / 2), frames.last() };
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("contacts"), QStringLiteral("contacts (10000)"),
                       QStringLiteral("n"), QStringLiteral("10000") });
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(QStringLiteral("contacts")).toInt();

    QTemporaryDir profile;
    App::AppSessionOptions options;
    options.settingsFile = profile.filePath(QStringLiteral("parlo.ini"));
    options.databasePath = profile.filePath(QStringLiteral("parlo.sqlite"));
    options.dataDirectory = profile.path();
    options.secretBackend = QStringLiteral("file");
    options.listen = { QStringLiteral("udp:127.0.0.1:0") };
    QStringList names;
    {
        App::StorageContext storage(options.databasePath);
        if (!storage.database().open())
            return 1;
        QList<App::Contact> contacts;
        for (int i = 0; i < count; ++i) {
            App::Contact contact;
            contact.displayName = QStringLiteral("Contact %1").arg(i, 5, 10, QLatin1Char('0'));
            contact.sipUri = QStringLiteral("sip:contact%1@example.invalid").arg(i);
            contact.group = QStringLiteral("Group %1").arg(i % 10);
            contact.favourite = i % 50 == 0;
            contacts.append(contact);
            names.append(contact.displayName);
        }
        storage.contacts().addMany(contacts);
        QElapsedTimer reading;
        reading.start();
        const qsizetype read = storage.contacts().all().size();
        std::printf("ContactStore::all(): %lld contacts read in %.1f ms (storage thread's share)\n",
                    static_cast<long long>(read), reading.nsecsElapsed() / 1e6);
    }
    App::AppSession session(options);
    Gui::MainWindow window(session);
    window.resize(480, 680);
    window.show();
    QElapsedTimer loading;
    loading.start();
    session.start();
    if (!QTest::qWaitFor([&] { return session.contacts().rowCount() == count; }, 30000)) {
        std::fprintf(stderr, "the contacts did not load\n");
        return 1;
    }
    const double loadMs = loading.nsecsElapsed() / 1e6;
    QTest::qWait(200);
    const Frames parlo = scrollThrough(window.contactsPage()->view());

    QElapsedTimer filtering;
    filtering.start();
    window.searchField()->setText(QStringLiteral("contact 0123"));
    QApplication::processEvents();
    const double filterMs = filtering.nsecsElapsed() / 1e6;
    const int matches = session.contactFilter().rowCount();
    window.searchField()->clear();

    QListView reference;
    QStringListModel model(names);
    reference.setModel(&model);
    reference.setUniformItemSizes(true);
    reference.resize(456, 454);
    reference.show();
    QTest::qWait(200);
    const Frames plain = scrollThrough(&reference);

    std::printf(
            "%d contacts loaded and shown in %.1f ms; search filtered them in %.1f ms (%d match)\n",
            count, loadMs, filterMs, matches);
    std::printf("parlo contact list: %d pages, median %.2f ms, max %.2f ms per frame\n",
                parlo.count, parlo.medianMs, parlo.maxMs);
    std::printf("reference QListView: %d pages, median %.2f ms, max %.2f ms per frame\n",
                plain.count, plain.medianMs, plain.maxMs);
    std::printf("ratio of medians %.2f; a frame at 60 Hz is 16.7 ms\n",
                parlo.medianMs / plain.medianMs);
    std::fflush(stdout);
    // Unregister and stop the engine before the session goes (presence subscriptions to
    // 10,000 unreachable addresses may still be in flight).
    QSignalSpy done(&session, &App::AppSession::shutdownComplete);
    session.shutdown();
    done.wait(10000);
    return 0;
}
