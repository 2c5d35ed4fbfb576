// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryDelegate.h"

#include "IconLoader.h"
#include "models/CallHistoryModel.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace Gui {

QString HistoryDelegate::durationText(int seconds)
{
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
                .arg(seconds / 3600)
                .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString HistoryDelegate::resultText(const QModelIndex &index)
{
    using Model = App::CallHistoryModel;
    const int duration = index.data(Model::DurationSecondsRole).toInt();
    const App::CallRecord record = index.data(Model::RecordRole).value<App::CallRecord>();
    if (record.answerMs)
        return durationText(duration);
    if (record.endMs == 0)
        return tr("In progress");
    if (index.data(Model::MissedRole).toBool())
        return tr("Missed");
    const QString reason = index.data(Model::ReasonRole).toString();
    const int code = index.data(Model::ResultCodeRole).toInt();
    if (code == 486)
        return tr("Busy");
    if (code == 487)
        return tr("Cancelled");
    if (code == 603)
        return tr("Declined");
    if (code == 408 || code == 480)
        return tr("No answer");
    return reason.isEmpty() ? tr("Not connected") : reason;
}

void HistoryDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    using Model = App::CallHistoryModel;
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    const QRect r = option.rect.adjusted(10, 4, -10, -4);
    const bool missed = index.data(Model::MissedRole).toBool();
    const bool outgoing = index.data(Model::DirectionRole).toInt()
            == static_cast<int>(App::CallDirection::Outgoing);
    const QString iconName = missed
            ? QStringLiteral("missed")
            : (outgoing ? QStringLiteral("outgoing") : QStringLiteral("incoming"));
    const QRect iconRect(r.left(), r.center().y() - 10, 20, 20);
    IconLoader::icon(iconName).paint(painter, iconRect);

    const bool selected = option.state & QStyle::State_Selected;
    QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    if (missed && !selected)
        text = QColor(0xd6, 0x45, 0x41);
    QFont nameFont = option.font;
    nameFont.setBold(!index.data(Model::SeenRole).toBool());
    const QFontMetrics nameMetrics(nameFont);
    const QFontMetrics metrics(option.font);
    const QString when = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(index.data(Model::StartMsRole).toLongLong()),
            QLocale::ShortFormat);
    const QString result = resultText(index);
    const int rightWidth
            = std::max(metrics.horizontalAdvance(when), metrics.horizontalAdvance(result)) + 4;
    const QRect textRect = r.adjusted(30, 0, -rightWidth - 8, 0);
    const QRect rightRect(r.right() - rightWidth, r.top(), rightWidth, r.height());

    painter->setPen(text);
    painter->setFont(nameFont);
    const QRect nameRect(textRect.left(), textRect.top(), textRect.width(), nameMetrics.height());
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      nameMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                             nameRect.width()));
    QColor secondary = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    secondary.setAlphaF(0.65f);
    painter->setPen(secondary);
    painter->setFont(option.font);
    const QRect uriRect(textRect.left(), nameRect.bottom() + 2, textRect.width(), metrics.height());
    painter->drawText(uriRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(index.data(Model::PeerUriRole).toString(), Qt::ElideRight,
                                         uriRect.width()));
    painter->drawText(QRect(rightRect.left(), nameRect.top(), rightRect.width(), nameRect.height()),
                      Qt::AlignRight | Qt::AlignVCenter, when);
    painter->drawText(QRect(rightRect.left(), uriRect.top(), rightRect.width(), uriRect.height()),
                      Qt::AlignRight | Qt::AlignVCenter, result);
    painter->restore();
}

QSize HistoryDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics metrics(option.font);
    return QSize(200, metrics.height() * 2 + 14);
}

} // namespace Gui
