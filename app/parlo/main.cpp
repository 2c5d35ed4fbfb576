// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "AppInfo.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

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

void setupParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("Parlo softphone"));
    parser.addHelpOption();
    parser.addVersionOption();
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
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        previousMessageHandler = qInstallMessageHandler(offscreenMessageHandler);

    QCommandLineParser parser;
    setupParser(parser);
    parser.process(app);

    Gui::MainWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    window.show();
    return app.exec();
}
