// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The media engine end to end over real sockets on 127.0.0.1, in real time: two
// MediaEngines (two media threads) call each other. A sends a 440 Hz tone, B an 880 Hz tone;
// each records what it receives to a WAV file, which Goertzel checks afterwards. Timeouts
// are generous and only bound the wait; nothing here measures speed.

#include "MediaEngine.h"
#include "audio/WavFileSource.h"
#include "dsp/Goertzel.h"
#include "rtp/SrtpKeyParams.h"

#include <QNetworkDatagram>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <vector>

using namespace Media;

namespace {

constexpr int kTimeout = 10000; // ms: waits for events, generous for a busy CI machine
constexpr int kCallMs = 2000; // how long the audio calls run
constexpr int kSkipMs = 200; // start of the recording not judged (call setup, buffering)
constexpr double kToneA = 440.0;
constexpr double kToneB = 880.0;
constexpr quint16 kDiscardPort = 9; // RFC 863; nothing listens on it here

enum class Codec { Opus, Pcmu, Pcma };

MediaSessionConfig baseConfig(Codec codec)
{
    MediaSessionConfig config;
    config.localAddress = QHostAddress(QHostAddress::LocalHost);
    config.remoteAddress = QHostAddress(QHostAddress::LocalHost);
    config.remoteRtpPort = kDiscardPort;
    switch (codec) {
    case Codec::Opus:
        config.codecName = QStringLiteral("opus");
        config.clockRate = 48000;
        config.channels = 2;
        config.payloadType = 111;
        config.telephoneEventClockRate = 48000;
        break;
    case Codec::Pcmu:
        config.codecName = QStringLiteral("PCMU");
        config.clockRate = 8000;
        config.payloadType = 0;
        break;
    case Codec::Pcma:
        config.codecName = QStringLiteral("PCMA");
        config.clockRate = 8000;
        config.payloadType = 8;
        break;
    }
    config.telephoneEventPayloadType = 101;
    config.rtcpIntervalMs = 200; // short, so RTT is known within the test
    return config;
}

// What share of a recording's 20 ms windows is dominated by `expected`.
struct ToneCheck
{
    int windows = 0;
    int matching = 0;
    double ratio() const { return windows ? double(matching) / windows : 0.0; }
};

bool readWav(const QString &fileName, std::vector<int16_t> &samples, int &sampleRate)
{
    WavFileSource source;
    if (!source.open(fileName)) {
        qWarning() << fileName << source.errorString();
        return false;
    }
    const AudioFormat format = source.format();
    sampleRate = format.sampleRate;
    std::vector<int16_t> frame(std::size_t(format.frameLength()));
    while (source.readFrame(frame) == AudioSource::ReadResult::Frame) {
        for (int i = 0; i < format.frameSamples(); ++i)
            samples.push_back(frame[std::size_t(i * format.channels)]); // first channel
    }
    return true;
}

ToneCheck checkTone(const QString &fileName, double expected, double other)
{
    ToneCheck check;
    std::vector<int16_t> samples;
    int rate = 0;
    if (!readWav(fileName, samples, rate))
        return check;
    const int window = rate / 50;
    for (std::size_t start = std::size_t(rate) * kSkipMs / 1000; start + window <= samples.size();
         start += std::size_t(window)) {
        const int16_t *data = samples.data() + start;
        ++check.windows;
        const double wanted = Goertzel::amplitude(data, window, expected, rate);
        const double unwanted = Goertzel::amplitude(data, window, other, rate);
        // The tones are sent at a quarter of full scale (~8000): a clearly audible tone
        // that carries most of the window's energy, well above the other one.
        if (wanted > 1000.0 && Goertzel::relativePower(data, window, expected, rate) > 0.5
            && wanted > 4.0 * unwanted)
            ++check.matching;
        else if (qEnvironmentVariableIsSet("PARLO_TEST_VERBOSE"))
            qInfo("%s: window at %d ms: %.0f at %g Hz, %.0f at %g Hz", qPrintable(fileName),
                  int(start * 1000 / std::size_t(rate)), wanted, expected, unwanted, other);
    }
    return check;
}

QString toneSpec(double hz)
{
    return QStringLiteral("tone:%1").arg(hz);
}

QString srtpKey()
{
    return SrtpKeyParams::generate(SrtpCryptoSuite::AesCm128HmacSha1_80).toString();
}

} // namespace

