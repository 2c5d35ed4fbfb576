// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliController.h"

#include "AppInfo.h"
#include "settings/ListenAddress.h"

#include "sip/presence/IsComposing.h"

#include <QDateTime>
#include <QJsonArray>
#include <QNetworkInformation>
#include <QTimer>

namespace App {

namespace {

Sip::TransportType transportFromName(const QString &name)
{
    if (name.compare(QLatin1String("tcp"), Qt::CaseInsensitive) == 0)
        return Sip::TransportType::Tcp;
    if (name.compare(QLatin1String("tls"), Qt::CaseInsensitive) == 0)
        return Sip::TransportType::Tls;
    return Sip::TransportType::Udp;
}

// Bounds the wait for unregistering on quit: the process exits even if the server is gone.
constexpr int quitTimeoutMs = 5000;

} // namespace

CliController::CliController(const CliOptions &options, JsonEventWriter &out, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_out(out)
{
    connect(&m_engine, &Sip::SipEngine::started, this, [this](const QStringList &listening) {
        m_out.emitEvent(QStringLiteral("started"),
                        { { QStringLiteral("listening"), QJsonArray::fromStringList(listening) },
                          { QStringLiteral("version"), AppInfo::version() } });
        if (!m_options.account.isEmpty() && m_options.account.registerEnabled)
            m_engine.registerAccount(accountId());
    });
    connect(&m_engine, &Sip::SipEngine::startFailed, this, [this](const QString &reason) {
        m_out.emitEvent(QStringLiteral("start_failed"), { { QStringLiteral("reason"), reason } });
        emit finished(1);
    });
    connect(&m_engine, &Sip::SipEngine::registrationChanged, this,
            [this](const QString &, const Sip::RegistrationStatus &s) {
                QJsonObject fields { { QStringLiteral("account"), m_options.account.aor } };
                switch (s.state) {
                case Sip::RegistrationState::Registered:
                    fields.insert(QStringLiteral("expires"), s.expires);
                    m_out.emitEvent(QStringLiteral("registered"), fields);
                    break;
                case Sip::RegistrationState::Registering:
                    m_out.emitEvent(QStringLiteral("registering"), fields);
                    break;
                case Sip::RegistrationState::Unregistering:
                    break;
                case Sip::RegistrationState::Unregistered:
                    m_out.emitEvent(QStringLiteral("unregistered"), fields);
                    break;
                case Sip::RegistrationState::Failed:
                    fields.insert(QStringLiteral("code"), s.code);
                    fields.insert(QStringLiteral("reason"), s.reason);
                    if (s.retryInSeconds >= 0)
                        fields.insert(QStringLiteral("retry_in"), s.retryInSeconds);
                    m_out.emitEvent(QStringLiteral("registration_failed"), fields);
                    break;
                }
            });
    connect(&m_engine, &Sip::SipEngine::optionsFinished, this,
            [this](const QString &id, int code, const QString &reason, const QStringList &allow) {
                m_out.emitEvent(QStringLiteral("options_result"),
                                { { QStringLiteral("id"), id },
                                  { QStringLiteral("code"), code },
                                  { QStringLiteral("reason"), reason },
                                  { QStringLiteral("allow"), QJsonArray::fromStringList(allow) } });
            });
    connect(&m_engine, &Sip::SipEngine::requestFailed, this, [this](const QString &id, const QString &reason) {
        m_out.emitEvent(QStringLiteral("error"), { { QStringLiteral("id"), id }, { QStringLiteral("message"), reason } });
    });
    connect(&m_engine, &Sip::SipEngine::messageFinished, this, [this](const QString &id, int code, const QString &reason) {
        const bool sent = code >= 200 && code < 300;
        QJsonObject fields { { QStringLiteral("id"), id }, { QStringLiteral("code"), code } };
        if (!sent)
            fields.insert(QStringLiteral("reason"), reason);
        m_out.emitEvent(sent ? QStringLiteral("message_sent") : QStringLiteral("message_failed"), fields);
    });
    connect(&m_engine, &Sip::SipEngine::messageReceived, this,
            [this](const QString &messageId, const QString &from, const QString &to, const QString &contentType,
                   const QByteArray &body, const QString &callId, quint32 cseq, qint64 date) {
                QJsonObject fields { { QStringLiteral("from"), from },
                                     { QStringLiteral("to"), to },
                                     { QStringLiteral("content_type"), contentType },
                                     { QStringLiteral("call_id"), callId },
                                     { QStringLiteral("cseq"), static_cast<qint64>(cseq) } };
                if (contentType.startsWith(QLatin1String("text/plain"), Qt::CaseInsensitive))
                    fields.insert(QStringLiteral("body"), QString::fromUtf8(body));
                else
                    fields.insert(QStringLiteral("body_base64"), QString::fromLatin1(body.toBase64()));
                if (date >= 0)
                    fields.insert(QStringLiteral("date"), date);
                // The event is written and flushed before the 200: for the CLI, standard
                // output is where a message is "stored".
                m_out.emitEvent(QStringLiteral("message_received"), fields);
                m_engine.acceptIncomingMessage(messageId);
            });
    connect(&m_engine, &Sip::SipEngine::presenceChanged, this,
            [this](const QString &uri, const QString &status, const QString &note) {
                m_out.emitEvent(QStringLiteral("presence"), { { QStringLiteral("uri"), uri },
                                                             { QStringLiteral("status"), status },
                                                             { QStringLiteral("note"), note } });
            });
    connect(&m_engine, &Sip::SipEngine::subscriptionStateChanged, this,
            [this](const QString &uri, const QString &state, const QString &reason) {
                m_out.emitEvent(QStringLiteral("subscription_state"), { { QStringLiteral("uri"), uri },
                                                                       { QStringLiteral("state"), state },
                                                                       { QStringLiteral("reason"), reason } });
            });
    connect(&m_engine, &Sip::SipEngine::publicationStateChanged, this,
            [this](const QString &state, int code, const QString &error) {
                m_out.emitEvent(QStringLiteral("publication_state"), { { QStringLiteral("state"), state },
                                                                      { QStringLiteral("code"), code },
                                                                      { QStringLiteral("error"), error } });
            });
    connect(&m_engine, &Sip::SipEngine::composingReceived, this, [this](const QString &from, bool active) {
        m_out.emitEvent(QStringLiteral("composing"), { { QStringLiteral("from"), from }, { QStringLiteral("active"), active } });
    });
    connect(&m_engine, &Sip::SipEngine::incomingCall, this,
            [this](const QString &id, const QString &from, const QString &displayName) {
                m_calls.insert(id, QStringLiteral("ringing"));
                m_lastCall = id;
                m_out.emitEvent(QStringLiteral("incoming_call"), { { QStringLiteral("call"), id },
                                                                  { QStringLiteral("from"), from },
                                                                  { QStringLiteral("display_name"), displayName } });
            });
    connect(&m_engine, &Sip::SipEngine::callStateChanged, this, [this](const QString &id, const Sip::CallStatus &status) {
        const QString state = Sip::callStateName(status.state);
        QJsonObject fields { { QStringLiteral("call"), id }, { QStringLiteral("state"), state } };
        if (status.statusCode)
            fields.insert(QStringLiteral("code"), status.statusCode);
        if (!status.reason.isEmpty())
            fields.insert(QStringLiteral("reason"), status.reason);
        if (status.state == Sip::CallState::Terminated) {
            fields.insert(QStringLiteral("cause"), Sip::callEndCauseName(status.endCause));
            m_calls.remove(id);
        } else {
            m_calls.insert(id, state);
        }
        m_out.emitEvent(QStringLiteral("call_state"), fields);
    });
    connect(&m_engine, &Sip::SipEngine::callMediaChanged, this, [this](const QString &id, const Sip::CallMedia &media) {
        const auto &audio = media.audio;
        m_out.emitEvent(QStringLiteral("call_media"),
                        { { QStringLiteral("call"), id },
                          { QStringLiteral("active"), media.active },
                          { QStringLiteral("codec"), QString::fromStdString(audio.codec.name) },
                          { QStringLiteral("payload_type"), audio.codec.payloadType },
                          { QStringLiteral("remote"), QString::fromStdString(audio.remoteAddress) + QLatin1Char(':')
                                + QString::number(audio.remoteRtpPort) },
                          { QStringLiteral("srtp"), audio.secure } });
    });
    connect(&m_engine, &Sip::SipEngine::callDtmfReceived, this, [this](const QString &id, const QString &digit) {
        m_out.emitEvent(QStringLiteral("dtmf_received"), { { QStringLiteral("call"), id },
                                                          { QStringLiteral("digit"), digit },
                                                          { QStringLiteral("via"), QStringLiteral("info") } });
    });
    m_calls_media.setAudio(m_options.audioIn, m_options.audioOut);
    connect(&m_calls_media, &CallMediaController::dtmfReceived, this, [this](const QString &id, const QString &digit) {
        m_out.emitEvent(QStringLiteral("dtmf_received"), { { QStringLiteral("call"), id },
                                                          { QStringLiteral("digit"), digit },
                                                          { QStringLiteral("via"), QStringLiteral("rtp") } });
    });
    connect(&m_calls_media, &CallMediaController::mediaFailed, this, [this](const QString &id, const QString &reason) {
        m_out.emitEvent(QStringLiteral("media_failed"), { { QStringLiteral("call"), id }, { QStringLiteral("reason"), reason } });
    });
    connect(&m_calls_media, &CallMediaController::statistics, this,
            [this](const QString &id, const Media::MediaStatistics &s) {
                m_out.emitEvent(QStringLiteral("media_stats"),
                                { { QStringLiteral("call"), id },
                                  { QStringLiteral("codec"), s.codec },
                                  { QStringLiteral("packets_sent"), s.packetsSent },
                                  { QStringLiteral("packets_received"), s.packetsReceived },
                                  { QStringLiteral("lost"), s.packetsLost },
                                  { QStringLiteral("loss_percent"), s.lossPercent },
                                  { QStringLiteral("jitter_ms"), s.jitterMs },
                                  { QStringLiteral("rtt_ms"), s.rttMs },
                                  { QStringLiteral("jitter_buffer_ms"), s.jitterBufferTargetDelayMs },
                                  { QStringLiteral("srtp"), s.srtp } });
            });
    connect(&m_engine, &Sip::SipEngine::certificateRejected, this,
            [this](const QString &server, const QString &fingerprint, const QStringList &errors) {
                m_out.emitEvent(QStringLiteral("tls_certificate_rejected"),
                                { { QStringLiteral("server"), server },
                                  { QStringLiteral("fingerprint"), fingerprint },
                                  { QStringLiteral("errors"), QJsonArray::fromStringList(errors) } });
            });
    connect(&m_engine, &Sip::SipEngine::shutdownComplete, this, [this] {
        m_out.emitEvent(QStringLiteral("quit"));
        emit finished(0);
    });
}

QStringList CliController::commandHelp()
{
    return {
        QStringLiteral("register            register the account (again)"),
        QStringLiteral("unregister          remove the registration"),
        QStringLiteral("options URI         send OPTIONS to URI, report code and Allow"),
        QStringLiteral("msg URI TEXT        send TEXT (UTF-8) as a pager-mode MESSAGE"),
        QStringLiteral("typing URI [idle]   tell URI we are (or stopped) typing (RFC 3994)"),
        QStringLiteral("subscribe URI       watch URI's presence"),
        QStringLiteral("unsubscribe URI     stop watching URI"),
        QStringLiteral("publish STATUS [NOTE] publish our presence: available, away, busy, dnd, offline"),
        QStringLiteral("call URI            call URI"),
        QStringLiteral("answer [CALL]       answer an incoming call"),
        QStringLiteral("reject [CALL] [CODE] reject an incoming call (486 by default)"),
        QStringLiteral("hangup [CALL]       end a call (CANCEL or BYE)"),
        QStringLiteral("hold [CALL]         put a call on hold (re-INVITE sendonly)"),
        QStringLiteral("resume [CALL]       take a call off hold"),
        QStringLiteral("dtmf [CALL] DIGITS  send DTMF digits"),
        QStringLiteral("transfer [CALL] URI blind transfer with REFER"),
        QStringLiteral("calls               list the calls"),
        QStringLiteral("stats [CALL]        report media statistics of a call"),
        QStringLiteral("help                list the commands"),
        QStringLiteral("quit                unregister and exit"),
    };
}

QString CliController::callArgument(const QString &argument) const
{
    if (!argument.isEmpty())
        return argument;
    if (m_calls.size() == 1)
        return m_calls.firstKey();
    return m_lastCall;
}

bool CliController::requireCall(const QString &command, const QString &callId)
{
    if (!callId.isEmpty() && m_calls.contains(callId))
        return true;
    m_out.emitError(command, callId.isEmpty() ? QStringLiteral("no call") : QStringLiteral("no call %1").arg(callId));
    return false;
}

void CliController::watchNetwork()
{
    // Where the platform has a backend, a change of reachability (network up/down, wake
    // from sleep) rebuilds the flows and registers again at once.
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return;
    QNetworkInformation *info = QNetworkInformation::instance();
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                m_out.emitEvent(QStringLiteral("network_changed"),
                                { { QStringLiteral("online"),
                                    reachability == QNetworkInformation::Reachability::Online } });
                if (reachability == QNetworkInformation::Reachability::Online
                    || reachability == QNetworkInformation::Reachability::Site
                    || reachability == QNetworkInformation::Reachability::Local)
                    m_engine.networkChanged();
            });
}

