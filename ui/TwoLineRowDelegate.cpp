// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TwoLineRowDelegate.h"

#include <QApplication>
#include <QPainter>

namespace Gui {

TwoLineRowDelegate::TwoLineRowDelegate(int width, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_width(width)
{
}

QSize TwoLineRowDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return QSize(m_width, metrics.height() * 2 + 14);
}

void TwoLineRowDelegate::drawBackground(QPainter *painter, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

QColor TwoLineRowDelegate::textColor(const QStyleOptionViewItem &option)
{
    const bool selected = option.state & QStyle::State_Selected;
    return option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
}

TwoLineRowDelegate::Lines
TwoLineRowDelegate::drawLines(QPainter *painter, const QStyleOptionViewItem &option,
                              const QRect &area, const QString &first, const QFont &firstFont,
                              const QColor &firstColor, const QString &second)
{
    const QFontMetrics firstMetrics(firstFont);
    const QFontMetrics metrics(option.font);
    Lines lines;
    lines.first = QRect(area.left(), area.top(), area.width(), firstMetrics.height());
    lines.second = QRect(area.left(), lines.first.bottom() + 2, area.width(), metrics.height());
    painter->setPen(firstColor);
    painter->setFont(firstFont);
    painter->drawText(lines.first, Qt::AlignLeft | Qt::AlignVCenter,
                      firstMetrics.elidedText(first, Qt::ElideRight, lines.first.width()));
    QColor secondary = textColor(option);
    secondary.setAlphaF(0.65f);
    painter->setPen(secondary);
    painter->setFont(option.font);
    painter->drawText(lines.second, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(second, Qt::ElideRight, lines.second.width()));
    return lines;
}

} // namespace Gui
