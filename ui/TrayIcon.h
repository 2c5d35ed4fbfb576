// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSystemTrayIcon>

class QAction;

namespace Gui {

/// The system tray icon: the app icon with a presence dot and a badge for unread
/// messages plus missed calls; notifications for incoming calls and messages; a menu to
/// show the window or quit.
class TrayIcon : public QSystemTrayIcon
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);

    void setPresence(const QString &key);
    void setUnread(int messages);
    void setMissedCalls(int calls);
    int badgeCount() const { return m_unread + m_missed; }

signals:
    void showRequested();
    void quitRequested();
    void aboutRequested();

private:
    void updateIcon();

    QString m_presence = QStringLiteral("available");
    int m_unread = 0;
    int m_missed = 0;
};

} // namespace Gui