class TestMediaLoopback : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void toneExchange_data();
    void toneExchange();
    void srtpKeyMismatch();
    void dtmf();
    void statistics();
    void reinvite();
    void symmetricRtp();
    void failures();

private:
    // Starts `id` and returns its port (0 after a test failure).
    void start(MediaEngine &engine, const QString &id, const MediaSessionConfig &config,
               quint16 &port);
    void update(MediaEngine &engine, const QString &id, const MediaSessionConfig &config);
    void stop(MediaEngine &engine, const QString &id);
    // A calls B: A starts without a remote address (an offerer before the answer), B
    // towards A, then A is pointed at B (the answer arrives). A sends nothing before it
    // knows where to (from the update, or from B's packets by latching).
    void connectCall(MediaEngine &a, MediaSessionConfig &configA, MediaEngine &b,
                     MediaSessionConfig &configB);
    void fetchStatistics(MediaEngine &engine, const QString &id, MediaStatistics &statistics);
};

void TestMediaLoopback::initTestCase()
{
    qRegisterMetaType<Media::MediaStatistics>();
}

void TestMediaLoopback::start(MediaEngine &engine, const QString &id,
                              const MediaSessionConfig &config, quint16 &port)
{
    port = 0;
    QSignalSpy started(&engine, &MediaEngine::sessionStarted);
    QSignalSpy failed(&engine, &MediaEngine::sessionFailed);
    engine.startSession(id, config);
    QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), kTimeout);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
    QCOMPARE(started.first().at(0).toString(), id);
    port = started.first().at(1).value<quint16>();
    QVERIFY(port != 0);
    QCOMPARE(port % 2, 0); // RFC 3550 §11
}

void TestMediaLoopback::update(MediaEngine &engine, const QString &id,
                               const MediaSessionConfig &config)
{
    QSignalSpy updated(&engine, &MediaEngine::sessionUpdated);
    QSignalSpy failed(&engine, &MediaEngine::requestFailed);
    engine.updateSession(id, config);
    QTRY_VERIFY_WITH_TIMEOUT(!updated.isEmpty() || !failed.isEmpty(), kTimeout);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(1).toString()));
}

void TestMediaLoopback::stop(MediaEngine &engine, const QString &id)
{
    QSignalSpy stopped(&engine, &MediaEngine::sessionStopped);
    engine.stopSession(id);
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, kTimeout);
    QCOMPARE(stopped.first().at(0).toString(), id);
}

void TestMediaLoopback::connectCall(MediaEngine &a, MediaSessionConfig &configA, MediaEngine &b,
                                    MediaSessionConfig &configB)
{
    quint16 portA = 0;
    quint16 portB = 0;
    configA.remoteRtpPort = 0;
    start(a, QStringLiteral("a"), configA, portA);
    if (QTest::currentTestFailed())
        return;
    configB.remoteRtpPort = portA;
    start(b, QStringLiteral("b"), configB, portB);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(portA != portB);
    configA.remoteRtpPort = portB;
    update(a, QStringLiteral("a"), configA);
}

void TestMediaLoopback::fetchStatistics(MediaEngine &engine, const QString &id,
                                        MediaStatistics &statistics)
{
    QSignalSpy spy(&engine, &MediaEngine::statistics);
    engine.requestStatistics(id);
    QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), kTimeout);
    QCOMPARE(spy.first().at(0).toString(), id);
    statistics = spy.first().at(1).value<MediaStatistics>();
}

