// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DigestChallenge.h"

namespace Sip {

namespace {

// RFC 3261 §25.1 token characters, plus the RFC 9110 §5.6.2 tchar extras
// ("#" "$" "&" "^" "|") so challenges relayed from HTTP-style servers still parse.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("-.!%*_+`'~#$&^|").contains(c);
}

// LWS once the SIP parser has unfolded the header (RFC 3261 §7.3.1). CR and LF are
// accepted between parameters in case a caller passes a still-folded value.
bool isLws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isControl(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
}

void skipLws(QByteArrayView s, qsizetype &pos)
{
    while (pos < s.size() && isLws(s[pos]))
        ++pos;
}

QByteArrayView readToken(QByteArrayView s, qsizetype &pos)
{
    const qsizetype start = pos;
    while (pos < s.size() && isTokenChar(s[pos]))
        ++pos;
    return s.sliced(start, pos - start);
}

// A bare (unquoted) value. Broader than token on purpose: some servers send
// nonce=abc/def== unquoted, and accepting every visible character except the list
// delimiters costs nothing in safety.
QByteArrayView readBareValue(QByteArrayView s, qsizetype &pos)
{
    const qsizetype start = pos;
    while (pos < s.size()) {
        const char c = s[pos];
        if (isLws(c) || isControl(c) || c == ',' || c == '"')
            break;
        ++pos;
    }
    return s.sliced(start, pos - start);
}

// quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE (RFC 3261 §25.1). pos is at
// the opening quote. quoted-pair excludes CR and LF, and raw control characters are
// refused so a value can never smuggle a line break into a later header.
std::optional<QByteArray> readQuoted(QByteArrayView s, qsizetype &pos, QString *error)
{
    ++pos;
    QByteArray out;
    while (pos < s.size()) {
        const char c = s[pos];
        if (c == '"') {
            ++pos;
            return out;
        }
        if (c == '\\') {
            if (pos + 1 >= s.size())
                break;
            const char next = s[pos + 1];
            if (next == '\r' || next == '\n') {
                if (error)
                    *error = QStringLiteral("invalid escape in quoted string");
                return std::nullopt;
            }
            out.append(next);
            pos += 2;
            continue;
        }
        if (isControl(c)) {
            if (error)
                *error = QStringLiteral("control character in quoted string");
            return std::nullopt;
        }
        out.append(c);
        ++pos;
    }
    if (error)
        *error = QStringLiteral("unterminated quoted string");
    return std::nullopt;
}

QList<QByteArray> splitQop(const QByteArray &value)
{
    // qop-options = "qop" EQUAL LDQUOT qop-value *("," qop-value) RDQUOT
    // (RFC 3261 §25.1); RFC 7616 examples put LWS after the commas.
    QList<QByteArray> result;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray token = part.trimmed().toLower();
        if (!token.isEmpty() && !result.contains(token))
            result.append(token);
    }
    return result;
}

QList<QByteArray> splitDomain(const QByteArray &value)
{
    QList<QByteArray> result;
    for (const QByteArray &part : value.simplified().split(' ')) {
        if (!part.isEmpty())
            result.append(part);
    }
    return result;
}

QString printable(QByteArrayView token)
{
    // Tokens are ASCII by construction; cap the length so a hostile scheme name cannot
    // bloat log lines.
    constexpr qsizetype maxShown = 40;
    QString shown = QString::fromLatin1(token.first(qMin(token.size(), maxShown)));
    if (token.size() > maxShown)
        shown += QStringLiteral("...");
    return shown;
}

} // namespace

bool DigestChallenge::offersQop(QByteArrayView qop) const
{
    for (const QByteArray &offered : qopOptions) {
        if (QByteArrayView(offered).compare(qop, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<DigestChallenge> DigestChallenge::parse(QByteArrayView s, QString *error)
{
    auto fail = [error](QString message) -> std::optional<DigestChallenge> {
        if (error)
            *error = std::move(message);
        return std::nullopt;
    };

    if (s.size() > MaxLength)
        return fail(QStringLiteral("challenge too long"));

    qsizetype pos = 0;
    skipLws(s, pos);
    const QByteArrayView scheme = readToken(s, pos);
    if (scheme.isEmpty())
        return fail(QStringLiteral("missing authentication scheme"));
    if (scheme.compare("Digest", Qt::CaseInsensitive) != 0)
        return fail(QStringLiteral("unsupported scheme %1").arg(printable(scheme)));
    if (pos < s.size() && !isLws(s[pos]))
        return fail(QStringLiteral("expected whitespace after scheme"));

    DigestChallenge challenge;
    bool haveRealm = false;
    bool haveNonce = false;
    // Repeated parameters are refused: RFC 7235 §2.1 allows each name once, and if we
    // picked one copy while a proxy or the registrar picked the other, we would be
    // answering a different challenge than the one being checked.
    QList<QByteArray> seen;
    int count = 0;

    while (true) {
        skipLws(s, pos);
        // Tolerate empty list elements ("a=1,,b=2"), as #rule permits (RFC 9110 §5.6.1).
        while (pos < s.size() && s[pos] == ',') {
            ++pos;
            skipLws(s, pos);
        }
        if (pos >= s.size())
            break;

        if (++count > MaxParameters)
            return fail(QStringLiteral("too many parameters"));

        const QByteArrayView rawName = readToken(s, pos);
        if (rawName.isEmpty())
            return fail(QStringLiteral("unexpected character at offset %1").arg(pos));
        const QByteArray name = rawName.toByteArray().toLower();

        skipLws(s, pos);
        if (pos >= s.size() || s[pos] != '=')
            return fail(QStringLiteral("expected '=' after %1").arg(printable(rawName)));
        ++pos;
        skipLws(s, pos);

        QByteArray value;
        if (pos < s.size() && s[pos] == '"') {
            QString quotedError;
            auto quoted = readQuoted(s, pos, &quotedError);
            if (!quoted)
                return fail(quotedError);
            value = std::move(*quoted);
        } else {
            const QByteArrayView bare = readBareValue(s, pos);
            if (bare.isEmpty())
                return fail(QStringLiteral("missing value for %1").arg(printable(rawName)));
            value = bare.toByteArray();
        }

        skipLws(s, pos);
        if (pos < s.size() && s[pos] != ',')
            return fail(QStringLiteral("expected ',' after %1").arg(printable(rawName)));

        if (seen.contains(name))
            return fail(QStringLiteral("duplicate parameter %1").arg(printable(rawName)));
        seen.append(name);

        if (name == "realm") {
            challenge.realm = std::move(value);
            haveRealm = true;
        } else if (name == "nonce") {
            challenge.nonce = std::move(value);
            haveNonce = true;
        } else if (name == "opaque") {
            challenge.opaque = std::move(value);
        } else if (name == "algorithm") {
            challenge.algorithm = DigestAlgorithms::fromName(value);
            challenge.algorithmName = std::move(value);
        } else if (name == "qop") {
            challenge.qopOptions = splitQop(value);
        } else if (name == "stale") {
            challenge.stale = value.compare("true", Qt::CaseInsensitive) == 0;
        } else if (name == "domain") {
            challenge.domain = splitDomain(value);
        } else if (name == "userhash") {
            challenge.userhash = value.compare("true", Qt::CaseInsensitive) == 0;
        }
        // Anything else (charset, auth-param extensions) is ignored, as RFC 7616 §3.3
        // requires of clients for unrecognised directives.
    }

    if (!haveRealm)
        return fail(QStringLiteral("missing realm"));
    if (!haveNonce)
        return fail(QStringLiteral("missing nonce"));
    return challenge;
}

} // namespace Sip
