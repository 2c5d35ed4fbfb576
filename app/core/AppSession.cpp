// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppSession.h"

#include "AppInfo.h"
#include "calls/AudioTestController.h"
#include "calls/CallController.h"
#include "calls/CallHistoryRecorder.h"
#include "calls/CallMediaController.h"
#include "messaging/MessagingController.h"
#include "models/CallHistoryModel.h"
#include "models/CallListModel.h"
#include "models/ContactFilterModel.h"
#include "models/ContactListModel.h"
#include "models/ConversationListModel.h"
#include "models/MessageListModel.h"
#include "presence/PresenceController.h"
#include "secrets/SecretStore.h"
#include "settings/ListenAddress.h"
#include "storage/Database.h"
#include "storage/SipUriNormalizer.h"
#include "storage/StorageThread.h"

#include "sip/SipEngine.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

namespace App {

namespace {

// Bounds the wait for unregistering on quit: Parlo exits even if the server is gone.
constexpr int shutdownTimeoutMs = 3000;

Sip::TransportType transportFromName(const QString &name)
{
    if (name.compare(QLatin1String("tcp"), Qt::CaseInsensitive) == 0)
        return Sip::TransportType::Tcp;
    if (name.compare(QLatin1String("tls"), Qt::CaseInsensitive) == 0)
        return Sip::TransportType::Tls;
    return Sip::TransportType::Udp;
}

RegistrationInfo::State toState(Sip::RegistrationState state)
{
    switch (state) {
    case Sip::RegistrationState::Registering:
        return RegistrationInfo::State::Registering;
    case Sip::RegistrationState::Registered:
        return RegistrationInfo::State::Registered;
    case Sip::RegistrationState::Failed:
        return RegistrationInfo::State::Failed;
    case Sip::RegistrationState::Unregistered:
    case Sip::RegistrationState::Unregistering:
        break;
    }
    return RegistrationInfo::State::Unregistered;
}

} // namespace

struct AppSession::Private
{
    explicit Private(const QString &databasePath)
        : storage(databasePath)
    {
    }

