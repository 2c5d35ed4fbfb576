// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later

#include "audio/NullSink.h"
#include "audio/ToneSource.h"
#include "audio/WavFileSink.h"
#include "audio/WavFileSource.h"
#include "dsp/Goertzel.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <vector>

using Media::AudioFormat;
using Media::AudioSource;
using Media::WavFileSink;
using Media::WavFileSource;

namespace {

QByteArray le16(int value)
{
    QByteArray bytes(2, '\0');
    qToLittleEndian<quint16>(quint16(value), bytes.data());
    return bytes;
}

QByteArray le32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToLittleEndian<quint32>(value, bytes.data());
    return bytes;
}

QByteArray chunk(const char *id, const QByteArray &body, qint64 declaredSize = -1)
{
    QByteArray out(id, 4);
    out += le32(quint32(declaredSize < 0 ? body.size() : declaredSize));
    out += body;
    if (body.size() % 2)
        out += '\0';
    return out;
}

struct Fmt
{
    int tag = 1;
    int channels = 1;
    quint32 rate = 8000;
    int bits = 16;
    int blockAlign = -1; // derived
    qint64 byteRate = -1; // derived
};

QByteArray fmtBody(const Fmt &f)
{
    const int blockAlign = f.blockAlign >= 0 ? f.blockAlign : f.channels * f.bits / 8;
    const quint32 byteRate = f.byteRate >= 0 ? quint32(f.byteRate) : f.rate * quint32(blockAlign);
    return le16(f.tag) + le16(f.channels) + le32(f.rate) + le32(byteRate) + le16(blockAlign)
            + le16(f.bits);
}

QByteArray riff(const QByteArray &chunks)
{
    return QByteArray("RIFF") + le32(quint32(4 + chunks.size())) + QByteArray("WAVE") + chunks;
}

QByteArray samples(int count, int start = 0)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += le16(start + i);
    return out;
}

QByteArray extensibleFmt(bool pcm)
{
    Fmt f;
    f.tag = 0xFFFE;
    f.channels = 2;
    QByteArray body = fmtBody(f);
    body += le16(22) + le16(16) + le32(0x3); // cbSize, valid bits, channel mask
    body += le16(pcm ? 1 : 3); // sub-format: PCM or IEEE float
    body += QByteArray::fromHex("000000001000800000aa00389b71");
    return body;
}

} // namespace

class TestAudioWav : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip_data();
    void roundTrip();
    void partialLastFrame();
    void looping();
    void skipsUnknownChunks();
    void extensiblePcm();
    void headerKeptValidWhileRecording();
    void malformed_data();
    void malformed();
    void hostileBytesNeverCrash();
    void sinkErrors();
    void toneAndNullEndpoints();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
};

void TestAudioWav::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestAudioWav::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    return path;
}

void TestAudioWav::roundTrip_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<int>("channels");
    QTest::newRow("8 kHz mono") << 8000 << 1;
    QTest::newRow("44.1 kHz stereo") << 44100 << 2;
    QTest::newRow("48 kHz mono") << 48000 << 1;
}

void TestAudioWav::roundTrip()
{
    QFETCH(int, rate);
    QFETCH(int, channels);
    const AudioFormat format { rate, channels };
    const QString path = m_dir.filePath(QStringLiteral("round_%1_%2.wav").arg(rate).arg(channels));

    Media::ToneSource tone(format, Media::ToneGenerator::sine(1000.0, 0.4));
    std::vector<int16_t> written;
    std::vector<int16_t> frame(std::size_t(format.frameLength()));
    {
        WavFileSink sink;
        QVERIFY2(sink.open(path, format), qPrintable(sink.errorString()));
        for (int i = 0; i < 30; ++i) {
            QCOMPARE(tone.readFrame(frame), AudioSource::ReadResult::Frame);
            frame[0] = int16_t(-32768 + i); // distinct markers, including the extremes
            frame[1] = int16_t(32767 - i);
            QVERIFY(sink.writeFrame(frame));
            written.insert(written.end(), frame.begin(), frame.end());
        }
        QVERIFY(sink.close());
    }
    QFile file(path);
    QCOMPARE(file.size(), qint64(WavFileSink::HeaderSize + written.size() * 2));

    WavFileSource source;
    QVERIFY2(source.open(path), qPrintable(source.errorString()));
    QCOMPARE(source.format(), format);
    QCOMPARE(source.totalSamples(), qint64(30 * format.frameSamples()));
    std::vector<int16_t> read;
    while (source.readFrame(frame) == AudioSource::ReadResult::Frame)
        read.insert(read.end(), frame.begin(), frame.end());
    QCOMPARE(read, written);
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::End);
    QVERIFY(source.rewind());
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::Frame);
    QCOMPARE(frame[0], int16_t(-32768));
}

