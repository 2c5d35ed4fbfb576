// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Plays through and records from a real sound server: a private PulseAudio daemon with a
// null sink, started and stopped by this test (pulseaudio and pactl come from
// `scripts/deps test`). Its socket lives in a temporary directory, so it never touches a
// developer's own sound server.

#include "audio/ToneSource.h"
#include "audio/qt/QtAudioInput.h"
#include "audio/qt/QtAudioOutput.h"
#include "dsp/Goertzel.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using Media::AudioFormat;
using Media::AudioSource;
using Media::Goertzel;
using Media::QtAudioEndpoint;
using Media::QtAudioInput;
using Media::QtAudioOutput;

namespace {

const QString NullSink = QStringLiteral("ParloNull");
// Qt Multimedia hides monitor sources, so the null sink's monitor is re-exported as an
// ordinary source (module-remap-source) to record what was played.
const QString LoopSource = QStringLiteral("ParloLoop");
const QString LoopSourceId = QStringLiteral("parlo_loop");

} // namespace

class TestAudioQt : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listsDevices();
    void playToneAndRecordMonitor();
    void fallsBackWhenDeviceDisappears();
    void unknownDeviceMeansDefault();
    void playbackQueueIsBounded();

private:
    bool pactl(const QStringList &arguments, QString *output = nullptr);

    QTemporaryDir m_dir { QStringLiteral(
            "/tmp/parlo-pa-XXXXXX") }; // short: unix socket paths are limited
    QProcess m_pulse;
    QString m_server;
};

bool TestAudioQt::pactl(const QStringList &arguments, QString *output)
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

void TestAudioQt::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString pulseaudio = QStandardPaths::findExecutable(QStringLiteral("pulseaudio"));
    QVERIFY2(!pulseaudio.isEmpty(), "pulseaudio not found; `scripts/deps test` installs it");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("pactl")).isEmpty(),
             "pactl not found; `scripts/deps test` installs pulseaudio-utils");

    const QString socket = m_dir.filePath(QStringLiteral("native"));
    m_server = QStringLiteral("unix:") + socket;

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), m_dir.path());
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    environment.remove(QStringLiteral("PULSE_SERVER"));
    m_pulse.setProcessEnvironment(environment);
    m_pulse.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // Bounded twice over: `timeout` ends the daemon even if this test crashes, and
    // --exit-idle-time ends it soon after its last client (us) is gone.
    QStringList arguments {
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
        QStringLiteral("module-null-sink sink_name=parlo_null rate=48000 channels=1 "
                       "sink_properties=device.description=")
                + NullSink,
        QStringLiteral("-L"),
        QStringLiteral("module-remap-source master=parlo_null.monitor source_name=parlo_loop "
                       "source_properties=device.description=")
                + LoopSource
    };
    const QString timeout = QStandardPaths::findExecutable(QStringLiteral("timeout"));
    if (!timeout.isEmpty()) {
        arguments.prepend(pulseaudio);
        arguments.prepend(QStringLiteral("300"));
        m_pulse.start(timeout, arguments);
    } else {
        m_pulse.start(pulseaudio, arguments);
    }
    QVERIFY2(m_pulse.waitForStarted(5000), qPrintable(m_pulse.errorString()));

    const QDeadlineTimer deadline(10000);
    bool ready = false;
    while (!ready && !deadline.hasExpired() && m_pulse.state() == QProcess::Running) {
        ready = pactl({ QStringLiteral("info") });
        if (!ready)
            QTest::qWait(100);
    }
    QVERIFY2(ready, "the private PulseAudio daemon did not come up within 10 s");
    QVERIFY(pactl({ QStringLiteral("set-default-sink"), QStringLiteral("parlo_null") }));
    QVERIFY(pactl({ QStringLiteral("set-default-source"), LoopSourceId }));

    // Only now may Qt Multimedia connect: it reads PULSE_SERVER when first used.
    qputenv("PULSE_SERVER", m_server.toUtf8());
    qputenv("HOME", m_dir.path().toUtf8());
}

void TestAudioQt::cleanupTestCase()
{
    if (m_pulse.state() != QProcess::NotRunning) {
        m_pulse.terminate();
        if (!m_pulse.waitForFinished(5000)) {
            m_pulse.kill();
            m_pulse.waitForFinished(2000);
        }
    }
}

