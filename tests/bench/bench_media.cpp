// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Media pipeline benchmarks (docs/performance.md, "Media"). One executable, three modes:
//
//   bench_media cpu      CPU per minute of an Opus call through two real MediaSessions
//                        (endpoint -> encode -> RTP -> SRTP -> UDP on loopback -> unprotect
//                        -> statistics -> jitter buffer -> decode -> endpoint, both
//                        directions), driven by virtual time, against raw libopus encoding
//                        and decoding the same audio at the same settings, in one run.
//   bench_media memory   the same call for N minutes of virtual time; RSS and heap in use
//                        every minute. --check fails (exit 1) if the heap grows beyond
//                        --tolerance-kib after the first minute (a regression check, no
//                        timing involved).
//   bench_media latency  mouth-to-ear latency on loopback in real time: a click source on
//                        one session, a click detector on the other's sink, both timestamped
//                        on one steady clock; median and p95 over several frame-clock phases.
//
// Linux only (CLOCK_PROCESS_CPUTIME_ID, /proc/self/statm, mallinfo2).

#include "MediaSession.h"
#include "MediaSessionConfig.h"
#include "audio/EndpointFactory.h"
#include "rtp/SrtpKeyParams.h"

#include <opus/opus.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTimer>

#include <malloc.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace {

using Media::AudioFormat;
using Media::AudioSink;
using Media::AudioSource;
using Media::MediaSession;
using Media::MediaSessionConfig;

constexpr int SampleRate = 48000;
constexpr int FrameSamples = SampleRate / 50; // 20 ms
constexpr int OpusPayloadType = 111;

// ---------------------------------------------------------------------------------------
// Measurement helpers