void TestAudioWav::partialLastFrame()
{
    const QString path = write(QStringLiteral("partial.wav"),
                               riff(chunk("fmt ", fmtBody({})) + chunk("data", samples(200, 1))));
    WavFileSource source(path);
    QVERIFY2(source.isOpen(), qPrintable(source.errorString()));
    std::vector<int16_t> frame(160);
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::Frame);
    QCOMPARE(frame[159], int16_t(160));
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::Frame);
    QCOMPARE(frame[0], int16_t(161));
    QCOMPARE(frame[39], int16_t(200));
    QCOMPARE(frame[40], int16_t(0)); // padded with silence
    QCOMPARE(frame[159], int16_t(0));
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::End);
    std::vector<int16_t> wrongSize(100);
    QCOMPARE(source.readFrame(wrongSize), AudioSource::ReadResult::Error);
}

void TestAudioWav::looping()
{
    const QString path = write(QStringLiteral("loop.wav"),
                               riff(chunk("fmt ", fmtBody({})) + chunk("data", samples(100, 1))));
    WavFileSource source(path);
    source.setLooping(true);
    QVERIFY(source.isLooping());
    std::vector<int16_t> frame(160);
    for (int n = 0; n < 10; ++n) {
        QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::Frame);
        for (int i = 0; i < 160; ++i)
            QCOMPARE(frame[std::size_t(i)], int16_t(1 + (n * 160 + i) % 100));
    }

    // An empty data chunk cannot loop forever.
    const QString empty = write(QStringLiteral("empty.wav"),
                                riff(chunk("fmt ", fmtBody({})) + chunk("data", {})));
    WavFileSource emptySource(empty);
    QVERIFY(emptySource.isOpen());
    emptySource.setLooping(true);
    QCOMPARE(emptySource.readFrame(frame), AudioSource::ReadResult::End);
}

void TestAudioWav::skipsUnknownChunks()
{
    // An odd-sized LIST chunk (padded) and a fact chunk before the data; trailing junk and
    // an odd trailing byte in the data are ignored.
    const QByteArray body = chunk("LIST", QByteArray("INFOabc", 7))
            + chunk("fmt ", fmtBody({ .rate = 16000 })) + chunk("fact", le32(320))
            + chunk("data", samples(320) + QByteArray(1, 'x')) + QByteArray("junk");
    const QString path = write(QStringLiteral("chunks.wav"), riff(body));
    WavFileSource source(path);
    QVERIFY2(source.isOpen(), qPrintable(source.errorString()));
    QCOMPARE(source.format().sampleRate, 16000);
    QCOMPARE(source.totalSamples(), qint64(320));
    std::vector<int16_t> frame(320);
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::Frame);
    QCOMPARE(frame[319], int16_t(319));
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::End);
}

void TestAudioWav::extensiblePcm()
{
    const QString path
            = write(QStringLiteral("ext.wav"),
                    riff(chunk("fmt ", extensibleFmt(true)) + chunk("data", samples(320))));
    WavFileSource source(path);
    QVERIFY2(source.isOpen(), qPrintable(source.errorString()));
    QCOMPARE(source.format(), (AudioFormat { 8000, 2 }));
}

void TestAudioWav::headerKeptValidWhileRecording()
{
    const AudioFormat format { 8000, 1 };
    const QString path = m_dir.filePath(QStringLiteral("recording.wav"));
    WavFileSink sink;
    QVERIFY(sink.open(path, format));
    std::vector<int16_t> frame(160, 100);

    // Nothing written yet: still a valid (empty) file.
    {
        WavFileSource early(path);
        QVERIFY2(early.isOpen(), qPrintable(early.errorString()));
        QCOMPARE(early.totalSamples(), qint64(0));
    }
    // 1.5 s of audio without close(), as if the process died now: the header was updated
    // after the first second, so another reader sees a valid file with that second.
    for (int i = 0; i < 75; ++i)
        QVERIFY(sink.writeFrame(frame));
    {
        WavFileSource crashed(path);
        QVERIFY2(crashed.isOpen(), qPrintable(crashed.errorString()));
        QCOMPARE(crashed.totalSamples(), qint64(8000));
    }
    // A shorter interval keeps the stated size closer to what was written.
    sink.setHeaderUpdateIntervalMs(100);
    for (int i = 0; i < 10; ++i)
        QVERIFY(sink.writeFrame(frame));
    {
        WavFileSource crashed(path);
        QVERIFY(crashed.totalSamples() <= 85 * 160);
        QVERIFY(85 * 160 - crashed.totalSamples() < 800); // less than 100 ms behind
    }
    QVERIFY(sink.close());
    WavFileSource closed(path);
    QCOMPARE(closed.totalSamples(), qint64(85 * 160));
}

