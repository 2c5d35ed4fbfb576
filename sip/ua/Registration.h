// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountConfig.h"
#include "RegistrationState.h"
#include "RequestAuthenticator.h"
#include "core/Clock.h"
#include "core/TimerHandle.h"

#include <QObject>

#include <functional>

namespace Sip {

/// The REGISTER dialog usage of one account (RFC 3261 §10): registers, refreshes before
/// expiry, answers challenges, follows 423 Min-Expires, unregisters, and after a failure
/// retries with a growing back-off. It builds requests and reads responses; the engine
/// sends them (adding Via and running the transaction), so it is tested in virtual time.
class Registration : public QObject
{
    Q_OBJECT
public:
    // Sends `request` in a client transaction and calls `onFinal` with its final
    // response; a timeout or transport failure arrives as a synthetic 408 or 503.
    using FinalResponseHandler = std::function<void(const SipMessage &response)>;
    using RequestSender = std::function<void(const SipMessage &request, FinalResponseHandler onFinal)>;
    // The Contact URI to register (local address of the transport toward the registrar).
    using ContactProvider = std::function<QString()>;
    // Called before each REGISTER is built; calls `ready` once a flow to the registrar
    // exists, so the Contact names the local port of a TCP/TLS connection that the
    // registrar can route back through (RFC 5626 flows, Kamailio's tcp aliases).
    using FlowPreparer = std::function<void(std::function<void()> ready)>;

    // `credentials` is the account's cache, shared with every other request of the
    // account (one nonce-count state per realm, RFC 7616 §3.4); the caller fills it and
    // keeps it alive longer than the registration.
    Registration(const AccountConfig &account, CredentialCache &credentials, Clock &clock,
                 RequestSender sender, ContactProvider contact, QObject *parent = nullptr);
    ~Registration() override;

    void setFlowPreparer(FlowPreparer preparer) { m_prepareFlow = std::move(preparer); }

    const RegistrationStatus &status() const { return m_status; }
    const AccountConfig &account() const { return m_account; }
    QString callId() const { return m_callId; }
    QString registeredContact() const { return m_registeredContact; }

    // Back-off after failures: first, then doubling up to the cap (seconds).
    static constexpr int firstRetrySeconds = 5;
    static constexpr int maxRetrySeconds = 300;

public slots:
    void start(); // register (again) now
    void stop(); // unregister; emits stopped() when done or given up
    // The network changed or the connection to the registrar was lost: register again
    // at once, whatever the state (RFC 5626 §4.4 flow recovery, simplified).
    void refreshNow();

signals:
    void statusChanged(const Sip::RegistrationStatus &status);
    void stopped();

private:
    void sendRegister(int expires);
    void handleResponse(const SipMessage &request, const SipMessage &response, int requestedExpires);
    void registered(const SipMessage &response, int requestedExpires);
    void failed(int code, const QString &reason, bool retry, int retryAfterSeconds = -1);
    void setStatus(RegistrationState state, int code, const QString &reason);
    SipMessage buildRegister(int expires);

    AccountConfig m_account;
    Clock &m_clock;
    RequestSender m_sender;
    ContactProvider m_contact;
    FlowPreparer m_prepareFlow;
    RequestAuthenticator m_authenticator;
    RegistrationStatus m_status;
    TimerHandle m_timer;
    QString m_callId;
    QString m_fromTag;
    QString m_registeredContact;
    quint32 m_cseq = 0;
    int m_expires = 600;
    int m_failures = 0;
    int m_authRounds = 0;
    quint64 m_generation = 0; // responses to requests of an older cycle are ignored
    bool m_wantRegistered = false;
    bool m_registrarSupportsOutbound = false;
};

} // namespace Sip
