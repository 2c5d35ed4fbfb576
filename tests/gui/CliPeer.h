// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <functional>

/// A parlo-cli peer for the GUI tests: commands on its stdin, JSON events from its
/// stdout, waited for with the event loop running (so the GUI under test keeps working).
class CliPeer : public QObject
{
    Q_OBJECT
public:
    explicit CliPeer(QObject *parent = nullptr);
    ~CliPeer() override; // quits (bounded), then kills

    // Starts serverless on a free UDP port of `host` (a loopback address); false (and
    // error()) on failure.
    bool start(const QStringList &extraArguments = {},
               const QString &host = QStringLiteral("127.0.0.1"));
    QString uri() const { return m_uri; } // sip:parlo@127.0.0.1:PORT
    QString error() const { return m_error; }
    void send(const QString &command);
    // The first event `name` not returned before that matches `where`, waiting
    // up to `timeoutMs`; an empty object on timeout (error() says what was seen).
    QJsonObject waitFor(const QString &name, int timeoutMs = 10000,
                        const std::function<bool(const QJsonObject &)> &where = {});
    QList<QJsonObject> events() const { return m_events; }

private:
    void readOutput();

    QProcess m_process;
    QTemporaryDir m_dataDir;
    QByteArray m_buffer;
    QList<QJsonObject> m_events;
    QSet<qsizetype> m_used; // events already returned by waitFor()
    QString m_uri;
    QString m_error;
};
