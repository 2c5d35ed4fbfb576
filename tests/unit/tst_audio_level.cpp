// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Level metering and volume: AudioLevelMeter and AudioGain on known signals (silence,
// full-scale square, sines at known amplitudes) against their dBFS values worked out by
// hand; then MediaEngine's input meter (the settings' microphone meter) on a tone source
// and a WAV file, through the media thread.

#include "MediaEngine.h"
#include "audio/WavFileSink.h"
#include "dsp/AudioGain.h"
#include "dsp/AudioLevelMeter.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <numbers>
#include <vector>

using Media::AudioGain;
using Media::AudioLevel;
using Media::AudioLevelMeter;

namespace {

constexpr int Rate = 48000;
constexpr int FrameSamples = Rate / 50;
constexpr double Tolerance = 0.05; // dB
constexpr int Timeout = 10000;

std::vector<int16_t> sine(double amplitude, double hz, int samples)
{
    std::vector<int16_t> out(std::size_t(samples), 0);
    for (int i = 0; i < samples; ++i)
        out[std::size_t(i)] = int16_t(
                std::lround(amplitude * std::sin(2.0 * std::numbers::pi * hz * i / Rate)));
    return out;
}

AudioLevel levelOf(const std::vector<int16_t> &samples)
{
    AudioLevelMeter meter;
    meter.add(samples);
    return meter.take();
}

} // namespace

class TestAudioLevel : public QObject
{
    Q_OBJECT
private slots:
    void silence();
    void fullScaleSquare();
    void sines_data();
    void sines();
    void accumulatesUntilTaken();
    void gainScalesLevel_data();
    void gainScalesLevel();
    void gainSaturates();
    void gainEdgeCases();
    void engineInputMeterTone();
    void engineInputMeterWavAndGain();
    void engineInputMeterBadSource();
};

void TestAudioLevel::silence()
{
    const AudioLevel level = levelOf(std::vector<int16_t>(FrameSamples, 0));
    QCOMPARE(level.rmsDbfs, AudioLevel::FloorDbfs);
    QCOMPARE(level.peakDbfs, AudioLevel::FloorDbfs);
    AudioLevelMeter empty;
    QVERIFY(empty.isEmpty());
    QCOMPARE(empty.take().rmsDbfs, AudioLevel::FloorDbfs);
    // One LSB: 20 log10(1/32768) = -90.31 dBFS, above the floor.
    std::vector<int16_t> lsb(FrameSamples, 1);
    QVERIFY(std::abs(levelOf(lsb).rmsDbfs + 90.309) < Tolerance);
}

void TestAudioLevel::fullScaleSquare()
{
    std::vector<int16_t> square(FrameSamples);
    for (int i = 0; i < FrameSamples; ++i)
        square[std::size_t(i)] = (i / 24) % 2 ? int16_t(-32768) : int16_t(32767);
    const AudioLevel level = levelOf(square);
    // RMS is relative to a full-scale square wave: 0 dBFS (within an LSB).
    QVERIFY2(std::abs(level.rmsDbfs) < 0.001, qPrintable(QString::number(level.rmsDbfs)));
    QVERIFY2(std::abs(level.peakDbfs) < 0.001, qPrintable(QString::number(level.peakDbfs)));
}

void TestAudioLevel::sines_data()
{
    QTest::addColumn<double>("amplitude");
    QTest::addColumn<double>("rms");
    QTest::addColumn<double>("peak");
    // A sine's RMS is its peak / sqrt(2): 3.01 dB below its peak.
    QTest::newRow("full scale") << 32767.0 << -3.0106 << -0.0003;
    QTest::newRow("half (-6 dB)") << 16384.0 << -9.0309 << -6.0206;
    QTest::newRow("quarter (tone: sources)") << 8192.0 << -15.0515 << -12.0412;
    QTest::newRow("-40 dB") << 327.68 << -43.0103 << -40.0;
}

void TestAudioLevel::sines()
{
    QFETCH(double, amplitude);
    QFETCH(double, rms);
    QFETCH(double, peak);
    // 1 kHz: 48 samples a period, so the peak sample sits on the crest exactly.
    const AudioLevel level = levelOf(sine(amplitude, 1000.0, FrameSamples * 5));
    QVERIFY2(std::abs(level.rmsDbfs - rms) < Tolerance, qPrintable(QString::number(level.rmsDbfs)));
    QVERIFY2(std::abs(level.peakDbfs - peak) < Tolerance,
             qPrintable(QString::number(level.peakDbfs)));
}

void TestAudioLevel::accumulatesUntilTaken()
{
    AudioLevelMeter meter;
    // A loud frame then a silent one: the RMS is over both (half the power: -3 dB), the
    // peak is the loud frame's.
    meter.add(sine(16384.0, 1000.0, FrameSamples));
    meter.add(std::vector<int16_t>(FrameSamples, 0));
    const AudioLevel both = meter.take();
    QVERIFY(std::abs(both.rmsDbfs - (-9.0309 - 3.0103)) < Tolerance);
    QVERIFY(std::abs(both.peakDbfs - -6.0206) < Tolerance);
    // take() starts over.
    QVERIFY(meter.isEmpty());
    meter.add(std::vector<int16_t>(FrameSamples, 0));
    QCOMPARE(meter.take().peakDbfs, AudioLevel::FloorDbfs);
}

void TestAudioLevel::gainScalesLevel_data()
{
    QTest::addColumn<double>("gain");
    QTest::newRow("x0.5 (-6.02 dB)") << 0.5;
    QTest::newRow("x0.1 (-20 dB)") << 0.1;
    QTest::newRow("x1.5 (+3.52 dB)") << 1.5;
    QTest::newRow("x2 (+6.02 dB)") << 2.0;
}

