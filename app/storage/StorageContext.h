// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/CallHistoryStore.h"
#include "storage/ContactStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"

namespace App {

/// A database and its stores, created, used and destroyed in one thread. StorageThread
/// hands it to the jobs it runs; tests and tools may use one directly.
class StorageContext
{
public:
    explicit StorageContext(const QString &path = Database::defaultPath())
        : m_database(path)
        , m_messages(m_database)
        , m_contacts(m_database)
        , m_calls(m_database)
    {
    }
    Q_DISABLE_COPY_MOVE(StorageContext)

    Database &database() { return m_database; }
    MessageStore &messages() { return m_messages; }
    ContactStore &contacts() { return m_contacts; }
    CallHistoryStore &calls() { return m_calls; }

private:
    Database m_database;
    MessageStore m_messages;
    ContactStore m_contacts;
    CallHistoryStore m_calls;
};

} // namespace App
