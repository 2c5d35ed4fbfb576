// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "dsp/ChannelMixer.h"
#include "dsp/EchoCanceller.h"
#include "dsp/Goertzel.h"
#include "dsp/Resampler.h"
#include "dsp/ToneGenerator.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

using Media::ChannelMixer;
using Media::EchoCanceller;
using Media::Goertzel;
using Media::Resampler;
using Media::ToneGenerator;

namespace {

double meanSquare(const int16_t *samples, int count)
{
    double sum = 0.0;
    for (int i = 0; i < count; ++i)
        sum += double(samples[i]) * samples[i];
    return count > 0 ? sum / count : 0.0;
}

std::vector<int16_t> generate(int rate, const ToneGenerator::Tone &tone, int samples)
{
    std::vector<int16_t> out(std::size_t(samples), 0);
    ToneGenerator generator(rate, tone);
    generator.generate(out.data(), samples);
    return out;
}

// Resamples `in` in uneven chunks, as a device callback would deliver it.
std::vector<int16_t> resampleStreaming(Resampler &resampler, const std::vector<int16_t> &in)
{
    const int channels = resampler.channels();
    const int frames = int(in.size()) / channels;
    std::vector<int16_t> out;
    std::vector<int16_t> buffer(std::size_t(resampler.maxOutputFrames(1000) * channels));
    const int chunks[] = { 1, 7, 160, 333, 999 };
    int offset = 0;
    for (int n = 0; offset < frames; ++n) {
        int chunk = std::min(chunks[n % 5], frames - offset);
        while (chunk > 0) {
            int consumed = 0;
            const int produced
                    = resampler.process(in.data() + offset * channels, chunk, buffer.data(),
                                        int(buffer.size()) / channels, &consumed);
            if (produced < 0)
                return {};
            out.insert(out.end(), buffer.begin(), buffer.begin() + produced * channels);
            offset += consumed;
            chunk -= consumed;
        }
    }
    return out;
}

// Cheap deterministic white-ish noise (LCG), amplitude in int16 units.
class Noise
{
public:
    explicit Noise(double amplitude)
        : m_amplitude(amplitude)
    {
    }
    double next()
    {
        m_state = m_state * 1664525u + 1013904223u;
        return m_amplitude * ((double(m_state >> 8) / double(1 << 24)) * 2.0 - 1.0);
    }

private:
    double m_amplitude;
    uint32_t m_state = 12345;
};

} // namespace

class TestDsp : public QObject
{
    Q_OBJECT

private slots:
    void goertzel();
    void resamplerRoundTrip();
    void resamplerStereo();
    void resamplerInvalid();
    void echoCancellerReducesEcho_data();
    void echoCancellerReducesEcho();
    void echoCancellerDisabledPassesThrough();
    void echoCancellerInvalid();
    void toneFrequencies_data();
    void toneFrequencies();
    void toneStreamingIsContinuous();
    void cadences_data();
    void cadences();
    void dtmfDigits();
    void channelMixer();
};

void TestDsp::goertzel()
{
    const auto tone = generate(8000, ToneGenerator::sine(1000.0, 0.5), 800);
    QVERIFY(std::abs(Goertzel::amplitude(tone.data(), 800, 1000.0, 8000) - 0.5 * 32767) < 50);
    QVERIFY(Goertzel::relativePower(tone.data(), 800, 1000.0, 8000) > 0.99);
    QVERIFY(Goertzel::relativePower(tone.data(), 800, 1200.0, 8000) < 0.01);
    QCOMPARE(Goertzel::dominantFrequency(tone.data(), 800, 8000, 100.0, 3000.0, 10.0), 1000.0);

    // Streaming over blocks equals one pass.
    Goertzel streamed(1000.0, 8000);
    streamed.process(tone.data(), 300);
    streamed.process(tone.data() + 300, 500);
    QCOMPARE(streamed.count(), 800);
    QVERIFY(std::abs(streamed.power() -
                     [&] {
                         Goertzel once(1000.0, 8000);
                         once.process(tone.data(), 800);
                         return once.power();
                     }())
            < 1e-6 * streamed.power());
    streamed.reset();
    QCOMPARE(streamed.amplitude(), 0.0);
    QCOMPARE(streamed.relativePower(), 0.0);
}