    Sip::SipEngine engine;
    StorageThread storage;
    CallMediaController media { engine };
    std::unique_ptr<MessagingController> messaging;
    std::unique_ptr<CallHistoryRecorder> recorder;
    std::unique_ptr<CallController> calls;
    std::unique_ptr<AudioTestController> audioTest;
    std::unique_ptr<PresenceController> presence;
    std::unique_ptr<SecretStore> secrets;
    QMap<QString, QString> passwords; // by account id, as given to the engine
    QString instanceId;
};

AppSession::AppSession(const AppSessionOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(options.databasePath.isEmpty() ? Database::defaultPath()
                                                                 : options.databasePath))
    , m_options(options)
{
    m_settings = options.settingsFile.isEmpty()
            ? std::make_unique<QSettings>()
            : std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
    m_accounts.load(*m_settings);
    m_preferences.load(*m_settings);
    m_network.load(*m_settings);
    d->instanceId = m_settings->value(QStringLiteral("instance_id")).toString();
    if (d->instanceId.isEmpty()) {
        d->instanceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_settings->setValue(QStringLiteral("instance_id"), d->instanceId);
    }
    for (const AccountSettings &account : m_accounts.accounts())
        m_registrations.insert(
                account.id,
                { account.id, account.aor, RegistrationInfo::State::Unregistered, {}, -1 });

    m_storage = &d->storage;
    d->messaging = std::make_unique<MessagingController>(d->engine, d->storage);
    d->recorder = std::make_unique<CallHistoryRecorder>(d->engine, d->storage);
    d->calls = std::make_unique<CallController>(d->engine, d->media);
    d->audioTest = std::make_unique<AudioTestController>(
            d->media, [this](bool output, const QString &device) {
                Q_UNUSED(output);
                // "device:" alone is the system default; without sound devices (tests, a
                // machine without sound) the checks run on the null endpoints.
                return m_audioDevices ? QStringLiteral("device:") + device : QStringLiteral("null");
            });
    d->presence = std::make_unique<PresenceController>(d->engine, d->storage);
    const QString dataDirectory = options.dataDirectory.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            : options.dataDirectory;
    d->secrets = std::make_unique<SecretStore>(SecretStore::backendFromName(options.secretBackend)
                                                       .value_or(SecretStore::Backend::Keychain),
                                               dataDirectory);
    m_callController = d->calls.get();
    m_contacts = new ContactListModel(d->storage, this);
    m_contactFilter = new ContactFilterModel(this);
    m_contactFilter->setSourceModel(m_contacts);
    m_history = new CallHistoryModel(d->storage, this);
    m_conversations = new ConversationListModel(d->storage, this);
    m_conversations->setNameResolver(
            [this](const QString &uri) { return m_contacts->displayNameFor(uri); });
    m_messages = new MessageListModel(d->storage, this);
    m_callList = new CallListModel(*d->calls, this);

    Sip::SipEngine &engine = d->engine;
    connect(&engine, &Sip::SipEngine::started, this, [this](const QStringList &listening) {
        m_listening = listening;
        m_engineRunning = true;
        emit started(listening);
        for (const QString &id : std::as_const(m_addedAccounts)) {
            if (m_accounts.account(id).registerEnabled)
                d->engine.registerAccount(id);
        }
    });
    connect(&engine, &Sip::SipEngine::startFailed, this, &AppSession::startFailed);
    connect(&engine, &Sip::SipEngine::registrationChanged, this,
            [this](const QString &id, const Sip::RegistrationStatus &status) {
                if (!m_registrations.contains(id))
                    return;
                RegistrationInfo info = m_registrations.value(id);
                info.state = toState(status.state);
                info.error = status.reason;
                info.retryInSeconds = status.retryInSeconds;
                setRegistration(info);
            });
    connect(&engine, &Sip::SipEngine::shutdownComplete, this, &AppSession::shutdownComplete);

    // Presence: the contacts are watched, their state feeds the list.
    PresenceController &presence = *d->presence;
    connect(&presence, &PresenceController::contactPresenceChanged, m_contacts,
            &ContactListModel::setPresence);
    connect(m_contacts, &ContactListModel::sipUrisChanged, &presence,
            &PresenceController::setWatchedContacts);
    connect(&presence, &PresenceController::watcherRequest, this, &AppSession::watcherRequest);
    connect(&presence, &PresenceController::ownStatusChanged, this,
            [this](PresenceStatus status, const QString &, const QString &note) {
                m_ownPresence = PresenceController::statusName(status);
                m_ownPresenceNote = note;
                emit ownPresenceChanged(m_ownPresence, note);
            });

    // Messages.
    MessagingController &messaging = *d->messaging;
    connect(&messaging, &MessagingController::messageAdded, m_conversations,
            &ConversationListModel::messageAdded);
    connect(&messaging, &MessagingController::messageAdded, m_messages,
            &MessageListModel::messageAdded);
    connect(&messaging, &MessagingController::messageAdded, this,
            [this](const StoredMessage &message) {
                if (message.direction != MessageDirection::Incoming)
                    return;
                // The open conversation is being read.
                if (message.conversationId == m_messages->conversationId()) {
                    d->messaging->markRead(message.conversationId);
                    m_conversations->markRead(message.conversationId);
                }
                emit incomingMessage(message.peerUri, message.body);
            });
    connect(&messaging, &MessagingController::messageStatusChanged, m_messages,
            &MessageListModel::setMessageState);
    connect(&messaging, &MessagingController::typingChanged, this, &AppSession::peerTypingChanged);
    connect(m_conversations, &ConversationListModel::totalUnreadChanged, this,
            &AppSession::unreadChanged);

    // Calls and their history.
    connect(d->calls.get(), &CallController::callAdded, this, [this](const CallInfo &call) {
        if (call.direction == CallInfo::Direction::Outgoing)
            d->recorder->recordOutgoing(call.id, call.peerUri,
                                        m_contacts->displayNameFor(call.peerUri));
    });
    connect(d->recorder.get(), &CallHistoryRecorder::recorded, m_history,
            &CallHistoryModel::addOrUpdate);
    connect(m_history, &CallHistoryModel::unseenMissedChanged, this,
            &AppSession::missedCallsChanged);
}

AppSession::~AppSession()
{
    // The controllers hold references to the engine and the storage: they go first.
    delete m_callList;
    m_callList = nullptr;
    d->audioTest.reset();
    d->calls.reset();
    d->presence.reset();
    d->recorder.reset();
    d->messaging.reset();
}

QString AppSession::settingsFileName() const
{
    return m_settings->fileName();
}

AudioTestController &AppSession::audioTest()
{
    return *d->audioTest;
}

void AppSession::installAudioDevices(
        const Media::EndpointFactory &factory,
        std::function<std::unique_ptr<Media::AudioDeviceMonitor>()> monitor)
{
    d->media.setEndpointFactory(factory);
    d->media.setDeviceMonitor(std::move(monitor));
    m_audioDevices = true;
    applyAudio();
}

void AppSession::applyAudio()
{
    d->media.setEchoCancellation(m_preferences.echoCancellation);
    if (!m_audioDevices)
        return;
    // "device:" alone is the system default.
    const QString input = QStringLiteral("device:") + m_preferences.audioInput;
    const QString output = QStringLiteral("device:") + m_preferences.audioOutput;
    const QString ringer = m_preferences.ringDevice.isEmpty()
            ? output
            : QStringLiteral("device:") + m_preferences.ringDevice;
    d->media.setAudio(input, output);
    d->media.setToneOutputs(ringer, output);
}

void AppSession::start()
{
    if (m_started)
        return;
    m_started = true;
    d->storage.start();
    m_contacts->reload();
    m_history->reload();
    m_conversations->reload();
    applyAudio();
    if (m_accounts.isEmpty()) {
        startEngine();
        return;
    }
    // The passwords come from the keychain asynchronously; the engine starts once it has
    // every account.
    auto waiting = std::make_shared<qsizetype>(m_accounts.accounts().size());
    for (const AccountSettings &account : m_accounts.accounts()) {
        const QString id = account.id;
        d->secrets->readPassword(id, [this, id, waiting](const SecretStore::Result &r) {
            if (m_accounts.contains(id)) {
                applyAccount(id, r.ok ? r.password : QString());
                if (!r.ok && !r.notFound)
                    setRegistration({ id, m_accounts.account(id).aor,
                                      RegistrationInfo::State::Failed, r.error, -1 });
            }
            if (--*waiting == 0)
                startEngine();
        });
    }
}

void AppSession::startEngine()
{
    Sip::EngineConfig config;
    config.userAgent = AppInfo::versionString();
    config.t1Milliseconds = m_options.t1Milliseconds;
    config.autoAnswerSeconds = m_preferences.autoAnswerSeconds;
    const QStringList listen = !m_options.listen.isEmpty() ? m_options.listen : m_network.listen;
    for (const QString &spec : listen) {
        if (const auto address = ListenAddress::parse(spec, nullptr))
            config.listen.append(
                    { transportFromName(address->transport), address->address, address->port });
    }
    if (listen.isEmpty() && m_preferences.sipPort > 0) {
        const QHostAddress any = m_preferences.ipv6 ? QHostAddress(QHostAddress::Any)
                                                    : QHostAddress(QHostAddress::AnyIPv4);
        const auto port = static_cast<quint16>(m_preferences.sipPort);
        config.listen.append({ Sip::TransportType::Udp, any, port });
        config.listen.append({ Sip::TransportType::Tcp, any, port });
    }
    d->engine.start(config);
}

void AppSession::applyAccount(const QString &accountId, const QString &password)
{
    d->passwords.insert(accountId, password);
    if (m_addedAccounts.removeAll(accountId) > 0)
        d->engine.removeAccount(accountId);
    const AccountSettings account = m_accounts.account(accountId);
    if (account.isEmpty())
        return;
    Sip::AccountConfig config;
    config.aor = account.aor;
    config.authUser = account.authUser;
    config.password = password;
    config.displayName = account.displayName;
    config.proxy = account.proxy;
    config.transport = transportFromName(account.transport);
    config.expires = account.expires;
    config.instanceId = QStringLiteral("urn:uuid:") + d->instanceId;
    config.userAgent = AppInfo::versionString();
    config.acceptedCertificate = account.acceptedCertificate;
    config.srtpPolicy = account.srtpPolicy();
    d->engine.addAccount(accountId, config);
    m_addedAccounts.append(accountId);
    d->engine.setDefaultAccount(m_accounts.defaultId());
    if (accountId == m_accounts.defaultId()) {
        // Messages go from the default account: they wait while it is not registered.
        d->messaging->setOnlineAccount(accountId);
        d->messaging->setAccountOnline(!account.registerEnabled);
    }
    setRegistration({ accountId, account.aor, RegistrationInfo::State::Unregistered, {}, -1 });
    if (m_engineRunning && account.registerEnabled)
        d->engine.registerAccount(accountId);
}

RegistrationInfo AppSession::registration() const
{
    if (m_accounts.isEmpty())
        return { {}, {}, RegistrationInfo::State::Serverless, {}, -1 };
    return m_registrations.value(m_accounts.defaultId());
}

QList<RegistrationInfo> AppSession::registrations() const
{
    if (m_accounts.isEmpty())
        return { registration() };
    QList<RegistrationInfo> list;
    for (const AccountSettings &account : m_accounts.accounts())
        list.append(m_registrations.value(account.id));
    return list;
}

void AppSession::setRegistration(const RegistrationInfo &info)
{
    if (!info.accountId.isEmpty())
        m_registrations.insert(info.accountId, info);
    emit registrationChanged(info);
}

void AppSession::shutdown()
{
    if (!m_engineRunning) {
        QTimer::singleShot(0, this, &AppSession::shutdownComplete);
        return;
    }
    d->calls->hangupAll();
    d->engine.shutdown();
    QTimer::singleShot(shutdownTimeoutMs, this, &AppSession::shutdownComplete);
}

QString AppSession::localContactUri() const
{
    for (const QString &listen : m_listening) {
        const auto address = ListenAddress::parse(listen, nullptr);
        if (!address || address->transport != QLatin1String("udp"))
            continue;
        QString host = address->address.toString();
        if (address->address.protocol() == QAbstractSocket::IPv6Protocol)
            host = QLatin1Char('[') + host + QLatin1Char(']');
        // The user part the engine puts in From and Contact when it has no account.
        return QStringLiteral("sip:parlo@%1:%2").arg(host).arg(address->port);
    }
    return {};
}

void AppSession::saveAccount(const AccountSettings &account, const QString &password)
{
    AccountSettings saved = account;
    if (saved.id.isEmpty())
        saved.id = m_accounts.defaultId(); // empty too without accounts: a new one
    if (saved.isEmpty()) {
        // The single-account form emptied: serverless from now on.
        if (!saved.id.isEmpty())
            removeAccount(saved.id);
        QTimer::singleShot(0, this, [this] { emit accountSaved({}); });
        return;
    }
    storeAccount(saved, password);
}

QString AppSession::addAccount(AccountSettings account, const QString &password)
{
    account.id.clear();
    return storeAccount(account, password);
}

QString AppSession::storeAccount(const AccountSettings &account, const QString &password)
{
    const bool wasServerless = m_accounts.isEmpty();
    const QString id = m_accounts.put(account);
    saveAccountList();
    const AccountSettings stored = m_accounts.account(id);
    RegistrationInfo info = m_registrations.value(id);
    info.accountId = id;
    info.aor = stored.aor;
    m_registrations.insert(id, info);
    // The password goes to the keychain only; the engine gets it once it is stored.
    d->secrets->writePassword(id, password, [this, id, password](const SecretStore::Result &r) {
        if (m_accounts.contains(id))
            applyAccount(id, password);
        emit accountSaved(r.ok ? QString() : r.error);
    });
    emit accountsChanged();
    if (wasServerless)
        emit registrationChanged(m_registrations.value(id));
    return id;
}

void AppSession::removeAccount(const QString &accountId)
{
    if (!m_accounts.remove(accountId))
        return;
    saveAccountList();
    if (m_addedAccounts.removeAll(accountId) > 0)
        d->engine.removeAccount(accountId); // unregisters
    m_registrations.remove(accountId);
    d->passwords.remove(accountId);
    d->secrets->removePassword(accountId, [](const SecretStore::Result &) {});
    setDefaultAccount(m_accounts.defaultId());
    if (m_accounts.isEmpty()) {
        d->messaging->setOnlineAccount({});
        d->messaging->setAccountOnline(true); // serverless: always online
        emit registrationChanged(registration());
    }
}

void AppSession::setDefaultAccount(const QString &accountId)
{
    if (!accountId.isEmpty() && !m_accounts.contains(accountId))
        return;
    m_accounts.setDefaultId(accountId);
    saveAccountList();
    const QString id = m_accounts.defaultId();
    d->engine.setDefaultAccount(id);
    if (!id.isEmpty()) {
        d->messaging->setOnlineAccount(id);
        d->messaging->setAccountOnline(!m_accounts.account(id).registerEnabled
                                       || m_registrations.value(id).state
                                               == RegistrationInfo::State::Registered);
    }
    emit accountsChanged();
}

void AppSession::saveAccountList()
{
    m_accounts.save(*m_settings);
    m_settings->sync();
}

void AppSession::savePreferences(const Preferences &preferences)
{
    if (preferences.startAtLogin != m_preferences.startAtLogin)
        applyStartAtLogin(preferences.startAtLogin);
    m_preferences = preferences;
    m_preferences.save(*m_settings);
    m_settings->sync();
    applyAudio();
}

void AppSession::applyStartAtLogin(bool on)
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // XDG autostart: a desktop entry in ~/.config/autostart starts Parlo with the session.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/autostart");
    const QString path = dir + QStringLiteral("/parlo.desktop");
    if (!on) {
        QFile::remove(path);
        return;
    }
    QDir().mkpath(dir);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write("[Desktop Entry]\nType=Application\nName=Parlo\nExec=parlo --minimised\n"
               "Icon=parlo\nX-GNOME-Autostart-enabled=true\n");
    file.commit();
#else
    static_cast<void>(on);
#endif
}