std::int64_t clockNs(clockid_t id)
{
    timespec ts {};
    clock_gettime(id, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::int64_t processCpuNs()
{
    return clockNs(CLOCK_PROCESS_CPUTIME_ID);
}

long rssKiB()
{
    std::ifstream statm("/proc/self/statm");
    long size = 0;
    long resident = 0;
    statm >> size >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

long heapInUseBytes()
{
    const struct mallinfo2 info = mallinfo2();
    return long(info.uordblks + info.hblkhd);
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto index = std::size_t(
            std::clamp(std::ceil(p * double(values.size())) - 1.0, 0.0, double(values.size() - 1)));
    return values[index];
}

// ---------------------------------------------------------------------------------------
// Test audio

// Speech-like audio (the codec's cost depends on what it encodes; a pure tone is cheaper
// than speech): a glottal pulse train with a wandering pitch (90-220 Hz) shaped by two
// moving formant resonators, with noise bursts for fricatives, in syllables of ~200 ms and
// a pause of ~0.6 s every 2-3 s (so Opus DTX has silence to skip, as in a conversation).
// Deterministic for a seed.
std::vector<int16_t> makeSpeechLike(int seconds, unsigned seed)
{
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 1.0);
    const std::size_t total = std::size_t(seconds) * SampleRate;
    std::vector<int16_t> out(total);

    double pitch = 140.0;
    double phase = 0.0;
    double f1 = 600.0;
    double f2 = 1500.0;
    // Two-pole resonators (state per formant).
    double y1a = 0.0, y1b = 0.0, y2a = 0.0, y2b = 0.0;
    std::size_t n = 0;
    while (n < total) {
        // One talkspurt: 2-3 s of syllables, then a pause.
        const std::size_t spurt = std::size_t((2.0 + uniform(random)) * SampleRate);
        const std::size_t pause = std::size_t((0.4 + 0.4 * uniform(random)) * SampleRate);
        const std::size_t spurtEnd = std::min(total, n + spurt);
        while (n < spurtEnd) {
            const std::size_t syllable = std::size_t((0.15 + 0.1 * uniform(random)) * SampleRate);
            const std::size_t end = std::min(spurtEnd, n + syllable);
            const double targetPitch = 90.0 + 130.0 * uniform(random);
            const double targetF1 = 300.0 + 600.0 * uniform(random);
            const double targetF2 = 900.0 + 1600.0 * uniform(random);
            const bool fricative = uniform(random) < 0.25;
            const std::size_t length = end - n;
            for (std::size_t i = 0; i < length; ++i, ++n) {
                const double t = double(i) / double(length);
                const double envelope = std::sin(std::numbers::pi * t);
                pitch += (targetPitch - pitch) * 0.0005;
                f1 += (targetF1 - f1) * 0.001;
                f2 += (targetF2 - f2) * 0.001;
                phase += pitch / SampleRate;
                double excitation = 0.0;
                if (phase >= 1.0) {
                    phase -= 1.0;
                    excitation = 1.0;
                }
                if (fricative)
                    excitation = 0.3 * noise(random);
                auto resonate = [](double x, double f, double &ya, double &yb) {
                    const double r = 0.97;
                    const double c = 2.0 * r * std::cos(2.0 * std::numbers::pi * f / SampleRate);
                    const double y = x + c * ya - r * r * yb;
                    yb = ya;
                    ya = y;
                    return y;
                };
                const double voiced = resonate(excitation, f1, y1a, y1b) * 0.6
                        + resonate(excitation, f2, y2a, y2b) * 0.4;
                const double sample = std::clamp(voiced * envelope * 1500.0, -32000.0, 32000.0);
                out[n] = int16_t(sample);
            }
        }
        // The pause: faint background noise.
        const std::size_t pauseEnd = std::min(total, n + pause);
        for (; n < pauseEnd; ++n)
            out[n] = int16_t(std::clamp(noise(random) * 20.0, -32000.0, 32000.0));
    }
    return out;
}

// Loops over a shared buffer of mono 48 kHz audio.
class BufferSource : public AudioSource
{
public:
    explicit BufferSource(std::shared_ptr<const std::vector<int16_t>> audio)
        : m_audio(std::move(audio))
    {
    }
    AudioFormat format() const override { return { SampleRate, 1 }; }
    ReadResult readFrame(std::span<int16_t> frame) override
    {
        for (int16_t &sample : frame) {
            sample = (*m_audio)[m_position];
            m_position = (m_position + 1) % m_audio->size();
        }
        return ReadResult::Frame;
    }

private:
    std::shared_ptr<const std::vector<int16_t>> m_audio;
    std::size_t m_position = 0;
};

// ---------------------------------------------------------------------------------------
// Two sessions calling each other on loopback

struct CallSettings
{
    bool srtp = true;
    int jitterMinDelayMs = MediaSessionConfig().jitterMinDelayMs; // the default
    QByteArray fmtp = "useinbandfec=1"; // what Parlo's SDP offers (sip/sdp/SdpCodec.h)
};

MediaSessionConfig sessionConfig(const CallSettings &settings, const QString &source,
                                 const QString &sink)
{
    MediaSessionConfig config;
    config.localAddress = QHostAddress(QHostAddress::LocalHost);
    config.remoteAddress = QHostAddress(QHostAddress::LocalHost);
    config.codecName = QStringLiteral("opus");
    config.clockRate = SampleRate;
    config.channels = 2;
    config.payloadType = OpusPayloadType;
    config.fmtp = settings.fmtp;
    config.telephoneEventPayloadType = 101;
    config.telephoneEventClockRate = SampleRate;
    config.sourceSpec = source;
    config.sinkSpec = sink;
    config.jitterMinDelayMs = settings.jitterMinDelayMs;
    return config;
}

// Starts two sessions that send to each other. Each gets its own SRTP keys (as SDES does).
bool startPair(MediaSession *&a, MediaSession *&b, const CallSettings &settings,
               const Media::EndpointFactory &factory, const QString &sourceA, const QString &sinkA,
               const QString &sourceB, const QString &sinkB, bool manualClock, QObject *parent)
{
    MediaSessionConfig configA = sessionConfig(settings, sourceA, sinkA);
    MediaSessionConfig configB = sessionConfig(settings, sourceB, sinkB);
    if (settings.srtp) {
        const auto suite = Media::SrtpCryptoSuite::AesCm128HmacSha1_80;
        const QString keyA = Media::SrtpKeyParams::generate(suite).toString();
        const QString keyB = Media::SrtpKeyParams::generate(suite).toString();
        for (MediaSessionConfig *config : { &configA, &configB })
            config->srtpSuite = Media::SrtpKeyParams::suiteName(suite);
        configA.srtpLocalKeyParams = keyA;
        configA.srtpRemoteKeyParams = keyB;
        configB.srtpLocalKeyParams = keyB;
        configB.srtpRemoteKeyParams = keyA;
    }
    // B first, sending nowhere useful until A's port is known; then A towards B.
    configB.remoteRtpPort = 9; // discard; updated below
    b = new MediaSession(QStringLiteral("b"), configB, factory, parent);
    b->setManualClock(manualClock);
    QString error;
    if (!b->start(&error)) {
        std::fprintf(stderr, "session b: %s\n", qPrintable(error));
        return false;
    }
    configA.remoteRtpPort = b->localPort();
    a = new MediaSession(QStringLiteral("a"), configA, factory, parent);
    a->setManualClock(manualClock);
    if (!a->start(&error)) {
        std::fprintf(stderr, "session a: %s\n", qPrintable(error));
        return false;
    }
    b->updateRemote(QHostAddress(QHostAddress::LocalHost), a->localPort(),
                    quint16(a->localPort() + 1), false);
    return true;
}

// One 20 ms tick of both sessions in virtual time, then the datagrams they sent.
void tick(MediaSession *a, MediaSession *b)
{
    a->advanceClock(20000);
    b->advanceClock(20000);
    QCoreApplication::processEvents(QEventLoop::AllEvents);
}

// ---------------------------------------------------------------------------------------
// cpu

struct RawOpus
{
    OpusEncoder *encoderA = nullptr;
    OpusEncoder *encoderB = nullptr;
    OpusDecoder *decoderA = nullptr;
    OpusDecoder *decoderB = nullptr;

    // The settings OpusCodec applies for fmtp "useinbandfec=1" (media/codec/OpusCodec.cpp).
    static OpusEncoder *makeEncoder()
    {
        int error = 0;
        OpusEncoder *encoder = opus_encoder_create(SampleRate, 1, OPUS_APPLICATION_VOIP, &error);
        opus_encoder_ctl(encoder, OPUS_SET_BITRATE(32000));
        opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(1));
        opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC(10));
        opus_encoder_ctl(encoder, OPUS_SET_DTX(1));
        opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
        return encoder;
    }
    RawOpus()
    {
        int error = 0;
        encoderA = makeEncoder();
        encoderB = makeEncoder();
        decoderA = opus_decoder_create(SampleRate, 1, &error);
        decoderB = opus_decoder_create(SampleRate, 1, &error);
    }
    ~RawOpus()
    {
        opus_encoder_destroy(encoderA);
        opus_encoder_destroy(encoderB);
        opus_decoder_destroy(decoderA);
        opus_decoder_destroy(decoderB);
    }
};

