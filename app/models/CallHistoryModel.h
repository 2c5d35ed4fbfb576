// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/CallRecord.h"

#include <QAbstractListModel>
#include <QList>

namespace App {

class StorageThread;

/// The call history, newest first, one filter (all, missed, incoming, outgoing) at a
/// time; older pages load as the view scrolls (canFetchMore/fetchMore). All database work
/// runs in StorageThread jobs.
class CallHistoryModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        PeerUriRole,
        PeerNameRole,
        DirectionRole, // CallDirection as int
        MissedRole,
        StartMsRole,
        DurationSecondsRole, // talk time; 0 when never answered
        ResultCodeRole,
        ReasonRole,
        SeenRole,
        RecordRole,
    };

    explicit CallHistoryModel(StorageThread &storage, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    CallFilter filter() const { return m_filter; }
    CallRecord recordAt(int row) const { return m_records.value(row); }
    int unseenMissed() const { return m_unseenMissed; }
    void setPageSize(int size) { m_pageSize = size; }

public slots:
    void setFilter(App::CallFilter filter);
    void reload();
    // A call started or changed (CallHistoryRecorder::recorded).
    void addOrUpdate(const App::CallRecord &record);
    void markMissedSeen();
    void clear(); // the calls the current filter shows
    void refreshUnseenMissed();

signals:
    void unseenMissedChanged(int count);
    void reloaded();

private:
    bool accepts(const CallRecord &record) const;
    void setUnseen(int count);

    StorageThread &m_storage;
    QList<CallRecord> m_records;
    CallFilter m_filter = CallFilter::All;
    int m_pageSize = 100;
    bool m_atEnd = false;
    bool m_fetching = false;
    int m_generation = 0; // drops pages of a filter that is no longer shown
    int m_unseenMissed = 0;
};

} // namespace App