void TestMediaLoopback::toneExchange_data()
{
    QTest::addColumn<int>("codec");
    QTest::addColumn<bool>("srtp");
    QTest::addColumn<bool>("rtcpMux");
    QTest::addColumn<bool>("echoCancellation");
    QTest::addColumn<double>("minimumRatio");
    QTest::newRow("opus") << int(Codec::Opus) << false << false << false << 0.8;
    QTest::newRow("PCMU") << int(Codec::Pcmu) << false << false << false << 0.8;
    QTest::newRow("PCMA") << int(Codec::Pcma) << false << false << false << 0.8;
    QTest::newRow("opus-srtp") << int(Codec::Opus) << true << false << false << 0.8;
    QTest::newRow("PCMU-srtp") << int(Codec::Pcmu) << true << false << false << 0.8;
    QTest::newRow("PCMA-srtp-rtcp-mux") << int(Codec::Pcma) << true << true << false << 0.8;
    // speexdsp's residual echo suppression takes a steady tone heard while another plays
    // for echo now and then and ducks it: the path must work, the tone need not be intact.
    QTest::newRow("opus-aec") << int(Codec::Opus) << false << false << true << 0.6;
}

void TestMediaLoopback::toneExchange()
{
    QFETCH(int, codec);
    QFETCH(bool, srtp);
    QFETCH(bool, rtcpMux);
    QFETCH(bool, echoCancellation);
    QFETCH(double, minimumRatio);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString recordA = dir.filePath(QStringLiteral("a.wav"));
    const QString recordB = dir.filePath(QStringLiteral("b.wav"));

    MediaSessionConfig configA = baseConfig(Codec(codec));
    configA.sourceSpec = toneSpec(kToneA);
    configA.sinkSpec = QStringLiteral("wav:") + recordA;
    MediaSessionConfig configB = baseConfig(Codec(codec));
    configB.sourceSpec = toneSpec(kToneB);
    configB.sinkSpec = QStringLiteral("wav:") + recordB;
    configA.rtcpMux = configB.rtcpMux = rtcpMux;
    configA.echoCancellation = configB.echoCancellation = echoCancellation;
    if (srtp) {
        const QString keyA = srtpKey();
        const QString keyB = srtpKey();
        configA.srtpSuite = configB.srtpSuite = QStringLiteral("AES_CM_128_HMAC_SHA1_80");
        configA.srtpLocalKeyParams = configB.srtpRemoteKeyParams = keyA;
        configB.srtpLocalKeyParams = configA.srtpRemoteKeyParams = keyB;
    }

    MediaEngine a;
    MediaEngine b;
    connectCall(a, configA, b, configB);
    if (QTest::currentTestFailed())
        return;
    QTest::qWait(kCallMs);

    MediaStatistics statsA;
    MediaStatistics statsB;
    fetchStatistics(a, QStringLiteral("a"), statsA);
    fetchStatistics(b, QStringLiteral("b"), statsB);
    QCOMPARE(statsA.srtp, srtp);
    QCOMPARE(statsB.srtp, srtp);
    QCOMPARE(statsA.srtpAuthFailures, 0);
    QCOMPARE(statsB.srtpAuthFailures, 0);
    QVERIFY(statsA.packetsReceived > 0);
    QVERIFY(statsB.packetsReceived > 0);
    QVERIFY(statsA.rtcpReceived > 0);
    QVERIFY(statsB.rtcpReceived > 0);
    QCOMPARE(statsA.packetsLost, 0);
    QCOMPARE(statsB.packetsLost, 0);

    stop(a, QStringLiteral("a"));
    stop(b, QStringLiteral("b"));

    // A hears B's 880 Hz, B hears A's 440 Hz.
    const ToneCheck heardByA = checkTone(recordA, kToneB, kToneA);
    const ToneCheck heardByB = checkTone(recordB, kToneA, kToneB);
    qInfo("A: %d/%d windows at %g Hz; B: %d/%d windows at %g Hz", heardByA.matching,
          heardByA.windows, kToneB, heardByB.matching, heardByB.windows, kToneA);
    QVERIFY2(heardByA.windows >= 40, "A's recording is too short");
    QVERIFY2(heardByB.windows >= 40, "B's recording is too short");
    QVERIFY2(heardByA.ratio() > minimumRatio, qPrintable(QString::number(heardByA.ratio())));
    QVERIFY2(heardByB.ratio() > minimumRatio, qPrintable(QString::number(heardByB.ratio())));
}