// The raw codec floor of `frames` ticks of a two-way call: each side encodes a frame and
// decodes the peer's, DTX frames (1-2 bytes) decoded as libopus callers do. Returns CPU ns.
std::int64_t runRaw(const std::vector<int16_t> &audioA, const std::vector<int16_t> &audioB,
                    int frames)
{
    RawOpus raw;
    unsigned char packet[1500];
    int16_t pcm[FrameSamples];
    std::size_t position = 0;
    long decoded = 0;
    const std::int64_t start = processCpuNs();
    for (int i = 0; i < frames; ++i) {
        const int16_t *frameA = audioA.data() + position;
        const int16_t *frameB = audioB.data() + position;
        position = (position + FrameSamples) % (audioA.size() - FrameSamples + 1);
        int size = opus_encode(raw.encoderA, frameA, FrameSamples, packet, sizeof packet);
        if (size > 0)
            decoded += opus_decode(raw.decoderB, packet, size, pcm, FrameSamples, 0);
        size = opus_encode(raw.encoderB, frameB, FrameSamples, packet, sizeof packet);
        if (size > 0)
            decoded += opus_decode(raw.decoderA, packet, size, pcm, FrameSamples, 0);
    }
    const std::int64_t cpu = processCpuNs() - start;
    if (decoded < long(frames) * FrameSamples)
        std::fprintf(stderr, "raw libopus: decoding failed\n");
    return cpu;
}

