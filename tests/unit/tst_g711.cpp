// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "codec/G711.h"

#include <QTest>

#include <array>
#include <cstdlib>
#include <limits>
#include <vector>

using Media::G711;

namespace {

constexpr int MinSample = std::numeric_limits<qint16>::min();
constexpr int MaxSample = std::numeric_limits<qint16>::max();

// Half of the quantisation step of the segment a code belongs to, in 16-bit units.
int muLawHalfStep(quint8 code)
{
    const int segment = (quint8(~code) >> 4) & 0x07;
    return 4 << segment;
}

int aLawHalfStep(quint8 code)
{
    const int segment = ((code ^ 0x55) >> 4) & 0x07;
    return segment <= 1 ? 8 : 8 << (segment - 1);
}

} // namespace

class TestG711 : public QObject
{
    Q_OBJECT

private slots:
    void muLawEncodeKnown_data();
    void muLawEncodeKnown();
    void muLawDecodeKnown_data();
    void muLawDecodeKnown();
    void aLawEncodeKnown_data();
    void aLawEncodeKnown();
    void aLawDecodeKnown_data();
    void aLawDecodeKnown();
    void decodeEncodeIdentity();
    void roundTripErrorBound();
    void monotonic();
    void signSymmetry();
    void bufferApi();
};

void TestG711::muLawEncodeKnown_data()
{
    QTest::addColumn<int>("sample");
    QTest::addColumn<int>("code");
    QTest::newRow("zero") << 0 << 0xFF;
    QTest::newRow("minus one") << -1 << 0x7F; // one's complement: -1 is "negative zero"
    QTest::newRow("first step") << 8 << 0xFE;
    QTest::newRow("segment 1 start") << 124 << 0xEF;
    QTest::newRow("max") << MaxSample << 0x80;
    QTest::newRow("clip") << 32635 << 0x80;
    QTest::newRow("min") << MinSample << 0x00;
}

void TestG711::muLawEncodeKnown()
{
    QFETCH(int, sample);
    QFETCH(int, code);
    QCOMPARE(int(G711::linearToMuLaw(qint16(sample))), code);
}

void TestG711::muLawDecodeKnown_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("sample");
    QTest::newRow("0xFF") << 0xFF << 0;
    QTest::newRow("0x7F") << 0x7F << 0;
    QTest::newRow("0xFE") << 0xFE << 8;
    QTest::newRow("0xF0") << 0xF0 << 120;
    QTest::newRow("0xEF") << 0xEF << 132; // 33 in the 14-bit domain of G.711
    QTest::newRow("0x80") << 0x80 << 32124;
    QTest::newRow("0x00") << 0x00 << -32124;
}

void TestG711::muLawDecodeKnown()
{
    QFETCH(int, code);
    QFETCH(int, sample);
    QCOMPARE(int(G711::muLawToLinear(quint8(code))), sample);
}

void TestG711::aLawEncodeKnown_data()
{
    QTest::addColumn<int>("sample");
    QTest::addColumn<int>("code");
    QTest::newRow("zero") << 0 << 0xD5;
    QTest::newRow("minus one") << -1 << 0x55;
    QTest::newRow("first step") << 16 << 0xD4;
    QTest::newRow("segment 1 start") << 256 << 0xC5;
    QTest::newRow("max") << MaxSample << 0xAA;
    QTest::newRow("min") << MinSample << 0x2A;
}

void TestG711::aLawEncodeKnown()
{
    QFETCH(int, sample);
    QFETCH(int, code);
    QCOMPARE(int(G711::linearToALaw(qint16(sample))), code);
}

void TestG711::aLawDecodeKnown_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("sample");
    QTest::newRow("0xD5") << 0xD5 << 8;
    QTest::newRow("0x55") << 0x55 << -8;
    QTest::newRow("0xD4") << 0xD4 << 24;
    QTest::newRow("0xC5") << 0xC5 << 264;
    QTest::newRow("0xAA") << 0xAA << 32256;
    QTest::newRow("0x2A") << 0x2A << -32256;
}

void TestG711::aLawDecodeKnown()
{
    QFETCH(int, code);
    QFETCH(int, sample);
    QCOMPARE(int(G711::aLawToLinear(quint8(code))), sample);
}

