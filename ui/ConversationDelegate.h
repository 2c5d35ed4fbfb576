// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TwoLineRowDelegate.h"

namespace Gui {

/// A conversation in the list: the peer's name, the last message and an unread badge.
class ConversationDelegate : public TwoLineRowDelegate
{
    Q_OBJECT
public:
    explicit ConversationDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace Gui
