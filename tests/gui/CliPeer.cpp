// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliPeer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

CliPeer::CliPeer(QObject *parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &CliPeer::readOutput);
}

CliPeer::~CliPeer()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    send(QStringLiteral("quit"));
    if (!m_process.waitForFinished(8000)) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

bool CliPeer::start(const QStringList &extraArguments, const QString &host)
{
    const QString binary = QStringLiteral(PARLO_CLI_PATH);
    QStringList arguments { QStringLiteral("--listen"),   QStringLiteral("udp:%1:0").arg(host),
                            QStringLiteral("--data-dir"), m_dataDir.path(),
                            QStringLiteral("--t1"),       QStringLiteral("100") };
    arguments += extraArguments;
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(binary, arguments);
    if (!m_process.waitForStarted(5000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(binary, m_process.errorString());
        return false;
    }
    const QJsonObject started = waitFor(QStringLiteral("started"), 10000);
    const QJsonArray listening = started.value(QStringLiteral("listening")).toArray();
    for (const QJsonValue &value : listening) {
        const QString spec = value.toString(); // udp:127.0.0.1:PORT
        if (spec.startsWith(QLatin1String("udp:"))) {
            // Serverless, parlo-cli says it is "parlo" (its From user): the same address
            // both ways keeps one conversation.
            m_uri = QStringLiteral("sip:parlo@") + spec.mid(4);
            return true;
        }
    }
    m_error = QStringLiteral("parlo-cli did not report a UDP socket: %1").arg(m_error);
    return false;
}

void CliPeer::send(const QString &command)
{
    m_process.write(command.toUtf8() + '\n');
}

void CliPeer::readOutput()
{
    m_buffer += m_process.readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_buffer.indexOf('\n')) >= 0) {
        const QByteArray line = m_buffer.left(newline).trimmed();
        m_buffer.remove(0, newline + 1);
        if (line.isEmpty())
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject())
            m_events.append(document.object());
    }
}

QJsonObject CliPeer::waitFor(const QString &name, int timeoutMs,
                             const std::function<bool(const QJsonObject &)> &where)
{
    QJsonObject found;
    // Events are matched once each, in order; others stay for later waits.
    const auto match = [&] {
        for (qsizetype i = 0; i < m_events.size(); ++i) {
            if (m_used.contains(i))
                continue;
            const QJsonObject &event = m_events.at(i);
            if (event.value(QStringLiteral("event")).toString() == name
                && (!where || where(event))) {
                m_used.insert(i);
                found = event;
                return true;
            }
        }
        return m_process.state() == QProcess::NotRunning;
    };
    QTest::qWaitFor(match, timeoutMs);
    if (found.isEmpty()) {
        QStringList seen;
        for (const QJsonObject &event : std::as_const(m_events))
            seen.append(QString::fromUtf8(QJsonDocument(event).toJson(QJsonDocument::Compact)));
        m_error = QStringLiteral("no '%1' event within %2 ms; seen: %3; stderr: %4")
                          .arg(name)
                          .arg(timeoutMs)
                          .arg(seen.mid(std::max<qsizetype>(0, seen.size() - 8))
                                       .join(QLatin1Char(' ')),
                               QString::fromUtf8(m_process.readAllStandardError().right(400)));
    }
    return found;
}
