// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpParser.h"

#include "sdp/SdpText.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace Sip {

std::string SdpParser::Diagnostic::toString() const
{
    if (line <= 0)
        return message;
    return "line " + std::to_string(line) + ": " + message;
}

namespace {

// Order of the session-level lines (RFC 8866 §5). t= and r= share a rank so that
// several time descriptions (t= r= t= r=) are accepted; z= follows them.
int sessionRank(char type)
{
    switch (type) {
    case 'v': return 0;
    case 'o': return 1;
    case 's': return 2;
    case 'i': return 3;
    case 'u': return 4;
    case 'e': return 5;
    case 'p': return 6;
    case 'c': return 7;
    case 'b': return 8;
    case 't': return 9;
    case 'r': return 9;
    case 'z': return 10;
    case 'k': return 11;
    case 'a': return 12;
    default: return -1;
    }
}

constexpr int TimeRank = 9;

// Order inside a media description (§5: m= i= c= b= k= a=).
int mediaRank(char type)
{
    switch (type) {
    case 'i': return 1;
    case 'c': return 2;
    case 'b': return 3;
    case 'k': return 4;
    case 'a': return 5;
    default: return -1;
    }
}

std::string typeName(char type)
{
    return std::string(1, type) + "=";
}

bool isProtoText(std::string_view s)
{
    if (s.empty())
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return c == '/' || SdpText::isTokenChar(c); });
}

class Parser
{
public:
    Parser(std::string_view text, const SdpParser::Limits &limits)
        : m_text(text), m_limits(limits)
    {
    }

    SdpParser::Result run();

private:
    bool fail(int line, std::string message)
    {
        m_result.error = {line, std::move(message)};
        return false;
    }
    void warn(int line, std::string message)
    {
        if (m_result.warnings.size() < m_limits.maxWarnings)
            m_result.warnings.push_back({line, std::move(message)});
    }

    bool line(int no, char type, std::string_view value);
    bool sessionLine(int no, char type, std::string_view value);
    bool mediaLine(int no, char type, std::string_view value);
    bool mLine(int no, std::string_view value);
    bool attributeLine(int no, std::string_view value, std::vector<SdpAttribute> &into);
    bool checkMediaAttribute(int no, const SdpAttribute &a);
    bool finish(int lastLine);

    std::string_view m_text;
    const SdpParser::Limits &m_limits;
    SdpParser::Result m_result;
    SessionDescription &d = m_result.description;

    int m_rank = -1;      // session rank reached
    int m_mediaRank = 0;  // rank inside the current media description
    bool m_inMedia = false;
    bool m_seenTime = false;
    std::set<char> m_seenOnce; // i u c k z at the current level
    size_t m_attributes = 0;
    size_t m_timingLines = 0;
    int m_mLineNo = 0;
    std::vector<int> m_mediaLines; // line number of each m=
    std::set<int> m_rtpmapPts;     // of the current media
    bool m_sessionDirectionSeen = false;
    bool m_mediaDirectionSeen = false;
};

