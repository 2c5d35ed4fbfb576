// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageDelegate.h"

#include "models/MessageListModel.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

namespace Gui {

namespace {

constexpr int margin = 8; // around the bubble
constexpr int padding = 8; // inside it
constexpr int gap = 2; // text to footer

} // namespace

QString MessageDelegate::statusText(const QModelIndex &index)
{
    using Model = App::MessageListModel;
    const QString time = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(index.data(Model::TimeMsRole).toLongLong()).time(),
            QLocale::ShortFormat);
    if (!index.data(Model::OutgoingRole).toBool())
        return time;
    switch (static_cast<App::MessageState>(index.data(Model::StateRole).toInt())) {
    case App::MessageState::Queued:
        return tr("%1 · waiting").arg(time);
    case App::MessageState::Sending:
        return tr("%1 · sending…").arg(time);
    case App::MessageState::Sent:
        return tr("%1 · sent").arg(time);
    case App::MessageState::Failed:
        return tr("%1 · failed: %2 — double-click to resend")
                .arg(time, index.data(Model::FailureRole).toString());
    case App::MessageState::Received:
        break;
    }
    return time;
}

MessageDelegate::Layout MessageDelegate::layoutFor(const QStyleOptionViewItem &option,
                                                   const QModelIndex &index) const
{
    const bool outgoing = index.data(App::MessageListModel::OutgoingRole).toBool();
    const int maxWidth = std::max(120, option.rect.width() * 3 / 4);
    const QFontMetrics metrics(option.font);
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics smallMetrics(small);
    const QString body = index.data(App::MessageListModel::BodyRole).toString();
    const QRect textBounds = metrics.boundingRect(QRect(0, 0, maxWidth - 2 * padding, 100000),
                                                  Qt::TextWordWrap | Qt::TextWrapAnywhere, body);
    const QString footer = statusText(index);
    const int footerWidth
            = std::min(maxWidth - 2 * padding, smallMetrics.horizontalAdvance(footer));
    const int innerWidth = std::max(textBounds.width(), footerWidth);
    const int height = textBounds.height() + gap + smallMetrics.height() + 2 * padding;
    const int width = innerWidth + 2 * padding;
    const int left = outgoing ? option.rect.right() - margin - width : option.rect.left() + margin;
    Layout layout;
    layout.bubble = QRect(left, option.rect.top() + margin / 2, width, height);
    layout.text
            = QRect(left + padding, layout.bubble.top() + padding, innerWidth, textBounds.height());
    layout.footer
            = QRect(left + padding, layout.text.bottom() + gap, innerWidth, smallMetrics.height());
    return layout;
}

void MessageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    using Model = App::MessageListModel;
    const Layout layout = layoutFor(option, index);
    const bool outgoing = index.data(Model::OutgoingRole).toBool();
    const bool failed = static_cast<App::MessageState>(index.data(Model::StateRole).toInt())
            == App::MessageState::Failed;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = outgoing ? option.palette.color(QPalette::Highlight)
                           : option.palette.color(QPalette::AlternateBase);
    if (!outgoing && fill == option.palette.color(QPalette::Base))
        fill = option.palette.color(QPalette::Button);
    const QColor text = outgoing ? option.palette.color(QPalette::HighlightedText)
                                 : option.palette.color(QPalette::Text);
    QPainterPath path;
    path.addRoundedRect(layout.bubble, 10, 10);
    painter->fillPath(path, fill);
    if (failed) {
        painter->setPen(QPen(QColor(0xd6, 0x45, 0x41), 2));
        painter->drawPath(path);
    }
    painter->setPen(text);
    painter->setFont(option.font);
    painter->drawText(layout.text, Qt::TextWordWrap | Qt::TextWrapAnywhere,
                      index.data(Model::BodyRole).toString());
    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter->setFont(small);
    QColor footerColor = failed && !outgoing ? QColor(0xd6, 0x45, 0x41) : text;
    footerColor.setAlphaF(0.8f);
    painter->setPen(footerColor);
    const QFontMetrics smallMetrics(small);
    painter->drawText(
            layout.footer, Qt::AlignRight | Qt::AlignVCenter,
            smallMetrics.elidedText(statusText(index), Qt::ElideRight, layout.footer.width()));
    painter->restore();
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = option.rect.width() > 0 ? option.rect.width() : 300;
    // A new font, or many widths (resizing) of a long chat: start again.
    if (option.font != m_heightsFont || m_heights.size() > 1000000) {
        m_heights.clear();
        m_heightsFont = option.font;
    }
    const qint64 id = index.data(App::MessageListModel::IdRole).toLongLong();
    const std::pair<qint64, int> key(id, width);
    if (const auto cached = m_heights.constFind(key); id != 0 && cached != m_heights.cend())
        return QSize(width, *cached);
    const int height = layoutFor(option, index).bubble.height() + margin;
    if (id != 0)
        m_heights.insert(key, height);
    return QSize(width, height);
}

} // namespace Gui
