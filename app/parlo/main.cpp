// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AppInfo.h"
#include "FirstRunWizard.h"
#include "MainWindow.h"
#include "StartupProbe.h"
#include "Translations.h"
#include "core/AppSession.h"
#include "core/SingleInstance.h"

#include "audio/qt/QtAudioDeviceMonitor.h"
#include "audio/qt/QtAudioEndpointFactory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QTimer>

#include <cstring>

namespace {

QtMessageHandler previousMessageHandler = nullptr;

// The offscreen platform (used when there is no display) warns about a window feature it
// lacks whenever a window is shown. Drop exactly that message; pass everything else on.
void offscreenMessageHandler(QtMsgType type, const QMessageLogContext &context,
                             const QString &message)
{
    if (type == QtWarningMsg
        && message == QLatin1String("This plugin does not support propagateSizeHints()"))
        return;
    previousMessageHandler(type, context, message);
}

struct Options
{
    QString link; // sip:, sips: or tel: to call
    QString settingsFile;
    QString dataDirectory;
    QString secretBackend;
    QStringList listen;
    bool minimised = false;
    bool newInstance = false;
    bool skipWizard = false;
    int benchIdleSeconds = -1; // tests/bench: report "shown" and the idle RSS, then quit
};

void setupParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("Parlo softphone"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("link"),
                                 QStringLiteral("A sip:, sips: or tel: address to call"),
                                 QStringLiteral("[link]"));
    parser.addOption({ QStringLiteral("settings"), QStringLiteral("Use this settings file (INI)"),
                       QStringLiteral("file") });
    parser.addOption({ QStringLiteral("data-dir"),
                       QStringLiteral("Keep the database (and a password file) in this folder"),
                       QStringLiteral("dir") });
    parser.addOption({ QStringLiteral("password-store"),
                       QStringLiteral("Where passwords go: keychain (default) or file"),
                       QStringLiteral("store") });
    parser.addOption({ QStringLiteral("listen"),
                       QStringLiteral("Listen here, e.g. udp:127.0.0.1:5070 (repeatable)"),
                       QStringLiteral("spec") });
    parser.addOption({ QStringLiteral("minimised"), QStringLiteral("Start in the tray") });
    parser.addOption({ QStringLiteral("new-instance"),
                       QStringLiteral("Do not hand over to a running Parlo") });
    parser.addOption({ QStringLiteral("no-wizard"), QStringLiteral("Skip the first-run wizard") });
    QCommandLineOption bench(
            QStringLiteral("bench-startup"),
            QStringLiteral("Print \"shown\" when the window is on screen, then the "
                           "resident memory after SECONDS idle, and quit"),
            QStringLiteral("seconds"));
    bench.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(bench);
}

Options readOptions(const QCommandLineParser &parser)
{
    Options options;
    options.link = parser.positionalArguments().value(0);
    options.settingsFile = parser.value(QStringLiteral("settings"));
    options.dataDirectory = parser.value(QStringLiteral("data-dir"));
    options.secretBackend = parser.value(QStringLiteral("password-store"));
    options.listen = parser.values(QStringLiteral("listen"));
    options.minimised = parser.isSet(QStringLiteral("minimised"));
    options.newInstance = parser.isSet(QStringLiteral("new-instance"));
    options.skipWizard = parser.isSet(QStringLiteral("no-wizard"));
    if (parser.isSet(QStringLiteral("bench-startup")))
        options.benchIdleSeconds = parser.value(QStringLiteral("bench-startup")).toInt();
    return options;
}

// --help and --version must work without a display, so they are handled with a
// QCoreApplication before any GUI is created.
bool needsOnlyCore(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *option : { "--version", "-v", "--help", "-h", "-?", "--help-all" }) {
            if (std::strcmp(argv[i], option) == 0)
                return true;
        }
    }
    return false;
}

bool isCallLink(const QString &text)
{
    return text.startsWith(QLatin1String("sip:"), Qt::CaseInsensitive)
            || text.startsWith(QLatin1String("sips:"), Qt::CaseInsensitive)
            || text.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive);
}

} // namespace

int main(int argc, char *argv[])
{
    App::AppInfo::registerApplication();

    if (needsOnlyCore(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCommandLineParser parser;
        setupParser(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    // Wayland compositors find the icon and name through the desktop entry of this id
    // (installer/linux/io.parlo.Parlo.desktop).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.parlo.Parlo"));
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        previousMessageHandler = qInstallMessageHandler(offscreenMessageHandler);
    app.setQuitOnLastWindowClosed(false);

    QCommandLineParser parser;
    setupParser(parser);
    parser.process(app);
    const Options options = readOptions(parser);
    if (!options.link.isEmpty() && !isCallLink(options.link)) {
        qCritical("parlo: %s is not a sip:, sips: or tel: link", qPrintable(options.link));
        return 2;
    }

    // One Parlo per user (per settings file): a second start hands its link over.
    App::SingleInstance instance(
            options.settingsFile.isEmpty()
                    ? QString()
                    : QStringLiteral("parlo-%1").arg(qHash(options.settingsFile)));
    if (!options.newInstance && !instance.listen()) {
        if (instance.sendToRunning({ options.link }))
            return 0;
        qWarning("parlo: another instance seems to run but does not answer; starting anyway");
    }

    App::AppSessionOptions sessionOptions;
    sessionOptions.settingsFile = options.settingsFile;
    sessionOptions.dataDirectory = options.dataDirectory;
    if (!options.dataDirectory.isEmpty())
        sessionOptions.databasePath = options.dataDirectory + QStringLiteral("/parlo.sqlite");
    if (!options.secretBackend.isEmpty())
        sessionOptions.secretBackend = options.secretBackend;
    sessionOptions.listen = options.listen;
    App::AppSession session(sessionOptions);
    Media::EndpointFactory audio;
    Media::QtAudioEndpointFactory::install(audio);
    session.installAudioDevices(audio,
                                [] { return std::make_unique<Media::QtAudioDeviceMonitor>(); });
    Gui::Translations::install(session.preferences().language);

    Gui::MainWindow window(session);
    QApplication::setWindowIcon(window.windowIcon());
    QObject::connect(&instance, &App::SingleInstance::argumentsReceived, &window,
                     [&window](const QStringList &arguments) {
                         const QString link = arguments.value(0);
                         if (link.isEmpty())
                             window.showAndRaise();
                         else
                             window.openLink(link);
                     });
    QObject::connect(&app, &QApplication::aboutToQuit, &session, [&session] {
        // Unregister before the engine goes; bounded by AppSession's own timeout.
        QEventLoop loop;
        QObject::connect(&session, &App::AppSession::shutdownComplete, &loop, &QEventLoop::quit);
        session.shutdown();
        loop.exec();
    });

    const bool minimised = options.minimised || session.preferences().startMinimised;
    if (!minimised || !window.closesToTray())
        window.show();
    session.start();
    if (!options.link.isEmpty()) {
        // The engine must listen before the INVITE can go out.
        QObject::connect(
                &session, &App::AppSession::started, &window,
                [&window, link = options.link] { window.openLink(link); },
                Qt::SingleShotConnection);
    }
    if (options.benchIdleSeconds >= 0)
        Gui::StartupProbe::watch(&window, options.benchIdleSeconds);
    if (!session.preferences().firstRunDone && !options.skipWizard
        && options.benchIdleSeconds < 0) {
        auto *wizard = new Gui::FirstRunWizard(session, &window);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        QTimer::singleShot(0, wizard, &QWizard::open);
    }
    return app.exec();
}
