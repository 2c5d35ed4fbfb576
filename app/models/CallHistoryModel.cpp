// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallHistoryModel.h"

#include "storage/StorageThread.h"

namespace App {

CallHistoryModel::CallHistoryModel(StorageThread &storage, QObject *parent)
    : QAbstractListModel(parent)
    , m_storage(storage)
{
}

int CallHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

QVariant CallHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CallRecord &record = m_records.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return record.peerName.isEmpty() ? record.peerUri : record.peerName;
    case Qt::ToolTipRole:
        return record.peerUri;
    case IdRole:
        return record.id;
    case PeerUriRole:
        return record.peerUri;
    case PeerNameRole:
        return record.peerName;
    case DirectionRole:
        return static_cast<int>(record.direction);
    case MissedRole:
        return record.isMissed();
    case StartMsRole:
        return record.startMs;
    case DurationSecondsRole:
        return record.answerMs && record.endMs > record.answerMs
                ? static_cast<int>((record.endMs - record.answerMs) / 1000)
                : 0;
    case ResultCodeRole:
        return record.resultCode;
    case ReasonRole:
        return record.reason;
    case SeenRole:
        return record.seen;
    case RecordRole:
        return QVariant::fromValue(record);
    default:
        return {};
    }
}

QHash<int, QByteArray> CallHistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "recordId");
    names.insert(PeerUriRole, "peerUri");
    names.insert(PeerNameRole, "peerName");
    names.insert(DirectionRole, "direction");
    names.insert(MissedRole, "missed");
    names.insert(StartMsRole, "startMs");
    names.insert(DurationSecondsRole, "durationSeconds");
    names.insert(ResultCodeRole, "resultCode");
    names.insert(ReasonRole, "reason");
    names.insert(SeenRole, "seen");
    return names;
}

bool CallHistoryModel::accepts(const CallRecord &record) const
{
    switch (m_filter) {
    case CallFilter::All:
        return true;
    case CallFilter::Missed:
        return record.isMissed();
    case CallFilter::Incoming:
        return record.direction == CallDirection::Incoming;
    case CallFilter::Outgoing:
        return record.direction == CallDirection::Outgoing;
    }
    return true;
}

void CallHistoryModel::setFilter(CallFilter filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    reload();
}

void CallHistoryModel::reload()
{
    const int generation = ++m_generation;
    m_fetching = true;
    const CallFilter filter = m_filter;
    const int pageSize = m_pageSize;
    m_storage.run(
            this,
            [filter, pageSize](StorageContext &s) { return s.calls().calls(filter, pageSize); },
            [this, generation, pageSize](const QList<CallRecord> &records) {
                if (generation != m_generation)
                    return;
                beginResetModel();
                m_records = records;
                endResetModel();
                m_atEnd = records.size() < pageSize;
                m_fetching = false;
                emit reloaded();
            });
    refreshUnseenMissed();
}

bool CallHistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching && !m_records.isEmpty();
}

void CallHistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const int generation = m_generation;
    const CallFilter filter = m_filter;
    const int pageSize = m_pageSize;
    const CallRecord last = m_records.constLast();
    m_storage.run(
            this,
            [filter, pageSize, last](StorageContext &s) {
                return s.calls().calls(filter, pageSize, last.startMs, last.id);
            },
            [this, generation, pageSize](const QList<CallRecord> &records) {
                if (generation != m_generation)
                    return;
                m_fetching = false;
                m_atEnd = records.size() < pageSize;
                if (records.isEmpty())
                    return;
                const int first = static_cast<int>(m_records.size());
                beginInsertRows({}, first, first + static_cast<int>(records.size()) - 1);
                m_records.append(records);
                endInsertRows();
            });
}

void CallHistoryModel::addOrUpdate(const CallRecord &record)
{
    for (int row = 0; row < m_records.size(); ++row) {
        if (m_records.at(row).id == record.id) {
            if (accepts(record)) {
                m_records[row] = record;
                emit dataChanged(index(row), index(row));
            } else {
                beginRemoveRows({}, row, row);
                m_records.removeAt(row);
                endRemoveRows();
            }
            refreshUnseenMissed();
            return;
        }
    }
    if (accepts(record)) {
        // New calls are the newest: they go on top.
        beginInsertRows({}, 0, 0);
        m_records.prepend(record);
        endInsertRows();
    }
    refreshUnseenMissed();
}

void CallHistoryModel::markMissedSeen()
{
    for (int row = 0; row < m_records.size(); ++row) {
        if (!m_records.at(row).seen) {
            m_records[row].seen = true;
            emit dataChanged(index(row), index(row), { SeenRole });
        }
    }
    setUnseen(0);
    m_storage.run(
            this, [](StorageContext &s) { return s.calls().markMissedSeen(); },
            [this](bool) { refreshUnseenMissed(); });
}

void CallHistoryModel::clear()
{
    const CallFilter filter = m_filter;
    ++m_generation;
    beginResetModel();
    m_records.clear();
    endResetModel();
    m_atEnd = true;
    m_storage.run(
            this, [filter](StorageContext &s) { return s.calls().clear(filter); },
            [this](bool) { reload(); });
}

void CallHistoryModel::refreshUnseenMissed()
{
    m_storage.run(
            this, [](StorageContext &s) { return s.calls().unseenMissedCount().value_or(0); },
            [this](int count) { setUnseen(count); });
}

void CallHistoryModel::setUnseen(int count)
{
    if (count == m_unseenMissed)
        return;
    m_unseenMissed = count;
    emit unseenMissedChanged(count);
}

} // namespace App
