// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallController.h"

#include "calls/CallMediaController.h"
#include "storage/SipUriNormalizer.h"

#include "sip/SipEngine.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>

namespace App {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// The media statistics are polled while a call is up: the call window shows loss,
// jitter and RTT, and a per-packet signal would flood the GUI thread.
constexpr int statisticsIntervalMs = 2000;
constexpr int busyToneMs = 3000;
constexpr int keyToneMs = 120; // local feedback of a key press

} // namespace

CallController::CallController(Sip::SipEngine &sip, CallMediaController &media, QObject *parent)
    : QObject(parent)
    , m_sip(sip)
    , m_media(media)
{
    connect(&sip, &Sip::SipEngine::incomingCall, this, &CallController::onIncoming);
    connect(&sip, &Sip::SipEngine::callStateChanged, this, &CallController::onState);
    connect(&sip, &Sip::SipEngine::callMediaChanged, this, &CallController::onMedia);
    connect(&sip, &Sip::SipEngine::callDtmfReceived, this, &CallController::dtmfReceived);
    connect(&media, &CallMediaController::dtmfReceived, this, &CallController::dtmfReceived);
    connect(&media, &CallMediaController::statistics, this, &CallController::onStatistics);
    connect(&media, &CallMediaController::audioLevels, this,
            [this](const QString &id, const Media::AudioLevels &levels) {
                if (id == CallMediaController::InputMeterName)
                    return;
                emit audioLevels(id, levels.input.rmsDbfs, levels.input.peakDbfs,
                                 levels.output.rmsDbfs, levels.output.peakDbfs);
            });
    m_statisticsTimer.setInterval(statisticsIntervalMs);
    connect(&m_statisticsTimer, &QTimer::timeout, this, [this] {
        for (const CallInfo &call : std::as_const(m_calls)) {
            if (call.isEstablished())
                m_media.requestStatistics(call.id);
        }
    });
}

std::optional<CallInfo> CallController::call(const QString &id) const
{
    for (const CallInfo &call : m_calls) {
        if (call.id == id)
            return call;
    }
    return std::nullopt;
}

QString CallController::currentCallId() const
{
    for (const CallInfo &call : m_calls) {
        if (call.state == CallInfo::State::Connected)
            return call.id;
    }
    for (auto it = m_calls.crbegin(); it != m_calls.crend(); ++it) {
        if (it->isActive())
            return it->id;
    }
    return {};
}

int CallController::activeCount() const
{
    return static_cast<int>(std::count_if(m_calls.cbegin(), m_calls.cend(),
                                          [](const CallInfo &c) { return c.isActive(); }));
}

CallInfo *CallController::find(const QString &id)
{
    for (CallInfo &call : m_calls) {
        if (call.id == id)
            return &call;
    }
    return nullptr;
}

QString CallController::makeCall(const QString &uri, const QString &accountId)
{
    const QString target = SipUriNormalizer::normalize(uri);
    if (target.isEmpty())
        return {};
    CallInfo call;
    call.id = QStringLiteral("out%1").arg(m_nextId++);
    call.direction = CallInfo::Direction::Outgoing;
    call.peerUri = target;
    call.state = CallInfo::State::Calling;
    call.startedMs = nowMs();
    m_lastDialled = target;
    holdOthers(call.id);
    m_calls.append(call);
    emit callAdded(call);
    m_sip.makeCall(call.id, target, accountId);
    return call.id;
}

void CallController::answer(const QString &id)
{
    CallInfo *call = find(id);
    if (!call || call->state != CallInfo::State::Incoming)
        return;
    holdOthers(id);
    m_sip.answerCall(id);
}

void CallController::reject(const QString &id, int code)
{
    if (CallInfo *call = find(id); call && call->state == CallInfo::State::Incoming)
        m_sip.rejectCall(id, code);
}

void CallController::hangup(const QString &id)
{
    CallInfo *call = find(id);
    if (!call || !call->isActive())
        return;
    if (call->state == CallInfo::State::Incoming)
        m_sip.rejectCall(id, 486);
    else
        m_sip.hangupCall(id);
}

void CallController::hangupAll()
{
    for (const CallInfo &call : std::as_const(m_calls))
        hangup(call.id);
}

void CallController::setHold(const QString &id, bool hold)
{
    CallInfo *call = find(id);
    if (!call || !call->isEstablished() || call->localHold == hold)
        return;
    m_sip.holdCall(id, hold);
}

void CallController::setMuted(const QString &id, bool muted)
{
    CallInfo *call = find(id);
    if (!call || call->muted == muted)
        return;
    call->muted = muted;
    m_media.setMuted(id, muted);
    changed(*call);
}

int CallController::inputVolume() const
{
    return int(std::lround(m_media.inputGain() * 100.0));
}

int CallController::outputVolume() const
{
    return int(std::lround(m_media.outputGain() * 100.0));
}

void CallController::setInputVolume(int percent)
{
    m_media.setInputGain(std::clamp(percent, 0, MaxVolumePercent) / 100.0);
}

void CallController::setOutputVolume(int percent)
{
    m_media.setOutputGain(std::clamp(percent, 0, MaxVolumePercent) / 100.0);
}

void CallController::sendDtmf(const QString &id, const QString &digits)
{
    CallInfo *call = find(id);
    if (!call || !call->isEstablished() || digits.isEmpty())
        return;
    // RFC 4733 in RTP when the call negotiated telephone-event, else SIP INFO.
    if (!m_media.sendDtmf(id, digits))
        m_sip.sendDtmf(id, digits);
    if (digits.size() == 1)
        playKeyTone(digits.at(0));
}

void CallController::transfer(const QString &id, const QString &targetUri)
{
    const QString target = SipUriNormalizer::normalize(targetUri);
    if (CallInfo *call = find(id); call && call->isEstablished() && !target.isEmpty())
        m_sip.transferCall(id, target);
}

