// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// The app layer's audio controls on real calls: two SipEngines on 127.0.0.1, each with a
// CallMediaController; Alice also has the CallController the GUI drives. Alice sends a
// 440 Hz tone, Bob records what he hears per call to a WAV file. Muting through
// CallController::setMuted silences what Bob records while the call and its RTP stream go
// on; levels arrive at CallController::audioLevels; the volume reaches the media thread.
// Then the settings' AudioTestController: its test tone recorded through a "wav:" sink and
// its microphone meter on a "tone:" source.
#include "calls/AudioTestController.h"
#include "calls/CallController.h"
#include "calls/CallMediaController.h"

#include "audio/WavFileSource.h"
#include "dsp/AudioLevelMeter.h"
#include "dsp/Goertzel.h"
#include "sip/SipEngine.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>
#include <vector>

using namespace App;

namespace {

constexpr int kTimeout = 10000;
constexpr int kPhaseMs = 1000;
constexpr int kMarginMs = 250;

struct Party
{
    std::unique_ptr<Sip::SipEngine> engine;
    std::unique_ptr<CallMediaController> media;
    quint16 port = 0;
};

bool startParty(Party &party)
{
    party.engine = std::make_unique<Sip::SipEngine>();
    party.media = std::make_unique<CallMediaController>(*party.engine);
    Sip::EngineConfig config;
    config.listen = { { Sip::TransportType::Udp, QHostAddress::LocalHost, 0 } };
    config.t1Milliseconds = 50;
    QSignalSpy started(party.engine.get(), &Sip::SipEngine::started);
    party.engine->start(config);
    if (!started.wait(kTimeout))
        return false;
    party.port = quint16(
            started.at(0).at(0).toStringList().value(0).section(QLatin1Char(':'), -1).toUInt());
    return party.port != 0;
}

std::vector<int16_t> readMono(const QString &fileName, int &rate)
{
    std::vector<int16_t> samples;
    Media::WavFileSource source;
    if (!source.open(fileName))
        return samples;
    const Media::AudioFormat format = source.format();
    rate = format.sampleRate;
    std::vector<int16_t> frame(std::size_t(format.frameLength()));
    for (int i = 0; i < 100000 && source.readFrame(frame) == Media::AudioSource::ReadResult::Frame;
         ++i) {
        for (int s = 0; s < format.frameSamples(); ++s)
            samples.push_back(frame[std::size_t(s * format.channels)]);
    }
    return samples;
}

// Of the 20 ms windows in [fromMs, toMs): how many hold `hz`, how many are silent.
struct Windows
{
    int total = 0;
    int tone = 0;
    int silent = 0;
};

Windows judge(const std::vector<int16_t> &samples, int rate, double hz, qint64 fromMs, qint64 toMs)
{
    Windows w;
    const int window = rate / 50;
    for (qint64 ms = std::max<qint64>(0, fromMs); ms + 20 <= toMs; ms += 20) {
        const std::size_t start = std::size_t(ms * rate / 1000);
        if (start + std::size_t(window) > samples.size())
            break;
        const int16_t *data = samples.data() + start;
        ++w.total;
        Media::AudioLevelMeter meter;
        meter.add(std::span<const int16_t>(data, std::size_t(window)));
        if (meter.take().peakDbfs < -60.0)
            ++w.silent;
        if (Media::Goertzel::amplitude(data, window, hz, rate) > 500.0
            && Media::Goertzel::relativePower(data, window, hz, rate) > 0.5)
            ++w.tone;
    }
    return w;
}

} // namespace

