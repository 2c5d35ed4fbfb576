// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChatPage.h"

#include "ComposerEdit.h"
#include "ConversationDelegate.h"
#include "IconLoader.h"
#include "MessageDelegate.h"
#include "MessageView.h"
#include "core/AppSession.h"
#include "models/ContactListModel.h"
#include "models/ConversationListModel.h"
#include "models/MessageListModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace Gui {

namespace {

// RFC 3994: stop saying "typing" after a few quiet seconds.
constexpr int typingIdleMs = 5000;

} // namespace

ChatPage::ChatPage(App::AppSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(this);
    layout->addWidget(splitter);

    m_conversations = new QListView(splitter);
    m_conversations->setObjectName(QStringLiteral("conversationList"));
    m_conversations->setAccessibleName(tr("Conversations"));
    m_conversations->setModel(&session.conversations());
    m_conversations->setItemDelegate(new ConversationDelegate(m_conversations));
    m_conversations->setUniformItemSizes(true);
    m_conversations->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *pane = new QWidget(splitter);
    auto *paneLayout = new QVBoxLayout(pane);
    paneLayout->setContentsMargins(4, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_peer = new QLabel(tr("No conversation open"), pane);
    m_peer->setObjectName(QStringLiteral("chatPeer"));
    QFont headerFont = m_peer->font();
    headerFont.setBold(true);
    m_peer->setFont(headerFont);
    m_call = new QPushButton(IconLoader::icon(QStringLiteral("call")), QString(), pane);
    m_call->setObjectName(QStringLiteral("chatCall"));
    m_call->setToolTip(tr("Call"));
    m_call->setAccessibleName(tr("Call"));
    m_call->setEnabled(false);
    header->addWidget(m_peer, 1);
    header->addWidget(m_call);
    paneLayout->addLayout(header);

    m_messages = new MessageView(pane);
    m_messages->setObjectName(QStringLiteral("messageList"));
    m_messages->setAccessibleName(tr("Messages"));
    m_messages->setModel(&session.messages());
    m_messages->setItemDelegate(new MessageDelegate(m_messages));
    paneLayout->addWidget(m_messages, 1);

    m_typing = new QLabel(pane);
    m_typing->setObjectName(QStringLiteral("typingLabel"));
    QFont italic = m_typing->font();
    italic.setItalic(true);
    m_typing->setFont(italic);
    paneLayout->addWidget(m_typing);

    auto *composerRow = new QHBoxLayout;
    m_composer = new ComposerEdit(pane);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setAccessibleName(tr("Message"));
    m_composer->setPlaceholderText(tr("Write a message — Enter sends, Shift+Enter: new line"));
    m_composer->setMaximumHeight(m_composer->fontMetrics().height() * 4 + 12);
    m_composer->setEnabled(false);
    m_send = new QPushButton(IconLoader::icon(QStringLiteral("send")), QString(), pane);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setToolTip(tr("Send"));
    m_send->setAccessibleName(tr("Send"));
    m_send->setEnabled(false);
    composerRow->addWidget(m_composer, 1);
    composerRow->addWidget(m_send);
    paneLayout->addLayout(composerRow);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    m_typingIdle = new QTimer(this);
    m_typingIdle->setSingleShot(true);
    m_typingIdle->setInterval(typingIdleMs);
    connect(m_typingIdle, &QTimer::timeout, this, [this] {
        if (m_typingSent) {
            m_typingSent = false;
            m_session.setTyping(false);
        }
    });

    connect(m_conversations, &QListView::clicked, this, [this](const QModelIndex &index) {
        m_session.openConversationById(index.data(App::ConversationListModel::IdRole).toLongLong());
    });
    connect(m_conversations, &QListView::activated, this, [this](const QModelIndex &index) {
        m_session.openConversationById(index.data(App::ConversationListModel::IdRole).toLongLong());
    });
    connect(&session, &App::AppSession::conversationOpened, this, &ChatPage::onConversationOpened);
    connect(m_composer, &ComposerEdit::sendRequested, this, &ChatPage::send);
    connect(m_send, &QPushButton::clicked, this, &ChatPage::send);
    connect(m_composer, &QPlainTextEdit::textChanged, this, [this] {
        if (m_composer->toPlainText().isEmpty()) {
            m_typingIdle->stop();
            if (m_typingSent) {
                m_typingSent = false;
                m_session.setTyping(false);
            }
            return;
        }
        if (!m_typingSent) {
            m_typingSent = true;
            m_session.setTyping(true);
        }
        m_typingIdle->start();
    });
    connect(m_call, &QPushButton::clicked, this,
            [this] { emit callRequested(m_session.messages().peerUri()); });
    connect(m_messages, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        if (static_cast<App::MessageState>(index.data(App::MessageListModel::StateRole).toInt())
            == App::MessageState::Failed)
            m_session.resendMessage(index.data(App::MessageListModel::IdRole).toLongLong());
    });
    connect(&session, &App::AppSession::peerTypingChanged, this,
            [this](const QString &peerUri, bool active) {
                if (peerUri != m_session.messages().peerUri())
                    return;
                m_typing->setText(
                        active ? tr("%1 is typing…")
                                         .arg(m_session.contacts().displayNameFor(peerUri))
                               : QString());
            });
}

void ChatPage::onConversationOpened(qint64 id, const QString &peerUri)
{
    m_peer->setText(m_session.contacts().displayNameFor(peerUri));
    m_peer->setToolTip(peerUri);
    m_typing->clear();
    m_composer->setEnabled(true);
    m_send->setEnabled(true);
    m_call->setEnabled(true);
    const int row = m_session.conversations().rowForId(id);
    if (row >= 0)
        m_conversations->setCurrentIndex(m_session.conversations().index(row));
    m_composer->setFocus();
}

void ChatPage::send()
{
    const QString text = m_composer->toPlainText();
    if (text.trimmed().isEmpty())
        return;
    m_session.sendMessage(text);
    m_typingIdle->stop();
    m_typingSent = false; // a sent message ends "typing" at the peer (RFC 3994 §3.2)
    QSignalBlocker blocker(m_composer);
    m_composer->clear();
}

} // namespace Gui
