// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>

#include <optional>

namespace App {

/// "udp:127.0.0.1:5070", "tcp:[::1]:5060", "tls:0.0.0.0:0": where to listen.
struct ListenAddress
{
    QString transport; // udp | tcp | tls
    QHostAddress address;
    quint16 port = 0;

    static std::optional<ListenAddress> parse(const QString &spec, QString *error);
};

} // namespace App
