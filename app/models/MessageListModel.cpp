// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "MessageListModel.h"

#include "storage/StorageThread.h"

namespace App {

MessageListModel::MessageListModel(StorageThread &storage, QObject *parent)
    : QAbstractListModel(parent)
    , m_storage(storage)
{
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_messages.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const StoredMessage &message = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case BodyRole:
        return message.body;
    case IdRole:
        return message.id;
    case OutgoingRole:
        return message.direction == MessageDirection::Outgoing;
    case TimeMsRole:
        return message.timeMs;
    case StateRole:
        return static_cast<int>(message.state);
    case FailureRole:
        if (message.state != MessageState::Failed)
            return QString();
        return message.failureCode
                ? QStringLiteral("%1 %2").arg(message.failureCode).arg(message.failureReason)
                : message.failureReason;
    case MessageRole:
        return QVariant::fromValue(message);
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "messageId");
    names.insert(BodyRole, "body");
    names.insert(OutgoingRole, "outgoing");
    names.insert(TimeMsRole, "timeMs");
    names.insert(StateRole, "state");
    names.insert(FailureRole, "failure");
    return names;
}

int MessageListModel::rowForId(qint64 id) const
{
    // Recent messages change state: search from the end.
    for (int row = static_cast<int>(m_messages.size()) - 1; row >= 0; --row) {
        if (m_messages.at(row).id == id)
            return row;
    }
    return -1;
}

void MessageListModel::setConversation(qint64 conversationId, const QString &peerUri)
{
    const int generation = ++m_generation;
    beginResetModel();
    m_messages.clear();
    m_conversationId = conversationId;
    m_peerUri = peerUri;
    endResetModel();
    m_atStart = conversationId == 0;
    m_fetching = conversationId != 0;
    if (!conversationId)
        return;
    const int pageSize = m_pageSize;
    m_storage.run(
            this,
            [conversationId, pageSize](StorageContext &s) {
                return s.messages().messages(conversationId, pageSize);
            },
            [this, generation, pageSize](const QList<StoredMessage> &page) {
                if (generation != m_generation)
                    return;
                m_fetching = false;
                m_atStart = page.size() < pageSize;
                if (!page.isEmpty()) {
                    // Messages that arrived while the page loaded are already listed.
                    QList<StoredMessage> merged = page;
                    for (const StoredMessage &m : std::as_const(m_messages)) {
                        if (std::none_of(page.cbegin(), page.cend(),
                                         [&](const StoredMessage &p) { return p.id == m.id; }))
                            merged.append(m);
                    }
                    beginResetModel();
                    m_messages = merged;
                    endResetModel();
                }
                emit pageLoaded(static_cast<int>(page.size()), false);
            });
}

bool MessageListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_conversationId && !m_atStart && !m_fetching
            && !m_messages.isEmpty();
}

void MessageListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const int generation = m_generation;
    const qint64 conversationId = m_conversationId;
    const int pageSize = m_pageSize;
    const StoredMessage first = m_messages.constFirst();
    m_storage.run(
            this,
            [conversationId, pageSize, first](StorageContext &s) {
                return s.messages().messages(conversationId, pageSize, first.timeMs, first.id);
            },
            [this, generation, pageSize](const QList<StoredMessage> &page) {
                if (generation != m_generation)
                    return;
                m_fetching = false;
                m_atStart = page.size() < pageSize;
                if (!page.isEmpty()) {
                    beginInsertRows({}, 0, static_cast<int>(page.size()) - 1);
                    m_messages = page + m_messages;
                    endInsertRows();
                }
                emit pageLoaded(static_cast<int>(page.size()), true);
            });
}

void MessageListModel::messageAdded(const StoredMessage &message)
{
    if (!m_conversationId || message.conversationId != m_conversationId)
        return;
    if (const int row = rowForId(message.id); row >= 0) {
        m_messages[row] = message;
        emit dataChanged(index(row), index(row));
        return;
    }
    const int row = static_cast<int>(m_messages.size());
    beginInsertRows({}, row, row);
    m_messages.append(message);
    endInsertRows();
}

void MessageListModel::setMessageState(qint64 id, MessageState state, int code,
                                       const QString &reason)
{
    const int row = rowForId(id);
    if (row < 0)
        return;
    StoredMessage &message = m_messages[row];
    message.state = state;
    message.failureCode = code;
    message.failureReason = reason;
    emit dataChanged(index(row), index(row), { StateRole, FailureRole });
}

} // namespace App
