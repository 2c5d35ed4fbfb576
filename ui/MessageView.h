// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QListView>

namespace Gui {

/// The chat history view. Older messages load when the user scrolls to the top (not the
/// bottom, as QAbstractItemView assumes), and the view keeps its place when they arrive;
/// when it was at the bottom it follows new messages.
class MessageView : public QListView
{
    Q_OBJECT
public:
    explicit MessageView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

protected:
    void verticalScrollbarValueChanged(int value) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    bool m_atBottom = true;
    int m_distanceFromBottom = 0;
};

} // namespace Gui
