// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Storage bench (docs/performance.md, "Storage"): a database the size of years of heavy
// use — by default 1,000,000 messages in 2,000 conversations (Zipf-like sizes, UTF-8
// bodies in several scripts, 1 to 4,000 characters) and 100,000 call-history entries —
// and the time of what the application does with it, through the application's own
// classes (App::Database with its real settings, App::MessageStore, App::CallHistoryStore):
//
//  - open a conversation: MessageStore::messages(id, 100) for random conversations,
//    cold (the file evicted from the page cache with posix_fadvise, new connection), on a
//    new connection (OS cache warm) and on one long-lived connection (like StorageThread);
//  - store a message: addIncoming / addOutgoing, one transaction each, with the app's
//    synchronous setting and, on the same copy of the file, FULL, NORMAL and OFF, next to
//    the cost of one bare 4 KiB write + fdatasync in the same folder (the disk's floor);
//  - call history: newest page, missed calls, a deep page, the missed-call badge,
//    closeInterrupted() (start-up), and the conversation list;
//  - size: bytes per message (file, and the messages table with its indexes).
//
// The generated database is cached in --cache-dir, keyed by the generator version, the
// sizes, the seed and the schema version, so only the first run pays for generation. The
// insert measurements run on a copy, so the cached file never changes.
//
//   bench_storage --cache-dir DIR [--messages N] [--conversations N] [--calls N]
//       [--samples N] [--inserts N] [--seed N] [--timeout-seconds N]
//
// Output: human-readable lines, then one JSON line starting {"bench":"storage". Exit
// status 0 when every measurement ran, 1 on a storage error, 2 on timeout, 3 on bad
// arguments.
#include "storage/CallHistoryStore.h"
#include "storage/Database.h"
#include "storage/MessageStore.h"
#include "storage/Schema.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace App;