void AppSession::saveNetwork(const NetworkSettings &network)
{
    m_network = network;
    m_network.save(*m_settings);
    m_settings->sync();
}

void AppSession::loadPassword(const QString &accountId)
{
    const QString id = accountId.isEmpty() ? m_accounts.defaultId() : accountId;
    d->secrets->readPassword(id, [this, id](const SecretStore::Result &r) {
        if (!r.ok && !r.notFound && m_accounts.contains(id))
            setRegistration({ id, m_accounts.account(id).aor, RegistrationInfo::State::Failed,
                              r.error, -1 });
        const QString password = r.ok ? r.password : QString();
        emit passwordLoaded(password);
        emit accountPasswordLoaded(id, password);
    });
}

QString AppSession::targetUri(const QString &input) const
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return {};
    const bool hasScheme = text.startsWith(QLatin1String("sip:"), Qt::CaseInsensitive)
            || text.startsWith(QLatin1String("sips:"), Qt::CaseInsensitive)
            || text.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive);
    const bool tel = text.startsWith(QLatin1String("tel:"), Qt::CaseInsensitive);
    if ((hasScheme && !tel) || text.contains(QLatin1Char('@')))
        return SipUriNormalizer::normalize(text);
    // A bare user or number: at the account's domain.
    const AccountSettings account = this->account();
    if (account.isEmpty())
        return {};
    const QString aor = SipUriNormalizer::normalize(account.aor);
    const qsizetype at = aor.indexOf(QLatin1Char('@'));
    if (at < 0)
        return {};
    // A tel: link or a number goes to the account's domain (RFC 3261 §19.1.6: a
    // telephone number as the user part, user=phone).
    QString user = tel ? text.mid(4).section(QLatin1Char(';'), 0, 0) : text;
    user.remove(QLatin1Char(' '));
    user.remove(QLatin1Char('-'));
    user.remove(QLatin1Char('('));
    user.remove(QLatin1Char(')'));
    user.remove(QLatin1Char('.'));
    return QStringLiteral("sip:") + user + aor.mid(at)
            + (tel ? QStringLiteral(";user=phone") : QString());
}