void TestMediaLoopback::srtpKeyMismatch()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString recordA = dir.filePath(QStringLiteral("a.wav"));
    const QString recordB = dir.filePath(QStringLiteral("b.wav"));

    MediaSessionConfig configA = baseConfig(Codec::Pcmu);
    configA.sourceSpec = toneSpec(kToneA);
    configA.sinkSpec = QStringLiteral("wav:") + recordA;
    MediaSessionConfig configB = baseConfig(Codec::Pcmu);
    configB.sourceSpec = toneSpec(kToneB);
    configB.sinkSpec = QStringLiteral("wav:") + recordB;
    const QString keyA = srtpKey();
    const QString keyB = srtpKey();
    configA.srtpSuite = configB.srtpSuite = QStringLiteral("AES_CM_128_HMAC_SHA1_80");
    configA.srtpLocalKeyParams = keyA;
    configA.srtpRemoteKeyParams = keyB;
    configB.srtpLocalKeyParams = keyB;
    configB.srtpRemoteKeyParams = srtpKey(); // not A's key: nothing of A's authenticates

    MediaEngine a;
    MediaEngine b;
    connectCall(a, configA, b, configB);
    if (QTest::currentTestFailed())
        return;
    QTest::qWait(kCallMs);

    MediaStatistics statsB;
    fetchStatistics(b, QStringLiteral("b"), statsB);
    QVERIFY(statsB.srtp);
    QVERIFY2(statsB.srtpAuthFailures > 20, qPrintable(QString::number(statsB.srtpAuthFailures)));
    QCOMPARE(statsB.packetsReceived, 0);
    QVERIFY(!statsB.latched); // unauthenticated packets must not move the destination
    QCOMPARE(statsB.rtcpReceived, 0);
    MediaStatistics statsA;
    fetchStatistics(a, QStringLiteral("a"), statsA);
    QCOMPARE(statsA.srtpAuthFailures, 0);
    QVERIFY(statsA.packetsReceived > 0);

    stop(a, QStringLiteral("a"));
    stop(b, QStringLiteral("b"));

    // B played nothing of A; A heard B fine.
    const ToneCheck heardByB = checkTone(recordB, kToneA, kToneB);
    QVERIFY(heardByB.windows >= 40);
    QCOMPARE(heardByB.matching, 0);
    const ToneCheck heardByA = checkTone(recordA, kToneB, kToneA);
    QVERIFY2(heardByA.ratio() > 0.8, qPrintable(QString::number(heardByA.ratio())));
}

