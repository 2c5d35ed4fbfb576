// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace App {

/// One Parlo per user: the first instance listens on a local socket; a second one hands
/// its arguments (e.g. a sip:, sips: or tel: link to call) to the first and exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    // `key`: the socket name; empty: one per user and application.
    explicit SingleInstance(const QString &key = {}, QObject *parent = nullptr);
    ~SingleInstance() override;

    // True when this process is the first: it now receives the others' arguments. False
    // when another instance runs; sendToRunning() then passes them on.
    bool listen();
    // Bounded (timeoutMs) hand-over of `arguments` to the running instance.
    bool sendToRunning(const QStringList &arguments, int timeoutMs = 2000);
    QString serverName() const { return m_key; }

signals:
    void argumentsReceived(const QStringList &arguments);

private:
    QString m_key;
    QLocalServer *m_server = nullptr;
};

} // namespace App
