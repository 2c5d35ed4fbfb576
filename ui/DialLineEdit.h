// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLineEdit>

namespace Gui {

/// The search field that is also the dial field: typing filters contacts and history,
/// Enter calls what was typed, Ctrl+Enter opens a chat with it.
class DialLineEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit DialLineEdit(QWidget *parent = nullptr);

signals:
    void callRequested(const QString &text);
    void chatRequested(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace Gui
