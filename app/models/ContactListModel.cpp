// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactListModel.h"

#include "storage/SipUriNormalizer.h"
#include "storage/StorageThread.h"

#include <algorithm>

namespace App {

namespace {

struct SaveResult
{
    qint64 id = 0;
    QString error;
    Contact contact;
};

struct ImportOutcome
{
    QList<Contact> added;
    QStringList errors;
};

} // namespace

ContactListModel::ContactListModel(StorageThread &storage, QObject *parent)
    : QAbstractListModel(parent)
    , m_storage(storage)
{
}

int ContactListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_contacts.size());
}

QVariant ContactListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Contact &contact = m_contacts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return contact.displayName.isEmpty() ? contact.sipUri : contact.displayName;
    case Qt::ToolTipRole:
        return contact.sipUri;
    case IdRole:
        return contact.id;
    case SipUriRole:
        return contact.sipUri;
    case GroupRole:
        return contact.group;
    case FavouriteRole:
        return contact.favourite;
    case PresenceRole:
        return m_presence.value(contact.sipUri).key;
    case PresenceNoteRole:
        return m_presence.value(contact.sipUri).note;
    case SearchTextRole: {
        QStringList parts { contact.displayName, contact.sipUri, contact.group };
        for (const PhoneNumber &number : contact.numbers)
            parts.append(number.number);
        parts.append(contact.emails);
        return parts.join(QLatin1Char('\n')).toLower();
    }
    case ContactRole:
        return QVariant::fromValue(contact);
    default:
        return {};
    }
}

QHash<int, QByteArray> ContactListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "contactId");
    names.insert(DisplayNameRole, "displayName");
    names.insert(SipUriRole, "sipUri");
    names.insert(GroupRole, "group");
    names.insert(FavouriteRole, "favourite");
    names.insert(PresenceRole, "presence");
    names.insert(PresenceNoteRole, "presenceNote");
    return names;
}

int ContactListModel::rowForUri(const QString &uri) const
{
    const QString normalized = SipUriNormalizer::normalize(uri);
    for (int row = 0; row < m_contacts.size(); ++row) {
        if (m_contacts.at(row).sipUri == normalized)
            return row;
    }
    return -1;
}

int ContactListModel::rowForId(qint64 id) const
{
    for (int row = 0; row < m_contacts.size(); ++row) {
        if (m_contacts.at(row).id == id)
            return row;
    }
    return -1;
}

QStringList ContactListModel::sipUris() const
{
    QStringList uris;
    uris.reserve(m_contacts.size());
    for (const Contact &contact : m_contacts) {
        if (!contact.sipUri.isEmpty())
            uris.append(contact.sipUri);
    }
    return uris;
}

QString ContactListModel::displayNameFor(const QString &uri) const
{
    const int row = rowForUri(uri);
    if (row >= 0 && !m_contacts.at(row).displayName.isEmpty())
        return m_contacts.at(row).displayName;
    return uri;
}

