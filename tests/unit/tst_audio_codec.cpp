// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/CodecFactory.h"
#include "codec/G711Codec.h"
#include "codec/TelephoneEvent.h"
#include "codec/TelephoneEventReceiver.h"
#include "codec/TelephoneEventSender.h"
#include "dsp/Goertzel.h"
#include "dsp/ToneGenerator.h"

#include <QTest>

#include <cmath>
#include <numbers>
#include <vector>

using Media::G711;
using Media::G711Codec;
using Media::TelephoneEvent;
using Media::TelephoneEventReceiver;
using Media::TelephoneEventSender;

namespace {

double meanSquare(const int16_t *samples, int count)
{
    double sum = 0.0;
    for (int i = 0; i < count; ++i)
        sum += double(samples[i]) * samples[i];
    return count > 0 ? sum / count : 0.0;
}

} // namespace

class TestAudioCodec : public QObject
{
    Q_OBJECT

private slots:
    void g711Properties();
    void g711Frames_data();
    void g711Frames();
    void g711ToneRoundTrip();
    void g711ConcealRepeatsWithFade();
    void g711ConcealWithoutHistoryIsSilence();
    void g711BadArguments();

    void eventPayloadRoundTrip();
    void eventPayloadParse();
    void eventDigits();
    void senderSequence();
    void senderAt48kHz();
    void senderStopEarly();
    void senderBusy();
    void receiverDedupe();
    void receiverLostStart();
    void receiverLateAndWrap();

    void factory();
};

void TestAudioCodec::g711Properties()
{
    G711Codec pcmu(G711::Law::MuLaw);
    QCOMPARE(pcmu.name(), QStringLiteral("PCMU"));
    QCOMPARE(pcmu.clockRate(), 8000);
    QCOMPARE(pcmu.sampleRate(), 8000);
    QCOMPARE(pcmu.channels(), 1);
    QCOMPARE(pcmu.frameSamples(), 160);
    QVERIFY(!pcmu.supportsFec());
    G711Codec pcma(G711::Law::ALaw);
    QCOMPARE(pcma.name(), QStringLiteral("PCMA"));
    int16_t out[160];
    const uint8_t payload[] = { 0xD5 };
    QCOMPARE(pcma.decodeFec(payload, 1, out, 160), -1);
}

void TestAudioCodec::g711Frames_data()
{
    QTest::addColumn<bool>("muLaw");
    QTest::newRow("PCMU") << true;
    QTest::newRow("PCMA") << false;
}

void TestAudioCodec::g711Frames()
{
    QFETCH(bool, muLaw);
    const G711::Law law = muLaw ? G711::Law::MuLaw : G711::Law::ALaw;
    G711Codec codec(law);
    std::vector<int16_t> pcm(160);
    for (int i = 0; i < 160; ++i)
        pcm[std::size_t(i)] = int16_t((i - 80) * 400);
    uint8_t payload[160];
    QCOMPARE(codec.encode(pcm.data(), 160, payload, 160), 160);
    // One octet per sample, exactly the G711 functions' codes.
    for (int i = 0; i < 160; ++i) {
        const quint8 expected = muLaw ? G711::linearToMuLaw(pcm[std::size_t(i)])
                                      : G711::linearToALaw(pcm[std::size_t(i)]);
        QCOMPARE(payload[i], expected);
    }
    std::vector<int16_t> decoded(160);
    QCOMPARE(codec.decode(payload, 160, decoded.data(), 160), 160);
    for (int i = 0; i < 160; ++i) {
        const qint16 expected
                = muLaw ? G711::muLawToLinear(payload[i]) : G711::aLawToLinear(payload[i]);
        QCOMPARE(decoded[std::size_t(i)], expected);
    }
    // Other packet sizes (10 ms) work as well.
    QCOMPARE(codec.encode(pcm.data(), 80, payload, 160), 80);
    QCOMPARE(codec.decode(payload, 80, decoded.data(), 160), 80);
}

