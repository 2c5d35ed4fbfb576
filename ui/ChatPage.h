// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QTimer;

namespace App {
class AppSession;
}

namespace Gui {

class ComposerEdit;
class MessageView;

/// Chat: the conversations with unread counts on the left, the open conversation on the
/// right with its bubbles, "is typing…" and the composer.
class ChatPage : public QWidget
{
    Q_OBJECT
public:
    explicit ChatPage(App::AppSession &session, QWidget *parent = nullptr);

    MessageView *messageView() const { return m_messages; }
    QListView *conversationView() const { return m_conversations; }
    ComposerEdit *composer() const { return m_composer; }
    QLabel *typingLabel() const { return m_typing; }

signals:
    void callRequested(const QString &uri);

private:
    void send();
    void onConversationOpened(qint64 id, const QString &peerUri);

    App::AppSession &m_session;
    QListView *m_conversations = nullptr;
    MessageView *m_messages = nullptr;
    ComposerEdit *m_composer = nullptr;
    QLabel *m_peer = nullptr;
    QLabel *m_typing = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_call = nullptr;
    QTimer *m_typingIdle = nullptr;
    bool m_typingSent = false;
};

} // namespace Gui
