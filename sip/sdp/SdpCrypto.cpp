// SPDX-FileCopyrightText: 2026 The Parlo authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "sdp/SdpCrypto.h"

#include "sdp/SdpText.h"

#include <QByteArray>

namespace Sip {

namespace {
constexpr size_t MaxKeyParams = 16;
constexpr size_t MaxSessionParams = 16;
} // namespace

std::vector<SdpCrypto::InlineKey> SdpCrypto::inlineKeys() const
{
    std::vector<InlineKey> keys;
    std::string_view rest = keyParams;
    while (!rest.empty()) {
        if (keys.size() >= MaxKeyParams)
            return {};
        const auto semi = rest.find(';');
        std::string_view piece = rest.substr(0, semi);
        rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
        // RFC 4568 §9.1: key-param = key-method ":" key-info; only "inline" is defined.
        constexpr std::string_view prefix = "inline:";
        if (piece.size() <= prefix.size() || !SdpText::equalsIgnoreCase(piece.substr(0, prefix.size()), prefix))
            return {};
        piece.remove_prefix(prefix.size());
        InlineKey key;
        const auto bar1 = piece.find('|');
        key.keySalt = std::string(piece.substr(0, bar1));
        if (key.keySalt.empty())
            return {};
        if (bar1 != std::string_view::npos) {
            std::string_view tail = piece.substr(bar1 + 1);
            const auto bar2 = tail.find('|');
            std::string_view first = tail.substr(0, bar2);
            // §9.1: lifetime = ["2^"] 1*(DIGIT); mki = mki-value ":" mki-length.
            if (first.find(':') != std::string_view::npos && bar2 == std::string_view::npos) {
                key.mki = std::string(first);
            } else {
                key.lifetime = std::string(first);
                if (bar2 != std::string_view::npos)
                    key.mki = std::string(tail.substr(bar2 + 1));
            }
            if ((bar2 != std::string_view::npos && key.mki.find(':') == std::string::npos)
                || (!key.mki.empty() && key.mki.find('|') != std::string::npos))
                return {};
        }
        keys.push_back(std::move(key));
    }
    return keys;
}

std::optional<std::string> SdpCrypto::firstKeySalt() const
{
    const auto keys = inlineKeys();
    if (keys.empty())
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(keys.front().keySalt),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return decoded.decoded.toStdString();
}

std::optional<SdpCrypto> SdpCrypto::parse(std::string_view value, std::string *error)
{
    const auto fail = [error](std::string reason) -> std::optional<SdpCrypto> {
        if (error)
            *error = std::move(reason);
        return std::nullopt;
    };
    const auto words = SdpText::splitWords(value, 3 + MaxSessionParams + 1);
    if (words.size() < 3)
        return fail("crypto needs <tag> <crypto-suite> <key-params>");
    if (words.size() > 3 + MaxSessionParams)
        return fail("crypto has too many session parameters");
    const auto tag = SdpText::toInt(words[0], 999'999'999);
    if (!tag)
        return fail("crypto tag " + SdpText::quoteForError(words[0]) + " is not a number");
    if (!SdpText::isToken(words[1]))
        return fail("crypto suite " + SdpText::quoteForError(words[1]) + " is not a token");
    SdpCrypto c;
    c.tag = *tag;
    c.suite = std::string(words[1]);
    c.keyParams = std::string(words[2]);
    for (size_t i = 3; i < words.size(); ++i)
        c.sessionParams.emplace_back(words[i]);
    if (c.inlineKeys().empty())
        return fail("crypto key-params " + SdpText::quoteForError(c.keyParams) + " are not inline:<key>[|lifetime][|mki:length]");
    return c;
}

std::string SdpCrypto::toString() const
{
    std::string out = std::to_string(tag) + ' ' + suite + ' ' + keyParams;
    for (const auto &p : sessionParams)
        out += ' ' + p;
    return out;
}

} // namespace Sip
