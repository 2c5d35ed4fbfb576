// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DialPad.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QToolButton>

namespace Gui {

DialPad::DialPad(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("dialPad"));
    setAccessibleName(tr("Dial pad"));
    setFocusPolicy(Qt::StrongFocus);
    auto *grid = new QGridLayout(this);
    grid->setSpacing(6);
    const QString keys = QStringLiteral("123456789*0#");
    const QStringList letters { QString(),
                                QStringLiteral("ABC"),
                                QStringLiteral("DEF"),
                                QStringLiteral("GHI"),
                                QStringLiteral("JKL"),
                                QStringLiteral("MNO"),
                                QStringLiteral("PQRS"),
                                QStringLiteral("TUV"),
                                QStringLiteral("WXYZ"),
                                QString(),
                                QStringLiteral("+"),
                                QString() };
    for (int i = 0; i < keys.size(); ++i) {
        const QChar digit = keys.at(i);
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("dialKey_%1").arg(i));
        button->setText(letters.at(i).isEmpty()
                                ? QString(digit)
                                : QStringLiteral("%1\n%2").arg(digit).arg(letters.at(i)));
        button->setAccessibleName(tr("Key %1").arg(digit));
        button->setMinimumSize(56, 44);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        button->setFocusPolicy(Qt::NoFocus);
        connect(button, &QToolButton::clicked, this, [this, digit] { emit digitPressed(digit); });
        grid->addWidget(button, i / 3, i % 3);
    }
}

void DialPad::keyPressEvent(QKeyEvent *event)
{
    const QString text = event->text();
    if (text.size() == 1 && QStringLiteral("0123456789*#").contains(text.at(0))) {
        emit digitPressed(text.at(0));
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Gui