void TestAudioCodec::g711ToneRoundTrip()
{
    G711Codec codec(G711::Law::ALaw);
    Media::ToneGenerator generator(8000, Media::ToneGenerator::sine(1000.0, 0.5));
    std::vector<int16_t> pcm(160 * 10);
    generator.generate(pcm.data(), int(pcm.size()));
    std::vector<int16_t> out(pcm.size());
    uint8_t payload[160];
    for (std::size_t f = 0; f < 10; ++f) {
        QCOMPARE(codec.encode(pcm.data() + f * 160, 160, payload, 160), 160);
        QCOMPARE(codec.decode(payload, 160, out.data() + f * 160, 160), 160);
    }
    QCOMPARE(Media::Goertzel::dominantFrequency(out.data(), int(out.size()), 8000, 100.0, 3900.0,
                                                10.0),
             1000.0);
    QVERIFY(Media::Goertzel::relativePower(out.data(), int(out.size()), 1000.0, 8000) > 0.99);
}

void TestAudioCodec::g711ConcealRepeatsWithFade()
{
    G711Codec codec(G711::Law::MuLaw);
    std::vector<int16_t> pcm(160, 0);
    for (int i = 0; i < 160; ++i)
        pcm[std::size_t(i)]
                = int16_t(8000 * std::sin(2 * std::numbers::pi * 400 * i / 8000.0)); // 20 periods
    uint8_t payload[160];
    codec.encode(pcm.data(), 160, payload, 160);
    std::vector<int16_t> last(160);
    codec.decode(payload, 160, last.data(), 160);

    std::vector<int16_t> frame(160);
    QCOMPARE(codec.conceal(frame.data(), 160), 160);
    // The first concealed frame is the last frame, faded from full gain to 1 - FadeStep.
    QCOMPARE(frame[0], last[0]);
    for (int i = 0; i < 160; ++i) {
        const double gain = 1.0 - G711Codec::FadeStep * i / 160.0;
        QVERIFY(std::abs(frame[std::size_t(i)] - last[std::size_t(i)] * gain) <= 1.0);
    }
    double previous = meanSquare(frame.data(), 160);
    QVERIFY(previous > 0.5 * meanSquare(last.data(), 160));
    // Each further frame is quieter, and after 1 / FadeStep frames there is silence.
    for (int n = 1; n < 4; ++n) {
        QCOMPARE(codec.conceal(frame.data(), 160), 160);
        const double energy = meanSquare(frame.data(), 160);
        QVERIFY(energy < previous);
        previous = energy;
    }
    QCOMPARE(codec.conceal(frame.data(), 160), 160);
    QCOMPARE(meanSquare(frame.data(), 160), 0.0);

    // A good packet restores full gain.
    codec.decode(payload, 160, last.data(), 160);
    QCOMPARE(codec.conceal(frame.data(), 160), 160);
    QCOMPARE(frame[0], last[0]);
}

void TestAudioCodec::g711ConcealWithoutHistoryIsSilence()
{
    G711Codec codec(G711::Law::ALaw);
    std::vector<int16_t> frame(160, 1234);
    QCOMPARE(codec.conceal(frame.data(), 160), 160);
    QCOMPARE(meanSquare(frame.data(), 160), 0.0);
}

void TestAudioCodec::g711BadArguments()
{
    G711Codec codec(G711::Law::MuLaw);
    int16_t pcm[160] = {};
    uint8_t payload[160] = {};
    QCOMPARE(codec.encode(pcm, 160, payload, 100), -1);
    QCOMPARE(codec.decode(payload, 160, pcm, 100), -1);
    QCOMPARE(codec.conceal(pcm, 159), -1);
    QCOMPARE(codec.encode(nullptr, 160, payload, 160), -1);
}

void TestAudioCodec::eventPayloadRoundTrip()
{
    TelephoneEvent event;
    event.event = 11; // '#'
    event.end = true;
    event.volume = 10;
    event.duration = 0x1234;
    uint8_t buffer[4];
    QVERIFY(event.write(buffer, 4));
    // RFC 4733 §2.3 layout: event | E R volume | duration (network order).
    QCOMPARE(buffer[0], uint8_t(11));
    QCOMPARE(buffer[1], uint8_t(0x80 | 10));
    QCOMPARE(buffer[2], uint8_t(0x12));
    QCOMPARE(buffer[3], uint8_t(0x34));
    QCOMPARE(TelephoneEvent::parse(buffer, 4), event);

    QVERIFY(!event.write(buffer, 3));
    event.volume = 64;
    QVERIFY(!event.write(buffer, 4));
}

