// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "calls/CallInfo.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <optional>

namespace Sip {
class SipEngine;
struct CallStatus;
struct CallMedia;
} // namespace Sip
namespace Media {
struct MediaStatistics;
}

namespace App {

class CallMediaController;

/// The calls as the GUI drives them: make, answer, reject, hang up, hold, DTMF, transfer,
/// and the second call waiting with swap (answering or resuming one call holds the
/// other). Every action posts to the engine and returns at once; state comes back through
/// callChanged(). Ended calls stay listed for a moment so the view can show why.
class CallController : public QObject
{
    Q_OBJECT
public:
    CallController(Sip::SipEngine &sip, CallMediaController &media, QObject *parent = nullptr);

    QList<CallInfo> calls() const { return m_calls; }
    std::optional<CallInfo> call(const QString &id) const;
    // The call the user talks to: the established one not on hold, else the newest active.
    QString currentCallId() const;
    int activeCount() const;
    QString lastDialled() const { return m_lastDialled; }

    // Volume of every call in percent of the unchanged level (0..MaxVolumePercent),
    // microphone and speaker; applied in the media thread.
    static constexpr int MaxVolumePercent = 200;
    int inputVolume() const;
    int outputVolume() const;

    // How long an ended call stays in calls(); tests shorten it.
    void setEndedLinger(int milliseconds) { m_endedLingerMs = milliseconds; }

public slots:
    // Returns the new call's id, or an empty string when `uri` is not callable.
    // From `accountId`; empty: the engine's default account.
    QString makeCall(const QString &uri, const QString &accountId = {});
    void answer(const QString &id); // holds the other established calls first
    void reject(const QString &id, int code = 486);
    void hangup(const QString &id);
    void hangupAll();
    void setHold(const QString &id, bool hold);
    // Mute is local: the call stays up, the peer hears silence (the microphone stays open).
    void setMuted(const QString &id, bool muted);
    void setInputVolume(int percent);
    void setOutputVolume(int percent);
    void sendDtmf(const QString &id, const QString &digits);
    void transfer(const QString &id, const QString &targetUri); // blind (REFER)
    // Attended (REFER with Replaces): the peer of `id` takes over our call `consultationId`.
    void transferAttended(const QString &id, const QString &consultationId);
    // Call waiting: resume `id`, hold every other established call.
    void swapTo(const QString &id);
    void requestStatistics(const QString &id);
    // Local feedback of a dial-pad key on the call audio output.
    void playKeyTone(QChar digit);

signals:
    void callAdded(const App::CallInfo &call);
    void callChanged(const App::CallInfo &call);
    void callRemoved(const QString &id);
    void incomingCall(const App::CallInfo &call);
    void dtmfReceived(const QString &id, const QString &digit);
    // About every 100 ms while a call's media runs: what its microphone captures (muted or
    // not) and what its speaker plays, in dBFS (-100 for silence).
    void audioLevels(const QString &id, double inputRmsDbfs, double inputPeakDbfs,
                     double outputRmsDbfs, double outputPeakDbfs);

private:
    void onIncoming(const QString &id, const QString &from, const QString &displayName);
    void onState(const QString &id, const Sip::CallStatus &status);
    void onMedia(const QString &id, const Sip::CallMedia &media);
    void onStatistics(const QString &id, const Media::MediaStatistics &statistics);
    CallInfo *find(const QString &id);
    void changed(CallInfo &call);
    void holdOthers(const QString &exceptId);
    void updateTones();

    Sip::SipEngine &m_sip;
    CallMediaController &m_media;
    QList<CallInfo> m_calls;
    QTimer m_statisticsTimer;
    QString m_lastDialled;
    int m_nextId = 1;
    int m_endedLingerMs = 3000;
    QSet<QString> m_earlyMedia; // outgoing calls hearing the far end before the answer
    bool m_ringing = false;
    bool m_ringback = false;
};

} // namespace App
