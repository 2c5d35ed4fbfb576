// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationDelegate.h"

#include "models/ConversationListModel.h"

#include <QApplication>
#include <QPainter>

namespace Gui {

void ConversationDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    using Model = App::ConversationListModel;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

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
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics metrics(option.font);
    painter->setPen(text);
    painter->setFont(nameFont);
    const QRect nameRect(r.left(), r.top(), r.width(), nameMetrics.height());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                             nameRect.width()));
    QColor secondary = text;
    secondary.setAlphaF(0.65f);
    painter->setPen(secondary);
    painter->setFont(option.font);
    QString preview = index.data(Model::PreviewRole).toString();
    preview.replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QRect previewRect(r.left(), nameRect.bottom() + 2, r.width(), metrics.height());
    painter->drawText(previewRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(preview, Qt::ElideRight, previewRect.width()));
    painter->restore();
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return QSize(160, metrics.height() * 2 + 14);
}

} // namespace Gui