void TestAudioCodec::eventPayloadParse()
{
    const uint8_t withReserved[] = { 5, 0x40 | 0x3F, 0x00, 0xA0 }; // R set: ignored
    const auto parsed = TelephoneEvent::parse(withReserved, 4);
    QVERIFY(parsed);
    QCOMPARE(parsed->event, quint8(5));
    QVERIFY(!parsed->end);
    QCOMPARE(parsed->volume, quint8(63));
    QCOMPARE(parsed->duration, quint16(160));
    QVERIFY(!TelephoneEvent::parse(withReserved, 3));
    QVERIFY(!TelephoneEvent::parse(nullptr, 4));
}

void TestAudioCodec::eventDigits()
{
    const char digits[] = "0123456789*#ABCD";
    for (int i = 0; i < 16; ++i) {
        QCOMPARE(TelephoneEvent::eventForDigit(digits[i]), std::optional<quint8>(quint8(i)));
        QCOMPARE(TelephoneEvent::digitForEvent(quint8(i)), digits[i]);
    }
    QCOMPARE(TelephoneEvent::eventForDigit('a'), std::optional<quint8>(12));
    QVERIFY(!TelephoneEvent::eventForDigit('x'));
    QCOMPARE(TelephoneEvent::digitForEvent(16), '\0'); // flash hook etc. are not digits
}

void TestAudioCodec::senderSequence()
{
    TelephoneEventSender sender(8000, 10);
    QVERIFY(!sender.isActive());
    QVERIFY(!sender.next());
    QVERIFY(sender.start(5, 180, 4000));
    QVERIFY(sender.isActive());
    QVERIFY(!sender.start(6, 100, 9000)); // one event at a time

    // 180 ms at 8 kHz = 1440 units; updates every 50 ms = 400 units.
    struct Expected
    {
        bool marker;
        quint16 duration;
        bool end;
    };
    const Expected expected[] = {
        { true, 400, false },  { false, 800, false }, { false, 1200, false },
        { false, 1440, true }, { false, 1440, true }, { false, 1440, true },
    };
    for (const Expected &e : expected) {
        const auto packet = sender.next();
        QVERIFY(packet);
        QCOMPARE(packet->marker, e.marker);
        QCOMPARE(packet->timestamp, uint32_t(4000)); // the event's start, in every packet
        QCOMPARE(packet->payload.event, quint8(5));
        QCOMPARE(packet->payload.volume, quint8(10));
        QCOMPARE(packet->payload.duration, e.duration);
        QCOMPARE(packet->payload.end, e.end);
    }
    QVERIFY(!sender.isActive());
    QVERIFY(!sender.next());
    QVERIFY(sender.start(6, 40, 6000)); // shorter than one update: one packet, already the end
    auto first = sender.next();
    QVERIFY(first && first->marker && first->payload.end);
    QCOMPARE(first->payload.duration, quint16(320));
    QVERIFY(sender.next() && sender.next() && !sender.next());
}

void TestAudioCodec::senderAt48kHz()
{
    TelephoneEventSender sender(48000);
    QVERIFY(sender.start(1, 100, 0));
    QCOMPARE(sender.next()->payload.duration, quint16(2400));
    QCOMPARE(sender.next()->payload.duration, quint16(4800));
    const auto end = sender.next();
    QVERIFY(end->payload.end);
    QCOMPARE(end->payload.duration, quint16(4800));

    // 16-bit duration: capped (long events would need RFC 4733 §2.5.1.3 segmenting).
    TelephoneEventSender longSender(48000);
    QVERIFY(longSender.start(1, 5000, 0));
    std::optional<TelephoneEventSender::Packet> packet;
    int count = 0;
    while (auto p = longSender.next()) {
        packet = p;
        ++count;
    }
    QVERIFY(packet->payload.end);
    QCOMPARE(packet->payload.duration, quint16(0xFFFF));
    QVERIFY(count < 40);
}

void TestAudioCodec::senderStopEarly()
{
    TelephoneEventSender sender;
    QVERIFY(sender.start(9, 10000, 100));
    QCOMPARE(sender.next()->payload.duration, quint16(400));
    QCOMPARE(sender.next()->payload.duration, quint16(800));
    sender.stop();
    for (int i = 0; i < 3; ++i) {
        const auto packet = sender.next();
        QVERIFY(packet);
        QVERIFY(packet->payload.end);
        QVERIFY(!packet->marker);
        QCOMPARE(packet->payload.duration, quint16(1200));
    }
    QVERIFY(!sender.next());
    sender.stop(); // harmless when idle
    QVERIFY(!sender.isActive());
}