void CallController::transferAttended(const QString &id, const QString &consultationId)
{
    // RFC 5589 §7: the first peer is referred to the second with Replaces, so it takes
    // over our consultation call; how it went comes back as the calls' state changes.
    const CallInfo *call = find(id);
    const CallInfo *consultation = find(consultationId);
    if (!call || !consultation || !call->isEstablished() || !consultation->isEstablished())
        return;
    m_sip.transferCallAttended(id, consultationId);
}

void CallController::swapTo(const QString &id)
{
    CallInfo *call = find(id);
    if (!call || !call->isEstablished())
        return;
    holdOthers(id);
    if (call->localHold)
        m_sip.holdCall(id, false);
}

void CallController::requestStatistics(const QString &id)
{
    m_media.requestStatistics(id);
}

void CallController::holdOthers(const QString &exceptId)
{
    for (const CallInfo &other : std::as_const(m_calls)) {
        if (other.id != exceptId && other.state == CallInfo::State::Connected && !other.localHold)
            m_sip.holdCall(other.id, true);
    }
}

void CallController::onIncoming(const QString &id, const QString &from, const QString &displayName)
{
    CallInfo call;
    call.id = id;
    call.direction = CallInfo::Direction::Incoming;
    call.peerUri = SipUriNormalizer::normalize(from);
    call.peerName = displayName;
    call.state = CallInfo::State::Incoming;
    call.startedMs = nowMs();
    m_calls.append(call);
    emit callAdded(call);
    emit incomingCall(call);
    updateTones();
}

void CallController::onState(const QString &id, const Sip::CallStatus &status)
{
    CallInfo *call = find(id);
    if (!call)
        return;
    call->statusCode = status.statusCode;
    call->localHold = status.localHold;
    call->remoteHold = status.remoteHold;
    switch (status.state) {
    case Sip::CallState::Calling:
        if (call->direction == CallInfo::Direction::Outgoing)
            call->state = CallInfo::State::Calling;
        break;
    case Sip::CallState::Ringing:
    case Sip::CallState::Early:
        if (call->direction == CallInfo::Direction::Outgoing)
            call->state = CallInfo::State::Ringing;
        break;
    case Sip::CallState::Confirmed:
    case Sip::CallState::Held:
        if (!call->connectedMs)
            call->connectedMs = nowMs();
        call->state = status.state == Sip::CallState::Held ? CallInfo::State::Held
                                                           : CallInfo::State::Connected;
        if (!m_statisticsTimer.isActive())
            m_statisticsTimer.start();
        break;
    case Sip::CallState::Terminated: {
        call->state = CallInfo::State::Ended;
        call->endedMs = nowMs();
        call->reason = status.reason;
        const QString endedId = call->id;
        QTimer::singleShot(m_endedLingerMs, this, [this, endedId] {
            const auto it = std::find_if(m_calls.begin(), m_calls.end(),
                                         [&](const CallInfo &c) { return c.id == endedId; });
            if (it == m_calls.end())
                return;
            m_calls.erase(it);
            m_earlyMedia.remove(endedId);
            emit callRemoved(endedId);
            if (activeCount() == 0)
                m_statisticsTimer.stop();
        });
        break;
    }
    }
    if (status.state == Sip::CallState::Terminated
        && call->direction == CallInfo::Direction::Outgoing && !call->connectedMs
        && (status.statusCode == 486 || status.statusCode == 600)) {
        // The busy tone tells the caller at once, for a few seconds.
        m_media.playBusy();
        QTimer::singleShot(busyToneMs, this, [this] { m_media.stopBusy(); });
    }
    changed(*call);
    updateTones();
}

void CallController::updateTones()
{
    // Ring while an incoming call waits and nothing else is up (a call waiting while we
    // talk gets the call window, not a ringtone over the conversation); ringback while an
    // outgoing call rings without early media.
    bool incoming = false;
    bool established = false;
    bool ringing = false;
    for (const CallInfo &call : std::as_const(m_calls)) {
        incoming |= call.state == CallInfo::State::Incoming;
        established |= call.isEstablished();
        ringing |= call.state == CallInfo::State::Ringing && !m_earlyMedia.contains(call.id);
    }
    const bool ring = incoming && !established;
    if (ring != m_ringing) {
        m_ringing = ring;
        ring ? m_media.playRingtone() : m_media.stopRingtone();
    }
    if (ringing != m_ringback) {
        m_ringback = ringing;
        ringing ? m_media.playRingback() : m_media.stopRingback();
    }
}

void CallController::playKeyTone(QChar digit)
{
    m_media.playDtmfTone(digit, keyToneMs);
}

void CallController::onMedia(const QString &id, const Sip::CallMedia &media)
{
    CallInfo *call = find(id);
    if (!call)
        return;
    call->codec = media.active ? QString::fromStdString(media.audio.codec.name) : QString();
    call->srtp = media.active && media.audio.secure;
    // Early media (RFC 3960) brings the far end's own ringback or announcement.
    if (media.active && media.early)
        m_earlyMedia.insert(id);
    else
        m_earlyMedia.remove(id);
    changed(*call);
    updateTones();
}

void CallController::onStatistics(const QString &id, const Media::MediaStatistics &statistics)
{
    CallInfo *call = find(id);
    if (!call)
        return;
    if (!statistics.codec.isEmpty())
        call->codec = statistics.codec;
    call->srtp = statistics.srtp;
    call->lossPercent = statistics.lossPercent;
    call->jitterMs = statistics.jitterMs;
    call->rttMs = statistics.rttMs;
    changed(*call);
}

void CallController::changed(CallInfo &call)
{
    emit callChanged(call);
}

} // namespace App
