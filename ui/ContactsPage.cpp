// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContactsPage.h"

#include "ContactDelegate.h"
#include "ContactDialog.h"
#include "IconLoader.h"
#include "models/ContactFilterModel.h"
#include "models/ContactListModel.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

ContactsPage::ContactsPage(App::ContactListModel &contacts, App::ContactFilterModel &filter,
                           QWidget *parent)
    : QWidget(parent)
    , m_contacts(contacts)
    , m_filter(filter)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_groups = new QComboBox(this);
    m_groups->setObjectName(QStringLiteral("groupFilter"));
    m_groups->setAccessibleName(tr("Group"));
    m_groups->addItem(tr("All groups"), QString());
    m_favourites = new QToolButton(this);
    m_favourites->setObjectName(QStringLiteral("favouritesOnly"));
    m_favourites->setCheckable(true);
    m_favourites->setIcon(IconLoader::icon(QStringLiteral("favourite")));
    m_favourites->setToolTip(tr("Favourites only"));
    m_favourites->setAccessibleName(tr("Favourites only"));
    auto *add = new QToolButton(this);
    add->setObjectName(QStringLiteral("addContact"));
    add->setIcon(IconLoader::icon(QStringLiteral("contact-add")));
    add->setToolTip(tr("Add contact"));
    add->setAccessibleName(tr("Add contact"));
    bar->addWidget(m_groups, 1);
    bar->addWidget(m_favourites);
    bar->addWidget(add);
    layout->addLayout(bar);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("contactList"));
    m_view->setAccessibleName(tr("Contacts"));
    m_view->setModel(&filter);
    m_view->setItemDelegate(new ContactDelegate(m_view));
    // Every row has the same height: the view never measures 10,000 rows.
    m_view->setUniformItemSizes(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_view);

    connect(m_groups, &QComboBox::currentIndexChanged, this,
            [this](int) { m_filter.setGroup(m_groups->currentData().toString()); });
    connect(m_favourites, &QToolButton::toggled, &m_filter,
            &App::ContactFilterModel::setFavouritesOnly);
    connect(add, &QToolButton::clicked, this, [this] { addContact(); });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        const App::Contact contact = contactAt(index);
        if (!contact.sipUri.isEmpty())
            emit callRequested(contact.sipUri);
        else if (!contact.numbers.isEmpty())
            emit callRequested(contact.numbers.first().number);
    });
    connect(m_view, &QListView::customContextMenuRequested, this, &ContactsPage::showContextMenu);
    connect(&contacts, &App::ContactListModel::loaded, this, &ContactsPage::updateGroups);
    connect(&contacts, &App::ContactListModel::sipUrisChanged, this, &ContactsPage::updateGroups);
    connect(&contacts, &App::ContactListModel::saved, this, [this](qint64, const QString &error) {
        if (!error.isEmpty())
            QMessageBox::warning(this, tr("Contact not saved"), error);
    });
}

App::Contact ContactsPage::contactAt(const QModelIndex &proxyIndex) const
{
    return proxyIndex.data(App::ContactListModel::ContactRole).value<App::Contact>();
}

void ContactsPage::updateGroups()
{
    QStringList groups;
    for (const App::Contact &contact : m_contacts.contacts()) {
        if (!contact.group.isEmpty() && !groups.contains(contact.group))
            groups.append(contact.group);
    }
    groups.sort(Qt::CaseInsensitive);
    const QString current = m_groups->currentData().toString();
    QSignalBlocker blocker(m_groups);
    while (m_groups->count() > 1)
        m_groups->removeItem(1);
    for (const QString &group : std::as_const(groups))
        m_groups->addItem(group, group);
    m_groups->setCurrentIndex(std::max(0, m_groups->findData(current)));
}

void ContactsPage::addContact(const QString &uri)
{
    App::Contact contact;
    contact.sipUri = uri;
    auto *dialog = new ContactDialog(contact, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_contacts.addContact(dialog->contact()); });
    dialog->open();
}

void ContactsPage::editContact(const App::Contact &contact)
{
    auto *dialog = new ContactDialog(contact, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { m_contacts.updateContact(dialog->contact()); });
    dialog->open();
}

void ContactsPage::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!index.isValid())
        return;
    const App::Contact contact = contactAt(index);
    const QString address = contact.sipUri.isEmpty() && !contact.numbers.isEmpty()
            ? contact.numbers.first().number
            : contact.sipUri;
    QMenu menu(this);
    menu.addAction(IconLoader::icon(QStringLiteral("call")), tr("&Call"), this,
                   [this, address] { emit callRequested(address); });
    menu.addAction(IconLoader::icon(QStringLiteral("chat")), tr("C&hat"), this,
                   [this, address] { emit chatRequested(address); });
    menu.addSeparator();
    menu.addAction(contact.favourite ? tr("Remove from &favourites") : tr("Add to &favourites"),
                   this,
                   [this, contact] { m_contacts.setFavourite(contact.id, !contact.favourite); });
    menu.addAction(tr("&Edit…"), this, [this, contact] { editContact(contact); });
    menu.addAction(tr("&Delete"), this, [this, contact] {
        const auto answer = QMessageBox::question(
                this, tr("Delete contact"),
                tr("Delete %1 from your contacts?")
                        .arg(contact.displayName.isEmpty() ? contact.sipUri : contact.displayName));
        if (answer == QMessageBox::Yes)
            m_contacts.removeContact(contact.id);
    });
    menu.addAction(tr("C&opy address"), this, [this, address] {
        QGuiApplication::clipboard()->setText(address);
        emit statusMessage(tr("Copied %1").arg(address));
    });
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace Gui
