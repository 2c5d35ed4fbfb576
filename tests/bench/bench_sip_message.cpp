// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Parses and serializes the messages in tests/bench/corpus with Parlo (Sip::SipMessage),
// sofia-sip (msg_make / msg_as_string) and libosip2 (osip_message_parse /
// osip_message_to_str) in one run, then prints messages per second and Parlo's ratios.
// What each library does inside the timed call is described in docs/performance.md.
//
// Before anything is timed, every corpus message is parsed by all three libraries and
// each library's serialization is parsed back by Parlo and compared field by field with
// the original: a library that drops or mangles a header fails the run (exit status 1).
//
// Options besides Google Benchmark's own (--benchmark_repetitions=N, ...):
//   --corpus=DIR     read *.sip from DIR instead of tests/bench/corpus
//   --per-message    also time each message on its own (parse/parlo/01_invite_sdp, ...)
//   --require-target exit with status 2 when Parlo misses a target

#include "sip/message/SipMessage.h"

#include <benchmark/benchmark.h>

#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <osipparser2/osip_port.h>

#include <sofia-sip/msg.h>
#include <sofia-sip/msg_header.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/su_alloc.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#ifndef PARLO_BENCH_CORPUS_DIR
#define PARLO_BENCH_CORPUS_DIR "tests/bench/corpus"
#endif

namespace {

// ---------------------------------------------------------------------------------------
// Corpus

struct CorpusMessage
{
    std::string name; // file name without .sip
    std::string bytes;
};

struct Corpus
{
    std::vector<CorpusMessage> messages;
    size_t totalBytes = 0;
};

Corpus g_corpus;

[[noreturn]] void die(const std::string &what)
{
    std::fprintf(stderr, "bench_sip_message: %s\n", what.c_str());
    std::exit(1);
}

Corpus loadCorpus(const std::filesystem::path &dir)
{
    Corpus corpus;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".sip")
            files.push_back(entry.path());
    }
    if (ec)
        die("cannot read corpus directory " + dir.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty())
        die("no *.sip files in " + dir.string());
    for (const auto &path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        CorpusMessage m { path.stem().string(), text.str() };
        // The header section must use CRLF throughout (a checkout that converted line
        // ends would quietly change what is measured).
        const size_t end = m.bytes.find("\r\n\r\n");
        if (end == std::string::npos)
            die(path.string() + ": no CRLF CRLF after the header section");
        for (size_t i = 0; i < end; ++i) {
            if (m.bytes[i] == '\n' && (i == 0 || m.bytes[i - 1] != '\r'))
                die(path.string() + ": bare LF in the header section (line ends must be CRLF)");
        }
        corpus.totalBytes += m.bytes.size();
        corpus.messages.push_back(std::move(m));
    }
    return corpus;
}

// ---------------------------------------------------------------------------------------
// Library adapters: exactly what the timed loops call.

// libosip2 types some headers while it parses and keeps the rest as name/value strings
// (osip_header_t). Of those, the ones osip2 has a public parser for are parsed here too,
// inside the timed call: Refer-To and Referred-By as name-addr (osip_from_parse, what
// eXosip does), Expires, Min-Expires and Max-Forwards as numbers. The rest (Event,
// Subscription-State, Supported, Require, SIP-ETag/If-Match, Date, ...) osip2 has no
// typed form for and keeps as strings (docs/performance.md lists them).
bool osipParseGenericHeaders(osip_message_t *sip)
{
    bool ok = true;
    osip_list_iterator_t it;
    for (auto *h = static_cast<osip_header_t *>(osip_list_get_first(&sip->headers, &it)); h;
         h = static_cast<osip_header_t *>(osip_list_get_next(&it))) {
        if (!h->hname || !h->hvalue)
            continue;
        const std::string_view name(h->hname);
        if (name == "refer-to" || name == "r" || name == "referred-by" || name == "b") {
            osip_from_t *addr = nullptr;
            if (osip_from_init(&addr) != 0)
                return false;
            ok = osip_from_parse(addr, h->hvalue) == 0 && ok;
            osip_from_free(addr);
        } else if (name == "expires" || name == "min-expires" || name == "max-forwards") {
            char *end = nullptr;
            const long value = std::strtol(h->hvalue, &end, 10);
            ok = end != h->hvalue && *end == '\0' && value >= 0 && ok;
        }
    }
    return ok;
}

