// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/SqlTransaction.h"

#include "storage/Database.h"

namespace App {

SqlTransaction::SqlTransaction(Database &db)
    : m_db(db)
{
    m_active = m_db.execute(QStringLiteral("BEGIN IMMEDIATE"), "begin a transaction");
}

SqlTransaction::~SqlTransaction()
{
    rollback();
}

bool SqlTransaction::commit()
{
    if (!m_active)
        return false;
    if (!m_db.execute(QStringLiteral("COMMIT"), "commit")) {
        // A failed COMMIT (disk full, I/O error) can leave the transaction open; roll back
        // so the connection is usable again and the caller knows nothing was stored.
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    const QString error = m_db.lastError();
    // ROLLBACK fails harmlessly if SQLite already rolled back on its own (e.g. after an
    // I/O error); keep the original error, which is the useful one.
    m_db.execute(QStringLiteral("ROLLBACK"), "roll back");
    if (!error.isEmpty() && m_db.lastError() != error)
        m_db.setError(error);
}

} // namespace App