void TestG711::decodeEncodeIdentity()
{
    for (int code = 0; code <= 0xFF; ++code) {
        const quint8 c = quint8(code);
        // mu-law has two zeros; 0x7F ("negative zero") decodes to 0, which encodes as 0xFF.
        const int expectedMu = code == 0x7F ? 0xFF : code;
        QCOMPARE(int(G711::linearToMuLaw(G711::muLawToLinear(c))), expectedMu);
        QCOMPARE(int(G711::linearToALaw(G711::aLawToLinear(c))), code);
    }
}

void TestG711::roundTripErrorBound()
{
    for (int sample = MinSample; sample <= MaxSample; ++sample) {
        const qint16 s = qint16(sample);

        const quint8 mu = G711::linearToMuLaw(s);
        const int muError = std::abs(sample - G711::muLawToLinear(mu));
        if (std::abs(sample) <= 32635) {
            // Half a step, plus one for the one's complement handling of negative samples.
            if (muError > muLawHalfStep(mu) + 1)
                QFAIL(qPrintable(QStringLiteral("mu-law error %1 at %2").arg(muError).arg(sample)));
        } else {
            // Clipped to the largest code.
            QCOMPARE(std::abs(int(G711::muLawToLinear(mu))), 32124);
        }

        const quint8 a = G711::linearToALaw(s);
        const int aError = std::abs(sample - G711::aLawToLinear(a));
        if (aError > aLawHalfStep(a) + 1)
            QFAIL(qPrintable(QStringLiteral("A-law error %1 at %2").arg(aError).arg(sample)));
    }
}

void TestG711::monotonic()
{
    int previousMu = std::numeric_limits<int>::min();
    int previousA = std::numeric_limits<int>::min();
    int distinctMu = 0;
    int distinctA = 0;
    for (int sample = MinSample; sample <= MaxSample; ++sample) {
        const int mu = G711::muLawToLinear(G711::linearToMuLaw(qint16(sample)));
        const int a = G711::aLawToLinear(G711::linearToALaw(qint16(sample)));
        QVERIFY(mu >= previousMu);
        QVERIFY(a >= previousA);
        distinctMu += mu != previousMu;
        distinctA += a != previousA;
        previousMu = mu;
        previousA = a;
    }
    // Every output level is reachable: 255 for mu-law (one shared zero), 256 for A-law.
    QCOMPARE(distinctMu, 255);
    QCOMPARE(distinctA, 256);
}

void TestG711::signSymmetry()
{
    for (int code = 0; code <= 0xFF; ++code) {
        const quint8 c = quint8(code);
        QCOMPARE(G711::muLawToLinear(c), qint16(-G711::muLawToLinear(c ^ 0x80)));
        QCOMPARE(G711::aLawToLinear(c), qint16(-G711::aLawToLinear(c ^ 0x80)));
    }
}

void TestG711::bufferApi()
{
    const std::array<qint16, 6> pcm { 0, -1, 1000, -1000, MaxSample, qint16(MinSample) };
    std::array<quint8, 6> encoded {};
    std::array<qint16, 6> decoded {};

    for (const auto law : { G711::Law::MuLaw, G711::Law::ALaw }) {
        QCOMPARE(G711::encode(law, pcm, encoded), pcm.size());
        QCOMPARE(G711::decode(law, encoded, decoded), pcm.size());
        for (std::size_t i = 0; i < pcm.size(); ++i) {
            const bool mu = law == G711::Law::MuLaw;
            QCOMPARE(encoded[i], mu ? G711::linearToMuLaw(pcm[i]) : G711::linearToALaw(pcm[i]));
            QCOMPARE(decoded[i],
                     mu ? G711::muLawToLinear(encoded[i]) : G711::aLawToLinear(encoded[i]));
        }
    }

    // Only min(in, out) samples are processed.
    std::vector<quint8> small(2, 0x42);
    QCOMPARE(G711::encode(G711::Law::ALaw, pcm, small), std::size_t(2));
    QCOMPARE(small[1], G711::linearToALaw(pcm[1]));
    QCOMPARE(G711::decode(G711::Law::ALaw, std::span<const quint8>(), decoded), std::size_t(0));
}

QTEST_APPLESS_MAIN(TestG711)

#include "tst_g711.moc"