// Parse: init, parse (and the generic headers above), free. Returns false on any error.
bool osipParseOnce(const std::string &bytes)
{
    osip_message_t *sip = nullptr;
    if (osip_message_init(&sip) != 0)
        return false;
    bool ok = osip_message_parse(sip, bytes.data(), bytes.size()) == 0;
    ok = ok && osipParseGenericHeaders(sip);
    benchmark::DoNotOptimize(sip->call_id);
    osip_message_free(sip);
    return ok;
}

// osip2 caches the text it parsed (message_property 1) and osip_message_to_str would just
// copy it back; osip_message_force_update() makes it rebuild the text from the structure.
bool osipSerializeOnce(osip_message_t *sip, size_t *length)
{
    osip_message_force_update(sip);
    char *text = nullptr;
    size_t len = 0;
    const bool ok = osip_message_to_str(sip, &text, &len) == 0 && text;
    benchmark::DoNotOptimize(text);
    if (length)
        *length = len;
    osip_free(text);
    return ok;
}

std::string osipSerializeToString(osip_message_t *sip)
{
    osip_message_force_update(sip);
    char *text = nullptr;
    size_t len = 0;
    if (osip_message_to_str(sip, &text, &len) != 0 || !text)
        return {};
    std::string out(text, len);
    osip_free(text);
    return out;
}

// sofia-sip parses every header its message class knows inside msg_make(); the default
// SIP class knows every header Parlo types. A header that fails to parse is moved to
// sip_error (and a critical one sets MSG_FLG_ERROR): both count as failure here.
bool sofiaOk(msg_t *msg)
{
    if (!msg)
        return false;
    const sip_t *sip = sip_object(msg);
    return sip && !(sip->sip_flags & MSG_FLG_ERROR) && !sip->sip_error
        && (sip->sip_request || sip->sip_status);
}

bool sofiaParseOnce(msg_mclass_t const *mclass, const std::string &bytes)
{
    msg_t *msg = msg_make(mclass, 0, bytes.data(), static_cast<ssize_t>(bytes.size()));
    const bool ok = sofiaOk(msg);
    benchmark::DoNotOptimize(msg);
    msg_destroy(msg);
    return ok;
}

// msg_as_string() serializes the header chain and encodes every header from its parsed
// structure (hc_print); unlike msg_prepare() it never reuses received text.
bool sofiaSerializeOnce(su_home_t *home, msg_t *msg, size_t *length)
{
    size_t len = 0;
    char *text = msg_as_string(home, msg, nullptr, 0, &len);
    benchmark::DoNotOptimize(text);
    if (length)
        *length = len;
    su_free(home, text);
    return text != nullptr;
}

std::string sofiaSerializeToString(su_home_t *home, msg_t *msg)
{
    size_t len = 0;
    char *text = msg_as_string(home, msg, nullptr, 0, &len);
    if (!text)
        return {};
    std::string out(text, len);
    su_free(home, text);
    return out;
}

// ---------------------------------------------------------------------------------------
// Verification: a message's typed content as Parlo sees it, used to check that another
// library's serialization (parsed back by Parlo) lost nothing.

using Facts = std::map<std::string, std::string>;

std::string str(std::string_view v) { return std::string(v); }

void addUri(Facts &f, const std::string &key, const Sip::SipUri &uri)
{
    f[key + ".user"] = str(uri.user());
    f[key + ".host"] = str(uri.host());
    f[key + ".port"] = std::to_string(uri.port());
}

template<typename List>
std::string joined(const List &list)
{
    std::string out;
    for (const auto &item : list) {
        if (!out.empty())
            out += ',';
        out += std::string(item);
    }
    return out;
}

