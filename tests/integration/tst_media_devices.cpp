// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Sound devices in calls, against a private PulseAudio daemon started and stopped by this
// test (pulseaudio and pactl come from `scripts/deps test`; its socket lives in a temporary
// directory, never a developer's own sound server):
//  - device list changes reach the application through MediaEngine and CallMediaController;
//  - a call playing to a second null sink by name keeps running when that sink's module is
//    unloaded mid-call: the session falls back to the default sink (signalled), packets keep
//    flowing, and the call's audio is heard on the default sink's monitor;
//  - CallMediaController's ringtone / ringback / busy / DTMF feedback tones.

#include "MediaEngine.h"
#include "MediaSessionConfig.h"
#include "PulseAudioFixture.h"
#include "WavSamples.h"
#include "audio/EndpointFactory.h"
#include "audio/qt/QtAudioDeviceMonitor.h"
#include "audio/qt/QtAudioEndpointFactory.h"
#include "audio/qt/QtAudioInput.h"
#include "calls/CallMediaController.h"
#include "dsp/Goertzel.h"
#include "sip/SipEngine.h"

#include <QDeadlineTimer>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>

#include <vector>

using Media::MediaEngine;
using Media::MediaSessionConfig;

using TestSupport::readWavSamples;

namespace {

using TestSupport::PulseAudioFixture;
const QString DefaultSink = PulseAudioFixture::NullSink;
const QString LoopSource = PulseAudioFixture::LoopSource; // the default sink's monitor
const QString ExtraSink = QStringLiteral("ParloExtra");

// Two free even ports (RTP; RTCP is the next one) on 127.0.0.1.
quint16 freeEvenPort()
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        QUdpSocket rtp;
        if (!rtp.bind(QHostAddress::LocalHost, 0))
            continue;
        const quint16 port = rtp.localPort();
        if (port % 2 != 0 || port == 65535)
            continue;
        QUdpSocket rtcp;
        if (rtcp.bind(QHostAddress::LocalHost, quint16(port + 1)))
            return port;
    }
    return 0;
}

} // namespace

class TestMediaDevices : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void deviceListChangesReachTheApp();
    void callSurvivesRemovalOfItsOutputDevice();
    void callMediaControllerTones();

private:
    bool loadExtraSink(QString *module);
    // Share of `frequency` in what the default sink plays, over about `ms`.
    double heardOnDefaultSink(double frequency, int ms);

    PulseAudioFixture m_pulse;
};

bool TestMediaDevices::loadExtraSink(QString *module)
{
    return m_pulse.loadNullSink(QStringLiteral("parlo_extra"), ExtraSink, module);
}

void TestMediaDevices::initTestCase()
{
    QString error;
    QVERIFY2(m_pulse.start(&error), qPrintable(error));
}

void TestMediaDevices::cleanupTestCase()
{
    m_pulse.stop();
}

double TestMediaDevices::heardOnDefaultSink(double frequency, int ms)
{
    Media::QtAudioInput input({ 48000, 1 });
    if (!input.start(LoopSource))
        return -1.0;
    std::vector<int16_t> frame(960);
    std::vector<int16_t> recorded;
    QDeadlineTimer deadline(ms + 3000);
    while (recorded.size() < std::size_t(ms) * 48 && !deadline.hasExpired()) {
        QTest::qWait(20);
        while (input.readFrame(frame) == Media::AudioSource::ReadResult::Frame)
            recorded.insert(recorded.end(), frame.begin(), frame.end());
    }
    input.stop();
    if (recorded.size() < 9600)
        return 0.0;
    // The last part: the stream has settled.
    const int count = int(recorded.size() / 2);
    return Media::Goertzel::relativePower(recorded.data() + count, count, frequency, 48000);
}

