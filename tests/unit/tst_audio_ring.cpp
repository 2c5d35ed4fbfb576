// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/AudioRing.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using Media::AudioRing;

class TestAudioRing : public QObject
{
    Q_OBJECT

private slots:
    void basics();
    void wrapAround();
    void discard();
    void twoThreads_data();
    void twoThreads();
};

void TestAudioRing::basics()
{
    AudioRing ring(8);
    QCOMPARE(ring.capacity(), 8);
    QCOMPARE(ring.availableToRead(), 0);
    QCOMPARE(ring.availableToWrite(), 8);
    const int16_t in[10] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    QCOMPARE(ring.write(in, 10), 8); // only what fits
    QCOMPARE(ring.availableToRead(), 8);
    QCOMPARE(ring.availableToWrite(), 0);
    QCOMPARE(ring.write(in, 1), 0);
    int16_t out[10] = {};
    QCOMPARE(ring.read(out, 3), 3);
    QCOMPARE(out[0], int16_t(1));
    QCOMPARE(out[2], int16_t(3));
    QCOMPARE(ring.read(out, 10), 5);
    QCOMPARE(out[4], int16_t(8));
    QCOMPARE(ring.read(out, 1), 0);
    QCOMPARE(ring.write(nullptr, 3), 0);
    QCOMPARE(ring.read(out, 0), 0);
    AudioRing degenerate(0);
    QCOMPARE(degenerate.capacity(), 1);
}

void TestAudioRing::wrapAround()
{
    AudioRing ring(7);
    int16_t next = 0;
    int16_t expected = 0;
    for (int round = 0; round < 100; ++round) {
        int16_t in[5];
        for (int16_t &value : in)
            value = next++;
        QCOMPARE(ring.write(in, 5), 5);
        int16_t out[5];
        QCOMPARE(ring.read(out, 5), 5);
        for (int16_t value : out)
            QCOMPARE(value, expected++);
    }
    ring.reset();
    QCOMPARE(ring.availableToRead(), 0);
}

void TestAudioRing::discard()
{
    AudioRing ring(16);
    const int16_t in[12] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
    ring.write(in, 12);
    QCOMPARE(ring.discard(10), 10);
    int16_t out[4] = {};
    QCOMPARE(ring.read(out, 4), 2);
    QCOMPARE(out[0], int16_t(10));
    QCOMPARE(ring.discard(5), 0);
}

void TestAudioRing::twoThreads_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("writeChunk");
    QTest::addColumn<int>("readChunk");
    QTest::newRow("device-like") << 4800 << 441 << 960;
    QTest::newRow("tiny ring") << 3 << 2 << 1;
    QTest::newRow("odd sizes") << 1001 << 997 << 13;
}

void TestAudioRing::twoThreads()
{
    QFETCH(int, capacity);
    QFETCH(int, writeChunk);
    QFETCH(int, readChunk);
    // The producer writes a counting sequence, the consumer checks it arrives exactly once
    // and in order. Bounded: a fixed number of samples, and a generous spin limit so a bug
    // fails the test instead of hanging it.
    constexpr int Total = 2'000'000;
    constexpr long long SpinLimit = 2'000'000'000LL;
    AudioRing ring(capacity);
    std::atomic<bool> producerGaveUp { false };

    std::thread producer([&] {
        std::vector<int16_t> chunk(static_cast<std::size_t>(writeChunk));
        int sent = 0;
        long long spins = 0;
        while (sent < Total && spins < SpinLimit) {
            const int want = std::min(writeChunk, Total - sent);
            for (int i = 0; i < want; ++i)
                chunk[std::size_t(i)] = int16_t((sent + i) & 0x7FFF);
            int offset = 0;
            while (offset < want && spins < SpinLimit) {
                const int n = ring.write(chunk.data() + offset, want - offset);
                if (n == 0) {
                    ++spins;
                    std::this_thread::yield();
                }
                offset += n;
            }
            sent += offset;
        }
        producerGaveUp = sent < Total;
    });

    std::vector<int16_t> chunk(static_cast<std::size_t>(readChunk));
    int received = 0;
    int errors = 0;
    long long spins = 0;
    while (received < Total && spins < SpinLimit) {
        const int n = ring.read(chunk.data(), readChunk);
        if (n == 0) {
            ++spins;
            std::this_thread::yield();
            continue;
        }
        for (int i = 0; i < n; ++i) {
            if (chunk[std::size_t(i)] != int16_t((received + i) & 0x7FFF))
                ++errors;
        }
        received += n;
    }
    producer.join();
    QVERIFY(!producerGaveUp);
    QCOMPARE(received, Total);
    QCOMPARE(errors, 0);
    QCOMPARE(ring.availableToRead(), 0); // nothing duplicated or left over
}

QTEST_GUILESS_MAIN(TestAudioRing)
#include "tst_audio_ring.moc"