Facts factsOf(const Sip::SipMessage &m)
{
    Facts f;
    if (m.isRequest()) {
        f["method"] = str(m.method());
        addUri(f, "request-uri", m.requestUri());
    } else {
        f["status"] = std::to_string(m.statusCode());
    }
    f["call-id"] = str(m.callId());
    if (const auto *c = m.cseq())
        f["cseq"] = std::to_string(c->number()) + " " + str(c->method());
    if (const auto *a = m.from()) {
        addUri(f, "from", a->uri());
        f["from.tag"] = str(a->tag());
    }
    if (const auto *a = m.to()) {
        addUri(f, "to", a->uri());
        f["to.tag"] = str(a->tag());
    }
    f["max-forwards"] = std::to_string(m.maxForwards());
    f["via.count"] = std::to_string(m.vias().size());
    for (size_t i = 0; i < m.vias().size(); ++i) {
        const auto &v = m.vias()[i];
        const std::string k = "via[" + std::to_string(i) + "]";
        f[k + ".transport"] = str(v.transport());
        f[k + ".host"] = str(v.host());
        f[k + ".port"] = std::to_string(v.port());
        f[k + ".branch"] = str(v.branch());
        f[k + ".received"] = str(v.received());
        f[k + ".rport"] = std::to_string(v.rport());
    }
    f["contact.count"] = std::to_string(m.contacts().size());
    for (size_t i = 0; i < m.contacts().size(); ++i) {
        const auto &c = m.contacts()[i];
        const std::string k = "contact[" + std::to_string(i) + "]";
        addUri(f, k, c.uri());
        f[k + ".expires"] = std::to_string(c.expires());
    }
    f["route.count"] = std::to_string(m.routes().size());
    for (size_t i = 0; i < m.routes().size(); ++i)
        addUri(f, "route[" + std::to_string(i) + "]", m.routes()[i].uri());
    f["record-route.count"] = std::to_string(m.recordRoutes().size());
    for (size_t i = 0; i < m.recordRoutes().size(); ++i)
        addUri(f, "record-route[" + std::to_string(i) + "]", m.recordRoutes()[i].uri());
    if (const auto *t = m.contentType())
        f["content-type"] = str(t->type()) + "/" + str(t->subtype());
    f["expires"] = std::to_string(m.expires());
    f["min-expires"] = std::to_string(m.minExpires());
    f["authorization.count"] = std::to_string(m.authorization().size());
    for (size_t i = 0; i < m.authorization().size(); ++i) {
        const auto &a = m.authorization()[i];
        const std::string k = "authorization[" + std::to_string(i) + "]";
        f[k + ".username"] = str(a.username());
        f[k + ".response"] = str(a.response());
        f[k + ".nc"] = str(a.nonceCount());
    }
    f["www-authenticate.count"] = std::to_string(m.wwwAuthenticate().size());
    for (size_t i = 0; i < m.wwwAuthenticate().size(); ++i) {
        const auto &a = m.wwwAuthenticate()[i];
        const std::string k = "www-authenticate[" + std::to_string(i) + "]";
        f[k + ".realm"] = str(a.realm());
        f[k + ".nonce"] = str(a.nonce());
        f[k + ".algorithm"] = str(a.algorithm());
    }
    if (const auto *e = m.event())
        f["event"] = str(e->package());
    if (const auto *s = m.subscriptionState())
        f["subscription-state"] = str(s->state()) + " expires=" + std::to_string(s->expires());
    f["allow"] = joined(m.allow());
    f["supported"] = joined(m.supported());
    f["require"] = joined(m.require());
    f["accept.count"] = std::to_string(m.accept().size());
    f["sip-if-match"] = str(m.sipIfMatch());
    f["sip-etag"] = str(m.sipETag());
    if (const auto *r = m.referTo())
        addUri(f, "refer-to", r->uri());
    if (const auto *r = m.referredBy())
        addUri(f, "referred-by", r->uri());
    if (const auto *d = m.date())
        f["date"] = std::to_string(d->secondsSinceEpoch());
    f["body"] = str(m.body());
    return f;
}

