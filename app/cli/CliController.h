// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AudioPluginLoader.h"
#include "JsonEventWriter.h"
#include "calls/CallHistoryRecorder.h"
#include "calls/CallMediaController.h"
#include "messaging/MessagingController.h"
#include "presence/PresenceController.h"
#include "secrets/SecretStore.h"
#include "settings/AccountSettings.h"
#include "storage/StorageThread.h"

#include "sip/SipEngine.h"

#include <QMap>
#include <QObject>

#include <memory>

namespace App {

struct CliOptions
{
    AccountSettings account;
    NetworkSettings network;
    QString password;
    QString logSipFile;
    int keepAliveSeconds = 30;
    int t1Milliseconds = 500;
    QHostAddress nameserver;
    QStringList codecs;
    int srtpPolicy = 0;
    int autoAnswerSeconds = -1;
    QString audioIn = QStringLiteral("null");
    QString audioOut = QStringLiteral("null");
    // Database and the password file live here; empty: the platform's app-data folder.
    QString dataDir;
    // "keychain" or "file"; empty: the keychain, used only to read a password not given.
    QString passwordStore;
};

/// parlo-cli's command interpreter: one command per input line, one JSON event per
/// output line. Commands never block; results arrive as events when the engine has them.
class CliController : public QObject
{
    Q_OBJECT
public:
    CliController(const CliOptions &options, JsonEventWriter &out, QObject *parent = nullptr);

    void start();
    static QStringList commandHelp();
    // Loads the sound device plugin (once) and gives its "device" endpoints and device
    // monitor to the media engine; false with *error when the plugin is missing. Called for
    // a "device:" --audio-in/--audio-out before start(), or by the `devices` command.
    bool enableAudioDevices(QString *error);
    static bool isDeviceSpec(const QString &spec);

public slots:
    void handleLine(const QString &line);
    void handleEndOfInput();

signals:
    void finished(int exitCode);

private:
    void quit();
    void watchNetwork();
    QString callArgument(const QString &argument) const; // an explicit id, or the only/last call
    bool requireCall(const QString &command, const QString &callId);
    QString accountId() const { return QStringLiteral("1"); }
    static QString dataDirectory(const CliOptions &options);
    void startEngine();
    void connectMessaging();
    void connectPresence();
    void connectAudioDevices();
    void reportDevicesIfKnown();
    // Stored data: contacts, contact-add, contact-remove, history, conversations, messages.
    bool handleStorageCommand(const QString &command, const QString &argument);
    // Every job posted so far has committed, then the program ends with `exitCode`.
    void finishAfterStorage(int exitCode, const QJsonObject &quitFields);

    CliOptions m_options;
    JsonEventWriter &m_out;
    Sip::SipEngine m_engine;
    CallMediaController m_calls_media { m_engine };
    // Declared before its users, so it is destroyed after them.
    StorageThread m_storage;
    MessagingController m_messaging { m_engine, m_storage };
    CallHistoryRecorder m_history { m_engine, m_storage };
    PresenceController m_presence { m_engine, m_storage };
    std::unique_ptr<SecretStore> m_secrets;
    AudioPluginLoader m_audioPlugin;
    // The device lists as the media engine last reported them; the first report of each
    // (when the monitor starts) is the initial state, not a change.
    QStringList m_audioInputs;
    QStringList m_audioOutputs;
    bool m_audioInputsKnown = false;
    bool m_audioOutputsKnown = false;
    bool m_devicesRequested = false; // a `devices` command waits for the first lists
    int m_nextRequest = 1;
    int m_nextCall = 1;
    QMap<QString, QString> m_calls; // id -> state name, for `calls`
    QMap<QString, QString> m_replacing; // incoming call id -> the call it replaces (RFC 3891)
    QString m_lastCall;
    bool m_quitting = false;
    bool m_finishing = false;
};

} // namespace App
