// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QListView;
class QModelIndex;
class QToolButton;

namespace App {
class ContactFilterModel;
class ContactListModel;
struct Contact;
} // namespace App

namespace Gui {

/// The address book: contacts with presence, filtered by the main window's search field
/// and by group; click to call, the chat button or context menu to chat, edit and delete.
class ContactsPage : public QWidget
{
    Q_OBJECT
public:
    ContactsPage(App::ContactListModel &contacts, App::ContactFilterModel &filter,
                 QWidget *parent = nullptr);

    QListView *view() const { return m_view; }

public slots:
    void addContact(const QString &uri = {});
    void editContact(const App::Contact &contact);

signals:
    void callRequested(const QString &uri);
    void chatRequested(const QString &uri);
    void statusMessage(const QString &text);

private:
    void showContextMenu(const QPoint &position);
    void updateGroups();
    App::Contact contactAt(const QModelIndex &proxyIndex) const;

    App::ContactListModel &m_contacts;
    App::ContactFilterModel &m_filter;
    QListView *m_view = nullptr;
    QComboBox *m_groups = nullptr;
    QToolButton *m_favourites = nullptr;
};

} // namespace Gui
