// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>

namespace Sip {

/// Where our own published state (a Publication, RFC 3903) stands.
///   Unpublished nothing published: not started yet, or removed (Expires: 0 answered,
///               or the ESC no longer had it).
///   Publishing  a PUBLISH with a body (initial or modify) awaits its final response.
///   Published   the ESC holds our state under PublicationStatus::etag; refreshes (no
///               body, SIP-If-Match) run in the background in this state.
///   Removing    remove(): PUBLISH with Expires: 0 sent.
///   Failed      the last PUBLISH failed: retryInSeconds >= 0 when a new one is
///               scheduled (timeout, 5xx, ...), -1 when we gave up (489, 403, a wrong
///               password, ...).
enum class PublicationState : quint8 { Unpublished, Publishing, Published, Removing, Failed };

QString publicationStateName(PublicationState state); // "unpublished", "publishing", ...

/// A snapshot of a publication, pushed on every change (Publication::statusChanged()).
struct PublicationStatus
{
    PublicationState state = PublicationState::Unpublished;
    // The final response behind the change (200, 412, 423, 489, the synthetic 408 / 503
    // of a timeout or transport error), 0 for local actions.
    int statusCode = 0;
    QString error; // what went wrong, in words; empty when all is well
    QString etag; // SIP-ETag of the published state (RFC 3903 §11.3.1), empty: none
    int expires = 0; // seconds the ESC granted, 0 when not published
    int retryInSeconds = -1; // Failed: seconds until the next attempt, -1: none

    friend bool operator==(const PublicationStatus &, const PublicationStatus &) = default;
};

} // namespace Sip

Q_DECLARE_METATYPE(Sip::PublicationState)
Q_DECLARE_METATYPE(Sip::PublicationStatus)