std::string diffFacts(const Facts &want, const Facts &got)
{
    std::string out;
    std::set<std::string> keys;
    for (const auto &[k, v] : want)
        keys.insert(k);
    for (const auto &[k, v] : got)
        keys.insert(k);
    for (const auto &k : keys) {
        const auto w = want.find(k);
        const auto g = got.find(k);
        const std::string wv = w == want.end() ? "(absent)" : w->second;
        const std::string gv = g == got.end() ? "(absent)" : g->second;
        if (wv != gv)
            out += "    " + k + ": want '" + wv.substr(0, 80) + "', got '" + gv.substr(0, 80) + "'\n";
    }
    return out;
}

void verifyCorpus(const Corpus &corpus, const std::string &dir)
{
    msg_mclass_t const *mclass = sip_default_mclass();
    su_home_t *home = static_cast<su_home_t *>(su_home_new(sizeof(su_home_t)));
    std::set<std::string> osipUntyped;
    std::set<std::string> sofiaUnknown;
    std::string failures;

    std::printf("Corpus: %zu messages, %zu bytes, from %s\n", corpus.messages.size(),
                corpus.totalBytes, dir.c_str());
    for (const auto &m : corpus.messages) {
        // Parlo: parses, the declared Content-Length is the body present, and the
        // serialization is the received text.
        Sip::ParseError error;
        const auto parlo = Sip::SipMessage::parse(m.bytes, &error, Sip::SipMessage::Framing::Datagram);
        if (parlo.isNull()) {
            failures += m.name + ": Parlo: " + error.reason + "\n";
            continue;
        }
        if (parlo.contentLength() < 0
            || static_cast<size_t>(parlo.contentLength()) != parlo.body().size()
            || m.bytes.size() - m.bytes.find("\r\n\r\n") - 4 != parlo.body().size())
            failures += m.name + ": Content-Length does not match the body\n";
        std::string parloText;
        parlo.appendTo(parloText);
        if (parloText != m.bytes)
            failures += m.name + ": Parlo: appendTo() differs from the received text\n";
        const Facts want = factsOf(parlo);

        // libosip2
        osip_message_t *osip = nullptr;
        osip_message_init(&osip);
        if (osip_message_parse(osip, m.bytes.data(), m.bytes.size()) != 0) {
            failures += m.name + ": libosip2: osip_message_parse failed\n";
        } else if (!osip->from || !osip->to || !osip->call_id || !osip->cseq
                   || osip_list_size(&osip->vias) < 1) {
            failures += m.name + ": libosip2: a required header is missing after parsing\n";
        } else if (!osipParseGenericHeaders(osip)) {
            failures += m.name + ": libosip2: Refer-To/Referred-By/Expires/Max-Forwards did not parse\n";
        } else {
            osip_list_iterator_t it;
            for (auto *h = static_cast<osip_header_t *>(osip_list_get_first(&osip->headers, &it)); h;
                 h = static_cast<osip_header_t *>(osip_list_get_next(&it)))
                osipUntyped.insert(h->hname ? h->hname : "?");
            const std::string text = osipSerializeToString(osip);
            const auto back = Sip::SipMessage::parse(text, &error);
            if (back.isNull())
                failures += m.name + ": libosip2: its serialization does not parse: " + error.reason + "\n";
            else if (const std::string d = diffFacts(want, factsOf(back)); !d.empty())
                failures += m.name + ": libosip2: serialization lost or changed:\n" + d;
            if (!osipParseOnce(m.bytes))
                failures += m.name + ": libosip2: timed parse path fails\n";
            if (!osipSerializeOnce(osip, nullptr))
                failures += m.name + ": libosip2: timed serialize path fails\n";
        }
        osip_message_free(osip);

        // sofia-sip
        msg_t *sofia = msg_make(mclass, 0, m.bytes.data(), static_cast<ssize_t>(m.bytes.size()));
        if (!sofiaOk(sofia)) {
            std::string bad;
            if (sofia && sip_object(sofia)) {
                for (const msg_error_t *e = sip_object(sofia)->sip_error; e; e = e->er_next)
                    bad += std::string(" ") + (e->er_name ? e->er_name : "?");
            }
            failures += m.name + ": sofia-sip: msg_make reported errors" + (bad.empty() ? "" : " in:" + bad) + "\n";
        } else {
            for (const sip_unknown_t *u = sip_object(sofia)->sip_unknown; u; u = u->un_next)
                sofiaUnknown.insert(u->un_name ? u->un_name : "?");
            const std::string text = sofiaSerializeToString(home, sofia);
            const auto back = Sip::SipMessage::parse(text, &error);
            if (back.isNull())
                failures += m.name + ": sofia-sip: its serialization does not parse: " + error.reason + "\n";
            else if (const std::string d = diffFacts(want, factsOf(back)); !d.empty())
                failures += m.name + ": sofia-sip: serialization lost or changed:\n" + d;
            if (!sofiaParseOnce(mclass, m.bytes))
                failures += m.name + ": sofia-sip: timed parse path fails\n";
            if (!sofiaSerializeOnce(home, sofia, nullptr))
                failures += m.name + ": sofia-sip: timed serialize path fails\n";
        }
        msg_destroy(sofia);
    }
    su_home_unref(home);

    if (!failures.empty()) {
        std::fprintf(stderr, "bench_sip_message: corpus verification FAILED:\n%s", failures.c_str());
        std::exit(1);
    }
    std::printf("Verified: Parlo, sofia-sip and libosip2 parse all %zu messages; each library's "
                "serialization parses back to the same typed content.\n",
                corpus.messages.size());
    std::string list;
    for (const auto &n : osipUntyped)
        list += (list.empty() ? "" : ", ") + n;
    std::printf("libosip2 keeps these as untyped strings: %s\n", list.empty() ? "(none)" : list.c_str());
    list.clear();
    for (const auto &n : sofiaUnknown)
        list += (list.empty() ? "" : ", ") + n;
    std::printf("sofia-sip unknown (untyped) headers: %s\n\n", list.empty() ? "(none)" : list.c_str());
    std::fflush(stdout);
}

