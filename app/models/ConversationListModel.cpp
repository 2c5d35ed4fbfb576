// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConversationListModel.h"

#include "storage/StorageThread.h"

namespace App {

namespace {

struct Loaded
{
    QList<Conversation> conversations;
    QHash<qint64, QString> previews;
};

} // namespace

ConversationListModel::ConversationListModel(StorageThread &storage, QObject *parent)
    : QAbstractListModel(parent)
    , m_storage(storage)
{
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_conversations.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Conversation &conversation = m_conversations.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return m_nameResolver ? m_nameResolver(conversation.peerUri) : conversation.peerUri;
    case Qt::ToolTipRole:
    case PeerUriRole:
        return conversation.peerUri;
    case IdRole:
        return conversation.id;
    case UnreadRole:
        return conversation.unreadCount;
    case LastActivityMsRole:
        return conversation.lastActivityMs;
    case PreviewRole:
        return m_previews.value(conversation.id);
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(PeerUriRole, "peerUri");
    names.insert(UnreadRole, "unread");
    names.insert(LastActivityMsRole, "lastActivityMs");
    names.insert(PreviewRole, "preview");
    return names;
}

void ConversationListModel::setNameResolver(std::function<QString(const QString &)> resolver)
{
    m_nameResolver = std::move(resolver);
    if (!m_conversations.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), { Qt::DisplayRole });
}

int ConversationListModel::rowForId(qint64 conversationId) const
{
    for (int row = 0; row < m_conversations.size(); ++row) {
        if (m_conversations.at(row).id == conversationId)
            return row;
    }
    return -1;
}

int ConversationListModel::rowForPeer(const QString &peerUri) const
{
    for (int row = 0; row < m_conversations.size(); ++row) {
        if (m_conversations.at(row).peerUri == peerUri)
            return row;
    }
    return -1;
}

int ConversationListModel::totalUnread() const
{
    int total = 0;
    for (const Conversation &conversation : m_conversations)
        total += conversation.unreadCount;
    return total;
}

void ConversationListModel::emitTotal()
{
    const int total = totalUnread();
    if (total != m_lastTotal) {
        m_lastTotal = total;
        emit totalUnreadChanged(total);
    }
}

void ConversationListModel::reload()
{
    m_storage.run(
            this,
            [](StorageContext &s) {
                Loaded loaded;
                loaded.conversations = s.messages().conversations();
                for (const Conversation &conversation : std::as_const(loaded.conversations)) {
                    const QList<StoredMessage> last = s.messages().messages(conversation.id, 1);
                    if (!last.isEmpty())
                        loaded.previews.insert(conversation.id, last.constFirst().body);
                }
                return loaded;
            },
            [this](const Loaded &loaded) {
                beginResetModel();
                m_conversations = loaded.conversations;
                m_previews = loaded.previews;
                endResetModel();
                emitTotal();
            });
}

void ConversationListModel::messageAdded(const StoredMessage &message)
{
    int row = rowForId(message.conversationId);
    Conversation conversation;
    if (row >= 0) {
        conversation = m_conversations.at(row);
    } else {
        conversation.id = message.conversationId;
        conversation.peerUri = message.peerUri;
    }
    conversation.lastActivityMs = std::max(conversation.lastActivityMs, message.timeMs);
    if (message.direction == MessageDirection::Incoming)
        ++conversation.unreadCount;
    m_previews.insert(conversation.id, message.body);
    if (row > 0) {
        beginMoveRows({}, row, row, {}, 0);
        m_conversations.move(row, 0);
        endMoveRows();
        row = 0;
    }
    if (row == 0) {
        m_conversations[0] = conversation;
        emit dataChanged(index(0), index(0));
    } else {
        beginInsertRows({}, 0, 0);
        m_conversations.prepend(conversation);
        endInsertRows();
    }
    emitTotal();
}

void ConversationListModel::markRead(qint64 conversationId)
{
    const int row = rowForId(conversationId);
    if (row >= 0 && m_conversations.at(row).unreadCount != 0) {
        m_conversations[row].unreadCount = 0;
        emit dataChanged(index(row), index(row), { UnreadRole });
        emitTotal();
    }
}

void ConversationListModel::removeConversation(qint64 conversationId)
{
    const int row = rowForId(conversationId);
    if (row >= 0) {
        beginRemoveRows({}, row, row);
        m_conversations.removeAt(row);
        endRemoveRows();
        emitTotal();
    }
    m_storage.post([conversationId](StorageContext &s) {
        s.messages().removeConversation(conversationId);
    });
}

} // namespace App
