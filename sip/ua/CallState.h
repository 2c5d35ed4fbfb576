// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sdp/SdpNegotiatedStream.h"

#include <QMetaType>
#include <QString>

namespace Sip {

/// Where one call (one InviteSession) stands, as the app shows it.
///   Calling    UAC: INVITE sent, nothing but 100 Trying (or a 3xx being followed) yet.
///   Ringing    UAC: 180/181/182 (or 183 without SDP) received, the far end alerts.
///              UAS: the INVITE was accepted for alerting (180 sent), up to the ACK of
///              our 2xx.
///   Early      UAC: a provisional response carried an SDP answer: early media
///              (RFC 3960, e.g. a 183 with ringback or an announcement).
///   Confirmed  2xx received and ACKed (UAC) / ACK received (UAS): media flows.
///   Held       Confirmed, but either side put the call on hold (RFC 3264 §8.4,
///              RFC 6337): see CallStatus::localHold / remoteHold.
///   Terminated the call is over for the user (hung up, rejected, failed, cancelled).
///              Clean-up (CANCEL/487, the BYE transaction, late 2xx) may still run;
///              InviteSession::ended() says when the session can be deleted.
enum class CallState : quint8 { Calling, Ringing, Early, Confirmed, Held, Terminated };

/// Why a call reached Terminated (CallEndCause::None before that).
enum class CallEndCause : quint8 {
    None,
    LocalHangup, // we sent BYE on an established call
    RemoteHangup, // the peer sent BYE
    LocalCancel, // UAC: we gave up before the answer (CANCEL)
    NoAnswer, // UAC: our no-answer timer cancelled; UAS: we stopped ringing (480)
    RemoteCancel, // UAS: the caller cancelled before we answered: a missed call
    AnsweredElsewhere, // UAS: CANCEL with Reason cause=200 (RFC 3326): another device took it
    Rejected, // UAC: the peer (or a proxy) answered 3xx-6xx
    LocalReject, // UAS: we answered 3xx-6xx (reject(), busy, an unusable offer, ...)
    Failed, // timeout, transport error, no ACK, wrong password, bad SDP answer
    Transferred, // we transferred the call (REFER succeeded) and hung up
    Replaced, // RFC 3891: an INVITE with Replaces took this call over
};

QString callStateName(CallState state); // "calling", "ringing", ...
QString callEndCauseName(CallEndCause cause); // "local-hangup", "missed", ...

/// A snapshot of a call's state, pushed to the owner on every change (InviteSession::
/// stateChanged()).
struct CallStatus
{
    CallState state = CallState::Calling;
    // The SIP status code behind the change: 100/180/183/200 while setting up, the
    // peer's final response (486, 603, 404, ...) on a rejection, the synthetic 408/503 of
    // a timeout or transport error, 487 when the peer cancelled; 0 for local actions.
    int statusCode = 0;
    QString reason; // reason phrase, or what happened in words
    CallEndCause endCause = CallEndCause::None;
    bool localHold = false; // we hold the call (our offer was sendonly / inactive)
    bool remoteHold = false; // the peer holds it (its SDP said sendonly / inactive / 0.0.0.0)

    bool isTerminated() const { return state == CallState::Terminated; }
    friend bool operator==(const CallStatus &, const CallStatus &) = default;
};

/// The negotiated media of a call, for the media engine: plain data from the RFC 3264
/// offer/answer (SdpNegotiator). `audio` carries the remote RTP/RTCP address and ports,
/// the codec and its payload type, the telephone-event payload type, the SRTP keys both
/// ways and our direction (audio.direction: sends()/receives()).
struct CallMedia
{
    bool active = false; // an audio stream was accepted; false: no media (audio is empty)
    bool early = false; // UAC: from a provisional response (early media), not final yet
    SdpNegotiatedStream audio;

    friend bool operator==(const CallMedia &, const CallMedia &) = default;
};

/// A REFER (RFC 3515) received in a call: the peer asks us to call `target`.
struct CallTransferRequest
{
    QString target; // the Refer-To URI without its header part (where to call)
    QString replaces; // RFC 3891: the Replaces header value for the new INVITE, if any
    QString referredBy; // the Referred-By header value (RFC 3892), if any
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::CallState)
Q_DECLARE_METATYPE(Sip::CallStatus)
Q_DECLARE_METATYPE(Sip::CallMedia)
Q_DECLARE_METATYPE(Sip::CallTransferRequest)
