// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactFilterModel.h"

#include "models/ContactListModel.h"

namespace App {

ContactFilterModel::ContactFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
}

void ContactFilterModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void ContactFilterModel::setGroup(const QString &group)
{
    if (group == m_group)
        return;
    m_group = group;
    invalidateFilter();
}

void ContactFilterModel::setFavouritesOnly(bool on)
{
    if (on == m_favouritesOnly)
        return;
    m_favouritesOnly = on;
    invalidateFilter();
}

bool ContactFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_favouritesOnly && !index.data(ContactListModel::FavouriteRole).toBool())
        return false;
    if (!m_group.isEmpty() && index.data(ContactListModel::GroupRole).toString() != m_group)
        return false;
    if (m_words.isEmpty())
        return true;
    const QString haystack = index.data(ContactListModel::SearchTextRole).toString();
    for (const QString &word : m_words) {
        if (!haystack.contains(word))
            return false;
    }
    return true;
}

bool ContactFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftFavourite = left.data(ContactListModel::FavouriteRole).toBool();
    const bool rightFavourite = right.data(ContactListModel::FavouriteRole).toBool();
    if (leftFavourite != rightFavourite)
        return leftFavourite;
    // The source is already sorted by name: keep its order.
    return left.row() < right.row();
}

} // namespace App
