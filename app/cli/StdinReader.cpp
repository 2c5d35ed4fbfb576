// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StdinReader.h"

#include <iostream>
#include <string>

namespace App {

void StdinReader::run()
{
    std::string line;
    // A line longer than this is cut: the protocol is line-oriented commands, and an
    // unbounded line must not cost unbounded memory.
    constexpr size_t maxLine = 64 * 1024;
    while (std::getline(std::cin, line)) {
        if (line.size() > maxLine)
            line.resize(maxLine);
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        emit lineRead(QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size())));
    }
    emit endOfInput();
}

} // namespace App