// ---------------------------------------------------------------------------------------
// Benchmarks. One iteration handles a list of messages (the whole corpus, or one message
// with --per-message); items = messages, so items_per_second is messages per second.

using Messages = std::vector<const CorpusMessage *>;

void setCounters(benchmark::State &state, const Messages &messages)
{
    size_t bytes = 0;
    for (const auto *m : messages)
        bytes += m->bytes.size();
    state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(messages.size()));
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

void parseParlo(benchmark::State &state, Messages messages)
{
    for (auto _ : state) {
        for (const auto *m : messages) {
            auto msg = Sip::SipMessage::parse(m->bytes, nullptr, Sip::SipMessage::Framing::Datagram);
            if (msg.isNull())
                state.SkipWithError("Parlo failed to parse");
            benchmark::DoNotOptimize(msg);
        }
    }
    setCounters(state, messages);
}

void parseSofia(benchmark::State &state, Messages messages)
{
    msg_mclass_t const *mclass = sip_default_mclass();
    for (auto _ : state) {
        for (const auto *m : messages) {
            if (!sofiaParseOnce(mclass, m->bytes))
                state.SkipWithError("sofia-sip failed to parse");
        }
    }
    setCounters(state, messages);
}

void parseOsip(benchmark::State &state, Messages messages)
{
    for (auto _ : state) {
        for (const auto *m : messages) {
            if (!osipParseOnce(m->bytes))
                state.SkipWithError("libosip2 failed to parse");
        }
    }
    setCounters(state, messages);
}

void serializeParlo(benchmark::State &state, Messages messages)
{
    std::vector<Sip::SipMessage> parsed;
    for (const auto *m : messages)
        parsed.push_back(Sip::SipMessage::parse(m->bytes));
    std::string out;
    out.reserve(16384);
    for (auto _ : state) {
        for (const auto &msg : parsed) {
            out.clear();
            msg.appendTo(out);
            benchmark::DoNotOptimize(out.data());
            benchmark::ClobberMemory();
        }
    }
    setCounters(state, messages);
}

