// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>

namespace App {

/// One SIP account as the user configures it, the same keys in the GUI's settings and in
/// a `parlo-cli --config` file (INI, group [account]). The password is never stored here:
/// the GUI keeps it in the OS keychain, the CLI reads it from an environment variable.
struct AccountSettings
{
    QString aor; // sip:alice@example.com
    QString authUser;
    QString displayName;
    QString proxy; // outbound proxy URI, empty: the AOR's domain
    QString transport = QStringLiteral("udp"); // udp | tcp | tls
    bool registerEnabled = true;
    int expires = 600;
    QString tlsCaFile;
    QString acceptedCertificate; // SHA-256 fingerprint the user chose to trust
    QString passwordEnv; // CLI only: the variable holding the password

    bool isEmpty() const { return aor.isEmpty(); }
    // An empty string when valid, else what is wrong, naming the key.
    QString validate() const;

    void load(QSettings &settings); // reads group "account"
    void save(QSettings &settings) const;
};

/// Network settings: where Parlo listens ("udp:127.0.0.1:5070", "tcp:[::1]:0", ...).
struct NetworkSettings
{
    QStringList listen;

    QString validate() const;
    void load(QSettings &settings); // group "network"
    void save(QSettings &settings) const;
};

} // namespace App
