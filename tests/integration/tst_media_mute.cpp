// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Mute, volume and level reports of a call, end to end over real sockets on 127.0.0.1 in
// real time: two MediaEngines call each other; A sends a 440 Hz tone from "tone:", B records
// what it receives to a WAV file. A is unmuted, then muted, then unmuted again: B's
// recording holds the tone, then digital silence, then the tone - while the RTP stream
// never stops (no loss, a packet every 20 ms throughout). Timeouts only bound the waits.

#include "MediaEngine.h"
#include "audio/WavFileSource.h"
#include "dsp/AudioLevelMeter.h"
#include "dsp/Goertzel.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <vector>

using namespace Media;

namespace {

constexpr int kTimeout = 10000;
constexpr int kPhaseMs = 1000; // each of: unmuted, muted, unmuted
constexpr int kMarginMs = 200; // around each switch: queueing, jitter buffer, codec delay
constexpr double kTone = 440.0;

enum class Codec { Opus, Pcmu };

MediaSessionConfig baseConfig(Codec codec)
{
    MediaSessionConfig config;
    config.localAddress = QHostAddress(QHostAddress::LocalHost);
    config.remoteAddress = QHostAddress(QHostAddress::LocalHost);
    if (codec == Codec::Opus) {
        config.codecName = QStringLiteral("opus");
        config.clockRate = 48000;
        config.channels = 2;
        config.payloadType = 111;
        config.telephoneEventClockRate = 48000;
    } else {
        config.codecName = QStringLiteral("PCMU");
        config.clockRate = 8000;
        config.payloadType = 0;
    }
    return config;
}

std::vector<int16_t> readMono(const QString &fileName, int &rate)
{
    std::vector<int16_t> samples;
    WavFileSource source;
    if (!source.open(fileName))
        return samples;
    const AudioFormat format = source.format();
    rate = format.sampleRate;
    std::vector<int16_t> frame(std::size_t(format.frameLength()));
    for (int i = 0; i < 100000 && source.readFrame(frame) == AudioSource::ReadResult::Frame; ++i) {
        for (int s = 0; s < format.frameSamples(); ++s)
            samples.push_back(frame[std::size_t(s * format.channels)]);
    }
    return samples;
}

// 20 ms windows of [fromMs, toMs) of the recording: how many hold the tone, how many are
// digital silence, and the tone's mean amplitude.
struct Span
{
    int windows = 0;
    int tone = 0;
    int silent = 0;
    double toneAmplitude = 0.0;
};

Span judge(const std::vector<int16_t> &samples, int rate, qint64 fromMs, qint64 toMs)
{
    Span span;
    const int window = rate / 50;
    double amplitudeSum = 0.0;
    for (qint64 ms = fromMs; ms + 20 <= toMs; ms += 20) {
        const std::size_t start = std::size_t(ms * rate / 1000);
        if (start + std::size_t(window) > samples.size())
            break;
        const int16_t *data = samples.data() + start;
        ++span.windows;
        AudioLevelMeter meter;
        meter.add(std::span<const int16_t>(data, std::size_t(window)));
        const AudioLevel level = meter.take();
        const double amplitude = Goertzel::amplitude(data, window, kTone, rate);
        if (amplitude > 500.0 && Goertzel::relativePower(data, window, kTone, rate) > 0.5) {
            ++span.tone;
            amplitudeSum += amplitude;
        }
        // Below -60 dBFS peak (~33): what the decoder makes of encoded digital silence.
        if (level.peakDbfs < -60.0)
            ++span.silent;
    }
    if (span.tone > 0)
        span.toneAmplitude = amplitudeSum / span.tone;
    return span;
}

} // namespace

class TestMediaMute : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void muteKeepsStream_data();
    void muteKeepsStream();
    void mutedFromStart();
    void outputVolume();

private:
    // Starts A (tone) and B (recording to `record`); `clock` starts with B's recording.
    void connectCall(MediaEngine &a, MediaSessionConfig configA, MediaEngine &b,
                     MediaSessionConfig configB, QElapsedTimer &clock);
    void stopBoth(MediaEngine &a, MediaEngine &b);
    MediaStatistics fetchStatistics(MediaEngine &engine, const QString &id);
};

void TestMediaMute::initTestCase()
{
    qRegisterMetaType<MediaStatistics>();
    qRegisterMetaType<AudioLevels>();
}

