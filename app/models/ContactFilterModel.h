// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace App {

/// The contact list as shown: favourites first, then by name; filtered by the search
/// field (any word of the name, address, numbers or e-mails) and optionally by group.
class ContactFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ContactFilterModel(QObject *parent = nullptr);

    QString searchText() const { return m_searchText; }
    QString group() const { return m_group; }

public slots:
    void setSearchText(const QString &text);
    void setGroup(const QString &group); // empty: every group
    void setFavouritesOnly(bool on);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_searchText;
    QStringList m_words;
    QString m_group;
    bool m_favouritesOnly = false;
};

} // namespace App
