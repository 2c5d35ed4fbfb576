// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Preferences.h"
#include "core/RegistrationInfo.h"
#include "settings/AccountList.h"
#include "settings/AccountSettings.h"

#include <QMap>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

class QSettings;

namespace Media {
class AudioDeviceMonitor;
class EndpointFactory;
} // namespace Media

namespace App {

class AudioTestController;
class CallController;
class CallHistoryModel;
class CallListModel;
class ContactFilterModel;
class ContactListModel;
class ConversationListModel;
class MessageListModel;
class StorageThread;

struct AppSessionOptions
{
    QString settingsFile; // INI file; empty: the platform's default settings
    QString databasePath; // empty: the platform's app-data folder
    QStringList listen; // overrides the network settings (tests: "udp:127.0.0.1:0")
    int t1Milliseconds = 500;
    // Where passwords go: "keychain" (the OS keychain) or "file" (an owner-only file in
    // dataDirectory, for machines without a keychain and for tests).
    QString secretBackend = QStringLiteral("keychain");
    QString dataDirectory; // empty: the platform's app-data folder
};

/// The application as the GUI sees it: the one object that owns the SIP engine, the
/// storage thread, call media, the controllers and the item models, and keeps the account
/// settings (QSettings; the password goes to the keychain only). ui/ talks to this and to
/// the models and controllers it exposes, never to sip/ or media/.
class AppSession : public QObject
{
    Q_OBJECT
public:
    explicit AppSession(const AppSessionOptions &options = {}, QObject *parent = nullptr);
    ~AppSession() override;

    // Sound devices for calls and tones: the "device" endpoint scheme and the device
    // list monitor, supplied by the executable (app/ does not link Qt Multimedia). Without
    // them calls run on the "null" endpoints (tests, a machine without sound).
    void installAudioDevices(const Media::EndpointFactory &factory,
                             std::function<std::unique_ptr<Media::AudioDeviceMonitor>()> monitor);

    // Opens the database, reads the password from the keychain, starts the engine.
    void start();
    // Unregisters (bounded time) then emits shutdownComplete.
    void shutdown();

    bool isStarted() const { return m_started; }
    QStringList listening() const { return m_listening; }
    // A SIP URI other instances can reach this one at, e.g. "sip:parlo@127.0.0.1:5070".
    QString localContactUri() const;

    // The default account (an empty one without accounts: serverless).
    AccountSettings account() const { return m_accounts.account(m_accounts.defaultId()); }
    // Every account, in the order added; defaultAccountId() is where calls and messages
    // go from unless another is chosen.
    QList<AccountSettings> accounts() const { return m_accounts.accounts(); }
    QString defaultAccountId() const { return m_accounts.defaultId(); }
    Preferences preferences() const { return m_preferences; }
    NetworkSettings network() const { return m_network; }
    // The default account's registration (Serverless without accounts).
    RegistrationInfo registration() const;
    // Every account's, in the order of accounts(); one Serverless entry without accounts.
    QList<RegistrationInfo> registrations() const;
    QString ownPresence() const { return m_ownPresence; }
    QString ownPresenceNote() const { return m_ownPresenceNote; }
    QString settingsFileName() const;

    // Saves the account (password to the keychain, never the settings file) and applies
    // it: the engine drops the old account and registers the new one. `account.id` empty:
    // the default account, or a new one when there is none; addAccount() always adds.
    void saveAccount(const AccountSettings &account, const QString &password);
    // Adds `account` as a new one (its id is ignored); returns the new id.
    QString addAccount(AccountSettings account, const QString &password);
    // Unregisters and forgets the account, its password too.
    void removeAccount(const QString &accountId);
    void setDefaultAccount(const QString &accountId);
    void savePreferences(const Preferences &preferences);
    void saveNetwork(const NetworkSettings &network); // applies at the next start
    // The stored password of `accountId` (empty: the default account), asynchronously
    // (passwordLoaded, accountPasswordLoaded).
    void loadPassword(const QString &accountId = {});

    // What the dial field means: "bob" or "1234" -> sip:bob@<account domain>; a full
    // address is normalised. Empty when it cannot be called.
    QString targetUri(const QString &input) const;

    CallController &calls() { return *m_callController; }
    // The audio settings' test tone and microphone meter.
    AudioTestController &audioTest();
    ContactListModel &contacts() { return *m_contacts; }
    ContactFilterModel &contactFilter() { return *m_contactFilter; }
    CallHistoryModel &history() { return *m_history; }
    ConversationListModel &conversations() { return *m_conversations; }
    MessageListModel &messages() { return *m_messages; }
    CallListModel &callList() { return *m_callList; }
    StorageThread &storage() { return *m_storage; }

public slots:
    // Calls `input` (see targetUri) from `accountId` (empty: the default account).
    // Returns the call id, empty when not callable.
    QString call(const QString &input, const QString &accountId = {});
    // Opens (creating if needed) the conversation with `input` in messages().
    void openConversation(const QString &input);
    void openConversationById(qint64 conversationId);
    void sendMessage(const QString &text); // to the open conversation
    void resendMessage(qint64 messageId);
    void setTyping(bool active); // in the open conversation
    // key: "available", "away", "busy", "dnd", "invisible".
    void setOwnPresence(const QString &key, const QString &note);
    void setUserIdle(bool idle);
    void decideWatcher(const QString &uri, bool allow);
    // Every account with registration on (register_), or all (unregister).
    void register_();
    void unregister();

signals:
    void started(const QStringList &listening);
    void startFailed(const QString &reason);
    void registrationChanged(const App::RegistrationInfo &info);
    void ownPresenceChanged(const QString &key, const QString &note);
    void conversationOpened(qint64 conversationId, const QString &peerUri);
    void peerTypingChanged(const QString &peerUri, bool active);
    void unreadChanged(int total);
    void missedCallsChanged(int count);
    void incomingMessage(const QString &peerUri, const QString &text);
    void watcherRequest(const QString &uri, const QString &displayName);
    void passwordLoaded(const QString &password);
    void accountPasswordLoaded(const QString &accountId, const QString &password);
    void accountSaved(const QString &error); // empty: saved (password too)
    // Accounts were added, changed, removed, or the default one changed.
    void accountsChanged();
    void shutdownComplete();

private:
    struct Private;
    void applyAccount(const QString &accountId, const QString &password);
    QString storeAccount(const AccountSettings &account, const QString &password);
    void saveAccountList();
    void startEngine();
    void setRegistration(const RegistrationInfo &info);
    void applyStartAtLogin(bool on);
    void applyAudio();

    std::unique_ptr<Private> d;
    AppSessionOptions m_options;
    std::unique_ptr<QSettings> m_settings;
    AccountList m_accounts;
    Preferences m_preferences;
    NetworkSettings m_network;
    QMap<QString, RegistrationInfo> m_registrations; // by account id
    QStringList m_addedAccounts; // ids the engine has
    QStringList m_listening;
    QString m_ownPresence = QStringLiteral("available");
    QString m_ownPresenceNote;
    bool m_started = false;
    bool m_engineRunning = false;
    bool m_audioDevices = false;

    StorageThread *m_storage = nullptr;
    CallController *m_callController = nullptr;
    ContactListModel *m_contacts = nullptr;
    ContactFilterModel *m_contactFilter = nullptr;
    CallHistoryModel *m_history = nullptr;
    ConversationListModel *m_conversations = nullptr;
    MessageListModel *m_messages = nullptr;
    CallListModel *m_callList = nullptr;
};

} // namespace App
