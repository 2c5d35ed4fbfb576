// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace Gui {

/// The twelve keys 0-9 * #, by mouse or keyboard. Used to dial and, in a call, for DTMF.
class DialPad : public QWidget
{
    Q_OBJECT
public:
    explicit DialPad(QWidget *parent = nullptr);

signals:
    void digitPressed(QChar digit);

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace Gui
