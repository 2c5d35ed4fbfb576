// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "messaging/MessagingController.h"

#include "storage/SipUriNormalizer.h"
#include "storage/StorageThread.h"

#include "sip/SipEngine.h"
#include "sip/presence/IsComposing.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QStringDecoder>
#include <QTimer>

#include <optional>

Q_LOGGING_CATEGORY(lcMessaging, "parlo.messaging", QtInfoMsg)

namespace App {

namespace {

// What a storage job hands back: the stored message, or why it could not be stored.
struct StoreOutcome
{
    std::optional<StoredMessage> message;
    QString error;
};

struct IncomingOutcome
{
    MessageStore::Incoming result;
    std::optional<StoredMessage> message; // new messages only
    std::optional<int> totalUnread;
    QString error;
};

struct PendingOutcome
{
    QList<StoredMessage> messages;
    bool full = false;
};

constexpr int pendingBatch = 500;
// RFC 3994 §3.2: refresh "active" before the receiver's timeout lapses (DefaultRefresh
// is what toXml() announces); a margin keeps a slow network from letting it lapse.
constexpr qint64 typingRefreshMs = (Sip::IsComposing::DefaultRefresh - 30) * 1000LL;

// text/plain in the charset its Content-Type names (RFC 3428 §9 lets senders use any;
// UTF-8 when none is named or the name is unknown).
QString decodeText(const QString &contentType, const QByteArray &body)
{
    const QStringList parameters = contentType.split(QLatin1Char(';')).mid(1);
    for (const QString &parameter : parameters) {
        const QString name = parameter.section(QLatin1Char('='), 0, 0).trimmed();
        if (name.compare(QLatin1String("charset"), Qt::CaseInsensitive) != 0)
            continue;
        QString charset = parameter.section(QLatin1Char('='), 1).trimmed();
        if (charset.size() >= 2 && charset.startsWith(QLatin1Char('"'))
            && charset.endsWith(QLatin1Char('"')))
            charset = charset.mid(1, charset.size() - 2);
        QStringDecoder decoder(charset.toLatin1().constData());
        if (decoder.isValid())
            return decoder.decode(body);
        break;
    }
    return QString::fromUtf8(body);
}

QString errorOf(StorageContext &s)
{
    const QString error = s.database().lastError();
    return error.isEmpty() ? QStringLiteral("unknown storage error") : error;
}

} // namespace

MessagingController::MessagingController(Sip::SipEngine &engine, StorageThread &storage,
                                         QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_storage(storage)
{
    qRegisterMetaType<App::StoredMessage>();
    qRegisterMetaType<App::MessageState>();
    connect(&m_engine, &Sip::SipEngine::started, this, &MessagingController::engineStarted);
    connect(&m_engine, &Sip::SipEngine::messageFinished, this,
            &MessagingController::onMessageFinished);
    connect(&m_engine, &Sip::SipEngine::messageReceived, this,
            [this](const QString &id, const QString &from, const QString &,
                   const QString &contentType, const QByteArray &body, const QString &callId,
                   quint32 cseq, qint64 dateSeconds) {
                onMessageReceived(id, from, contentType, body, callId, cseq, dateSeconds);
            });
    connect(&m_engine, &Sip::SipEngine::composingReceived, this,
            &MessagingController::onComposingReceived);
    connect(&m_engine, &Sip::SipEngine::registrationChanged, this,
            [this](const QString &accountId, const Sip::RegistrationStatus &status) {
                if (m_onlineAccountId.isEmpty() || accountId == m_onlineAccountId)
                    onRegistrationChanged(status);
            });
}

MessagingController::~MessagingController() = default;

bool MessagingController::isPlainText(const QString &contentType)
{
    return contentTypeWithoutParameters(contentType)
                   .compare(QLatin1String("text/plain"), Qt::CaseInsensitive)
            == 0;
}

QString MessagingController::contentTypeWithoutParameters(const QString &contentType)
{
    return contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

void MessagingController::engineStarted()
{
    m_engineStarted = true;
    refreshUnread(); // the badge's first value
    if (m_online)
        flushPending();
}

void MessagingController::setAccountOnline(bool online)
{
    m_online = online;
    if (online && m_engineStarted)
        flushPending();
}

void MessagingController::onRegistrationChanged(const Sip::RegistrationStatus &status)
{
    switch (status.state) {
    case Sip::RegistrationState::Registered:
        setAccountOnline(true);
        break;
    case Sip::RegistrationState::Unregistered:
    case Sip::RegistrationState::Failed:
        setAccountOnline(false);
        break;
    case Sip::RegistrationState::Registering: // a refresh keeps the state it had
    case Sip::RegistrationState::Unregistering:
        break;
    }
}

void MessagingController::sendText(const QString &peerUri, const QString &text)
{
    stopTyping(SipUriNormalizer::normalize(peerUri));
    m_storage.run(
            this,
            [peerUri, text](StorageContext &s) {
                StoreOutcome outcome;
                const auto id = s.messages().addOutgoing(peerUri, text);
                if (id)
                    outcome.message = s.messages().message(*id);
                if (!outcome.message)
                    outcome.error = errorOf(s);
                return outcome;
            },
            [this](const StoreOutcome &outcome) {
                if (!outcome.message) {
                    emit operationFailed(QStringLiteral("send"), outcome.error);
                    return;
                }
                emit messageAdded(*outcome.message);
                if (m_online && m_engineStarted) {
                    m_inFlight.insert(outcome.message->id);
                    send(*outcome.message);
                }
            });
}

void MessagingController::resend(qint64 messageId)
{
    m_storage.run(
            this,
            [messageId](StorageContext &s) {
                StoreOutcome outcome;
                const auto message = s.messages().message(messageId);
                if (!message) {
                    outcome.error = errorOf(s);
                } else if (message->direction != MessageDirection::Outgoing
                           || message->state != MessageState::Failed) {
                    outcome.error = QStringLiteral("message %1 has not failed").arg(messageId);
                } else if (s.messages().requeue(messageId)) {
                    outcome.message = s.messages().message(messageId);
                }
                if (!outcome.message && outcome.error.isEmpty())
                    outcome.error = errorOf(s);
                return outcome;
            },
            [this](const StoreOutcome &outcome) {
                if (!outcome.message) {
                    emit operationFailed(QStringLiteral("resend"), outcome.error);
                    return;
                }
                emit messageStatusChanged(outcome.message->id, MessageState::Queued, 0, {});
                if (m_online && m_engineStarted && !m_inFlight.contains(outcome.message->id)) {
                    m_inFlight.insert(outcome.message->id);
                    send(*outcome.message);
                }
            });
}

void MessagingController::flushPending()
{
    if (m_flushRunning) {
        m_flushAgain = true; // what the running query missed is picked up next
        return;
    }
    m_flushRunning = true;
    m_storage.run(
            this,
            [](StorageContext &s) {
                PendingOutcome outcome;
                outcome.messages = s.messages().pendingOutgoing(pendingBatch);
                outcome.full = outcome.messages.size() >= pendingBatch;
                return outcome;
            },
            [this](const PendingOutcome &outcome) {
                m_flushRunning = false;
                int started = 0;
                if (m_online && m_engineStarted) {
                    for (const StoredMessage &message : outcome.messages) {
                        if (m_inFlight.contains(message.id))
                            continue;
                        m_inFlight.insert(message.id);
                        send(message);
                        ++started;
                    }
                }
                if (started > 0)
                    qCInfo(lcMessaging) << "sending" << started << "queued message(s)";
                // A full batch means more are waiting; they are fetched once these are out
                // (in-flight ones are skipped, so a new query makes progress).
                if (m_flushAgain || (outcome.full && started > 0)) {
                    m_flushAgain = false;
                    if (m_online && m_engineStarted)
                        flushPending();
                }
            });
}

void MessagingController::send(const StoredMessage &message)
{
    // Sending is written first: after a crash the message is known to be possibly out.
    const qint64 id = message.id;
    m_storage.run(
            this, [id](StorageContext &s) { return s.messages().setSending(id, {}, 0); },
            [this, message](bool ok) {
                if (!ok) {
                    m_inFlight.remove(message.id);
                    emit operationFailed(
                            QStringLiteral("send"),
                            QStringLiteral("cannot mark message %1 as sending").arg(message.id));
                    return;
                }
                const QString requestId = QStringLiteral("im-%1").arg(m_nextRequest++);
                m_requests.insert(requestId, message.id);
                emit messageStatusChanged(message.id, MessageState::Sending, 0, {});
                const QString contentType = isPlainText(message.contentType)
                        ? QStringLiteral("text/plain;charset=UTF-8")
                        : message.contentType;
                m_engine.sendMessage(requestId, message.peerUri, contentType,
                                     message.body.toUtf8());
            });
}

void MessagingController::onMessageFinished(const QString &requestId, int code,
                                            const QString &reason)
{
    const auto found = m_requests.constFind(requestId);
    if (found == m_requests.constEnd())
        return; // a typing indication, or another user of the engine
    const qint64 id = found.value();
    m_requests.erase(found);
    const bool sent = code >= 200 && code < 300;
    m_storage.run(
            this,
            [id, sent, code, reason](StorageContext &s) {
                return sent ? s.messages().markSent(id) : s.messages().markFailed(id, code, reason);
            },
            [this, id, sent, code, reason](bool stored) {
                m_inFlight.remove(id);
                if (!stored)
                    emit operationFailed(
                            QStringLiteral("send"),
                            QStringLiteral("cannot store the outcome of message %1").arg(id));
                emit messageStatusChanged(id, sent ? MessageState::Sent : MessageState::Failed,
                                          code, reason);
            });
}

void MessagingController::onMessageReceived(const QString &engineMessageId, const QString &from,
                                            const QString &contentType, const QByteArray &body,
                                            const QString &callId, quint32 cseq, qint64 dateSeconds)
{
    StoredMessage incoming;
    incoming.direction = MessageDirection::Incoming;
    incoming.peerUri = from;
    incoming.contentType = contentType.isEmpty() ? QStringLiteral("text/plain") : contentType;
    incoming.body = isPlainText(incoming.contentType) ? decodeText(incoming.contentType, body)
                                                      : QString::fromLatin1(body.toBase64());
    incoming.callId = callId;
    incoming.cseq = cseq;
    // A message a server stored while we were offline (msilo) keeps the sender's Date.
    incoming.sentMs = dateSeconds > 0 ? dateSeconds * 1000 : 0;
    incoming.receivedMs = QDateTime::currentMSecsSinceEpoch();
    m_storage.run(
            this,
            [incoming](StorageContext &s) {
                IncomingOutcome outcome;
                outcome.result = s.messages().addIncoming(incoming);
                if (outcome.result.result == MessageStore::AddResult::Failed) {
                    outcome.error = errorOf(s);
                } else if (outcome.result.isNew()) {
                    outcome.message = s.messages().message(outcome.result.id);
                    outcome.totalUnread = s.messages().totalUnread();
                }
                return outcome;
            },
            [this, engineMessageId](const IncomingOutcome &outcome) {
                if (outcome.result.result == MessageStore::AddResult::Failed) {
                    qCWarning(lcMessaging)
                            << "incoming message not stored, answering 500:" << outcome.error;
                    m_engine.rejectIncomingMessage(engineMessageId, 500,
                                                   QStringLiteral("Message Not Stored"));
                    return;
                }
                // Durable now: only a stored message is acknowledged.
                m_engine.acceptIncomingMessage(engineMessageId);
                if (!outcome.message)
                    return; // a retransmission, reported the first time
                emit messageAdded(*outcome.message);
                // RFC 3994 §3.3: a message from the peer ends its "is typing".
                setPeerTyping(outcome.message->peerUri, false, 0);
                if (outcome.totalUnread)
                    emit unreadChanged(*outcome.totalUnread);
            });
}

void MessagingController::markRead(qint64 conversationId)
{
    m_storage.run(
            this,
            [conversationId](StorageContext &s) {
                std::optional<int> total;
                if (s.messages().markRead(conversationId))
                    total = s.messages().totalUnread();
                return total;
            },
            [this, conversationId](std::optional<int> total) {
                if (!total) {
                    emit operationFailed(QStringLiteral("read"),
                                         QStringLiteral("no conversation %1").arg(conversationId));
                    return;
                }
                emit unreadChanged(*total);
            });
}

void MessagingController::refreshUnread()
{
    m_storage.run(
            this, [](StorageContext &s) { return s.messages().totalUnread(); },
            [this](std::optional<int> total) {
                if (total)
                    emit unreadChanged(*total);
            });
}

void MessagingController::sendTyping(const QString &peerUri, bool active)
{
    const QString peer = SipUriNormalizer::normalize(peerUri);
    if (peer.isEmpty())
        return;
    TypingState &state = m_typing[peer];
    if (!state.idleTimer) {
        state.idleTimer = new QTimer(this);
        state.idleTimer->setSingleShot(true);
        state.idleTimer->setInterval(Sip::IsComposing::IdleTimeout * 1000);
        connect(state.idleTimer, &QTimer::timeout, this, [this, peer] { sendTyping(peer, false); });
    }
    if (active) {
        state.idleTimer->start();
        if (state.active && state.lastActiveSent.isValid()
            && state.lastActiveSent.elapsed() < typingRefreshMs)
            return; // the peer still shows "typing"
        state.active = true;
        state.lastActiveSent.start();
        sendTypingIndication(peerUri, true);
    } else {
        state.idleTimer->stop();
        if (!state.active)
            return;
        state.active = false;
        sendTypingIndication(peerUri, false);
    }
}

void MessagingController::stopTyping(const QString &peerUri)
{
    const auto found = m_typing.find(peerUri);
    if (found == m_typing.end())
        return;
    found->active = false;
    if (found->idleTimer)
        found->idleTimer->stop();
}

void MessagingController::sendTypingIndication(const QString &peerUri, bool active)
{
    if (!m_online || !m_engineStarted)
        return; // a stale "typing" is worth nothing later: never queued
    const Sip::IsComposing state = active ? Sip::IsComposing::active()
                                          : Sip::IsComposing::idle(QDateTime::currentDateTimeUtc());
    m_engine.sendMessage(QStringLiteral("typing-%1").arg(m_nextRequest++), peerUri,
                         QString::fromLatin1(Sip::IsComposing::ContentType), state.toXml());
}

void MessagingController::onComposingReceived(const QString &from, bool active)
{
    setPeerTyping(SipUriNormalizer::normalize(from), active,
                  Sip::IsComposing::ReceiverDefaultTimeout);
}

void MessagingController::setPeerTyping(const QString &peerUri, bool active, int timeoutSeconds)
{
    QTimer *&timer = m_peerTyping[peerUri];
    const bool wasActive = timer && timer->isActive();
    if (active) {
        if (!timer) {
            timer = new QTimer(this);
            timer->setSingleShot(true);
            connect(timer, &QTimer::timeout, this,
                    [this, peerUri] { emit typingChanged(peerUri, false); });
        }
        timer->start(timeoutSeconds * 1000);
        emit typingChanged(peerUri, true);
        return;
    }
    if (timer)
        timer->stop();
    else
        m_peerTyping.remove(peerUri);
    // An explicit "idle" is always reported; a message only ends an active indication.
    if (wasActive || timeoutSeconds > 0)
        emit typingChanged(peerUri, false);
}

} // namespace App
