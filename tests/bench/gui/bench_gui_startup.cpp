// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Start-up time and idle memory of the GUI (docs/performance.md, "GUI start-up").
//
// Each run starts a program with a fresh profile holding 1,000 contacts and measures the
// wall time from QProcess::start to its "shown" line (the main window exposed on the
// display), then reads its resident memory after some seconds idle. Parlo and the
// reference (bench_gui_reference, a bare Qt Widgets window with a 1,000-row list) run
// alternately in the same session; medians and the ratio are printed. Needs a display:
// run_gui_bench.sh starts Xvfb.
//
//   bench_gui_startup --parlo PATH --reference PATH [--runs N] [--idle-seconds S]

#include "storage/StorageContext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <optional>

namespace {

struct Sample
{
    double startMs = 0;
    qint64 rssKb = 0;
};

bool seedContacts(const QString &databasePath, int count)
{
    App::StorageContext storage(databasePath);
    if (!storage.database().open())
        return false;
    QList<App::Contact> contacts;
    for (int i = 0; i < count; ++i) {
        App::Contact contact;
        contact.displayName = QStringLiteral("Contact %1").arg(i, 4, 10, QLatin1Char('0'));
        contact.sipUri = QStringLiteral("sip:contact%1@example.invalid").arg(i);
        contact.group = QStringLiteral("Group %1").arg(i % 10);
        contacts.append(contact);
    }
    const auto ids = storage.contacts().addMany(contacts);
    return std::all_of(ids.cbegin(), ids.cend(), [](const auto &id) { return id.has_value(); });
}

std::optional<Sample> runOnce(const QString &program, const QStringList &arguments, int idleSeconds)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer clock;
    clock.start();
    process.start(program,
                  arguments
                          + QStringList { QStringLiteral("--bench-startup"),
                                          QString::number(idleSeconds) });
    Sample sample;
    QByteArray output;
    const qint64 deadlineMs = 30000 + idleSeconds * 1000LL;
    while (clock.elapsed() < deadlineMs) {
        if (!process.waitForReadyRead(100)) {
            if (process.state() == QProcess::NotRunning)
                break;
            continue;
        }
        output += process.readAllStandardOutput();
        if (sample.startMs == 0 && output.contains("shown\n"))
            sample.startMs = clock.nsecsElapsed() / 1e6;
        const qsizetype rss = output.indexOf("rss_kb ");
        if (rss >= 0 && output.indexOf('\n', rss) > rss) {
            sample.rssKb = output.mid(rss + 7, output.indexOf('\n', rss) - rss - 7).toLongLong();
            break;
        }
    }
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(3000);
    }
    if (sample.startMs == 0 || sample.rssKb <= 0) {
        std::fprintf(stderr, "%s did not report (output: %s)\n", qPrintable(program),
                     output.constData());
        return std::nullopt;
    }
    return sample;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ QStringLiteral("parlo"), QStringLiteral("parlo executable"),
                       QStringLiteral("path") });
    parser.addOption({ QStringLiteral("reference"),
                       QStringLiteral("bench_gui_reference executable"), QStringLiteral("path") });
    parser.addOption({ QStringLiteral("runs"), QStringLiteral("measured runs of each (default 10)"),
                       QStringLiteral("n"), QStringLiteral("10") });
    parser.addOption({ QStringLiteral("idle-seconds"),
                       QStringLiteral("idle time before the RSS (default 3)"), QStringLiteral("s"),
                       QStringLiteral("3") });
    parser.addOption({ QStringLiteral("contacts"),
                       QStringLiteral("contacts in the profile (default 1000)"),
                       QStringLiteral("n"), QStringLiteral("1000") });
    parser.addHelpOption();
    parser.process(app);
    const QString parlo = parser.value(QStringLiteral("parlo"));
    const QString reference = parser.value(QStringLiteral("reference"));
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const int idleSeconds = std::max(0, parser.value(QStringLiteral("idle-seconds")).toInt());
    const int contacts = parser.value(QStringLiteral("contacts")).toInt();
    if (parlo.isEmpty() || reference.isEmpty()) {
        std::fprintf(stderr, "--parlo and --reference are required\n");
        return 2;
    }

    QList<double> parloMs, referenceMs, parloRss, referenceRss;
    // Run 0 warms the disk cache and is not counted.
    for (int run = 0; run <= runs; ++run) {
        QTemporaryDir profile; // fresh every run: no state carried over
        if (!seedContacts(profile.filePath(QStringLiteral("parlo.sqlite")), contacts)) {
            std::fprintf(stderr, "cannot seed the profile\n");
            return 1;
        }
        const QStringList parloArguments {
            QStringLiteral("--settings"),       profile.filePath(QStringLiteral("parlo.ini")),
            QStringLiteral("--data-dir"),       profile.path(),
            QStringLiteral("--password-store"), QStringLiteral("file"),
            QStringLiteral("--listen"),         QStringLiteral("udp:127.0.0.1:0"),
            QStringLiteral("--no-wizard"),      QStringLiteral("--new-instance"),
        };
        const auto p = runOnce(parlo, parloArguments, idleSeconds);
        const auto r = runOnce(reference, {}, idleSeconds);
        if (!p || !r)
            return 1;
        std::printf("run %2d: parlo %7.1f ms %7.1f MB | reference %7.1f ms %7.1f MB%s\n", run,
                    p->startMs, p->rssKb / 1024.0, r->startMs, r->rssKb / 1024.0,
                    run == 0 ? "  (warm-up, not counted)" : "");
        if (run == 0)
            continue;
        parloMs.append(p->startMs);
        referenceMs.append(r->startMs);
        parloRss.append(p->rssKb / 1024.0);
        referenceRss.append(r->rssKb / 1024.0);
    }
    const double pm = median(parloMs), rm = median(referenceMs);
    const double pr = median(parloRss), rr = median(referenceRss);
    std::printf("\nmedian of %d runs, %d contacts, RSS after %d s idle\n", runs, contacts,
                idleSeconds);
    std::printf("start to window shown: parlo %.1f ms, reference %.1f ms, ratio %.2f (target <= "
                "200 ms)\n",
                pm, rm, pm / rm);
    std::printf("idle RSS:              parlo %.1f MB, reference %.1f MB, ratio %.2f (target <= 80 "
                "MB)\n",
                pr, rr, pr / rr);
    return 0;
}
