// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SipEngine.h"

#include "ua/UserAgent.h"

#include <QElapsedTimer>

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
    connect(m_agent, &UserAgent::subscriptionStateChanged, this,
            &SipEngine::subscriptionStateChanged);
    connect(m_agent, &UserAgent::publicationStateChanged, this,
            &SipEngine::publicationStateChanged);
    connect(m_agent, &UserAgent::presenceDocumentRejected, this,
            &SipEngine::presenceDocumentRejected);
    connect(m_agent, &UserAgent::watcherRequest, this, &SipEngine::watcherRequest);
    connect(m_agent, &UserAgent::watcherStateChanged, this, &SipEngine::watcherStateChanged);
    connect(m_agent, &UserAgent::messageSummaryChanged, this, &SipEngine::messageSummaryChanged);
    connect(m_agent, &UserAgent::messageSummaryStateChanged, this,
            &SipEngine::messageSummaryStateChanged);
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
    // Calls still queued to the engine thread are dropped unrun (post()), so what keeps
    // the thread is at most the call it is running, then the agent's teardown.
    m_stopping->store(true);
    m_thread.quit();
    if (m_thread.wait(threadStopTimeoutMs))
        return;
    // Destroying a running QThread aborts the process, and leaving it running would use
    // the agent after this object is gone: wait on, saying so, until it has stopped.
    qWarning("SIP engine thread did not stop within %lu ms; still waiting", threadStopTimeoutMs);
    QElapsedTimer waited;
    waited.start();
    while (!m_thread.wait(threadStopTimeoutMs))
        qWarning("SIP engine thread still running after %lld ms", qint64(waited.elapsed()));
}

// Every call is posted to the engine thread and returns at once.
void SipEngine::start(const EngineConfig &config)
{
    post([agent = m_agent, config] { agent->start(config); });
}

void SipEngine::addAccount(const QString &accountId, const AccountConfig &account)
{
    post([agent = m_agent, accountId, account] { agent->addAccount(accountId, account); });
}

void SipEngine::removeAccount(const QString &accountId)
{
    post([agent = m_agent, accountId] { agent->removeAccount(accountId); });
}

void SipEngine::setDefaultAccount(const QString &accountId)
{
    post([agent = m_agent, accountId] { agent->setDefaultAccount(accountId); });
}

void SipEngine::registerAccount(const QString &accountId)
{
    post([agent = m_agent, accountId] { agent->registerAccount(accountId); });
}

void SipEngine::unregisterAccount(const QString &accountId)
{
    post([agent = m_agent, accountId] { agent->unregisterAccount(accountId); });
}

void SipEngine::networkChanged()
{
    post([agent = m_agent] { agent->networkChanged(); });
}

void SipEngine::sendOptions(const QString &requestId, const QString &uri)
{
    post([agent = m_agent, requestId, uri] { agent->sendOptions(requestId, uri); });
}

void SipEngine::sendMessage(const QString &requestId, const QString &uri,
                            const QString &contentType, const QByteArray &body)
{
    post([agent = m_agent, requestId, uri, contentType, body] {
        agent->sendMessage(requestId, uri, contentType, body);
    });
}

void SipEngine::acceptIncomingMessage(const QString &messageId)
{
    post([agent = m_agent, messageId] { agent->acceptIncomingMessage(messageId); });
}

void SipEngine::rejectIncomingMessage(const QString &messageId, int code, const QString &reason)
{
    post([agent = m_agent, messageId, code, reason] {
        agent->rejectIncomingMessage(messageId, code, reason);
    });
}

void SipEngine::makeCall(const QString &callId, const QString &uri, const QString &accountId)
{
    post([agent = m_agent, callId, uri, accountId] { agent->makeCall(callId, uri, accountId); });
}

void SipEngine::answerCall(const QString &callId)
{
    post([agent = m_agent, callId] { agent->answerCall(callId); });
}

void SipEngine::rejectCall(const QString &callId, int code)
{
    post([agent = m_agent, callId, code] { agent->rejectCall(callId, code); });
}

void SipEngine::hangupCall(const QString &callId)
{
    post([agent = m_agent, callId] { agent->hangupCall(callId); });
}

void SipEngine::holdCall(const QString &callId, bool hold)
{
    post([agent = m_agent, callId, hold] { agent->holdCall(callId, hold); });
}

void SipEngine::sendDtmf(const QString &callId, const QString &digits)
{
    post([agent = m_agent, callId, digits] { agent->sendDtmf(callId, digits); });
}

void SipEngine::transferCall(const QString &callId, const QString &uri)
{
    post([agent = m_agent, callId, uri] { agent->transferCall(callId, uri); });
}

void SipEngine::transferCallAttended(const QString &callId, const QString &consultationCallId)
{
    post([agent = m_agent, callId, consultationCallId] {
        agent->transferCallAttended(callId, consultationCallId);
    });
}

void SipEngine::subscribePresence(const QString &uri)
{
    post([agent = m_agent, uri] { agent->subscribePresence(uri); });
}

void SipEngine::unsubscribePresence(const QString &uri)
{
    post([agent = m_agent, uri] { agent->unsubscribePresence(uri); });
}

void SipEngine::publishPresence(const QString &status, const QString &note)
{
    post([agent = m_agent, status, note] { agent->publishPresence(status, note); });
}

void SipEngine::setAllowedWatchers(const QStringList &uris)
{
    post([agent = m_agent, uris] { agent->setAllowedWatchers(uris); });
}

void SipEngine::setWatcherDecisions(const QMap<QString, bool> &decisions)
{
    post([agent = m_agent, decisions] { agent->setWatcherDecisions(decisions); });
}

void SipEngine::subscribeMessageSummary(const QString &uri)
{
    post([agent = m_agent, uri] { agent->subscribeMessageSummary(uri); });
}

void SipEngine::unsubscribeMessageSummary(const QString &uri)
{
    post([agent = m_agent, uri] { agent->unsubscribeMessageSummary(uri); });
}

void SipEngine::authorizeWatcher(const QString &watcherUri, bool allow)
{
    post([agent = m_agent, watcherUri, allow] { agent->authorizeWatcher(watcherUri, allow); });
}

void SipEngine::shutdown()
{
    post([agent = m_agent] { agent->shutdown(); });
}

} // namespace Sip
