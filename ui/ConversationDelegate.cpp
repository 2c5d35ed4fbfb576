// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationDelegate.h"

#include "models/ConversationListModel.h"

#include <QPainter>

namespace Gui {

ConversationDelegate::ConversationDelegate(QObject *parent)
    : TwoLineRowDelegate(160, parent)
{
}

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    using Model = App::ConversationListModel;
    drawBackground(painter, option, index);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QRect r = option.rect.adjusted(8, 4, -8, -4);
    const int unread = index.data(Model::UnreadRole).toInt();
    if (unread > 0) {
        const QString count = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
        QFont badgeFont = option.font;
        badgeFont.setBold(true);
        const QFontMetrics badgeMetrics(badgeFont);
        const int h = badgeMetrics.height() + 2;
        const int w = std::max(h, badgeMetrics.horizontalAdvance(count) + 10);
        const QRect badge(r.right() - w, r.center().y() - h / 2, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0xd6, 0x45, 0x41));
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setPen(Qt::white);
        painter->setFont(badgeFont);
        painter->drawText(badge, Qt::AlignCenter, count);
        r.setRight(badge.left() - 6);
    }
    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    QString preview = index.data(Model::PreviewRole).toString();
    preview.replace(QLatin1Char('\n'), QLatin1Char(' '));
    drawLines(painter, option, r, index.data(Qt::DisplayRole).toString(), nameFont,
              textColor(option), preview);
    painter->restore();
}

} // namespace Gui
