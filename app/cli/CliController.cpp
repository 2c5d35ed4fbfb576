// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CliController.h"

#include "AppInfo.h"
#include "settings/ListenAddress.h"
#include "storage/SipUriNormalizer.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QNetworkInformation>
#include <QStandardPaths>
#include <QTimer>

#include <memory>
#include <utility>

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
    , m_storage(QDir(dataDirectory(options)).filePath(QStringLiteral("parlo.sqlite")))
{
    m_storage.start();
    connect(&m_storage, &StorageThread::opened, this, [this](bool ok, const QString &error) {
        if (ok)
            return;
        m_out.emitEvent(QStringLiteral("start_failed"),
                        { { QStringLiteral("reason"),
                            QStringLiteral("cannot open the database %1: %2")
                                    .arg(m_storage.path(), error) } });
        emit finished(1);
    });
    connectMessaging();
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
    connect(&m_engine, &Sip::SipEngine::requestFailed, this,
            [this](const QString &id, const QString &reason) {
                m_out.emitEvent(
                        QStringLiteral("error"),
                        { { QStringLiteral("id"), id }, { QStringLiteral("message"), reason } });
            });
    connectPresence();
    connect(&m_engine, &Sip::SipEngine::publicationStateChanged, this,
            [this](const QString &state, int code, const QString &error) {
                m_out.emitEvent(QStringLiteral("publication_state"),
                                { { QStringLiteral("state"), state },
                                  { QStringLiteral("code"), code },
                                  { QStringLiteral("error"), error } });
            });
    connect(&m_engine, &Sip::SipEngine::callReplaces, this,
            [this](const QString &id, const QString &replacedId) {
                m_replacing.insert(id, replacedId);
            });
    connect(&m_engine, &Sip::SipEngine::incomingCall, this,
            [this](const QString &id, const QString &from, const QString &displayName) {
                m_calls.insert(id, QStringLiteral("ringing"));
                m_lastCall = id;
                QJsonObject fields { { QStringLiteral("call"), id },
                                     { QStringLiteral("from"), from },
                                     { QStringLiteral("display_name"), displayName } };
                // RFC 3891: this call takes over another one and is answered at once.
                if (const QString replaced = m_replacing.take(id); !replaced.isEmpty())
                    fields.insert(QStringLiteral("replaces"), replaced);
                m_out.emitEvent(QStringLiteral("incoming_call"), fields);
            });
    connect(&m_engine, &Sip::SipEngine::callTransferProgress, this,
            [this](const QString &id, int code, const QString &reason, bool final) {
                m_out.emitEvent(QStringLiteral("transfer_progress"),
                                { { QStringLiteral("call"), id },
                                  { QStringLiteral("code"), code },
                                  { QStringLiteral("reason"), reason },
                                  { QStringLiteral("final"), final } });
            });
    connect(&m_engine, &Sip::SipEngine::callTransferStarted, this,
            [this](const QString &id, const QString &newId, const QString &target) {
                m_calls.insert(newId, QStringLiteral("calling"));
                m_lastCall = newId;
                m_out.emitEvent(QStringLiteral("transfer_started"),
                                { { QStringLiteral("call"), id },
                                  { QStringLiteral("new_call"), newId },
                                  { QStringLiteral("target"), target } });
            });
    connect(&m_engine, &Sip::SipEngine::callStateChanged, this,
            [this](const QString &id, const Sip::CallStatus &status) {
                const QString state = Sip::callStateName(status.state);
                QJsonObject fields { { QStringLiteral("call"), id },
                                     { QStringLiteral("state"), state } };
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
    connect(&m_engine, &Sip::SipEngine::callMediaChanged, this,
            [this](const QString &id, const Sip::CallMedia &media) {
                const auto &audio = media.audio;
                m_out.emitEvent(
                        QStringLiteral("call_media"),
                        { { QStringLiteral("call"), id },
                          { QStringLiteral("active"), media.active },
                          { QStringLiteral("codec"), QString::fromStdString(audio.codec.name) },
                          { QStringLiteral("payload_type"), audio.codec.payloadType },
                          { QStringLiteral("remote"),
                            QString::fromStdString(audio.remoteAddress) + QLatin1Char(':')
                                    + QString::number(audio.remoteRtpPort) },
                          { QStringLiteral("srtp"), audio.secure } });
            });
    connect(&m_engine, &Sip::SipEngine::callDtmfReceived, this,
            [this](const QString &id, const QString &digit) {
                m_out.emitEvent(QStringLiteral("dtmf_received"),
                                { { QStringLiteral("call"), id },
                                  { QStringLiteral("digit"), digit },
                                  { QStringLiteral("via"), QStringLiteral("info") } });
            });
    m_calls_media.setAudio(m_options.audioIn, m_options.audioOut);
    connectAudioDevices();
    connect(&m_calls_media, &CallMediaController::dtmfReceived, this,
            [this](const QString &id, const QString &digit) {
                m_out.emitEvent(QStringLiteral("dtmf_received"),
                                { { QStringLiteral("call"), id },
                                  { QStringLiteral("digit"), digit },
                                  { QStringLiteral("via"), QStringLiteral("rtp") } });
            });
    connect(&m_calls_media, &CallMediaController::mediaFailed, this,
            [this](const QString &id, const QString &reason) {
                m_out.emitEvent(
                        QStringLiteral("media_failed"),
                        { { QStringLiteral("call"), id }, { QStringLiteral("reason"), reason } });
            });
    connect(&m_calls_media, &CallMediaController::statistics, this,
            [this](const QString &id, const Media::MediaStatistics &s) {
                m_out.emitEvent(
                        QStringLiteral("media_stats"),
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
                m_out.emitEvent(
                        QStringLiteral("tls_certificate_rejected"),
                        { { QStringLiteral("server"), server },
                          { QStringLiteral("fingerprint"), fingerprint },
                          { QStringLiteral("errors"), QJsonArray::fromStringList(errors) } });
            });
    connect(&m_engine, &Sip::SipEngine::shutdownComplete, this,
            [this] { finishAfterStorage(0, {}); });
}

QString CliController::dataDirectory(const CliOptions &options)
{
    if (!options.dataDir.isEmpty())
        return options.dataDir;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

namespace {

QJsonObject messageFields(const StoredMessage &m)
{
    QJsonObject fields {
        { QStringLiteral("id"), m.id },
        { QStringLiteral("conversation"), m.conversationId },
        { QStringLiteral("content_type"), m.contentType },
        // The sender's Date when it had one (a message stored offline), else arrival.
        { QStringLiteral("time"), m.sentMs != 0 ? m.sentMs : m.timeMs }
    };
    fields.insert(m.direction == MessageDirection::Incoming ? QStringLiteral("from")
                                                            : QStringLiteral("to"),
                  m.peerUri);
    if (MessagingController::isPlainText(m.contentType))
        fields.insert(QStringLiteral("body"), m.body);
    else
        fields.insert(QStringLiteral("body_base64"), m.body); // stored as base64 already
    return fields;
}

QString messageStateName(MessageState state)
{
    switch (state) {
    case MessageState::Queued:
        return QStringLiteral("queued");
    case MessageState::Sending:
        return QStringLiteral("sending");
    case MessageState::Sent:
        return QStringLiteral("sent");
    case MessageState::Failed:
        return QStringLiteral("failed");
    case MessageState::Received:
        break;
    }
    return QStringLiteral("received");
}

QJsonObject callFields(const CallRecord &c)
{
    return { { QStringLiteral("id"), c.id },
             { QStringLiteral("direction"),
               c.direction == CallDirection::Incoming ? QStringLiteral("incoming")
                                                      : QStringLiteral("outgoing") },
             { QStringLiteral("peer"), c.peerUri },
             { QStringLiteral("name"), c.peerName },
             { QStringLiteral("start"), c.startMs },
             { QStringLiteral("answer"), c.answerMs },
             { QStringLiteral("end"), c.endMs },
             { QStringLiteral("code"), c.resultCode },
             { QStringLiteral("reason"), c.reason },
             { QStringLiteral("missed"), c.isMissed() } };
}

} // namespace

void CliController::connectMessaging()
{
    connect(&m_messaging, &MessagingController::messageAdded, this, [this](const StoredMessage &m) {
        if (m.direction == MessageDirection::Outgoing) {
            m_out.emitEvent(QStringLiteral("message_status"),
                            { { QStringLiteral("id"), m.id },
                              { QStringLiteral("state"), QStringLiteral("queued") },
                              { QStringLiteral("code"), 0 },
                              { QStringLiteral("reason"), QString() },
                              { QStringLiteral("to"), m.peerUri } });
            return;
        }
        m_out.emitEvent(QStringLiteral("message"), messageFields(m));
    });
    connect(&m_messaging, &MessagingController::messageStatusChanged, this,
            [this](qint64 id, MessageState state, int code, const QString &reason) {
                m_out.emitEvent(QStringLiteral("message_status"),
                                { { QStringLiteral("id"), id },
                                  { QStringLiteral("state"), messageStateName(state) },
                                  { QStringLiteral("code"), code },
                                  { QStringLiteral("reason"), reason } });
            });
    connect(&m_messaging, &MessagingController::typingChanged, this,
            [this](const QString &from, bool active) {
                m_out.emitEvent(
                        QStringLiteral("typing"),
                        { { QStringLiteral("from"), from }, { QStringLiteral("active"), active } });
            });
    connect(&m_messaging, &MessagingController::operationFailed, this,
            [this](const QString &operation, const QString &reason) {
                m_out.emitError(operation, reason);
            });
    connect(&m_history, &CallHistoryRecorder::recorded, this, [this](const CallRecord &record) {
        m_out.emitEvent(QStringLiteral("call_recorded"), callFields(record));
    });
    if (!m_options.account.isEmpty() && m_options.account.registerEnabled)
        m_messaging.setAccountOnline(false); // queued until the registrar has us
}

bool CliController::handleStorageCommand(const QString &command, const QString &argument)
{
    const QStringList words = argument.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (command == QLatin1String("contacts")) {
        m_storage.run(
                this, [](StorageContext &s) { return s.contacts().all(); },
                [this](const QList<Contact> &all) {
                    QJsonArray list;
                    for (const Contact &c : all)
                        list.append(QJsonObject { { QStringLiteral("id"), c.id },
                                                  { QStringLiteral("uri"), c.sipUri },
                                                  { QStringLiteral("name"), c.displayName },
                                                  { QStringLiteral("favourite"), c.favourite } });
                    m_out.emitEvent(QStringLiteral("contacts"),
                                    { { QStringLiteral("contacts"), list } });
                });
    } else if (command == QLatin1String("contact-add")) {
        if (words.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: contact-add URI [NAME]"));
            return true;
        }
        Contact contact;
        contact.sipUri = words.first();
        contact.displayName = argument.section(QLatin1Char(' '), 1, -1, QString::SectionSkipEmpty);
        m_storage.run(
                this,
                [contact](StorageContext &s) {
                    const auto id = s.contacts().add(contact);
                    std::optional<Contact> stored = id ? s.contacts().contact(*id) : std::nullopt;
                    return std::pair { stored, stored ? QString() : s.database().lastError() };
                },
                [this, command](const std::pair<std::optional<Contact>, QString> &result) {
                    if (!result.first) {
                        m_out.emitError(command, result.second);
                        return;
                    }
                    // Through the app layer: a contact may watch us (PresenceController).
                    m_presence.contactAdded(result.first->sipUri);
                    m_out.emitEvent(QStringLiteral("contact_added"),
                                    { { QStringLiteral("id"), result.first->id },
                                      { QStringLiteral("uri"), result.first->sipUri },
                                      { QStringLiteral("name"), result.first->displayName } });
                });
    } else if (command == QLatin1String("contact-remove")) {
        if (words.size() != 1) {
            m_out.emitError(command, QStringLiteral("usage: contact-remove URI"));
            return true;
        }
        const QString uri = words.first();
        m_storage.run(
                this,
                [uri](StorageContext &s) {
                    const auto contact = s.contacts().findByUri(uri);
                    if (!contact)
                        return std::pair<qint64, QString> {
                            0, QStringLiteral("no contact %1").arg(uri)
                        };
                    if (!s.contacts().remove(contact->id))
                        return std::pair<qint64, QString> { 0, s.database().lastError() };
                    return std::pair<qint64, QString> { contact->id, contact->sipUri };
                },
                [this, command](const std::pair<qint64, QString> &result) {
                    if (result.first == 0) {
                        m_out.emitError(command, result.second);
                        return;
                    }
                    m_presence.contactRemoved(result.second);
                    m_out.emitEvent(QStringLiteral("contact_removed"),
                                    { { QStringLiteral("id"), result.first },
                                      { QStringLiteral("uri"), result.second } });
                });
    } else if (command == QLatin1String("history")) {
        const int limit = words.isEmpty() ? 100 : words.first().toInt();
        m_storage.run(
                this,
                [limit](StorageContext &s) { return s.calls().calls(CallFilter::All, limit); },
                [this](const QList<CallRecord> &records) {
                    QJsonArray list;
                    for (const CallRecord &c : records)
                        list.append(callFields(c));
                    m_out.emitEvent(QStringLiteral("history"),
                                    { { QStringLiteral("calls"), list } });
                });
    } else if (command == QLatin1String("conversations")) {
        m_storage.run(
                this, [](StorageContext &s) { return s.messages().conversations(); },
                [this](const QList<Conversation> &all) {
                    QJsonArray list;
                    for (const Conversation &c : all)
                        list.append(
                                QJsonObject { { QStringLiteral("id"), c.id },
                                              { QStringLiteral("peer"), c.peerUri },
                                              { QStringLiteral("last_activity"), c.lastActivityMs },
                                              { QStringLiteral("unread"), c.unreadCount } });
                    m_out.emitEvent(QStringLiteral("conversations"),
                                    { { QStringLiteral("conversations"), list } });
                });
    } else if (command == QLatin1String("messages")) {
        bool limitOk = true;
        const int limit = words.size() >= 2 ? words.at(1).toInt(&limitOk) : 50;
        if (words.isEmpty() || words.size() > 2 || !limitOk || limit < 1) {
            m_out.emitError(command, QStringLiteral("usage: messages URI [N]"));
            return true;
        }
        const QString uri = words.first();
        m_storage.run(
                this,
                [uri, limit](StorageContext &s) {
                    // Looked up, not created: reading must not add an empty conversation.
                    const QVariant id = s.database().scalar(
                            QStringLiteral("SELECT id FROM conversations WHERE peer_uri = ?"),
                            { SipUriNormalizer::normalize(uri) });
                    return id.isNull() || !id.isValid()
                            ? QList<StoredMessage>()
                            : s.messages().messages(id.toLongLong(), limit);
                },
                [this, uri](const QList<StoredMessage> &page) {
                    QJsonArray list;
                    for (const StoredMessage &m : page) {
                        QJsonObject fields = messageFields(m);
                        fields.insert(QStringLiteral("direction"),
                                      m.direction == MessageDirection::Incoming
                                              ? QStringLiteral("incoming")
                                              : QStringLiteral("outgoing"));
                        fields.insert(QStringLiteral("state"), messageStateName(m.state));
                        if (m.state == MessageState::Failed) {
                            fields.insert(QStringLiteral("code"), m.failureCode);
                            fields.insert(QStringLiteral("reason"), m.failureReason);
                        }
                        list.append(fields);
                    }
                    m_out.emitEvent(QStringLiteral("messages"),
                                    { { QStringLiteral("uri"), uri },
                                      { QStringLiteral("messages"), list } });
                });
    } else {
        return false;
    }
    return true;
}

void CliController::finishAfterStorage(int exitCode, const QJsonObject &quitFields)
{
    if (m_finishing)
        return;
    m_finishing = true;
    // Jobs run in order: once this one is done, everything posted before it has committed
    // (e.g. a message marked sent just before quit).
    auto done = std::make_shared<bool>(false);
    m_storage.run(
            this, [](StorageContext &) {},
            [this, done, exitCode, quitFields] {
                if (std::exchange(*done, true))
                    return;
                m_out.emitEvent(QStringLiteral("quit"), quitFields);
                emit finished(exitCode);
            });
    // Bounded even if the disk hangs: what was acknowledged is committed already.
    QTimer::singleShot(quitTimeoutMs, this, [this, done, exitCode] {
        if (std::exchange(*done, true))
            return;
        m_out.emitEvent(QStringLiteral("quit"), { { QStringLiteral("timeout"), true } });
        emit finished(exitCode);
    });
}

bool CliController::isDeviceSpec(const QString &spec)
{
    QString scheme;
    return Media::EndpointFactory::splitSpec(spec, &scheme, nullptr)
            && scheme == QLatin1String("device");
}

bool CliController::enableAudioDevices(QString *error)
{
    if (m_audioPlugin.isLoaded())
        return true;
    Media::AudioEndpointPlugin *plugin = m_audioPlugin.plugin(error);
    if (!plugin)
        return false;
    Media::EndpointFactory factory;
    plugin->install(factory);
    m_calls_media.setEndpointFactory(factory);
    m_calls_media.setDeviceMonitor([plugin] { return plugin->createDeviceMonitor(); });
    return true;
}

void CliController::connectAudioDevices()
{
    const auto listsChanged = [this](bool output, const QStringList &names) {
        bool &known = output ? m_audioOutputsKnown : m_audioInputsKnown;
        const bool initial = !known;
        known = true;
        (output ? m_audioOutputs : m_audioInputs) = names;
        if (!initial)
            m_out.emitEvent(
                    QStringLiteral("audio_devices_changed"),
                    { { QStringLiteral("inputs"), QJsonArray::fromStringList(m_audioInputs) },
                      { QStringLiteral("outputs"), QJsonArray::fromStringList(m_audioOutputs) } });
        reportDevicesIfKnown();
    };
    connect(&m_calls_media, &CallMediaController::audioInputsChanged, this,
            [listsChanged](const QStringList &names) { listsChanged(false, names); });
    connect(&m_calls_media, &CallMediaController::audioOutputsChanged, this,
            [listsChanged](const QStringList &names) { listsChanged(true, names); });
    connect(&m_calls_media, &CallMediaController::audioDeviceFallback, this,
            [this](const QString &id, bool output, const QString &lostDevice,
                   const QString &newDevice) {
                m_out.emitEvent(QStringLiteral("audio_device_fallback"),
                                { { QStringLiteral("call"), id },
                                  { QStringLiteral("direction"),
                                    output ? QStringLiteral("output") : QStringLiteral("input") },
                                  { QStringLiteral("lost"), lostDevice },
                                  { QStringLiteral("device"), newDevice } });
            });
}

void CliController::reportDevicesIfKnown()
{
    if (!m_devicesRequested || !m_audioInputsKnown || !m_audioOutputsKnown)
        return;
    m_devicesRequested = false;
    m_out.emitEvent(QStringLiteral("devices"),
                    { { QStringLiteral("inputs"), QJsonArray::fromStringList(m_audioInputs) },
                      { QStringLiteral("outputs"), QJsonArray::fromStringList(m_audioOutputs) } });
}

QStringList CliController::commandHelp()
{
    return {
        QStringLiteral("register            register the account (again)"),
        QStringLiteral("unregister          remove the registration"),
        QStringLiteral("options URI         send OPTIONS to URI, report code and Allow"),
        QStringLiteral("msg URI TEXT        send TEXT (UTF-8) as a pager-mode MESSAGE"),
        QStringLiteral("resend ID           send a failed message again"),
        QStringLiteral("typing URI [idle]   tell URI we are (or stopped) typing (RFC 3994)"),
        QStringLiteral("conversations       list the stored conversations"),
        QStringLiteral("messages URI [N]    the last N stored messages with URI"),
        QStringLiteral("contacts            list the stored contacts"),
        QStringLiteral("contact-add URI [NAME] store a contact"),
        QStringLiteral("contact-remove URI  delete a contact"),
        QStringLiteral("history [N]         the last N calls of the call history"),
        QStringLiteral("subscribe URI       watch URI's presence"),
        QStringLiteral("unsubscribe URI     stop watching URI"),
        QStringLiteral("publish STATUS [NOTE] our presence: available, away, busy, dnd, invisible "
                       "(offline)"),
        QStringLiteral("allow URI           let watcher URI see our presence (remembered)"),
        QStringLiteral("deny URI            refuse watcher URI our presence (remembered)"),
        QStringLiteral("mwi [off] [URI]     (stop) watch the voicemail indicator of URI (default: "
                       "our account)"),
        QStringLiteral("call URI            call URI"),
        QStringLiteral("answer [CALL]       answer an incoming call"),
        QStringLiteral("reject [CALL] [CODE] reject an incoming call (486 by default)"),
        QStringLiteral("hangup [CALL]       end a call (CANCEL or BYE)"),
        QStringLiteral("hold [CALL]         put a call on hold (re-INVITE sendonly)"),
        QStringLiteral("resume [CALL]       take a call off hold"),
        QStringLiteral("dtmf [CALL] DIGITS  send DTMF digits"),
        QStringLiteral("transfer [CALL] URI blind transfer with REFER"),
        QStringLiteral(
                "transfer CALL --to-call CALL2 attended transfer: CALL's peer replaces CALL2"),
        QStringLiteral("calls               list the calls"),
        QStringLiteral("stats [CALL]        report media statistics of a call"),
        QStringLiteral("devices             list the sound devices (loads the device plugin)"),
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
    m_out.emitError(command,
                    callId.isEmpty() ? QStringLiteral("no call")
                                     : QStringLiteral("no call %1").arg(callId));
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
    const bool storeChosen = !m_options.passwordStore.isEmpty();
    const bool needsPassword = !m_options.account.isEmpty() && m_options.password.isEmpty();
    if (!storeChosen && !needsPassword) {
        startEngine();
        return;
    }
    const auto backend = SecretStore::backendFromName(storeChosen ? m_options.passwordStore
                                                                  : QStringLiteral("keychain"));
    m_secrets = std::make_unique<SecretStore>(*backend, dataDirectory(m_options));
    const QString store = SecretStore::backendName(*backend);
    if (m_options.account.isEmpty()) {
        startEngine(); // serverless: no password to keep
        return;
    }
    if (needsPassword) {
        m_secrets->readPassword(accountId(), [this, store](const SecretStore::Result &result) {
            if (result.ok) {
                m_options.password = result.password;
                m_out.emitEvent(QStringLiteral("password_loaded"),
                                { { QStringLiteral("store"), store } });
            } else {
                m_out.emitError(QStringLiteral("password"), result.error);
            }
            startEngine();
        });
        return;
    }
    m_secrets->writePassword(accountId(), m_options.password,
                             [this, store](const SecretStore::Result &result) {
                                 if (result.ok)
                                     m_out.emitEvent(QStringLiteral("password_stored"),
                                                     { { QStringLiteral("store"), store } });
                                 else
                                     m_out.emitError(QStringLiteral("password"), result.error);
                                 startEngine();
                             });
}

void CliController::startEngine()
{
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
            config.listen.append(
                    { transportFromName(listen->transport), listen->address, listen->port });
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

void CliController::connectPresence()
{
    connect(&m_engine, &Sip::SipEngine::messageSummaryChanged, this,
            [this](const QString &uri, bool waiting, int newMessages, int oldMessages,
                   const QString &account) {
                m_out.emitEvent(QStringLiteral("voicemail"),
                                { { QStringLiteral("uri"), uri },
                                  { QStringLiteral("waiting"), waiting },
                                  { QStringLiteral("new"), newMessages },
                                  { QStringLiteral("old"), oldMessages },
                                  { QStringLiteral("account"), account } });
            });
    connect(&m_engine, &Sip::SipEngine::messageSummaryStateChanged, this,
            [this](const QString &uri, const QString &state, const QString &reason) {
                m_out.emitEvent(QStringLiteral("mwi_state"),
                                { { QStringLiteral("uri"), uri },
                                  { QStringLiteral("state"), state },
                                  { QStringLiteral("reason"), reason } });
            });
    connect(&m_presence, &PresenceController::contactPresenceChanged, this,
            [this](const QString &uri, const QString &basic, const QString &activity,
                   const QString &note) {
                m_out.emitEvent(QStringLiteral("presence"),
                                { { QStringLiteral("uri"), uri },
                                  { QStringLiteral("status"), basic },
                                  { QStringLiteral("activity"), activity },
                                  { QStringLiteral("note"), note } });
            });
    connect(&m_presence, &PresenceController::presenceDocumentRejected, this,
            [this](const QString &uri, const QString &reason) {
                m_out.emitEvent(
                        QStringLiteral("presence_rejected"),
                        { { QStringLiteral("uri"), uri }, { QStringLiteral("reason"), reason } });
            });
    connect(&m_presence, &PresenceController::subscriptionStateChanged, this,
            [this](const QString &uri, const QString &state, const QString &reason) {
                m_out.emitEvent(QStringLiteral("subscription_state"),
                                { { QStringLiteral("uri"), uri },
                                  { QStringLiteral("state"), state },
                                  { QStringLiteral("reason"), reason } });
            });
    connect(&m_presence, &PresenceController::watcherRequest, this,
            [this](const QString &uri, const QString &displayName) {
                m_out.emitEvent(QStringLiteral("watcher_request"),
                                { { QStringLiteral("uri"), uri },
                                  { QStringLiteral("display_name"), displayName } });
            });
    connect(&m_presence, &PresenceController::watcherStateChanged, this,
            [this](const QString &uri, const QString &state, const QString &reason) {
                m_out.emitEvent(QStringLiteral("watcher_state"),
                                { { QStringLiteral("uri"), uri },
                                  { QStringLiteral("state"), state },
                                  { QStringLiteral("reason"), reason } });
            });
    connect(&m_presence, &PresenceController::watcherDecisionStored, this,
            [this](const QString &uri, bool allowed, bool stored) {
                m_out.emitEvent(QStringLiteral("watcher_decision"),
                                { { QStringLiteral("uri"), uri },
                                  { QStringLiteral("allowed"), allowed },
                                  { QStringLiteral("stored"), stored } });
            });
    connect(&m_presence, &PresenceController::ownStatusChanged, this,
            [this](PresenceStatus status, const QString &effective, const QString &note) {
                m_out.emitEvent(
                        QStringLiteral("own_status"),
                        { { QStringLiteral("status"), PresenceController::statusName(status) },
                          { QStringLiteral("effective"), effective },
                          { QStringLiteral("note"), note } });
            });
}

void CliController::handleLine(const QString &rawLine)
{
    const QString line = rawLine.trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
        return;
    const QString command
            = line.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty).toLower();
    const QString argument = line.section(QLatin1Char(' '), 1, -1, QString::SectionSkipEmpty);
    if (m_quitting) {
        m_out.emitError(command, QStringLiteral("quitting"));
        return;
    }
    if (command == QLatin1String("help")) {
        m_out.emitEvent(
                QStringLiteral("help"),
                { { QStringLiteral("commands"), QJsonArray::fromStringList(commandHelp()) } });
    } else if (command == QLatin1String("register") || command == QLatin1String("unregister")) {
        if (m_options.account.isEmpty()) {
            m_out.emitError(command,
                            QStringLiteral("no account: serverless mode (start with --account)"));
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
        m_out.emitEvent(QStringLiteral("options_sent"),
                        { { QStringLiteral("id"), id }, { QStringLiteral("uri"), argument } });
        m_engine.sendOptions(id, argument);
    } else if (command == QLatin1String("msg") || command == QLatin1String("message")) {
        const QString uri = argument.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        const qsizetype textStart = argument.indexOf(uri) + uri.size() + 1;
        const QString text = textStart <= argument.size() ? argument.mid(textStart) : QString();
        if (uri.isEmpty() || text.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: msg URI TEXT"));
            return;
        }
        m_messaging.sendText(uri, text); // message_status "queued" once it is stored
    } else if (command == QLatin1String("resend")) {
        bool idOk = false;
        const qint64 id = argument.toLongLong(&idOk);
        if (!idOk) {
            m_out.emitError(command, QStringLiteral("usage: resend ID"));
            return;
        }
        m_messaging.resend(id);
    } else if (command == QLatin1String("typing")) {
        const QString uri = argument.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        if (uri.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: typing URI [idle]"));
            return;
        }
        const bool idle = argument.section(QLatin1Char(' '), 1, 1, QString::SectionSkipEmpty)
                == QLatin1String("idle");
        m_messaging.sendTyping(uri, !idle);
    } else if (handleStorageCommand(command, argument)) {
        // contacts, contact-add, contact-remove, history, conversations, messages
    } else if (command == QLatin1String("subscribe") || command == QLatin1String("unsubscribe")
               || command == QLatin1String("allow") || command == QLatin1String("deny")) {
        if (argument.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: %1 URI").arg(command));
            return;
        }
        if (command == QLatin1String("subscribe"))
            m_presence.watch(argument);
        else if (command == QLatin1String("unsubscribe"))
            m_presence.unwatch(argument);
        else
            m_presence.decideWatcher(argument, command == QLatin1String("allow"));
    } else if (command == QLatin1String("mwi")) {
        // mwi [off] [URI]: RFC 3842 message-summary, by default for our own account.
        QStringList words = argument.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const bool off = !words.isEmpty() && words.first() == QLatin1String("off");
        if (off)
            words.removeFirst();
        const QString uri = words.value(0);
        if (uri.isEmpty() && m_options.account.isEmpty()) {
            m_out.emitError(command,
                            QStringLiteral("usage: mwi [off] URI (no account to default to)"));
            return;
        }
        if (off)
            m_engine.unsubscribeMessageSummary(uri);
        else
            m_engine.subscribeMessageSummary(uri);
    } else if (command == QLatin1String("publish")) {
        const QString statusName
                = argument.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        const QString note = argument.section(QLatin1Char(' '), 1, -1, QString::SectionSkipEmpty);
        PresenceStatus status;
        if (!PresenceController::statusFromName(statusName, &status)) {
            m_out.emitError(
                    command,
                    QStringLiteral("usage: publish available|away|busy|dnd|invisible [NOTE]"));
            return;
        }
        m_presence.setOwnStatus(status, note);
    } else if (command == QLatin1String("call")) {
        if (argument.isEmpty()) {
            m_out.emitError(command, QStringLiteral("usage: call URI"));
            return;
        }
        const QString id = QString::number(m_nextCall++);
        m_calls.insert(id, QStringLiteral("calling"));
        m_lastCall = id;
        m_out.emitEvent(QStringLiteral("call_started"),
                        { { QStringLiteral("call"), id }, { QStringLiteral("uri"), argument } });
        m_engine.makeCall(id, argument);
        m_history.recordOutgoing(id, argument);
    } else if (command == QLatin1String("stats")) {
        const QString id = callArgument(argument);
        if (requireCall(command, id))
            m_calls_media.requestStatistics(id);
    } else if (command == QLatin1String("devices")) {
        QString error;
        if (!enableAudioDevices(&error)) {
            m_out.emitError(command, error);
            return;
        }
        // The lists arrive from the media thread once the monitor runs; at once after that.
        m_devicesRequested = true;
        reportDevicesIfKnown();
    } else if (command == QLatin1String("calls")) {
        QJsonArray list;
        for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it)
            list.append(QJsonObject { { QStringLiteral("call"), it.key() },
                                      { QStringLiteral("state"), it.value() } });
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
    } else if (command == QLatin1String("transfer")
               && argument.contains(QLatin1String("--to-call"))) {
        // transfer CALL --to-call CALL2 (RFC 5589 §7): CALL's peer calls CALL2's peer with a
        // Replaces of CALL2, and both our calls end.
        const QStringList words = argument.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const qsizetype flag = words.indexOf(QLatin1String("--to-call"));
        const QString consultation = flag + 1 < words.size() ? words.at(flag + 1) : QString();
        const QString id = flag == 1 ? words.first() : flag == 0 ? callArgument({}) : QString();
        if (consultation.isEmpty() || words.size() != flag + 2 || (flag != 0 && flag != 1)) {
            m_out.emitError(command, QStringLiteral("usage: transfer CALL --to-call CALL2"));
            return;
        }
        if (!requireCall(command, id) || !requireCall(command, consultation))
            return;
        if (id == consultation) {
            m_out.emitError(command, QStringLiteral("a call cannot be transferred to itself"));
            return;
        }
        m_engine.transferCallAttended(id, consultation);
    } else if (command == QLatin1String("dtmf") || command == QLatin1String("transfer")) {
        const QStringList words = argument.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        const QString id = words.size() >= 2 ? words.first() : callArgument({});
        const QString value = words.isEmpty() ? QString() : words.last();
        if (value.isEmpty()) {
            m_out.emitError(
                    command,
                    QStringLiteral("usage: %1 [CALL] %2")
                            .arg(command, command == QLatin1String("dtmf") ? "DIGITS" : "URI"));
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
        finishAfterStorage(0, { { QStringLiteral("timeout"), true } });
    });
}

} // namespace App
