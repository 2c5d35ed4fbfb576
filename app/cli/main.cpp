// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// parlo-cli: the Parlo SIP engine without a window, driven by commands on standard
// input and reporting JSON events on standard output (see docs/cli.md).
#include "AppInfo.h"
#include "CliController.h"
#include "StdinReader.h"
#include "secrets/SecretStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>

#include <cstdio>
#include <cstdlib>
#include <tuple>
#include <utility>

namespace {

int usageError(const QString &message)
{
    std::fprintf(stderr, "parlo-cli: %s\n", qPrintable(message));
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    App::AppInfo::registerApplication();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("parlo-cli"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Parlo's SIP engine without a window: commands on standard input, JSON "
                           "events on "
                           "standard output.\nCommands:\n  ")
            + App::CliController::commandHelp().join(QStringLiteral("\n  ")));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption account(
            QStringLiteral("account"),
            QStringLiteral("Account address of record, e.g. sip:alice@example.com; without it "
                           "Parlo runs serverless."),
            QStringLiteral("URI"));
    const QCommandLineOption authUser(
            QStringLiteral("auth-user"),
            QStringLiteral("Authentication user name, if not the AOR's user."),
            QStringLiteral("NAME"));
    const QCommandLineOption passwordEnv(
            QStringLiteral("password-env"),
            QStringLiteral("Name of the environment variable holding the password."),
            QStringLiteral("VAR"));
    const QCommandLineOption proxy(QStringLiteral("proxy"),
                                   QStringLiteral("Outbound proxy / registrar URI."),
                                   QStringLiteral("URI"));
    const QCommandLineOption transport(QStringLiteral("transport"),
                                       QStringLiteral("udp, tcp or tls (default udp)."),
                                       QStringLiteral("T"));
    const QCommandLineOption listen(
            QStringLiteral("listen"),
            QStringLiteral("Where to listen, e.g. udp:127.0.0.1:5070 (repeatable)."),
            QStringLiteral("SPEC"));
    const QCommandLineOption tlsCa(
            QStringLiteral("tls-ca"),
            QStringLiteral("Trust this CA or certificate (PEM) besides the system store."),
            QStringLiteral("FILE"));
    const QCommandLineOption acceptCertificate(
            QStringLiteral("accept-certificate"),
            QStringLiteral("Trust the TLS server certificate with this SHA-256 fingerprint even if "
                           "it does not verify."),
            QStringLiteral("SHA256"));
    const QCommandLineOption nameserver(
            QStringLiteral("nameserver"),
            QStringLiteral(
                    "DNS server for SRV/A lookups of the registrar (default: the system's)."),
            QStringLiteral("IP"));
    const QCommandLineOption codecs(
            QStringLiteral("codecs"),
            QStringLiteral("Codecs in order of preference, e.g. opus,pcmu,pcma."),
            QStringLiteral("LIST"));
    const QCommandLineOption srtp(
            QStringLiteral("srtp"),
            QStringLiteral("SRTP for calls: off, optional or mandatory (default off)."),
            QStringLiteral("POLICY"));
    const QCommandLineOption autoAnswer(
            QStringLiteral("auto-answer"),
            QStringLiteral("Answer incoming calls after S seconds (0: at once)."),
            QStringLiteral("S"));
    const QCommandLineOption audioIn(
            QStringLiteral("audio-in"),
            QStringLiteral(
                    "Call audio source: wav:FILE, tone:HZ, null (default) or device:NAME (a sound "
                    "device by name, device: the default one; loads the sound device plugin)."),
            QStringLiteral("SPEC"));
    const QCommandLineOption audioOut(
            QStringLiteral("audio-out"),
            QStringLiteral("Call audio sink: wav:FILE ({call} in FILE: one file per call), null "
                           "(default) or device:NAME (a sound device by name, device: the default "
                           "one; loads the sound device plugin)."),
            QStringLiteral("SPEC"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("Settings file (INI) with the GUI's keys."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption logSip(
            QStringLiteral("log-sip"),
            QStringLiteral("Write every SIP message sent and received to FILE."),
            QStringLiteral("FILE"));
    const QCommandLineOption expires(
            QStringLiteral("expires"),
            QStringLiteral("Registration expiry to ask for, seconds (default 600)."),
            QStringLiteral("S"));
    const QCommandLineOption keepAlive(
            QStringLiteral("keep-alive"),
            QStringLiteral(
                    "Seconds between keep-alive pings of a registered UDP flow (default 30)."),
            QStringLiteral("S"));
    const QCommandLineOption t1(
            QStringLiteral("t1"),
            QStringLiteral("RFC 3261 timer T1 in milliseconds (default 500; for tests)."),
            QStringLiteral("MS"));
    const QCommandLineOption dataDir(
            QStringLiteral("data-dir"),
            QStringLiteral("Folder of the database (messages, contacts, call history) and of the "
                           "password file (default: the platform's app-data folder)."),
            QStringLiteral("DIR"));
    const QCommandLineOption passwordStore(
            QStringLiteral("password-store"),
            QStringLiteral("Where the account password is kept: keychain (the system's) or file "
                           "(unencrypted, in the data folder). A password given with "
                           "--password-env is saved there; without one it is read from there."),
            QStringLiteral("STORE"));
    const QCommandLineOption noRegister(
            QStringLiteral("no-register"),
            QStringLiteral("Do not register at start (use the register command)."));
    parser.addOptions({ dataDir, passwordStore });
    parser.addOptions({ account,     authUser,
                        passwordEnv, proxy,
                        transport,   listen,
                        tlsCa,       config,
                        logSip,      expires,
                        keepAlive,   t1,
                        noRegister,  acceptCertificate,
                        nameserver,  codecs,
                        srtp,        autoAnswer,
                        audioIn,     audioOut });
    parser.process(app);

    App::CliOptions options;
    if (parser.isSet(config)) {
        const QString path = parser.value(config);
        if (!QFileInfo(path).isReadable())
            return usageError(QStringLiteral("cannot read settings file %1").arg(path));
        QSettings settings(path, QSettings::IniFormat);
        if (settings.status() != QSettings::NoError)
            return usageError(QStringLiteral("%1: not a valid settings file").arg(path));
        options.account.load(settings);
        options.network.load(settings);
    }
    if (parser.isSet(account))
        options.account.aor = parser.value(account);
    if (parser.isSet(authUser))
        options.account.authUser = parser.value(authUser);
    if (parser.isSet(passwordEnv))
        options.account.passwordEnv = parser.value(passwordEnv);
    if (parser.isSet(proxy))
        options.account.proxy = parser.value(proxy);
    if (parser.isSet(transport))
        options.account.transport = parser.value(transport).toLower();
    if (parser.isSet(tlsCa))
        options.account.tlsCaFile = parser.value(tlsCa);
    if (parser.isSet(acceptCertificate))
        options.account.acceptedCertificate = parser.value(acceptCertificate);
    if (parser.isSet(nameserver) && !options.nameserver.setAddress(parser.value(nameserver)))
        return usageError(QStringLiteral("--nameserver: '%1' is not an IP address")
                                  .arg(parser.value(nameserver)));
    bool numberOk = true;
    if (parser.isSet(codecs)) {
        options.codecs = parser.value(codecs).toLower().split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &codec : std::as_const(options.codecs)) {
            if (codec != QLatin1String("opus") && codec != QLatin1String("pcmu")
                && codec != QLatin1String("pcma"))
                return usageError(QStringLiteral("--codecs: unknown codec '%1' (opus, pcmu, pcma)")
                                          .arg(codec));
        }
    }
    if (parser.isSet(srtp)) {
        const QString policy = parser.value(srtp).toLower();
        const QStringList policies { QStringLiteral("off"), QStringLiteral("optional"),
                                     QStringLiteral("mandatory") };
        if (!policies.contains(policy))
            return usageError(
                    QStringLiteral("--srtp: '%1' is not off, optional or mandatory").arg(policy));
        options.srtpPolicy = static_cast<int>(policies.indexOf(policy));
    }
    if (parser.isSet(autoAnswer)) {
        options.autoAnswerSeconds = parser.value(autoAnswer).toInt(&numberOk);
        if (!numberOk || options.autoAnswerSeconds < 0 || options.autoAnswerSeconds > 3600)
            return usageError(QStringLiteral("--auto-answer takes 0-3600 seconds"));
    }
    for (const auto &[option, target, sink] :
         { std::tuple { &audioIn, &options.audioIn, false },
           std::tuple { &audioOut, &options.audioOut, true } }) {
        if (!parser.isSet(*option))
            continue;
        const QString spec = parser.value(*option);
        const bool valid = spec == QLatin1String("null") || spec.startsWith(QLatin1String("wav:"))
                || (!sink && spec.startsWith(QLatin1String("tone:")))
                || App::CliController::isDeviceSpec(spec);
        if (!valid)
            return usageError(QStringLiteral("--%1: '%2' is not %3")
                                      .arg(option->names().first(), spec,
                                           sink ? "wav:FILE, null or device:NAME"
                                                : "wav:FILE, tone:HZ, null or device:NAME"));
        *target = spec;
    }
    if (parser.isSet(dataDir)) {
        options.dataDir = parser.value(dataDir);
        if (options.dataDir.isEmpty())
            return usageError(QStringLiteral("--data-dir needs a folder"));
    }
    if (parser.isSet(passwordStore)) {
        options.passwordStore = parser.value(passwordStore).toLower();
        if (!App::SecretStore::backendFromName(options.passwordStore))
            return usageError(QStringLiteral("--password-store: '%1' is not keychain or file")
                                      .arg(options.passwordStore));
    }
    if (parser.isSet(expires))
        options.account.expires = parser.value(expires).toInt();
    if (parser.isSet(noRegister))
        options.account.registerEnabled = false;
    if (parser.isSet(listen))
        options.network.listen = parser.values(listen);
    options.logSipFile = parser.value(logSip);
    if (parser.isSet(keepAlive)) {
        options.keepAliveSeconds = parser.value(keepAlive).toInt(&numberOk);
        if (!numberOk || options.keepAliveSeconds < 1 || options.keepAliveSeconds > 3600)
            return usageError(QStringLiteral("--keep-alive takes 1-3600 seconds"));
    }
    if (parser.isSet(t1)) {
        options.t1Milliseconds = parser.value(t1).toInt(&numberOk);
        if (!numberOk || options.t1Milliseconds < 10 || options.t1Milliseconds > 10000)
            return usageError(QStringLiteral("--t1 takes 10-10000 milliseconds"));
    }

    if (!options.account.isEmpty()) {
        const QString error = options.account.validate();
        if (!error.isEmpty())
            return usageError(error);
        if (!options.account.passwordEnv.isEmpty()) {
            if (!qEnvironmentVariableIsSet(options.account.passwordEnv.toLocal8Bit().constData()))
                return usageError(QStringLiteral("environment variable %1 is not set")
                                          .arg(options.account.passwordEnv));
            options.password
                    = qEnvironmentVariable(options.account.passwordEnv.toLocal8Bit().constData());
        }
    }
    if (const QString error = options.network.validate(); !error.isEmpty())
        return usageError(error);
    if (!options.account.tlsCaFile.isEmpty() && !QFileInfo(options.account.tlsCaFile).isReadable())
        return usageError(
                QStringLiteral("cannot read --tls-ca file %1").arg(options.account.tlsCaFile));

    App::JsonEventWriter out;
    App::CliController controller(options, out);
    // Qt Multimedia (and Qt Gui) is loaded only for a sound device; the media engine opens
    // the devices in its own thread, under this QCoreApplication (no QGuiApplication needed).
    for (const auto &[option, spec] : { std::pair { "audio-in", options.audioIn },
                                        std::pair { "audio-out", options.audioOut } }) {
        QString error;
        if (App::CliController::isDeviceSpec(spec) && !controller.enableAudioDevices(&error))
            return usageError(
                    QStringLiteral("--%1 %2: %3").arg(QLatin1String(option), spec, error));
    }
    App::StdinReader input;
    QObject::connect(&input, &App::StdinReader::lineRead, &controller,
                     &App::CliController::handleLine);
    QObject::connect(&input, &App::StdinReader::endOfInput, &controller,
                     &App::CliController::handleEndOfInput);
    QObject::connect(&controller, &App::CliController::finished, &app,
                     [&](int code) { QCoreApplication::exit(code); });
    controller.start();
    input.start();
    const int code = app.exec();
    if (input.isRunning()) {
        // The reader is blocked reading standard input (quit came as a command, or a
        // timeout): nothing is left to clean up that the OS won't, so leave at once.
        std::fflush(stdout); // not fflush(nullptr): stdin is locked by the blocked reader
        std::fflush(stderr);
        std::_Exit(code);
    }
    return code;
}
