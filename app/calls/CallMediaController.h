// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sip/SipEngine.h"

#include "MediaEngine.h"

#include <QHash>
#include <QObject>

namespace App {

/// Joins the two engines for calls: every media description a call negotiates (plain
/// data from the SIP engine) becomes a media session (plain data for the media engine),
/// updated on re-INVITEs and stopped when the call ends. Neither engine knows the other.
class CallMediaController : public QObject
{
    Q_OBJECT
public:
    CallMediaController(Sip::SipEngine &sip, QObject *parent = nullptr);

    // Where audio comes from and goes to: "tone:440", "wav:FILE", "null" (and "device:NAME"
    // once a device endpoint factory is registered by the GUI).
    void setAudio(const QString &sourceSpec, const QString &sinkSpec);
    void setEchoCancellation(bool on) { m_echoCancellation = on; }

    // RFC 4733 in RTP when the call negotiated telephone-event; false when it did not
    // (the caller then falls back to SIP INFO).
    bool sendDtmf(const QString &callId, const QString &digits);
    void requestStatistics(const QString &callId);

signals:
    void mediaStarted(const QString &callId, quint16 localPort);
    void mediaFailed(const QString &callId, const QString &reason);
    void dtmfReceived(const QString &callId, const QString &digit);
    void statistics(const QString &callId, const Media::MediaStatistics &statistics);

private:
    void onMediaChanged(const QString &callId, const Sip::CallMedia &media);
    void onStateChanged(const QString &callId, const Sip::CallStatus &status);

    Media::MediaEngine m_media;
    QHash<QString, Sip::CallMedia> m_active; // calls with a running media session
    QString m_source = QStringLiteral("null");
    QString m_sink = QStringLiteral("null");
    bool m_echoCancellation = false;
};

} // namespace App
