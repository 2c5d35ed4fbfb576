// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SipEngine.h"

#include "ua/UserAgent.h"

namespace Sip {

namespace {

// How long the destructor waits for the engine thread; it only has to leave its event loop.
constexpr unsigned long threadStopTimeoutMs = 3000;

} // namespace

SipEngine::SipEngine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Sip::EngineConfig>();
    qRegisterMetaType<Sip::AccountConfig>();
    qRegisterMetaType<Sip::RegistrationStatus>();
    qRegisterMetaType<Sip::CallStatus>();
    qRegisterMetaType<Sip::CallMedia>();
    m_thread.setObjectName(QStringLiteral("sip-engine"));
    m_agent = new UserAgent;
    m_agent->moveToThread(&m_thread);
    // The agent is deleted in its own thread, where its sockets and timers live.
    connect(&m_thread, &QThread::finished, m_agent, &QObject::deleteLater);
    connect(m_agent, &UserAgent::started, this, &SipEngine::started);
    connect(m_agent, &UserAgent::startFailed, this, &SipEngine::startFailed);
    connect(m_agent, &UserAgent::registrationChanged, this, &SipEngine::registrationChanged);
    connect(m_agent, &UserAgent::optionsFinished, this, &SipEngine::optionsFinished);
    connect(m_agent, &UserAgent::requestFailed, this, &SipEngine::requestFailed);
    connect(m_agent, &UserAgent::messageFinished, this, &SipEngine::messageFinished);
    connect(m_agent, &UserAgent::messageReceived, this, &SipEngine::messageReceived);
    connect(m_agent, &UserAgent::presenceChanged, this, &SipEngine::presenceChanged);
    connect(m_agent, &UserAgent::subscriptionStateChanged, this, &SipEngine::subscriptionStateChanged);
    connect(m_agent, &UserAgent::publicationStateChanged, this, &SipEngine::publicationStateChanged);
    connect(m_agent, &UserAgent::presenceDocumentRejected, this, &SipEngine::presenceDocumentRejected);
    connect(m_agent, &UserAgent::watcherRequest, this, &SipEngine::watcherRequest);
    connect(m_agent, &UserAgent::watcherStateChanged, this, &SipEngine::watcherStateChanged);
    connect(m_agent, &UserAgent::messageSummaryChanged, this, &SipEngine::messageSummaryChanged);
    connect(m_agent, &UserAgent::messageSummaryStateChanged, this, &SipEngine::messageSummaryStateChanged);
    connect(m_agent, &UserAgent::composingReceived, this, &SipEngine::composingReceived);
    connect(m_agent, &UserAgent::incomingCall, this, &SipEngine::incomingCall);
    connect(m_agent, &UserAgent::callStateChanged, this, &SipEngine::callStateChanged);
    connect(m_agent, &UserAgent::callMediaChanged, this, &SipEngine::callMediaChanged);
    connect(m_agent, &UserAgent::callDtmfReceived, this, &SipEngine::callDtmfReceived);
    connect(m_agent, &UserAgent::callTransferProgress, this, &SipEngine::callTransferProgress);
    connect(m_agent, &UserAgent::callTransferStarted, this, &SipEngine::callTransferStarted);
    connect(m_agent, &UserAgent::callReplaces, this, &SipEngine::callReplaces);
    connect(m_agent, &UserAgent::certificateRejected, this, &SipEngine::certificateRejected);
    connect(m_agent, &UserAgent::shutdownComplete, this, &SipEngine::shutdownComplete);
    m_thread.start();
}

SipEngine::~SipEngine()
{
    m_thread.quit();
    if (!m_thread.wait(threadStopTimeoutMs))
        qWarning("SIP engine thread did not stop within %lu ms", threadStopTimeoutMs);
}

// Every call is posted to the engine thread and returns at once.
void SipEngine::start(const EngineConfig &config)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, config] { agent->start(config); }, Qt::QueuedConnection);
}

void SipEngine::addAccount(const QString &accountId, const AccountConfig &account)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, accountId, account] { agent->addAccount(accountId, account); },
                              Qt::QueuedConnection);
}

void SipEngine::removeAccount(const QString &accountId)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, accountId] { agent->removeAccount(accountId); },
                              Qt::QueuedConnection);
}

