// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TwoLineRowDelegate.h"

namespace Gui {

/// One call of the history: direction icon (missed in red), name, when, and the
/// duration or why it did not connect.
class HistoryDelegate : public TwoLineRowDelegate
{
    Q_OBJECT
public:
    explicit HistoryDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    static QString durationText(int seconds);
    static QString resultText(const QModelIndex &index);
};

} // namespace Gui
