// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrayIcon.h"

#include "IconLoader.h"
#include "PresenceColors.h"

#include <QMenu>
#include <QPainter>

namespace Gui {

TrayIcon::TrayIcon(QObject *parent)
    : QSystemTrayIcon(parent)
{
    auto *menu = new QMenu;
    menu->addAction(tr("Show Parlo"), this, &TrayIcon::showRequested);
    menu->addAction(tr("About Parlo"), this, &TrayIcon::aboutRequested);
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    setContextMenu(menu);
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            emit showRequested();
    });
    connect(this, &QObject::destroyed, menu, &QObject::deleteLater);
    updateIcon();
}

void TrayIcon::setPresence(const QString &key)
{
    m_presence = key;
    updateIcon();
}

void TrayIcon::setUnread(int messages)
{
    m_unread = messages;
    updateIcon();
}

void TrayIcon::setMissedCalls(int calls)
{
    m_missed = calls;
    updateIcon();
}

void TrayIcon::updateIcon()
{
    QIcon result;
    const QIcon base = IconLoader::icon(QStringLiteral("parlo"));
    for (const int size : { 16, 22, 24, 32, 48, 64 }) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const int dot = std::max(6, size / 3);
        painter.setPen(QPen(Qt::white, std::max(1, size / 16)));
        painter.setBrush(PresenceColors::color(m_presence));
        painter.drawEllipse(QRect(size - dot - 1, size - dot - 1, dot, dot));
        const int count = badgeCount();
        if (count > 0) {
            const int badge = std::max(8, size / 2);
            const QRect rect(size - badge, 0, badge, badge);
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0xd6, 0x45, 0x41));
            painter.drawEllipse(rect);
            QFont font = painter.font();
            font.setPixelSize(std::max(6, badge * 2 / 3));
            font.setBold(true);
            painter.setFont(font);
            painter.setPen(Qt::white);
            painter.drawText(rect, Qt::AlignCenter,
                             count > 9 ? QStringLiteral("9+") : QString::number(count));
        }
        painter.end();
        result.addPixmap(pixmap);
    }
    setIcon(result);
    QString tip = tr("Parlo — %1").arg(PresenceColors::label(m_presence));
    if (m_unread > 0)
        tip += QLatin1Char('\n') + tr("%n unread message(s)", nullptr, m_unread);
    if (m_missed > 0)
        tip += QLatin1Char('\n') + tr("%n missed call(s)", nullptr, m_missed);
    setToolTip(tip);
}

} // namespace Gui
