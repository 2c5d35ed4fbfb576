// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactDelegate.h"

#include "IconLoader.h"
#include "PresenceColors.h"
#include "models/ContactListModel.h"

#include <QPainter>

namespace Gui {

ContactDelegate::ContactDelegate(QObject *parent)
    : TwoLineRowDelegate(200, parent)
{
}

void ContactDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    drawBackground(painter, option, index);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect r = option.rect.adjusted(10, 4, -10, -4);
    const QString presence = index.data(App::ContactListModel::PresenceRole).toString();
    const int dot = 12;
    const QRect dotRect(r.left(), r.center().y() - dot / 2, dot, dot);
    painter->setPen(Qt::NoPen);
    painter->setBrush(PresenceColors::color(presence));
    painter->drawEllipse(dotRect);

    QRect textRect = r.adjusted(dot + 10, 0, 0, 0);
    if (index.data(App::ContactListModel::FavouriteRole).toBool()) {
        const QRect star(r.right() - 16, r.center().y() - 8, 16, 16);
        IconLoader::icon(QStringLiteral("favourite")).paint(painter, star);
        textRect.setRight(star.left() - 6);
    }
    QFont nameFont = option.font;
    nameFont.setBold(true);
    QString second = index.data(App::ContactListModel::PresenceNoteRole).toString();
    if (second.isEmpty())
        second = index.data(App::ContactListModel::SipUriRole).toString();
    const QString group = index.data(App::ContactListModel::GroupRole).toString();
    if (!group.isEmpty())
        second = group + QStringLiteral(" · ") + second;

    drawLines(painter, option, textRect, index.data(Qt::DisplayRole).toString(), nameFont,
              textColor(option), second);
    painter->restore();
}

} // namespace Gui