void CliController::start()
{
    watchNetwork();
    Sip::EngineConfig config;
    config.userAgent = AppInfo::versionString();
    config.sipLogFile = m_options.logSipFile;
    config.keepAliveSeconds = m_options.keepAliveSeconds;
    config.t1Milliseconds = m_options.t1Milliseconds;
    config.nameserver = m_options.nameserver;
    if (!m_options.codecs.isEmpty())
        config.codecs = m_options.codecs;
    config.srtpPolicy = m_options.srtpPolicy;
    config.autoAnswerSeconds = m_options.autoAnswerSeconds;
    if (!m_options.account.tlsCaFile.isEmpty())
        config.extraCaCertificates.append(m_options.account.tlsCaFile);
    for (const QString &spec : m_options.network.listen) {
        const auto listen = ListenAddress::parse(spec, nullptr); // validated by main()
        if (listen)
            config.listen.append({ transportFromName(listen->transport), listen->address, listen->port });
    }
    if (!m_options.account.isEmpty()) {
        Sip::AccountConfig account;
        account.aor = m_options.account.aor;
        account.authUser = m_options.account.authUser;
        account.password = m_options.password;
        account.displayName = m_options.account.displayName;
        account.proxy = m_options.account.proxy;
        account.transport = transportFromName(m_options.account.transport);
        account.expires = m_options.account.expires;
        account.userAgent = config.userAgent;
        account.acceptedCertificate = m_options.account.acceptedCertificate;
        m_engine.addAccount(accountId(), account);
    }
    m_engine.start(config);
}

