// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Tone players (ringtone, ringback, busy, DTMF feedback): TonePlayer in virtual time, checked
// sample by sample from the WAV file it wrote; then the same through MediaEngine's thread
// (startTone / stopTone and their signals).

#include "MediaEngine.h"
#include "TonePlayer.h"
#include "WavSamples.h"
#include "audio/EndpointFactory.h"
#include "dsp/Goertzel.h"
#include "dsp/ToneGenerator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using Media::Goertzel;
using Media::ToneGenerator;
using Media::TonePlayer;

using TestSupport::readWavSamples;

namespace {

// Mean absolute amplitude of samples [fromMs, toMs) at 48 kHz mono.
double level(const std::vector<int16_t> &samples, int fromMs, int toMs)
{
    const std::size_t from = std::size_t(fromMs) * 48;
    const std::size_t to = std::min(samples.size(), std::size_t(toMs) * 48);
    if (to <= from)
        return 0.0;
    double sum = 0.0;
    for (std::size_t i = from; i < to; ++i)
        sum += std::abs(double(samples[i]));
    return sum / double(to - from);
}

double share(const std::vector<int16_t> &samples, int fromMs, int toMs, double frequency)
{
    const std::size_t from = std::size_t(fromMs) * 48;
    const int count = int(std::min(samples.size(), std::size_t(toMs) * 48) - from);
    return Goertzel::relativePower(samples.data() + from, count, frequency, 48000);
}

} // namespace

class TestTonePlayer : public QObject
{
    Q_OBJECT

private slots:
    void ringbackCadenceInVirtualTime();
    void busyCadence();
    void dtmfToneStopsAfterItsDuration();
    void badSinkFails();
    void engineStartsAndStopsTones();
    void engineRestartsAToneOfTheSameName();

private:
    QTemporaryDir m_dir;
};

void TestTonePlayer::ringbackCadenceInVirtualTime()
{
    const QString path = m_dir.filePath(QStringLiteral("ringback.wav"));
    TonePlayer player(QStringLiteral("ringback"), ToneGenerator::ringbackEu(), 0);
    player.setManualClock(true);
    QVERIFY(player.start(Media::EndpointFactory(), QStringLiteral("wav:") + path));
    // 6 s: 1 s on, 4 s off, 1 s on again (ETSI 425 Hz ringing tone).
    for (int i = 0; i < 300; ++i)
        player.advanceClock(20000);
    QVERIFY(player.isPlaying());
    player.stop();

    Media::AudioFormat format;
    const std::vector<int16_t> samples = readWavSamples(path, &format);
    QCOMPARE(format.sampleRate, 48000);
    QCOMPARE(format.channels, 1);
    // Frame 0 at start plus one per 20 ms: 301 frames.
    QCOMPARE(int(samples.size()), 301 * 960);
    QVERIFY(level(samples, 20, 980) > 4000.0);
    QVERIFY(share(samples, 20, 980, 425.0) > 0.9);
    QCOMPARE(level(samples, 1020, 4980), 0.0);
    QVERIFY(level(samples, 5020, 5980) > 4000.0);
    QVERIFY(share(samples, 5020, 5980, 425.0) > 0.9);
}

void TestTonePlayer::busyCadence()
{
    const QString path = m_dir.filePath(QStringLiteral("busy.wav"));
    TonePlayer player(QStringLiteral("busy"), ToneGenerator::busyUs(), 0);
    player.setManualClock(true);
    QVERIFY(player.start(Media::EndpointFactory(), QStringLiteral("wav:") + path));
    for (int i = 0; i < 100; ++i)
        player.advanceClock(20000);
    player.stop();
    const std::vector<int16_t> samples = readWavSamples(path);
    // 480 + 620 Hz, 0.5 s on, 0.5 s off.
    QVERIFY(level(samples, 20, 480) > 4000.0);
    QVERIFY(share(samples, 20, 480, 480.0) > 0.3);
    QVERIFY(share(samples, 20, 480, 620.0) > 0.3);
    QCOMPARE(level(samples, 520, 980), 0.0);
    QVERIFY(level(samples, 1020, 1480) > 4000.0);
}

