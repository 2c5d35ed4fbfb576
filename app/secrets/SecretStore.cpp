// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/SecretStore.h"

#include <qt6keychain/keychain.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcSecrets, "parlo.secrets", QtInfoMsg)

namespace App {

namespace {

constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
// A password file is a few hundred bytes; anything far larger is not ours.
constexpr qint64 maxFileSize = 1024 * 1024;

QString keyFor(const QString &accountId)
{
    return QStringLiteral("account:") + accountId;
}

QString noKeychainHint()
{
    return QStringLiteral("start the desktop's keyring (Secret Service, e.g. GNOME Keyring, or "
                          "KWallet), or opt in to keeping passwords in a file in the data folder "
                          "(parlo-cli: --password-store file)");
}

SecretStore::Result failure(const QString &error)
{
    SecretStore::Result result;
    result.error = error;
    return result;
}

// The File backend's work, in its own thread: the whole file is read, changed and
// replaced atomically (QSaveFile) with owner-only permissions.
SecretStore::Result fileOperation(const QString &path, int operation, const QString &accountId,
                                  const QString &password)
{
    enum { Read, Write, Remove };
    QJsonObject passwords;
    QFile file(path);
    if (file.exists()) {
        if (file.permissions() & ~(ownerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) {
            qCWarning(lcSecrets) << "password file" << path
                                 << "was readable by others; restricting it to its owner";
            file.setPermissions(ownerOnly);
        }
        if (!file.open(QIODevice::ReadOnly))
            return failure(QStringLiteral("cannot read the password file %1: %2")
                                   .arg(path, file.errorString()));
        if (file.size() > maxFileSize)
            return failure(QStringLiteral("the password file %1 is too large").arg(path));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        file.close();
        if (!document.isObject())
            return failure(QStringLiteral("the password file %1 is damaged: %2")
                                   .arg(path, parseError.errorString()));
        passwords = document.object();
    }
    SecretStore::Result result;
    const QString key = keyFor(accountId);
    if (operation == Read || operation == Remove) {
        if (!passwords.contains(key)) {
            result.notFound = true;
            result.error = QStringLiteral("no password is stored for account %1").arg(accountId);
            return result;
        }
        if (operation == Read) {
            result.ok = true;
            result.password = passwords.value(key).toString();
            return result;
        }
        passwords.remove(key);
    } else {
        passwords.insert(key, password);
    }
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return failure(QStringLiteral("cannot create the folder of %1").arg(path));
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return failure(QStringLiteral("cannot write the password file %1: %2")
                               .arg(path, out.errorString()));
    // On the temporary file, before a byte is written: the password is never readable
    // by others, not even for a moment.
    if (!out.setPermissions(ownerOnly)) {
        out.cancelWriting();
        return failure(QStringLiteral("cannot restrict the permissions of %1").arg(path));
    }
    out.write(QJsonDocument(passwords).toJson(QJsonDocument::Indented));
    if (!out.commit())
        return failure(QStringLiteral("cannot write the password file %1: %2")
                               .arg(path, out.errorString()));
    result.ok = true;
    return result;
}

} // namespace

SecretStore::SecretStore(Backend backend, const QString &fileDirectory, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_fileDirectory(fileDirectory)
{
    if (m_backend == Backend::File) {
        m_fileThread = new QThreadPool(this);
        m_fileThread->setMaxThreadCount(1);
        qCWarning(lcSecrets).noquote()
                << "passwords are kept UNENCRYPTED in" << filePath()
                << "(owner-only permissions), as chosen with the file password store; "
                   "use the system keychain wherever one runs";
    }
}

SecretStore::~SecretStore()
{
    if (m_fileThread)
        m_fileThread->waitForDone();
}

std::optional<SecretStore::Backend> SecretStore::backendFromName(const QString &name)
{
    if (name.compare(QLatin1String("keychain"), Qt::CaseInsensitive) == 0)
        return Backend::Keychain;
    if (name.compare(QLatin1String("file"), Qt::CaseInsensitive) == 0)
        return Backend::File;
    return std::nullopt;
}

QString SecretStore::backendName(Backend backend)
{
    return backend == Backend::File ? QStringLiteral("file") : QStringLiteral("keychain");
}

QString SecretStore::filePath() const
{
    return QDir(m_fileDirectory).filePath(QLatin1String(FileName));
}

void SecretStore::readPassword(const QString &accountId, Callback done)
{
    if (m_backend == Backend::File)
        runFile(Operation::Read, accountId, {}, std::move(done));
    else
        runKeychain(Operation::Read, accountId, {}, std::move(done));
}

void SecretStore::writePassword(const QString &accountId, const QString &password, Callback done)
{
    if (m_backend == Backend::File)
        runFile(Operation::Write, accountId, password, std::move(done));
    else
        runKeychain(Operation::Write, accountId, password, std::move(done));
}

void SecretStore::removePassword(const QString &accountId, Callback done)
{
    if (m_backend == Backend::File)
        runFile(Operation::Remove, accountId, {}, std::move(done));
    else
        runKeychain(Operation::Remove, accountId, {}, std::move(done));
}

void SecretStore::runFile(Operation operation, const QString &accountId, const QString &password,
                          Callback done)
{
    const QString path = filePath();
    QPointer<SecretStore> guard(this);
    m_fileThread->start(
            [guard, path, operation, accountId, password, done = std::move(done)]() mutable {
                const Result result = fileOperation(path, int(operation), accountId, password);
                // The destructor waits for this thread, so `guard` is still valid to post to.
                QMetaObject::invokeMethod(
                        guard.data(),
                        [done = std::move(done), result] {
                            if (done)
                                done(result);
                        },
                        Qt::QueuedConnection);
            });
}

void SecretStore::runKeychain(Operation operation, const QString &accountId,
                              const QString &password, Callback done)
{
    const QString service = QLatin1String(ServiceName);
    QKeychain::Job *job = nullptr;
    switch (operation) {
    case Operation::Read:
        job = new QKeychain::ReadPasswordJob(service);
        break;
    case Operation::Write: {
        auto *write = new QKeychain::WritePasswordJob(service);
        write->setTextData(password);
        job = write;
        break;
    }
    case Operation::Remove:
        job = new QKeychain::DeletePasswordJob(service);
        break;
    }
    job->setKey(keyFor(accountId));
    // Never QtKeychain's own plaintext QSettings fallback: the file backend is the one,
    // explicit, opt-in place for that.
    job->setInsecureFallback(false);
    job->setAutoDelete(true);

    // Whichever comes first, the job's answer or the timeout, is delivered; the other is
    // dropped. The job deletes itself when it finishes, even after a timeout.
    auto answered = std::make_shared<bool>(false);
    auto callback = std::make_shared<Callback>(std::move(done));
    auto deliver = [answered, callback](const Result &result) {
        if (*answered)
            return;
        *answered = true;
        if (*callback)
            (*callback)(result);
    };
    connect(job, &QKeychain::Job::finished, this,
            [deliver, operation, accountId](QKeychain::Job *finished) {
                Result result;
                switch (finished->error()) {
                case QKeychain::NoError:
                    result.ok = true;
                    if (operation == Operation::Read)
                        result.password
                                = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
                    break;
                case QKeychain::EntryNotFound:
                    result.notFound = true;
                    result.error = QStringLiteral("no password is stored in the keychain for "
                                                  "account %1")
                                           .arg(accountId);
                    break;
                case QKeychain::NoBackendAvailable:
                case QKeychain::NotImplemented:
                    result.error = QStringLiteral("no system keychain is available (%1): %2")
                                           .arg(finished->errorString(), noKeychainHint());
                    break;
                case QKeychain::AccessDeniedByUser:
                case QKeychain::AccessDenied:
                    result.error = QStringLiteral("the keychain refused access: %1")
                                           .arg(finished->errorString());
                    break;
                default:
                    result.error = QStringLiteral("no usable system keychain (QtKeychain: %1): %2")
                                           .arg(finished->errorString(), noKeychainHint());
                    break;
                }
                deliver(result);
            });
    QTimer::singleShot(m_keychainTimeoutMs, this, [deliver, timeout = m_keychainTimeoutMs] {
        deliver(failure(QStringLiteral("the system keychain did not answer within %1 s: %2")
                                .arg(timeout / 1000.0)
                                .arg(noKeychainHint())));
    });
    job->start();
}

} // namespace App