void TestMediaMute::connectCall(MediaEngine &a, MediaSessionConfig configA, MediaEngine &b,
                                MediaSessionConfig configB, QElapsedTimer &clock)
{
    QSignalSpy startedA(&a, &MediaEngine::sessionStarted);
    QSignalSpy failedA(&a, &MediaEngine::sessionFailed);
    configA.remoteRtpPort = 9; // discard, until B's port is known
    a.startSession(QStringLiteral("a"), configA);
    QTRY_VERIFY_WITH_TIMEOUT(!startedA.isEmpty() || !failedA.isEmpty(), kTimeout);
    QVERIFY2(failedA.isEmpty(), qPrintable(failedA.value(0).value(1).toString()));
    const quint16 portA = startedA.first().at(1).value<quint16>();

    QSignalSpy startedB(&b, &MediaEngine::sessionStarted);
    QSignalSpy failedB(&b, &MediaEngine::sessionFailed);
    configB.remoteRtpPort = portA;
    b.startSession(QStringLiteral("b"), configB);
    QTRY_VERIFY_WITH_TIMEOUT(!startedB.isEmpty() || !failedB.isEmpty(), kTimeout);
    QVERIFY2(failedB.isEmpty(), qPrintable(failedB.value(0).value(1).toString()));
    clock.start();
    configA.remoteRtpPort = startedB.first().at(1).value<quint16>();
    QSignalSpy updated(&a, &MediaEngine::sessionUpdated);
    a.updateSession(QStringLiteral("a"), configA);
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty(), kTimeout);
}

void TestMediaMute::stopBoth(MediaEngine &a, MediaEngine &b)
{
    QSignalSpy stoppedA(&a, &MediaEngine::sessionStopped);
    QSignalSpy stoppedB(&b, &MediaEngine::sessionStopped);
    a.stopSession(QStringLiteral("a"));
    b.stopSession(QStringLiteral("b"));
    QTRY_VERIFY_WITH_TIMEOUT(stoppedA.size() == 1 && stoppedB.size() == 1, kTimeout);
}

MediaStatistics TestMediaMute::fetchStatistics(MediaEngine &engine, const QString &id)
{
    QSignalSpy spy(&engine, &MediaEngine::statistics);
    engine.requestStatistics(id);
    if (!QTest::qWaitFor([&] { return !spy.isEmpty(); }, kTimeout))
        return {};
    return spy.first().at(1).value<MediaStatistics>();
}

void TestMediaMute::muteKeepsStream_data()
{
    QTest::addColumn<int>("codec");
    QTest::newRow("opus") << int(Codec::Opus);
    QTest::newRow("PCMU") << int(Codec::Pcmu);
}

void TestMediaMute::muteKeepsStream()
{
    QFETCH(int, codec);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString record = dir.filePath(QStringLiteral("b.wav"));
    MediaSessionConfig configA = baseConfig(Codec(codec));
    configA.sourceSpec = QStringLiteral("tone:440");
    MediaSessionConfig configB = baseConfig(Codec(codec));
    configB.sinkSpec = QStringLiteral("wav:") + record;

    MediaEngine a;
    MediaEngine b;
    QSignalSpy levelsA(&a, &MediaEngine::audioLevels);
    QSignalSpy levelsB(&b, &MediaEngine::audioLevels);
    QElapsedTimer clock;
    connectCall(a, configA, b, configB, clock);
    if (QTest::currentTestFailed())
        return;

    QTest::qWait(kPhaseMs);
    const qint64 mutedAt = clock.elapsed();
    a.setMuted(QStringLiteral("a"), true);
    QTest::qWait(kPhaseMs);
    const qint64 unmutedAt = clock.elapsed();
    a.setMuted(QStringLiteral("a"), false);
    QTest::qWait(kPhaseMs);
    const qint64 endAt = clock.elapsed();

    const MediaStatistics sent = fetchStatistics(a, QStringLiteral("a"));
    const MediaStatistics received = fetchStatistics(b, QStringLiteral("b"));
    stopBoth(a, b);

    // The stream never paused: every packet arrived, about one per 20 ms of the call.
    qInfo("A sent %lld packets, B received %lld, lost %lld over %lld ms", sent.packetsSent,
          received.packetsReceived, received.packetsLost, endAt);
    QCOMPARE(received.packetsLost, 0);
    QVERIFY2(received.packetsReceived >= (endAt - kMarginMs) / 20 * 9 / 10,
             qPrintable(QString::number(received.packetsReceived)));

    int rate = 0;
    const std::vector<int16_t> samples = readMono(record, rate);
    QVERIFY(rate > 0);
    const Span before = judge(samples, rate, kMarginMs, mutedAt);
    const Span muted = judge(samples, rate, mutedAt + kMarginMs, unmutedAt);
    const Span after = judge(samples, rate, unmutedAt + kMarginMs, endAt - kMarginMs);
    qInfo("before: %d/%d tone; muted: %d/%d silent, %d tone; after: %d/%d tone", before.tone,
          before.windows, muted.silent, muted.windows, muted.tone, after.tone, after.windows);
    QVERIFY(before.windows >= 30 && muted.windows >= 30 && after.windows >= 30);
    QVERIFY(before.tone >= before.windows * 9 / 10);
    QVERIFY(muted.silent >= muted.windows * 9 / 10);
    QCOMPARE(muted.tone, 0);
    QVERIFY(after.tone >= after.windows * 9 / 10);

    // Levels: ~10 readings a second from each side. A's microphone reads the tone (-15 dBFS
    // RMS) even while muted; B's speaker went silent while A was muted.
    QVERIFY2(levelsA.size() >= 20, qPrintable(QString::number(levelsA.size())));
    QVERIFY2(levelsB.size() >= 20, qPrintable(QString::number(levelsB.size())));
    for (const QList<QVariant> &reading : std::as_const(levelsA)) {
        const auto levels = reading.at(1).value<AudioLevels>();
        QVERIFY2(std::abs(levels.input.rmsDbfs - -15.05) < 0.5,
                 qPrintable(QString::number(levels.input.rmsDbfs)));
    }
    int loudB = 0;
    int silentB = 0;
    for (const QList<QVariant> &reading : std::as_const(levelsB)) {
        const auto levels = reading.at(1).value<AudioLevels>();
        QCOMPARE(levels.input.peakDbfs, AudioLevel::FloorDbfs); // B's "null" source
        if (levels.output.rmsDbfs > -20.0)
            ++loudB;
        if (levels.output.peakDbfs < -60.0)
            ++silentB;
    }
    qInfo("B output readings: %d loud, %d silent of %d", loudB, silentB, int(levelsB.size()));
    QVERIFY(loudB >= 10);
    QVERIFY(silentB >= 5);
}

