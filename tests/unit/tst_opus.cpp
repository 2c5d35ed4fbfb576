// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/CodecFactory.h"
#include "codec/OpusCodec.h"
#include "dsp/Goertzel.h"
#include "dsp/ToneGenerator.h"

#include <QTest>

#include <cmath>
#include <vector>

using Media::Goertzel;
using Media::OpusCodec;
using Media::ToneGenerator;

namespace {

constexpr int Rate = OpusCodec::SampleRate;
constexpr int Frame = OpusCodec::FrameSamples;
constexpr int MaxPacket = 1500;

// Mean square of a block, in int16 units squared.
double meanSquare(const int16_t *samples, int count)
{
    double sum = 0.0;
    for (int i = 0; i < count; ++i)
        sum += double(samples[i]) * samples[i];
    return count > 0 ? sum / count : 0.0;
}

double decibels(double ratio)
{
    return 10.0 * std::log10(ratio);
}

std::vector<int16_t> tone(double frequency, double amplitude, int frames)
{
    std::vector<int16_t> pcm(std::size_t(frames * Frame));
    ToneGenerator generator(Rate, ToneGenerator::sine(frequency, amplitude));
    generator.generate(pcm.data(), int(pcm.size()));
    return pcm;
}

// Encodes `pcm` frame by frame into packets.
std::vector<std::vector<uint8_t>> encodeAll(OpusCodec &codec, const std::vector<int16_t> &pcm)
{
    std::vector<std::vector<uint8_t>> packets;
    uint8_t buffer[MaxPacket];
    for (std::size_t offset = 0; offset + Frame <= pcm.size(); offset += Frame) {
        const int bytes = codec.encode(pcm.data() + offset, Frame, buffer, MaxPacket);
        if (bytes <= 0)
            return {};
        packets.emplace_back(buffer, buffer + bytes);
    }
    return packets;
}

} // namespace

class TestOpus : public QObject
{
    Q_OBJECT

private slots:
    void properties();
    void toneRoundTrip();
    void dtxOnSilence();
    void concealmentLengthAndDecay();
    void fecRecoversLostPacket();
    void fecRejectsCeltOnlyPacket();
    void stereoDecode();
    void bitrateSetting();
    void badArguments();
    void fmtp();
    void factory();
};

void TestOpus::properties()
{
    OpusCodec codec;
    QVERIFY2(codec.isValid(), qPrintable(codec.errorString()));
    QCOMPARE(codec.name(), QStringLiteral("opus"));
    QCOMPARE(codec.clockRate(), 48000);
    QCOMPARE(codec.sampleRate(), 48000);
    QCOMPARE(codec.channels(), 1);
    QCOMPARE(codec.encodeChannels(), 1);
    QCOMPARE(codec.frameDurationMs(), 20);
    QCOMPARE(codec.frameSamples(), 960);
    QVERIFY(codec.supportsFec());
    QVERIFY(codec.config().inbandFec);
    QVERIFY(codec.config().dtx);
}

void TestOpus::toneRoundTrip()
{
    OpusCodec codec;
    const std::vector<int16_t> input = tone(1000.0, 0.3, 50);
    const auto packets = encodeAll(codec, input);
    QCOMPARE(packets.size(), std::size_t(50));

    std::vector<int16_t> output(input.size());
    for (std::size_t i = 0; i < packets.size(); ++i) {
        const int samples = codec.decode(packets[i].data(), int(packets[i].size()),
                                         output.data() + i * Frame, Frame);
        QCOMPARE(samples, Frame);
    }
    // Judge the second half, well past the codec's start-up.
    const int16_t *tail = output.data() + output.size() / 2;
    const int count = int(output.size() / 2);
    QCOMPARE(Goertzel::dominantFrequency(tail, count, Rate, 100.0, 4000.0, 10.0), 1000.0);
    QVERIFY2(Goertzel::relativePower(tail, count, 1000.0, Rate) > 0.9,
             qPrintable(QString::number(Goertzel::relativePower(tail, count, 1000.0, Rate))));
    const double amplitude = Goertzel::amplitude(tail, count, 1000.0, Rate);
    QVERIFY2(std::abs(amplitude / (0.3 * 32767) - 1.0) < 0.2,
             qPrintable(QString::number(amplitude)));
}

