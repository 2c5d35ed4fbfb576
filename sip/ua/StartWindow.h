// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <list>
#include <utility>

namespace Sip {

/// Starts at most `limit` jobs at a time; the others wait, in the order they came, until a
/// started one reports done(). The UA starts its presence subscriptions through one: the
/// app subscribes to every contact at once at start-up, and 10,000 SUBSCRIBEs sent in one
/// burst overflow the server's UDP socket, so that thousands of them are lost, time out
/// (408) and start over (docs/performance.md, "Presence").
///
/// Jobs are named by a key (the watched URI); a key is either waiting, starting, or
/// unknown. Reentrant: a job may call done() (its own start failed) or submit() from its
/// start function.
class StartWindow
{
public:
    using Start = std::function<void()>;

    explicit StartWindow(int limit);

    // Starts the job now when fewer than `limit` are starting, else queues it. A key that
    // is already waiting or starting is ignored.
    void submit(const QString &key, Start start);
    // `key` has finished starting (answered, failed or gone): the next waiting job starts.
    // Unknown keys are ignored, so calling it twice is harmless.
    void done(const QString &key);
    // Forgets a job that has not started yet: true when `key` was waiting.
    bool withdraw(const QString &key);
    // Forgets every waiting job (shutdown) and returns their keys, in order.
    QStringList withdrawAll();

    bool isWaiting(const QString &key) const { return m_waitingByKey.contains(key); }
    bool isStarting(const QString &key) const { return m_starting.contains(key); }
    int startingCount() const { return int(m_starting.size()); }
    int waitingCount() const { return int(m_waiting.size()); }
    int limit() const { return m_limit; }

private:
    using Job = std::pair<QString, Start>;

    void startWaiting();

    int m_limit;
    QSet<QString> m_starting;
    std::list<Job> m_waiting;
    QHash<QString, std::list<Job>::iterator> m_waitingByKey;
};

} // namespace Sip