void serializeSofia(benchmark::State &state, Messages messages)
{
    msg_mclass_t const *mclass = sip_default_mclass();
    su_home_t *home = static_cast<su_home_t *>(su_home_new(sizeof(su_home_t)));
    std::vector<msg_t *> parsed;
    for (const auto *m : messages)
        parsed.push_back(msg_make(mclass, 0, m->bytes.data(), static_cast<ssize_t>(m->bytes.size())));
    for (auto _ : state) {
        for (msg_t *msg : parsed) {
            if (!sofiaSerializeOnce(home, msg, nullptr))
                state.SkipWithError("sofia-sip failed to serialize");
        }
    }
    for (msg_t *msg : parsed)
        msg_destroy(msg);
    su_home_unref(home);
    setCounters(state, messages);
}

void serializeOsip(benchmark::State &state, Messages messages)
{
    std::vector<osip_message_t *> parsed;
    for (const auto *m : messages) {
        osip_message_t *sip = nullptr;
        osip_message_init(&sip);
        osip_message_parse(sip, m->bytes.data(), m->bytes.size());
        parsed.push_back(sip);
    }
    for (auto _ : state) {
        for (osip_message_t *sip : parsed) {
            if (!osipSerializeOnce(sip, nullptr))
                state.SkipWithError("libosip2 failed to serialize");
        }
    }
    for (osip_message_t *sip : parsed)
        osip_message_free(sip);
    setCounters(state, messages);
}

struct Library
{
    const char *name;
    void (*parse)(benchmark::State &, Messages);
    void (*serialize)(benchmark::State &, Messages);
};

const Library libraries[] = {
    { "parlo", parseParlo, serializeParlo },
    { "sofia-sip", parseSofia, serializeSofia },
    { "osip2", parseOsip, serializeOsip },
};