void TestMediaLoopback::dtmf()
{
    MediaSessionConfig configA = baseConfig(Codec::Pcmu);
    configA.sourceSpec = toneSpec(kToneA);
    MediaSessionConfig configB = baseConfig(Codec::Pcmu);
    configB.sourceSpec = toneSpec(kToneB);

    MediaEngine a;
    MediaEngine b;
    connectCall(a, configA, b, configB);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy receivedByB(&b, &MediaEngine::dtmfReceived);
    QSignalSpy receivedByA(&a, &MediaEngine::dtmfReceived);
    QSignalSpy failed(&a, &MediaEngine::requestFailed);
    a.sendDtmf(QStringLiteral("a"), QStringLiteral("1#"));
    QTRY_COMPARE_WITH_TIMEOUT(receivedByB.size(), 2, kTimeout);
    // Each event goes out as several packets, its end three times (RFC 4733 §2.5.1.4):
    // still one notification per digit.
    QTest::qWait(500);
    QCOMPARE(receivedByB.size(), 2);
    QCOMPARE(receivedByB.at(0).at(0).toString(), QStringLiteral("b"));
    QCOMPARE(receivedByB.at(0).at(1).value<QChar>(), QLatin1Char('1'));
    QCOMPARE(receivedByB.at(1).at(1).value<QChar>(), QLatin1Char('#'));
    QCOMPARE(receivedByA.size(), 0);
    QCOMPARE(failed.size(), 0);

    MediaStatistics statsA;
    MediaStatistics statsB;
    fetchStatistics(a, QStringLiteral("a"), statsA);
    fetchStatistics(b, QStringLiteral("b"), statsB);
    QCOMPARE(statsA.dtmfSent, 2);
    QCOMPARE(statsB.dtmfReceived, 2);

    // Not a DTMF key: refused.
    a.sendDtmf(QStringLiteral("a"), QStringLiteral("x"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);

    stop(a, QStringLiteral("a"));
    stop(b, QStringLiteral("b"));
}

void TestMediaLoopback::statistics()
{
    MediaSessionConfig configA = baseConfig(Codec::Opus);
    configA.sourceSpec = toneSpec(kToneA);
    MediaSessionConfig configB = baseConfig(Codec::Opus);
    configB.sourceSpec = toneSpec(kToneB);

    MediaEngine a;
    MediaEngine b;
    connectCall(a, configA, b, configB);
    if (QTest::currentTestFailed())
        return;

    // RTT once SR and report blocks went both ways (RFC 3550 §6.4.1).
    MediaStatistics statsA;
    MediaStatistics statsB;
    QDeadlineTimer deadline(kTimeout);
    do {
        QTest::qWait(100);
        fetchStatistics(a, QStringLiteral("a"), statsA);
        fetchStatistics(b, QStringLiteral("b"), statsB);
    } while ((statsA.rttMs < 0 || statsB.rttMs < 0) && !deadline.hasExpired());
    QVERIFY2(statsA.rttMs >= 0, "A: no RTT");
    QVERIFY2(statsB.rttMs >= 0, "B: no RTT");
    QTest::qWait(kCallMs / 2); // some traffic to count
    QVERIFY(statsA.rttMs < 1000); // loopback; only a sanity bound
    QVERIFY(statsA.rtcpReceived > 0);
    QVERIFY(!statsA.remoteCname.isEmpty());
    QCOMPARE(statsA.codec, QStringLiteral("opus/48000/2"));
    QCOMPARE(statsA.payloadType, 111);

    // Both stop sending (a mutual hold); then every packet sent has arrived.
    QSignalSpy updatedA(&a, &MediaEngine::sessionUpdated);
    QSignalSpy updatedB(&b, &MediaEngine::sessionUpdated);
    a.setDirection(QStringLiteral("a"), MediaSessionConfig::Direction::Inactive);
    b.setDirection(QStringLiteral("b"), MediaSessionConfig::Direction::Inactive);
    QTRY_VERIFY_WITH_TIMEOUT(!updatedA.isEmpty() && !updatedB.isEmpty(), kTimeout);
    QTest::qWait(300);
    fetchStatistics(a, QStringLiteral("a"), statsA);
    fetchStatistics(b, QStringLiteral("b"), statsB);
    qInfo("A sent %lld, B received %lld; B sent %lld, A received %lld; RTT %.3f / %.3f ms",
          statsA.packetsSent, statsB.packetsReceived, statsB.packetsSent, statsA.packetsReceived,
          statsA.rttMs, statsB.rttMs);
    QCOMPARE(statsA.direction, QStringLiteral("inactive"));
    QVERIFY(statsA.packetsSent > 20);
    // Loopback loses nothing; A sent only once it knew B, B from the start towards A.
    QVERIFY(qAbs(statsA.packetsSent - statsB.packetsReceived) <= 2);
    QVERIFY(qAbs(statsB.packetsSent - statsA.packetsReceived) <= 2);
    QCOMPARE(statsA.packetsLost, 0);
    QCOMPARE(statsB.packetsLost, 0);
    QCOMPARE(statsA.lossPercent, 0.0);
    QVERIFY(statsA.jitterMs >= 0.0);
    QVERIFY(statsA.jitterBufferTargetDelayMs > 0);

    // Nothing more is sent while inactive.
    const qint64 sentWhileInactive = statsA.packetsSent;
    QTest::qWait(200);
    fetchStatistics(a, QStringLiteral("a"), statsA);
    QCOMPARE(statsA.packetsSent, sentWhileInactive);

    // The BYE on stop reaches the peer (RFC 3550 §6.6).
    stop(a, QStringLiteral("a"));
    QTRY_VERIFY_WITH_TIMEOUT((fetchStatistics(b, QStringLiteral("b"), statsB), statsB.remoteBye),
                             kTimeout);
    stop(b, QStringLiteral("b"));
}

void TestMediaLoopback::reinvite()
{
    // A call starts with PCMU and is moved to Opus by a re-INVITE, with SRTP added; the
    // recordings (opened at 8 kHz) carry on, now fed through a resampler.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString recordA = dir.filePath(QStringLiteral("a.wav"));
    const QString recordB = dir.filePath(QStringLiteral("b.wav"));
    MediaSessionConfig configA = baseConfig(Codec::Pcmu);
    configA.sourceSpec = toneSpec(kToneA);
    configA.sinkSpec = QStringLiteral("wav:") + recordA;
    MediaSessionConfig configB = baseConfig(Codec::Pcmu);
    configB.sourceSpec = toneSpec(kToneB);
    configB.sinkSpec = QStringLiteral("wav:") + recordB;

    MediaEngine a;
    MediaEngine b;
    connectCall(a, configA, b, configB);
    if (QTest::currentTestFailed())
        return;
    QTest::qWait(kCallMs / 2);

    auto toOpus = [](MediaSessionConfig &config) {
        const MediaSessionConfig opus = baseConfig(Codec::Opus);
        config.codecName = opus.codecName;
        config.clockRate = opus.clockRate;
        config.channels = opus.channels;
        config.payloadType = opus.payloadType;
        config.telephoneEventClockRate = opus.telephoneEventClockRate;
    };
    toOpus(configA);
    toOpus(configB);
    const QString keyA = srtpKey();
    const QString keyB = srtpKey();
    configA.srtpSuite = configB.srtpSuite = QStringLiteral("AES_CM_128_HMAC_SHA1_80");
    configA.srtpLocalKeyParams = configB.srtpRemoteKeyParams = keyA;
    configB.srtpLocalKeyParams = configA.srtpRemoteKeyParams = keyB;
    update(a, QStringLiteral("a"), configA);
    update(b, QStringLiteral("b"), configB);
    QTest::qWait(kCallMs / 2);

    MediaStatistics statsA;
    fetchStatistics(a, QStringLiteral("a"), statsA);
    QCOMPARE(statsA.codec, QStringLiteral("opus/48000/2"));
    QVERIFY(statsA.srtp);
    QCOMPARE(statsA.localPort, configB.remoteRtpPort);
    stop(a, QStringLiteral("a"));
    stop(b, QStringLiteral("b"));

    const ToneCheck heardByA = checkTone(recordA, kToneB, kToneA);
    const ToneCheck heardByB = checkTone(recordB, kToneA, kToneB);
    qInfo("A: %d/%d windows, B: %d/%d windows", heardByA.matching, heardByA.windows,
          heardByB.matching, heardByB.windows);
    QVERIFY2(heardByA.ratio() > 0.8, qPrintable(QString::number(heardByA.ratio())));
    QVERIFY2(heardByB.ratio() > 0.8, qPrintable(QString::number(heardByB.ratio())));
}

void TestMediaLoopback::symmetricRtp()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString recordA = dir.filePath(QStringLiteral("a.wav"));

    // B is told a wrong port for A (a NAT rewrote it): a socket of ours sits there.
    QUdpSocket wrongPort;
    QVERIFY(wrongPort.bind(QHostAddress::LocalHost, 0));

    MediaSessionConfig configB = baseConfig(Codec::Pcma);
    configB.sourceSpec = toneSpec(kToneB);
    configB.remoteRtpPort = wrongPort.localPort();
    MediaEngine b;
    quint16 portB = 0;
    start(b, QStringLiteral("b"), configB, portB);
    if (QTest::currentTestFailed())
        return;
    // Until A speaks, B's RTP goes to the wrong port.
    QTRY_VERIFY_WITH_TIMEOUT(wrongPort.hasPendingDatagrams(), kTimeout);

    MediaSessionConfig configA = baseConfig(Codec::Pcma);
    configA.sourceSpec = toneSpec(kToneA);
    configA.sinkSpec = QStringLiteral("wav:") + recordA;
    configA.remoteRtpPort = portB;
    MediaEngine a;
    quint16 portA = 0;
    start(a, QStringLiteral("a"), configA, portA);
    if (QTest::currentTestFailed())
        return;

    // B latches onto where A's packets come from (RFC 4961), and A hears B.
    MediaStatistics statsB;
    QTRY_VERIFY_WITH_TIMEOUT(
            (fetchStatistics(b, QStringLiteral("b"), statsB), statsB.remoteRtpPort == portA),
            kTimeout);
    QVERIFY(statsB.latched);
    QCOMPARE(statsB.remoteAddress, QStringLiteral("127.0.0.1"));
    MediaStatistics statsA;
    QTRY_VERIFY_WITH_TIMEOUT(
            (fetchStatistics(a, QStringLiteral("a"), statsA), statsA.packetsReceived > 25),
            kTimeout);

    // And nothing goes to the wrong port any more.
    while (wrongPort.hasPendingDatagrams())
        wrongPort.receiveDatagram();
    QTest::qWait(200);
    QVERIFY(!wrongPort.hasPendingDatagrams());

    stop(a, QStringLiteral("a"));
    stop(b, QStringLiteral("b"));
    const ToneCheck heardByA = checkTone(recordA, kToneB, kToneA);
    QVERIFY2(heardByA.windows >= 15, "A's recording is too short");
    QVERIFY2(heardByA.ratio() > 0.8, qPrintable(QString::number(heardByA.ratio())));
}