void TestMediaDevices::deviceListChangesReachTheApp()
{
    MediaEngine engine;
    QSignalSpy outputs(&engine, &MediaEngine::audioOutputsChanged);
    QSignalSpy inputs(&engine, &MediaEngine::audioInputsChanged);
    engine.setDeviceMonitor([] { return std::make_unique<Media::QtAudioDeviceMonitor>(); });
    // The lists as they are, at once.
    QTRY_VERIFY_WITH_TIMEOUT(outputs.count() >= 1 && inputs.count() >= 1, 5000);
    QVERIFY(outputs.last().at(0).toStringList().contains(DefaultSink));
    QVERIFY(inputs.last().at(0).toStringList().contains(LoopSource));
    QVERIFY(!outputs.last().at(0).toStringList().contains(ExtraSink));

    QString module;
    QVERIFY(loadExtraSink(&module));
    QTRY_VERIFY_WITH_TIMEOUT(outputs.last().at(0).toStringList().contains(ExtraSink), 5000);
    const int afterPlug = int(outputs.count());
    QVERIFY(m_pulse.unloadModule(module));
    QTRY_VERIFY_WITH_TIMEOUT(outputs.count() > afterPlug
                                     && !outputs.last().at(0).toStringList().contains(ExtraSink),
                             5000);
    // Once per change, not once per poll.
    QTest::qWait(2500);
    QCOMPARE(int(outputs.count()), afterPlug + 1);
}

void TestMediaDevices::callSurvivesRemovalOfItsOutputDevice()
{
    QString module;
    QVERIFY(loadExtraSink(&module));

    Media::EndpointFactory factory;
    Media::QtAudioEndpointFactory::install(factory);
    MediaEngine engine(factory);
    QSignalSpy started(&engine, &MediaEngine::sessionStarted);
    QSignalSpy failed(&engine, &MediaEngine::sessionFailed);
    QSignalSpy fallback(&engine, &MediaEngine::audioDeviceFallback);
    QSignalSpy statistics(&engine, &MediaEngine::statistics);

    // A call on loopback: "caller" sends a 700 Hz tone, "callee" plays it on ParloExtra.
    const quint16 callerPort = freeEvenPort();
    quint16 calleePort = freeEvenPort();
    while (calleePort == callerPort || calleePort == callerPort + 2)
        calleePort = freeEvenPort();
    QVERIFY(callerPort != 0 && calleePort != 0);
    MediaSessionConfig caller;
    caller.localAddress = QHostAddress(QHostAddress::LocalHost);
    caller.localPort = callerPort;
    caller.remoteAddress = QHostAddress(QHostAddress::LocalHost);
    caller.remoteRtpPort = calleePort;
    caller.codecName = QStringLiteral("opus");
    caller.clockRate = 48000;
    caller.channels = 2;
    caller.payloadType = 111;
    caller.fmtp = "useinbandfec=1";
    caller.sourceSpec = QStringLiteral("tone:700");
    caller.sinkSpec = QStringLiteral("null");
    MediaSessionConfig callee = caller;
    callee.localPort = calleePort;
    callee.remoteRtpPort = callerPort;
    callee.sourceSpec = QStringLiteral("null");
    callee.sinkSpec = QStringLiteral("device:") + ExtraSink;
    engine.startSession(QStringLiteral("callee"), callee);
    engine.startSession(QStringLiteral("caller"), caller);
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 10000);
    QCOMPARE(failed.count(), 0);

    // The callee's stream plays on ParloExtra, not on the default sink.
    QString sinkInputs;
    QString extraIndex;
    QString sinks;
    QVERIFY(m_pulse.pactl(
            { QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("sinks") }, &sinks));
    for (const QString &line : sinks.split(QLatin1Char('\n'))) {
        if (line.contains(QStringLiteral("parlo_extra")))
            extraIndex = line.section(QLatin1Char('\t'), 0, 0);
    }
    QVERIFY(!extraIndex.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_pulse.pactl({ QStringLiteral("list"), QStringLiteral("short"),
                                             QStringLiteral("sink-inputs") },
                                           &sinkInputs)
                                     && sinkInputs.section(QLatin1Char('\t'), 1, 1) == extraIndex,
                             5000);
    QVERIFY(heardOnDefaultSink(700.0, 600) < 0.2);

    auto packetsReceived = [&] {
        statistics.clear();
        engine.requestStatistics(QStringLiteral("callee"));
        if (!statistics.wait(5000))
            return qint64(-1);
        return statistics.last().at(1).value<Media::MediaStatistics>().packetsReceived;
    };
    const qint64 before = packetsReceived();
    QVERIFY(before > 0);

    // The device goes away mid-call.
    QVERIFY(m_pulse.unloadModule(module));
    QTRY_COMPARE_WITH_TIMEOUT(fallback.count(), 1, 5000);
    QCOMPARE(fallback.at(0).at(0).toString(), QStringLiteral("callee"));
    QCOMPARE(fallback.at(0).at(1).toBool(), true); // the output
    QCOMPARE(fallback.at(0).at(2).toString(), ExtraSink);
    QCOMPARE(fallback.at(0).at(3).toString(), DefaultSink);

    // The call goes on, and is heard on the default sink.
    QTest::qWait(500);
    const qint64 after = packetsReceived();
    QVERIFY2(after > before + 10, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    const double share = heardOnDefaultSink(700.0, 1000);
    QVERIFY2(share > 0.5,
             qPrintable(QStringLiteral("700 Hz share on the default sink: %1").arg(share)));
    QCOMPARE(failed.count(), 0);
    engine.stopAll();
}

