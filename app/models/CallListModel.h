// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/CallInfo.h"

#include <QAbstractListModel>
#include <QList>

namespace App {

class CallController;

/// The current calls (ringing, connected, held, just ended) for the call window.
class CallListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        PeerUriRole,
        PeerNameRole,
        StateRole, // CallInfo::State as int
        DirectionRole,
        ConnectedMsRole,
        LocalHoldRole,
        MutedRole,
        CallInfoRole, // the whole CallInfo
    };

    explicit CallListModel(CallController &controller, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowOf(const QString &id) const;
    CallInfo callAt(int row) const { return m_calls.value(row); }

private:
    QList<CallInfo> m_calls;
};

} // namespace App
