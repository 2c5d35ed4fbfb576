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
    QString id; // the GUI's key of the account (settings group, keychain entry); CLI: unused
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
    QString srtp = QStringLiteral("off"); // off | optional | mandatory (GUI; CLI: --srtp)

    bool isEmpty() const { return aor.isEmpty(); }
    // An empty string when valid, else what is wrong, naming the key.
    QString validate() const;

    // Reads (writes) group `group`: "account" for the CLI and a single-account file, the
    // GUI keeps several as "accounts/<id>" (AccountList).
    void load(QSettings &settings, const QString &group = QStringLiteral("account"));
    void save(QSettings &settings, const QString &group = QStringLiteral("account")) const;
    // srtp as the engine counts it: 0 off, 1 optional, 2 mandatory.
    int srtpPolicy() const;
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
