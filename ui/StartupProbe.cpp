// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StartupProbe.h"

#include <QApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>
#include <QWindow>

#include <cstdio>

namespace Gui {

StartupProbe::StartupProbe(int idleSeconds, QObject *parent)
    : QObject(parent)
    , m_idleSeconds(idleSeconds)
{
}

void StartupProbe::watch(QWidget *window, int idleSeconds)
{
    auto *probe = new StartupProbe(idleSeconds, window);
    // The native window receives the expose event: it exists once the widget is shown.
    window->winId();
    window->windowHandle()->installEventFilter(probe);
}

qint64 StartupProbe::residentKilobytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_shown && event->type() == QEvent::Expose) {
        auto *window = qobject_cast<QWindow *>(watched);
        if (window && window->isExposed()) {
            m_shown = true;
            std::printf("shown\n");
            std::fflush(stdout);
            QTimer::singleShot(m_idleSeconds * 1000, qApp, [] {
                std::printf("rss_kb %lld\n", static_cast<long long>(residentKilobytes()));
                std::fflush(stdout);
                QApplication::quit();
            });
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Gui
