// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DialLineEdit.h"

#include <QKeyEvent>

namespace Gui {

DialLineEdit::DialLineEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setClearButtonEnabled(true);
}

void DialLineEdit::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        const QString value = text().trimmed();
        if (!value.isEmpty()) {
            if (event->modifiers() & Qt::ControlModifier)
                emit chatRequested(value);
            else
                emit callRequested(value);
        }
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace Gui
