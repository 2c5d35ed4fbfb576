// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace TestSupport {

/// A private PulseAudio daemon for tests that play and record through a real sound server
/// (pulseaudio and pactl come from `scripts/deps test`). Its socket lives in a temporary
/// directory, so a developer's own sound server is never touched. The daemon has a null sink
/// (the default sink) and a source re-exporting that sink's monitor (the default source),
/// because Qt Multimedia hides monitor sources and tests need to record what was played.
class PulseAudioFixture
{
public:
    // Device descriptions (what Qt Multimedia lists) and PulseAudio names of the two devices.
    static inline const QString NullSink = QStringLiteral("ParloNull");
    static inline const QString NullSinkId = QStringLiteral("parlo_null");
    static inline const QString LoopSource = QStringLiteral("ParloLoop");
    static inline const QString LoopSourceId = QStringLiteral("parlo_loop");

    PulseAudioFixture();
    ~PulseAudioFixture();
    PulseAudioFixture(const PulseAudioFixture &) = delete;
    PulseAudioFixture &operator=(const PulseAudioFixture &) = delete;

    /// Starts the daemon, waits until it answers and makes it the sound server of this
    /// process (PULSE_SERVER, HOME). Call before anything uses Qt Multimedia: it reads
    /// PULSE_SERVER when first used. False with `error` set when it could not.
    bool start(QString *error);
    /// Ends the daemon (also done by the destructor).
    void stop();

    /// Runs `pactl` against the daemon; `output` gets its trimmed standard output.
    bool pactl(const QStringList &arguments, QString *output = nullptr);
    /// Adds a null sink; `module` gets the module index to unload it with.
    bool loadNullSink(const QString &id, const QString &description, QString *module);
    bool unloadModule(const QString &module);

    /// A file in the fixture's temporary directory (which is also the daemon's HOME).
    QString filePath(const QString &name) const;

private:
    QTemporaryDir m_dir;
    QProcess m_pulse;
    QString m_server;
};

} // namespace TestSupport