void TestAudioQt::listsDevices()
{
    QTRY_VERIFY_WITH_TIMEOUT(
            QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Output).contains(NullSink),
            5000);
    QVERIFY(!QtAudioEndpoint::findDevice(QtAudioEndpoint::Direction::Output, NullSink).isNull());
    QVERIFY(!QtAudioEndpoint::findDevice(QtAudioEndpoint::Direction::Output,
                                         QStringLiteral("parlo_null"))
                     .isNull());
    QVERIFY(QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Input).contains(LoopSource));
    QVERIFY(!QtAudioEndpoint::findDevice(QtAudioEndpoint::Direction::Input, LoopSourceId).isNull());
    QVERIFY(QtAudioEndpoint::findDevice(QtAudioEndpoint::Direction::Output,
                                        QStringLiteral("no such device"))
                    .isNull());
}

void TestAudioQt::playToneAndRecordMonitor()
{
    // Both sides convert: the engine runs at 8 kHz (playback) and 16 kHz (capture) while the
    // devices run at 48 kHz, so the Resampler and the ring are in the path both ways.
    const AudioFormat playFormat { 8000, 1 };
    const AudioFormat recordFormat { 16000, 1 };
    // Generous device buffers: CI runs this next to CPU-heavy tests, and a starved event
    // loop must not turn into gaps in the recording.
    QtAudioOutput output(playFormat);
    output.setDeviceSampleRate(48000);
    output.setBufferDurationMs(200);
    QVERIFY2(output.start(NullSink), qPrintable(output.lastError()));
    QCOMPARE(output.currentDeviceName(), NullSink);
    QCOMPARE(output.deviceFormat().sampleRate(), 48000);

    QtAudioInput input(recordFormat);
    input.setDeviceSampleRate(48000);
    input.setBufferDurationMs(200);
    QVERIFY2(input.start(LoopSourceId), qPrintable(input.lastError()));
    QCOMPARE(input.currentDeviceName(), LoopSource);
    QCOMPARE(input.deviceFormat().sampleRate(), 48000);

    // The media thread: paced by the clock like the real one, 20 ms per frame, a few frames
    // ahead on playback; records whatever capture has.
    constexpr int RecordFrames = 100; // 2 s
    std::vector<int16_t> recorded;
    recorded.reserve(std::size_t(RecordFrames * recordFormat.frameLength()));
    std::atomic<bool> stop { false };
    std::atomic<int> framesRecorded { 0 };
    std::thread media([&] {
        Media::ToneSource tone(playFormat, Media::ToneGenerator::sine(440.0, 0.3));
        std::vector<int16_t> playFrame(std::size_t(playFormat.frameLength()));
        std::vector<int16_t> recordFrame(std::size_t(recordFormat.frameLength()));
        const auto start = std::chrono::steady_clock::now();
        int played = 0;
        while (!stop.load()) {
            const auto elapsed = std::chrono::steady_clock::now() - start;
            const int due = int(elapsed / std::chrono::milliseconds(20)) + 8;
            while (played < due) {
                tone.readFrame(playFrame);
                output.writeFrame(playFrame);
                ++played;
            }
            while (framesRecorded.load() < RecordFrames
                   && input.readFrame(recordFrame) == AudioSource::ReadResult::Frame) {
                recorded.insert(recorded.end(), recordFrame.begin(), recordFrame.end());
                framesRecorded.fetch_add(1);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    const QDeadlineTimer deadline(8000);
    while (framesRecorded.load() < RecordFrames && !deadline.hasExpired())
        QTest::qWait(20);
    stop = true;
    media.join();
    QVERIFY2(framesRecorded.load() == RecordFrames,
             qPrintable(QStringLiteral("recorded %1 of %2 frames in 8 s")
                                .arg(framesRecorded.load())
                                .arg(RecordFrames)));

    // The last second must be the tone (playback starts within the first second). Judged in
    // 100 ms windows so that a scheduling hiccup on a loaded machine, which costs a window,
    // does not hide whether the tone got through: most windows must be clean 440 Hz.
    const int rate = recordFormat.sampleRate;
    const int window = rate / 10;
    const int16_t *tail = recorded.data() + recorded.size() - std::size_t(10 * window);
    int clean = 0;
    std::vector<double> amplitudes;
    for (int w = 0; w < 10; ++w) {
        const int16_t *block = tail + w * window;
        const double dominant
                = Goertzel::dominantFrequency(block, window, rate, 100.0, 2000.0, 5.0);
        const double share = Goertzel::relativePower(block, window, 440.0, rate);
        amplitudes.push_back(Goertzel::amplitude(block, window, 440.0, rate));
        qInfo("window %d: dominant %.0f Hz, 440 Hz share %.3f, amplitude %.0f", w, dominant, share,
              amplitudes.back());
        if (std::abs(dominant - 440.0) <= 5.0 && share > 0.9)
            ++clean;
    }
    std::sort(amplitudes.begin(), amplitudes.end());
    const double amplitude = amplitudes[5];
    qInfo("%d of 10 windows clean, median amplitude %.0f (sent %.0f); underruns %d, overruns %d",
          clean, amplitude, 0.3 * 32767, output.underruns(), input.overruns());
    QVERIFY2(clean >= 7,
             qPrintable(QStringLiteral("%1 of 10 windows hold a clean 440 Hz tone").arg(clean)));
    QVERIFY2(amplitude > 0.8 * 0.3 * 32767 && amplitude < 1.2 * 0.3 * 32767,
             qPrintable(QString::number(amplitude)));

    output.stop();
    input.stop();
    QVERIFY(!output.isRunning());
    QVERIFY(!input.isRunning());
}

void TestAudioQt::fallsBackWhenDeviceDisappears()
{
    QString module;
    QVERIFY(pactl({ QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                    QStringLiteral("sink_name=parlo_extra"),
                    QStringLiteral("sink_properties=device.description=ParloExtra") },
                  &module));
    QTRY_VERIFY_WITH_TIMEOUT(QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Output)
                                     .contains(QStringLiteral("ParloExtra")),
                             5000);

    QtAudioOutput output({ 48000, 1 });
    QSignalSpy devicesChanged(&output, &QtAudioEndpoint::devicesChanged);
    QSignalSpy fallback(&output, &QtAudioEndpoint::deviceFallback);
    QSignalSpy current(&output, &QtAudioEndpoint::currentDeviceChanged);
    QVERIFY2(output.start(QStringLiteral("ParloExtra")), qPrintable(output.lastError()));
    QCOMPARE(output.currentDeviceName(), QStringLiteral("ParloExtra"));
    QCOMPARE(current.count(), 1);

    QVERIFY(pactl({ QStringLiteral("unload-module"), module }));
    QTRY_COMPARE_WITH_TIMEOUT(fallback.count(), 1, 5000);
    QCOMPARE(fallback.at(0).at(0).toString(), QStringLiteral("ParloExtra"));
    QCOMPARE(fallback.at(0).at(1).toString(), NullSink);
    QVERIFY(output.isRunning());
    QCOMPARE(output.currentDeviceName(), NullSink);
    QVERIFY(devicesChanged.count() >= 1);
    QCOMPARE(output.requestedDevice(), QStringLiteral("ParloExtra"));

    // The chosen device comes back: the endpoint returns to it.
    QVERIFY(pactl({ QStringLiteral("load-module"), QStringLiteral("module-null-sink"),
                    QStringLiteral("sink_name=parlo_extra"),
                    QStringLiteral("sink_properties=device.description=ParloExtra") },
                  &module));
    QTRY_COMPARE_WITH_TIMEOUT(output.currentDeviceName(), QStringLiteral("ParloExtra"), 5000);
    QCOMPARE(fallback.count(), 1);
    output.stop();
    QVERIFY(pactl({ QStringLiteral("unload-module"), module }));
}

void TestAudioQt::unknownDeviceMeansDefault()
{
    QtAudioInput input({ 16000, 1 });
    QVERIFY2(input.start(QStringLiteral("a device that is not there")),
             qPrintable(input.lastError()));
    QCOMPARE(input.currentDeviceName(), LoopSource); // the default source
    std::vector<int16_t> wrong(7);
    QCOMPARE(input.readFrame(wrong), AudioSource::ReadResult::Error);
}

void TestAudioQt::playbackQueueIsBounded()
{
    // Not started: nothing drains the ring, so a media thread running ahead hits its bound
    // (RingMs) and frames are dropped whole and counted, never blocking.
    const AudioFormat format { 48000, 1 };
    QtAudioOutput output(format);
    std::vector<int16_t> frame(std::size_t(format.frameLength()), 1000);
    const int fit = QtAudioEndpoint::RingMs / AudioFormat::FrameDurationMs;
    for (int i = 0; i < fit; ++i)
        QVERIFY(output.writeFrame(frame));
    QVERIFY(!output.writeFrame(frame));
    QCOMPARE(output.overruns(), format.frameLength());
    std::vector<int16_t> wrong(5);
    QVERIFY(!output.writeFrame(wrong));
    QVERIFY(output.errorString().contains(QStringLiteral("expected 960")));
}

QTEST_GUILESS_MAIN(TestAudioQt)
#include "tst_audio_qt.moc"