void TestDsp::resamplerRoundTrip()
{
    const auto input = generate(8000, ToneGenerator::sine(1000.0, 0.5), 8000); // 1 s
    Resampler up(1, 8000, 48000);
    QVERIFY2(up.isValid(), qPrintable(up.errorString()));
    const auto high = resampleStreaming(up, input);
    // Everything but the filter delay comes out.
    QVERIFY2(std::abs(int(high.size()) - 48000) <= up.inputLatency() * 6 + 6,
             qPrintable(QString::number(high.size())));
    const int skip = 4800;
    QCOMPARE(Goertzel::dominantFrequency(high.data() + skip, int(high.size()) - 2 * skip, 48000,
                                         100.0, 4000.0, 10.0),
             1000.0);

    Resampler down(1, 48000, 8000);
    const auto back = resampleStreaming(down, high);
    QVERIFY(std::abs(int(back.size()) - 8000) <= (up.inputLatency() + down.inputLatency() / 6) + 2);
    const int16_t *middle = back.data() + 800;
    const int count = int(back.size()) - 1600;
    QCOMPARE(Goertzel::dominantFrequency(middle, count, 8000, 100.0, 3900.0, 10.0), 1000.0);
    QVERIFY(Goertzel::relativePower(middle, count, 1000.0, 8000) > 0.98);
    const double amplitude = Goertzel::amplitude(middle, count, 1000.0, 8000);
    QVERIFY2(std::abs(amplitude / (0.5 * 32767) - 1.0) < 0.05,
             qPrintable(QString::number(amplitude)));

    // Capacity limits are honoured: consumed input stops where the output is full.
    Resampler limited(1, 8000, 48000);
    int16_t out[60];
    int consumed = 0;
    const int produced = limited.process(input.data(), 160, out, 60, &consumed);
    QVERIFY(produced <= 60);
    QVERIFY(consumed < 160);
    limited.reset();
    QCOMPARE(limited.process(input.data(), 0, out, 60, &consumed), 0);
}

void TestDsp::resamplerStereo()
{
    const auto left = generate(48000, ToneGenerator::sine(500.0, 0.4), 48000);
    const auto right = generate(48000, ToneGenerator::sine(1500.0, 0.4), 48000);
    std::vector<int16_t> stereo(left.size() * 2);
    for (std::size_t i = 0; i < left.size(); ++i) {
        stereo[2 * i] = left[i];
        stereo[2 * i + 1] = right[i];
    }
    Resampler resampler(2, 48000, 16000);
    const auto out = resampleStreaming(resampler, stereo);
    const int frames = int(out.size() / 2);
    QVERIFY(std::abs(frames - 16000) < 100);
    std::vector<int16_t> outLeft(static_cast<std::size_t>(frames)),
            outRight(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        outLeft[std::size_t(i)] = out[std::size_t(2 * i)];
        outRight[std::size_t(i)] = out[std::size_t(2 * i + 1)];
    }
    QVERIFY(Goertzel::relativePower(outLeft.data() + 1600, frames - 3200, 500.0, 16000) > 0.98);
    QVERIFY(Goertzel::relativePower(outRight.data() + 1600, frames - 3200, 1500.0, 16000) > 0.98);
}

void TestDsp::resamplerInvalid()
{
    Resampler bad(0, 8000, 48000);
    QVERIFY(!bad.isValid());
    QVERIFY(!bad.errorString().isEmpty());
    int16_t buffer[10] = {};
    QCOMPARE(bad.process(buffer, 10, buffer, 10), -1);
    QVERIFY(!Resampler(1, 0, 8000).isValid());
}

void TestDsp::echoCancellerReducesEcho_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<bool>("noiseSuppression");
    QTest::newRow("16 kHz") << 16000 << false;
    QTest::newRow("16 kHz + NS") << 16000 << true;
    QTest::newRow("48 kHz") << 48000 << false;
}

