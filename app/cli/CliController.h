// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JsonEventWriter.h"
#include "calls/CallMediaController.h"
#include "settings/AccountSettings.h"

#include "sip/SipEngine.h"

#include <QMap>
#include <QObject>

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

    CliOptions m_options;
    JsonEventWriter &m_out;
    Sip::SipEngine m_engine;
    CallMediaController m_calls_media { m_engine };
    int m_nextRequest = 1;
    int m_nextCall = 1;
    QMap<QString, QString> m_calls; // id -> state name, for `calls`
    QString m_lastCall;
    bool m_quitting = false;
};

} // namespace App