void TestMediaLoopback::failures()
{
    MediaEngine engine;
    QSignalSpy failed(&engine, &MediaEngine::sessionFailed);
    QSignalSpy requestFailed(&engine, &MediaEngine::requestFailed);

    MediaSessionConfig config = baseConfig(Codec::Pcmu);
    config.codecName = QStringLiteral("G729");
    engine.startSession(QStringLiteral("codec"), config);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeout);

    config = baseConfig(Codec::Pcmu);
    config.sourceSpec = QStringLiteral("wav:/nonexistent/file.wav");
    engine.startSession(QStringLiteral("source"), config);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, kTimeout);

    config = baseConfig(Codec::Pcmu);
    config.srtpSuite = QStringLiteral("AES_CM_128_HMAC_SHA1_80");
    config.srtpLocalKeyParams = QStringLiteral("inline:short");
    config.srtpRemoteKeyParams = srtpKey();
    engine.startSession(QStringLiteral("key"), config);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 3, kTimeout);

    engine.sendDtmf(QStringLiteral("nobody"), QStringLiteral("1"));
    engine.requestStatistics(QStringLiteral("nobody"));
    QTRY_COMPARE_WITH_TIMEOUT(requestFailed.size(), 2, kTimeout);

    // A session without telephone-event cannot send DTMF; a failed update changes nothing.
    config = baseConfig(Codec::Pcmu);
    config.telephoneEventPayloadType = -1;
    quint16 port = 0;
    start(engine, QStringLiteral("plain"), config, port);
    if (QTest::currentTestFailed())
        return;
    engine.sendDtmf(QStringLiteral("plain"), QStringLiteral("5"));
    QTRY_COMPARE_WITH_TIMEOUT(requestFailed.size(), 3, kTimeout);
    MediaSessionConfig broken = config;
    broken.codecName = QStringLiteral("nonsense");
    engine.updateSession(QStringLiteral("plain"), broken);
    QTRY_COMPARE_WITH_TIMEOUT(requestFailed.size(), 4, kTimeout);
    MediaStatistics statistics;
    fetchStatistics(engine, QStringLiteral("plain"), statistics);
    QCOMPARE(statistics.codec, QStringLiteral("PCMU/8000"));
    QCOMPARE(statistics.localPort, port);
    // The engine's destructor stops what is still running.
}

QTEST_GUILESS_MAIN(TestMediaLoopback)
#include "tst_media_loopback.moc"
