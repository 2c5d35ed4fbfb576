// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallListModel.h"

#include "calls/CallController.h"

namespace App {

CallListModel::CallListModel(CallController &controller, QObject *parent)
    : QAbstractListModel(parent)
    , m_calls(controller.calls())
{
    connect(&controller, &CallController::callAdded, this, [this](const CallInfo &call) {
        beginInsertRows({}, static_cast<int>(m_calls.size()), static_cast<int>(m_calls.size()));
        m_calls.append(call);
        endInsertRows();
    });
    connect(&controller, &CallController::callChanged, this, [this](const CallInfo &call) {
        const int row = rowOf(call.id);
        if (row < 0)
            return;
        m_calls[row] = call;
        emit dataChanged(index(row), index(row));
    });
    connect(&controller, &CallController::callRemoved, this, [this](const QString &id) {
        const int row = rowOf(id);
        if (row < 0)
            return;
        beginRemoveRows({}, row, row);
        m_calls.removeAt(row);
        endRemoveRows();
    });
}

int CallListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_calls.size());
}

int CallListModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_calls.size(); ++row) {
        if (m_calls.at(row).id == id)
            return row;
    }
    return -1;
}

QVariant CallListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CallInfo &call = m_calls.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return call.peerName.isEmpty() ? call.peerUri : call.peerName;
    case IdRole:
        return call.id;
    case PeerUriRole:
        return call.peerUri;
    case PeerNameRole:
        return call.peerName;
    case StateRole:
        return static_cast<int>(call.state);
    case DirectionRole:
        return static_cast<int>(call.direction);
    case ConnectedMsRole:
        return call.connectedMs;
    case LocalHoldRole:
        return call.localHold;
    case MutedRole:
        return call.muted;
    case CallInfoRole:
        return QVariant::fromValue(call);
    default:
        return {};
    }
}

QHash<int, QByteArray> CallListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "callId");
    names.insert(PeerUriRole, "peerUri");
    names.insert(PeerNameRole, "peerName");
    names.insert(StateRole, "state");
    names.insert(DirectionRole, "direction");
    names.insert(ConnectedMsRole, "connectedMs");
    names.insert(LocalHoldRole, "localHold");
    names.insert(MutedRole, "muted");
    return names;
}

} // namespace App
