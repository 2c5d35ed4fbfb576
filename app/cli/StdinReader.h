// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QThread>

namespace App {

/// Reads standard input line by line on a thread of its own (a blocking read works on
/// every platform, unlike a socket notifier on a console handle) and hands each line
/// to the owner's thread as a queued signal. Emits endOfInput once at EOF.
class StdinReader : public QThread
{
    Q_OBJECT
public:
    using QThread::QThread;

signals:
    void lineRead(const QString &line);
    void endOfInput();

protected:
    void run() override;
};

} // namespace App
