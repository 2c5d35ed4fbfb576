// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryDelegate.h"

#include "IconLoader.h"
#include "models/CallHistoryModel.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace Gui {

HistoryDelegate::HistoryDelegate(QObject *parent)
    : TwoLineRowDelegate(200, parent)
{
}

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
    drawBackground(painter, option, index);

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
    const QColor nameColor = missed && !selected ? QColor(0xd6, 0x45, 0x41) : textColor(option);
    QFont nameFont = option.font;
    nameFont.setBold(!index.data(Model::SeenRole).toBool());
    const QFontMetrics metrics(option.font);
    const QString when = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(index.data(Model::StartMsRole).toLongLong()),
            QLocale::ShortFormat);
    const QString result = resultText(index);
    const int rightWidth
            = std::max(metrics.horizontalAdvance(when), metrics.horizontalAdvance(result)) + 4;
    const QRect textRect = r.adjusted(30, 0, -rightWidth - 8, 0);
    const QRect rightRect(r.right() - rightWidth, r.top(), rightWidth, r.height());

    // The second line's pen and font (left by drawLines) for the right-hand column too.
    const Lines lines = drawLines(painter, option, textRect, index.data(Qt::DisplayRole).toString(),
                                  nameFont, nameColor, index.data(Model::PeerUriRole).toString());
    painter->drawText(
            QRect(rightRect.left(), lines.first.top(), rightRect.width(), lines.first.height()),
            Qt::AlignRight | Qt::AlignVCenter, when);
    painter->drawText(
            QRect(rightRect.left(), lines.second.top(), rightRect.width(), lines.second.height()),
            Qt::AlignRight | Qt::AlignVCenter, result);
    painter->restore();
}

} // namespace Gui