SdpParser::Result Parser::run()
{
    d = SessionDescription{};
    d.timings.clear();
    if (m_text.size() > m_limits.maxSize) {
        fail(0, "SDP body too large (" + std::to_string(m_text.size()) + " bytes, limit "
                    + std::to_string(m_limits.maxSize) + ")");
        return std::move(m_result);
    }
    size_t pos = 0;
    int no = 0;
    while (pos < m_text.size()) {
        const size_t nl = m_text.find('\n', pos);
        const size_t end = nl == std::string_view::npos ? m_text.size() : nl;
        std::string_view raw = m_text.substr(pos, end - pos);
        pos = nl == std::string_view::npos ? m_text.size() : nl + 1;
        ++no;
        if (static_cast<size_t>(no) > m_limits.maxLines) {
            fail(no, "too many lines (limit " + std::to_string(m_limits.maxLines) + ")");
            return std::move(m_result);
        }
        if (raw.size() > m_limits.maxLineLength) {
            fail(no, "line too long (" + std::to_string(raw.size()) + " bytes, limit "
                         + std::to_string(m_limits.maxLineLength) + ")");
            return std::move(m_result);
        }
        if (!raw.empty() && raw.back() == '\r')
            raw.remove_suffix(1);
        // Trailing whitespace is common (and meaningless, except "s= " which means empty).
        while (!raw.empty() && SdpText::isSpace(raw.back()))
            raw.remove_suffix(1);
        if (raw.empty()) {
            // Blank lines at the end (an extra CRLF) are fine; in the middle, warn.
            if (m_text.substr(pos).find_first_not_of(" \t\r\n") != std::string_view::npos)
                warn(no, "empty line ignored");
            continue;
        }
        for (char c : raw) {
            const auto u = static_cast<unsigned char>(c);
            if ((u < 0x20 && c != '\t') || u == 0x7f) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02x", u);
                fail(no, std::string("control character ") + hex + " in line");
                return std::move(m_result);
            }
        }
        if (raw.size() < 2 || raw[1] != '=') {
            if (raw.size() >= 2 && SdpText::isSpace(raw[1]))
                fail(no, "no whitespace allowed before '=' (RFC 8866 §5)");
            else
                fail(no, "expected <type>=<value>, found " + SdpText::quoteForError(raw));
            return std::move(m_result);
        }
        const char type = raw[0];
        if (type < 'a' || type > 'z') {
            fail(no, "invalid line type " + SdpText::quoteForError(raw.substr(0, 1)));
            return std::move(m_result);
        }
        if (!line(no, type, SdpText::trim(raw.substr(2))))
            return std::move(m_result);
    }
    if (no == 0) {
        fail(0, "empty SDP body");
        return std::move(m_result);
    }
    finish(no);
    return std::move(m_result);
}

bool Parser::line(int no, char type, std::string_view value)
{
    // The fixed start: v= o= s= (RFC 8866 §5).
    if (m_rank < 0 && type != 'v')
        return fail(no, "SDP must start with 'v=' (found '" + typeName(type) + "')");
    if (m_rank == 0 && type != 'o')
        return fail(no, "expected 'o=' after 'v=' (found '" + typeName(type) + "')");
    if (m_rank == 1 && type != 's')
        return fail(no, "expected 's=' after 'o=' (found '" + typeName(type) + "')");

    if (type == 'm')
        return mLine(no, value);
    if (m_inMedia)
        return mediaLine(no, type, value);
    return sessionLine(no, type, value);
}

