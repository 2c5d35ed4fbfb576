// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountList.h"

#include <algorithm>

namespace App {

namespace {

const QString groupName = QStringLiteral("accounts");
const QString legacyGroup = QStringLiteral("account");
// The single account of older settings files keeps its id, and so its keychain entry.
const QString legacyId = QStringLiteral("1");

QString groupOf(const QString &id)
{
    return groupName + QLatin1Char('/') + id;
}

} // namespace

QString AccountList::defaultId() const
{
    if (contains(m_defaultId))
        return m_defaultId;
    return m_accounts.isEmpty() ? QString() : m_accounts.first().id;
}

void AccountList::setDefaultId(const QString &id)
{
    m_defaultId = id;
}

AccountSettings AccountList::account(const QString &id) const
{
    for (const AccountSettings &account : m_accounts) {
        if (account.id == id)
            return account;
    }
    return {};
}

bool AccountList::contains(const QString &id) const
{
    return !id.isEmpty() && !account(id).id.isEmpty();
}

QString AccountList::put(AccountSettings account)
{
    if (account.id.isEmpty()) {
        // Ids are never reused: a removed account's keychain entry may still be around.
        int next = m_nextId;
        for (const AccountSettings &a : std::as_const(m_accounts))
            next = std::max(next, a.id.toInt() + 1);
        account.id = QString::number(next);
        m_nextId = next + 1;
    }
    for (AccountSettings &existing : m_accounts) {
        if (existing.id == account.id) {
            existing = account;
            return account.id;
        }
    }
    m_accounts.append(account);
    return account.id;
}

bool AccountList::remove(const QString &id)
{
    for (qsizetype i = 0; i < m_accounts.size(); ++i) {
        if (m_accounts.at(i).id == id) {
            m_accounts.removeAt(i);
            return true;
        }
    }
    return false;
}

void AccountList::load(QSettings &settings)
{
    m_accounts.clear();
    const QStringList order = settings.value(groupName + QStringLiteral("/order")).toStringList();
    m_defaultId = settings.value(groupName + QStringLiteral("/default")).toString();
    m_nextId = std::max(1, settings.value(groupName + QStringLiteral("/next_id"), 1).toInt());
    for (const QString &id : order) {
        AccountSettings account;
        account.load(settings, groupOf(id));
        account.id = id;
        if (!account.isEmpty())
            m_accounts.append(account);
    }
    if (order.isEmpty()) {
        AccountSettings legacy;
        legacy.load(settings, legacyGroup);
        if (!legacy.isEmpty()) {
            legacy.id = legacyId;
            m_accounts.append(legacy);
        }
    }
}

void AccountList::save(QSettings &settings) const
{
    settings.remove(groupName);
    settings.remove(legacyGroup);
    QStringList order;
    for (const AccountSettings &account : m_accounts) {
        account.save(settings, groupOf(account.id));
        order.append(account.id);
    }
    settings.setValue(groupName + QStringLiteral("/order"), order);
    settings.setValue(groupName + QStringLiteral("/default"), defaultId());
    settings.setValue(groupName + QStringLiteral("/next_id"), m_nextId);
}

} // namespace App
