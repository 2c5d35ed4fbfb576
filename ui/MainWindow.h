// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/RegistrationInfo.h"

#include <QMainWindow>
#include <QTimer>

class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;

namespace App {
class AppSession;
struct CallInfo;
} // namespace App

namespace Gui {

class CallWindow;
class ChatPage;
class ContactsPage;
class DialLineEdit;
class DialPad;
class HistoryPage;
class TrayIcon;

/// Parlo's main window: who we are and whether we are registered, our presence, the
/// search-and-dial field, and the contacts, history, chat and dial pad tabs. Calls open
/// the call window; the tray icon keeps Parlo running when the window is closed.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Tab { Contacts, History, Chat, DialPad };

    explicit MainWindow(App::AppSession &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Resource path of the application icon.
    static QString iconPath();

    DialLineEdit *searchField() const { return m_search; }
    ContactsPage *contactsPage() const { return m_contacts; }
    HistoryPage *historyPage() const { return m_history; }
    ChatPage *chatPage() const { return m_chat; }
    CallWindow *callWindow() const { return m_callWindow; }
    QLabel *registrationLabel() const { return m_registration; }
    QTabWidget *tabs() const { return m_tabs; }
    void showTab(Tab tab);
    // Whether closing the window hides it to the tray (the tray must be available).
    bool closesToTray() const;

public slots:
    void callAddress(const QString &input);
    void chatWith(const QString &input);
    // A sip:, sips: or tel: link from the command line or another instance.
    void openLink(const QString &link);
    void showAndRaise();
    void openSettings();
    void openAbout();
    void importContacts();
    void exportContacts();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildHeader();
    QWidget *buildDialPadTab();
    void setupMenus();
    void setupTray();
    void updateRegistration(const App::RegistrationInfo &info);
    void updateAccountSelector();
    void updateIdentity();
    void scheduleBadgeUpdate();
    void updateBadges();
    void onIncomingCall(const App::CallInfo &call);
    void onWatcherRequest(const QString &uri, const QString &displayName);

    App::AppSession &m_session;
    QLabel *m_identity = nullptr;
    QLabel *m_registration = nullptr;
    QComboBox *m_fromAccount = nullptr;
    QComboBox *m_presence = nullptr;
    QLineEdit *m_note = nullptr;
    DialLineEdit *m_search = nullptr;
    QTabWidget *m_tabs = nullptr;
    ContactsPage *m_contacts = nullptr;
    HistoryPage *m_history = nullptr;
    ChatPage *m_chat = nullptr;
    DialPad *m_dialPad = nullptr;
    CallWindow *m_callWindow = nullptr;
    TrayIcon *m_tray = nullptr;
    int m_unread = 0;
    int m_missed = 0;
    QTimer m_badgeTimer;
    bool m_quitting = false;
};

} // namespace Gui