void TestMediaDevices::callMediaControllerTones()
{
    Sip::SipEngine sip;
    App::CallMediaController controller(sip);
    QSignalSpy started(&controller, &App::CallMediaController::toneStarted);
    QSignalSpy stopped(&controller, &App::CallMediaController::toneStopped);
    QSignalSpy outputs(&controller, &App::CallMediaController::audioOutputsChanged);
    const QString ringer = m_pulse.filePath(QStringLiteral("ringer.wav"));
    const QString progress = m_pulse.filePath(QStringLiteral("progress.wav"));
    controller.setToneOutputs(QStringLiteral("wav:") + ringer, QStringLiteral("wav:") + progress);

    // The device lists come through the controller as well.
    controller.setDeviceMonitor([] { return std::make_unique<Media::QtAudioDeviceMonitor>(); });
    QTRY_VERIFY_WITH_TIMEOUT(outputs.count() >= 1, 5000);
    QVERIFY(outputs.last().at(0).toStringList().contains(DefaultSink));

    controller.playRingtone();
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 5000);
    QCOMPARE(started.at(0).at(0).toString(), App::CallMediaController::RingtoneName);
    QTest::qWait(300);
    controller.stopRingtone();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, 5000);
    std::vector<int16_t> samples = readWavSamples(ringer);
    QVERIFY(samples.size() >= 4800u);
    const int count = int(std::min<std::size_t>(samples.size(), 19200)); // the first burst
    QVERIFY(Media::Goertzel::relativePower(samples.data(), count, 400.0, 48000) > 0.3);
    QVERIFY(Media::Goertzel::relativePower(samples.data(), count, 450.0, 48000) > 0.3);

    // Ringback (ETSI 425 Hz), then busy, on the call tone output.
    controller.playRingback();
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 2, 5000);
    QCOMPARE(started.at(1).at(0).toString(), App::CallMediaController::RingbackName);
    QTest::qWait(200);
    controller.stopRingback();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 2, 5000);
    samples = readWavSamples(progress);
    QVERIFY(samples.size() >= 4800u);
    QVERIFY(Media::Goertzel::relativePower(samples.data(), int(samples.size()), 425.0, 48000)
            > 0.9);

    controller.playBusy();
    QTRY_COMPARE_WITH_TIMEOUT(started.count(), 3, 5000);
    QCOMPARE(started.at(2).at(0).toString(), App::CallMediaController::BusyName);
    controller.stopBusy();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 3, 5000);

    // Key feedback: a timed '#' (941 + 1477 Hz) ends by itself; not a key: refused.
    QVERIFY(!controller.playDtmfTone(QLatin1Char('x')));
    QVERIFY(controller.playDtmfTone(QLatin1Char('#'), 100));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 4, 5000);
    QCOMPARE(stopped.at(3).at(0).toString(), App::CallMediaController::DtmfToneName);
    samples = readWavSamples(progress);
    QCOMPARE(int(samples.size()), 5 * 960);
    QVERIFY(Media::Goertzel::relativePower(samples.data(), int(samples.size()), 941.0, 48000)
            > 0.3);
    QVERIFY(Media::Goertzel::relativePower(samples.data(), int(samples.size()), 1477.0, 48000)
            > 0.3);
}

QTEST_GUILESS_MAIN(TestMediaDevices)
#include "tst_media_devices.moc"