void TestOpus::dtxOnSilence()
{
    OpusCodec codec;
    const std::vector<int16_t> speech = tone(440.0, 0.3, 10);
    const auto speechPackets = encodeAll(codec, speech);
    for (const auto &packet : speechPackets)
        QVERIFY(packet.size() > 20);

    const std::vector<int16_t> silence(std::size_t(100 * Frame), 0); // 2 s
    const auto packets = encodeAll(codec, silence);
    QCOMPARE(packets.size(), std::size_t(100));
    // Once DTX engages (a few hundred ms of hangover), frames are at most 2 octets: nothing
    // to send (RFC 7587 §3.1.3), with a refresh frame every 400 ms.
    int tiny = 0;
    for (std::size_t i = 25; i < packets.size(); ++i) {
        if (packets[i].size() <= 2)
            ++tiny;
    }
    QVERIFY2(tiny >= 65, qPrintable(QStringLiteral("%1 of 75 frames tiny").arg(tiny)));

    OpusCodec noDtx(OpusCodec::Config { .dtx = false });
    const auto full = encodeAll(noDtx, silence);
    int fullTiny = 0;
    for (std::size_t i = 25; i < full.size(); ++i) {
        if (full[i].size() <= 2)
            ++fullTiny;
    }
    QCOMPARE(fullTiny, 0);
}

void TestOpus::concealmentLengthAndDecay()
{
    OpusCodec codec;
    const std::vector<int16_t> input = tone(500.0, 0.3, 25);
    const auto packets = encodeAll(codec, input);
    std::vector<int16_t> frame(Frame);
    for (const auto &packet : packets)
        QCOMPARE(codec.decode(packet.data(), int(packet.size()), frame.data(), Frame), Frame);
    const double before = meanSquare(frame.data(), Frame);

    std::vector<double> energies;
    for (int i = 0; i < 12; ++i) {
        QCOMPARE(codec.conceal(frame.data(), Frame), Frame);
        energies.push_back(meanSquare(frame.data(), Frame));
    }
    // The first concealed frame continues the signal; long losses fade towards silence.
    QVERIFY2(energies.front() > before * 0.25,
             qPrintable(QStringLiteral("%1 vs %2").arg(energies.front()).arg(before)));
    QVERIFY2(energies.back() < energies.front() * 0.1,
             qPrintable(QStringLiteral("%1 vs %2").arg(energies.back()).arg(energies.front())));
    QVERIFY(codec.conceal(frame.data(), Frame - 1) == -1); // capacity too small
}

void TestOpus::fecRecoversLostPacket()
{
    // The tone changes from 1000 Hz to 600 Hz exactly at the lost frame, so concealment
    // (which extrapolates the past) and FEC (which carries the lost frame itself) differ.
    constexpr std::size_t Lost = 30;
    std::vector<int16_t> input = tone(1000.0, 0.3, 50);
    const std::vector<int16_t> second = tone(600.0, 0.3, 50);
    std::copy(second.begin() + Lost * Frame, second.end(), input.begin() + Lost * Frame);

    auto encode = [&](bool fec) {
        OpusCodec::Config config;
        config.inbandFec = fec;
        config.packetLossPercent = 20;
        OpusCodec encoder(config);
        return encodeAll(encoder, input);
    };
    const auto packets = encode(true);
    QCOMPARE(packets.size(), std::size_t(50));

    // Reference: everything received.
    OpusCodec reference;
    std::vector<int16_t> expected(input.size());
    for (std::size_t i = 0; i < packets.size(); ++i)
        reference.decode(packets[i].data(), int(packets[i].size()), expected.data() + i * Frame,
                         Frame);

    enum class Recovery { Fec, Conceal };
    auto run = [&](const std::vector<std::vector<uint8_t>> &stream, Recovery recovery,
                   std::vector<int16_t> &out) {
        OpusCodec decoder;
        for (std::size_t i = 0; i < stream.size(); ++i) {
            int16_t *frame = out.data() + i * Frame;
            int samples = 0;
            if (i == Lost) {
                samples = recovery == Recovery::Fec ? decoder.decodeFec(
                                  stream[i + 1].data(), int(stream[i + 1].size()), frame, Frame)
                                                    : decoder.conceal(frame, Frame);
            } else {
                samples = decoder.decode(stream[i].data(), int(stream[i].size()), frame, Frame);
            }
            if (samples != Frame)
                return false;
        }
        return true;
    };
    std::vector<int16_t> recovered(input.size());
    QVERIFY(run(packets, Recovery::Fec, recovered));
    std::vector<int16_t> concealed(input.size());
    QVERIFY(run(packets, Recovery::Conceal, concealed));

    // Judge the last 15 ms of the lost frame (the first 5 ms overlap the switch because of
    // the codec's look-ahead).
    constexpr int Skip = Frame / 4;
    constexpr int Span = Frame - Skip;
    const int16_t *lostOriginal = expected.data() + Lost * Frame + Skip;
    const int16_t *lostRecovered = recovered.data() + Lost * Frame + Skip;
    const int16_t *lostConcealed = concealed.data() + Lost * Frame + Skip;
    const double ratioDb
            = decibels(meanSquare(lostRecovered, Span) / meanSquare(lostOriginal, Span));
    qInfo("FEC frame energy vs original: %.2f dB; 600 Hz share: original %.2f, FEC %.2f, PLC %.2f",
          ratioDb, Goertzel::relativePower(lostOriginal, Span, 600.0, Rate),
          Goertzel::relativePower(lostRecovered, Span, 600.0, Rate),
          Goertzel::relativePower(lostConcealed, Span, 600.0, Rate));
    QVERIFY2(std::abs(ratioDb) < 3.0, qPrintable(QString::number(ratioDb)));
    // The reference itself is not a pure 600 Hz here (the switch smears over the frame).
    QVERIFY(Goertzel::relativePower(lostRecovered, Span, 600.0, Rate) > 0.5);
    QVERIFY(Goertzel::relativePower(lostConcealed, Span, 600.0, Rate) < 0.3);

    // The frames after the loss decode normally again.
    const int16_t *after = recovered.data() + (Lost + 2) * Frame;
    const double afterDb = decibels(meanSquare(after, Frame)
                                    / meanSquare(expected.data() + (Lost + 2) * Frame, Frame));
    QVERIFY2(std::abs(afterDb) < 1.0, qPrintable(QString::number(afterDb)));

    // Without in-band FEC the next packet has nothing to offer: libopus falls back to PLC.
    const auto plain = encode(false);
    std::vector<int16_t> noFec(input.size());
    QVERIFY(run(plain, Recovery::Fec, noFec));
    QVERIFY(Goertzel::relativePower(noFec.data() + Lost * Frame + Skip, Span, 600.0, Rate) < 0.3);
}