QString AppSession::call(const QString &input, const QString &accountId)
{
    const QString uri = targetUri(input);
    if (uri.isEmpty())
        return {};
    return d->calls->makeCall(uri, m_accounts.contains(accountId) ? accountId : QString());
}

void AppSession::openConversation(const QString &input)
{
    const QString uri = targetUri(input);
    if (uri.isEmpty())
        return;
    d->storage.run(
            this,
            [uri](StorageContext &s) { return s.messages().conversationFor(uri).value_or(0); },
            [this, uri](qint64 id) {
                if (!id)
                    return;
                m_messages->setConversation(id, uri);
                d->messaging->markRead(id);
                m_conversations->markRead(id);
                emit conversationOpened(id, uri);
            });
}

void AppSession::openConversationById(qint64 conversationId)
{
    const int row = m_conversations->rowForId(conversationId);
    if (row < 0)
        return;
    const QString uri = m_conversations->conversationAt(row).peerUri;
    m_messages->setConversation(conversationId, uri);
    d->messaging->markRead(conversationId);
    m_conversations->markRead(conversationId);
    emit conversationOpened(conversationId, uri);
}

void AppSession::sendMessage(const QString &text)
{
    if (m_messages->peerUri().isEmpty() || text.trimmed().isEmpty())
        return;
    d->messaging->sendText(m_messages->peerUri(), text);
}

void AppSession::resendMessage(qint64 messageId)
{
    d->messaging->resend(messageId);
}

void AppSession::setTyping(bool active)
{
    if (!m_messages->peerUri().isEmpty())
        d->messaging->sendTyping(m_messages->peerUri(), active);
}

void AppSession::setOwnPresence(const QString &key, const QString &note)
{
    PresenceStatus status = PresenceStatus::Available;
    if (!PresenceController::statusFromName(key, &status))
        return;
    d->presence->setOwnStatus(status, note);
}

void AppSession::setUserIdle(bool idle)
{
    d->presence->setUserIdle(idle);
}

void AppSession::decideWatcher(const QString &uri, bool allow)
{
    d->presence->decideWatcher(uri, allow);
}

void AppSession::register_()
{
    for (const QString &id : std::as_const(m_addedAccounts)) {
        if (m_accounts.account(id).registerEnabled)
            d->engine.registerAccount(id);
    }
}

void AppSession::unregister()
{
    for (const QString &id : std::as_const(m_addedAccounts))
        d->engine.unregisterAccount(id);
}

} // namespace App