void CliController::handleLine(const QString &rawLine)
{
    const QString line = rawLine.trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
        return;
    const QString command = line.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty).toLower();
    const QString argument = line.section(QLatin1Char(' '), 1, -1, QString::SectionSkipEmpty);
    if (m_quitting) {
        m_out.emitError(command, QStringLiteral("quitting"));
        return;
    }
    if (command == QLatin1String("help")) {
        m_out.emitEvent(QStringLiteral("help"),
                        { { QStringLiteral("commands"), QJsonArray::fromStringList(commandHelp()) } });
    } else if (command == QLatin1String("register") || command == QLatin1String("unregister")) {
        if (m_options.account.isEmpty()) {
            m_out.emitError(command, QStringLiteral("no account: serverless mode (start with --account)"));
            return;
        }
        if (command == QLatin1String("register"))
            m_engine.registerAccount(accountId());
        else
            m_engine.unregisterAccount(accountId());
    } else if (command == QLatin1String("options")) {
        if (argument.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: options URI"));
            return;
        }
        const QString id = QString::number(m_nextRequest++);
        m_out.emitEvent(QStringLiteral("options_sent"), { { QStringLiteral("id"), id }, { QStringLiteral("uri"), argument } });
        m_engine.sendOptions(id, argument);
    } else if (command == QLatin1String("msg") || command == QLatin1String("message")) {
        const QString uri = argument.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        const qsizetype textStart = argument.indexOf(uri) + uri.size() + 1;
        const QString text = textStart <= argument.size() ? argument.mid(textStart) : QString();
        if (uri.isEmpty() || text.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: msg URI TEXT"));
            return;
        }
        const QString id = QString::number(m_nextRequest++);
        m_out.emitEvent(QStringLiteral("message_sending"), { { QStringLiteral("id"), id }, { QStringLiteral("uri"), uri } });
        m_engine.sendMessage(id, uri, QStringLiteral("text/plain;charset=UTF-8"), text.toUtf8());
    } else if (command == QLatin1String("typing")) {
        const QString uri = argument.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        if (uri.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: typing URI [idle]"));
            return;
        }
        const bool idle = argument.section(QLatin1Char(' '), 1, 1, QString::SectionSkipEmpty) == QLatin1String("idle");
        const Sip::IsComposing state = idle ? Sip::IsComposing::idle(QDateTime::currentDateTimeUtc())
                                            : Sip::IsComposing::active();
        m_engine.sendMessage(QString::number(m_nextRequest++), uri, QString::fromLatin1(Sip::IsComposing::ContentType),
                             state.toXml());
    } else if (command == QLatin1String("subscribe") || command == QLatin1String("unsubscribe")) {
        if (argument.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: %1 URI").arg(command));
            return;
        }
        if (command == QLatin1String("subscribe"))
            m_engine.subscribePresence(argument);
        else
            m_engine.unsubscribePresence(argument);
    } else if (command == QLatin1String("publish")) {
        const QString status = argument.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        const QString note = argument.section(QLatin1Char(' '), 1, -1, QString::SectionSkipEmpty);
        if (status.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: publish STATUS [NOTE]"));
            return;
        }
        m_engine.publishPresence(status, note);
    } else if (command == QLatin1String("call")) {
        if (argument.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: call URI"));
            return;
        }
        const QString id = QString::number(m_nextCall++);
        m_calls.insert(id, QStringLiteral("calling"));
        m_lastCall = id;
        m_out.emitEvent(QStringLiteral("call_started"), { { QStringLiteral("call"), id }, { QStringLiteral("uri"), argument } });
        m_engine.makeCall(id, argument);
    } else if (command == QLatin1String("stats")) {
        const QString id = callArgument(argument);
        if (requireCall(command, id))
            m_calls_media.requestStatistics(id);
    } else if (command == QLatin1String("calls")) {
        QJsonArray list;
        for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it)
            list.append(QJsonObject { { QStringLiteral("call"), it.key() }, { QStringLiteral("state"), it.value() } });
        m_out.emitEvent(QStringLiteral("calls"), { { QStringLiteral("calls"), list } });
    } else if (command == QLatin1String("answer") || command == QLatin1String("hangup")
               || command == QLatin1String("hold") || command == QLatin1String("resume")) {
        const QString id = callArgument(argument);
        if (!requireCall(command, id))
            return;
        if (command == QLatin1String("answer"))
            m_engine.answerCall(id);
        else if (command == QLatin1String("hangup"))
            m_engine.hangupCall(id);
        else
            m_engine.holdCall(id, command == QLatin1String("hold"));
    } else if (command == QLatin1String("reject")) {
        // reject [CALL] [CODE]: a lone number of 400-699 is a code, not a call id
        const QStringList words = argument.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        int code = 486;
        QString id;
        for (const QString &word : words) {
            bool isNumber = false;
            const int value = word.toInt(&isNumber);
            if (isNumber && value >= 400 && value <= 699 && !m_calls.contains(word))
                code = value;
            else
                id = word;
        }
        id = callArgument(id);
        if (requireCall(command, id))
            m_engine.rejectCall(id, code);
    } else if (command == QLatin1String("dtmf") || command == QLatin1String("transfer")) {
        const QStringList words = argument.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString id = words.size() >= 2 ? words.first() : callArgument({});
        const QString value = words.isEmpty() ? QString() : words.last();
        if (value.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: %1 [CALL] %2").arg(command, command == QLatin1String("dtmf") ? "DIGITS" : "URI"));
            return;
        }
        if (!requireCall(command, id))
            return;
        // RFC 4733 in RTP when the call negotiated telephone-event, else SIP INFO.
        if (command == QLatin1String("transfer"))
            m_engine.transferCall(id, value);
        else if (!m_calls_media.sendDtmf(id, value))
            m_engine.sendDtmf(id, value);
    } else if (command == QLatin1String("quit") || command == QLatin1String("exit")) {
        quit();
    } else {
        m_out.emitError(command, QStringLiteral("unknown command '%1' (try help)").arg(command));
    }
}

void CliController::handleEndOfInput()
{
    quit();
}

void CliController::quit()
{
    if (m_quitting)
        return;
    m_quitting = true;
    m_engine.shutdown();
    QTimer::singleShot(quitTimeoutMs, this, [this] {
        m_out.emitEvent(QStringLiteral("quit"), { { QStringLiteral("timeout"), true } });
        emit finished(0);
    });
}

} // namespace App
