// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryPage.h"

#include "HistoryDelegate.h"
#include "IconLoader.h"
#include "models/CallHistoryModel.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

HistoryPage::HistoryPage(App::CallHistoryModel &history, QWidget *parent)
    : QWidget(parent)
    , m_history(history)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    m_filters = new QButtonGroup(this);
    const QList<std::pair<App::CallFilter, QString>> filters {
        { App::CallFilter::All, tr("All") },
        { App::CallFilter::Missed, tr("Missed") },
        { App::CallFilter::Incoming, tr("Incoming") },
        { App::CallFilter::Outgoing, tr("Outgoing") },
    };
    for (const auto &[filter, label] : filters) {
        auto *button = new QToolButton(this);
        button->setText(label);
        button->setAccessibleName(tr("Show %1 calls").arg(label));
        button->setObjectName(QStringLiteral("historyFilter%1").arg(static_cast<int>(filter)));
        button->setCheckable(true);
        button->setChecked(filter == App::CallFilter::All);
        m_filters->addButton(button, static_cast<int>(filter));
        bar->addWidget(button);
    }
    bar->addStretch();
    auto *clear = new QToolButton(this);
    clear->setObjectName(QStringLiteral("clearHistory"));
    clear->setText(tr("Clear"));
    clear->setAccessibleName(tr("Clear history"));
    bar->addWidget(clear);
    layout->addLayout(bar);

    m_search = new QSortFilterProxyModel(this);
    m_search->setSourceModel(&history);
    m_search->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setFilterRole(Qt::DisplayRole);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("historyList"));
    m_view->setAccessibleName(tr("Call history"));
    m_view->setModel(m_search);
    m_view->setItemDelegate(new HistoryDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    layout->addWidget(m_view);

    auto *actions = new QHBoxLayout;
    auto *callBack
            = new QPushButton(IconLoader::icon(QStringLiteral("call")), tr("Call back"), this);
    callBack->setObjectName(QStringLiteral("historyCallBack"));
    auto *chat = new QPushButton(IconLoader::icon(QStringLiteral("chat")), tr("Chat"), this);
    chat->setObjectName(QStringLiteral("historyChat"));
    actions->addWidget(callBack);
    actions->addWidget(chat);
    layout->addLayout(actions);

    connect(m_filters, &QButtonGroup::idClicked, this,
            [this](int id) { m_history.setFilter(static_cast<App::CallFilter>(id)); });
    connect(clear, &QToolButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Clear history"),
                                  tr("Delete the calls shown from the history?"))
            == QMessageBox::Yes)
            m_history.clear();
    });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex &index) {
        emit callRequested(index.data(App::CallHistoryModel::PeerUriRole).toString());
    });
    connect(callBack, &QPushButton::clicked, this, [this] {
        if (const QString uri = selectedUri(); !uri.isEmpty())
            emit callRequested(uri);
    });
    connect(chat, &QPushButton::clicked, this, [this] {
        if (const QString uri = selectedUri(); !uri.isEmpty())
            emit chatRequested(uri);
    });
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint &position) {
        const QModelIndex index = m_view->indexAt(position);
        if (!index.isValid())
            return;
        const QString uri = index.data(App::CallHistoryModel::PeerUriRole).toString();
        QMenu menu(this);
        menu.addAction(IconLoader::icon(QStringLiteral("call")), tr("&Call back"), this,
                       [this, uri] { emit callRequested(uri); });
        menu.addAction(IconLoader::icon(QStringLiteral("chat")), tr("C&hat"), this,
                       [this, uri] { emit chatRequested(uri); });
        menu.exec(m_view->viewport()->mapToGlobal(position));
    });
    // A missed call that arrives while the page is on screen is seen at once.
    connect(&history, &App::CallHistoryModel::unseenMissedChanged, this, [this](int count) {
        if (count > 0 && isVisible() && window()->isActiveWindow())
            m_history.markMissedSeen();
    });
}

void HistoryPage::setSearchText(const QString &text)
{
    m_search->setFilterFixedString(text);
}

QString HistoryPage::selectedUri() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(App::CallHistoryModel::PeerUriRole).toString() : QString();
}

void HistoryPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_history.unseenMissed() > 0)
        m_history.markMissedSeen();
}

} // namespace Gui