Media::EndpointFactory speechFactory(std::shared_ptr<const std::vector<int16_t>> audioA,
                                     std::shared_ptr<const std::vector<int16_t>> audioB)
{
    Media::EndpointFactory factory;
    factory.setSourceCreator(QStringLiteral("bench"),
                             [audioA, audioB](const QString &which, const AudioFormat &,
                                              QString *) -> std::unique_ptr<AudioSource> {
                                 return std::make_unique<BufferSource>(
                                         which == QLatin1String("a") ? audioA : audioB);
                             });
    return factory;
}

// The same ticks through two MediaSessions. Returns CPU ns (the whole process: Parlo's
// code, libopus, libsrtp and the kernel's UDP work, all on this one thread).
std::int64_t runPipeline(const Media::EndpointFactory &factory, const CallSettings &settings,
                         int frames, Media::MediaStatistics *statsA = nullptr)
{
    QObject owner;
    MediaSession *a = nullptr;
    MediaSession *b = nullptr;
    if (!startPair(a, b, settings, factory, QStringLiteral("bench:a"), QStringLiteral("null"),
                   QStringLiteral("bench:b"), QStringLiteral("null"), true, &owner))
        std::exit(2);
    const std::int64_t start = processCpuNs();
    for (int i = 0; i < frames; ++i)
        tick(a, b);
    const std::int64_t cpu = processCpuNs() - start;
    if (statsA)
        *statsA = a->statistics();
    a->stop();
    b->stop();
    return cpu;
}

int runCpu(double seconds, int repetitions, const CallSettings &settings)
{
    const int frames = int(seconds * 50);
    auto audioA = std::make_shared<const std::vector<int16_t>>(makeSpeechLike(30, 1));
    auto audioB = std::make_shared<const std::vector<int16_t>>(makeSpeechLike(30, 2));
    const Media::EndpointFactory factory = speechFactory(audioA, audioB);

    std::printf("cpu: Opus 48 kHz mono, 32 kbit/s, FEC on (10%% expected loss), DTX on, "
                "complexity %s; SRTP %s; %.0f s of two-way call per repetition\n",
                "libopus default", settings.srtp ? "AES_CM_128_HMAC_SHA1_80" : "off", seconds);
    // Warm-up (page faults, lazy symbol binding, first allocations).
    runRaw(*audioA, *audioB, 100);
    runPipeline(factory, settings, 100);

    std::vector<double> raw;
    std::vector<double> pipeline;
    std::vector<double> ratios;
    const double perMinute = 60.0 / seconds / 1e9 / 2.0; // CPU-s per call-minute per side
    for (int r = 0; r < repetitions; ++r) {
        // Interleaved, so a slow patch of the machine hits both.
        const double rawS = double(runRaw(*audioA, *audioB, frames)) * perMinute;
        Media::MediaStatistics stats;
        const double pipeS = double(runPipeline(factory, settings, frames, &stats)) * perMinute;
        raw.push_back(rawS);
        pipeline.push_back(pipeS);
        ratios.push_back(pipeS / rawS);
        std::printf("  repetition %d: raw libopus %.4f, Parlo pipeline %.4f CPU-s per "
                    "call-minute per side, ratio %.3f (packets sent %lld, received %lld, "
                    "lost %lld, concealed %lld)\n",
                    r + 1, rawS, pipeS, pipeS / rawS, stats.packetsSent, stats.packetsReceived,
                    stats.packetsLost, stats.concealedFrames);
        std::fflush(stdout);
    }
    const double ratio = median(ratios);
    std::printf("RESULT cpu raw_libopus_cpu_s_per_call_minute=%.4f "
                "parlo_pipeline_cpu_s_per_call_minute=%.4f ratio=%.3f target<=1.25 %s\n",
                median(raw), median(pipeline), ratio, ratio <= 1.25 ? "MET" : "NOT MET");
    return 0;
}

// ---------------------------------------------------------------------------------------
// memory