void TestDsp::echoCancellerReducesEcho()
{
    QFETCH(int, rate);
    QFETCH(bool, noiseSuppression);
    EchoCanceller canceller(rate);
    QVERIFY2(canceller.isValid(), qPrintable(canceller.errorString()));
    QCOMPARE(canceller.frameSamples(), rate / 50);
    canceller.setNoiseSuppressionEnabled(noiseSuppression);

    // Far end: a tone mix (440 + 1000 + 1700 Hz) with some noise so the filter sees a
    // broadband signal. Echo: the far end 30 ms later at -6 dB plus a -14 dB reflection
    // 12 ms after that - what a laptop speaker and room give back to the microphone.
    const int frame = canceller.frameSamples();
    const int seconds = 8;
    const int total = rate * seconds;
    const auto a = generate(rate, ToneGenerator::sine(440.0, 0.15), total);
    const auto b = generate(rate, ToneGenerator::sine(1000.0, 0.1), total);
    const auto c = generate(rate, ToneGenerator::sine(1700.0, 0.08), total);
    Noise noise(3000.0);
    std::vector<int16_t> far(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i)
        far[std::size_t(i)]
                = int16_t(a[std::size_t(i)] + b[std::size_t(i)] + c[std::size_t(i)] + noise.next());
    const int delay1 = rate * 30 / 1000;
    const int delay2 = rate * 42 / 1000;
    Noise micNoise(30.0);
    std::vector<int16_t> nearEnd(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i) {
        double value = micNoise.next();
        if (i >= delay1)
            value += 0.5 * far[std::size_t(i - delay1)];
        if (i >= delay2)
            value += 0.2 * far[std::size_t(i - delay2)];
        nearEnd[std::size_t(i)] = int16_t(value);
    }

    std::vector<int16_t> out(static_cast<std::size_t>(total));
    for (int offset = 0; offset + frame <= total; offset += frame)
        QVERIFY(canceller.process(nearEnd.data() + offset, far.data() + offset,
                                  out.data() + offset));

    // Echo return loss enhancement over the last 2 s, after convergence.
    const int from = total - 2 * rate;
    const double erle = 10.0
            * std::log10(meanSquare(nearEnd.data() + from, 2 * rate)
                         / std::max(1.0, meanSquare(out.data() + from, 2 * rate)));
    qInfo("ERLE at %d Hz%s: %.1f dB", rate, noiseSuppression ? " with NS" : "", erle);
    QVERIFY2(erle > 10.0, qPrintable(QString::number(erle)));
}

void TestDsp::echoCancellerDisabledPassesThrough()
{
    EchoCanceller canceller(16000);
    canceller.setEchoCancellationEnabled(false);
    canceller.setNoiseSuppressionEnabled(false);
    QVERIFY(!canceller.isEchoCancellationEnabled());
    QVERIFY(!canceller.isNoiseSuppressionEnabled());
    const auto nearEnd = generate(16000, ToneGenerator::sine(700.0, 0.3), 320);
    const auto far = generate(16000, ToneGenerator::sine(300.0, 0.3), 320);
    std::vector<int16_t> out(320);
    QVERIFY(canceller.process(nearEnd.data(), far.data(), out.data()));
    QCOMPARE(out, nearEnd);

    // Noise suppression alone leaves a strong tone largely intact.
    canceller.setNoiseSuppressionEnabled(true);
    const auto longTone = generate(16000, ToneGenerator::sine(700.0, 0.3), 16000);
    std::vector<int16_t> processed(longTone.size());
    for (int offset = 0; offset + 320 <= 16000; offset += 320)
        QVERIFY(canceller.process(longTone.data() + offset, far.data(), processed.data() + offset));
    QVERIFY(Goertzel::relativePower(processed.data() + 8000, 8000, 700.0, 16000) > 0.9);
    QVERIFY(meanSquare(processed.data() + 8000, 8000)
            > 0.5 * meanSquare(longTone.data() + 8000, 8000));
}

