// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountSettings.h"

#include <QList>
#include <QSettings>
#include <QString>

namespace App {

/// The GUI's accounts, in the order the user added them, and the default one (outgoing
/// calls and messages go from it unless another is chosen). Stored in the settings as
/// group "accounts" (keys "order" and "default") and one group "accounts/<id>" per
/// account; a settings file of the single-account days (group "account") is read as the
/// account "1". Passwords are never here (SecretStore, keyed by the account id).
class AccountList
{
public:
    const QList<AccountSettings> &accounts() const { return m_accounts; }
    bool isEmpty() const { return m_accounts.isEmpty(); }
    // The default account's id: the chosen one, else the first; empty without accounts.
    QString defaultId() const;
    void setDefaultId(const QString &id);
    // The account `id`; an empty AccountSettings when there is none.
    AccountSettings account(const QString &id) const;
    bool contains(const QString &id) const;

    // Adds (a new id when `account.id` is empty) or replaces; returns the id.
    QString put(AccountSettings account);
    bool remove(const QString &id);

    void load(QSettings &settings);
    void save(QSettings &settings) const;

private:
    QList<AccountSettings> m_accounts;
    QString m_defaultId;
    int m_nextId = 1; // ids are never reused (a removed account's keychain entry may linger)
};

} // namespace App
