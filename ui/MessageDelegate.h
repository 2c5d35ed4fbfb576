// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QHash>
#include <QStyledItemDelegate>

#include <utility>

namespace Gui {

/// A chat message as a bubble: ours on the right in the highlight colour, theirs on the
/// left; the time and, for ours, the delivery state (sending, sent, failed with the
/// reason) under the text.
class MessageDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QString statusText(const QModelIndex &index);

private:
    struct Layout
    {
        QRect bubble;
        QRect text;
        QRect footer;
    };
    Layout layoutFor(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    // Bubble heights by (message id, width), for one font. QListView lays every row out
    // again whenever rows are inserted (each older page of a long chat), and wrapping a
    // body is the expensive part: without this, loading a 100,000-message chat stalls.
    // A message's body never changes, and its footer is one line whatever the state.
    mutable QHash<std::pair<qint64, int>, int> m_heights;
    mutable QFont m_heightsFont;
};

} // namespace Gui
