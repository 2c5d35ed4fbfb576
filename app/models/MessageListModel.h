// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/StoredMessage.h"

#include <QAbstractListModel>
#include <QList>

namespace App {

class StorageThread;

/// The messages of one conversation, oldest first. Opens with the newest page; older
/// pages are prepended by fetchMore() (the chat view asks when scrolled to the top), so
/// a conversation of 100,000 messages costs one page at a time.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        BodyRole,
        OutgoingRole,
        TimeMsRole,
        StateRole, // MessageState as int
        FailureRole, // "404 Not Found", empty unless failed
        MessageRole,
    };

    explicit MessageListModel(StorageThread &storage, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    qint64 conversationId() const { return m_conversationId; }
    QString peerUri() const { return m_peerUri; }
    StoredMessage messageAt(int row) const { return m_messages.value(row); }
    int rowForId(qint64 id) const;
    void setPageSize(int size) { m_pageSize = size; }
    bool isLoading() const { return m_fetching; }

public slots:
    // Shows the conversation (0: none). Loads its newest page.
    void setConversation(qint64 conversationId, const QString &peerUri);
    void messageAdded(const App::StoredMessage &message);
    void setMessageState(qint64 id, App::MessageState state, int code, const QString &reason);

signals:
    void pageLoaded(int rows, bool older);

private:
    StorageThread &m_storage;
    QList<StoredMessage> m_messages;
    qint64 m_conversationId = 0;
    QString m_peerUri;
    int m_pageSize = 50;
    bool m_atStart = true; // no older messages left
    bool m_fetching = false;
    int m_generation = 0;
};

} // namespace App
