// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace App {

class Database;

/// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed. IMMEDIATE
/// takes the write lock up front, so a transaction that reads then writes cannot fail
/// half-way with SQLITE_BUSY because another connection (another Parlo process, a
/// diagnostics tool) started writing in between.
class SqlTransaction
{
public:
    explicit SqlTransaction(Database &db);
    ~SqlTransaction();
    Q_DISABLE_COPY_MOVE(SqlTransaction)

    bool isActive() const { return m_active; }
    // true once the data is committed to the WAL file: it survives the process being killed.
    bool commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace App
