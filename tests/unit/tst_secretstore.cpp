// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// SecretStore (app/secrets): the opt-in password file, and the keychain's clear, bounded
// failure where no keychain service runs (this test makes sure none is reachable).
#include "secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace App;

namespace {

// Runs one store call and waits (bounded) for its callback.
struct Outcome
{
    int calls = 0;
    SecretStore::Result result;
};

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

    template<typename Call>
    static Outcome wait(Call call, int timeoutMs = 20000)
    {
        Outcome outcome;
        call([&outcome](const SecretStore::Result &r) {
            ++outcome.calls;
            outcome.result = r;
        });
        QElapsedTimer clock;
        clock.start();
        while (outcome.calls == 0 && clock.elapsed() < timeoutMs)
            QTest::qWait(10);
        return outcome;
    }

private slots:
    void backendNames()
    {
        QCOMPARE(SecretStore::backendFromName(QStringLiteral("keychain")),
                 SecretStore::Backend::Keychain);
        QCOMPARE(SecretStore::backendFromName(QStringLiteral("FILE")), SecretStore::Backend::File);
        QVERIFY(!SecretStore::backendFromName(QStringLiteral("plaintext")));
        QCOMPARE(SecretStore::backendName(SecretStore::Backend::File), QStringLiteral("file"));
    }

    void fileRoundTripOwnerOnly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("data"));
        const QString password = QStringLiteral("pä$$ \"wörd\" 🔑");
        {
            SecretStore store(SecretStore::Backend::File, folder);
            Outcome missing
                    = wait([&](auto done) { store.readPassword(QStringLiteral("1"), done); });
            QCOMPARE(missing.calls, 1);
            QVERIFY(!missing.result.ok);
            QVERIFY(missing.result.notFound);
            QVERIFY(!missing.result.error.isEmpty());

            Outcome written = wait(
                    [&](auto done) { store.writePassword(QStringLiteral("1"), password, done); });
            QVERIFY2(written.result.ok, qPrintable(written.result.error));
            Outcome other = wait([&](auto done) {
                store.writePassword(QStringLiteral("2"), QStringLiteral("x"), done);
            });
            QVERIFY(other.result.ok);
        }
        const QString path = QDir(folder).filePath(QLatin1String(SecretStore::FileName));
        QVERIFY(QFile::exists(path));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
                | QFileDevice::ExeOther;
        QCOMPARE(QFile::permissions(path) & others, QFileDevice::Permissions());
        QVERIFY(QFile::permissions(path) & QFileDevice::ReadOwner);

        // A new instance (the next run) reads it back.
        SecretStore store(SecretStore::Backend::File, folder);
        Outcome read = wait([&](auto done) { store.readPassword(QStringLiteral("1"), done); });
        QVERIFY2(read.result.ok, qPrintable(read.result.error));
        QCOMPARE(read.result.password, password);

        Outcome removed = wait([&](auto done) { store.removePassword(QStringLiteral("1"), done); });
        QVERIFY(removed.result.ok);
        Outcome gone = wait([&](auto done) { store.readPassword(QStringLiteral("1"), done); });
        QVERIFY(gone.result.notFound);
        Outcome kept = wait([&](auto done) { store.readPassword(QStringLiteral("2"), done); });
        QCOMPARE(kept.result.password, QStringLiteral("x"));
        QCOMPARE(QFile::permissions(path) & others, QFileDevice::Permissions());
    }

    void fileTightensLoosePermissions()
    {
        QTemporaryDir dir;
        SecretStore store(SecretStore::Backend::File, dir.path());
        QVERIFY(wait([&](auto done) {
                    store.writePassword(QStringLiteral("1"), QStringLiteral("s"), done);
                }).result.ok);
        QVERIFY(QFile::setPermissions(store.filePath(),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ReadOther));
        QCOMPARE(wait([&](auto done) {
                     store.readPassword(QStringLiteral("1"), done);
                 }).result.password,
                 QStringLiteral("s"));
        QCOMPARE(QFile::permissions(store.filePath()) & QFileDevice::ReadOther,
                 QFileDevice::Permissions());
    }

    void fileDamagedIsAnError()
    {
        QTemporaryDir dir;
        SecretStore store(SecretStore::Backend::File, dir.path());
        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        Outcome read = wait([&](auto done) { store.readPassword(QStringLiteral("1"), done); });
        QVERIFY(!read.result.ok);
        QVERIFY(!read.result.notFound);
        QVERIFY(read.result.error.contains(QLatin1String("damaged")));
        // And it is not overwritten behind the user's back.
        QVERIFY(!wait([&](auto done) {
                     store.writePassword(QStringLiteral("1"), QStringLiteral("s"), done);
                 }).result.ok);
    }

    // No keychain service is reachable here (main() points D-Bus nowhere): every call
    // fails with a message that names the way out, within a bound, and nothing is
    // written anywhere as a fallback.
    void keychainWithoutServiceRefusesClearly()
    {
        QTemporaryDir dir;
        SecretStore store(SecretStore::Backend::Keychain, dir.path());
        store.setKeychainTimeoutMs(10000);
        QElapsedTimer clock;
        clock.start();
        Outcome written = wait([&](auto done) {
            store.writePassword(QStringLiteral("1"), QStringLiteral("secret"), done);
        });
        QCOMPARE(written.calls, 1);
        QVERIFY(!written.result.ok);
        QVERIFY2(written.result.error.contains(QLatin1String("--password-store file")),
                 qPrintable(written.result.error));
        Outcome read = wait([&](auto done) { store.readPassword(QStringLiteral("1"), done); });
        QCOMPARE(read.calls, 1);
        QVERIFY(!read.result.ok);
        QVERIFY(!read.result.error.isEmpty());
        QVERIFY(clock.elapsed() < 25000);
        QVERIFY(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
        qInfo("keychain error: %s", qPrintable(read.result.error));
    }

    // A keychain that does not answer in time fails the call once; a late answer is dropped.
    void keychainTimeoutAnswersOnce()
    {
        QTemporaryDir dir;
        SecretStore store(SecretStore::Backend::Keychain, dir.path());
        store.setKeychainTimeoutMs(0);
        Outcome read = wait([&](auto done) { store.readPassword(QStringLiteral("1"), done); });
        QCOMPARE(read.calls, 1);
        QVERIFY(!read.result.ok);
        QVERIFY2(read.result.error.contains(QLatin1String("did not answer")),
                 qPrintable(read.result.error));
        QTest::qWait(1500); // the job's own (failing) answer comes meanwhile and is ignored
        QCOMPARE(read.calls, 1);
    }
};

int main(int argc, char *argv[])
{
    // Make sure no keychain service can be reached, whatever runs on the machine.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/parlo-test-bus");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    QCoreApplication app(argc, argv);
    TestSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
