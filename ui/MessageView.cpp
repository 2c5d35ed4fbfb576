// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageView.h"

#include <QScrollBar>
#include <QTimer>

namespace Gui {

MessageView::MessageView(QWidget *parent)
    : QListView(parent)
{
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(true);
    setResizeMode(QListView::Adjust);
    setFrameShape(QFrame::NoFrame);
}

void MessageView::setModel(QAbstractItemModel *model)
{
    QListView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first) {
                QScrollBar *bar = verticalScrollBar();
                m_atBottom = bar->value() >= bar->maximum() - 4;
                m_distanceFromBottom = bar->maximum() - bar->value();
                static_cast<void>(first);
            });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        // After the layout: older messages went on top (keep the place), new ones at the
        // end (follow them if we were at the bottom).
        const bool prepended = first == 0 && this->model()->rowCount() > 0;
        QTimer::singleShot(0, this, [this, prepended] {
            QScrollBar *bar = verticalScrollBar();
            if (prepended && !m_atBottom)
                bar->setValue(bar->maximum() - m_distanceFromBottom);
            else if (m_atBottom)
                scrollToBottom();
        });
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_atBottom = true;
        QTimer::singleShot(0, this, [this] { scrollToBottom(); });
    });
}

void MessageView::verticalScrollbarValueChanged(int value)
{
    // Not QAbstractItemView's: it fetches at the bottom.
    QScrollBar *bar = verticalScrollBar();
    m_atBottom = value >= bar->maximum() - 4;
    if (value == bar->minimum() && model() && model()->canFetchMore(rootIndex()))
        model()->fetchMore(rootIndex());
}

void MessageView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    // Bubbles wrap to the new width.
    scheduleDelayedItemsLayout();
}

} // namespace Gui