int runMemory(int minutes, bool check, long toleranceKiB, const CallSettings &settings)
{
    auto audioA = std::make_shared<const std::vector<int16_t>>(makeSpeechLike(30, 1));
    auto audioB = std::make_shared<const std::vector<int16_t>>(makeSpeechLike(30, 2));
    const Media::EndpointFactory factory = speechFactory(audioA, audioB);

    QObject owner;
    MediaSession *a = nullptr;
    MediaSession *b = nullptr;
    if (!startPair(a, b, settings, factory, QStringLiteral("bench:a"), QStringLiteral("null"),
                   QStringLiteral("bench:b"), QStringLiteral("null"), true, &owner))
        return 2;

    std::printf("memory: %d minutes of a two-way Opus call (SRTP %s) in virtual time; RSS and "
                "heap in use (malloc) after each minute\n",
                minutes, settings.srtp ? "on" : "off");
    std::printf("  minute 0: RSS %ld KiB, heap %ld KiB\n", rssKiB(), heapInUseBytes() / 1024);
    long heapAfterFirst = 0;
    long rssAfterFirst = 0;
    long heapMax = 0;
    long rssMax = 0;
    for (int minute = 1; minute <= minutes; ++minute) {
        for (int i = 0; i < 60 * 50; ++i) {
            tick(a, b);
            if (i % 50 == 0)
                (void)a->statistics(); // as a "stats" request does, once a second
        }
        const long heap = heapInUseBytes() / 1024;
        const long rss = rssKiB();
        const Media::MediaStatistics stats = a->statistics();
        std::printf("  minute %d: RSS %ld KiB, heap %ld KiB (packets sent %lld, received %lld)\n",
                    minute, rss, heap, stats.packetsSent, stats.packetsReceived);
        std::fflush(stdout);
        if (minute == 1) {
            heapAfterFirst = heap;
            rssAfterFirst = rss;
        }
        heapMax = std::max(heapMax, heap);
        rssMax = std::max(rssMax, rss);
    }
    a->stop();
    b->stop();
    const long heapGrowth = heapMax - heapAfterFirst;
    const long rssGrowth = rssMax - rssAfterFirst;
    const bool ok = heapGrowth <= toleranceKiB;
    std::printf("RESULT memory minutes=%d heap_growth_after_minute1_kib=%ld "
                "rss_growth_after_minute1_kib=%ld tolerance_kib=%ld %s\n",
                minutes, heapGrowth, rssGrowth, toleranceKiB, ok ? "STEADY" : "GROWING");
    return check && !ok ? 1 : 0;
}

// ---------------------------------------------------------------------------------------
// latency

using SteadyClock = std::chrono::steady_clock;

double secondsSince(SteadyClock::time_point origin, SteadyClock::time_point t)
{
    return std::chrono::duration<double>(t - origin).count();
}

// Click times on the shared clock, filled by the endpoints (all on this thread).
struct ClickLog
{
    SteadyClock::time_point origin = SteadyClock::now();
    std::vector<double> sent; // when each click's first sample was "spoken"
    std::vector<double> heard; // when the receiver's sink "played" a click's first sample
};

// A 5 ms 1 kHz burst every `intervalMs`, at a sample offset within its frame that varies
// from click to click. A frame read at time t holds audio captured over the 20 ms before t
// (as a device hands over a frame once its last sample is in), so sample o was "spoken" at
// t - (frameSamples - o) / rate.
class ClickSource : public AudioSource
{
public:
    ClickSource(ClickLog *log, int intervalMs)
        : m_log(log)
        , m_interval(std::size_t(intervalMs) * SampleRate / 1000)
    {
        m_nextClick = m_interval / 2;
    }
    AudioFormat format() const override { return { SampleRate, 1 }; }
    ReadResult readFrame(std::span<int16_t> frame) override
    {
        const auto now = SteadyClock::now();
        const std::size_t burst = SampleRate / 200;
        for (std::size_t i = 0; i < frame.size(); ++i, ++m_position) {
            if (m_position == m_nextClick)
                m_log->sent.push_back(secondsSince(m_log->origin, now)
                                      - double(frame.size() - i) / SampleRate);
            double sample = 0.0;
            if (m_position >= m_nextClick && m_position < m_nextClick + burst)
                sample = 16000.0
                        * std::sin(2.0 * std::numbers::pi * 1000.0
                                   * double(m_position - m_nextClick) / SampleRate);
            frame[i] = int16_t(sample);
            if (m_position == m_nextClick + burst)
                m_nextClick += m_interval + (m_nextClick * 7919) % 401; // vary the offset
        }
        return ReadResult::Frame;
    }

private:
    ClickLog *m_log;
    std::size_t m_interval;
    std::size_t m_nextClick = 0;
    std::size_t m_position = 0;
};

