// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SingleInstance.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QLocalServer>
#include <QLocalSocket>

namespace App {

namespace {

QString defaultKey()
{
    // Per user: the runtime folder is the user's own.
    QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return QStringLiteral("%1-%2").arg(QCoreApplication::applicationName().toLower(), user);
}

} // namespace

SingleInstance::SingleInstance(const QString &key, QObject *parent)
    : QObject(parent)
    , m_key(key.isEmpty() ? defaultKey() : key)
{
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::listen()
{
    // Ask first: with UserAccessOption QLocalServer creates its socket aside and renames
    // it into place, which would silently take over a running instance's name.
    {
        QLocalSocket probe;
        probe.connectToServer(m_key);
        if (probe.waitForConnected(500))
            return false;
    }
    // Nobody answers: a crashed instance may have left its socket behind.
    QLocalServer::removeServer(m_key);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_key))
        return false;
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                QDataStream in(socket);
                in.startTransaction();
                QStringList arguments;
                in >> arguments;
                if (!in.commitTransaction())
                    return; // more to come
                emit argumentsReceived(arguments);
                socket->disconnectFromServer();
            });
        }
    });
    return true;
}

bool SingleInstance::sendToRunning(const QStringList &arguments, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_key);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QByteArray data;
    QDataStream out(&data, QIODevice::WriteOnly);
    out << arguments;
    socket.write(data);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    socket.waitForDisconnected(timeoutMs);
    return true;
}

} // namespace App