void TestAudioCodec::senderBusy()
{
    TelephoneEventSender sender;
    QVERIFY(!sender.start(1, 0, 0));
    QVERIFY(!sender.start(1, -5, 0));
    QVERIFY(!sender.isActive());
}

void TestAudioCodec::receiverDedupe()
{
    TelephoneEventSender sender;
    TelephoneEventReceiver receiver;
    QString digits;
    auto sendDigit = [&](char digit, uint32_t timestamp, bool duplicateAll) {
        QVERIFY(sender.start(*TelephoneEvent::eventForDigit(digit), 160, timestamp));
        while (auto packet = sender.next()) {
            uint8_t buffer[4];
            QVERIFY(packet->payload.write(buffer, 4));
            for (int copy = 0; copy < (duplicateAll ? 2 : 1); ++copy) {
                if (const auto event = receiver.process(buffer, 4, packet->timestamp)) {
                    digits += QChar::fromLatin1(event->digit);
                    QCOMPARE(event->timestamp, timestamp);
                }
            }
        }
    };
    sendDigit('1', 1000, false);
    QCOMPARE(receiver.lastDuration(), 1280);
    QVERIFY(receiver.lastEnded());
    sendDigit('1', 3000, true); // the same key again is a new event (new timestamp)
    sendDigit('#', 5000, true);
    QCOMPARE(digits, QStringLiteral("11#"));
}

void TestAudioCodec::receiverLostStart()
{
    TelephoneEventReceiver receiver;
    TelephoneEvent end;
    end.event = 7;
    end.end = true;
    end.duration = 800;
    uint8_t buffer[4];
    end.write(buffer, 4);
    // Only the end packets got through: still reported, once.
    const auto event = receiver.process(buffer, 4, 16000);
    QVERIFY(event);
    QCOMPARE(event->digit, '7');
    QVERIFY(!receiver.process(buffer, 4, 16000));
    QVERIFY(!receiver.process(buffer, 4, 16000));
    QVERIFY(!receiver.process(buffer, 3, 20000)); // too short
}

void TestAudioCodec::receiverLateAndWrap()
{
    TelephoneEventReceiver receiver;
    TelephoneEvent event;
    event.event = 2;
    uint8_t buffer[4];
    event.write(buffer, 4);
    QVERIFY(receiver.process(buffer, 4, 0xFFFFFF00u));
    // Timestamp wrapped past 2^32: still a later event.
    QVERIFY(receiver.process(buffer, 4, 0x00000100u));
    // A late retransmission of the earlier event is not reported again.
    QVERIFY(!receiver.process(buffer, 4, 0xFFFFFF00u));
    receiver.reset();
    QVERIFY(receiver.process(buffer, 4, 0xFFFFFF00u));
}

void TestAudioCodec::factory()
{
    using Media::CodecFactory;
    auto pcmu = CodecFactory::create(u"pcmu", 8000);
    QVERIFY(pcmu);
    QCOMPARE(pcmu->name(), QStringLiteral("PCMU"));
    auto pcma = CodecFactory::create(u"PCMA", 8000, 1);
    QVERIFY(pcma);
    QCOMPARE(pcma->name(), QStringLiteral("PCMA"));
    QVERIFY(!CodecFactory::create(u"PCMA", 16000));
    QVERIFY(!CodecFactory::create(u"PCMU", 8000, 2));
    QVERIFY(!CodecFactory::create(u"G722", 8000));
    QVERIFY(!CodecFactory::create(u"telephone-event", 8000));
    QVERIFY(!CodecFactory::isSupported(u"G729", 8000));
    QCOMPARE(CodecFactory::supportedFormats().size(), 3);
    for (const QString &format : CodecFactory::supportedFormats()) {
        const QStringList parts = format.split(u'/');
        QVERIFY(CodecFactory::create(parts[0], parts[1].toInt(),
                                     parts.size() > 2 ? parts[2].toInt() : 1));
    }
}

QTEST_GUILESS_MAIN(TestAudioCodec)
#include "tst_audio_codec.moc"
