// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Database.h"
#include "storage/StorageContext.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>

#include <type_traits>
#include <utility>

namespace App {

/// Runs the storage in a dedicated thread so the GUI thread never waits on the disk
/// (a commit writes the WAL file and a checkpoint fsyncs the database, which can take tens
/// of milliseconds).
///
/// Jobs are callables taking a StorageContext&; they run one after the other in the
/// storage thread, in the order they were posted, and their result is delivered to the
/// `done` callback in this object's thread (the GUI thread) — unless `receiver` has been
/// destroyed meanwhile. Example: store an incoming MESSAGE, then answer it:
///
///     storage->run(this,
///         [msg](StorageContext &s) { return s.messages().addIncoming(msg); },
///         [this, tx](const MessageStore::Incoming &r) { respond(tx, r.result ==
///             MessageStore::AddResult::Failed ? 500 : 200); });
///
/// The destructor runs the jobs already posted, closes the database and joins the thread:
/// the one place the owner thread waits for the disk, at shutdown.
class StorageThread : public QObject
{
    Q_OBJECT

public:
    explicit StorageThread(const QString &path = Database::defaultPath(),
                           QObject *parent = nullptr);
    ~StorageThread() override;

    // Starts the thread and opens the database there; opened() reports the outcome.
    void start();
    bool isStarted() const { return m_worker != nullptr; }
    QString path() const { return m_path; }

    // `receiver` must live in this object's thread; `done` gets the job's result (nothing
    // for a void job).
    template<typename Job, typename Done>
    void run(QObject *receiver, Job job, Done done)
    {
        using Result = std::invoke_result_t<Job &, StorageContext &>;
        Q_ASSERT(receiver && receiver->thread() == thread());
        QPointer<QObject> guard(receiver);
        post([this, guard, job = std::move(job),
              done = std::move(done)](StorageContext &context) mutable {
            if constexpr (std::is_void_v<Result>) {
                job(context);
                deliver([guard, done = std::move(done)]() mutable {
                    if (guard)
                        done();
                });
            } else {
                Result result = job(context);
                deliver([guard, done = std::move(done), result = std::move(result)]() mutable {
                    if (guard)
                        done(std::move(result));
                });
            }
        });
    }

    // Fire and forget (e.g. markRead); errors are logged by Database.
    template<typename Job>
    void post(Job job)
    {
        Q_ASSERT_X(m_worker, "App::StorageThread::post", "start() the storage thread first");
        QMetaObject::invokeMethod(
                m_worker, [this, job = std::move(job)]() mutable { job(*m_context); },
                Qt::QueuedConnection);
    }

signals:
    void opened(bool ok, const QString &error);

private:
    // Queued into this object's thread; posted events to a destroyed QObject are dropped,
    // and this object outlives every job (the destructor joins the thread first).
    template<typename Callback>
    void deliver(Callback callback)
    {
        QMetaObject::invokeMethod(this, std::move(callback), Qt::QueuedConnection);
    }

    QString m_path;
    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread: the target of posted jobs
    StorageContext *m_context = nullptr; // created, used and deleted in m_thread
};

} // namespace App