void TestAudioWav::malformed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");

    const QByteArray fmt = chunk("fmt ", fmtBody({}));
    const QByteArray data = chunk("data", samples(160));

    QTest::newRow("empty file") << QByteArray() << "truncated RIFF header";
    QTest::newRow("truncated header")
            << QByteArray("RIFF\x10\0\0\0WA", 10) << "truncated RIFF header";
    QTest::newRow("not RIFF") << (QByteArray("RIFX") + riff(fmt + data).mid(4))
                              << "not a RIFF file";
    QTest::newRow("RF64") << (QByteArray("RF64") + riff(fmt + data).mid(4)) << "RF64";
    QTest::newRow("not WAVE") << (QByteArray("RIFF") + le32(4) + QByteArray("AVI ")) << "not WAVE";
    QTest::newRow("no chunks") << riff({}) << "no fmt chunk";
    QTest::newRow("truncated chunk header")
            << riff(QByteArray("fmt ", 4)) << "truncated chunk header";
    QTest::newRow("truncated fmt")
            << riff(fmt.left(12)) << "fmt chunk (16 bytes) extends beyond end of file";
    QTest::newRow("huge fmt chunk")
            << riff(chunk("fmt ", fmtBody({}), 0xFFFFFFF0LL)) << "fmt chunk too large";
    QTest::newRow("small fmt chunk")
            << riff(chunk("fmt ", fmtBody({}).left(12))) << "fmt chunk too small";
    QTest::newRow("two fmt chunks") << riff(fmt + fmt + data) << "more than one fmt chunk";
    QTest::newRow("zero channels")
            << riff(chunk("fmt ", fmtBody({ .channels = 0 })) + data) << "zero channels";
    QTest::newRow("too many channels")
            << riff(chunk("fmt ", fmtBody({ .channels = 200 })) + data) << "200 channels";
    QTest::newRow("0 Hz") << riff(chunk("fmt ", fmtBody({ .rate = 0 })) + data)
                          << "sample rate 0 Hz";
    QTest::newRow("absurd rate") << riff(chunk("fmt ", fmtBody({ .rate = 0xFFFFFFFF })) + data)
                                 << "unsupported sample rate";
    QTest::newRow("8-bit") << riff(chunk("fmt ", fmtBody({ .bits = 8 })) + data)
                           << "only 16-bit PCM";
    QTest::newRow("float") << riff(chunk("fmt ", fmtBody({ .tag = 3, .bits = 32 })) + data)
                           << "unsupported format tag 0x0003";
    QTest::newRow("extensible float")
            << riff(chunk("fmt ", extensibleFmt(false)) + data) << "sub-format is not PCM";
    QTest::newRow("block align") << riff(chunk("fmt ", fmtBody({ .blockAlign = 4 })) + data)
                                 << "block align 4";
    QTest::newRow("byte rate") << riff(chunk("fmt ", fmtBody({ .byteRate = 1 })) + data)
                               << "byte rate 1";
    QTest::newRow("data before fmt") << riff(data + fmt) << "data chunk before fmt chunk";
    QTest::newRow("no data") << riff(fmt + chunk("LIST", "abcd")) << "no data chunk";
    QTest::newRow("data beyond file")
            << riff(fmt + chunk("data", samples(160), 1000000))
            << "data chunk size 1000000 extends beyond end of file (320 bytes left)";
    QTest::newRow("data size 4 GiB") << riff(fmt + chunk("data", samples(160), 0xFFFFFFFFLL))
                                     << "data chunk size 4294967295 extends beyond end of file";
    QTest::newRow("chunk beyond file")
            << riff(fmt + chunk("LIST", "abcd", 0x7FFFFFF0LL) + data)
            << "chunk 'LIST' (2147483632 bytes) extends beyond end of file";
    QTest::newRow("binary chunk id")
            << riff(fmt + chunk("\x01\x02\x03\x04", "ab", 0x7FFFFFF0LL))
            << QStringLiteral("chunk '%1'").arg(QString(4, u'?')); // non-printable id bytes
    QByteArray many = fmt;
    for (int i = 0; i < 100; ++i)
        many += chunk("junk", {});
    QTest::newRow("chunk flood") << riff(many + data) << "no data chunk within the first 64 chunks";
}