// Detects click onsets (|x| crosses a threshold after 50 ms of quiet). A frame written at
// time u starts playing at u (a device plays what it is handed), so sample p plays at
// u + p / rate.
class ClickSink : public AudioSink
{
public:
    explicit ClickSink(ClickLog *log)
        : m_log(log)
    {
    }
    AudioFormat format() const override { return { SampleRate, 1 }; }
    bool writeFrame(std::span<const int16_t> frame) override
    {
        const auto now = SteadyClock::now();
        for (std::size_t i = 0; i < frame.size(); ++i) {
            if (std::abs(int(frame[i])) >= Threshold) {
                if (m_quiet >= SampleRate / 20)
                    m_log->heard.push_back(secondsSince(m_log->origin, now)
                                           + double(i) / SampleRate);
                m_quiet = 0;
            } else {
                ++m_quiet;
            }
        }
        return true;
    }

private:
    static constexpr int Threshold = 4000;
    ClickLog *m_log;
    std::size_t m_quiet = 0;
};

int runLatency(int runs, double secondsPerRun, const CallSettings &settings)
{
    std::vector<double> latencies;
    int unmatched = 0;
    qint64 concealed = 0;
    qint64 frames = 0;
    std::printf("latency: real time, loopback, default jitter buffer (min %d ms), Opus, SRTP "
                "%s; %d runs of %.1f s, the receiver's frame clock started 0..20 ms after the "
                "sender's (a different phase each run)\n",
                settings.jitterMinDelayMs, settings.srtp ? "on" : "off", runs, secondsPerRun);
    for (int run = 0; run < runs; ++run) {
        ClickLog log;
        Media::EndpointFactory factory;
        factory.setSourceCreator(QStringLiteral("click"),
                                 [&log](const QString &, const AudioFormat &,
                                        QString *) -> std::unique_ptr<AudioSource> {
                                     return std::make_unique<ClickSource>(&log, 300);
                                 });
        factory.setSinkCreator(QStringLiteral("click"),
                               [&log](const QString &, const AudioFormat &,
                                      QString *) -> std::unique_ptr<AudioSink> {
                                   return std::make_unique<ClickSink>(&log);
                               });
        QObject owner;
        MediaSessionConfig receiverConfig
                = sessionConfig(settings, QStringLiteral("null"), QStringLiteral("click"));
        MediaSessionConfig senderConfig
                = sessionConfig(settings, QStringLiteral("click"), QStringLiteral("null"));
        if (settings.srtp) {
            const auto suite = Media::SrtpCryptoSuite::AesCm128HmacSha1_80;
            const QString keyS = Media::SrtpKeyParams::generate(suite).toString();
            const QString keyR = Media::SrtpKeyParams::generate(suite).toString();
            senderConfig.srtpSuite = receiverConfig.srtpSuite
                    = Media::SrtpKeyParams::suiteName(suite);
            senderConfig.srtpLocalKeyParams = receiverConfig.srtpRemoteKeyParams = keyS;
            senderConfig.srtpRemoteKeyParams = receiverConfig.srtpLocalKeyParams = keyR;
        }
        receiverConfig.remoteRtpPort = 9;
        auto *receiver
                = new MediaSession(QStringLiteral("receiver"), receiverConfig, factory, &owner);
        QString error;
        if (!receiver->start(&error)) {
            std::fprintf(stderr, "receiver: %s\n", qPrintable(error));
            return 2;
        }
        // The phase between the two frame clocks: the sender starts 20 ms * (1 - k/runs)
        // after the receiver, so the receiver's ticks fall 0..20 ms after the sender's.
        const int phaseUs = 20000 - 20000 * run / std::max(1, runs);
        QElapsedTimer wait;
        wait.start();
        while (wait.nsecsElapsed() / 1000 < phaseUs) { }
        senderConfig.remoteRtpPort = receiver->localPort();
        auto *sender = new MediaSession(QStringLiteral("sender"), senderConfig, factory, &owner);
        if (!sender->start(&error)) {
            std::fprintf(stderr, "sender: %s\n", qPrintable(error));
            return 2;
        }
        QEventLoop loop;
        QTimer::singleShot(int(secondsPerRun * 1000), &loop, &QEventLoop::quit);
        loop.exec();
        const Media::MediaStatistics stats = receiver->statistics();
        sender->stop();
        receiver->stop();

        // Pair each sent click with the first onset heard after it (and before the next).
        std::vector<double> runLatencies;
        std::size_t h = 0;
        for (std::size_t s = 0; s < log.sent.size(); ++s) {
            const double next = s + 1 < log.sent.size() ? log.sent[s + 1] : 1e9;
            while (h < log.heard.size() && log.heard[h] < log.sent[s])
                ++h;
            if (h < log.heard.size() && log.heard[h] < next) {
                runLatencies.push_back((log.heard[h] - log.sent[s]) * 1000.0);
                ++h;
            } else if (log.sent[s] < secondsPerRun - 0.5) {
                ++unmatched; // not heard (the last ones may still be in flight)
            }
        }
        std::printf("  run %d (receiver ticks %.1f ms after the sender's): %zu clicks, median "
                    "%.1f ms, jitter buffer target %d ms, %lld of %lld frames concealed\n",
                    run + 1, (20000 - phaseUs) / 1000.0, runLatencies.size(), median(runLatencies),
                    stats.jitterBufferTargetDelayMs, stats.concealedFrames, stats.packetsReceived);
        concealed += stats.concealedFrames;
        frames += stats.packetsReceived;
        std::fflush(stdout);
        latencies.insert(latencies.end(), runLatencies.begin(), runLatencies.end());
    }
    const double med = median(latencies);
    std::printf("RESULT latency jitter_min_ms=%d clicks=%zu unmatched=%d median_ms=%.1f "
                "p95_ms=%.1f min_ms=%.1f max_ms=%.1f concealed_frames=%lld/%lld "
                "target_median<=50 %s\n",
                settings.jitterMinDelayMs, latencies.size(), unmatched, med,
                percentile(latencies, 0.95),
                latencies.empty() ? 0.0 : *std::min_element(latencies.begin(), latencies.end()),
                latencies.empty() ? 0.0 : *std::max_element(latencies.begin(), latencies.end()),
                concealed, frames, med <= 50.0 && !latencies.empty() ? "MET" : "NOT MET");
    return latencies.empty() ? 1 : 0;
}

