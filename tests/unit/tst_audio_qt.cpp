// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Plays through and records from a real sound server: a private PulseAudio daemon with a
// null sink, started and stopped by this test (pulseaudio and pactl come from
// `scripts/deps test`). Its socket lives in a temporary directory, so it never touches a
// developer's own sound server.

#include "PulseAudioFixture.h"
#include "audio/ToneSource.h"
#include "audio/qt/QtAudioInput.h"
#include "audio/qt/QtAudioOutput.h"
#include "dsp/Goertzel.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
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

using TestSupport::PulseAudioFixture;
const QString NullSink = PulseAudioFixture::NullSink;
// The null sink's monitor, re-exported as an ordinary source to record what was played.
const QString LoopSource = PulseAudioFixture::LoopSource;
const QString LoopSourceId = PulseAudioFixture::LoopSourceId;
const QString ExtraSink = QStringLiteral("ParloExtra");
const QString ExtraSinkId = QStringLiteral("parlo_extra");

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
    PulseAudioFixture m_pulse;
};

void TestAudioQt::initTestCase()
{
    QString error;
    QVERIFY2(m_pulse.start(&error), qPrintable(error));
}

void TestAudioQt::cleanupTestCase()
{
    m_pulse.stop();
}

void TestAudioQt::listsDevices()
{
    QTRY_VERIFY_WITH_TIMEOUT(
            QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Output).contains(NullSink),
            5000);
    QVERIFY(!QtAudioEndpoint::findDevice(QtAudioEndpoint::Direction::Output, NullSink).isNull());
    QVERIFY(!QtAudioEndpoint::findDevice(QtAudioEndpoint::Direction::Output,
                                         PulseAudioFixture::NullSinkId)
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
    QVERIFY(m_pulse.loadNullSink(ExtraSinkId, ExtraSink, &module));
    QTRY_VERIFY_WITH_TIMEOUT(
            QtAudioEndpoint::deviceNames(QtAudioEndpoint::Direction::Output).contains(ExtraSink),
            5000);

    QtAudioOutput output({ 48000, 1 });
    QSignalSpy devicesChanged(&output, &QtAudioEndpoint::devicesChanged);
    QSignalSpy fallback(&output, &QtAudioEndpoint::deviceFallback);
    QSignalSpy current(&output, &QtAudioEndpoint::currentDeviceChanged);
    QVERIFY2(output.start(ExtraSink), qPrintable(output.lastError()));
    QCOMPARE(output.currentDeviceName(), ExtraSink);
    QCOMPARE(current.count(), 1);

    QVERIFY(m_pulse.unloadModule(module));
    QTRY_COMPARE_WITH_TIMEOUT(fallback.count(), 1, 5000);
    QCOMPARE(fallback.at(0).at(0).toString(), ExtraSink);
    QCOMPARE(fallback.at(0).at(1).toString(), NullSink);
    QVERIFY(output.isRunning());
    QCOMPARE(output.currentDeviceName(), NullSink);
    QVERIFY(devicesChanged.count() >= 1);
    QCOMPARE(output.requestedDevice(), ExtraSink);

    // The chosen device comes back: the endpoint returns to it.
    QVERIFY(m_pulse.loadNullSink(ExtraSinkId, ExtraSink, &module));
    QTRY_COMPARE_WITH_TIMEOUT(output.currentDeviceName(), ExtraSink, 5000);
    QCOMPARE(fallback.count(), 1);
    output.stop();
    QVERIFY(m_pulse.unloadModule(module));
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
