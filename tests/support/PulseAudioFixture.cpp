// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PulseAudioFixture.h"

#include <QDeadlineTimer>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTest>

namespace TestSupport {

PulseAudioFixture::PulseAudioFixture()
    // Short: unix socket paths are limited to about 100 bytes.
    : m_dir(QStringLiteral("/tmp/parlo-pa-XXXXXX"))
{
}

PulseAudioFixture::~PulseAudioFixture()
{
    stop();
}

bool PulseAudioFixture::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory: ") + m_dir.errorString();
        return false;
    }
    const QString pulseaudio = QStandardPaths::findExecutable(QStringLiteral("pulseaudio"));
    if (pulseaudio.isEmpty()) {
        *error = QStringLiteral("pulseaudio not found; `scripts/deps test` installs it");
        return false;
    }
    if (QStandardPaths::findExecutable(QStringLiteral("pactl")).isEmpty()) {
        *error = QStringLiteral("pactl not found; `scripts/deps test` installs pulseaudio-utils");
        return false;
    }
    const QString timeout = QStandardPaths::findExecutable(QStringLiteral("timeout"));
    if (timeout.isEmpty()) {
        *error = QStringLiteral("timeout (coreutils) not found");
        return false;
    }
    const QString socket = m_dir.filePath(QStringLiteral("native"));
    m_server = QStringLiteral("unix:") + socket;

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    environment.remove(QStringLiteral("PULSE_SERVER"));
    m_pulse.setProcessEnvironment(environment);
    m_pulse.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // Bounded twice over: `timeout` ends the daemon even if the test crashes, and
    // --exit-idle-time ends it soon after its last client is gone.
    const QStringList arguments {
        QStringLiteral("300"),
        pulseaudio,
        QStringLiteral("-n"),
        QStringLiteral("--daemonize=no"),
        QStringLiteral("--use-pid-file=no"),
        QStringLiteral("--exit-idle-time=20"),
        QStringLiteral("--disable-shm=yes"),
        QStringLiteral("--log-target=stderr"),
        QStringLiteral("--log-level=error"),
        QStringLiteral("-L"),
        QStringLiteral("module-native-protocol-unix auth-anonymous=1 socket=") + socket,
        QStringLiteral("-L"),
        QStringLiteral("module-null-sink sink_name=") + NullSinkId
                + QStringLiteral(" rate=48000 channels=1 sink_properties=device.description=")
                + NullSink,
        QStringLiteral("-L"),
        QStringLiteral("module-remap-source master=") + NullSinkId
                + QStringLiteral(".monitor source_name=") + LoopSourceId
                + QStringLiteral(" source_properties=device.description=") + LoopSource,
    };
    m_pulse.start(timeout, arguments);
    if (!m_pulse.waitForStarted(5000)) {
        *error = m_pulse.errorString();
        return false;
    }
    const QDeadlineTimer deadline(10000);
    bool ready = false;
    while (!ready && !deadline.hasExpired() && m_pulse.state() == QProcess::Running) {
        ready = pactl({ QStringLiteral("info") });
        if (!ready)
            QTest::qWait(100);
    }
    if (!ready) {
        *error = QStringLiteral("the private PulseAudio daemon did not come up within 10 s");
        return false;
    }
    if (!pactl({ QStringLiteral("set-default-sink"), NullSinkId })
        || !pactl({ QStringLiteral("set-default-source"), LoopSourceId })) {
        *error = QStringLiteral("could not set the default sink and source");
        return false;
    }
    qputenv("PULSE_SERVER", m_server.toUtf8());
    qputenv("HOME", m_dir.path().toUtf8());
    return true;
}

void PulseAudioFixture::stop()
{
    if (m_pulse.state() != QProcess::NotRunning) {
        m_pulse.terminate();
        if (!m_pulse.waitForFinished(5000)) {
            m_pulse.kill();
            m_pulse.waitForFinished(2000);
        }
    }
}

bool PulseAudioFixture::pactl(const QStringList &arguments, QString *output)
{
    QProcess process;
    process.start(QStringLiteral("pactl"),
                  QStringList { QStringLiteral("--server=") + m_server } + arguments);
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(1000);
        return false;
    }
    if (output)
        *output = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool PulseAudioFixture::loadNullSink(const QString &id, const QString &description, QString *module)
{
    return pactl({ QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                   QStringLiteral("sink_name=") + id,
                   QStringLiteral("sink_properties=device.description=") + description },
                 module);
}

bool PulseAudioFixture::unloadModule(const QString &module)
{
    return pactl({ QStringLiteral("unload-module"), module });
}

QString PulseAudioFixture::filePath(const QString &name) const
{
    return m_dir.filePath(name);
}

} // namespace TestSupport
