// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QWidget;

namespace Gui {

/// For the start-up benchmark (tests/bench/gui): prints "shown" on standard output when a
/// window is first exposed on screen, then after `idleSeconds` of idling "rss_kb N" (the
/// process's resident memory) and quits the application.
class StartupProbe : public QObject
{
    Q_OBJECT
public:
    static void watch(QWidget *window, int idleSeconds);
    static qint64 residentKilobytes(); // -1 where /proc is not available

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    StartupProbe(int idleSeconds, QObject *parent);
    int m_idleSeconds = 0;
    bool m_shown = false;
};

} // namespace Gui
