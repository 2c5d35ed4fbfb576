// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QThreadPool;

namespace App {

/// Account passwords, kept out of the database and the settings files.
///
/// The normal place is the system keychain through QtKeychain (Secret Service or KWallet
/// on Linux, Keychain on macOS, Credential Manager on Windows). Where none runs (a
/// headless machine, a test), the user may opt in to a plain file in the data folder
/// (owner-only permissions, logged as unencrypted); without that opt-in a missing
/// keychain is an error that says so, never a silent fallback.
///
/// Every call returns at once; the outcome comes to the callback in this object's
/// thread. A keychain that does not answer within keychainTimeoutMs() fails the call
/// instead of leaving the caller waiting.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    enum class Backend { Keychain, File };
    struct Result
    {
        bool ok = false;
        bool notFound = false; // read/remove: no password is stored for the account
        QString password; // read
        QString error; // in words, for logs and dialogs, when !ok
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr const char *ServiceName = "Parlo";
    static constexpr const char *FileName = "passwords.json";

    // `fileDirectory` holds the password file of the File backend (the app data folder).
    SecretStore(Backend backend, const QString &fileDirectory, QObject *parent = nullptr);
    ~SecretStore() override; // waits for a file write in progress (bounded: a small file)

    // "keychain" or "file".
    static std::optional<Backend> backendFromName(const QString &name);
    static QString backendName(Backend backend);

    Backend backend() const { return m_backend; }
    QString filePath() const;
    int keychainTimeoutMs() const { return m_keychainTimeoutMs; }
    void setKeychainTimeoutMs(int milliseconds) { m_keychainTimeoutMs = milliseconds; }

    void readPassword(const QString &accountId, Callback done);
    void writePassword(const QString &accountId, const QString &password, Callback done);
    void removePassword(const QString &accountId, Callback done);

private:
    enum class Operation { Read, Write, Remove };

    void runKeychain(Operation operation, const QString &accountId, const QString &password,
                     Callback done);
    void runFile(Operation operation, const QString &accountId, const QString &password,
                 Callback done);

    Backend m_backend;
    QString m_fileDirectory;
    int m_keychainTimeoutMs = 15000;
    QThreadPool *m_fileThread = nullptr; // one thread: file operations run in order
};

} // namespace App
