// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/Conversation.h"
#include "storage/StoredMessage.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <functional>

namespace App {

class StorageThread;

/// Conversations, most recent activity first, with unread counts and the last message
/// as a preview. Loaded and kept up to date through StorageThread jobs.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        PeerUriRole,
        UnreadRole,
        LastActivityMsRole,
        PreviewRole,
    };

    explicit ConversationListModel(StorageThread &storage, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int rowForId(qint64 conversationId) const;
    int rowForPeer(const QString &peerUri) const;
    Conversation conversationAt(int row) const { return m_conversations.value(row); }
    int totalUnread() const;
    // Shown instead of the address when set (the contact's name).
    void setNameResolver(std::function<QString(const QString &)> resolver);

public slots:
    void reload();
    // A message was stored (either direction): moves its conversation to the top.
    void messageAdded(const App::StoredMessage &message);
    // The user opened the conversation.
    void markRead(qint64 conversationId);
    void removeConversation(qint64 conversationId);

signals:
    void totalUnreadChanged(int count);

private:
    StorageThread &m_storage;
    QList<Conversation> m_conversations;
    QHash<qint64, QString> m_previews;
    std::function<QString(const QString &)> m_nameResolver;
    int m_lastTotal = -1;
    void emitTotal();
};

} // namespace App
