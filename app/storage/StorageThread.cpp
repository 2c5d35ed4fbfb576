// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/StorageThread.h"

namespace App {

StorageThread::StorageThread(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    m_thread.setObjectName(QStringLiteral("parlo-storage"));
}

StorageThread::~StorageThread()
{
    if (!m_worker)
        return;
    // Queued behind every job posted so far, so they all run (and commit) before the
    // database closes: nothing acknowledged to the GUI is dropped at shutdown.
    QMetaObject::invokeMethod(
            m_worker,
            [this] {
                delete m_context;
                m_context = nullptr;
                QThread::currentThread()->quit();
            },
            Qt::QueuedConnection);
    m_thread.wait();
    // The thread has finished, so its objects may be deleted from here.
    delete m_worker;
    m_worker = nullptr;
}

void StorageThread::start()
{
    if (m_worker)
        return;
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    const QString path = m_path;
    QMetaObject::invokeMethod(
            m_worker,
            [this, path] {
                // Constructed here so the connection belongs to the storage thread.
                m_context = new StorageContext(path);
                const bool ok = m_context->database().open();
                const QString error = m_context->database().lastError();
                deliver([this, ok, error] { emit opened(ok, error); });
            },
            Qt::QueuedConnection);
}

} // namespace App