void TestDsp::echoCancellerInvalid()
{
    EchoCanceller canceller(44100);
    QVERIFY(!canceller.isValid());
    QVERIFY(canceller.errorString().contains(QStringLiteral("44100")));
    int16_t buffer[882] = {};
    QVERIFY(!canceller.process(buffer, buffer, buffer));
}

void TestDsp::toneFrequencies_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<double>("frequency");
    QTest::newRow("440 Hz @ 8k") << 8000 << 440.0;
    QTest::newRow("1000 Hz @ 16k") << 16000 << 1000.0;
    QTest::newRow("3000 Hz @ 48k") << 48000 << 3000.0;
}

void TestDsp::toneFrequencies()
{
    QFETCH(int, rate);
    QFETCH(double, frequency);
    const auto tone = generate(rate, ToneGenerator::sine(frequency, 0.5), rate / 2);
    QCOMPARE(Goertzel::dominantFrequency(tone.data(), int(tone.size()), rate, 100.0, 4000.0, 10.0),
             frequency);
    QVERIFY(Goertzel::relativePower(tone.data(), int(tone.size()), frequency, rate) > 0.99);
    QVERIFY(std::abs(Goertzel::amplitude(tone.data(), int(tone.size()), frequency, rate)
                     - 0.5 * 32767)
            < 100);
    // Starts at phase zero: no click.
    QCOMPARE(tone[0], int16_t(0));
}

void TestDsp::toneStreamingIsContinuous()
{
    const auto once = generate(8000, ToneGenerator::ringbackUs(), 8000 * 7);
    ToneGenerator generator(8000, ToneGenerator::ringbackUs());
    std::vector<int16_t> chunked(once.size());
    std::size_t offset = 0;
    for (int n = 0; offset < chunked.size(); ++n) {
        const std::size_t chunk
                = std::min<std::size_t>(std::size_t(37 + 61 * (n % 5)), chunked.size() - offset);
        generator.generate(chunked.data() + offset, int(chunk));
        offset += chunk;
    }
    QCOMPARE(chunked, once);
}

void TestDsp::cadences_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<double>("frequency1");
    QTest::addColumn<double>("frequency2");
    QTest::addColumn<int>("onMs");
    QTest::addColumn<int>("offMs");
    QTest::newRow("ringback US") << 0 << 440.0 << 480.0 << 2000 << 4000;
    QTest::newRow("ringback EU") << 1 << 425.0 << 0.0 << 1000 << 4000;
    QTest::newRow("busy US") << 2 << 480.0 << 620.0 << 500 << 500;
    QTest::newRow("busy EU") << 3 << 425.0 << 0.0 << 500 << 500;
}

void TestDsp::cadences()
{
    QFETCH(int, which);
    QFETCH(double, frequency1);
    QFETCH(double, frequency2);
    QFETCH(int, onMs);
    QFETCH(int, offMs);
    const ToneGenerator::Tone tones[] = { ToneGenerator::ringbackUs(), ToneGenerator::ringbackEu(),
                                          ToneGenerator::busyUs(), ToneGenerator::busyEu() };
    const ToneGenerator::Tone tone = tones[which];
    QCOMPARE(tone.frequency1, frequency1);
    QCOMPARE(tone.frequency2, frequency2);

    constexpr int Rate = 8000;
    const int cycle = (onMs + offMs) * Rate / 1000;
    const int on = onMs * Rate / 1000;
    ToneGenerator generator(Rate, tone);
    QVERIFY(generator.isOn());
    std::vector<int16_t> out(std::size_t(2 * cycle));
    generator.generate(out.data(), int(out.size()));

    // Sample-exact cadence over two cycles: silence exactly in the off-phases, and the on
    // phases nowhere silent for long (a sine crosses zero, but not for 2 ms).
    for (int period = 0; period < 2; ++period) {
        const int start = period * cycle;
        int longestZeroRun = 0;
        int run = 0;
        for (int i = start; i < start + on; ++i) {
            run = out[std::size_t(i)] == 0 ? run + 1 : 0;
            longestZeroRun = std::max(longestZeroRun, run);
        }
        QVERIFY(longestZeroRun < 16);
        QCOMPARE(meanSquare(out.data() + start + on, cycle - on), 0.0);
        // The on-phase holds the tone's frequencies and nothing else.
        const int16_t *burst = out.data() + start;
        double share = Goertzel::relativePower(burst, on, frequency1, Rate);
        if (frequency2 > 0.0)
            share += Goertzel::relativePower(burst, on, frequency2, Rate);
        QVERIFY2(share > 0.98, qPrintable(QString::number(share)));
        if (frequency2 > 0.0) {
            QVERIFY(Goertzel::relativePower(burst, on, frequency1, Rate) > 0.45);
            QVERIFY(Goertzel::relativePower(burst, on, frequency2, Rate) > 0.45);
        }
    }
}

