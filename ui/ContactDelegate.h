// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "TwoLineRowDelegate.h"

namespace Gui {

/// One contact row: presence dot, name, favourite star, and the presence note (or the
/// address) below.
class ContactDelegate : public TwoLineRowDelegate
{
    Q_OBJECT
public:
    explicit ContactDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace Gui
