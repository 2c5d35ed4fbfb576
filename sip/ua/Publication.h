// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PublicationStatus.h"
#include "core/Clock.h"
#include "core/TimerHandle.h"
#include "message/SipMessage.h"
#include "presence/PresenceDocument.h"
#include "presence/PresenceStatus.h"
#include "transaction/TransactionLayer.h"
#include "transport/Endpoint.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Sip {

class CredentialCache;

/// Our own event state at the account's presence server (RFC 3903: we are the EPA, the
/// server the ESC), by default presence (Event: presence, application/pidf+xml).
///
///   publish(...)   initial PUBLISH with the body and Expires (§4.1). The 2xx gives the
///                  SIP-ETag (kept) and the Expires granted; a refresh (§4.2: SIP-If-Match,
///                  no body) goes out before it runs out (PresenceSupport::refreshDelay:
///                  3600 s -> after 3240 s). Called again once published it modifies the
///                  state (§4.4: SIP-If-Match and the new body).
///   remove()       PUBLISH with Expires: 0 and SIP-If-Match (§4.5); Unpublished once
///                  answered (whatever the answer: the state expires on its own anyway).
///
/// One PUBLISH at a time (§4.1: no new one before the previous got its final response):
/// what is asked meanwhile is sent afterwards, the latest body only.
///
/// Responses: 412 Conditional Request Failed (the ESC lost our entity-tag) -> a fresh
/// initial PUBLISH with the body, no SIP-If-Match (§4.1.1); 423 Interval Too Brief ->
/// again with the Min-Expires (§4.1.1); 401/407 answered from the credentials
/// (RequestAuthenticator); 489 Bad Event, 403, 404, ... and a wrong password -> Failed for
/// good; 408 / timeout / transport error, 480, 5xx -> Failed with a retry after the
/// back-off (Settings::firstRetry doubling to Settings::maxRetry, or Retry-After).
///
/// Every PUBLISH of one Publication shares a Call-ID and From tag, with rising CSeq.
/// Single-threaded (the signalling thread), everything on the layer's Clock; signals are
/// emitted synchronously: do not delete the publication from their slots (deleteLater()).
/// Deleting it abandons the state at the ESC (it expires there); remove() first for a
/// clean exit.
class Publication : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        std::string event = "presence"; // Event package (RFC 3903 §4.1)
        int expires = 3600; // asked for, seconds
        std::chrono::seconds firstRetry { 5 };
        std::chrono::seconds maxRetry { 300 };
        int maxAuthRounds = 3;
        std::string userAgent; // User-Agent of our requests; empty: none
    };

    struct Params
    {
        std::string aor; // our AOR: Request-URI, From, To, and the PIDF entity
        std::string displayName; // may be empty
        // The first hop of every PUBLISH (the account's outbound proxy / registrar).
        Endpoint destination;
        // For 401/407 challenges; may be null. Must outlive the publication.
        CredentialCache *credentials = nullptr;
        // The <contact> of our PIDF tuple (forOwnStatus), e.g. our AOR or GRUU; empty: none.
        std::string pidfContact;
        // More header fields for every PUBLISH (a preloaded Route, ...).
        std::vector<std::pair<std::string, std::string>> extraHeaders;
    };

    Publication(TransactionLayer &layer, Params params, QObject *parent = nullptr);
    Publication(TransactionLayer &layer, Params params, Settings settings,
                QObject *parent = nullptr);
    // Abandons the publication silently (no remove()): it expires at the ESC.
    ~Publication() override;

    Publication(const Publication &) = delete;
    Publication &operator=(const Publication &) = delete;

    // Publishes (or modifies) our presence: PresenceDocument::forOwnStatus(aor, status,
    // note). False (with the reason, nothing sent) when the parameters are unusable.
    bool publish(PresenceStatus status, const QString &note = {}, QString *error = nullptr);
    bool publish(const PresenceDocument &document, QString *error = nullptr);
    // Any body of the event package (e.g. for packages other than presence).
    bool publish(const std::string &contentType, const QByteArray &body, QString *error = nullptr);
    // Removes the published state (see the class comment). No-op when nothing is
    // published and nothing is on its way.
    void remove();
    // Re-sends the current state now (e.g. after a network change): a refresh when
    // published, a new initial PUBLISH after a failure. No-op when unpublished.
    void refreshNow();

    const PublicationStatus &status() const { return m_status; }
    PublicationState state() const { return m_status.state; }
    const Settings &settings() const { return m_settings; }
    const Params &params() const { return m_params; }
    // The entity-tag of the published state (RFC 3903 §11.3.1), empty when none.
    const std::string &etag() const { return m_etag; }
    // The body we want published (the last one given), and its content type.
    const QByteArray &body() const { return m_body; }
    const std::string &contentType() const { return m_contentType; }
    const std::string &callId() const { return m_callId; }
    // When the published state runs out at the ESC (Clock time), nullopt when none.
    std::optional<Clock::TimePoint> expiresAt() const { return m_expiresAt; }

signals:
    // Every change of state, code, error, entity-tag, expires or retry delay.
    void statusChanged(const Sip::PublicationStatus &status);
    // A PUBLISH failed: `code` is its final response (or the synthetic 408 / 503).
    void errorOccurred(int code, const QString &reason);

private:
    enum class Kind : quint8 { Initial, Modify, Refresh, Remove };
    struct Attempt;

    void next();
    void send(Kind kind);
    bool transmit(const SipMessage &request, const std::shared_ptr<Attempt> &attempt);
    void onEvent(const ClientEvent &event, const SipMessage &request,
                 const std::shared_ptr<Attempt> &attempt);
    void onSuccess(const SipMessage &response, const std::shared_ptr<Attempt> &attempt);
    void onFailure(const SipMessage &response, const QString &why, bool transient,
                   const std::shared_ptr<Attempt> &attempt);
    void setStatus(const PublicationStatus &status);
    void setState(PublicationState state, int code = 0, const QString &error = {});
    void clearEtag();

    TransactionLayer &m_layer;
    Params m_params;
    Settings m_settings;
    PublicationStatus m_status;

    std::string m_callId;
    std::string m_fromTag;
    uint32_t m_cseq = 0;
    int m_expires = 3600; // asked for (423 may raise it)

    std::string m_contentType;
    QByteArray m_body; // the state we want published
    std::string m_etag;
    std::optional<Clock::TimePoint> m_expiresAt;

    bool m_wantPublished = false; // publish() called and remove() not since
    bool m_inFlight = false; // a PUBLISH awaits its final response
    bool m_dirty = false; // something changed while one was in flight: run next() after it
    bool m_bodySent = false; // the ESC has (or is getting) m_body
    int m_failures = 0;
    quint64 m_generation = 0;

    TimerHandle m_refreshTimer;
    TimerHandle m_retryTimer;
};

} // namespace Sip
