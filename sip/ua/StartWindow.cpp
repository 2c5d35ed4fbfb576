// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ua/StartWindow.h"

#include <algorithm>

namespace Sip {

StartWindow::StartWindow(int limit)
    : m_limit(std::max(1, limit))
{
}

void StartWindow::submit(const QString &key, Start start)
{
    if (m_starting.contains(key) || m_waitingByKey.contains(key))
        return;
    m_waiting.emplace_back(key, std::move(start));
    m_waitingByKey.insert(key, std::prev(m_waiting.end()));
    startWaiting();
}

void StartWindow::done(const QString &key)
{
    if (m_starting.remove(key))
        startWaiting();
}

bool StartWindow::withdraw(const QString &key)
{
    const auto it = m_waitingByKey.find(key);
    if (it == m_waitingByKey.end())
        return false;
    m_waiting.erase(it.value());
    m_waitingByKey.erase(it);
    return true;
}

QStringList StartWindow::withdrawAll()
{
    QStringList keys;
    keys.reserve(qsizetype(m_waiting.size()));
    for (const Job &job : m_waiting)
        keys.append(job.first);
    m_waiting.clear();
    m_waitingByKey.clear();
    return keys;
}

void StartWindow::startWaiting()
{
    // The job is taken off the queue and counted as starting before it runs, so a job that
    // calls done() or submit() from its start function finds the window consistent.
    while (m_starting.size() < m_limit && !m_waiting.empty()) {
        Job job = std::move(m_waiting.front());
        m_waiting.pop_front();
        m_waitingByKey.remove(job.first);
        m_starting.insert(job.first);
        job.second();
    }
}

} // namespace Sip