void TestDsp::dtmfDigits()
{
    const char keys[] = "123A456B789C*0#D";
    const double low[] = { 697, 770, 852, 941 };
    const double high[] = { 1209, 1336, 1477, 1633 };
    constexpr int Rate = 8000;
    for (int k = 0; k < 16; ++k) {
        const char key = keys[k];
        double f1 = 0;
        double f2 = 0;
        QVERIFY(ToneGenerator::dtmfFrequencies(key, &f1, &f2));
        QCOMPARE(f1, low[k / 4]);
        QCOMPARE(f2, high[k % 4]);
        const auto tone = ToneGenerator::dtmf(key);
        QVERIFY(tone);
        const auto samples = generate(Rate, *tone, 800); // 100 ms
        // Each of the key's two frequencies holds about half the energy; the other six
        // DTMF frequencies next to nothing.
        for (double f : low) {
            const double share = Goertzel::relativePower(samples.data(), 800, f, Rate);
            QVERIFY2(f == f1 ? share > 0.45 : share < 0.02,
                     qPrintable(QStringLiteral("%1 %2: %3").arg(key).arg(f).arg(share)));
        }
        for (double f : high) {
            const double share = Goertzel::relativePower(samples.data(), 800, f, Rate);
            QVERIFY2(f == f2 ? share > 0.45 : share < 0.02,
                     qPrintable(QStringLiteral("%1 %2: %3").arg(key).arg(f).arg(share)));
        }
    }
    QVERIFY(ToneGenerator::dtmf('d'));
    QVERIFY(!ToneGenerator::dtmf('E'));
    QVERIFY(!ToneGenerator::dtmfFrequencies('x', nullptr, nullptr));
}

void TestDsp::channelMixer()
{
    const int16_t stereo[] = { 100, 300, -32768, -32768, 32767, 32767, 1, -1 };
    int16_t mono[4] = {};
    ChannelMixer::convert(stereo, 2, mono, 1, 4);
    QCOMPARE(mono[0], int16_t(200)); // average, not sum: no clipping
    QCOMPARE(mono[1], int16_t(-32768));
    QCOMPARE(mono[2], int16_t(32767));
    QCOMPARE(mono[3], int16_t(0));

    int16_t back[8] = {};
    ChannelMixer::convert(mono, 1, back, 2, 4);
    const int16_t expected[] = { 200, 200, -32768, -32768, 32767, 32767, 0, 0 };
    QVERIFY(std::equal(back, back + 8, expected));

    // 5.1 to stereo keeps front left/right; stereo to 4 channels repeats the pair.
    const int16_t surround[] = { 1, 2, 3, 4, 5, 6 };
    int16_t front[2] = {};
    ChannelMixer::convert(surround, 6, front, 2, 1);
    QCOMPARE(front[0], int16_t(1));
    QCOMPARE(front[1], int16_t(2));
    int16_t quad[4] = {};
    ChannelMixer::convert(stereo, 2, quad, 4, 1);
    const int16_t quadExpected[] = { 100, 300, 100, 300 };
    QVERIFY(std::equal(quad, quad + 4, quadExpected));

    int16_t same[8] = {};
    ChannelMixer::convert(stereo, 2, same, 2, 4);
    QVERIFY(std::equal(same, same + 8, stereo));
}

QTEST_GUILESS_MAIN(TestDsp)
#include "tst_dsp.moc"