void TestAudioLevel::gainScalesLevel()
{
    QFETCH(double, gain);
    std::vector<int16_t> samples = sine(8192.0, 1000.0, FrameSamples);
    const AudioLevel before = levelOf(samples);
    AudioGain::apply(samples, gain);
    const AudioLevel after = levelOf(samples);
    const double expected = AudioGain::toDecibels(gain);
    QVERIFY2(std::abs(after.rmsDbfs - before.rmsDbfs - expected) < Tolerance,
             qPrintable(QStringLiteral("%1 dB, expected %2")
                                .arg(after.rmsDbfs - before.rmsDbfs)
                                .arg(expected)));
    QVERIFY(std::abs(after.peakDbfs - before.peakDbfs - expected) < Tolerance);
}

void TestAudioLevel::gainSaturates()
{
    std::vector<int16_t> samples = { 20000, -20000, 10000, -10000, 0 };
    AudioGain::apply(samples, 2.0);
    const std::vector<int16_t> expected = { 32767, -32768, 20000, -20000, 0 };
    QCOMPARE(samples, expected);
    // Above MaxGain is clamped to it.
    std::vector<int16_t> quiet = { 100, -100 };
    AudioGain::apply(quiet, 100.0);
    QCOMPARE(quiet, (std::vector<int16_t> { 400, -400 }));
}

void TestAudioLevel::gainEdgeCases()
{
    const std::vector<int16_t> original = sine(12345.0, 440.0, FrameSamples);
    std::vector<int16_t> samples = original;
    AudioGain::apply(samples, 1.0);
    QCOMPARE(samples, original); // unity leaves every sample alone
    AudioGain::apply(samples, 0.0);
    QCOMPARE(levelOf(samples).peakDbfs, AudioLevel::FloorDbfs);
    samples = original;
    AudioGain::apply(samples, -3.0); // negative clamps to 0, never inverts
    QCOMPARE(levelOf(samples).peakDbfs, AudioLevel::FloorDbfs);
    QVERIFY(std::isinf(AudioGain::toDecibels(0.0)));
}

void TestAudioLevel::engineInputMeterTone()
{
    qRegisterMetaType<Media::AudioLevels>();
    Media::MediaEngine engine;
    QSignalSpy levels(&engine, &Media::MediaEngine::audioLevels);
    engine.startInputMeter(QStringLiteral("mic"), QStringLiteral("tone:1000"));
    // About 10 readings a second: wait for 5 (bounded).
    QTRY_VERIFY_WITH_TIMEOUT(levels.size() >= 5, Timeout);
    engine.stopInputMeter(QStringLiteral("mic"));
    // The second reading on is a full 100 ms of the tone: a quarter of full scale.
    for (int i = 1; i < levels.size(); ++i) {
        QCOMPARE(levels.at(i).at(0).toString(), QStringLiteral("mic"));
        const auto reading = levels.at(i).at(1).value<Media::AudioLevels>();
        QVERIFY2(std::abs(reading.input.rmsDbfs - -15.05) < 0.3,
                 qPrintable(QString::number(reading.input.rmsDbfs)));
        QVERIFY2(std::abs(reading.input.peakDbfs - -12.04) < 0.3,
                 qPrintable(QString::number(reading.input.peakDbfs)));
        QCOMPARE(reading.output.peakDbfs, AudioLevel::FloorDbfs);
    }
    // Stopped: no more readings.
    QTest::qWait(300);
    const qsizetype count = levels.size();
    QTest::qWait(300);
    QCOMPARE(levels.size(), count);
}

void TestAudioLevel::engineInputMeterWavAndGain()
{
    qRegisterMetaType<Media::AudioLevels>();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("mic.wav"));
    {
        // Two seconds of a -20 dBFS-peak sine (3276.8).
        Media::WavFileSink sink;
        QVERIFY(sink.open(file, Media::AudioFormat { Rate, 1 }));
        for (int frame = 0; frame < 100; ++frame)
            QVERIFY(sink.writeFrame(sine(3276.8, 1000.0, FrameSamples)));
        sink.close();
    }
    Media::MediaEngine engine;
    QSignalSpy levels(&engine, &Media::MediaEngine::audioLevels);
    // Gain 0.5: -6.02 dB on top.
    engine.startInputMeter(QStringLiteral("mic"), QStringLiteral("wav:") + file, 0.5);
    QTRY_VERIFY_WITH_TIMEOUT(levels.size() >= 4, Timeout);
    engine.stopInputMeter(QStringLiteral("mic"));
    const auto reading = levels.at(2).at(1).value<Media::AudioLevels>();
    QVERIFY2(std::abs(reading.input.peakDbfs - -26.02) < 0.3,
             qPrintable(QString::number(reading.input.peakDbfs)));
    QVERIFY2(std::abs(reading.input.rmsDbfs - -29.03) < 0.3,
             qPrintable(QString::number(reading.input.rmsDbfs)));
}

void TestAudioLevel::engineInputMeterBadSource()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Media::MediaEngine engine;
    QSignalSpy failed(&engine, &Media::MediaEngine::requestFailed);
    QSignalSpy levels(&engine, &Media::MediaEngine::audioLevels);
    engine.startInputMeter(QStringLiteral("mic"),
                           QStringLiteral("wav:") + dir.filePath(QStringLiteral("missing.wav")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, Timeout);
    QCOMPARE(failed.first().at(0).toString(), QStringLiteral("mic"));
    QTest::qWait(200);
    QVERIFY(levels.isEmpty());
}

QTEST_GUILESS_MAIN(TestAudioLevel)
#include "tst_audio_level.moc"
