// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactDelegate.h"

#include "IconLoader.h"
#include "PresenceColors.h"
#include "models/ContactListModel.h"

#include <QApplication>
#include <QPainter>

namespace Gui {

void ContactDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(10, 4, -10, -4);
    const QString presence = index.data(App::ContactListModel::PresenceRole).toString();
    const int dot = 12;
    const QRect dotRect(r.left(), r.center().y() - dot / 2, dot, dot);
    painter->setPen(Qt::NoPen);
    painter->setBrush(PresenceColors::color(presence));
    painter->drawEllipse(dotRect);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    QRect textRect = r.adjusted(dot + 10, 0, 0, 0);
    if (index.data(App::ContactListModel::FavouriteRole).toBool()) {
        const QRect star(r.right() - 16, r.center().y() - 8, 16, 16);
        IconLoader::icon(QStringLiteral("favourite")).paint(painter, star);
        textRect.setRight(star.left() - 6);
    }
    QFont nameFont = option.font;
    nameFont.setBold(true);
    const QFontMetrics nameMetrics(nameFont);
    const QString name = index.data(Qt::DisplayRole).toString();
    QString second = index.data(App::ContactListModel::PresenceNoteRole).toString();
    if (second.isEmpty())
        second = index.data(App::ContactListModel::SipUriRole).toString();
    const QString group = index.data(App::ContactListModel::GroupRole).toString();
    if (!group.isEmpty())
        second = group + QStringLiteral(" · ") + second;

    painter->setPen(option.palette.color(textRole));
    painter->setFont(nameFont);
    const QRect nameRect(textRect.left(), textRect.top(), textRect.width(), nameMetrics.height());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(name, Qt::ElideRight, nameRect.width()));
    QColor secondary = option.palette.color(textRole);
    secondary.setAlphaF(0.65f);
    painter->setPen(secondary);
    painter->setFont(option.font);
    const QFontMetrics metrics(option.font);
    const QRect secondRect(textRect.left(), nameRect.bottom() + 2, textRect.width(),
                           metrics.height());
    painter->drawText(secondRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(second, Qt::ElideRight, secondRect.width()));
    painter->restore();
}

QSize ContactDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return QSize(200, metrics.height() * 2 + 14);
}

} // namespace Gui