class TestCallAudioControls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    Party m_alice;
    Party m_bob;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(startParty(m_alice));
        QVERIFY(startParty(m_bob));
    }

    void muteThroughCallController()
    {
        m_alice.media->setAudio(QStringLiteral("tone:440"), QStringLiteral("null"));
        m_bob.media->setAudio(QStringLiteral("null"),
                              QStringLiteral("wav:")
                                      + m_dir.filePath(QStringLiteral("bob-{call}.wav")));
        CallController calls(*m_alice.engine, *m_alice.media);
        QSignalSpy levels(&calls, &CallController::audioLevels);
        QSignalSpy incoming(m_bob.engine.get(), &Sip::SipEngine::incomingCall);
        QSignalSpy bobMedia(m_bob.media.get(), &CallMediaController::mediaStarted);

        const QString id = calls.makeCall(QStringLiteral("sip:bob@127.0.0.1:%1").arg(m_bob.port));
        QVERIFY(!id.isEmpty());
        QVERIFY(incoming.wait(kTimeout));
        const QString bobCall = incoming.at(0).at(0).toString();
        m_bob.engine->answerCall(bobCall);
        QTRY_VERIFY_WITH_TIMEOUT(
                calls.call(id) && calls.call(id)->state == CallInfo::State::Connected, kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(!bobMedia.isEmpty(), kTimeout);
        QElapsedTimer clock; // about when Bob's recording started
        clock.start();

        QTest::qWait(kPhaseMs);
        const qint64 mutedAt = clock.elapsed();
        calls.setMuted(id, true);
        QVERIFY(calls.call(id)->muted);
        QVERIFY(m_alice.media->isMuted(id));
        QTest::qWait(kPhaseMs);
        const qint64 unmutedAt = clock.elapsed();
        calls.setMuted(id, false);
        QVERIFY(!m_alice.media->isMuted(id));
        QTest::qWait(kPhaseMs);
        const qint64 endAt = clock.elapsed();

        QSignalSpy bobState(m_bob.engine.get(), &Sip::SipEngine::callStateChanged);
        calls.hangup(id);
        QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (const auto &args : std::as_const(bobState)) {
                        if (args.at(1).value<Sip::CallStatus>().state == Sip::CallState::Terminated)
                            return true;
                    }
                    return false;
                }(),
                kTimeout);
        QTest::qWait(300); // Bob's session stops (queued) and closes the file

        int rate = 0;
        const std::vector<int16_t> samples
                = readMono(m_dir.filePath(QStringLiteral("bob-%1.wav").arg(bobCall)), rate);
        QVERIFY(rate > 0);
        // The start of the recording may precede our clock by the answer's round trip.
        const Windows before = judge(samples, rate, 440.0, kMarginMs, mutedAt);
        const Windows muted = judge(samples, rate, 440.0, mutedAt + kMarginMs, unmutedAt);
        const Windows after = judge(samples, rate, 440.0, unmutedAt + kMarginMs, endAt - kMarginMs);
        qInfo("before: %d/%d tone; muted: %d/%d silent, %d tone; after: %d/%d tone", before.tone,
              before.total, muted.silent, muted.total, muted.tone, after.tone, after.total);
        QVERIFY(before.total >= 25 && muted.total >= 25 && after.total >= 20);
        QVERIFY(before.tone >= before.total * 9 / 10);
        QVERIFY(muted.silent >= muted.total * 9 / 10);
        QCOMPARE(muted.tone, 0);
        QVERIFY(after.tone >= after.total * 9 / 10);

        // Levels for the call about ten times a second; the microphone (the tone) is read
        // whether muted or not: -15 dBFS RMS.
        QVERIFY2(levels.size() >= 20, qPrintable(QString::number(levels.size())));
        for (const auto &args : std::as_const(levels)) {
            QCOMPARE(args.at(0).toString(), id);
            QVERIFY2(std::abs(args.at(1).toDouble() - -15.05) < 0.5,
                     qPrintable(QString::number(args.at(1).toDouble())));
        }
    }

    void volumeThroughCallController()
    {
        // Bob's playback volume at 50 %: what he records is 6 dB down on what Alice sends.
        m_alice.media->setAudio(QStringLiteral("tone:440"), QStringLiteral("null"));
        m_bob.media->setAudio(QStringLiteral("null"),
                              QStringLiteral("wav:")
                                      + m_dir.filePath(QStringLiteral("vol-{call}.wav")));
        CallController aliceCalls(*m_alice.engine, *m_alice.media);
        CallController bobCalls(*m_bob.engine, *m_bob.media);
        bobCalls.setOutputVolume(50);
        QCOMPARE(bobCalls.outputVolume(), 50);
        QCOMPARE(m_bob.media->outputGain(), 0.5);
        QSignalSpy bobLevels(&bobCalls, &CallController::audioLevels);
        QSignalSpy incoming(&bobCalls, &CallController::incomingCall);
        const QString id
                = aliceCalls.makeCall(QStringLiteral("sip:bob@127.0.0.1:%1").arg(m_bob.port));
        QVERIFY(incoming.wait(kTimeout));
        const QString bobCall = incoming.at(0).at(0).value<CallInfo>().id;
        bobCalls.answer(bobCall);
        QTRY_VERIFY_WITH_TIMEOUT(
                aliceCalls.call(id) && aliceCalls.call(id)->state == CallInfo::State::Connected,
                kTimeout);
        QTRY_VERIFY_WITH_TIMEOUT(bobLevels.size() >= 10, kTimeout);
        // Bob's speaker: a -15 dBFS tone at half volume is -21 dBFS.
        const auto last = bobLevels.last();
        QVERIFY2(std::abs(last.at(3).toDouble() - -21.07) < 1.0,
                 qPrintable(QString::number(last.at(3).toDouble())));
        bobCalls.setOutputVolume(100);
        QTest::qWait(400);
        const auto full = bobLevels.last();
        QVERIFY2(std::abs(full.at(3).toDouble() - -15.05) < 1.0,
                 qPrintable(QString::number(full.at(3).toDouble())));
        aliceCalls.hangup(id);
        QTRY_VERIFY_WITH_TIMEOUT(!bobCalls.call(bobCall) || !bobCalls.call(bobCall)->isActive(),
                                 kTimeout);
    }

    void audioTestController()
    {
        const QString toneFile = m_dir.filePath(QStringLiteral("test-tone.wav"));
        AudioTestController test(*m_alice.media, [&](bool output, const QString &device) {
            // The "devices" of this test: a file for the speaker, a tone for the microphone.
            return output ? QStringLiteral("wav:") + toneFile
                          : QStringLiteral("tone:") + (device.isEmpty() ? "1000" : device);
        });
        QSignalSpy started(&test, &AudioTestController::testToneStarted);
        QSignalSpy stopped(&test, &AudioTestController::testToneStopped);
        test.playTestTone(QString());
        QVERIFY(test.isTonePlaying());
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kTimeout);
        // It stops by itself after TestToneMs.
        QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, AudioTestController::TestToneMs + kTimeout);
        QVERIFY(!test.isTonePlaying());
        int rate = 0;
        const std::vector<int16_t> samples = readMono(toneFile, rate);
        QVERIFY(rate > 0);
        QCOMPARE(qint64(samples.size()), qint64(rate) * AudioTestController::TestToneMs / 1000);
        const Windows tone = judge(samples, rate, AudioTestController::TestToneHz, 0,
                                   AudioTestController::TestToneMs);
        QCOMPARE(tone.tone, tone.total);

        QSignalSpy levels(&test, &AudioTestController::microphoneLevel);
        test.startMicrophoneMeter(QString());
        QTRY_VERIFY_WITH_TIMEOUT(levels.size() >= 3, kTimeout);
        QVERIFY2(std::abs(levels.last().at(0).toDouble() - -15.05) < 0.5,
                 qPrintable(QString::number(levels.last().at(0).toDouble())));
        test.stopMicrophoneMeter();
        QTest::qWait(300);
        const qsizetype count = levels.size();
        QTest::qWait(300);
        QCOMPARE(levels.size(), count);

        // A microphone that cannot be opened is reported.
        AudioTestController broken(*m_alice.media, [&](bool, const QString &) {
            return QStringLiteral("wav:") + m_dir.filePath(QStringLiteral("missing.wav"));
        });
        QSignalSpy failed(&broken, &AudioTestController::microphoneFailed);
        broken.startMicrophoneMeter(QString());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);
        QVERIFY(!broken.isMeterRunning());
    }
};

QTEST_GUILESS_MAIN(TestCallAudioControls)
#include "tst_call_audio_controls.moc"