void TestOpus::fecRejectsCeltOnlyPacket()
{
    OpusCodec codec;
    // TOC config 31: CELT-only fullband 20 ms (RFC 6716 §3.1), cannot carry LBRR.
    const uint8_t celt[] = { uint8_t(31 << 3), 0x00, 0x00 };
    int16_t out[Frame];
    QCOMPARE(codec.decodeFec(celt, int(sizeof celt), out, Frame), -1);
}

void TestOpus::stereoDecode()
{
    OpusCodec::Config config;
    config.encodeChannels = 2;
    config.decodeChannels = 2;
    OpusCodec codec(config);
    QVERIFY(codec.isValid());
    QCOMPARE(codec.channels(), 2);

    // Left 600 Hz, right 1500 Hz.
    std::vector<int16_t> left = tone(600.0, 0.3, 25);
    std::vector<int16_t> right = tone(1500.0, 0.3, 25);
    std::vector<int16_t> stereo(left.size() * 2);
    for (std::size_t i = 0; i < left.size(); ++i) {
        stereo[2 * i] = left[i];
        stereo[2 * i + 1] = right[i];
    }
    std::vector<int16_t> decoded(stereo.size());
    std::vector<std::vector<uint8_t>> packets;
    uint8_t buffer[MaxPacket];
    for (int f = 0; f < 25; ++f) {
        const int bytes = codec.encode(stereo.data() + f * Frame * 2, Frame, buffer, MaxPacket);
        QVERIFY(bytes > 0);
        packets.emplace_back(buffer, buffer + bytes);
        QCOMPARE(codec.decode(buffer, bytes, decoded.data() + f * Frame * 2, Frame * 2), Frame);
    }
    std::vector<int16_t> outLeft(left.size()), outRight(left.size());
    for (std::size_t i = 0; i < left.size(); ++i) {
        outLeft[i] = decoded[2 * i];
        outRight[i] = decoded[2 * i + 1];
    }
    const int half = int(left.size() / 2);
    QCOMPARE(Goertzel::dominantFrequency(outLeft.data() + half, half, Rate, 100.0, 3000.0, 50.0),
             600.0);
    QCOMPARE(Goertzel::dominantFrequency(outRight.data() + half, half, Rate, 100.0, 3000.0, 50.0),
             1500.0);

    // A mono decoder (no sprop-stereo) gets the downmix: both tones.
    OpusCodec mono;
    std::vector<int16_t> downmix(left.size());
    for (std::size_t f = 0; f < packets.size(); ++f)
        QCOMPARE(mono.decode(packets[f].data(), int(packets[f].size()), downmix.data() + f * Frame,
                             Frame),
                 Frame);
    QVERIFY(Goertzel::relativePower(downmix.data() + half, half, 600.0, Rate) > 0.3);
    QVERIFY(Goertzel::relativePower(downmix.data() + half, half, 1500.0, Rate) > 0.3);
}