void TestAudioWav::malformed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    const QString path = write(QStringLiteral("bad.wav"), bytes);
    QVERIFY(!path.isEmpty());
    WavFileSource source;
    QVERIFY(!source.open(path));
    QVERIFY(!source.isOpen());
    QVERIFY2(source.errorString().contains(error), qPrintable(source.errorString()));
    QVERIFY(source.errorString().startsWith(path)); // says which file
    std::vector<int16_t> frame(160);
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::Error);

    WavFileSource missing;
    QVERIFY(!missing.open(m_dir.filePath(QStringLiteral("does-not-exist.wav"))));
    QVERIFY(missing.errorString().contains(QStringLiteral("cannot open")));
}

void TestAudioWav::hostileBytesNeverCrash()
{
    // Random mutations of a valid file: every outcome is either a clean error or a file that
    // reads to its end; never a crash, hang or read past the data (ASan/valgrind catch those).
    const QByteArray valid = riff(chunk("LIST", "abcdef") + chunk("fmt ", fmtBody({}))
                                  + chunk("data", samples(500)));
    quint32 state = 0xC0FFEE;
    auto random = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    int opened = 0;
    std::vector<int16_t> frame(
            std::size_t(AudioFormat::MaxChannels * AudioFormat::MaxSampleRate / 50));
    for (int iteration = 0; iteration < 500; ++iteration) {
        QByteArray bytes = valid;
        const int mutations = 1 + int(random() % 4);
        for (int m = 0; m < mutations; ++m)
            bytes[int(random() % quint32(bytes.size()))] = char(random());
        if (random() % 4 == 0)
            bytes.truncate(int(random() % quint32(bytes.size())));
        const QString path = write(QStringLiteral("fuzz.wav"), bytes);
        WavFileSource source;
        if (!source.open(path)) {
            QVERIFY(!source.errorString().isEmpty());
            continue;
        }
        ++opened;
        const std::span<int16_t> view(frame.data(), std::size_t(source.format().frameLength()));
        int frames = 0;
        while (source.readFrame(view) == AudioSource::ReadResult::Frame)
            QVERIFY(++frames <= bytes.size());
    }
    QVERIFY(opened > 0);
}

void TestAudioWav::sinkErrors()
{
    WavFileSink sink;
    QVERIFY(!sink.open(m_dir.filePath(QStringLiteral("x.wav")), AudioFormat { 0, 1 }));
    QVERIFY(sink.errorString().contains(QStringLiteral("invalid format")));
    QVERIFY(!sink.open(m_dir.filePath(QStringLiteral("no/such/dir/x.wav")),
                       AudioFormat { 8000, 1 }));
    QVERIFY(sink.errorString().contains(QStringLiteral("cannot open")));
    std::vector<int16_t> frame(160);
    QVERIFY(!sink.writeFrame(frame));
    QVERIFY(sink.open(m_dir.filePath(QStringLiteral("x.wav")), AudioFormat { 8000, 1 }));
    std::vector<int16_t> wrong(100);
    QVERIFY(!sink.writeFrame(wrong));
    QVERIFY(sink.errorString().contains(QStringLiteral("expected 160")));
    QVERIFY(sink.writeFrame(frame));
    QVERIFY(sink.close());
    QVERIFY(sink.close()); // idempotent
}

void TestAudioWav::toneAndNullEndpoints()
{
    const AudioFormat format { 16000, 2 };
    Media::ToneSource source(format, Media::ToneGenerator::sine(800.0, 0.3), 100);
    Media::NullSink sink(format);
    std::vector<int16_t> frame(std::size_t(format.frameLength()));
    int frames = 0;
    while (source.readFrame(frame) == AudioSource::ReadResult::Frame) {
        for (int i = 0; i < format.frameSamples(); ++i)
            QCOMPARE(frame[std::size_t(2 * i)],
                     frame[std::size_t(2 * i + 1)]); // same on both channels
        QVERIFY(sink.writeFrame(frame));
        ++frames;
    }
    QCOMPARE(frames, 5); // 100 ms
    QCOMPARE(sink.framesWritten(), qint64(5));
    QCOMPARE(source.readFrame(frame), AudioSource::ReadResult::End);
    std::vector<int16_t> wrong(3);
    QVERIFY(!sink.writeFrame(wrong));
    QCOMPARE(Media::ToneSource(format, {}).readFrame(wrong), AudioSource::ReadResult::Error);

    Media::ToneSource endless({ 8000, 1 }, Media::ToneGenerator::sine(1000.0, 0.5));
    std::vector<int16_t> mono(160 * 10);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(endless.readFrame(std::span<int16_t>(mono.data() + i * 160, 160)),
                 AudioSource::ReadResult::Frame);
    QVERIFY(Media::Goertzel::relativePower(mono.data(), 1600, 1000.0, 8000) > 0.99);
}

QTEST_GUILESS_MAIN(TestAudioWav)
#include "tst_audio_wav.moc"