void TestTonePlayer::dtmfToneStopsAfterItsDuration()
{
    const QString path = m_dir.filePath(QStringLiteral("dtmf.wav"));
    const auto tone = ToneGenerator::dtmf('5');
    QVERIFY(tone);
    TonePlayer player(QStringLiteral("dtmf"), *tone, 100);
    player.setManualClock(true);
    QSignalSpy finished(&player, &TonePlayer::finished);
    QVERIFY(player.start(Media::EndpointFactory(), QStringLiteral("wav:") + path));
    for (int i = 0; i < 20 && player.isPlaying(); ++i)
        player.advanceClock(20000);
    QCOMPARE(finished.count(), 1);
    QVERIFY(!player.isPlaying());
    const std::vector<int16_t> samples = readWavSamples(path);
    QCOMPARE(int(samples.size()), 5 * 960); // exactly 100 ms
    // '5': 770 Hz (row) + 1336 Hz (column), ITU-T Q.23.
    QVERIFY(share(samples, 0, 100, 770.0) > 0.3);
    QVERIFY(share(samples, 0, 100, 1336.0) > 0.3);
}

void TestTonePlayer::badSinkFails()
{
    TonePlayer player(QStringLiteral("x"), ToneGenerator::busyEu(), 0);
    QString error;
    QVERIFY(!player.start(Media::EndpointFactory(), QStringLiteral("nosuchscheme:x"), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!player.isPlaying());
}

void TestTonePlayer::engineStartsAndStopsTones()
{
    const QString path = m_dir.filePath(QStringLiteral("engine.wav"));
    Media::MediaEngine engine;
    QSignalSpy started(&engine, &Media::MediaEngine::toneStarted);
    QSignalSpy stopped(&engine, &Media::MediaEngine::toneStopped);
    QSignalSpy failed(&engine, &Media::MediaEngine::toneFailed);

    engine.startTone(QStringLiteral("ring"), ToneGenerator::ringbackEu(),
                     QStringLiteral("wav:") + path);
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
    QCOMPARE(started.at(0).at(0).toString(), QStringLiteral("ring"));
    QTest::qWait(200);
    engine.stopTone(QStringLiteral("ring"));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    QCOMPARE(stopped.at(0).at(0).toString(), QStringLiteral("ring"));
    // The file is complete once stopped: some 425 Hz from the first on-burst.
    const std::vector<int16_t> samples = readWavSamples(path);
    QVERIFY(samples.size() >= 960u * 2);
    QVERIFY(Goertzel::relativePower(samples.data(), int(samples.size()), 425.0, 48000) > 0.9);

    // A timed tone ends by itself; a bad sink fails.
    engine.startTone(QStringLiteral("key"), *ToneGenerator::dtmf('1'), QStringLiteral("null"), 60);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 2, 5000);
    QCOMPARE(stopped.at(1).at(0).toString(), QStringLiteral("key"));
    engine.startTone(QStringLiteral("bad"), ToneGenerator::busyEu(), QStringLiteral("nosuch:x"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 5000);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("bad"));
    // Stopping a tone that is not playing reports nothing.
    engine.stopTone(QStringLiteral("never"));
    QTest::qWait(100);
    QCOMPARE(stopped.count(), 2);
}

void TestTonePlayer::engineRestartsAToneOfTheSameName()
{
    Media::MediaEngine engine;
    QSignalSpy started(&engine, &Media::MediaEngine::toneStarted);
    QSignalSpy stopped(&engine, &Media::MediaEngine::toneStopped);
    engine.startTone(QStringLiteral("dtmf"), *ToneGenerator::dtmf('1'), QStringLiteral("null"));
    engine.startTone(QStringLiteral("dtmf"), *ToneGenerator::dtmf('2'), QStringLiteral("null"));
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 5000);
    engine.stopTone(QStringLiteral("dtmf"));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    QTest::qWait(100);
    QCOMPARE(stopped.count(), 1); // one player at a time per name
}

QTEST_GUILESS_MAIN(TestTonePlayer)
#include "tst_tone_player.moc"