bool Parser::sessionLine(int no, char type, std::string_view value)
{
    const int rank = sessionRank(type);
    if (rank < 0) {
        if (mediaRank(type) < 0)
            return fail(no, "unknown line type '" + typeName(type) + "'");
    }
    if (type == 'r' && !m_seenTime)
        return fail(no, "'r=' without a preceding 't=' line");
    if (rank > TimeRank && !m_seenTime)
        return fail(no, "missing 't=' line before '" + typeName(type) + "' (t= is required, RFC 8866 §5.9)");
    if (rank < m_rank || (type == 'v' && m_rank >= 0) || (type == 'o' && m_rank >= 1)
        || (type == 's' && m_rank >= 2))
        return fail(no, "'" + typeName(type) + "' line out of order (RFC 8866 §5)");
    if (type == 'i' || type == 'u' || type == 'c' || type == 'k' || type == 'z') {
        if (!m_seenOnce.insert(type).second)
            return fail(no, "duplicate '" + typeName(type) + "' line");
    }
    m_rank = rank;

    switch (type) {
    case 'v':
        if (value != "0")
            return fail(no, "unsupported SDP version " + SdpText::quoteForError(value) + " (only v=0)");
        d.version = 0;
        return true;
    case 'o': {
        const auto w = SdpText::splitWords(value, 7);
        if (w.size() != 6)
            return fail(no, "o= needs <username> <sess-id> <sess-version> <nettype> <addrtype> <address>");
        const auto version = SdpText::toUnsigned(w[2], UINT64_MAX);
        if (!version)
            return fail(no, "o= session version " + SdpText::quoteForError(w[2]) + " is not a number");
        if (!SdpText::toUnsigned(w[1], UINT64_MAX))
            warn(no, "o= session id " + SdpText::quoteForError(w[1]) + " is not numeric");
        d.origin = SdpOrigin{std::string(w[0]), std::string(w[1]), *version,
                             std::string(w[3]), std::string(w[4]), std::string(w[5])};
        return true;
    }
    case 's':
        d.sessionName = std::string(value);
        return true;
    case 'i':
        d.information = std::string(value);
        return true;
    case 'u':
        d.uri = std::string(value);
        return true;
    case 'e':
        if (d.emails.size() >= 16)
            return fail(no, "too many e= lines");
        d.emails.emplace_back(value);
        return true;
    case 'p':
        if (d.phones.size() >= 16)
            return fail(no, "too many p= lines");
        d.phones.emplace_back(value);
        return true;
    case 'c': {
        std::string why;
        auto c = SdpConnection::parse(value, &why);
        if (!c)
            return fail(no, why);
        d.connection = std::move(*c);
        return true;
    }
    case 'b': {
        const auto colon = value.find(':');
        const auto type = value.substr(0, colon);
        const auto bw = colon == std::string_view::npos ? std::optional<uint64_t>() : SdpText::toUnsigned(SdpText::trim(value.substr(colon + 1)), UINT64_MAX);
        if (!SdpText::isToken(type) || !bw)
            return fail(no, "b= needs <bwtype>:<bandwidth> (found " + SdpText::quoteForError(value) + ")");
        if (d.bandwidths.size() >= 16)
            return fail(no, "too many b= lines");
        d.bandwidths.push_back({std::string(type), *bw});
        return true;
    }
    case 't': {
        if (++m_timingLines > m_limits.maxTimings)
            return fail(no, "too many t=/r= lines (limit " + std::to_string(m_limits.maxTimings) + ")");
        const auto w = SdpText::splitWords(value, 3);
        const auto start = w.size() == 2 ? SdpText::toUnsigned(w[0], UINT64_MAX) : std::nullopt;
        const auto stop = w.size() == 2 ? SdpText::toUnsigned(w[1], UINT64_MAX) : std::nullopt;
        if (!start || !stop)
            return fail(no, "t= needs <start-time> <stop-time> (found " + SdpText::quoteForError(value) + ")");
        d.timings.push_back({*start, *stop, {}});
        m_seenTime = true;
        return true;
    }
    case 'r':
        if (++m_timingLines > m_limits.maxTimings)
            return fail(no, "too many t=/r= lines (limit " + std::to_string(m_limits.maxTimings) + ")");
        if (value.empty())
            return fail(no, "empty r= line");
        d.timings.back().repeats.emplace_back(value);
        return true;
    case 'z':
        d.zone = std::string(value);
        return true;
    case 'k':
        d.key = std::string(value);
        return true;
    case 'a': {
        if (!attributeLine(no, value, d.attributes))
            return false;
        const SdpAttribute &a = d.attributes.back();
        if (!a.hasValue && SdpDirections::fromName(a.name)) {
            if (m_sessionDirectionSeen)
                warn(no, "more than one session-level direction attribute; the first one counts");
            m_sessionDirectionSeen = true;
        }
        return true;
    }
    default:
        return fail(no, "'" + typeName(type) + "' is not allowed at session level");
    }
}