void SipEngine::registerAccount(const QString &accountId)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, accountId] { agent->registerAccount(accountId); },
                              Qt::QueuedConnection);
}

void SipEngine::unregisterAccount(const QString &accountId)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, accountId] { agent->unregisterAccount(accountId); },
                              Qt::QueuedConnection);
}

void SipEngine::networkChanged()
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent] { agent->networkChanged(); }, Qt::QueuedConnection);
}

void SipEngine::sendOptions(const QString &requestId, const QString &uri)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, requestId, uri] { agent->sendOptions(requestId, uri); },
                              Qt::QueuedConnection);
}

void SipEngine::sendMessage(const QString &requestId, const QString &uri, const QString &contentType,
                            const QByteArray &body)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, requestId, uri, contentType, body] {
        agent->sendMessage(requestId, uri, contentType, body);
    }, Qt::QueuedConnection);
}

void SipEngine::acceptIncomingMessage(const QString &messageId)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, messageId] { agent->acceptIncomingMessage(messageId); },
                              Qt::QueuedConnection);
}

void SipEngine::rejectIncomingMessage(const QString &messageId, int code, const QString &reason)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, messageId, code, reason] {
        agent->rejectIncomingMessage(messageId, code, reason);
    }, Qt::QueuedConnection);
}

void SipEngine::makeCall(const QString &callId, const QString &uri)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, callId, uri] { agent->makeCall(callId, uri); }, Qt::QueuedConnection);
}

void SipEngine::answerCall(const QString &callId)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, callId] { agent->answerCall(callId); }, Qt::QueuedConnection);
}

void SipEngine::rejectCall(const QString &callId, int code)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, callId, code] { agent->rejectCall(callId, code); }, Qt::QueuedConnection);
}

void SipEngine::hangupCall(const QString &callId)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, callId] { agent->hangupCall(callId); }, Qt::QueuedConnection);
}

void SipEngine::holdCall(const QString &callId, bool hold)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, callId, hold] { agent->holdCall(callId, hold); }, Qt::QueuedConnection);
}

void SipEngine::sendDtmf(const QString &callId, const QString &digits)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, callId, digits] { agent->sendDtmf(callId, digits); }, Qt::QueuedConnection);
}

void SipEngine::transferCall(const QString &callId, const QString &uri)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, callId, uri] { agent->transferCall(callId, uri); }, Qt::QueuedConnection);
}

void SipEngine::transferCallAttended(const QString &callId, const QString &consultationCallId)
{
    QMetaObject::invokeMethod(
            m_agent,
            [agent = m_agent, callId, consultationCallId] {
                agent->transferCallAttended(callId, consultationCallId);
            },
            Qt::QueuedConnection);
}

void SipEngine::subscribePresence(const QString &uri)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, uri] { agent->subscribePresence(uri); }, Qt::QueuedConnection);
}

void SipEngine::unsubscribePresence(const QString &uri)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, uri] { agent->unsubscribePresence(uri); }, Qt::QueuedConnection);
}

void SipEngine::publishPresence(const QString &status, const QString &note)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, status, note] { agent->publishPresence(status, note); }, Qt::QueuedConnection);
}

void SipEngine::setAllowedWatchers(const QStringList &uris)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, uris] { agent->setAllowedWatchers(uris); }, Qt::QueuedConnection);
}

void SipEngine::setWatcherDecisions(const QMap<QString, bool> &decisions)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, decisions] { agent->setWatcherDecisions(decisions); },
                              Qt::QueuedConnection);
}

void SipEngine::subscribeMessageSummary(const QString &uri)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, uri] { agent->subscribeMessageSummary(uri); }, Qt::QueuedConnection);
}

void SipEngine::unsubscribeMessageSummary(const QString &uri)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, uri] { agent->unsubscribeMessageSummary(uri); }, Qt::QueuedConnection);
}

void SipEngine::authorizeWatcher(const QString &watcherUri, bool allow)
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent, watcherUri, allow] { agent->authorizeWatcher(watcherUri, allow); },
                              Qt::QueuedConnection);
}

void SipEngine::shutdown()
{
    QMetaObject::invokeMethod(m_agent, [agent = m_agent] { agent->shutdown(); }, Qt::QueuedConnection);
}

} // namespace Sip