QString ContactListModel::presenceKey(const QString &basic, const QString &activity)
{
    const QString a = activity.toLower();
    if (basic.compare(QLatin1String("closed"), Qt::CaseInsensitive) == 0
        || basic.compare(QLatin1String("offline"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("offline");
    if (a == QLatin1String("away") || a == QLatin1String("vacation")
        || a == QLatin1String("sleeping") || a == QLatin1String("idle"))
        return QStringLiteral("away");
    if (a == QLatin1String("busy") || a == QLatin1String("on-the-phone")
        || a == QLatin1String("meeting") || a == QLatin1String("meal"))
        return QStringLiteral("busy");
    if (a == QLatin1String("dnd") || a == QLatin1String("do-not-disturb"))
        return QStringLiteral("dnd");
    if (basic.compare(QLatin1String("open"), Qt::CaseInsensitive) == 0
        || basic.compare(QLatin1String("available"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("available");
    // The engine's single status word ("away", "busy", ...) arrives as basic.
    if (activity.isEmpty() && !basic.isEmpty())
        return presenceKey(QStringLiteral("open"), basic);
    return QStringLiteral("unknown");
}

bool ContactListModel::lessThan(const Contact &a, const Contact &b)
{
    const QString &left = a.displayName.isEmpty() ? a.sipUri : a.displayName;
    const QString &right = b.displayName.isEmpty() ? b.sipUri : b.displayName;
    const int order = left.compare(right, Qt::CaseInsensitive);
    return order != 0 ? order < 0 : a.id < b.id;
}

void ContactListModel::insertSorted(const Contact &contact)
{
    const auto it = std::lower_bound(m_contacts.begin(), m_contacts.end(), contact, lessThan);
    const int row = static_cast<int>(it - m_contacts.begin());
    beginInsertRows({}, row, row);
    m_contacts.insert(row, contact);
    endInsertRows();
}

void ContactListModel::reload()
{
    m_storage.run(
            this, [](StorageContext &s) { return s.contacts().all(); },
            [this](QList<Contact> contacts) {
                std::stable_sort(contacts.begin(), contacts.end(), lessThan);
                beginResetModel();
                m_contacts = std::move(contacts);
                endResetModel();
                m_loaded = true;
                emit loaded();
                emit sipUrisChanged(sipUris());
            });
}

void ContactListModel::addContact(const Contact &contact)
{
    m_storage.run(
            this,
            [contact](StorageContext &s) {
                SaveResult result;
                const auto id = s.contacts().add(contact);
                if (!id) {
                    result.error = s.database().lastError();
                    return result;
                }
                result.id = *id;
                result.contact = s.contacts().contact(*id).value_or(contact);
                result.contact.id = *id;
                return result;
            },
            [this](const SaveResult &result) {
                if (result.id)
                    insertSorted(result.contact);
                emit saved(result.id, result.error);
                if (result.id)
                    emit sipUrisChanged(sipUris());
            });
}

void ContactListModel::updateContact(const Contact &contact)
{
    m_storage.run(
            this,
            [contact](StorageContext &s) {
                SaveResult result;
                if (!s.contacts().update(contact)) {
                    result.error = s.database().lastError();
                    return result;
                }
                result.id = contact.id;
                result.contact = s.contacts().contact(contact.id).value_or(contact);
                return result;
            },
            [this](const SaveResult &result) {
                if (result.id) {
                    const int row = rowForId(result.id);
                    if (row >= 0) {
                        beginRemoveRows({}, row, row);
                        m_contacts.removeAt(row);
                        endRemoveRows();
                    }
                    insertSorted(result.contact);
                    emit sipUrisChanged(sipUris());
                }
                emit saved(result.id, result.error);
            });
}

void ContactListModel::removeContact(qint64 id)
{
    m_storage.run(
            this,
            [id](StorageContext &s) {
                return s.contacts().remove(id) ? QString() : s.database().lastError();
            },
            [this, id](const QString &error) {
                if (error.isEmpty()) {
                    const int row = rowForId(id);
                    if (row >= 0) {
                        beginRemoveRows({}, row, row);
                        m_contacts.removeAt(row);
                        endRemoveRows();
                    }
                    emit sipUrisChanged(sipUris());
                }
                emit saved(error.isEmpty() ? id : 0, error);
            });
}

void ContactListModel::setFavourite(qint64 id, bool favourite)
{
    const int row = rowForId(id);
    if (row < 0)
        return;
    m_contacts[row].favourite = favourite;
    emit dataChanged(index(row), index(row), { FavouriteRole });
    m_storage.post(
            [id, favourite](StorageContext &s) { s.contacts().setFavourite(id, favourite); });
}

void ContactListModel::importContacts(const QList<Contact> &contacts)
{
    m_storage.run(
            this,
            [contacts](StorageContext &s) {
                ImportOutcome outcome;
                const auto ids = s.contacts().addMany(contacts, &outcome.errors);
                for (qsizetype i = 0; i < ids.size() && i < contacts.size(); ++i) {
                    if (ids.at(i)) {
                        Contact stored = s.contacts().contact(*ids.at(i)).value_or(contacts.at(i));
                        stored.id = *ids.at(i);
                        outcome.added.append(stored);
                    }
                }
                return outcome;
            },
            [this](const ImportOutcome &outcome) {
                if (!outcome.added.isEmpty()) {
                    QList<Contact> merged = m_contacts + outcome.added;
                    std::stable_sort(merged.begin(), merged.end(), lessThan);
                    beginResetModel();
                    m_contacts = std::move(merged);
                    endResetModel();
                    emit sipUrisChanged(sipUris());
                }
                emit imported(static_cast<int>(outcome.added.size()), outcome.errors);
            });
}

void ContactListModel::setPresence(const QString &uri, const QString &basic,
                                   const QString &activity, const QString &note)
{
    setPresenceKey(uri, presenceKey(basic, activity), note);
}

void ContactListModel::setPresenceKey(const QString &uri, const QString &key, const QString &note)
{
    const QString normalized = SipUriNormalizer::normalize(uri);
    Presence &presence = m_presence[normalized];
    presence.key = key;
    presence.note = note;
    const int row = rowForUri(normalized);
    if (row >= 0)
        emit dataChanged(index(row), index(row), { PresenceRole, PresenceNoteRole });
}

} // namespace App