void TestOpus::bitrateSetting()
{
    auto averageSize = [](int bitrate) {
        OpusCodec codec(OpusCodec::Config { .bitrate = bitrate, .inbandFec = false, .dtx = false });
        const auto packets = encodeAll(codec, tone(700.0, 0.3, 50));
        double total = 0;
        for (std::size_t i = 10; i < packets.size(); ++i)
            total += double(packets[i].size());
        return total / double(packets.size() - 10);
    };
    const double low = averageSize(12000);
    const double high = averageSize(64000);
    // 12 kbit/s is 30 octets per 20 ms, 64 kbit/s 160 octets (VBR allows some slack).
    QVERIFY2(low < 45.0, qPrintable(QString::number(low)));
    QVERIFY2(high > 2.0 * low, qPrintable(QStringLiteral("%1 vs %2").arg(high).arg(low)));

    OpusCodec codec;
    QVERIFY(codec.setBitrate(20000));
    QCOMPARE(codec.config().bitrate, 20000);
    QVERIFY(codec.setBitrate(1)); // clamped to the RFC 7587 minimum
    QCOMPARE(codec.config().bitrate, 6000);
    QVERIFY(codec.setPacketLossPercent(150));
    QCOMPARE(codec.config().packetLossPercent, 100);
}

void TestOpus::badArguments()
{
    OpusCodec codec;
    std::vector<int16_t> pcm(Frame, 0);
    uint8_t out[MaxPacket];
    QCOMPARE(codec.encode(pcm.data(), 123, out, MaxPacket), -1); // not an Opus frame size
    QCOMPARE(codec.encode(nullptr, Frame, out, MaxPacket), -1);
    const uint8_t garbage[] = { 0xFF, 0xFF, 0xFF }; // code 3 with an impossible frame count
    QCOMPARE(codec.decode(garbage, 0, pcm.data(), Frame), -1);
    int16_t small[10];
    const int bytes = codec.encode(pcm.data(), Frame, out, MaxPacket);
    QVERIFY(bytes > 0);
    QCOMPARE(codec.decode(out, bytes, small, 10), -1); // output too small for 20 ms

    OpusCodec bad(OpusCodec::Config { .encodeChannels = 3 });
    QVERIFY(!bad.isValid());
    QVERIFY(!bad.errorString().isEmpty());
    QCOMPARE(bad.encode(pcm.data(), Frame, out, MaxPacket), -1);
}

void TestOpus::fmtp()
{
    const OpusCodec::Config plain = OpusCodec::Config::fromFmtp("");
    QCOMPARE(plain.encodeChannels, 1);
    QCOMPARE(plain.decodeChannels, 1);

    const OpusCodec::Config config
            = OpusCodec::Config::fromFmtp("minptime=10; useinbandfec=0;stereo=1; sprop-stereo=1; "
                                          "usedtx=0; maxaveragebitrate=20000");
    QCOMPARE(config.encodeChannels, 2);
    QCOMPARE(config.decodeChannels, 2);
    QVERIFY(!config.inbandFec);
    QVERIFY(!config.dtx);
    QCOMPARE(config.bitrate, 20000);

    // maxaveragebitrate only caps; it never raises our own setting.
    const OpusCodec::Config capped = OpusCodec::Config::fromFmtp("maxaveragebitrate=128000");
    QCOMPARE(capped.bitrate, OpusCodec::Config().bitrate);
    QCOMPARE(OpusCodec::Config::fromFmtp("maxaveragebitrate=junk").bitrate,
             OpusCodec::Config().bitrate);
}

void TestOpus::factory()
{
    auto codec = Media::CodecFactory::create(u"OPUS", 48000, 2, "sprop-stereo=1");
    QVERIFY(codec);
    QCOMPARE(codec->name(), QStringLiteral("opus"));
    QCOMPARE(codec->channels(), 2);
    QCOMPARE(codec->encodeChannels(), 1);
    QVERIFY(!Media::CodecFactory::create(u"opus", 16000, 2));
    QVERIFY(Media::CodecFactory::isSupported(u"opus", 48000, 2));
}

QTEST_GUILESS_MAIN(TestOpus)
#include "tst_opus.moc"