void registerBenchmarks(const Corpus &corpus, bool perMessage)
{
    Messages all;
    for (const auto &m : corpus.messages)
        all.push_back(&m);
    for (const char *op : { "parse", "serialize" }) {
        for (const auto &lib : libraries) {
            const auto fn = std::string(op) == "parse" ? lib.parse : lib.serialize;
            const std::string name = std::string(op) + "/" + lib.name;
            benchmark::RegisterBenchmark(name.c_str(), fn, all);
            if (!perMessage)
                continue;
            for (const auto &m : corpus.messages)
                benchmark::RegisterBenchmark((name + "/" + m.name).c_str(), fn, Messages { &m });
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reporting: the console output as usual, plus the corpus-level rates, kept for the summary.

struct Rate
{
    double itemsPerSecond = 0;
    bool median = false;
    int64_t repetitions = 1;
};

class SummaryReporter : public benchmark::ConsoleReporter
{
public:
    using benchmark::ConsoleReporter::ConsoleReporter;

    void ReportRuns(const std::vector<Run> &reports) override
    {
        for (const auto &run : reports) {
            if (run.error_occurred)
                m_errors.insert(run.run_name.str());
            const auto counter = run.counters.find("items_per_second");
            if (counter == run.counters.end())
                continue;
            Rate &rate = m_rates[run.run_name.str()];
            if (run.run_type == Run::RT_Aggregate) {
                if (run.aggregate_name != "median")
                    continue;
                rate = { counter->second.value, true, run.repetitions };
            } else if (!rate.median) {
                rate = { counter->second.value, false, run.repetitions };
            }
        }
        benchmark::ConsoleReporter::ReportRuns(reports);
    }

    const Rate *rate(const std::string &name) const
    {
        const auto it = m_rates.find(name);
        return it == m_rates.end() || m_errors.count(name) ? nullptr : &it->second;
    }

private:
    std::map<std::string, Rate> m_rates;
    std::set<std::string> m_errors;
};

std::string withSeparators(double value)
{
    std::string digits = std::to_string(static_cast<long long>(value + 0.5));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(static_cast<size_t>(i), ",");
    return digits;
}

// Prints the table and ratios; returns true when every target that could be checked is met.
bool printSummary(const SummaryReporter &reporter, const Corpus &corpus)
{
    auto get = [&](const std::string &op, const char *lib) { return reporter.rate(op + "/" + lib); };
    int64_t repetitions = 1;
    bool medians = false;
    for (const char *op : { "parse", "serialize" }) {
        for (const auto &lib : libraries) {
            if (const Rate *r = get(op, lib.name)) {
                repetitions = std::max(repetitions, r->repetitions);
                medians = medians || r->median;
            }
        }
    }

    std::printf("\n==== Summary: messages per second (%zu-message corpus, %zu bytes; %s) ====\n",
                corpus.messages.size(), corpus.totalBytes,
                medians ? ("median of " + std::to_string(repetitions) + " repetitions").c_str()
                        : "single run: use --benchmark_repetitions=5 for medians");
    std::printf("  %-10s %16s %16s\n", "library", "parse msg/s", "serialize msg/s");
    for (const auto &lib : libraries) {
        const Rate *p = get("parse", lib.name);
        const Rate *s = get("serialize", lib.name);
        std::printf("  %-10s %16s %16s\n", lib.name,
                    p ? withSeparators(p->itemsPerSecond).c_str() : "n/a",
                    s ? withSeparators(s->itemsPerSecond).c_str() : "n/a");
    }

    bool allMet = true;
    for (const char *op : { "parse", "serialize" }) {
        const Rate *parlo = get(op, "parlo");
        const Rate *sofia = get(op, "sofia-sip");
        const Rate *osip = get(op, "osip2");
        if (!parlo || !sofia || !osip) {
            std::printf("%-10s ratios need parlo, sofia-sip and osip2 results (not all were run)\n", op);
            continue;
        }
        const double vsSofia = parlo->itemsPerSecond / sofia->itemsPerSecond;
        const double vsOsip = parlo->itemsPerSecond / osip->itemsPerSecond;
        const bool sofiaFaster = sofia->itemsPerSecond >= osip->itemsPerSecond;
        const double vsFaster = sofiaFaster ? vsSofia : vsOsip;
        const bool isParse = std::string(op) == "parse";
        const double target = isParse ? 1.5 : 1.0;
        const bool met = isParse ? vsFaster >= target : vsSofia > 1.0 && vsOsip > 1.0;
        allMet = allMet && met;
        std::printf("%-10s parlo/sofia = %.2fx, parlo/osip2 = %.2fx; target %s: %s\n", (std::string(op) + ":").c_str(),
                    vsSofia, vsOsip,
                    isParse ? (std::string(">= 1.5x of the faster (") + (sofiaFaster ? "sofia-sip" : "osip2") + ")").c_str()
                            : "> 1x of both",
                    met ? "MET" : "NOT MET");
    }
    std::fflush(stdout);
    return allMet;
}

} // namespace

int main(int argc, char **argv)
{
    std::string corpusDir = PARLO_BENCH_CORPUS_DIR;
    bool perMessage = false;
    bool requireTarget = false;
    std::vector<char *> args;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (i > 0 && arg.substr(0, 9) == "--corpus=")
            corpusDir = std::string(arg.substr(9));
        else if (i > 0 && arg == "--per-message")
            perMessage = true;
        else if (i > 0 && arg == "--require-target")
            requireTarget = true;
        else
            args.push_back(argv[i]);
    }
    int benchArgc = static_cast<int>(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&benchArgc, args.data());
    if (benchmark::ReportUnrecognizedArguments(benchArgc, args.data()))
        return 1;

    if (parser_init() != 0)
        die("osip2 parser_init() failed");
    g_corpus = loadCorpus(corpusDir);
    verifyCorpus(g_corpus, corpusDir);
    registerBenchmarks(g_corpus, perMessage);

    SummaryReporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Defaults
                                                   : benchmark::ConsoleReporter::OO_Tabular);
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    const bool met = printSummary(reporter, g_corpus);
    return requireTarget && !met ? 2 : 0;
}
