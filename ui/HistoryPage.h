// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QButtonGroup;
class QListView;
class QSortFilterProxyModel;

namespace App {
class CallHistoryModel;
}

namespace Gui {

/// The call history with its filters (all, missed, incoming, outgoing); call back or
/// chat from any entry; clear. Seeing the page clears the missed-call badge.
class HistoryPage : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPage(App::CallHistoryModel &history, QWidget *parent = nullptr);

    QListView *view() const { return m_view; }

public slots:
    void setSearchText(const QString &text);

signals:
    void callRequested(const QString &uri);
    void chatRequested(const QString &uri);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QString selectedUri() const;

    App::CallHistoryModel &m_history;
    QSortFilterProxyModel *m_search = nullptr;
    QListView *m_view = nullptr;
    QButtonGroup *m_filters = nullptr;
};

} // namespace Gui