bool Parser::mLine(int no, std::string_view value)
{
    if (!m_seenTime)
        return fail(no, "missing 't=' line before 'm=' (t= is required, RFC 8866 §5.9)");
    if (d.media.size() >= m_limits.maxMedia)
        return fail(no, "too many media descriptions (limit " + std::to_string(m_limits.maxMedia) + ")");
    const auto w = SdpText::splitWords(value, 3 + m_limits.maxFormats + 1);
    if (w.size() < 3)
        return fail(no, "m= needs <media> <port>[/<number of ports>] <proto> <fmt> ...");
    if (w.size() == 3)
        return fail(no, "m= line lists no formats");
    if (w.size() > 3 + m_limits.maxFormats)
        return fail(no, "too many formats on the m= line (limit " + std::to_string(m_limits.maxFormats) + ")");

    MediaDescription m;
    if (!SdpText::isToken(w[0]))
        return fail(no, "m= media " + SdpText::quoteForError(w[0]) + " is not a token");
    m.media = std::string(w[0]);
    std::string_view portText = w[1];
    if (const auto slash = portText.find('/'); slash != std::string_view::npos) {
        const auto count = SdpText::toInt(portText.substr(slash + 1), 65535);
        if (!count || *count < 1)
            return fail(no, "m= number of ports " + SdpText::quoteForError(portText.substr(slash + 1)) + " is not a positive number");
        m.portCount = *count;
        portText = portText.substr(0, slash);
    }
    if (portText.empty() || !std::all_of(portText.begin(), portText.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fail(no, "m= port " + SdpText::quoteForError(portText) + " is not a number");
    const auto port = SdpText::toInt(portText, 65535);
    if (!port)
        return fail(no, "m= port " + SdpText::quoteForError(portText) + " is out of range 0-65535");
    m.port = *port;
    if (!isProtoText(w[2]))
        return fail(no, "m= proto " + SdpText::quoteForError(w[2]) + " is not valid");
    m.proto = std::string(w[2]);
    const bool rtp = m.isRtp();
    std::set<std::string_view> seen;
    for (size_t i = 3; i < w.size(); ++i) {
        if (rtp && !SdpText::toInt(w[i], 127))
            return fail(no, "payload type " + SdpText::quoteForError(w[i]) + " on the m= line is not a number 0-127");
        if (!rtp && !SdpText::isToken(w[i]) && w[i] != "*")
            return fail(no, "m= format " + SdpText::quoteForError(w[i]) + " is not a token");
        if (!seen.insert(w[i]).second)
            warn(no, "format " + SdpText::quoteForError(w[i]) + " listed twice on the m= line");
        m.formats.emplace_back(w[i]);
    }
    d.media.push_back(std::move(m));
    m_mediaLines.push_back(no);
    m_inMedia = true;
    m_mediaRank = 0;
    m_seenOnce.clear();
    m_rtpmapPts.clear();
    m_mediaDirectionSeen = false;
    m_mLineNo = no;
    return true;
}

bool Parser::mediaLine(int no, char type, std::string_view value)
{
    const int rank = mediaRank(type);
    if (rank < 0) {
        if (sessionRank(type) >= 0)
            return fail(no, "'" + typeName(type) + "' is not allowed inside a media description (m= on line "
                                + std::to_string(m_mLineNo) + ")");
        return fail(no, "unknown line type '" + typeName(type) + "'");
    }
    if (rank < m_mediaRank)
        return fail(no, "'" + typeName(type) + "' line out of order in the media description (RFC 8866 §5)");
    if ((type == 'i' || type == 'k') && !m_seenOnce.insert(type).second)
        return fail(no, "duplicate '" + typeName(type) + "' line in the media description");
    m_mediaRank = rank;
    MediaDescription &m = d.media.back();
    switch (type) {
    case 'i':
        m.information = std::string(value);
        return true;
    case 'c': {
        std::string why;
        auto c = SdpConnection::parse(value, &why);
        if (!c)
            return fail(no, why);
        if (m.connections.size() >= 8)
            return fail(no, "too many c= lines in the media description");
        m.connections.push_back(std::move(*c));
        return true;
    }
    case 'b': {
        const auto colon = value.find(':');
        const auto bwType = value.substr(0, colon);
        const auto bw = colon == std::string_view::npos ? std::optional<uint64_t>() : SdpText::toUnsigned(SdpText::trim(value.substr(colon + 1)), UINT64_MAX);
        if (!SdpText::isToken(bwType) || !bw)
            return fail(no, "b= needs <bwtype>:<bandwidth> (found " + SdpText::quoteForError(value) + ")");
        if (m.bandwidths.size() >= 16)
            return fail(no, "too many b= lines in the media description");
        m.bandwidths.push_back({std::string(bwType), *bw});
        return true;
    }
    case 'k':
        m.key = std::string(value);
        return true;
    case 'a':
        if (!attributeLine(no, value, m.attributes))
            return false;
        return checkMediaAttribute(no, m.attributes.back());
    default:
        return fail(no, "unexpected line");
    }
}

bool Parser::attributeLine(int no, std::string_view value, std::vector<SdpAttribute> &into)
{
    if (++m_attributes > m_limits.maxAttributes)
        return fail(no, "too many attributes (limit " + std::to_string(m_limits.maxAttributes) + ")");
    const auto colon = value.find(':');
    const std::string_view name = value.substr(0, colon);
    if (!SdpText::isToken(name))
        return fail(no, "attribute name " + SdpText::quoteForError(name) + " is not a token");
    if (colon == std::string_view::npos)
        into.push_back(SdpAttribute::property(std::string(name)));
    else
        into.push_back(SdpAttribute::withValue(std::string(name), std::string(value.substr(colon + 1))));
    return true;
}

bool Parser::checkMediaAttribute(int no, const SdpAttribute &a)
{
    const MediaDescription &m = d.media.back();
    if (!a.hasValue) {
        if (SdpDirections::fromName(a.name)) {
            if (m_mediaDirectionSeen)
                warn(no, "more than one direction attribute in the media description; the first one counts");
            m_mediaDirectionSeen = true;
        }
        return true;
    }
    std::string why;
    if (a.name == "rtpmap" && m.isRtp()) {
        const auto map = SdpRtpMap::parse(a.value, &why);
        if (!map)
            return fail(no, why);
        if (!m.hasPayloadType(map->payloadType))
            warn(no, "rtpmap for payload type " + std::to_string(map->payloadType) + " which is not on the m= line");
        if (!m_rtpmapPts.insert(map->payloadType).second)
            warn(no, "second rtpmap for payload type " + std::to_string(map->payloadType) + "; the first one counts");
    } else if (a.name == "fmtp" && m.isRtp()) {
        const auto f = SdpFmtp::parse(a.value, &why);
        if (!f)
            return fail(no, why);
        if (!m.hasPayloadType(f->payloadType))
            warn(no, "fmtp for payload type " + std::to_string(f->payloadType) + " which is not on the m= line");
    } else if (a.name == "rtcp") {
        if (!SdpRtcp::parse(a.value, &why))
            return fail(no, why);
    } else if (a.name == "ptime" || a.name == "maxptime") {
        std::string_view v = SdpText::trim(a.value);
        if (const auto dot = v.find('.'); dot != std::string_view::npos)
            v = v.substr(0, dot);
        const auto n = SdpText::toInt(v, 100000);
        if (!n || *n == 0)
            warn(no, a.name + " " + SdpText::quoteForError(a.value) + " is not a positive number; ignored");
    } else if (a.name == "crypto") {
        if (!SdpCrypto::parse(a.value, &why))
            warn(no, why + "; crypto line ignored");
    }
    return true;
}

bool Parser::finish(int lastLine)
{
    if (m_rank < 0)
        return fail(0, "empty SDP body");
    if (m_rank < 1)
        return fail(lastLine, "unexpected end of SDP: missing 'o=' line");
    if (m_rank < 2)
        return fail(lastLine, "unexpected end of SDP: missing 's=' line");
    if (!m_seenTime)
        return fail(lastLine, "unexpected end of SDP: missing 't=' line (RFC 8866 §5.9)");
    // RFC 8866 §5.7: a c= at session level or in every media description.
    for (size_t i = 0; i < d.media.size(); ++i) {
        if (d.media[i].connections.empty() && !d.connection) {
            if (d.media[i].port != 0)
                return fail(m_mediaLines[i], "media description has no 'c=' line and there is no session-level 'c='");
            warn(m_mediaLines[i], "rejected media description without a 'c=' line");
        }
    }
    return true;
}

} // namespace

SdpParser::Result SdpParser::parse(std::string_view text, const Limits &limits)
{
    Parser parser(text, limits);
    return parser.run();
}

} // namespace Sip