namespace {

// Bump when the generated content changes: cached databases of another version are
// regenerated.
constexpr int GeneratorVersion = 1;

// 2026-01-01T00:00:00Z: the generated history ends here (fixed, so the file is the same
// on every machine for a given seed).
constexpr qint64 HistoryEndMs = 1767225600000LL;
constexpr qint64 HistorySpanMs = 3LL * 365 * 24 * 3600 * 1000; // three years

struct Options
{
    QString cacheDir;
    int messages = 1000000;
    int conversations = 2000;
    int calls = 100000;
    int samples = 400;
    int inserts = 400;
    quint64 seed = 1;
    int timeoutSeconds = 1200;
};

QElapsedTimer deadline;
int timeoutSeconds = 0;

void checkDeadline()
{
    if (deadline.elapsed() > qint64(timeoutSeconds) * 1000) {
        std::fprintf(stderr, "bench_storage: timed out after %d s\n", timeoutSeconds);
        std::exit(2);
    }
}

[[noreturn]] void fail(const QString &what, const Database &db)
{
    std::fprintf(stderr, "bench_storage: %s: %s\n", qPrintable(what), qPrintable(db.lastError()));
    std::exit(1);
}

double nowMs()
{
    return std::chrono::duration<double, std::milli>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

// Deterministic across standard libraries (unlike std::*_distribution).
class Random
{
public:
    explicit Random(quint64 seed)
        : m_engine(seed)
    {
    }
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }
    int below(int n) { return int(uniform() * n); }
    int between(int low, int high) { return low + below(high - low + 1); }
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
    quint64 bits() { return m_engine(); }

private:
    std::mt19937_64 m_engine;
};

// P(rank k) proportional to 1 / k^s.
class Zipf
{
public:
    Zipf(int n, double s)
    {
        m_cdf.reserve(n);
        double sum = 0;
        for (int k = 1; k <= n; ++k) {
            sum += 1.0 / std::pow(double(k), s);
            m_cdf.push_back(sum);
        }
        for (double &c : m_cdf)
            c /= sum;
    }
    int sample(Random &random) const // 0-based rank
    {
        const auto it = std::upper_bound(m_cdf.begin(), m_cdf.end(), random.uniform());
        return int(std::min<std::ptrdiff_t>(it - m_cdf.begin(), m_cdf.size() - 1));
    }

private:
    std::vector<double> m_cdf;
};

// Words per script: a conversation is held mostly in one of them, as real ones are.
const std::vector<std::vector<const char *>> &vocabularies()
{
    static const std::vector<std::vector<const char *>> all = {
        { "hello", "are",      "you",      "coming",   "tonight", "the",   "meeting", "moved",
          "to",    "tomorrow", "morning",  "thanks",   "see",     "you",   "later",   "ok",
          "sure",  "I'll",     "call",     "back",     "in",      "five",  "minutes", "train",
          "is",    "late",     "again",    "sounds",   "good",    "where", "shall",   "we",
          "meet",  "lunch",    "document", "attached", "review" },
        { "bonjour", "ça",    "va",     "très",   "bien",      "à",       "demain",
          "réunion", "déjà",  "été",    "où",     "êtes-vous", "merci",   "beaucoup",
          "Grüße",   "schön", "Straße", "für",    "über",      "Mädchen", "später",
          "heute",   "Abend", "señor",  "mañana", "niño",      "está",    "aquí" },
        { "привет", "как",  "дела",    "хорошо",     "спасибо", "завтра",  "встреча", "перенесли",
          "на",     "утро", "позвоню", "через",      "пять",    "минут",   "поезд",   "опаздывает",
          "да",     "нет",  "где",     "встретимся", "обед",    "документ" },
        { "你好",   "今天", "晚上", "开会", "明天", "早上",   "谢谢", "好的", "我",   "马上",
          "回电话", "火车", "又",   "晚点", "了",   "在哪里", "见面", "午饭", "文件", "看看" },
        { "こんにちは", "今日", "会議", "明日", "ありがとう", "了解", "です", "電車", "遅れて",
          "います", "どこで", "会いましょう", "昼ご飯", "資料", "確認", "お願いします" },
        { "ok",    "👍",  "😂",  "lol", "🎉",    "❤️", "on",   "my", "way",  "🚗", "be",
          "there", "in", "10", "🙏",   "haha", "🔥",      "nice", "👀",  "sure", "😅", "omw" },
    };
    return all;
}

// 55 % short chat lines, 30 % a sentence or two, 13 % paragraphs, 2 % long texts.
int bodyLength(Random &random)
{
    const double p = random.uniform();
    if (p < 0.55)
        return random.between(1, 40);
    if (p < 0.85)
        return random.between(41, 200);
    if (p < 0.98)
        return random.between(201, 1000);
    return random.between(1001, 4000);
}

QString makeBody(Random &random, int vocabulary)
{
    const auto &all = vocabularies();
    // One message in ten mixes in another script (a quoted word, an emoji).
    const int target = bodyLength(random);
    QString body;
    body.reserve(target + 16);
    while (body.size() < target) {
        const auto &words
                = all[random.uniform() < 0.9 ? vocabulary : random.below(int(all.size()))];
        if (!body.isEmpty())
            body += QLatin1Char(' ');
        body += QString::fromUtf8(words[random.below(int(words.size()))]);
    }
    body.truncate(target);
    if (body.size() > 1 && body.back().isHighSurrogate()) // never half an emoji
        body.chop(1);
    return body;
}

QString callId(Random &random)
{
    return QStringLiteral("%1@%2.example.net")
            .arg(random.bits(), 16, 16, QLatin1Char('0'))
            .arg(random.below(50));
}

QString peerOf(int conversation)
{
    return QStringLiteral("sip:contact%1@example.org").arg(conversation + 1);
}

QString cacheName(const Options &o)
{
    return QStringLiteral("storage-g%1-s%2-m%3-c%4-k%5-seed%6.sqlite")
            .arg(GeneratorVersion)
            .arg(Schema::latestVersion())
            .arg(o.messages)
            .arg(o.conversations)
            .arg(o.calls)
            .arg(o.seed);
}

void removeDatabaseFiles(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

bool exec(Database &db, QSqlQuery &q, const char *what)
{
    if (!db.exec(q, what))
        fail(QString::fromLatin1(what), db);
    return true;
}

// One transaction, prepared statements, no fsync: the schema comes from the app's own
// migrations (Database::open), the rows from here.
void generate(const Options &o, const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    const QString partial = path + QStringLiteral(".partial");
    removeDatabaseFiles(partial);
    {
        Database db(partial);
        if (!db.open())
            fail(QStringLiteral("create %1").arg(partial), db);
        if (!db.execute(QStringLiteral("PRAGMA synchronous = OFF"), "synchronous off")
            || !db.execute(QStringLiteral("PRAGMA cache_size = -262144"), "cache size")
            || !db.execute(QStringLiteral("BEGIN"), "begin"))
            fail(QStringLiteral("prepare the generation"), db);

        Random random(o.seed);
        const Zipf conversationRank(o.conversations, 1.0);
        // A random permutation maps Zipf ranks to conversation ids, so the big conversations
        // are not simply the first ids.
        std::vector<int> rankToConversation(o.conversations);
        for (int i = 0; i < o.conversations; ++i)
            rankToConversation[i] = i;
        for (int i = o.conversations - 1; i > 0; --i)
            std::swap(rankToConversation[i], rankToConversation[random.below(i + 1)]);
        std::vector<int> vocabulary(o.conversations);
        for (int &v : vocabulary)
            v = random.below(int(vocabularies().size()));

        QSqlQuery conversation = db.prepare(QStringLiteral(
                "INSERT INTO conversations (id, peer_uri, last_activity_ms, unread_count)"
                " VALUES (?, ?, 0, 0)"));
        for (int c = 0; c < o.conversations; ++c) {
            conversation.bindValue(0, c + 1);
            conversation.bindValue(1, peerOf(c));
            exec(db, conversation, "insert a conversation");
        }

        QSqlQuery message = db.prepare(QStringLiteral(
                "INSERT INTO messages (conversation_id, direction, peer_uri, body, time_ms,"
                " sent_ms, received_ms, state, failure_code, failure_reason, call_id, cseq)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        const double meanGapMs = double(HistorySpanMs) / std::max(1, o.messages);
        qint64 timeMs = HistoryEndMs - HistorySpanMs;
        const QVariant nullInt(QMetaType::fromType<qint64>());
        for (int i = 0; i < o.messages; ++i) {
            if ((i & 0xffff) == 0)
                checkDeadline();
            timeMs += qint64(random.exponential(meanGapMs)) + 1;
            const int c = rankToConversation[conversationRank.sample(random)];
            const bool incoming = random.uniform() < 0.55;
            const QString body = makeBody(random, vocabulary[c]);
            message.bindValue(0, c + 1);
            message.bindValue(1, incoming ? 0 : 1);
            message.bindValue(2, peerOf(c));
            message.bindValue(3, body);
            message.bindValue(4, timeMs);
            if (incoming) {
                // Date header present in about half of the received messages.
                message.bindValue(5,
                                  random.uniform() < 0.5 ? QVariant(timeMs - random.below(3000))
                                                         : nullInt);
                message.bindValue(6, timeMs);
                message.bindValue(7, 4);
                message.bindValue(8, 0);
                message.bindValue(9, QStringLiteral(""));
            } else {
                const bool failed = random.uniform() < 0.01;
                message.bindValue(5, failed ? nullInt : QVariant(timeMs + random.between(20, 900)));
                message.bindValue(6, nullInt);
                message.bindValue(7, failed ? 3 : 2);
                message.bindValue(8, failed ? 408 : 0);
                message.bindValue(9,
                                  failed ? QStringLiteral("Request Timeout") : QStringLiteral(""));
            }
            message.bindValue(10, callId(random));
            message.bindValue(11, random.between(1, 20));
            exec(db, message, "insert a message");
        }

        QSqlQuery call = db.prepare(QStringLiteral(
                "INSERT INTO calls (direction, peer_uri, peer_name, start_ms, answer_ms, end_ms,"
                " result_code, reason, seen, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        static const char *const firstNames[] = { "Anna",   "Bob",    "Chloé",  "Dmitri", "Eva",
                                                  "Fatima", "Jürgen", "Li Wei", "María",  "佐藤" };
        static const char *const lastNames[]
                = { "Smith", "Müller",   "Petrov",   "Dubois", "García",
                    "王",    "Kowalski", "Nakamura", "Rossi",  "Öztürk" };
        const double callGapMs = double(HistorySpanMs) / std::max(1, o.calls);
        qint64 startMs = HistoryEndMs - HistorySpanMs;
        for (int i = 0; i < o.calls; ++i) {
            if ((i & 0xffff) == 0)
                checkDeadline();
            startMs += qint64(random.exponential(callGapMs)) + 1;
            const bool incoming = random.uniform() < 0.55;
            QString peer;
            if (random.uniform() < 0.8)
                peer = peerOf(rankToConversation[conversationRank.sample(random)]);
            else
                peer = QStringLiteral("sip:+49301%1@example.org")
                               .arg(random.below(9999999), 7, 10, QLatin1Char('0'));
            const QString name = QString::fromUtf8(firstNames[random.below(10)]) + QLatin1Char(' ')
                    + QString::fromUtf8(lastNames[random.below(10)]);
            const double outcome = random.uniform();
            const bool answered = incoming ? outcome < 0.8 : outcome < 0.85;
            const qint64 ringMs = random.between(1000, 25000);
            const qint64 talkMs = qint64(random.exponential(180000));
            call.bindValue(0, incoming ? 0 : 1);
            call.bindValue(1, peer);
            call.bindValue(2, name);
            call.bindValue(3, startMs);
            call.bindValue(4, answered ? QVariant(startMs + ringMs) : nullInt);
            call.bindValue(5, startMs + ringMs + (answered ? talkMs : 0));
            int code = 200;
            QString reason = QStringLiteral("Normal call clearing");
            if (!answered) {
                static const int codes[] = { 487, 486, 408, 603, 480 };
                static const char *const reasons[]
                        = { "Request Terminated", "Busy Here", "Request Timeout", "Decline",
                            "Temporarily Unavailable" };
                const int k = random.below(5);
                code = codes[k];
                reason = QString::fromLatin1(reasons[k]);
            }
            call.bindValue(6, code);
            call.bindValue(7, reason);
            // The last few hundred missed calls are still unseen (the badge counts them).
            const bool missed = incoming && !answered;
            call.bindValue(8, missed && i > o.calls - 300 ? 0 : 1);
            call.bindValue(9, callId(random));
            exec(db, call, "insert a call");
        }

        // Conversations: last activity from their messages, a few unread.
        if (!db.execute(QStringLiteral("UPDATE conversations SET last_activity_ms ="
                                       " COALESCE((SELECT max(time_ms) FROM messages"
                                       " WHERE conversation_id = conversations.id), 0)"),
                        "conversation activity")
            || !db.execute(QStringLiteral("UPDATE conversations SET unread_count = id % 4"
                                          " WHERE id % 10 = 0"),
                           "unread counts")
            || !db.execute(QStringLiteral("COMMIT"), "commit")
            || !db.execute(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint"))
            fail(QStringLiteral("finish the generation"), db);
        db.close();
    }
    removeDatabaseFiles(path);
    if (!QFile::rename(partial, path)) {
        std::fprintf(stderr, "bench_storage: cannot rename %s\n", qPrintable(partial));
        std::exit(1);
    }
    std::printf("generated %s in %.1f s\n", qPrintable(path), timer.elapsed() / 1000.0);
}

struct Stats
{
    double median = 0, p95 = 0, max = 0, mean = 0;
    int count = 0;
};

Stats stats(std::vector<double> values)
{
    Stats s;
    if (values.empty())
        return s;
    std::sort(values.begin(), values.end());
    auto rank = [&](double q) {
        // Nearest rank.
        const size_t i = size_t(std::ceil(q * double(values.size())));
        return values[std::clamp<size_t>(i, 1, values.size()) - 1];
    };
    s.median = rank(0.5);
    s.p95 = rank(0.95);
    s.max = values.back();
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / double(values.size());
    s.count = int(values.size());
    return s;
}

QJsonObject report(const char *name, const Stats &s, double targetMs = 0)
{
    if (targetMs > 0)
        std::printf("  %-44s n=%-5d median %8.3f ms  p95 %8.3f ms  max %8.3f ms  (target <= %g ms "
                    "median: %s)\n",
                    name, s.count, s.median, s.p95, s.max, targetMs,
                    s.median <= targetMs ? "MET" : "MISSED");
    else
        std::printf("  %-44s n=%-5d median %8.3f ms  p95 %8.3f ms  max %8.3f ms\n", name, s.count,
                    s.median, s.p95, s.max);
    std::fflush(stdout);
    QJsonObject o { { "name", QString::fromLatin1(name) },
                    { "n", s.count },
                    { "median_ms", s.median },
                    { "p95_ms", s.p95 },
                    { "max_ms", s.max },
                    { "mean_ms", s.mean } };
    if (targetMs > 0)
        o.insert(QStringLiteral("target_ms"), targetMs);
    return o;
}

// Drops the file's pages from the OS page cache (clean pages only; no privileges needed).
void evictFromPageCache(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm" }) {
        const QByteArray name = QFile::encodeName(path + QLatin1String(suffix));
        const int fd = ::open(name.constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

void openOrFail(Database &db)
{
    if (!db.open())
        fail(QStringLiteral("open %1").arg(db.path()), db);
}

void printPlan(Database &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery q = db.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds[i]);
    exec(db, q, "explain");
    QStringList steps;
    while (q.next())
        steps << q.value(3).toString();
    std::printf("  plan: %s\n        -> %s\n", qPrintable(sql.simplified()),
                qPrintable(steps.join(QStringLiteral(" / "))));
}

qint64 largestConversation(Database &db)
{
    const QVariant v = db.scalar(
            QStringLiteral("SELECT conversation_id FROM messages GROUP BY conversation_id"
                           " ORDER BY count(*) DESC LIMIT 1"));
    return v.toLongLong();
}

QJsonArray measureReads(const Options &o, const QString &path, Random &random)
{
    QJsonArray out;
    std::printf("\nopen a conversation: MessageStore::messages(id, 100), random conversations\n");
    std::vector<qint64> ids;
    qint64 largest = 0;
    {
        Database db(path);
        openOrFail(db);
        largest = largestConversation(db);
        const qint64 count
                = db.scalar(QStringLiteral("SELECT count(*) FROM conversations")).toLongLong();
        for (int i = 0; i < o.samples; ++i)
            ids.push_back(1 + random.below(int(count)));
        printPlan(db,
                  QStringLiteral("SELECT id, body FROM messages WHERE conversation_id = ?"
                                 " AND (time_ms, id) < (?, ?) ORDER BY time_ms DESC, id DESC"
                                 " LIMIT ?"),
                  { 1, MessageStore::MaxTime, MessageStore::MaxId, 100 });
        const qint64 largestSize = db.scalar(QStringLiteral("SELECT count(*) FROM messages WHERE"
                                                            " conversation_id = ?"),
                                             { largest })
                                           .toLongLong();
        std::printf("  largest conversation: id %lld, %lld messages\n", largest, largestSize);
    }

    // Cold: evicted from the page cache, new connection. Open is timed separately.
    {
        std::vector<double> openTimes, queryTimes;
        const int n = std::max(1, o.samples / 4); // each sample re-reads from the disk
        for (int i = 0; i < n; ++i) {
            checkDeadline();
            evictFromPageCache(path);
            const double t0 = nowMs();
            Database db(path);
            openOrFail(db);
            const double t1 = nowMs();
            MessageStore store(db);
            const auto page = store.messages(ids[i], 100);
            const double t2 = nowMs();
            if (page.isEmpty() && !db.lastError().isEmpty())
                fail(QStringLiteral("messages"), db);
            openTimes.push_back(t1 - t0);
            queryTimes.push_back(t2 - t1);
        }
        out.append(report("cold: Database::open()", stats(openTimes)));
        out.append(report("cold: messages(id, 100)", stats(queryTimes), 20));
    }
    // New connection, OS cache warm: every sampled conversation is read once first, so
    // only SQLite's own page cache (per connection) starts empty.
    {
        Database warmUp(path);
        openOrFail(warmUp);
        MessageStore warmUpStore(warmUp);
        for (int i = 0; i < o.samples; ++i)
            warmUpStore.messages(ids[i], 100);
    }
    {
        std::vector<double> openTimes, queryTimes;
        for (int i = 0; i < o.samples; ++i) {
            checkDeadline();
            const double t0 = nowMs();
            Database db(path);
            openOrFail(db);
            const double t1 = nowMs();
            MessageStore store(db);
            const auto page = store.messages(ids[i], 100);
            const double t2 = nowMs();
            openTimes.push_back(t1 - t0);
            queryTimes.push_back(t2 - t1);
        }
        out.append(report("new connection: Database::open()", stats(openTimes)));
        out.append(report("new connection: messages(id, 100)", stats(queryTimes), 20));
    }
    // One long-lived connection, as StorageThread keeps.
    {
        Database db(path);
        openOrFail(db);
        MessageStore store(db);
        std::vector<double> times, largestTimes, olderTimes;
        for (int i = 0; i < o.samples; ++i) {
            checkDeadline();
            const double t0 = nowMs();
            const auto page = store.messages(ids[(i * 7919) % ids.size()], 100);
            times.push_back(nowMs() - t0);
        }
        out.append(report("warm: messages(id, 100)", stats(times), 20));
        for (int i = 0; i < std::min(o.samples, 100); ++i) {
            const double t0 = nowMs();
            const auto page = store.messages(largest, 100);
            largestTimes.push_back(nowMs() - t0);
        }
        out.append(report("warm: messages(largest, 100)", stats(largestTimes), 20));
        // Scrolling up in the largest conversation: 50 pages of 100, keyset pagination.
        qint64 beforeTime = MessageStore::MaxTime, beforeId = MessageStore::MaxId;
        for (int i = 0; i < 50; ++i) {
            const double t0 = nowMs();
            const auto page = store.messages(largest, 100, beforeTime, beforeId);
            olderTimes.push_back(nowMs() - t0);
            if (page.isEmpty())
                break;
            beforeTime = page.first().timeMs;
            beforeId = page.first().id;
        }
        out.append(report("warm: largest, 50 older pages of 100", stats(olderTimes), 20));
        std::vector<double> listTimes;
        for (int i = 0; i < 50; ++i) {
            const double t0 = nowMs();
            const auto list = store.conversations(500);
            listTimes.push_back(nowMs() - t0);
        }
        out.append(report("warm: conversations(500)", stats(listTimes)));
        std::vector<double> unreadTimes;
        for (int i = 0; i < 50; ++i) {
            const double t0 = nowMs();
            store.totalUnread();
            unreadTimes.push_back(nowMs() - t0);
        }
        out.append(report("warm: totalUnread()", stats(unreadTimes)));
    }
    return out;
}

QJsonArray measureHistory(const Options &o, const QString &path)
{
    QJsonArray out;
    std::printf("\ncall history (one long-lived connection)\n");
    Database db(path);
    openOrFail(db);
    CallHistoryStore calls(db);
    printPlan(db,
              QStringLiteral("SELECT id FROM calls WHERE direction = 0 AND answer_ms IS NULL"
                             " AND end_ms IS NOT NULL AND (start_ms, id) < (?, ?)"
                             " ORDER BY start_ms DESC, id DESC LIMIT ?"),
              { CallHistoryStore::MaxTime, CallHistoryStore::MaxId, 100 });
    printPlan(db,
              QStringLiteral("SELECT COUNT(*) FROM calls WHERE direction = 0 AND answer_ms IS NULL"
                             " AND end_ms IS NOT NULL AND seen = 0"),
              {});
    const int n = std::max(20, o.samples / 4);
    auto timeIt = [&](const char *name, auto &&job) {
        std::vector<double> times;
        for (int i = 0; i < n; ++i) {
            checkDeadline();
            const double t0 = nowMs();
            job();
            times.push_back(nowMs() - t0);
        }
        out.append(report(name, stats(times), 20));
    };
    timeIt("calls(All, 100) newest page", [&] {
        if (calls.calls(CallFilter::All, 100).size() != 100)
            fail(QStringLiteral("calls page"), db);
    });
    timeIt("calls(Missed, 100) newest page", [&] {
        if (calls.calls(CallFilter::Missed, 100).isEmpty())
            fail(QStringLiteral("missed calls"), db);
    });
    timeIt("calls(Incoming, 100) newest page", [&] { calls.calls(CallFilter::Incoming, 100); });
    // Page 100 of the full history (10,000 calls back), keyset: reach it once, time it.
    {
        qint64 beforeStart = CallHistoryStore::MaxTime, beforeId = CallHistoryStore::MaxId;
        for (int i = 0; i < 99; ++i) {
            const auto page = calls.calls(CallFilter::All, 100, beforeStart, beforeId);
            if (page.isEmpty())
                break;
            beforeStart = page.last().startMs;
            beforeId = page.last().id;
        }
        timeIt("calls(All, 100) page 100",
               [&] { calls.calls(CallFilter::All, 100, beforeStart, beforeId); });
    }
    timeIt("unseenMissedCount()", [&] {
        if (!calls.unseenMissedCount())
            fail(QStringLiteral("unseen missed count"), db);
    });
    // Start-up: nothing to close in this history, but the query still has to find that out.
    timeIt("closeInterrupted() (start-up)", [&] {
        if (!calls.closeInterrupted())
            fail(QStringLiteral("close interrupted"), db);
    });
    return out;
}

// 4 KiB written and fdatasync'ed in the database's folder: what one durable commit costs
// the disk at the very least (SQLite's FULL commit does one such sync of the WAL).
QJsonObject measureFsync(const QString &dir, int count)
{
    const QString path = QDir(dir).filePath(QStringLiteral("bench-storage-fsync.tmp"));
    const QByteArray file = QFile::encodeName(path);
    const int fd = ::open(file.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        std::fprintf(stderr, "bench_storage: cannot create %s\n", file.constData());
        std::exit(1);
    }
    std::vector<char> block(4096, 'x');
    std::vector<double> times;
    for (int i = 0; i < count; ++i) {
        checkDeadline();
        const double t0 = nowMs();
        if (::pwrite(fd, block.data(), block.size(), off_t(i % 64) * 4096) != ssize_t(block.size())
            || ::fdatasync(fd) != 0) {
            std::fprintf(stderr, "bench_storage: write/fdatasync failed\n");
            std::exit(1);
        }
        times.push_back(nowMs() - t0);
    }
    ::close(fd);
    QFile::remove(path);
    return report("reference: 4 KiB pwrite + fdatasync", stats(times));
}

QJsonArray measureInserts(const Options &o, const QString &work, Random &random)
{
    QJsonArray out;
    std::printf("\nstore a message: addIncoming / addOutgoing alternately, one transaction each,\n"
                "into random conversations of a copy of the database\n");
    out.append(measureFsync(QFileInfo(work).absolutePath(), o.inserts));

    const Zipf rank(o.conversations, 1.0);
    int sequence = 0;
    struct Mode
    {
        const char *name;
        const char *pragma; // nullptr: the app's setting (Database::open), untouched
    };
    const Mode modes[] = {
        { "app's setting", nullptr },
        { "synchronous=FULL (bench only)", "PRAGMA synchronous = FULL" },
        { "synchronous=NORMAL (bench only)", "PRAGMA synchronous = NORMAL" },
        { "synchronous=OFF (bench only, no fsync)", "PRAGMA synchronous = OFF" },
    };
    for (const Mode &mode : modes) {
        Database db(work);
        openOrFail(db);
        if (mode.pragma && !db.execute(QString::fromLatin1(mode.pragma), "synchronous"))
            fail(QStringLiteral("set synchronous"), db);
        std::printf("  [%s: PRAGMA synchronous = %d (0 OFF, 1 NORMAL, 2 FULL), journal_mode = "
                    "%s]\n",
                    mode.name, db.synchronousMode(), qPrintable(db.journalMode()));
        MessageStore store(db);
        std::vector<double> incoming, outgoing;
        for (int i = 0; i < o.inserts; ++i) {
            checkDeadline();
            const int conversation = rank.sample(random);
            ++sequence;
            StoredMessage m;
            m.peerUri = peerOf(conversation);
            m.body = makeBody(random, conversation % int(vocabularies().size()));
            m.callId = QStringLiteral("bench-%1@example.net").arg(sequence);
            m.cseq = 1;
            const double t0 = nowMs();
            if (i % 2 == 0) {
                if (store.addIncoming(m).result != MessageStore::AddResult::Stored)
                    fail(QStringLiteral("addIncoming"), db);
                incoming.push_back(nowMs() - t0);
            } else {
                if (!store.addOutgoing(m.peerUri, m.body))
                    fail(QStringLiteral("addOutgoing"), db);
                outgoing.push_back(nowMs() - t0);
            }
        }
        std::vector<double> all = incoming;
        all.insert(all.end(), outgoing.begin(), outgoing.end());
        const QByteArray label = QByteArray(mode.name);
        out.append(report(QByteArray(label + ": addIncoming").constData(), stats(incoming),
                          mode.pragma ? 0 : 1));
        out.append(report(QByteArray(label + ": addOutgoing").constData(), stats(outgoing),
                          mode.pragma ? 0 : 1));
        out.append(
                report(QByteArray(label + ": both").constData(), stats(all), mode.pragma ? 0 : 1));
    }
    return out;
}

QJsonObject measureSize(const QString &path)
{
    std::printf("\nsize\n");
    Database db(path);
    openOrFail(db);
    const qint64 messages = db.scalar(QStringLiteral("SELECT count(*) FROM messages")).toLongLong();
    const qint64 calls = db.scalar(QStringLiteral("SELECT count(*) FROM calls")).toLongLong();
    const qint64 bodyBytes
            = db.scalar(QStringLiteral("SELECT sum(length(CAST(body AS BLOB))) FROM messages"))
                      .toLongLong();
    const qint64 fileBytes = QFileInfo(path).size();
    QJsonObject out { { "file_bytes", fileBytes },
                      { "messages", messages },
                      { "calls", calls },
                      { "body_utf8_bytes", bodyBytes } };
    std::printf("  file %.1f MiB for %lld messages and %lld calls: %.0f bytes per message "
                "(all tables and indexes / messages)\n",
                fileBytes / 1048576.0, messages, calls,
                double(fileBytes) / double(std::max<qint64>(1, messages)));
    std::printf("  message bodies: %.1f bytes of UTF-8 per message on average\n",
                double(bodyBytes) / double(std::max<qint64>(1, messages)));
    // dbstat is compiled into Debian's SQLite; without it only the file size is reported.
    QSqlQuery q = db.prepare(QStringLiteral("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"
                                            " ORDER BY 2 DESC"));
    if (q.exec()) {
        qint64 messageBytes = 0;
        QJsonObject objects;
        while (q.next()) {
            const QString name = q.value(0).toString();
            const qint64 bytes = q.value(1).toLongLong();
            objects.insert(name, bytes);
            std::printf("    %-28s %8.1f MiB\n", qPrintable(name), bytes / 1048576.0);
            if (name == QLatin1String("messages") || name.startsWith(QLatin1String("messages_")))
                messageBytes += bytes;
        }
        out.insert(QStringLiteral("objects"), objects);
        out.insert(QStringLiteral("message_bytes_per_message"),
                   double(messageBytes) / double(std::max<qint64>(1, messages)));
        std::printf("  messages table + its indexes: %.0f bytes per message\n",
                    double(messageBytes) / double(std::max<qint64>(1, messages)));
    } else {
        std::printf("  (no dbstat table in this SQLite: per-table sizes unavailable)\n");
    }
    out.insert(QStringLiteral("file_bytes_per_message"),
               double(fileBytes) / double(std::max<qint64>(1, messages)));
    return out;
}

Options parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Parlo storage bench (docs/performance.md)"));
    parser.addHelpOption();
    const QCommandLineOption cacheDir(QStringLiteral("cache-dir"),
                                      QStringLiteral("where the generated database is kept"),
                                      QStringLiteral("dir"));
    const QCommandLineOption messages(QStringLiteral("messages"), QStringLiteral("messages"),
                                      QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption conversations(QStringLiteral("conversations"),
                                           QStringLiteral("conversations"), QStringLiteral("n"),
                                           QStringLiteral("2000"));
    const QCommandLineOption calls(QStringLiteral("calls"), QStringLiteral("call-history entries"),
                                   QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption samples(QStringLiteral("samples"),
                                     QStringLiteral("conversations opened per read measurement"),
                                     QStringLiteral("n"), QStringLiteral("400"));
    const QCommandLineOption inserts(QStringLiteral("inserts"),
                                     QStringLiteral("messages stored per synchronous mode"),
                                     QStringLiteral("n"), QStringLiteral("400"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("generator seed"),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption timeout(QStringLiteral("timeout-seconds"),
                                     QStringLiteral("abort after this long"), QStringLiteral("s"),
                                     QStringLiteral("1200"));
    parser.addOptions(
            { cacheDir, messages, conversations, calls, samples, inserts, seed, timeout });
    parser.process(app);
    Options o;
    o.cacheDir = parser.value(cacheDir);
    o.messages = parser.value(messages).toInt();
    o.conversations = parser.value(conversations).toInt();
    o.calls = parser.value(calls).toInt();
    o.samples = parser.value(samples).toInt();
    o.inserts = parser.value(inserts).toInt();
    o.seed = parser.value(seed).toULongLong();
    o.timeoutSeconds = parser.value(timeout).toInt();
    if (o.cacheDir.isEmpty() || o.messages < 1000 || o.messages > 20000000 || o.conversations < 1
        || o.conversations > o.messages || o.calls < 1000 || o.calls > 10000000 || o.samples < 4
        || o.samples > 100000 || o.inserts < 2 || o.inserts > 100000 || o.timeoutSeconds < 1) {
        std::fprintf(stderr,
                     "bench_storage: --cache-dir is required; --messages 1000..20000000, "
                     "--conversations 1..messages, --calls 1000..10000000, --samples 4..100000, "
                     "--inserts 2..100000, --timeout-seconds >= 1\n");
        std::exit(3);
    }
    return o;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options o = parse(app);
    deadline.start();
    timeoutSeconds = o.timeoutSeconds;
    if (!QDir().mkpath(o.cacheDir)) {
        std::fprintf(stderr, "bench_storage: cannot create %s\n", qPrintable(o.cacheDir));
        return 1;
    }
    const QString cached = QDir(o.cacheDir).absoluteFilePath(cacheName(o));
    std::printf("storage bench: %d messages in %d conversations, %d calls, seed %llu, schema v%d\n",
                o.messages, o.conversations, o.calls, (unsigned long long)o.seed,
                Schema::latestVersion());
    // Databases of other generator versions, sizes or schemas are never used again.
    const QStringList stale
            = QDir(o.cacheDir).entryList({ QStringLiteral("storage-g*.sqlite*") }, QDir::Files);
    for (const QString &name : stale) {
        if (!name.startsWith(QFileInfo(cached).fileName())
            && !(o.messages != 1000000 && name.contains(QLatin1String("-m1000000-")))) {
            std::printf("removing the stale cached database %s\n", qPrintable(name));
            QFile::remove(QDir(o.cacheDir).filePath(name));
        }
    }
    if (QFileInfo::exists(cached))
        std::printf("using the cached database %s\n", qPrintable(cached));
    else
        generate(o, cached);
    std::fflush(stdout);

    Random random(o.seed ^ 0x9e3779b97f4a7c15ULL);
    QJsonObject result { { "bench", "storage" },
                         { "messages", o.messages },
                         { "conversations", o.conversations },
                         { "calls", o.calls } };
    result.insert(QStringLiteral("size"), measureSize(cached));
    result.insert(QStringLiteral("reads"), measureReads(o, cached, random));
    // What writes (closeInterrupted() takes the write lock, inserts add rows) runs on a copy,
    // so the cached file stays as generated.
    const QString work
            = QDir(o.cacheDir).absoluteFilePath(QStringLiteral("bench-storage-work.sqlite"));
    removeDatabaseFiles(work);
    if (!QFile::copy(cached, work)
        || !QFile::setPermissions(work, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        std::fprintf(stderr, "bench_storage: cannot copy %s\n", qPrintable(cached));
        return 1;
    }
    result.insert(QStringLiteral("history"), measureHistory(o, work));
    result.insert(QStringLiteral("inserts"), measureInserts(o, work, random));
    removeDatabaseFiles(work);
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
