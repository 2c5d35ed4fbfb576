// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Gui {

/// What the list rows of contacts, calls and conversations have in common: the style's
/// row background (selection, hover), a first line over a dimmer second line, and a fixed
/// height of two text lines, so a view can lay out 10,000 rows without asking each one.
class TwoLineRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    /// `width`: the row's preferred width.
    TwoLineRowDelegate(int width, QObject *parent);

    struct Lines
    {
        QRect first;
        QRect second;
    };

    /// The style's background of the row, without the model's text or icon.
    void drawBackground(QPainter *painter, const QStyleOptionViewItem &option,
                        const QModelIndex &index) const;
    /// The text colour of the row (the highlighted one when it is selected).
    static QColor textColor(const QStyleOptionViewItem &option);
    /// `first` in `firstFont` and `firstColor` at the top of `area`, `second` below it in
    /// the row's font and text colour, dimmed; both elided to the width of `area`. Leaves
    /// the painter with the second line's pen and font.
    static Lines drawLines(QPainter *painter, const QStyleOptionViewItem &option, const QRect &area,
                           const QString &first, const QFont &firstFont, const QColor &firstColor,
                           const QString &second);

private:
    int m_width;
};

} // namespace Gui