void usage()
{
    std::fprintf(stderr,
                 "usage: bench_media cpu [--seconds S] [--repetitions R] [--no-srtp]\n"
                 "       bench_media memory [--minutes M] [--check] [--tolerance-kib K] "
                 "[--no-srtp]\n"
                 "       bench_media latency [--runs N] [--seconds S] [--jitter-min-ms MS] "
                 "[--no-srtp]\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The sessions log start/stop at info level; keep the output to the figures.
    QLoggingCategory::setFilterRules(QStringLiteral("parlo.media.*.info=false"));
    if (argc < 2) {
        usage();
        return 2;
    }
    const std::string mode = argv[1];
    double seconds = -1.0;
    int repetitions = 5;
    int minutes = 10;
    int runs = 10;
    bool check = false;
    long toleranceKiB = 64;
    CallSettings settings;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                usage();
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--seconds")
            seconds = std::atof(value());
        else if (arg == "--repetitions")
            repetitions = std::max(1, std::atoi(value()));
        else if (arg == "--minutes")
            minutes = std::max(1, std::atoi(value()));
        else if (arg == "--runs")
            runs = std::max(1, std::atoi(value()));
        else if (arg == "--check")
            check = true;
        else if (arg == "--tolerance-kib")
            toleranceKiB = std::atol(value());
        else if (arg == "--no-srtp")
            settings.srtp = false;
        else if (arg == "--jitter-min-ms")
            settings.jitterMinDelayMs = std::max(0, std::atoi(value()));
        else {
            usage();
            return 2;
        }
    }
    if (mode == "cpu")
        return runCpu(seconds > 0 ? seconds : 60.0, repetitions, settings);
    if (mode == "memory")
        return runMemory(minutes, check, toleranceKiB, settings);
    if (mode == "latency")
        return runLatency(runs, seconds > 0 ? seconds : 6.0, settings);
    usage();
    return 2;
}