void TestMediaMute::mutedFromStart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString record = dir.filePath(QStringLiteral("b.wav"));
    MediaSessionConfig configA = baseConfig(Codec::Opus);
    configA.sourceSpec = QStringLiteral("tone:440");
    configA.muted = true; // e.g. muted before the call's media started
    MediaSessionConfig configB = baseConfig(Codec::Opus);
    configB.sinkSpec = QStringLiteral("wav:") + record;
    MediaEngine a;
    MediaEngine b;
    QElapsedTimer clock;
    connectCall(a, configA, b, configB, clock);
    if (QTest::currentTestFailed())
        return;
    QTest::qWait(kPhaseMs);
    const qint64 endAt = clock.elapsed();
    const MediaStatistics received = fetchStatistics(b, QStringLiteral("b"));
    stopBoth(a, b);
    QVERIFY2(received.packetsReceived >= (endAt - kMarginMs) / 20 * 9 / 10,
             qPrintable(QString::number(received.packetsReceived)));
    int rate = 0;
    const std::vector<int16_t> samples = readMono(record, rate);
    const Span span = judge(samples, rate, 0, endAt - kMarginMs);
    QVERIFY(span.windows >= 30);
    QCOMPARE(span.tone, 0);
    QCOMPARE(span.silent, span.windows);
}

void TestMediaMute::outputVolume()
{
    // B plays at full volume, then at half (-6 dB): the recording's tone halves.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString record = dir.filePath(QStringLiteral("b.wav"));
    MediaSessionConfig configA = baseConfig(Codec::Pcmu);
    configA.sourceSpec = QStringLiteral("tone:440");
    MediaSessionConfig configB = baseConfig(Codec::Pcmu);
    configB.sinkSpec = QStringLiteral("wav:") + record;
    MediaEngine a;
    MediaEngine b;
    QElapsedTimer clock;
    connectCall(a, configA, b, configB, clock);
    if (QTest::currentTestFailed())
        return;
    QTest::qWait(kPhaseMs);
    const qint64 changedAt = clock.elapsed();
    b.setGains(QStringLiteral("b"), 1.0, 0.5);
    QTest::qWait(kPhaseMs);
    const qint64 endAt = clock.elapsed();
    stopBoth(a, b);
    int rate = 0;
    const std::vector<int16_t> samples = readMono(record, rate);
    const Span full = judge(samples, rate, kMarginMs, changedAt);
    const Span half = judge(samples, rate, changedAt + kMarginMs, endAt - kMarginMs);
    qInfo("full volume: %d/%d tone, amplitude %.0f; half: %d/%d tone, amplitude %.0f", full.tone,
          full.windows, full.toneAmplitude, half.tone, half.windows, half.toneAmplitude);
    QVERIFY(full.tone >= full.windows * 9 / 10);
    QVERIFY(half.tone >= half.windows * 9 / 10);
    const double ratio = half.toneAmplitude / full.toneAmplitude;
    QVERIFY2(std::abs(ratio - 0.5) < 0.03, qPrintable(QString::number(ratio)));
}

QTEST_GUILESS_MAIN(TestMediaMute)
#include "tst_media_mute.moc"
